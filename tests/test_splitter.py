"""The Splitter's Python API: offsets, batches, frames, options, pickling, threads."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import presswork
from presswork import Sentence, Span, Splitter

NEWS = (
    "PARIS — French President François Hollande met Dr. Ana Ruiz on Nov. 13.\u00a0"
    "“We stand with İstanbul 😀,” he said.\r\n\r\n"
    "Gen. J. K. Smith arrived at 9 a.m. Friday. 漢字 are fine too."
)


def test_offsets_are_code_points_on_non_ascii_text() -> None:
    splitter = Splitter()
    sentences = splitter.sentences(NEWS)
    assert [s.text for s in sentences] == [
        "PARIS — French President François Hollande met Dr. Ana Ruiz on Nov. 13.",
        "“We stand with İstanbul 😀,” he said.",
        "Gen. J. K. Smith arrived at 9 a.m. Friday.",
        "漢字 are fine too.",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]
    for s in sentences:
        assert NEWS[s.start : s.end] == s.text
    paragraphs = splitter.paragraphs(NEWS)
    assert len(paragraphs) == 2
    for p in paragraphs:
        assert NEWS[p.start : p.end] == p.text


@pytest.mark.parametrize(
    "text",
    [
        "e\u0301te\u0301. Ca\u0301fe\u0301 closed.",
        "İİİ. İi.",
        "a\u00a0b. C\u2009d.",
        "👩‍👩‍👧. 👍 Done.",
    ],
)
def test_offsets_on_combining_marks_and_wide_characters(text: str) -> None:
    for s in Splitter().sentences(text):
        assert text[s.start : s.end] == s.text


def test_split_returns_both() -> None:
    paragraphs, sentences = Splitter().split(NEWS)
    assert paragraphs == Splitter().paragraphs(NEWS)
    assert sentences == Splitter().sentences(NEWS)


def test_span_and_sentence_objects() -> None:
    sentence = Splitter().sentences("One. Two.")[1]
    assert sentence == Sentence(5, 9, "Two.", 0)
    assert sentence != Sentence(5, 9, "Two.", 1)
    start, end, text, paragraph = sentence
    assert (start, end, text, paragraph) == (5, 9, "Two.", 0)
    assert repr(sentence) == "Sentence(start=5, end=9, text='Two.', paragraph=0)"
    assert hash(sentence) == hash(Sentence(5, 9, "Two.", 0))
    span = Splitter().paragraphs("One. Two.")[0]
    assert span == Span(0, 9, "One. Two.")
    assert tuple(span) == (0, 9, "One. Two.")
    assert len({span, Span(0, 9, "One. Two.")}) == 1


def test_batch_equals_one_at_a_time() -> None:
    splitter = Splitter()
    texts = [NEWS, "", "One. Two.", "  \n ", "Ask Osei and co. They know."] * 20
    batch = splitter.sentences_batch(texts)
    assert batch == [splitter.sentences(t) for t in texts]
    assert splitter.paragraphs_batch(iter(texts)) == [splitter.paragraphs(t) for t in texts]


def test_sentence_columns() -> None:
    splitter = Splitter()
    texts = [NEWS, "", "One. Two."]
    columns = splitter.sentence_columns(texts)
    assert set(columns) == {"document", "paragraph", "sentence", "start", "end"}
    for column in columns.values():
        assert column.dtype == np.int64
    assert columns["document"].tolist() == [0, 0, 0, 0, 2, 2]
    assert columns["sentence"].tolist() == [0, 1, 2, 3, 0, 1]
    rebuilt = [
        texts[d][s:e] for d, s, e in zip(columns["document"], columns["start"], columns["end"])
    ]
    expected = [s.text for t in texts for s in splitter.sentences(t)]
    assert rebuilt == expected


def test_sentences_frame_from_series_keeps_the_index() -> None:
    series = pd.Series({"a1": NEWS, "b2": "One. Two."})
    frame = Splitter().sentences_frame(series)
    assert list(frame.columns) == ["key", "paragraph", "sentence", "start", "end", "text"]
    assert frame["key"].tolist() == ["a1"] * 4 + ["b2"] * 2
    for row in frame.itertuples():
        assert series[row.key][row.start : row.end] == row.text


def test_sentences_frame_from_list_dict_and_keys() -> None:
    splitter = Splitter()
    by_list = splitter.sentences_frame(["One. Two.", "Three."])
    assert by_list["key"].tolist() == [0, 0, 1]
    by_dict = splitter.sentences_frame({"x": "One. Two.", "y": "Three."})
    assert by_dict["key"].tolist() == ["x", "x", "y"]
    by_keys = splitter.sentences_frame(["One.", "Two."], keys=["p", "q"])
    assert by_keys["key"].tolist() == ["p", "q"]
    empty = splitter.sentences_frame([])
    assert len(empty) == 0 and list(empty.columns)[0] == "key"


def test_options_and_repr() -> None:
    splitter = Splitter(abbreviations=["Brgy."], newline="space", headlines=False)
    assert splitter.abbreviations == ["Brgy"]
    assert splitter.newline == "space"
    assert splitter.headlines is False
    assert repr(splitter) == 'Splitter(abbreviations=["Brgy"], newline="space", headlines=False)'
    text = "The Brgy. Captain spoke. He left."
    assert [s.text for s in splitter.sentences(text)] == ["The Brgy. Captain spoke.", "He left."]
    assert len(Splitter().sentences(text)) == 3


def test_every_object_pickles() -> None:
    splitter = Splitter(abbreviations=["Brgy"], newline="paragraph", headlines=False)
    copy = pickle.loads(pickle.dumps(splitter))
    assert repr(copy) == repr(splitter)
    assert copy.sentences(NEWS) == splitter.sentences(NEWS)
    for obj in [*splitter.sentences(NEWS), *splitter.paragraphs(NEWS)]:
        assert pickle.loads(pickle.dumps(obj)) == obj


def test_shared_between_threads() -> None:
    splitter = Splitter()
    texts = [NEWS * (i % 7 + 1) for i in range(64)]
    expected = [splitter.sentences(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(splitter.sentences, texts))
        batches = list(pool.map(splitter.sentences_batch, [texts] * 4))
    assert got == expected
    assert all(batch == expected for batch in batches)


def test_version() -> None:
    assert presswork.__version__.count(".") == 2
