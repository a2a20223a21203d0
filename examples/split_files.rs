//! Splits text files with the core, no Python involved.
//!
//! `cargo run --release --example split_files -- FILE...` prints every sentence, one per
//! line, with its paragraph index and byte span. With `--throughput MB` it instead
//! splits the files' text repeatedly, one thread, until `MB` megabytes have been
//! processed, and prints the rate (the core figure in BENCHMARKS.md).

mod common;

use std::time::Instant;

use presswork::split::{Split, Splitter, SplitterOptions};

fn main() {
    let (args, throughput) = common::args_and_throughput();
    let texts: Vec<String> = args
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect();
    let splitter = Splitter::new(SplitterOptions::default());
    match throughput {
        None => {
            for (path, text) in args.iter().zip(&texts) {
                println!("== {path}");
                for sentence in splitter.sentences(text) {
                    let span = sentence.span;
                    println!(
                        "[{}] {}..{}  {}",
                        sentence.paragraph,
                        span.start,
                        span.end,
                        span.as_str(text)
                    );
                }
            }
        }
        Some(target_mb) => {
            let total: usize = texts.iter().map(String::len).sum();
            let mut out = Split::default();
            let mut done = 0usize;
            let mut sentences = 0usize;
            let started = Instant::now();
            while (done as f64) < target_mb * 1e6 {
                for text in &texts {
                    splitter.split_into(text, &mut out);
                    sentences += out.sentences.len();
                }
                done += total;
            }
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "core split: {:.1} MB in {:.3} s = {:.0} MB/s on one thread ({} documents, {} sentences per pass)",
                done as f64 / 1e6,
                seconds,
                done as f64 / 1e6 / seconds,
                texts.len(),
                sentences * total / done.max(1)
            );
        }
    }
}
