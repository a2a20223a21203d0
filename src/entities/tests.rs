//! Matching rules, one case each: the gazetteer, the text, and the spans expected.

use std::sync::Arc;

use super::*;

/// A gazetteer from `(id, [names...])`: the first name is the display name.
fn gazetteer(entities: &[(&str, &[&str])]) -> Arc<Gazetteer> {
    let mut builder = Gazetteer::builder();
    for (row, (id, names)) in entities.iter().enumerate() {
        builder
            .add(
                row,
                EntityRecord {
                    id: Some(id.to_string()),
                    name: Some(names[0].to_string()),
                    aliases: names[1..].iter().map(|a| a.to_string()).collect(),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    Arc::new(builder.build())
}

/// `(matched text, first candidate id)` for every mention.
fn find(matcher: &EntityMatcher, text: &str) -> Vec<(String, String)> {
    matcher
        .find(text)
        .iter()
        .map(|m| {
            let entity = matcher.gazetteer().entity(matcher.candidates(m.pattern)[0]);
            (m.span.as_str(text).to_string(), entity.id.clone())
        })
        .collect()
}

fn default_matcher(entities: &[(&str, &[&str])]) -> EntityMatcher {
    EntityMatcher::new(gazetteer(entities), MatchOptions::default()).unwrap()
}

fn texts(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(t, _)| t.as_str()).collect()
}

#[test]
fn leftmost_longest_with_aliases() {
    let m = default_matcher(&[
        ("putin", &["Vladimir Putin", "Putin", "President Putin"]),
        (
            "isis",
            &["ISIS", "Islamic State", "Islamic State of Iraq and Syria"],
        ),
        ("syria", &["Syria"]),
    ]);
    let found = find(
        &m,
        "President Putin said the Islamic State of Iraq and Syria (ISIS) is in Syria.",
    );
    assert_eq!(
        found,
        [
            ("President Putin".into(), "putin".into()),
            ("Islamic State of Iraq and Syria".into(), "isis".into()),
            ("ISIS".into(), "isis".into()),
            ("Syria".into(), "syria".into()),
        ]
    );
}

#[test]
fn whole_words_only() {
    let m = default_matcher(&[("paris", &["Paris"]), ("russia", &["Russia"]), ("un", &["UN"])]);
    assert!(find(&m, "Parisian Russians run unusual errands").is_empty());
    assert_eq!(
        texts(&find(&m, "Paris-based, (Russia) and UN.")),
        ["Paris", "Russia", "UN"]
    );
    // Digits are word characters too; combining marks continue a word.
    assert!(find(&m, "Paris2 Russia\u{301}").is_empty());
}

#[test]
fn a_longer_non_word_match_never_hides_a_shorter_word() {
    let m = default_matcher(&[("ny", &["New York"]), ("nyt", &["New York Times"])]);
    assert_eq!(texts(&find(&m, "New York Timesless")), ["New York"]);
    let m = default_matcher(&[("ab", &["ab cd"]), ("cde", &["cd ef"]), ("ef", &["ef"])]);
    // `ab cd` fails at `cdx`; `cd ef` cannot start inside a word either; `ef` can.
    assert_eq!(texts(&find(&m, "ab cdx ef")), ["ef"]);
    let m = default_matcher(&[("a", &["b c"]), ("b", &["c d"])]);
    // `b c` fails at its start (`ab`); the match starting inside it is still found.
    assert_eq!(texts(&find(&m, "ab c d")), ["c d"]);
}

#[test]
fn case_folding_is_unicode_and_keeps_offsets() {
    let m = default_matcher(&[
        ("imamoglu", &["Ekrem İmamoğlu"]),
        ("strasse", &["Hauptstraße"]),
        ("nestle", &["Nestlé"]),
        ("sisyphus", &["Σίσυφος"]),
    ]);
    let text = "İİ EKREM İMAMOĞLU, HAUPTSTRASSE, nestlé and ΣΊΣΥΦΟΣ.";
    assert_eq!(
        texts(&find(&m, text)),
        ["EKREM İMAMOĞLU", "HAUPTSTRASSE", "nestlé", "ΣΊΣΥΦΟΣ"]
    );
    // İ folds to a plain i, so the dotless spelling matches too.
    assert_eq!(texts(&find(&m, "ekrem imamoğlu")), ["ekrem imamoğlu"]);
}

#[test]
fn typographic_variants_and_spaces() {
    let m = default_matcher(&[
        ("ohara", &["Dan O'Hara"]),
        ("fw", &["Frank-Walter Steinmeier"]),
        ("tass", &["TASS news agency"]),
    ]);
    let text = "Dan O’Hara met Frank–Walter\u{a0}\u{a0}Steinmeier; Tass\r\nnews  agency reported.";
    assert_eq!(
        texts(&find(&m, text)),
        [
            "Dan O’Hara",
            "Frank–Walter\u{a0}\u{a0}Steinmeier",
            "Tass\r\nnews  agency"
        ]
    );
    // A blank line is a paragraph break: no mention crosses it.
    assert!(find(&m, "TASS\n\nnews agency").is_empty());
}

#[test]
fn possessives_do_not_block() {
    let m = default_matcher(&[
        ("cc", &["Carnegie Center"]),
        ("nestle", &["Nestlé"]),
        ("russia", &["Russia"]),
    ]);
    assert_eq!(
        texts(&find(
            &m,
            "Carnegie Center’s expert, Nestlé’s board and Russia's army"
        )),
        ["Carnegie Center", "Nestlé", "Russia"]
    );
}

#[test]
fn every_folding_can_be_switched_off() {
    let g = gazetteer(&[("ohara", &["Dan O'Hara"]), ("un", &["UN"])]);
    let text = "dan o'hara, Dan O’Hara, Dan  O'Hara, UNICEF";
    let with = |options| find(&EntityMatcher::new(g.clone(), options).unwrap(), text);
    let default = MatchOptions::default();
    assert_eq!(texts(&with(default)), ["dan o'hara", "Dan O’Hara", "Dan  O'Hara"]);
    let cased = MatchOptions {
        case_sensitive: true,
        ..default
    };
    assert_eq!(texts(&with(cased)), ["Dan O’Hara", "Dan  O'Hara"]);
    let no_punct = MatchOptions {
        normalize_punctuation: false,
        ..default
    };
    assert_eq!(texts(&with(no_punct)), ["dan o'hara", "Dan  O'Hara"]);
    let no_spaces = MatchOptions {
        normalize_spaces: false,
        ..default
    };
    assert_eq!(texts(&with(no_spaces)), ["dan o'hara", "Dan O’Hara"]);
    let partial = MatchOptions {
        whole_words: false,
        ..default
    };
    assert_eq!(texts(&with(partial)).last(), Some(&"UN"));
}

#[test]
fn overlapping_mode_returns_every_match() {
    let g = gazetteer(&[("putin", &["Vladimir Putin", "Putin"]), ("vlad", &["Vladimir"])]);
    let options = MatchOptions {
        overlapping: true,
        ..MatchOptions::default()
    };
    let m = EntityMatcher::new(g, options).unwrap();
    assert_eq!(
        find(&m, "Vladimir Putin"),
        [
            ("Vladimir".into(), "vlad".into()),
            ("Vladimir Putin".into(), "putin".into()),
            ("Putin".into(), "putin".into()),
        ]
    );
}

#[test]
fn shared_aliases_keep_every_candidate() {
    let g = gazetteer(&[
        ("georgia-us", &["Georgia"]),
        ("georgia-country", &["Georgia", "Sakartvelo"]),
    ]);
    let m = EntityMatcher::new(g, MatchOptions::default()).unwrap();
    let mentions = m.find("Georgia");
    assert_eq!(mentions.len(), 1);
    assert_eq!(m.candidates(mentions[0].pattern), [0, 1]);
    assert_eq!(m.alias(mentions[0].pattern), "Georgia");
    assert_eq!(m.pattern_count(), 2);
}

#[test]
fn odd_input_never_panics() {
    let m = default_matcher(&[("a", &["a"]), ("ab", &["a b"]), ("x", &["İ"])]);
    for text in [
        "",
        " ",
        "a",
        "aaaa",
        "a\u{301}",
        "İİİ",
        "\u{ad}a\u{ad}",
        "ß a ß",
        "😀a😀 a",
        "a\r\n\r\nb",
    ] {
        for mention in m.find(text) {
            assert!(text.is_char_boundary(mention.span.start) && text.is_char_boundary(mention.span.end));
        }
    }
    assert_eq!(texts(&find(&m, "a\u{ad} b")), ["a\u{ad} b"]);
}

#[test]
fn batch_equals_one_at_a_time() {
    let m = default_matcher(&[("putin", &["Putin"]), ("paris", &["Paris"])]);
    let docs = ["Putin in Paris.", "", "PARIS, Putin’s", "nothing here"];
    let batch = m.find_batch(&docs);
    for (doc, mentions) in docs.iter().zip(batch) {
        assert_eq!(mentions, m.find(doc));
    }
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EntityMatcher>();
    assert_send_sync::<Gazetteer>();
    assert_send_sync::<GazetteerError>();
}
