//! Finds the quotes of text files with the core, no Python involved.
//!
//! `cargo run --release --example quote_files -- FILE...` prints every quote, one per
//! line: paragraph, byte span, kind, how the speaker was found, the speaker, and the
//! quote. Files are split into documents at the ASCII record separator `\x1e` (the
//! benchmark corpus format; a plain text file is one document). With `--throughput MB`
//! it instead runs `QuoteExtractor::default().extract` over the documents repeatedly on
//! one thread until `MB` megabytes have been processed, and prints the rate (the core
//! figure of `benchmarks/bench_quotes.py`): over all passes, and of the best pass.

mod common;

use std::time::Instant;

use presswork::quotes::QuoteExtractor;

fn main() {
    let (args, throughput) = common::args_and_throughput();
    assert!(!args.is_empty(), "usage: quote_files [--throughput MB] FILE...");
    let texts: Vec<String> = args
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect();
    let extractor = QuoteExtractor::default();
    let Some(target_mb) = throughput else {
        for (path, text) in args.iter().zip(&texts) {
            for (n, doc) in text.split('\x1e').enumerate() {
                println!("== {path} #{n}");
                for quote in extractor.extract(doc) {
                    let span = quote.content;
                    println!(
                        "[{}] {}..{}  {} {}  {}  «{}»",
                        quote.paragraph,
                        span.start,
                        span.end,
                        quote.kind.as_str(),
                        quote.how.as_str(),
                        quote.speaker.map_or("-", |s| s.as_str(doc)),
                        span.as_str(doc)
                    );
                }
            }
        }
        return;
    };
    let docs: Vec<&str> = texts.iter().flat_map(|t| t.split('\x1e')).collect();
    let total: usize = docs.iter().map(|d| d.len()).sum();
    assert!(total > 0, "no text to extract from");
    let mut done = 0usize;
    let mut quotes = 0usize;
    let mut best = f64::INFINITY;
    let started = Instant::now();
    while (done as f64) < target_mb * 1e6 {
        let pass = Instant::now();
        quotes = docs.iter().map(|d| extractor.extract(d).len()).sum();
        best = best.min(pass.elapsed().as_secs_f64());
        done += total;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "core extract: {:.1} MB in {:.3} s = {:.1} MB/s on one thread (best pass {:.1} MB/s; \
         {} documents, {} bytes, {} quotes per pass)",
        done as f64 / 1e6,
        seconds,
        done as f64 / 1e6 / seconds,
        total as f64 / 1e6 / best,
        docs.len(),
        total,
        quotes
    );
}
