"""The sample corpus bundled with presswork: short news-style articles written for it."""

from __future__ import annotations

from importlib import resources

__all__ = ["sample_texts"]


def sample_texts() -> dict[str, str]:
    """The bundled sample articles, as ``{file stem: text}`` in file-name order.

    >>> texts = sample_texts()
    >>> len(texts) >= 5
    True
    """
    folder = resources.files("presswork").joinpath("data", "sample")
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".txt")),
        key=lambda entry: entry.name,
    )
    return {entry.name[: -len(".txt")]: entry.read_text(encoding="utf-8") for entry in files}
