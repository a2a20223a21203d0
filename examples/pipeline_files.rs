//! The whole pipeline over text files with the core, no Python involved.
//!
//! `cargo run --release --example pipeline_files -- --throughput 100 GAZETTEER.jsonl FILE...`
//! runs `Pipeline::analyze_into` (split, gazetteer mentions, quotes with speakers,
//! repeated and boilerplate paragraphs) over the files' articles (split at the ASCII
//! record separator `\x1e`, the benchmark corpus format) on one thread until `MB`
//! megabytes have been processed, and prints the rate: the ceiling of what
//! `Pipeline.analyze` can reach from Python. With `--parallel` as well, the articles are
//! analysed on rayon's pool (`RAYON_NUM_THREADS` threads), each thread with its own
//! `Analysis`: the core's own scaling with threads, the ceiling of the tables' scaling.
//! Without `--throughput` it prints, per article, its counts of paragraphs, sentences,
//! mentions and quotes (counted / all).

mod common;

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use presswork::entities::{EntityMatcher, MatchOptions};
use presswork::pipeline::{Analysis, Pipeline};
use presswork::split::{Splitter, SplitterOptions};

fn main() {
    let (mut args, throughput) = common::args_and_throughput();
    let parallel = args
        .iter()
        .position(|a| a == "--parallel")
        .map(|i| args.remove(i))
        .is_some();
    assert!(
        args.len() >= 2,
        "usage: pipeline_files [--throughput MB [--parallel]] GAZETTEER.jsonl FILE..."
    );
    let gazetteer = common::read_gazetteer(&args[0]);
    let matcher = EntityMatcher::new(Arc::new(gazetteer), MatchOptions::default()).expect("a matcher");
    let pipeline = Pipeline::new(Splitter::new(SplitterOptions::default()), Some(Arc::new(matcher)));
    let texts: Vec<String> = args[1..]
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .collect();
    let docs: Vec<&str> = texts.iter().flat_map(|t| t.split('\x1e')).collect();
    let mut analysis = Analysis::default();
    let Some(target_mb) = throughput else {
        for (n, doc) in docs.iter().enumerate() {
            pipeline.analyze_into(doc, &mut analysis);
            println!(
                "#{n}: {} paragraphs, {} sentences, {} mentions, {}/{} quotes",
                analysis.split.paragraphs.len(),
                analysis.split.sentences.len(),
                analysis.mentions.len(),
                analysis.counted_quotes().count(),
                analysis.quotes.len()
            );
        }
        return;
    };
    let total: usize = docs.iter().map(|d| d.len()).sum();
    assert!(total > 0, "no text to analyse");
    let (mut done, mut best) = (0usize, f64::INFINITY);
    let started = Instant::now();
    while (done as f64) < target_mb * 1e6 {
        let pass = Instant::now();
        if parallel {
            docs.par_iter().for_each_init(Analysis::default, |analysis, doc| {
                pipeline.analyze_into(doc, analysis)
            });
        } else {
            for doc in &docs {
                pipeline.analyze_into(doc, &mut analysis);
            }
        }
        best = best.min(pass.elapsed().as_secs_f64());
        done += total;
    }
    let seconds = started.elapsed().as_secs_f64();
    let threads = match (parallel, rayon::current_num_threads()) {
        (true, n) if n > 1 => format!("{n} threads"),
        _ => "one thread".to_string(),
    };
    println!(
        "core pipeline: {:.1} MB in {seconds:.3} s = {:.1} MB/s on {threads} (best pass {:.1} MB/s; {} documents, {total} bytes)",
        done as f64 / 1e6,
        done as f64 / 1e6 / seconds,
        total as f64 / 1e6 / best,
        docs.len()
    );
}
