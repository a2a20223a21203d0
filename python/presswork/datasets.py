"""What presswork bundles: a sample corpus of short news-style articles written for it,
and gazetteers for that sample and for the shared news corpus."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from presswork._core import Gazetteer

__all__ = ["bundled_gazetteer", "sample_texts"]


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


def bundled_gazetteer(name: Literal["sample", "corpus"] = "sample") -> Gazetteer:
    """A gazetteer bundled with presswork: ``"sample"`` (the people, organisations and
    places of the sample articles) or ``"corpus"`` (those of the shared news corpus on
    Russia's reaction to the attacks in France, with role, country and gender fields).

    >>> from presswork import EntityMatcher
    >>> gazetteer = bundled_gazetteer("corpus")
    >>> [m.name for m in EntityMatcher(gazetteer).find("President Putin spoke.")]
    ['Vladimir Putin']
    """
    from presswork._core import Gazetteer, PressworkValueError

    if name not in ("sample", "corpus"):
        raise PressworkValueError(f"name must be 'sample' or 'corpus', not {name!r}")
    file = resources.files("presswork").joinpath("data", "gazetteers", f"{name}.jsonl")
    return Gazetteer.from_jsonl(file.read_text(encoding="utf-8"))
