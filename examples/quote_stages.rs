//! Where the quote extractor's time goes, stage by stage, on one thread.
//!
//! `cargo run --release --example quote_stages -- FILE...` runs each layer of
//! [`presswork::quotes`] over the files' texts (every file one document) fifteen times
//! and prints nanoseconds per byte of text for each: splitting, pairing quote marks
//! (with the sentence windows), finding cues, telling kinds, and resolving speakers
//! (which reads the names of the text up to the last quote).

use std::time::Instant;

use presswork::quotes::{cues, kinds, quoted_spans, speakers};
use presswork::split::{Splitter, SplitterOptions};
use presswork::text::Span;

const STAGES: [&str; 5] = ["split", "quote marks", "cues", "kinds", "speakers"];

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|path| std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect();
    let splitter = Splitter::new(SplitterOptions::default());
    let mut seconds = [0f64; STAGES.len()];
    let mut bytes = 0usize;
    for _ in 0..15 {
        for text in &texts {
            bytes += text.len();
            let mut marks = vec![Instant::now()];
            let split = splitter.split(text);
            marks.push(Instant::now());
            let sentences: Vec<Span> = split.sentences.iter().map(|s| s.span).collect();
            let quotes = quoted_spans(text, &split.paragraphs);
            let windows: Vec<Span> = quotes
                .iter()
                .map(|q| cues::sentence_window(&sentences, q))
                .collect();
            marks.push(Instant::now());
            let found: Vec<_> = quotes
                .iter()
                .zip(&windows)
                .map(|(q, w)| cues::find_cue(text, q, *w))
                .collect();
            marks.push(Instant::now());
            let kinds: Vec<_> = quotes
                .iter()
                .zip(&windows)
                .map(|(q, w)| kinds::quote_kind(text, q, *w))
                .collect();
            marks.push(Instant::now());
            std::hint::black_box(speakers::attribute(text, &quotes, &windows, &found, &kinds));
            marks.push(Instant::now());
            for (stage, pair) in marks.windows(2).enumerate() {
                seconds[stage] += (pair[1] - pair[0]).as_secs_f64();
            }
        }
    }
    let total: f64 = seconds.iter().sum();
    for (name, s) in STAGES.iter().zip(seconds) {
        println!(
            "{name:12} {:6.2} ns/byte  {:5.1}%",
            s * 1e9 / bytes as f64,
            100.0 * s / total
        );
    }
    println!(
        "{:12} {:6.2} ns/byte  = {:.0} MB/s",
        "all",
        total * 1e9 / bytes as f64,
        bytes as f64 / 1e6 / total
    );
}
