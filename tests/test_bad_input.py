"""Bad input gets a clear exception naming what was wrong; nothing panics or is lost."""

from __future__ import annotations

import math
import time

import pandas as pd
import pytest

from presswork import PressworkError, PressworkTypeError, PressworkValueError, Splitter


@pytest.mark.parametrize(
    ("item", "words"),
    [(None, "None"), (math.nan, "NaN"), (b"bytes", "bytes"), (42, "int"), (["x"], "list")],
)
def test_bad_batch_item_names_its_position(item: object, words: str) -> None:
    texts = ["Fine.", "Also fine.", item]
    for method in ("sentences_batch", "paragraphs_batch", "sentence_columns"):
        with pytest.raises(TypeError, match=rf"texts\[2\] is .*{words}"):
            getattr(Splitter(), method)(texts)


def test_bad_single_text() -> None:
    with pytest.raises(PressworkTypeError, match="text is None"):
        Splitter().sentences(None)  # type: ignore[arg-type]
    with pytest.raises(PressworkTypeError, match="text is of type bytes"):
        Splitter().paragraphs(b"x")  # type: ignore[arg-type]


def test_lone_surrogate_is_a_value_error_naming_the_position() -> None:
    with pytest.raises(
        PressworkValueError, match=r"texts\[1\] cannot be encoded .* U\+D800 at index 4"
    ):
        Splitter().sentence_columns(["ok", "bad \ud800 text"])
    with pytest.raises(ValueError, match="text cannot be encoded .* U\\+DFFF at index 0"):
        Splitter().sentences("\udfff")
    with pytest.raises(ValueError, match=r"U\+DC80 at index 2"):
        Splitter().sentences("😀 \udc80")


def test_exception_hierarchy() -> None:
    assert issubclass(PressworkTypeError, PressworkError)
    assert issubclass(PressworkTypeError, TypeError)
    assert issubclass(PressworkValueError, ValueError)
    assert PressworkError.__module__ == "presswork"


def test_a_str_is_not_a_batch() -> None:
    with pytest.raises(TypeError, match="not a str"):
        Splitter().sentences_batch("One. Two.")
    with pytest.raises(TypeError, match="iterable of str, not int"):
        Splitter().sentence_columns(5)


def test_series_with_missing_documents_names_the_key() -> None:
    series = pd.Series(["One.", None], index=["first", "second"])
    with pytest.raises(PressworkTypeError, match="document 'second' .* is (None|NaN)"):
        Splitter().sentences_frame(series)


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="unknown newline mode"):
        Splitter(newline="wrap")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a str"):
        Splitter(abbreviations="Brgy")
    with pytest.raises(TypeError, match=r"abbreviations\[1\] is of type int"):
        Splitter(abbreviations=["ok", 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"abbreviations\[0\]"):
        Splitter(abbreviations=["two words"])
    with pytest.raises(TypeError):
        Splitter("sentence")  # type: ignore[misc]
    with pytest.raises(PressworkValueError, match="3 keys given for 2 texts"):
        Splitter().sentences_frame(["a", "b"], keys=[1, 2, 3])


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\u00a0\t\r\n", "\u200b\ufeff"])
def test_empty_and_blank_text_has_no_sentences(text: str) -> None:
    assert Splitter().sentences(text) == []
    assert Splitter().paragraphs(text) == []


ADVERSARIAL = {
    "dots": ".",
    "quotes": '"',
    "ellipses": "...",
    "newlines": "\n",
    "enumerators": "1. A ",
    "bullets": "• ",
    "initials": "A. ",
    "curly": "“’ ",
}


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_adversarial_megabyte_does_not_panic(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    started = time.perf_counter()
    columns = Splitter().sentence_columns([text])
    assert time.perf_counter() - started < 10  # generous: linearity is measured in benchmarks/
    assert (columns["end"] <= len(text)).all()


def test_two_hundred_megabyte_document() -> None:
    paragraph = "Dr. Ana Ruiz said on Nov. 13 that the U.S. plan works. “It does,” she said.\n\n"
    text = paragraph * (200_000_000 // len(paragraph))
    columns = Splitter().sentence_columns([text])
    assert len(columns["start"]) == 2 * (200_000_000 // len(paragraph))
    assert columns["end"][-1] == len(text.rstrip())
