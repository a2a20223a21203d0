"""Build time and memory of an entity matcher over a million aliases.

The gazetteer is the entity-matching benchmark's generator (``gazetteers.py``) at
``--entities`` entities (370,000 by default: about a million names and aliases, most of
them made-up multi-word names). Each row runs in a fresh interpreter, which reads the
records, then times the build and measures the growth of its resident memory once the
build is done (garbage collected, heap trimmed), so the figures are what the built objects
keep, not the build's transient peak (reported apart):

* presswork ``Gazetteer.from_records`` (the gazetteer alone), then ``EntityMatcher`` under
  the default options (the anchored trie and the word filter) and under plain options
  (aho-corasick's unanchored automaton);
* ahocorasick_rs ``AhoCorasick(patterns, matchkind=LeftmostLongest)`` on the distinct names
  and aliases, for scale.

    python benchmarks/bench_build.py                    # ~1M aliases
    python benchmarks/bench_build.py --entities 37000   # ~100k aliases
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import corpus as corpus_mod
import gazetteers as gaz_mod
import harness

SCRIPT = Path(__file__).resolve()
MIB = 1 << 20
ROWS = ("presswork", "presswork-plain", "ahocorasick_rs")


def run_worker(job: dict[str, Any]) -> dict[str, Any]:
    records = gaz_mod.read_gazetteer(Path(job["gazetteer_path"]))
    names = sum(1 + len(r["aliases"]) for r in records)
    out: dict[str, Any] = {"names": names}
    harness.settle()
    base = harness.rss()
    harness.reset_peak()
    peak_base = harness.maxrss()
    if job["system"] == "ahocorasick_rs":
        from ahocorasick_rs import AhoCorasick, MatchKind

        patterns = gaz_mod.patterns(records)
        harness.settle()
        base = harness.rss()
        t0 = time.perf_counter()
        built: Any = AhoCorasick(patterns, matchkind=MatchKind.LeftmostLongest)
        out["matcher_s"] = time.perf_counter() - t0
        out["patterns"] = len(patterns)
        out["version"] = harness.version("ahocorasick-rs")
    else:
        import presswork

        t0 = time.perf_counter()
        gazetteer = presswork.Gazetteer.from_records(records)
        out["gazetteer_s"] = time.perf_counter() - t0
        harness.settle()
        out["gazetteer_mib"] = (harness.rss() - base) / MIB
        options: dict[str, bool] = {}
        if job["system"] == "presswork-plain":
            options = dict(
                case_sensitive=True,
                normalize_punctuation=False,
                normalize_spaces=False,
                whole_words=False,
            )
        t0 = time.perf_counter()
        built = presswork.EntityMatcher(gazetteer, **options)
        out["matcher_s"] = time.perf_counter() - t0
        out["patterns"] = built.pattern_count
        out["automaton_mib"] = built.automaton_memory / MIB
        out["version"] = harness.version("presswork")
    out["peak_mib"] = (harness.maxrss() - peak_base) / MIB
    harness.settle()
    out["kept_mib"] = (harness.rss() - base) / MIB
    out["built"] = type(built).__name__
    return out


def report(meta: dict, results: list[dict]) -> str:
    lines = [
        "# Matcher build time and memory\n",
        f"Gazetteer: {meta['entities']:,} entities, {meta['names']:,} names and aliases "
        f"({meta['patterns']:,} distinct). Machine: {meta['machine']}; Python "
        f"{meta['python']}.\n",
        "| system | build s | of which the gazetteer | kept MiB | bytes per alias "
        "| automaton MiB | peak during build MiB |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if r.get("status") != "ok":
            lines.append(f"| {r['system']} | {harness.cell(r.get('status', '?'))} | | | | | |")
            continue
        total = r["matcher_s"] + r.get("gazetteer_s", 0.0)
        gaz = (
            f"{r['gazetteer_s']:.2f} s, {r['gazetteer_mib']:.0f} MiB" if "gazetteer_s" in r else ""
        )
        automaton = f"{r['automaton_mib']:.0f}" if "automaton_mib" in r else ""
        lines.append(
            f"| {r['system']} | {total:.2f} | {gaz} | {r['kept_mib']:.0f} "
            f"| {r['kept_mib'] * MIB / r['names']:.0f} | {automaton} | {r['peak_mib']:.0f} |"
        )
    lines.append(
        "\nkept = resident memory the built objects keep (the presswork rows include the "
        "gazetteer: ids, names, types, aliases and extra fields); bytes per alias = kept ÷ "
        "names and aliases."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=370_000, help="gazetteer size (entities)")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--max-rss-gb", type=float, default=12.0)
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return harness.worker_main(run_worker, args.worker)

    import platform

    path = corpus_mod.cached_corpus_path(
        2.0, args.seed, corpus_mod.DEFAULT_SHARED_DIR, corpus_mod.DEFAULT_SAMPLE_DIR
    )
    articles = corpus_mod.read_articles(path)
    print(f"generating {args.entities:,} entities ...", file=sys.stderr, flush=True)
    gaz_path, _ = gaz_mod.cached_gazetteer_path(args.entities, articles, args.seed)
    records = gaz_mod.read_gazetteer(gaz_path)
    meta = {
        "entities": len(records),
        "names": sum(1 + len(r["aliases"]) for r in records),
        "patterns": len(gaz_mod.patterns(records)),
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
    }
    del records
    results = []
    for system in ROWS:
        print(f"{system} ...", file=sys.stderr, flush=True)
        job = {"system": system, "gazetteer_path": str(gaz_path)}
        r = harness.run_job(SCRIPT, job, harness.env(1, {}), args.timeout, args.max_rss_gb * 2**30)
        results.append({"system": system, **r})
        print(f"  {r}", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    print(report(meta, results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
