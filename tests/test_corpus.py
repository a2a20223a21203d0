"""Sentence boundaries on the shared news corpus, checked by eye and locked in here.

Each file's sentences were read one by one (every boundary right: `Nov. 13`, `U.S.
President`, `Sept. 30`, `“Allahu akbar!” at`, `“hideous" act`, `."` ends, the
headline, `Also read:`/`Recommended:` and comment-form lines standing alone). The
start offsets below (code points; no corpus text is copied here) make any change to
them fail. The corpus sits beside the checkout; these tests skip where it is absent.
"""

from __future__ import annotations

import pytest

from presswork import Splitter

EXPECTED_STARTS = {
    "000_b2a51f21593765ed.txt": [
        0, 222, 321, 415, 426, 738, 962, 1047, 1367, 1524, 1630, 1822, 1994, 2140, 2296,
        2403, 2540, 2627, 2838, 2989, 3090, 3228, 3391, 3561, 3723, 3960, 4135,
    ],
    "001_077868484105991a.txt": [
        0, 69, 168, 360, 490, 639, 726, 888, 1069, 1201, 1287, 1584, 1793, 1864, 1985, 2224,
        2397, 2513, 2666, 2868, 3013, 3125, 3152, 3181, 3208, 3230, 3422, 3552, 3701, 3788,
        3950, 4131, 4263, 4349, 4646, 4855, 4926, 5047, 5286, 5459, 5575, 5728, 5930,
    ],
    "002_34b79099a766c2a3.txt": [
        0, 85, 437, 538, 722, 837, 1021, 1260, 1434, 1588, 1733, 1988, 2245,
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED_STARTS))
def test_corpus_sentence_boundaries(corpus_dir, name: str) -> None:
    text = (corpus_dir / name).read_text(encoding="utf-8")
    sentences = Splitter().sentences(text)
    assert [s.start for s in sentences] == EXPECTED_STARTS[name]
    for s in sentences:
        assert text[s.start : s.end] == s.text
        # Every sentence ends with a terminal mark (possibly quoted) or is a line of its own.
        line_end = text.find("\n", s.start)
        assert s.text[-1] in '.?!"”' or line_end in (-1, s.end) or text[s.end] == "\n"


def test_corpus_article_printed_twice_splits_the_same_both_times(corpus_dir) -> None:
    text = (corpus_dir / "001_077868484105991a.txt").read_text(encoding="utf-8")
    texts = [s.text for s in Splitter().sentences(text)]
    first = texts.index(texts[3], 4)  # the telegram sentence, printed again after the comment form
    repeated = texts[first:]
    assert repeated == texts[3 : 3 + len(repeated)]


def test_corpus_tricky_sentences(corpus_dir) -> None:
    text = (corpus_dir / "000_b2a51f21593765ed.txt").read_text(encoding="utf-8")
    texts = [s.text for s in Splitter().sentences(text)]
    assert any(t.startswith("U.S. President Barack Obama said") for t in texts)
    assert any(t.endswith("on Oct. 31.") for t in texts)
    assert "Photo: AP" in texts
    assert any(t.startswith("Also read:") and t.endswith('Embassy"') for t in texts)
