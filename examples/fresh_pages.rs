//! How well writing into fresh memory scales with threads on this machine.
//!
//! `cargo run --release --example fresh_pages -- [--mb MB] [--rounds N] [--threads N]`
//! writes `MB` megabytes (default 64, about what `Pipeline.analyze` writes into its
//! final columns for 20 MB of news) on 1 to `--threads` threads (default 2), each
//! thread its share, in mappings of 1 MiB:
//!
//! - **fresh**: each mapping new, so every page is faulted in (the kernel finds,
//!   clears and maps it) before it is written, as the final columns of an analysis are;
//! - **reused**: the same mappings written again, their pages in place: the writes
//!   alone.
//!
//! It prints, per thread count and kind, the best of `N` rounds (default 5) in MB/s,
//! then each kind's best with the most threads over its best on one. A tables
//! pipeline cannot scale better than its writes into fresh pages do: on a machine where
//! page faults do not scale (a VM whose hypervisor backs each fault), the output
//! columns' faults are a serial part of any analysis that returns new arrays.

mod common;

use std::time::Instant;

use memmap2::MmapMut;

/// Bytes per mapping: a column-sized block.
const MAPPING: usize = 1 << 20;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let megabytes: usize = common::take_number(&mut args, "--mb").unwrap_or(64);
    let rounds: usize = common::take_number(&mut args, "--rounds").unwrap_or(5).max(1);
    let most: usize = common::take_number(&mut args, "--threads").unwrap_or(2).max(1);
    assert!(
        args.is_empty(),
        "usage: fresh_pages [--mb MB] [--rounds N] [--threads N], not {args:?}"
    );
    let mappings = (megabytes * 1_000_000).div_ceil(MAPPING).max(most);
    let bytes = (mappings * MAPPING) as f64;
    let mut best = vec![[0.0f64; 2]; most];
    for _ in 0..rounds {
        for threads in 1..=most {
            for (kind, fresh) in [true, false].into_iter().enumerate() {
                let seconds = write(threads, mappings, fresh);
                let rate = bytes / 1e6 / seconds;
                best[threads - 1][kind] = best[threads - 1][kind].max(rate);
            }
        }
    }
    for (threads, [fresh, reused]) in best.iter().enumerate() {
        println!(
            "{} thread(s): fresh pages {fresh:.0} MB/s, reused pages {reused:.0} MB/s",
            threads + 1
        );
    }
    let [fresh_one, reused_one] = best[0];
    let [fresh_most, reused_most] = best[most - 1];
    println!(
        "{most} threads / 1: fresh pages {:.2}x, reused pages {:.2}x",
        fresh_most / fresh_one,
        reused_most / reused_one
    );
}

/// Seconds to write `mappings` mappings on `threads` threads, each thread its share:
/// into new mappings if `fresh`, else into mappings faulted in before the clock starts.
fn write(threads: usize, mappings: usize, fresh: bool) -> f64 {
    let share = mappings.div_ceil(threads);
    let mut kept: Vec<Vec<MmapMut>> = (0..threads)
        .map(|_| match fresh {
            true => Vec::new(),
            false => (0..share).map(|_| filled(map())).collect(),
        })
        .collect();
    let start = Instant::now();
    std::thread::scope(|scope| {
        for (thread, own) in kept.iter_mut().enumerate() {
            let count = share.min(mappings.saturating_sub(thread * share));
            scope.spawn(move || {
                for n in 0..count {
                    match own.get_mut(n) {
                        Some(map) => map.fill(n as u8),
                        None => own.push(filled(map())),
                    }
                }
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    drop(kept);
    seconds
}

fn map() -> MmapMut {
    MmapMut::map_anon(MAPPING).unwrap_or_else(|error| panic!("cannot map {MAPPING} bytes: {error}"))
}

fn filled(mut map: MmapMut) -> MmapMut {
    map.fill(1);
    map
}
