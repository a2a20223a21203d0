"""The pandas accessor, and the examples in the package's docstrings."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pandas as pd
import pytest

import presswork.pandas  # noqa: F401 - registers Series.presswork
from presswork import (
    EntityMatcher,
    Gazetteer,
    Pipeline,
    PressworkTypeError,
    QuoteExtractor,
    Splitter,
)

TEXTS = pd.Series(
    {
        "a": 'Dr. Ruiz spoke. "We will rebuild," she said of Paris.',
        "b": None,
        "c": "Mayor Anne Hidalgo agreed. Paris mourned.",
        "d": np.nan,
    },
    name="text",
)


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    return EntityMatcher(Gazetteer.from_dict({"Paris": [], "Anne Hidalgo": ["Hidalgo"]}))


def test_each_method_equals_the_engine_on_the_present_texts(matcher: EntityMatcher) -> None:
    present = TEXTS.dropna()
    pd.testing.assert_frame_equal(
        TEXTS.presswork.sentences(Splitter(newline="space")),
        Splitter(newline="space").sentences_frame(present),
    )
    pd.testing.assert_frame_equal(
        TEXTS.presswork.mentions(matcher), matcher.mentions_frame(present)
    )
    quotes = TEXTS.presswork.quotes(matcher=matcher)
    pd.testing.assert_frame_equal(quotes, QuoteExtractor(matcher=matcher).quotes_frame(present))
    assert quotes[["key", "speaker"]].values.tolist() == [["a", "Ruiz"]]
    assert TEXTS.presswork.sentences()["key"].unique().tolist() == ["a", "c"]


def test_analyze_flags_the_missing_documents(matcher: EntityMatcher) -> None:
    analysis = TEXTS.presswork.analyze(Pipeline(matcher=matcher), progress=False)
    assert analysis.documents["missing"].tolist() == [False, True, False, True]
    assert analysis.mentions["text"].tolist() == ["Paris", "Anne Hidalgo", "Paris"]


def test_a_column_that_is_not_text_is_refused(matcher: EntityMatcher) -> None:
    with pytest.raises(PressworkTypeError, match="dtype int64"):
        pd.Series([1, 2], name="n").presswork.sentences()
    with pytest.raises(PressworkTypeError, match="document 1 is bytes"):
        pd.Series(["ok", b"raw"]).presswork.quotes()
    with pytest.raises(PressworkTypeError, match="EntityMatcher"):
        TEXTS.presswork.mentions("Paris")  # type: ignore[arg-type]
    with pytest.raises(PressworkTypeError, match="dtype float64"):
        pd.Series([np.nan, 1.5]).presswork.analyze()
    with pytest.raises(PressworkTypeError, match="document 1 is bytes"):
        pd.Series(["ok", b"raw"]).presswork.analyze()


def test_string_dtype_columns_work() -> None:
    texts = pd.Series(["Dr. Ruiz spoke.", None], dtype="string")
    assert TEXTS.presswork.sentences().shape[1] == texts.presswork.sentences().shape[1]
    assert len(texts.presswork.sentences()) == 1
    for dtype in ("string", "str"):  # Arrow-backed: analysed from the Arrow buffers
        analysis = TEXTS.astype(dtype).presswork.analyze(progress=False)
        expected = TEXTS.astype(object).presswork.analyze(progress=False)
        pd.testing.assert_frame_equal(analysis.sentences, expected.sentences)
        assert analysis.documents["missing"].tolist() == [False, True, False, True]


@pytest.mark.parametrize(
    "module",
    [
        "presswork.pandas",
        "presswork.frames",
        "presswork.datasets",
        "presswork.pipeline",
        "presswork",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
