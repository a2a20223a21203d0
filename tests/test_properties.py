"""Hypothesis properties of every split: ordered, disjoint, in bounds, exact, lossless."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from presswork import Splitter

SPLITTERS = [Splitter(), Splitter(newline="space"), Splitter(newline="paragraph")]

# Text biased towards what the rules look at: marks, quotes, abbreviations, spaces.
PIECES = st.sampled_from(
    [
        ".",
        "?",
        "!",
        "…",
        "...",
        ". . .",
        '"',
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\u00a0",
        "\u2009",
        "\u200b",
        "•",
        "1.",
        "2.",
        "a.",
        "b)",
        "U.S.",
        "Dr.",
        "Nov.",
        "a.m.",
        "Inc.",
        "J.",
        "I.",
        "e.g.",
        "The",
        "he",
        "said",
        "İ",
        "😀",
        "é",
        "漢",
        "x",
        "Y",
        "3.5",
        "http://a.b/c.",
        "#tag",
        "@who",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=80).map("".join))


def is_blank(text: str) -> bool:
    """White space as presswork counts it: Unicode spaces plus ZWSP, word joiner, BOM."""
    return all(c.isspace() or c in "\u200b\u2060\ufeff" for c in text)


def check(text: str, splitter: Splitter) -> None:
    paragraphs, sentences = splitter.split(text)
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert is_blank(text[previous_end : s.start]), "non-space text lost between sentences"
        assert not is_blank(s.text[0]) and not is_blank(s.text[-1])
        paragraph = paragraphs[s.paragraph]
        assert paragraph.start <= s.start and s.end <= paragraph.end
        previous_end = s.end
    assert is_blank(text[previous_end:]), "non-space text lost after the last sentence"
    previous_end = 0
    for p in paragraphs:
        assert previous_end <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == p.text
        previous_end = p.end


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    for splitter in SPLITTERS:
        check(text, splitter)


@settings(max_examples=50, deadline=None)
@given(st.lists(TEXTS, max_size=8))
def test_batch_matches_single(texts: list[str]) -> None:
    splitter = Splitter()
    assert splitter.sentences_batch(texts) == [splitter.sentences(t) for t in texts]
    columns = splitter.sentence_columns(texts)
    rebuilt = [
        texts[d][s:e] for d, s, e in zip(columns["document"], columns["start"], columns["end"])
    ]
    assert rebuilt == [s.text for t in texts for s in splitter.sentences(t)]
