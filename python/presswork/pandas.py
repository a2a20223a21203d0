"""The pandas accessor: ``import presswork.pandas`` registers ``Series.presswork``.

>>> import pandas as pd
>>> import presswork.pandas  # noqa: F401 - registers the accessor
>>> texts = pd.Series({"a": 'Dr. Ruiz spoke. "We will rebuild," she said.'})
>>> texts.presswork.sentences()["text"].tolist()
['Dr. Ruiz spoke.', '"We will rebuild," she said.']
>>> texts.presswork.quotes()[["key", "text", "speaker"]].to_dict("records")
[{'key': 'a', 'text': 'We will rebuild,', 'speaker': 'Ruiz'}]

Every method takes the Series' index as the document keys; missing documents (None,
NaN) have no rows (``analyze`` flags them in its documents table). A Series that does
not hold text is refused with a ``PressworkTypeError``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from presswork._core import (
    EntityMatcher,
    Pipeline,
    PressworkTypeError,
    QuoteExtractor,
    Splitter,
)
from presswork.pipeline import Analysis

__all__ = ["PressworkAccessor"]


@pd.api.extensions.register_series_accessor("presswork")
class PressworkAccessor:
    """``series.presswork``: presswork's engines over a Series of texts."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def _check_text(self) -> pd.Series:
        """The Series, checked to hold text: a string dtype (its values are ``str`` or
        missing by construction), or ``object`` values that are each ``str`` or missing."""
        series = self._series
        if not (pd.api.types.is_string_dtype(series.dtype) or series.dtype == object):
            raise PressworkTypeError(
                f"the presswork accessor needs a column of text (str); "
                f"{series.name or 'this Series'!r} has dtype {series.dtype}"
            )
        if series.dtype == object:
            present = series[~series.isna()]
            wrong = present.map(type) != str  # noqa: E721 - exact type check, str subclasses aside
            if wrong.any():
                key = present.index[wrong.to_numpy()][0]
                kind = type(present[key]).__name__
                raise PressworkTypeError(
                    "the presswork accessor needs a column of text (str); "
                    f"document {key!r} is {kind}"
                )
        return series

    def _texts(self) -> pd.Series:
        """The Series checked to hold text, missing documents as empty strings."""
        series = self._check_text()
        missing = series.isna()
        return series.where(~missing, "").astype(object)

    def sentences(self, splitter: Splitter | None = None) -> pd.DataFrame:
        """One row per sentence (see ``Splitter.sentences_frame``)."""
        return (splitter or Splitter()).sentences_frame(self._texts())

    def mentions(self, matcher: EntityMatcher) -> pd.DataFrame:
        """One row per gazetteer mention (see ``EntityMatcher.mentions_frame``)."""
        if not isinstance(matcher, EntityMatcher):
            raise PressworkTypeError(
                f"matcher must be a presswork.EntityMatcher, not {type(matcher).__name__}"
            )
        return matcher.mentions_frame(self._texts())

    def quotes(
        self, extractor: QuoteExtractor | None = None, *, matcher: EntityMatcher | None = None
    ) -> pd.DataFrame:
        """One row per quote (see ``QuoteExtractor.quotes_frame``); with ``matcher`` and no
        ``extractor``, speakers link to its entities."""
        return (extractor or QuoteExtractor(matcher=matcher)).quotes_frame(self._texts())

    def analyze(self, pipeline: Pipeline | None = None, **options: Any) -> Analysis:
        """The pipeline's linked tables (see ``Pipeline.analyze``); missing documents are
        rows flagged ``missing``."""
        # Refuses a Series that is not text; Arrow-backed strings are read in place.
        series = self._check_text()
        return (pipeline or Pipeline()).analyze(series, **options)
