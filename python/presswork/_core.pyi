"""Type stubs for the Rust extension module ``presswork._core``."""

from collections.abc import Iterable, Iterator
from typing import Literal, final

import numpy as np
import numpy.typing as npt
import pandas as pd
from typing_extensions import TypeAlias

__all__ = [
    "PressworkError",
    "PressworkTypeError",
    "PressworkValueError",
    "Sentence",
    "Span",
    "Splitter",
    "__version__",
]
__version__: str

NewlineMode: TypeAlias = Literal["sentence", "paragraph", "space"]

class PressworkError(Exception):
    """Base class of every error presswork raises itself."""

class PressworkTypeError(PressworkError, TypeError):
    """An argument (or a batch item) has the wrong type; the message names it."""

class PressworkValueError(PressworkError, ValueError):
    """An argument (or a batch item) has an unusable value; the message names it."""

@final
class Span:
    """A paragraph: ``text[start:end] == span.text``; offsets are code points.

    Unpacks like a tuple: ``start, end, text = span``.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    def __new__(cls, start: int, end: int, text: str) -> Span: ...
    def __iter__(self) -> Iterator[int | str]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Sentence:
    """A sentence: its span in code points and the index of its paragraph.

    ``text[sentence.start:sentence.end] == sentence.text``.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def paragraph(self) -> int: ...
    def __new__(cls, start: int, end: int, text: str, paragraph: int) -> Sentence: ...
    def __iter__(self) -> Iterator[int | str]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Splitter:
    """Splits news text into paragraphs and sentences.

    >>> from presswork import Splitter
    >>> [s.text for s in Splitter().sentences("Dr. Smith left at 5 p.m. on Nov. 13. He said so.")]
    ['Dr. Smith left at 5 p.m. on Nov. 13.', 'He said so.']
    """

    def __new__(
        cls,
        *,
        abbreviations: Iterable[str] | None = None,
        newline: NewlineMode = "sentence",
        headlines: bool = True,
    ) -> Splitter:
        """Create a splitter.

        abbreviations: extra abbreviations (without their final period, e.g. ``"Brig"``,
            ``"approx"``); a period after one ends a sentence only when a typical
            sentence opener (``The``, ``He``, ...) follows.
        newline: what a single line break inside a paragraph means: ``"sentence"`` (it
            ends the sentence: scraped news), ``"paragraph"`` (every line is a paragraph),
            or ``"space"`` (hard-wrapped text: a line break is a space).
        headlines: in ``"space"`` mode, a headline-like line (no terminal punctuation,
            title case or much shorter than its neighbours) still stands alone.
        """
    @property
    def abbreviations(self) -> list[str]: ...
    @property
    def newline(self) -> NewlineMode: ...
    @property
    def headlines(self) -> bool: ...
    def paragraphs(self, text: str) -> list[Span]:
        """Paragraphs of ``text``: runs of lines separated by blank lines."""
    def sentences(self, text: str) -> list[Sentence]:
        """Sentences of ``text`` in document order."""
    def split(self, text: str) -> tuple[list[Span], list[Sentence]]:
        """Paragraphs and sentences of ``text`` in one pass."""
    def sentences_batch(self, texts: Iterable[str]) -> list[list[Sentence]]:
        """Sentences of many documents, split in parallel with the GIL released."""
    def paragraphs_batch(self, texts: Iterable[str]) -> list[list[Span]]:
        """Paragraphs of many documents, split in parallel with the GIL released."""
    def sentence_columns(self, texts: Iterable[str]) -> dict[str, npt.NDArray[np.int64]]:
        """Sentence offsets of many documents as numpy columns.

        Keys: ``document`` (position in ``texts``), ``paragraph``, ``sentence`` (index in
        its document), ``start`` and ``end`` (code points). The fastest way to split.
        """
    def sentences_frame(
        self, texts: object, *, keys: Iterable[object] | None = None
    ) -> pd.DataFrame:
        """A pandas DataFrame with one row per sentence.

        Columns: ``key``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``. ``texts``
        may be a pandas Series (its index gives the keys), a mapping of key to text, or any
        iterable of strings (keys are positions unless ``keys`` is given).
        """
    def __reduce__(self) -> tuple[object, ...]: ...
