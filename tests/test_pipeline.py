"""Pipeline: linked tables, flags, missing and failing documents, streaming, pickling."""

from __future__ import annotations

import gc
import math
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from presswork import (
    EntityMatcher,
    Gazetteer,
    Pipeline,
    PressworkTypeError,
    PressworkValueError,
    QuoteExtractor,
    Splitter,
    _core,
    read_corpus,
    sample_texts,
)

DOUBLED = "\n\n".join(
    [
        '"Paris will recover," Putin said.',
        'Also read: "Moscow mourns"',
        "Please enter your comment!\nPlease enter your name here",
        '"Paris will recover," Putin said.',
    ]
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    gazetteer = Gazetteer.from_dict(
        {"Vladimir Putin": ["Putin", "President Putin"], "Irina Volk": ["Volk"], "Paris": []}
    )
    return Pipeline(matcher=EntityMatcher(gazetteer))


def spans_slice(frame: pd.DataFrame, texts: dict[object, str]) -> None:
    for key, start, end, text in frame[["key", "start", "end", "text"]].itertuples(index=False):
        assert texts[key][start:end] == text


def test_tables_are_linked_and_every_span_slices_its_text(pipeline: Pipeline) -> None:
    texts = {
        "a": "Spokeswoman Irina Volk spoke. “Nobody was hurt,” she said of Paris. Volk left.",
        "b": 'Ünïcödé first: «Putin est là», a dit Volk. 😀 "Putin," she said.',
    }
    analysis = pipeline.analyze(pd.Series(texts), paragraph_text=True)
    for name in ("paragraphs", "sentences", "mentions", "quotes"):
        spans_slice(getattr(analysis, name), texts)
    # The paragraphs' text (a second copy of the corpus) only on request.
    plain = pipeline.analyze(pd.Series(texts))
    assert "text" not in plain.paragraphs
    pd.testing.assert_frame_equal(plain.paragraphs, analysis.paragraphs.drop(columns="text"))
    with pytest.raises(PressworkTypeError, match="paragraph_text must be a bool"):
        pipeline.analyze(texts, paragraph_text="yes")  # type: ignore[arg-type]
    documents = analysis.documents.set_index("key")
    assert documents.loc["a", "length"] == len(texts["a"])
    assert documents["sentences"].tolist() == analysis.sentences.groupby("key").size().tolist()
    assert documents["quotes"].sum() == len(analysis.quotes)
    quotes = analysis.quotes
    first = quotes.iloc[0]
    assert (first["key"], first["text"], first["speaker"], first["entity_id"]) == (
        "a",
        "Nobody was hurt,",
        "Irina Volk",
        "Irina Volk",
    )
    # The mention inside the quote names its quote; the quote lists its entities.
    inside = analysis.mentions.dropna(subset=["quote"])
    assert inside[["key", "text", "quote"]].values.tolist() == [
        ["b", "Putin", 0],
        ["b", "Putin", 1],
    ]
    assert list(quotes.set_index(["key", "quote"]).loc[("b", 0), "entities"]) == ["Vladimir Putin"]
    assert quotes["entities"].map(len).tolist() == [0, 1, 1]


def test_repeats_and_boilerplate_are_flagged_and_counted_once(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze([DOUBLED])
    paragraphs = analysis.paragraphs
    assert paragraphs["repeat_of"].tolist() == [pd.NA, pd.NA, pd.NA, 0]
    assert paragraphs["boilerplate"].astype(object).tolist()[1:3] == ["link", "comment_form"]
    quotes = analysis.quotes
    assert len(quotes) == 3  # every quote found, the link title too
    assert quotes["counted"].tolist() == [True, False, False]
    document = analysis.documents.iloc[0]
    assert (document["quotes"], document["counted_quotes"]) == (3, 1)
    assert (document["repeated_paragraphs"], document["boilerplate_paragraphs"]) == (1, 2)
    assert analysis.mentions.groupby("counted").size().to_dict() == {False: 2, True: 2}


def test_the_corpus_article_printed_twice_counts_its_quotes_once(corpus_dir: Path) -> None:
    corpus = read_corpus(corpus_dir)
    analysis = Pipeline().analyze(corpus.set_index("key")["text"])
    documents = analysis.documents.set_index("key")
    doubled = documents.loc["001_077868484105991a"]
    assert doubled["repeated_paragraphs"] == 11
    assert doubled["boilerplate_paragraphs"] == 3  # ?s=96…, the comment form, the links
    assert doubled["counted_quotes"] * 2 <= doubled["quotes"]
    counted = analysis.quotes[analysis.quotes["counted"]]
    assert not counted.duplicated(["key", "text"]).any()
    spans_slice(analysis.quotes, dict(zip(corpus["key"], corpus["text"])))


def test_missing_documents_are_empty_rows_and_wrong_types_are_refused(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(
        pd.Series(["Putin spoke.", None, math.nan, pd.NA], index=list("wxyz"))
    )
    documents = analysis.documents
    assert documents["missing"].tolist() == [False, True, True, True]
    assert documents["sentences"].tolist() == [1, 0, 0, 0]
    with pytest.raises(PressworkTypeError, match=r"document 'k' \(position 1\) is int"):
        pipeline.analyze({"j": "Fine.", "k": 7})
    with pytest.raises(PressworkTypeError, match="not a DataFrame"):
        pipeline.analyze(pd.DataFrame({"text": ["x"]}))
    with pytest.raises(PressworkTypeError, match="not bytes"):
        pipeline.analyze(b"text")
    with pytest.raises(PressworkValueError, match="unique"):
        pipeline.analyze(["a", "b"], keys=["k", "k"])
    with pytest.raises(PressworkValueError, match="differ in number"):
        pipeline.analyze(["a", "b"], keys=["k"])
    with pytest.raises(PressworkValueError, match="chunk_size"):
        pipeline.analyze(["a"], chunk_size=0)
    with pytest.raises(PressworkTypeError, match="QuoteExtractor"):
        Pipeline(quotes=Splitter())  # type: ignore[arg-type]


def test_a_failing_document_is_reported_and_the_others_finish(pipeline: Pipeline) -> None:
    texts = ['"Yes," Putin said.', "bad \ud800 text", '"No," Volk said.']
    analysis = pipeline.analyze(texts)
    documents = analysis.documents
    assert documents["error"].isna().tolist() == [True, False, True]
    assert "lone surrogate U+D800 at index 4" in documents["error"][1]
    assert analysis.quotes["speaker"].tolist() == ["Putin", "Volk"]


def test_streaming_chunks_threads_and_pickles_give_the_same_tables(pipeline: Pipeline) -> None:
    texts = list(sample_texts().values()) * 3 + [DOUBLED, ""]
    whole = pipeline.analyze(texts)
    streamed = pipeline.analyze(iter(texts), chunk_size=4)
    revived = pickle.loads(pickle.dumps(pipeline)).analyze(texts, chunk_size=7)
    for name, frame in whole.tables().items():
        pd.testing.assert_frame_equal(frame, getattr(streamed, name), obj=name)
        pd.testing.assert_frame_equal(frame, getattr(revived, name), obj=name)
    assert len(whole.quotes) > 20


def test_one_text_an_empty_corpus_and_the_parts(pipeline: Pipeline) -> None:
    one = pipeline.analyze('"Hi," Volk said.')
    assert one.quotes["key"].tolist() == [0]
    empty = pipeline.analyze([])
    assert [len(f) for f in empty.tables().values()] == [0] * 5
    assert list(empty.quotes.columns) == list(one.quotes.columns)
    extractor = QuoteExtractor(nested=True)
    made = Pipeline(quotes=extractor)
    assert made.quotes.nested and made.matcher is None
    assert Pipeline(matcher=pipeline.matcher, quotes=extractor).matcher is pipeline.matcher


def test_arrow_export_goes_through_the_pycapsule_interface(pipeline: Pipeline) -> None:
    pa = pytest.importorskip("pyarrow")
    analysis = pipeline.analyze({"a": '"Paris," Putin said.', "b": "No quotes."})
    table = pa.table(analysis)  # reads __arrow_c_stream__
    assert table.column("speaker").to_pylist() == ["Putin"]
    assert table.column("entities").to_pylist() == [["Paris"]]
    assert analysis.arrow("documents").num_rows == 2
    with pytest.raises(PressworkValueError, match="table must be one of"):
        analysis.arrow("nope")


def test_without_pyarrow_the_same_tables_in_object_columns(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = {"a": "“Paris and Paris,” Putin said of Volk. Ünïcödé.", "b": DOUBLED}
    with_arrow = pipeline.analyze(texts, paragraph_text=True)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    without = pipeline.analyze(texts, paragraph_text=True)
    for name in ("paragraphs", "sentences", "mentions", "quotes"):
        spans_slice(getattr(without, name), texts)
    quotes = without.quotes
    assert quotes["entities"].tolist()[0] == ("Paris",)  # each entity once
    assert quotes["speaker"].tolist() == with_arrow.quotes["speaker"].astype(object).tolist()
    assert [tuple(c) for c in without.mentions["candidates"]] == [
        tuple(c) for c in with_arrow.mentions["candidates"]
    ]


class _OnChunkSpy:
    """A pipeline whose table builder gets its per-chunk callback through ``wrap``."""

    def __init__(
        self,
        inner: Pipeline,
        wrap: Callable[[Callable[[list[str]], None]], Callable[[list[str]], None]],
    ) -> None:
        self.inner, self.wrap = inner, wrap

    def _table_builder(self, **options: Any) -> Any:
        builder, wrap = self.inner._table_builder(**options), self.wrap

        class Builder:
            def run(self, chunks: Any, on_chunk: Any, *checks: Any) -> list[int]:
                return builder.run(chunks, wrap(on_chunk), *checks)

            def finish(self) -> Any:
                return builder.finish()

        return Builder()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_stream_is_read_a_chunk_at_a_time_with_a_progress_bar(
    pipeline: Pipeline, capsys: pytest.CaptureFixture[str]
) -> None:
    import presswork.pipeline as module

    pulled: list[int] = []

    def documents() -> Iterator[str]:
        for n in range(40):
            pulled.append(n)
            yield f'"Item {n}," Volk said.'

    pulled_when_a_chunk_was_in: list[int] = []

    def recording(on_chunk: Callable[[list[str]], None]) -> Callable[[list[str]], None]:
        def recorded(chunk: list[str]) -> None:  # what was read as chunks come in
            pulled_when_a_chunk_was_in.append(len(pulled))
            on_chunk(chunk)

        return recorded

    spy = _OnChunkSpy(pipeline, recording)
    analysis = module.analyze(spy, documents(), chunk_size=4, progress=True)  # type: ignore[arg-type]
    # Chunks are analysed while earlier ones are taken in, but the stream is read at most
    # _CHUNKS_IN_FLIGHT chunks (of 4 documents) ahead of the rows in the tables.
    ahead = _core._CHUNKS_IN_FLIGHT
    assert 1 < ahead < 10
    assert pulled_when_a_chunk_was_in == [min(40, 4 * (n + ahead)) for n in range(10)]
    assert len(analysis.quotes) == 40
    assert "presswork: 40doc" in capsys.readouterr().err  # tqdm (length unknown), stderr
    pipeline.analyze(documents(), chunk_size=4, progress=False)
    assert capsys.readouterr().err == ""


def test_co_mentions_count_units_once_and_leave_repeats_out(pipeline: Pipeline) -> None:
    texts = [
        "Putin met Volk in Paris. Putin, Putin and Paris again.\n\nVolk left.",
        DOUBLED + "\n\nPutin is in Paris.",
    ]
    analysis = pipeline.analyze(texts)
    by_sentence = analysis.co_mentions()
    rows = by_sentence[["name_a", "name_b", "units"]].values.tolist()
    # Sentences: doc 0 has two with Putin and Paris; doc 1 counts its first paragraph and
    # its last sentence, not the repeat.
    assert rows == [
        ["Paris", "Vladimir Putin", 4],
        ["Irina Volk", "Paris", 1],
        ["Irina Volk", "Vladimir Putin", 1],
    ]
    everything = analysis.co_mentions(counted=False)
    assert everything["units"].iloc[0] == 5
    by_document = analysis.co_mentions("document")
    assert by_document.set_index(["entity_a", "entity_b"])["units"].max() == 2
    with pytest.raises(PressworkValueError, match="by must be one of"):
        analysis.co_mentions("word")


def test_columns_own_their_memory_and_can_be_written(pipeline: Pipeline) -> None:
    # The core's columns live in memory mappings owned by the numpy arrays over them:
    # they outlive every other object of the call, and pandas may write into them.
    analysis = pipeline.analyze(["Putin spoke in Paris. “Yes,” Volk said.", "Paris."])
    sentences = analysis.sentences
    del analysis
    gc.collect()
    assert sentences["start"].tolist() == [0, 22, 0]
    sentences.loc[0, "start"] = 7
    sentences["end"] += 1
    assert sentences["start"].tolist() == [7, 22, 0]
    assert sentences["end"].tolist() == [22, 40, 7]


def test_an_error_while_reading_a_stream_stops_the_analysis(pipeline: Pipeline) -> None:
    # Chunks are still being analysed when the stream fails: they finish, and the
    # stream's own error comes out.
    def documents() -> Iterator[str]:
        for n in range(50):
            yield f'"Item {n}," Volk said.'
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="the disk went away"):
        pipeline.analyze(documents(), chunk_size=3)
    assert len(pipeline.analyze(["Fine."]).documents) == 1  # the pipeline still works


def test_ctrl_c_stops_a_long_analysis(pipeline: Pipeline) -> None:
    # The pool's threads read the stream; the calling thread waits and checks for
    # signals, so Ctrl-C (here, SIGINT sent to the process) stops even an endless stream.
    import os
    import signal
    import threading
    import time

    class Interrupted(Exception):
        pass

    def on_sigint(signum: int, frame: object) -> None:
        raise Interrupted

    read = 0

    def endless() -> Iterator[str]:
        nonlocal read
        while True:
            read += 1
            yield f'"Item {read}," Volk said in Paris.'

    previous = signal.signal(signal.SIGINT, on_sigint)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    try:
        started = time.monotonic()
        timer.start()
        with pytest.raises(Interrupted):
            pipeline.analyze(endless(), progress=False)
        assert time.monotonic() - started < 10
        assert read > 0
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert len(pipeline.analyze(["Fine."]).documents) == 1


def test_errors_from_the_first_chunk_or_a_callback_stop_the_analysis(pipeline: Pipeline) -> None:
    # The first chunks are read by the calling thread, the later ones by the pool's
    # threads: an error from either, or from the per-chunk callback, comes out as it is.
    import presswork.pipeline as module

    def failing_at_once() -> Iterator[str]:
        raise OSError("nothing to read")
        yield "never"

    with pytest.raises(OSError, match="nothing to read"):
        pipeline.analyze(failing_at_once())

    def failing(on_chunk: Callable[[list[str]], None]) -> Callable[[list[str]], None]:
        def fail(chunk: list[str]) -> None:
            raise RuntimeError("the progress bar broke")

        return fail

    texts = [f'"Item {n}," Volk said.' for n in range(50)]
    with pytest.raises(RuntimeError, match="the progress bar broke"):
        module.analyze(_OnChunkSpy(pipeline, failing), texts, chunk_size=3)  # type: ignore[arg-type]
    assert len(pipeline.analyze(texts, chunk_size=3).quotes) == 50
