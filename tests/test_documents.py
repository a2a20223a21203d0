"""The pipeline's input, read in chunks (``presswork._documents``)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

import presswork._documents as documents_module
from presswork import EntityMatcher, Gazetteer, Pipeline, PressworkTypeError, PressworkValueError
from presswork._core import _text_lengths
from presswork._documents import Documents


def chunks_of(texts: object, **options: object) -> list[list[object]]:
    return list(Documents(texts, options.get("keys"), options.get("chunk_size", 2048)).chunks())  # type: ignore[arg-type]


def test_chunks_end_at_the_document_count_or_the_code_point_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(documents_module, "CHUNK_CHARS", 10)
    texts = ["abcd", "efgh", "ijkl", "m", None, "n" * 30, "o"]
    # In memory and streamed alike: the document that reaches 10 code points ends its
    # chunk, a longer one is a chunk of its own, a missing one counts for nothing.
    expected = [["abcd", "efgh", "ijkl"], ["m", None, "n" * 30], ["o"]]
    assert chunks_of(texts) == expected
    assert chunks_of(iter(texts)) == expected
    assert chunks_of(texts, chunk_size=2) == [
        ["abcd", "efgh"],
        ["ijkl", "m"],
        [None, "n" * 30],
        ["o"],
    ]
    assert chunks_of(iter(texts), chunk_size=2) == chunks_of(texts, chunk_size=2)


def test_keys_come_from_the_index_the_mapping_positions_or_the_keys_given() -> None:
    series = pd.Series(["a", "b"], index=["x", "y"])
    assert Documents(series, None, 10).keys().tolist() == ["x", "y"]
    assert Documents({"k": "a"}, None, 10).keys().tolist() == ["k"]
    assert Documents(["a", "b"], None, 10).keys().equals(pd.RangeIndex(2))
    assert Documents(series, ["p", "q"], 10).keys().tolist() == ["p", "q"]
    stream = Documents(iter(["a", "b", "c"]), iter("pqr"), 2)
    assert [len(c) for c in stream.chunks()] == [2, 1]
    assert stream.keys().tolist() == ["p", "q", "r"]
    unnamed = Documents(iter(["a", "b"]), None, 2)
    list(unnamed.chunks())
    assert unnamed.keys().equals(pd.RangeIndex(2))


def test_sizes_are_known_for_inputs_in_memory() -> None:
    known = Documents(pd.Series(["ab", None, math.nan, "çé"], dtype=object), None, 10)
    assert (known.count, known.chars) == (4, 4)
    arrow = Documents(pd.Series(["ab", None, math.nan, "çé"], dtype="str"), None, 10)
    assert (arrow.count, arrow.chars) == (4, 6)  # Arrow strings: their UTF-8 bytes
    unknown = Documents(iter(["ab"]), None, 10)
    assert (unknown.count, unknown.chars) == (None, 0)


def test_text_lengths_count_code_points_and_nothing_for_what_is_not_text() -> None:
    values = ["ab", "", None, math.nan, "é😀\u00a0", 3, b"bytes", "x" * 70_000]
    lengths = _text_lengths(values)
    assert lengths.dtype == np.int64
    assert lengths.tolist() == [len(v) if isinstance(v, str) else 0 for v in values]
    assert _text_lengths([]).tolist() == []


def test_bad_keys_are_refused_naming_the_problem() -> None:
    with pytest.raises(PressworkValueError, match=r"differ in number \(from position 1\)"):
        Documents(["a", "b"], ["k"], 10)
    for keys in (iter("k"), iter("klm")):
        with pytest.raises(PressworkValueError, match="differ in number"):
            list(Documents(iter(["a", "b"]), keys, 10).chunks())
    with pytest.raises(PressworkValueError, match=r"unique; repeated: \['k'\]"):
        Documents(["a", "b"], ["k", "k"], 10)
    stream = Documents(iter(["a", "b"]), iter("kk"), 10)
    list(stream.chunks())
    with pytest.raises(PressworkValueError, match="unique"):
        stream.keys()
    with pytest.raises(PressworkTypeError, match="not a str"):
        Documents(["a"], "k", 10)
    with pytest.raises(PressworkValueError, match="chunk_size must be a positive int"):
        Documents(["a"], None, True)  # type: ignore[arg-type]


def test_a_wrong_type_in_a_stream_is_named_by_its_key() -> None:
    def texts() -> Iterator[object]:
        yield "Fine."
        yield None
        yield 3.5

    with pytest.raises(PressworkTypeError, match=r"document 'c' \(position 2\) is float"):
        Pipeline().analyze(texts(), keys=iter("abc"))
    analysis = Pipeline().analyze(iter(["Fine.", None]), keys=iter("ab"), chunk_size=1)
    assert analysis.documents[["key", "missing"]].values.tolist() == [["a", False], ["b", True]]


def test_arrow_backed_series_are_read_from_their_buffers(monkeypatch: pytest.MonkeyPatch) -> None:
    # pandas' default string dtype keeps the texts in Arrow arrays: the core reads their
    # UTF-8 bytes in place, with the same tables as from Python strings, whatever the
    # offsets' width, the array's chunks and slices, and the chunks cut inside them.
    pa = pytest.importorskip("pyarrow")
    monkeypatch.setattr(documents_module, "CHUNK_CHARS", 40)
    texts = [
        "“Nobody was hurt,” Putin said in Paris.",
        None,
        "Ünïcödé: Putin 😀 «Paris est là», a dit Putin.",
        "",
        math.nan,
        "Paris. " * 20,
        "Putin.",
    ]
    matcher = EntityMatcher(Gazetteer.from_dict({"Vladimir Putin": ["Putin"], "Paris": []}))
    pipeline = Pipeline(matcher=matcher)
    index = pd.Index([f"doc{n}" for n in range(len(texts))])
    expected = pipeline.analyze(pd.Series(texts, index=index, dtype=object)).tables()
    large = pd.Series(texts, index=index, dtype="str")
    narrow = pd.Series(texts, index=index, dtype=pd.ArrowDtype(pa.string()))
    chunked = pd.concat([large.iloc[:3], large.iloc[3:]])
    assert chunked.array.__arrow_array__().num_chunks == 2
    sliced = pd.concat([large, large]).iloc[len(texts) :]  # arrays with an offset
    for series in (large, narrow, chunked, sliced):
        assert Documents(series, None, 10)._arrow is not None
        got = pipeline.analyze(series).tables()
        for name, frame in expected.items():
            pd.testing.assert_frame_equal(got[name], frame)
    assert (
        expected["documents"]["missing"].tolist() == [False, True, False, False, True] + [False] * 2
    )
    python_strings = pd.Series(texts, dtype=pd.StringDtype("python"))
    assert Documents(python_strings, None, 10)._arrow is None  # not Arrow: read as str


def test_arrow_buffers_at_odd_addresses_are_read() -> None:
    # Buffers that went through a pickle (Dask's, say) can sit at any address; the
    # offsets are then copied aligned before the core reads them.
    pa = pytest.importorskip("pyarrow")
    from presswork.frames import ARROW_STRING

    texts = ["ab", "Putin said.", "déf"]
    offsets = np.cumsum([0] + [len(t.encode()) for t in texts]).astype(np.int64)
    odd = pa.py_buffer(b"\0" + offsets.tobytes()).slice(1)
    assert odd.address % 8 != 0
    array = pa.LargeStringArray.from_buffers(3, odd, pa.py_buffer("".join(texts).encode()))
    series = pd.Series(pd.array(array, dtype=ARROW_STRING))
    sentences = Pipeline().analyze(series).sentences
    assert sentences["text"].tolist() == texts
