"""QuoteExtractor: quotes, kinds, speakers, entity links, batches, frames, bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presswork import (
    EntityMatcher,
    Gazetteer,
    PressworkTypeError,
    PressworkValueError,
    Quote,
    QuoteExtractor,
    Span,
    Splitter,
)

NEWS = (
    "Russian Interior Ministry spokeswoman Irina Volk said the talks went well.\n\n"
    "“The parties discussed cooperation,” Volk said. “We agreed on a working group.”\n\n"
    'Alexey Pushkov, a senator, commented on the attacks. "Europe will change," he '
    "wrote on Twitter.\n\n"
    '"It will never disappear," said Moscow Carnegie Center’s Alexei Malashenko.\n\n'
    'Also read: "Paris Is Burning"\n\n'
    'Sobyanin, the mayor of Moscow, said the killings were "another reason to unite."'
)


@pytest.fixture(scope="module")
def extractor() -> QuoteExtractor:
    return QuoteExtractor()


def test_quotes_speakers_and_how(extractor: QuoteExtractor) -> None:
    quotes = extractor.extract(NEWS)
    got = [(q.text, q.kind, q.speaker, q.how, q.mention) for q in quotes]
    assert got == [
        ("The parties discussed cooperation,", "statement", "Irina Volk", "named", "Volk"),
        ("We agreed on a working group.", "statement", "Irina Volk", "continuation", None),
        ("Europe will change,", "statement", "Alexey Pushkov", "pronoun", "he"),
        ("It will never disappear,", "statement", "Alexei Malashenko", "named", None)[:3]
        + ("named", "Moscow Carnegie Center’s Alexei Malashenko"),
        ("Paris Is Burning", "title", None, "none", None),
        ("another reason to unite.", "partial", "Sobyanin", "named", "Sobyanin"),
    ]


def test_offsets_slice_the_text_also_outside_ascii(extractor: QuoteExtractor) -> None:
    text = "«Ça suffit», a déclaré — non. Président Émile Zola spoke. „Nie wieder“, sagte er."
    text += "\n\n" + NEWS
    for quote in extractor.extract(text):
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_span, quote.mention_span, quote.verb_span):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_cue_and_verb(extractor: QuoteExtractor) -> None:
    (quote,) = extractor.extract('Peskov told reporters: "No comment."')
    assert quote.cue == "speaker-verb-before"
    assert quote.verb == "told"
    assert quote.mention == "Peskov"


def test_every_quote_style_is_found(extractor: QuoteExtractor) -> None:
    styles = [
        '"We stand together," she said.',
        "“We stand together,” she said.",
        "‘We stand together,’ she said.",
        "'We stand together,' she said.",
        "« We stand together », she said.",
        "„We stand together“, she said.",
        "‚We stand together‘, she said.",
        '“We stand together," she said.',
    ]
    for text in styles:
        quotes = extractor.extract("Minister Anna Berg arrived. " + text)
        assert [q.text.strip(" ,") for q in quotes] == ["We stand together"], text
        assert quotes[0].speaker == "Anna Berg", text


def test_apostrophes_are_not_quotes(extractor: QuoteExtractor) -> None:
    text = "Let’s see: Russia’s stance since the ’90s, rock ’n’ roll and O'Hara's view."
    assert extractor.extract(text) == []


def test_a_stray_mark_loses_nothing_beyond_its_paragraph(extractor: QuoteExtractor) -> None:
    text = 'He said "this never closes\n\n"A new quote," Volk said.'
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["this never closes", "A new quote,"]


def test_nested_quotes_are_kept_on_request() -> None:
    text = "\"He told me 'never again' twice,\" she said."
    assert [q.text for q in QuoteExtractor().extract(text)] == ["He told me 'never again' twice,"]
    nested = QuoteExtractor(nested=True).extract(text)
    assert [(q.text, q.depth) for q in nested] == [
        ("He told me 'never again' twice,", 0),
        ("never again", 1),
    ]


def test_speakers_link_to_gazetteer_entities() -> None:
    gazetteer = Gazetteer.from_dict(
        {"Vladimir Putin": ["Putin", "President Putin"], "Dmitry Peskov": ["Peskov"]},
        type="PERSON",
    )
    extractor = QuoteExtractor(matcher=EntityMatcher(gazetteer))
    text = (
        '"We will respond," President Putin said on Monday.\n\n'
        '"No comment," said Kremlin spokesman Dmitry Peskov.\n\n'
        'Later Putin added: "It is a tragedy."'
    )
    quotes = extractor.extract(text)
    assert [q.entity_id for q in quotes] == ["Vladimir Putin", "Dmitry Peskov", "Vladimir Putin"]
    assert quotes[0].entity is not None and quotes[0].entity.type == "PERSON"
    frame = extractor.quotes_frame([text])
    assert frame["entity_name"].tolist() == ["Vladimir Putin", "Dmitry Peskov", "Vladimir Putin"]


def test_batch_columns_and_frame_agree(extractor: QuoteExtractor) -> None:
    texts = [NEWS, "", "No quotes here.", '«Да», она сказала. "Ok," said Anna Berg.'] * 3
    batch = extractor.extract_batch(texts)
    assert batch == [extractor.extract(t) for t in texts]
    columns = extractor.quote_columns(texts)
    assert all(c.dtype == np.int64 for c in columns.values())
    flat = [(d, q) for d, quotes in enumerate(batch) for q in quotes]
    assert columns["document"].tolist() == [d for d, _ in flat]
    assert columns["start"].tolist() == [q.start for _, q in flat]
    assert columns["speaker_start"].tolist() == [
        -1 if q.speaker_span is None else q.speaker_span.start for _, q in flat
    ]
    series = pd.Series(texts, index=[f"doc{i}" for i in range(len(texts))])
    frame = extractor.quotes_frame(series)
    assert frame["key"].tolist() == [f"doc{d}" for d, _ in flat]
    assert frame["text"].tolist() == [q.text for _, q in flat]
    speakers = [None if pd.isna(s) else s for s in frame["speaker"]]
    assert speakers == [q.speaker for _, q in flat]
    assert list(frame["kind"].cat.categories) == ["statement", "partial", "title"]
    assert frame["how"].tolist() == [q.how for _, q in flat]
    assert str(frame["speaker_start"].dtype) == "Int64"
    for row in frame.itertuples():
        assert series[row.key][row.start : row.end] == row.text


def test_everything_pickles() -> None:
    gazetteer = Gazetteer.from_dict({"Irina Volk": ["Volk"]}, type="PERSON")
    extractor = QuoteExtractor(Splitter(newline="paragraph"), EntityMatcher(gazetteer), nested=True)
    copy = pickle.loads(pickle.dumps(extractor))
    assert copy.nested and copy.splitter.newline == "paragraph"
    assert copy.extract(NEWS) == extractor.extract(NEWS)
    quotes = extractor.extract(NEWS)
    assert pickle.loads(pickle.dumps(quotes)) == quotes
    assert quotes[0].entity_id == "Irina Volk"


def test_quote_objects_can_be_made_and_compared() -> None:
    speaker = Span(0, 4, "Volk")
    quote = Quote(10, 14, "Yes.", "statement", speaker=speaker, how="named")
    assert quote.speaker == "Volk" and quote.speaker_span == speaker
    assert quote != Quote(10, 14, "Yes.")
    with pytest.raises(PressworkValueError, match="kind must be one of"):
        Quote(0, 1, "x", kind="quip")
    assert "speaker='Volk'" in repr(quote)


def test_bad_input_is_named(extractor: QuoteExtractor) -> None:
    with pytest.raises(PressworkTypeError, match=r"texts\[1\]"):
        extractor.extract_batch(["ok", None])
    with pytest.raises(PressworkTypeError, match="not a str"):
        extractor.extract_batch("one text")
    with pytest.raises(PressworkTypeError):
        extractor.extract(42)  # type: ignore[arg-type]
    with pytest.raises(PressworkValueError, match="surrogate"):
        extractor.extract('"a\ud800b," he said')
    with pytest.raises(PressworkTypeError, match="splitter must be"):
        QuoteExtractor(splitter="sentence")  # type: ignore[arg-type]
    with pytest.raises(PressworkTypeError, match="matcher must be"):
        QuoteExtractor(matcher=Gazetteer())  # type: ignore[arg-type]
    with pytest.raises(PressworkTypeError, match=r"document 'b' \(position 1\) is NaN"):
        extractor.quotes_frame(pd.Series(["x", float("nan")], index=["a", "b"]))
    assert extractor.extract("") == []
    assert extractor.quotes_frame([]).empty


def test_adversarial_text_stays_fast_and_safe(extractor: QuoteExtractor) -> None:
    # Correctness only (speed is measured in benchmarks/): every layout of marks ends.
    for text in ['"' * 50_000, "“" * 30_000, "a'b " * 20_000, '"x ' * 20_000, "«»" * 20_000]:
        for quote in extractor.extract(text):
            assert text[quote.start : quote.end] == quote.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‚", " ", ",", ".", "\n\n", ":"]
            + ["he said", "said Volk", "Anna Berg", "the minister", "We", "won't", "É"]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_text_gives_valid_spans(text: str) -> None:
    extractor = QuoteExtractor()
    quotes = extractor.extract(text)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_span, quote.mention_span, quote.verb_span):
            if span is not None:
                assert text[span.start : span.end] == span.text
    assert extractor.extract_batch([text]) == [quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Prime Minister Anna Lind spoke. "We are ready," she said.', [("Anna Lind", "pronoun")]),
        (
            'John Smith, 45, a nurse, left. "It was chaos," Smith, 45, said.',
            [("John Smith", "named")],
        ),
        (
            "“It is unfair,” says Anna Smith, a professor at Yale University.",
            [("Anna Smith", "named")],
        ),
        (
            'Mayor Karen Bass told The Associated Press: "We will rebuild."',
            [("Karen Bass", "named")],
        ),
        (
            'Dmitry Peskov spoke first. Then Sergei Lavrov took the floor. "We will respond," '
            'Lavrov said. "Firmly," he added.',
            [("Sergei Lavrov", "named"), ("Sergei Lavrov", "pronoun")],
        ),
        (
            "German Chancellor Angela Merkel met Vladimir Putin. “We agreed on gas,” she said.",
            [("Angela Merkel", "pronoun")],
        ),
        ('"No," Peskov replied when asked whether Putin would attend.', [("Peskov", "named")]),
        ("“We are reviewing the matter,” a spokesperson for the company said.", [(None, "none")]),
        ('In a statement, the Kremlin said: "We regret the decision."', [("Kremlin", "named")]),
        (
            '"We will win," Smith, who is running for re-election, told reporters.',
            [("Smith", "named")],
        ),
    ],
)
def test_common_news_constructions(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(q.speaker, q.how) for q in QuoteExtractor().extract(text)] == expected


@pytest.mark.parametrize(
    ("text", "speaker", "how"),
    [
        # A middle initial stays in the name.
        (
            'Sen. Margaret L. Holloway spoke. "We have seen this film before," she said.',
            "Margaret L. Holloway",
            "pronoun",
        ),
        ('"Nobody left on schedule," said J. R. Whitfield.', "J. R. Whitfield", "named"),
        # A street is a place: a pronoun goes past it to the person.
        (
            "Ambassador Ana Kaufana spoke on First Ave. after the session. "
            'She said she had "never seen them listen so carefully."',
            "Ana Kaufana",
            "pronoun",
        ),
    ],
)
def test_names_with_initials_and_places_that_are_streets(text: str, speaker: str, how: str) -> None:
    (quote,) = QuoteExtractor().extract(text)
    assert (quote.speaker, quote.how) == (speaker, how)


def test_a_title_has_no_cue() -> None:
    text = "An eyewitness claimed that he heard shouts of “Allahu akbar!” at the hall."
    (quote,) = QuoteExtractor().extract(text)
    assert (quote.kind, quote.cue, quote.verb, quote.speaker) == ("title", None, None, None)


def test_a_headline_names_no_one() -> None:
    text = (
        "Coastal Shipping Leaders Meet on Sunday as Deal Deadline Nears\n\n"
        "GENEVA (Presswire) — Delegates gathered on Oct. 7 for two days of talks.\n\n"
        "Asked about a deal, the envoy smiled. “God willing,” he told reporters."
    )
    (quote,) = QuoteExtractor().extract(text)
    assert (quote.speaker, quote.mention, quote.how) == (None, "he", "none")
    # The same words in a sentence are a name as usual.
    named = QuoteExtractor().extract("Coastal Shipping Leaders met. “Yes,” he said.")
    assert named[0].speaker == "Coastal Shipping Leaders"
