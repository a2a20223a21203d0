"""Every way CPython stores a ``str`` (PEP 393: ASCII, Latin-1, UCS-2, UCS-4) gives the
same spans, and reading a document leaves no UTF-8 copy behind in it."""

from __future__ import annotations

import sys

import pytest

from presswork import EntityMatcher, Gazetteer, Splitter

MATCHER = EntityMatcher(Gazetteer.from_dict({"Vladimir Putin": ["Putin"], "Kremlin": []}))

#: One sentence pair in each storage width; the prefix forces the width.
STORAGE = {
    "ascii": "Putin spoke. The Kremlin agreed.",
    "latin1": "Zoë: Putin spoke. The Kremlin agreed.",
    "ucs2": "“Putin spoke.” The Kremlin’s aide agreed.",
    "ucs4": "😀 Putin spoke. The Kremlin agreed 𝔞.",
}


@pytest.mark.parametrize("kind", STORAGE)
def test_spans_slice_the_original_in_every_width(kind: str) -> None:
    text = STORAGE[kind]
    mentions = MATCHER.find(text)
    assert [text[m.start : m.end] for m in mentions] == ["Putin", "Kremlin"]
    assert [m.text for m in mentions] == ["Putin", "Kremlin"]
    columns = MATCHER.mention_columns([text, text])
    assert [text[s:e] for s, e in zip(columns["start"], columns["end"])] == ["Putin", "Kremlin"] * 2
    [batch] = MATCHER.find_batch([text])
    assert [(m.start, m.end) for m in batch] == [(m.start, m.end) for m in mentions]
    sentences = Splitter().sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [s.text for s in sentences]
    assert len(sentences) == 2
    sentence_columns = Splitter().sentence_columns([text])
    assert list(sentence_columns["start"]) == [s.start for s in sentences]
    assert [[s.start for s in b] for b in Splitter().sentences_batch([text])] == [
        [s.start for s in sentences]
    ]


@pytest.mark.parametrize("kind", ["latin1", "ucs2", "ucs4"])
def test_no_utf8_copy_is_left_in_the_str(kind: str) -> None:
    # CPython counts a cached UTF-8 form in sys.getsizeof; encoding through the C API
    # (what PyO3's &str extraction does) would add it for the life of the object.
    text = "".join([STORAGE[kind]] * 50)
    size = sys.getsizeof(text)
    MATCHER.find(text)
    MATCHER.mention_columns([text])
    Splitter().sentence_columns([text])
    Splitter().sentences(text)
    assert sys.getsizeof(text) == size


def test_long_non_ascii_document_uses_and_frees_a_large_buffer() -> None:
    # Larger than the per-thread buffer presswork keeps between calls (16 MiB).
    text = "“Putin,” he said. " * 1_100_000
    columns = MATCHER.mention_columns([text])
    assert len(columns["start"]) == 1_100_000
    assert text[columns["start"][-1] : columns["end"][-1]] == "Putin"
    assert len(MATCHER.find("“Putin” again")) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda texts: MATCHER.mention_columns(texts),
        lambda texts: MATCHER.find_batch(texts),
        lambda texts: Splitter().sentences_batch(texts),
        lambda texts: Splitter().paragraphs_batch(texts),
        lambda texts: Splitter().sentence_columns(texts),
    ],
)
def test_the_first_lone_surrogate_of_a_batch_is_named(call) -> None:  # type: ignore[no-untyped-def]
    texts = ["fine", "also “fine”", "😀 bad \udc80 text", "bad too \ud800", "fine"] * 3
    with pytest.raises(ValueError, match=r"texts\[2\] .* U\+DC80 at index 6"):
        call(texts)


def test_a_lone_surrogate_in_one_text_is_named() -> None:
    with pytest.raises(ValueError, match=r"^text cannot be encoded .* U\+D83D at index 4"):
        MATCHER.find("ab “\ud83d”")
