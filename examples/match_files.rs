//! Matches a gazetteer against text files with the core, no Python involved.
//!
//! `cargo run --release --example match_files -- GAZETTEER.jsonl FILE...` prints every
//! mention, one per line: byte span, matched text, entity id. With `--throughput MB` it
//! instead matches the files' articles (split at the ASCII record separator `\x1e`, the
//! benchmark corpus format) repeatedly on one thread until `MB` megabytes have been
//! processed, and prints the rate under the default and the plain options, next to the
//! bare aho-corasick scan over the same patterns (the core figures in BENCHMARKS.md).
//! Each rate is the best pass; `MATCH_FILES_ONLY=default` runs only the rows whose label
//! contains that text (for a profiler).

mod common;

use std::sync::Arc;
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use presswork::entities::{EntityMatcher, MatchOptions, Mention};

fn main() {
    let (args, throughput) = common::args_and_throughput();
    assert!(
        args.len() >= 2,
        "usage: match_files [--throughput MB] GAZETTEER.jsonl FILE..."
    );
    let gazetteer = Arc::new(common::read_gazetteer(&args[0]));
    let texts: Vec<String> = args[1..]
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect();
    let Some(target_mb) = throughput else {
        let matcher = EntityMatcher::new(gazetteer.clone(), MatchOptions::default()).expect("build");
        for (path, text) in args[1..].iter().zip(&texts) {
            println!("== {path}");
            for mention in matcher.find(text) {
                let entity = gazetteer.entity(matcher.candidates(mention.pattern)[0]);
                let span = mention.span;
                println!(
                    "{}..{}  {}  -> {}",
                    span.start,
                    span.end,
                    span.as_str(text),
                    entity.id
                );
            }
        }
        return;
    };
    let articles: Vec<&str> = texts.iter().flat_map(|t| t.split('\x1e')).collect();
    let total: usize = articles.iter().map(|a| a.len()).sum();
    // The best pass of as many as fit in `target_mb`: the machine's noise only slows.
    let only = std::env::var("MATCH_FILES_ONLY").unwrap_or_default();
    let rate = |label: &str, run: &mut dyn FnMut(&str) -> usize| {
        if !label.contains(only.as_str()) {
            return;
        }
        let mut done = 0usize;
        let mut found = 0usize;
        let mut best = f64::INFINITY;
        while (done as f64) < target_mb * 1e6 {
            let started = Instant::now();
            found = articles.iter().map(|a| run(a)).sum();
            best = best.min(started.elapsed().as_secs_f64());
            done += total;
        }
        println!(
            "{label:<40} {:>7.0} MB/s  ({found} matches per pass)",
            total as f64 / 1e6 / best
        );
    };

    let plain_options = MatchOptions {
        case_sensitive: true,
        normalize_punctuation: false,
        normalize_spaces: false,
        whole_words: false,
        overlapping: false,
    };
    let started = Instant::now();
    let default = EntityMatcher::new(gazetteer.clone(), MatchOptions::default()).expect("build");
    println!(
        "built: {} patterns in {:.3} s, automaton {:.1} MiB",
        default.pattern_count(),
        started.elapsed().as_secs_f64(),
        default.automaton_memory() as f64 / (1 << 20) as f64
    );
    let plain = EntityMatcher::new(gazetteer.clone(), plain_options).expect("build");
    let patterns: Vec<&str> = gazetteer.entities().iter().flat_map(|e| e.names()).collect();
    let bare = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("build");

    let mut out: Vec<Mention> = Vec::new();
    rate("aho-corasick find_iter (plain)", &mut |a| {
        bare.find_iter(a).count()
    });
    rate("presswork plain", &mut |a| {
        plain.find_into(a, &mut out);
        out.len()
    });
    rate("presswork default", &mut |a| {
        default.find_into(a, &mut out);
        out.len()
    });
}
