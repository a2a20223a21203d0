//! Quoted spans on news-style cases, one paragraph layout per case.

use super::*;
use crate::split::{Splitter, SplitterOptions};

/// The inner texts of the quotes of `text`, with `…` for a quote left open, `+` for a
/// continuation.
fn quoted(text: &str) -> Vec<String> {
    let splitter = Splitter::new(SplitterOptions::default());
    let paragraphs = splitter.paragraphs(text);
    quoted_spans(text, &paragraphs)
        .iter()
        .map(|q| {
            let mut s = q.inner.as_str(text).to_string();
            if q.close.is_none() {
                s.push('…');
            }
            if q.continues {
                s.insert(0, '+');
            }
            s
        })
        .collect()
}

#[test]
fn every_style_pairs() {
    let cases: &[(&str, &[&str])] = &[
        ("\"It is an attack,\" Obama said.", &["It is an attack,"]),
        ("“It is an attack,” Obama said.", &["It is an attack,"]),
        ("described as a “hideous\" act", &["hideous"]),
        ("« C'est la guerre », a dit M. Hollande.", &[" C'est la guerre "]),
        ("„Wir stehen zusammen“, sagte sie.", &["Wir stehen zusammen"]),
        ("He called it ‘hideous’ yesterday.", &["hideous"]),
        ("He called it 'hideous' yesterday.", &["hideous"]),
        (
            "denounced these \"inhuman murders.\" In addition",
            &["inhuman murders."],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(quoted(text), *expected, "{text}");
    }
}

#[test]
fn apostrophes_do_not_open_or_close() {
    let text = "“Russia’s position, and the leaders’ talks in the ’90s — rock ’n’ roll,” he said.";
    assert_eq!(
        quoted(text),
        ["Russia’s position, and the leaders’ talks in the ’90s — rock ’n’ roll,"]
    );
    assert_eq!(quoted("Let’s not forget O’Hara’s words."), Vec::<String>::new());
}

#[test]
fn nested_and_split_quotes() {
    let text = "\"He told me 'never again' twice,\" she said. \"We agreed.\"";
    assert_eq!(
        quoted(text),
        ["He told me 'never again' twice,", "never again", "We agreed."]
    );
    let splitter = Splitter::new(SplitterOptions::default());
    let quotes = quoted_spans(text, &splitter.paragraphs(text));
    assert_eq!(quotes.iter().map(|q| q.depth).collect::<Vec<_>>(), [0, 1, 0]);
}

#[test]
fn an_unclosed_quote_ends_at_its_paragraph() {
    let text = "He said: \"This will not stand\n\nThe next paragraph is reporting. \"A new quote.\"";
    assert_eq!(quoted(text), ["This will not stand…", "A new quote."]);
    // A stray single mark swallows nothing.
    assert_eq!(quoted("the ‘stray mark and \"a quote\" after"), ["a quote"]);
}

#[test]
fn a_quote_of_several_paragraphs_continues() {
    let text = "\"The first paragraph of the statement.\n\n\"The second, which closes.\" He left.";
    assert_eq!(
        quoted(text),
        [
            "The first paragraph of the statement.…",
            "+The second, which closes."
        ]
    );
}

#[test]
fn linear_and_no_panic_on_adversarial_marks() {
    let deep = format!("“{}{}", "‘".repeat(20_000), "“”".repeat(20_000));
    let units = [
        "\"",
        "“",
        "”",
        "'",
        "’",
        "‘",
        "„“",
        "«",
        "»",
        "“‘",
        "a’",
        " ’n’ ",
        "x\"y",
    ];
    for text in units.iter().map(|unit| unit.repeat(20_000)).chain([deep]) {
        let quotes = quoted_spans(&text, &[Span::new(0, text.len())]);
        for q in &quotes {
            assert!(q.inner.start <= q.inner.end && q.inner.end <= text.len());
            assert!(text.is_char_boundary(q.inner.start) && text.is_char_boundary(q.inner.end));
        }
    }
}

#[test]
fn the_whole_chain_stays_linear_on_many_quotes_and_names() {
    for unit in [
        "Ann Lee{} said: \"Hi.\" ",
        "\"Hi,\" he said. Bob Ray{} agreed. ",
        "\"Yes,\" the official said of Mr Cy{}. ",
    ] {
        let text: String = (0..5_000).map(|i| unit.replace("{}", &i.to_string())).collect();
        let whole = [Span::new(0, text.len())];
        assert_eq!(analyse(&text, &whole, &whole).who.len(), 5_000);
    }
}

/// Every layer on one document: its quotes with their sentence windows, cues, kinds
/// and attributions.
struct Analysed {
    quotes: Vec<QuotedSpan>,
    cues: Vec<Option<super::cues::Cue>>,
    kinds: Vec<super::kinds::QuoteKind>,
    who: Vec<super::speakers::Attribution>,
}

fn analyse(text: &str, sentences: &[Span], paragraphs: &[Span]) -> Analysed {
    use super::cues::sentence_window;
    use super::kinds::quote_kind;
    let quotes = quoted_spans(text, paragraphs);
    let windows: Vec<Span> = quotes.iter().map(|q| sentence_window(sentences, q)).collect();
    let cues = super::cues::cues_of(text, &quotes, &windows, sentences);
    let kinds: Vec<_> = quotes
        .iter()
        .zip(&windows)
        .map(|(q, w)| quote_kind(text, q, *w))
        .collect();
    let who = super::speakers::attribute(text, &quotes, &windows, &cues, &kinds);
    Analysed {
        quotes,
        cues,
        kinds,
        who,
    }
}

/// A document's sentence spans and paragraph spans, as the default splitter gives them.
fn split_spans(text: &str) -> (Vec<Span>, Vec<Span>) {
    let split = Splitter::new(SplitterOptions::default()).split(text);
    (split.sentences.iter().map(|s| s.span).collect(), split.paragraphs)
}

/// The texts of the shared news corpus, which lies beside the checkout; `None` (and a
/// note on stderr: the test is skipped) where it is absent.
fn corpus_texts() -> Option<Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return None;
    };
    let mut paths: Vec<_> = entries.map(|e| e.expect("a corpus entry").path()).collect();
    paths.sort();
    Some(
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("UTF-8 text"))
            .collect(),
    )
}

/// The shared news corpus (beside the checkout; skipped where it is absent): every
/// quote found, none left open, the mixed `“hideous"` and the hashtag in quotes
/// included.
#[test]
fn the_shared_corpus_quotes() {
    let Some(texts) = corpus_texts() else {
        return;
    };
    let splitter = Splitter::new(SplitterOptions::default());
    let mut inner: Vec<String> = Vec::new();
    for text in texts {
        for q in quoted_spans(&text, &splitter.paragraphs(&text)) {
            assert!(q.close.is_some(), "left open: {:?}", q.inner.as_str(&text));
            inner.push(q.inner.as_str(&text).to_string());
        }
    }
    // 2 + 10 + 16 quotes (one file prints its article twice).
    assert_eq!(inner.len(), 28, "{inner:#?}");
    for expected in [
        "hideous",
        "inhuman murders.",
        "Paris Is Burning",
        "Allahu akbar!",
        "It is time for the West to stop criticising Moscow and to form a joint coalition.",
    ] {
        assert!(
            inner.iter().any(|q| q == expected),
            "{expected:?} not in {inner:#?}"
        );
    }
}

/// Cues and kinds on the shared corpus (skipped where it is absent): the speaker
/// mention and verb as written, no cue for link titles and the hashtag, and the kind
/// of each quote looked at.
#[test]
fn the_shared_corpus_cues_and_kinds() {
    use super::kinds::QuoteKind;
    let Some(texts) = corpus_texts() else {
        return;
    };
    let mut found: Vec<(String, Option<(String, String)>)> = Vec::new();
    let mut kinds: Vec<(String, QuoteKind)> = Vec::new();
    for text in texts {
        let (sentences, paragraphs) = split_spans(&text);
        let analysed = analyse(&text, &sentences, &paragraphs);
        for ((q, cue), kind) in analysed.quotes.iter().zip(&analysed.cues).zip(&analysed.kinds) {
            kinds.push((q.inner.as_str(&text).to_string(), *kind));
            let cue = cue.map(|c| {
                let verb = c.verb.map_or("", |v| v.as_str(&text));
                (c.speaker.as_str(&text).to_string(), verb.to_string())
            });
            found.push((q.inner.as_str(&text).to_string(), cue));
        }
    }
    let cue_of = |start: &str| -> Option<(String, String)> {
        let (_, cue) = found
            .iter()
            .find(|(inner, _)| inner.starts_with(start))
            .expect(start);
        cue.clone()
    };
    let pair = |speaker: &str, verb: &str| Some((speaker.to_string(), verb.to_string()));
    assert_eq!(cue_of("The parties discussed"), pair("Volk", "said"));
    assert_eq!(cue_of("The participants confirmed"), pair("the official", "said"));
    assert_eq!(
        cue_of("this is an attack"),
        pair("U.S. President Barack Obama", "said")
    );
    assert_eq!(
        cue_of("The Islamic State [ISIS] is forever"),
        pair("Moscow Carnegie Center’s Alexei Malashenko", "said")
    );
    assert_eq!(cue_of("I would like to confirm"), pair("Putin", "added"));
    assert_eq!(cue_of("Russia is fighting in Syria"), pair("he", "wrote"));
    assert_eq!(cue_of("We need to urgently end"), pair("Sergey Markov", "said"));
    for title in [
        "Moscow supports victims",
        "Egyptian air crash",
        "Paris Is Burning",
    ] {
        assert_eq!(cue_of(title), None, "{title}");
    }
}

/// Speakers on the shared corpus (skipped where it is absent): names resolved to the
/// full name first written, a pronoun to the person named last, a generic role to the
/// speaker quoted last, the second half of a split quote and a partial quote of the
/// same sentence to the speaker of the first; titles have none.
#[test]
fn the_shared_corpus_speakers() {
    use super::speakers::Resolution;
    let Some(texts) = corpus_texts() else {
        return;
    };
    let mut found: Vec<(String, Option<String>, Resolution)> = Vec::new();
    for text in texts {
        let (sentences, paragraphs) = split_spans(&text);
        let analysed = analyse(&text, &sentences, &paragraphs);
        for (q, who) in analysed.quotes.iter().zip(&analysed.who) {
            let speaker = who.speaker.map(|s| s.as_str(&text).to_string());
            found.push((q.inner.as_str(&text).to_string(), speaker, who.how));
        }
    }
    let who = |start: &str| {
        let (_, speaker, how) = found
            .iter()
            .find(|(inner, _, _)| inner.starts_with(start))
            .expect(start);
        (speaker.as_deref(), *how)
    };
    use Resolution::*;
    assert_eq!(who("The parties discussed"), (Some("Irina Volk"), Named));
    assert_eq!(who("The participants confirmed"), (Some("Irina Volk"), Role));
    assert_eq!(who("this is an attack"), (Some("Barack Obama"), Named));
    assert_eq!(
        who("The Islamic State [ISIS]"),
        (Some("Alexei Malashenko"), Named)
    );
    assert_eq!(
        who("it will never disappear"),
        (Some("Alexei Malashenko"), Continuation)
    );
    assert_eq!(
        who("Russia is fighting in Syria"),
        (Some("Alexey Pushkov"), Pronoun)
    );
    assert_eq!(
        who("It is time for the West"),
        (Some("Alexey Pushkov"), Continuation)
    );
    assert_eq!(who("We need to urgently end"), (Some("Sergey Markov"), Named));
    assert_eq!(
        who("another reason to consolidate"),
        (Some("Sergei Sobyanin"), Named)
    );
    assert_eq!(who("hideous"), (Some("Maria Zakharova"), Pronoun));
    // The compound subject of `expressed … and denounced`.
    assert_eq!(who("inhuman murders."), (Some("Dmitry Peskov"), Named));
    // `Putin said, "…," Tass news agency reported`: the agency reports Putin's words.
    assert_eq!(who("This tragedy is another"), (Some("Putin"), Named));
    assert_eq!(who("I would like to confirm"), (Some("Putin"), Named));
    // A video's words and the media's label: no one named says them.
    assert_eq!(who("very soon."), (Option::None, Resolution::None));
    assert_eq!(who("one of the deadliest"), (Option::None, Resolution::None));
    for title in [
        "Moscow supports victims",
        "Paris Is Burning",
        "Barbarian",
        "Allahu akbar",
    ] {
        assert_eq!(who(title), (Option::None, Resolution::None), "{title}");
    }
    // Every quote was looked at: 28 in all (one article is printed twice).
    assert_eq!(found.len(), 28);
}
