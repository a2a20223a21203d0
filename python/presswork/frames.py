"""pandas DataFrames from presswork results, built from numpy columns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from presswork._core import PressworkError, PressworkTypeError, PressworkValueError

if TYPE_CHECKING:
    from presswork._core import Splitter

__all__ = ["sentences_frame"]

SENTENCE_COLUMNS = ["key", "paragraph", "sentence", "start", "end", "text"]


def _keys_and_texts(texts: Any, keys: Iterable[Any] | None) -> tuple[pd.Index, list[Any]]:
    """Document keys and texts from a Series, a mapping or an iterable of texts."""
    if isinstance(texts, str):
        raise PressworkTypeError(
            "texts must be an iterable of str, not a str (wrap one text in a list)"
        )
    if isinstance(texts, pd.Series):
        index, values = texts.index, texts.tolist()
    elif isinstance(texts, Mapping):
        index, values = pd.Index(list(texts.keys())), list(texts.values())
    else:
        values = list(texts)
        index = pd.RangeIndex(len(values))
    if keys is not None:
        index = pd.Index(list(keys))
        if len(index) != len(values):
            raise PressworkValueError(f"{len(index)} keys given for {len(values)} texts")
    return index, values


def _name_bad_document(error: PressworkError, index: pd.Index, values: list[Any]) -> Exception:
    """Re-word a batch error so that it names the document's key, not its position."""
    for position, value in enumerate(values):
        if not isinstance(value, str):
            kind = "None" if value is None else type(value).__name__
            if isinstance(value, float) and np.isnan(value):
                kind = "NaN"
            return PressworkTypeError(
                f"document {index[position]!r} (position {position}) is {kind}; expected str"
            )
    return error


def sentences_frame(
    splitter: Splitter, texts: Any, keys: Iterable[Any] | None = None
) -> pd.DataFrame:
    """One row per sentence: ``key``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``.

    ``texts`` may be a pandas Series (its index gives the keys), a mapping of key to
    text, or any iterable of strings (keys are positions unless ``keys`` is given).
    Offsets are code points: ``texts[key][start:end] == text``.

    >>> from presswork import Splitter
    >>> frame = Splitter().sentences_frame({"a": "One. Two.", "b": "Three."})
    >>> frame[["key", "sentence", "text"]].to_dict("records")
    [{'key': 'a', 'sentence': 0, 'text': 'One.'}, {'key': 'a', 'sentence': 1, 'text': 'Two.'}, \
{'key': 'b', 'sentence': 0, 'text': 'Three.'}]
    """
    index, values = _keys_and_texts(texts, keys)
    try:
        columns = splitter.sentence_columns(values)
    except PressworkTypeError as error:
        raise _name_bad_document(error, index, values) from error
    documents = columns["document"]
    starts, ends = columns["start"], columns["end"]
    text = [values[d][s:e] for d, s, e in zip(documents.tolist(), starts.tolist(), ends.tolist())]
    return pd.DataFrame(
        {
            "key": index.take(documents),
            "paragraph": columns["paragraph"],
            "sentence": columns["sentence"],
            "start": starts,
            "end": ends,
            "text": pd.array(text, dtype=object),
        },
        columns=SENTENCE_COLUMNS,
    )
