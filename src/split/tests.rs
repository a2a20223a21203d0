//! Table-driven tests: `tests/data/sentences.txt` (shared with pytest) reads like a
//! specification of the splitting rules; each case is checked here against the core.

use super::{NewlineMode, Splitter, SplitterOptions};

const CASES: &str = include_str!("../../tests/data/sentences.txt");

/// One case of the table.
struct Case {
    id: String,
    options: SplitterOptions,
    input: String,
    expected: Vec<String>,
}

/// Decodes `\n`, `\r`, `\t` and `\u{XXXX}` escapes.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = rest.trim_start_matches('{');
                let code = u32::from_str_radix(hex, 16).expect("bad \\u{..} escape");
                out.push(char::from_u32(code).expect("bad code point"));
            }
            other => panic!("unknown escape \\{other:?} in {line:?}"),
        }
    }
    out
}

fn parse_cases(table: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut lines = table.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(header) = line.strip_prefix("### ") else {
            continue;
        };
        let mut words = header.split_whitespace();
        let id = words.next().expect("case without id").to_string();
        let mut options = SplitterOptions::default();
        for option in words {
            let option = option.trim_start_matches('[').trim_end_matches(']');
            match option.split_once('=') {
                Some(("newline", mode)) => options.newline = mode.parse().unwrap(),
                Some(("headlines", value)) => options.headlines = value == "true",
                _ => panic!("case {id}: unknown option {option}"),
            }
        }
        let mut input = Vec::new();
        for line in lines.by_ref() {
            if line == "---" {
                break;
            }
            input.push(unescape(line));
        }
        let mut expected = Vec::new();
        while let Some(line) = lines.peek() {
            if line.trim().is_empty() || line.starts_with("### ") {
                break;
            }
            expected.push(unescape(lines.next().unwrap()));
        }
        cases.push(Case {
            id,
            options,
            input: input.join("\n"),
            expected,
        });
    }
    cases
}

fn sentences(splitter: &Splitter, text: &str) -> Vec<String> {
    splitter
        .sentences(text)
        .iter()
        .map(|s| s.span.as_str(text).to_string())
        .collect()
}

#[test]
fn sentence_table() {
    let cases = parse_cases(CASES);
    assert!(cases.len() >= 80, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let splitter = Splitter::new(case.options.clone());
        let got = sentences(&splitter, &case.input);
        if got != case.expected {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                case.id, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn nothing_is_lost_between_sentences() {
    for case in parse_cases(CASES) {
        let splitter = Splitter::new(case.options.clone());
        let text = &case.input;
        let split = splitter.split(text);
        let mut covered = 0;
        for sentence in &split.sentences {
            let gap = &text[covered..sentence.span.start];
            assert!(
                gap.chars().all(crate::text::is_space),
                "{}: lost {gap:?}",
                case.id
            );
            let paragraph = split.paragraphs[sentence.paragraph];
            assert!(paragraph.start <= sentence.span.start && sentence.span.end <= paragraph.end);
            covered = sentence.span.end;
        }
        assert!(
            text[covered..].chars().all(crate::text::is_space),
            "{}: lost the tail",
            case.id
        );
    }
}

#[test]
fn empty_and_blank_text() {
    let splitter = Splitter::new(SplitterOptions::default());
    for text in ["", " ", "\n\n", "\u{a0}\r\n\t", "\u{200b}"] {
        let split = splitter.split(text);
        assert!(
            split.sentences.is_empty() && split.paragraphs.is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn extra_abbreviations() {
    let text = "The Brgy. Captain spoke. He left.";
    let plain = Splitter::new(SplitterOptions::default());
    assert_eq!(
        sentences(&plain, text),
        ["The Brgy.", "Captain spoke.", "He left."]
    );
    let options = SplitterOptions {
        abbreviations: vec!["Brgy".into()],
        ..Default::default()
    };
    assert_eq!(
        sentences(&Splitter::new(options), text),
        ["The Brgy. Captain spoke.", "He left."]
    );
}

#[test]
fn newline_modes() {
    let text = "Headline Of The Day\nThe talks went on\nuntil dawn. Then they ended.";
    let sentence = Splitter::new(SplitterOptions::default());
    assert_eq!(
        sentences(&sentence, text),
        [
            "Headline Of The Day",
            "The talks went on",
            "until dawn.",
            "Then they ended."
        ]
    );
    let space = Splitter::new(SplitterOptions {
        newline: NewlineMode::Space,
        ..Default::default()
    });
    assert_eq!(
        sentences(&space, text),
        [
            "Headline Of The Day",
            "The talks went on\nuntil dawn.",
            "Then they ended."
        ]
    );
    let no_headlines = Splitter::new(SplitterOptions {
        newline: NewlineMode::Space,
        headlines: false,
        ..Default::default()
    });
    assert_eq!(
        sentences(&no_headlines, text),
        [
            "Headline Of The Day\nThe talks went on\nuntil dawn.",
            "Then they ended."
        ]
    );
    let paragraph = Splitter::new(SplitterOptions {
        newline: NewlineMode::Paragraph,
        ..Default::default()
    });
    assert_eq!(paragraph.split(text).paragraphs.len(), 3);
}

#[test]
fn adversarial_inputs_stay_linear_and_sound() {
    let splitter = Splitter::new(SplitterOptions::default());
    let inputs = [
        ".".repeat(200_000),
        "\"".repeat(200_000),
        "... ".repeat(50_000),
        "\n".repeat(200_000),
        "1. A ".repeat(40_000),
        "a.a.a.a.a. ".repeat(20_000),
        "U.S. ".repeat(40_000),
        "• ".repeat(50_000),
        "x".repeat(200_000) + ". Y",
        "“‘«»’” … ?! ".repeat(20_000),
    ];
    for text in &inputs {
        let started = std::time::Instant::now();
        let split = splitter.split(text);
        for s in &split.sentences {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
        assert!(
            started.elapsed().as_secs_f64() < 2.0,
            "too slow on {:?}",
            &text[..20]
        );
    }
}

#[test]
fn batch_equals_one_at_a_time() {
    let splitter = Splitter::new(SplitterOptions::default());
    let texts: Vec<String> = parse_cases(CASES).into_iter().map(|c| c.input).collect();
    let batch = splitter.split_batch(&texts);
    for (text, split) in texts.iter().zip(&batch) {
        assert_eq!(&splitter.split(text), split);
    }
}
