"""EntityMatcher: the default semantics, every option, offsets, ambiguity, batches,
DataFrames, pickling, threads and bad input."""

from __future__ import annotations

import gc
import pickle
import threading
from pathlib import Path

import pandas as pd
import pytest

from presswork import EntityMatcher, Gazetteer, Mention, PressworkTypeError

GAZETTEERS = Path(__file__).resolve().parent.parent / "python" / "presswork" / "data" / "gazetteers"


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    g = Gazetteer.from_records(
        [
            {"id": "putin", "name": "Vladimir Putin", "type": "PERSON", "aliases": ["Putin"]},
            {"id": "cc", "name": "Carnegie Center", "type": "ORG", "country": "RU"},
            {"id": "imamoglu", "name": "Ekrem İmamoğlu", "type": "PERSON"},
            {"id": "nestle", "name": "Nestlé", "type": "ORG"},
            {"id": "fw", "name": "Frank-Walter Steinmeier", "type": "PERSON"},
            {"id": "ohara", "name": "Dan O'Hara", "type": "PERSON"},
            {"id": "paris", "name": "Paris", "type": "GPE"},
            {"id": "ny", "name": "New York", "type": "GPE"},
            {"id": "nyt", "name": "New York Times", "type": "ORG"},
        ]
    )
    return EntityMatcher(g)


def spans(matcher: EntityMatcher, text: str) -> list[tuple[str, str | None]]:
    found = matcher.find(text)
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.entity_id) for m in found]


def test_default_semantics(matcher: EntityMatcher) -> None:
    text = (
        "İİ 😀 EKREM İMAMOĞLU met PUTIN, then Vladimir Putin; Carnegie Center’s expert, "
        "Nestlé’s board, Frank–Walter\u00a0Steinmeier and Dan O’Hara. "
        "Parisians, New York Timesless."
    )
    assert spans(matcher, text) == [
        ("EKREM İMAMOĞLU", "imamoglu"),
        ("PUTIN", "putin"),
        ("Vladimir Putin", "putin"),
        ("Carnegie Center", "cc"),
        ("Nestlé", "nestle"),
        ("Frank–Walter\u00a0Steinmeier", "fw"),
        ("Dan O’Hara", "ohara"),
        ("New York", "ny"),
    ]


def test_mention_fields(matcher: EntityMatcher) -> None:
    (m,) = matcher.find("at the Carnegie Center.")
    assert (m.start, m.end, m.alias, m.name, m.type) == (
        7,
        22,
        "Carnegie Center",
        "Carnegie Center",
        "ORG",
    )
    assert m.extra == {"country": "RU"} and not m.ambiguous and m.candidates == ("cc",)
    assert m.entity is not None and m.entity.id == "cc"
    again = pickle.loads(pickle.dumps(m))
    assert again == m and hash(again) == hash(m) and again.text == "Carnegie Center"
    assert "entity_id='cc'" in repr(m)
    # Mentions come by the thousand: the cycle collector need not scan them.
    assert not gc.is_tracked(m)
    with pytest.raises(ValueError, match="7..22 cannot have a text of 3 characters"):
        Mention(7, 22, "abc", m.alias, m.entities)


@pytest.mark.parametrize(
    ("option", "text", "found"),
    [
        ("case_sensitive", "putin and Putin", ["Putin"]),
        ("normalize_punctuation", "Dan O’Hara and Dan O'Hara", ["Dan O'Hara"]),
        ("normalize_spaces", "New\u00a0York and New York", ["New York"]),
        ("whole_words", "Parisians", ["Paris"]),
    ],
)
def test_each_option_switches_off(
    matcher: EntityMatcher, option: str, text: str, found: list[str]
) -> None:
    flipped = {option: option == "case_sensitive"}
    other = EntityMatcher(matcher.gazetteer, **flipped)  # type: ignore[arg-type]
    assert [m.text for m in other.find(text)] == found
    assert getattr(other, option) is (option == "case_sensitive")


def test_overlapping(matcher: EntityMatcher) -> None:
    overlapping = EntityMatcher(matcher.gazetteer, overlapping=True)
    found = [
        (m.start, m.end, m.text) for m in overlapping.find("The New York Times and Vladimir Putin")
    ]
    assert found == [
        (4, 12, "New York"),
        (4, 18, "New York Times"),
        (23, 37, "Vladimir Putin"),
        (32, 37, "Putin"),
    ]


def test_ambiguous_mentions_carry_every_candidate() -> None:
    g = Gazetteer.from_records(
        [
            {"id": "ga-us", "name": "Georgia", "type": "GPE"},
            {"id": "ga-c", "name": "Sakartvelo", "aliases": ["Georgia"], "type": "GPE"},
        ]
    )
    m = EntityMatcher(g)
    (mention,) = m.find("Georgia")
    assert mention.ambiguous and mention.entity is None and mention.entity_id is None
    assert mention.candidates == ("ga-us", "ga-c")
    frame = m.mentions_frame(["In Georgia."])
    assert frame["ambiguous"].tolist() == [True]
    assert [list(c) for c in frame["candidates"]] == [["ga-us", "ga-c"]]
    assert frame["entity_id"].isna().all()
    counts = m.count(["In Georgia."])
    assert sorted(counts["entity_id"]) == ["ga-c", "ga-us"]
    assert counts["ambiguous"].tolist() == [1, 1]


def test_batch_columns_and_frames(matcher: EntityMatcher) -> None:
    docs = ["Putin in Paris.", "", "PARIS, Putin’s «Nestlé»", "nothing"]
    batch = matcher.find_batch(docs)
    assert batch == [matcher.find(d) for d in docs]
    columns = matcher.mention_columns(docs)
    assert columns["document"].tolist() == [0, 0, 2, 2, 2]
    series = pd.Series(docs, index=["a", "b", "c", "d"])
    frame = matcher.mentions_frame(series)
    assert frame["key"].tolist() == ["a", "a", "c", "c", "c"]
    assert all(
        series[k][s:e] == t
        for k, s, e, t in frame[["key", "start", "end", "text"]].itertuples(index=False)
    )
    assert frame.loc[frame["entity_id"] == "cc"].empty
    counts = matcher.count(series)
    assert counts.set_index(["key", "entity_id"])["mentions"].to_dict() == {
        ("a", "putin"): 1,
        ("a", "paris"): 1,
        ("c", "paris"): 1,
        ("c", "putin"): 1,
        ("c", "nestle"): 1,
    }


def test_pickle_and_threads(matcher: EntityMatcher) -> None:
    again = pickle.loads(pickle.dumps(matcher))
    text = "Vladimir Putin met Ekrem İmamoğlu in Paris. " * 50
    assert again.find(text) == matcher.find(text)
    assert repr(again) == repr(matcher)
    results: list[list[Mention]] = []

    def work() -> None:
        for _ in range(20):
            results.append(matcher.find(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == results[0] for r in results)


@pytest.mark.parametrize("repeat", [1, 25_000])
def test_short_and_long_texts_alike_on_every_path(matcher: EntityMatcher, repeat: int) -> None:
    # 25,000 repeats pass 64 KiB, where `find` releases the GIL, and 65,536 mentions,
    # past which the per-thread mention vector is not kept between calls.
    text = "“Vladimir Putin” met Ekrem İmamoğlu — in Paris. " * repeat
    found = matcher.find(text)
    assert len(found) == 3 * repeat
    for m in found:
        assert text[m.start : m.end] == m.text
    columns = matcher.mention_columns([text])
    assert list(columns["start"]) == [m.start for m in found]
    assert list(columns["end"]) == [m.end for m in found]
    assert [[(m.start, m.end) for m in ms] for ms in matcher.find_batch([text])] == [
        [(m.start, m.end) for m in found]
    ]
    # The vector reused between calls leaves nothing behind.
    assert matcher.find("Paris") == matcher.find("Paris")
    assert len(matcher.find("Paris")) == 1


def test_bad_input(matcher: EntityMatcher) -> None:
    with pytest.raises(PressworkTypeError, match=r"texts\[1\] is None"):
        matcher.find_batch(["ok", None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="text is of type bytes"):
        matcher.find(b"Putin")  # type: ignore[arg-type]
    with pytest.raises(PressworkTypeError, match="document 'b'"):
        matcher.mentions_frame(pd.Series(["Putin", float("nan")], index=["a", "b"]))
    with pytest.raises(ValueError, match=r"texts\[0\] cannot be encoded"):
        matcher.mention_columns(["\ud800"])
    assert matcher.find("") == []


def test_corpus_gazetteer_on_the_corpus(corpus_dir: Path) -> None:
    m = EntityMatcher(Gazetteer.read_jsonl(GAZETTEERS / "corpus.jsonl"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))}
    frame = m.mentions_frame(texts)
    found = set(frame["entity_id"])
    for entity in [
        "vladimir-putin",
        "isis",
        "alexey-pushkov",
        "irina-volk",
        "carnegie-moscow-center",
    ]:
        assert entity in found or entity not in m.gazetteer, entity
    # `Frank-Walter\u00a0Steinmeier\u00a0` in the corpus: the non-breaking spaces don't stop it.
    assert "Frank-Walter\u00a0Steinmeier" in set(frame["text"])
