"""The whole pipeline, from a pandas Series to DataFrames: presswork against spaCy +
PhraseMatcher + textacy.

One run measures, on the deterministic news-like corpus (``corpus.py``; ``--news``: the real
news articles repeated) and the 10k-entity gazetteer of ``bench_match.py``
(``gazetteers.py``):

* presswork: ``Pipeline(matcher=EntityMatcher(gazetteer)).analyze(series, progress=False)``
  with ``RAYON_NUM_THREADS=1`` and ``2``, timed from the Series to the five DataFrames
  (documents, paragraphs, sentences, mentions, quotes); MB/s and the peak memory of the call,
  also as a ratio to the corpus' size in memory;
* the peer: the same analysis with spaCy (``en_core_web_sm``, see ``textacy_quotes.py``):
  sentences from the parse (``doc.sents``), mentions from a ``PhraseMatcher(attr="LOWER")``
  over the gazetteer's names and aliases (longest, non-overlapping: ``filter_spans``),
  quotes with speakers from textacy's ``direct_quotations``, then DataFrames of sentences,
  mentions and quotes, on the first ``--peer-mb`` MB of the corpus; presswork ÷ peer;
* the issue's targets: ≥ 50 MB/s on one core, ≥ 1.8× that on two (also round by round),
  peak ≤ 2× the corpus in memory, and the ratio to the peer;
* the ceiling for the two-thread ratio: the Rust core alone (``examples/pipeline_files
  --parallel``, built with cargo; no Python, no tables) on 1 and 2 threads at the start of
  every round, under the same load, and how writing into fresh pages scales on the machine
  (``examples/fresh_pages``: the page faults of the output columns) (``--no-core-ceiling``
  skips both);
* where the time of the one-thread presswork call goes: the core's table builder (the Rust
  work, parallel, GIL released) against the Python assembly in ``presswork.pipeline``
  (explicit timers around its functions, in extra passes after the timed ones).

Every row runs in a fresh subprocess (``harness.py``), each presswork row ``--rounds`` times
(rounds interleaved; the fastest run kept); a run over ``--timeout`` or ``--max-rss-gb`` is
killed and recorded as such. Markdown goes to stdout (or ``--out FILE``), progress to stderr.

Units: MB = 1,000,000 bytes of UTF-8 input; MB/s = input MB / wall seconds of one call (the
best of up to ``--repeat`` passes; imports, corpus load, the matcher or model build and a
warm-up call excluded; every pass on a Series of freshly decoded ``str`` objects).

    python benchmarks/bench_pipeline.py                       # 20 MB, the peer on 0.15 MB
    python benchmarks/bench_pipeline.py --size-mb 2 --peer-mb 0.05 --rounds 1
    python benchmarks/bench_pipeline.py --news --out pipeline.md
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import corpus as corpus_mod
import gazetteers as gaz_mod
import harness
from bench_match import build_profile
from bench_quotes import log, machine, textacy_available
from harness import fmt as _fmt
from harness import ratio as _ratio
from harness import ratio_value as _ratio_value

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRIPT = Path(__file__).resolve()
MB = corpus_mod.MB
MIB = 1 << 20
#: Entities in the gazetteer (bench_match.py's 10k gazetteer).
ENTITIES = 10_000
#: The issue's targets.
TARGET_MB_S = 50.0
TARGET_SCALING = 1.8
TARGET_PEAK = 2.0
#: The presswork rows: RAYON_NUM_THREADS.
PW_THREADS = (1, 2)

# =========================================================================== worker


def _series(raw: list[bytes], dtype: str) -> Any:
    """A Series of freshly decoded texts (``dtype`` object: the ``str`` objects themselves;
    ``str``: pandas' Arrow-backed string dtype)."""
    import pandas as pd

    return pd.Series([b.decode("utf-8") for b in raw], dtype=dtype)


def _in_memory(series: Any) -> dict[str, int]:
    """The corpus' size in memory: the ``str`` objects (``sys.getsizeof``: CPython's 1, 2 or
    4 bytes per code point plus the object header) and the Series' own ``memory_usage``."""
    return {
        "corpus_bytes": sum(map(sys.getsizeof, series.tolist())),
        "series_bytes": int(series.memory_usage(deep=True)),
    }


def _presswork(records: list[dict]) -> tuple[dict[str, Any], Callable[[Any], dict]]:
    import presswork

    t0 = time.perf_counter()
    pipeline = presswork.Pipeline(
        matcher=presswork.EntityMatcher(presswork.Gazetteer.from_records(records))
    )
    info = {
        "version": getattr(presswork, "__version__", None) or harness.version("presswork"),
        "note": "`Pipeline(matcher=EntityMatcher(Gazetteer.from_records(records)))"
        ".analyze(series, progress=False)`: the five DataFrames",
        "build_s": time.perf_counter() - t0,
    }

    def run(series: Any) -> dict:
        return pipeline.analyze(series, progress=False).tables()

    return info, run


def _peer(records: list[dict]) -> tuple[dict[str, Any], Callable[[Any], dict]]:
    import pandas as pd
    import textacy_quotes as tq
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    t0 = time.perf_counter()
    nlp = tq.load_nlp()
    # Mentions come from the PhraseMatcher and textacy reads no entities: the statistical
    # NER would be work the analysis does not use.
    nlp.disable_pipe("ner")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for r in records:
        matcher.add(r["id"], list(nlp.tokenizer.pipe([r["name"], *r["aliases"]])))
    info = {
        "version": " / ".join(f"{k} {v}" for k, v in tq.versions().items()),
        "note": f"`nlp.pipe(series)` with {', '.join(nlp.pipe_names)} (NER disabled); "
        "sentences: `doc.sents`; mentions: `filter_spans(PhraseMatcher(nlp.vocab, "
        "attr='LOWER')(doc, as_spans=True))` over every name and alias; quotes: "
        "`textacy.extract.triples.direct_quotations(doc)` (`textacy_quotes.quotes_from_doc`: "
        "a document with unpaired quote marks is given up on and counted); then "
        "`pd.DataFrame.from_records` per table",
        "build_s": time.perf_counter() - t0,
    }

    def run(series: Any) -> dict:
        sentences: list[tuple] = []
        mentions: list[tuple] = []
        quotes: list[tuple] = []
        for key, doc in zip(series.index, nlp.pipe(series.tolist())):
            sentence_of: dict[int, int] = {}
            for n, sent in enumerate(doc.sents):
                sentence_of[sent.start] = n
                sentences.append((key, n, sent.start_char, sent.end_char, sent.text))
            for span in filter_spans(matcher(doc, as_spans=True)):
                mentions.append(
                    (
                        key,
                        sentence_of[span.sent.start],
                        span.start_char,
                        span.end_char,
                        span.text,
                        span.label_,
                    )
                )
            for q in tq.quotes_from_doc(doc)[0]:
                quotes.append((key, q["start"], q["end"], q["text"], q["speaker"], q["cue"]))
        return {
            "sentences": pd.DataFrame.from_records(
                sentences, columns=["key", "sentence", "start", "end", "text"]
            ),
            "mentions": pd.DataFrame.from_records(
                mentions, columns=["key", "sentence", "start", "end", "text", "entity_id"]
            ),
            "quotes": pd.DataFrame.from_records(
                quotes, columns=["key", "start", "end", "text", "speaker", "cue"]
            ),
        }

    return info, run


class _Timers:
    """Exclusive wall time per part: a wrapped function's time less that of the wrapped
    functions it calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._inner: list[float] = []

    def wrap(self, part: str, fn: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                dt = time.perf_counter() - t0
                self.seconds[part] += dt - self._inner.pop()
                self.calls[part] += 1
                if self._inner:
                    self._inner[-1] += dt

        return timed

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


#: The parts of the breakdown: (part, module, function), in the order of the work. The
#: core's table builder is timed apart, through a proxy of the pipeline that
#: ``presswork.pipeline.analyze`` receives.
BREAKDOWN = (
    ("string_column", "presswork.pipeline", "_string_column"),
    ("mention_entities", "presswork.pipeline", "_mention_entities_made"),
    ("quotes_frame", "presswork.pipeline", "_quotes_from_columns"),
    ("entities_inside", "presswork.pipeline", "_entities_inside"),
    ("assemble", "presswork.pipeline", "_assemble"),
)


def _install_timers() -> tuple[_Timers, list[str]]:
    """Wrap ``presswork.pipeline``'s functions in timers; the names not found (the module
    changed) are returned, their time stays in the enclosing part."""
    import importlib

    import presswork.pipeline as pipeline_mod

    timers = _Timers()
    missing: list[str] = []
    for part, module, name in BREAKDOWN:
        mod = importlib.import_module(module)
        if callable(getattr(mod, name, None)):
            setattr(mod, name, timers.wrap(part, getattr(mod, name)))
        else:
            missing.append(f"{module}.{name}")
    analyze = getattr(pipeline_mod, "analyze", None)
    if not callable(analyze):
        return timers, [*missing, "presswork.pipeline.analyze"]

    class TimedBuilder:
        def __init__(self, builder: Any) -> None:
            self.run = timers.wrap("tables", builder.run)
            self.finish = timers.wrap("finish", builder.finish)

    class TimedPipeline:
        def __init__(self, pipeline: Any) -> None:
            self._pipeline = pipeline

        def _table_builder(self, **options: Any) -> TimedBuilder:
            return TimedBuilder(self._pipeline._table_builder(**options))

        def __getattr__(self, name: str) -> Any:
            return getattr(self._pipeline, name)

    def timed_analyze(pipeline: Any, texts: Any, **options: Any) -> Any:
        return analyze(TimedPipeline(pipeline), texts, **options)

    pipeline_mod.analyze = timed_analyze
    return timers, missing


def _call(
    run: Callable[[Any], dict], raw: list[bytes], dtype: str, before: Callable[[Any], Any]
) -> dict:
    """One measured call of ``run`` on a Series of freshly decoded ``raw`` (``before`` runs
    just before it): seconds, peak MiB (ru_maxrss growth, the result held), kept MiB
    (resident growth once garbage collected: what the result holds), rows per table."""
    series = _series(raw, dtype)
    call = _in_memory(series)
    harness.settle()
    rss0 = harness.rss()
    call["peak_reset"] = harness.reset_peak()
    base = harness.maxrss()
    before(series)
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    tables = run(series)
    call["seconds"] = time.perf_counter() - t0
    call["cpu_seconds"] = time.process_time() - cpu0
    call["peak_mib"] = (harness.maxrss() - base) / MIB
    harness.settle()
    rss1 = harness.rss()
    call["kept_mib"] = (rss1 - rss0) / MIB if rss0 is not None and rss1 is not None else None
    call["counts"] = {name: len(frame) for name, frame in tables.items()}
    return call


def _calls(measure: Callable[[], dict], repeat: int, budget_s: float) -> list[dict]:
    """Up to ``repeat`` measured calls, none started once ``budget_s`` seconds are spent."""
    calls = [measure()]
    while len(calls) < repeat and sum(c["seconds"] for c in calls) < budget_s:
        calls.append(measure())
    return calls


def _breakdown(run: Callable[[Any], dict], raw: list[bytes], dtype: str, repeat: int) -> dict:
    """The parts of the fastest of ``repeat`` instrumented calls (after the timed ones)."""
    timers, missing = _install_timers()

    def measure() -> dict:
        call = _call(run, raw, dtype, lambda _: timers.reset())
        return {**call, "parts": dict(timers.seconds), "calls": dict(timers.calls)}

    calls = _calls(measure, repeat, float("inf"))
    best = min(calls, key=lambda c: c["seconds"])
    return {
        "passes": len(calls),
        "total_s": best["seconds"],
        "parts": best["parts"],
        "calls": best["calls"],
        "missing": missing,
    }


def _pin_to_threads() -> list[int] | None:
    """Pin this process to as many CPUs as RAYON_NUM_THREADS (Linux), so that a row's
    threads are its cores: the calling thread's own work (reading chunks, appending
    rows, the DataFrames) shares them instead of running on a spare core."""
    threads = os.environ.get("RAYON_NUM_THREADS")
    if not threads or not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))[: int(threads)]
    os.sched_setaffinity(0, cpus)
    return cpus


def run_worker(job: dict[str, Any]) -> dict[str, Any]:
    cpus = _pin_to_threads()
    t0 = time.perf_counter()
    records = gaz_mod.read_gazetteer(Path(job["gazetteer_path"]))
    info, run = (_presswork if job["system"] == "presswork" else _peer)(records)
    out: dict[str, Any] = {**info, "setup_s": round(time.perf_counter() - t0, 3)}
    del records
    articles = corpus_mod.read_articles(Path(job["corpus_path"]))
    if job.get("subset_mb") is not None:
        articles = corpus_mod.Corpus(articles, 0).subset(job["subset_mb"])
    raw = [a.encode("utf-8") for a in articles]
    out["chars"] = sum(map(len, articles))
    del articles
    run(_series(raw[:2], job["dtype"]))  # warm-up: lazy initialisation, thread pool
    import textacy_quotes as tq  # the peer's give-up counter (of the last call)

    def measure() -> dict:
        return _call(run, raw, job["dtype"], lambda _: tq.reset_stats())

    repeat = max(1, job.get("repeat", 1))
    calls = _calls(measure, repeat, job.get("budget_s", float("inf")))
    fastest = min(calls, key=lambda c: c["seconds"])
    out.update(fastest)
    # The largest peak and kept memory of the calls, each against the corpus in memory.
    out["peak_mib"] = max(c["peak_mib"] for c in calls)
    out["kept_mib"] = max((c["kept_mib"] or 0.0) for c in calls)
    out["peak_ratio"] = out["peak_mib"] * MIB / fastest["corpus_bytes"]
    out["mb"] = sum(map(len, raw)) / MB
    out["documents"] = len(raw)
    out["mb_per_s"] = out["mb"] / fastest["seconds"] if fastest["seconds"] > 0 else None
    out["passes"] = len(calls)
    out["threads"] = os.environ.get("RAYON_NUM_THREADS")
    out["cpus"] = cpus
    if job["system"] != "presswork":
        out["gave_up"] = tq.STATS["gave_up"]
    if job.get("breakdown"):
        out["breakdown"] = _breakdown(run, raw, job["dtype"], repeat)
    return out


# =========================================================================== driver


#: Python code that checks that presswork's Pipeline works and prints its extension's path
#: (``harness.presswork_env`` finds the environment it works under).
PROBE = """
import presswork
g = presswork.Gazetteer.from_records([{"id": "e", "name": "Ab Cd", "aliases": []}])
a = presswork.Pipeline(matcher=presswork.EntityMatcher(g)).analyze(
    ['"We won," said Ab Cd.'], progress=False
)
assert len(a.quotes) == 1 and len(a.mentions) == 1, a
print(presswork._core.__file__)
"""


class CoreCeiling:
    """The Rust core alone (no Python, no tables) on 1 and 2 threads, pinned like the
    presswork rows: ``examples/pipeline_files --parallel``, one measurement per thread
    count at each round of the presswork rows (so under the same load), the best pass's
    MB/s kept. Its 2 ÷ 1 ratio is the ceiling of the tables' scaling on this machine at
    this time.

    At each round also ``examples/fresh_pages``: 64 MB (about what a call on the 20 MB
    corpus writes into its final columns) written on 1 and 2 threads into fresh mappings,
    each page faulted in, and into mappings already in place. Its fresh-page 2 ÷ 1 ratio
    says how well the output columns' page faults scale here, a part of every call that
    no code of ours can make parallel where the kernel or the hypervisor serialises it."""

    def __init__(self, gazetteer: Path, corpus: Path) -> None:
        self.args = [str(gazetteer), str(corpus)]
        self.rounds: dict[int, list[float]] = {threads: [] for threads in PW_THREADS}
        #: Per round, 2 ÷ 1 threads writing (fresh pages, reused pages).
        self.pages: list[tuple[float, float]] = []
        self.failed = self.pages_failed = ""
        build = ["cargo", "build", "--quiet", "--release"]
        build += ["--example", "pipeline_files", "--example", "fresh_pages"]
        try:
            subprocess.run(build, cwd=REPO, check=True, capture_output=True, timeout=900)
        except (OSError, subprocess.SubprocessError) as error:
            self.failed = self.pages_failed = f"the core examples did not build: {error}"
        examples = REPO / "target" / "release" / "examples"
        self.binary = examples / "pipeline_files"
        self.pages_binary = examples / "fresh_pages"

    def round(self) -> None:
        """One measurement per thread count, and one of the writes into fresh pages."""
        most = max(PW_THREADS)
        if not self.pages_failed:
            args = ["--mb", "64", "--rounds", "3", "--threads", str(most)]
            pattern = r"fresh pages ([0-9.]+)x, reused pages ([0-9.]+)x"
            found = self._run(self.pages_binary, args, most, pattern)
            if isinstance(found, str):
                self.pages_failed = f"the fresh-pages example failed: {found}"
                log(f"    {self.pages_failed}")
            else:
                fresh, reused = float(found.group(1)), float(found.group(2))
                log(
                    f"    writing 64 MB, {most} threads ÷ 1: fresh pages {fresh:.2f}×, "
                    f"reused {reused:.2f}×"
                )
                self.pages.append((fresh, reused))
        for threads in PW_THREADS:
            if self.failed:
                return
            args = ["--throughput", "100", "--parallel", *self.args]
            found = self._run(self.binary, args, threads, r"best pass ([0-9.]+) MB/s")
            if isinstance(found, str):
                self.failed = f"the core example failed: {found}"
                return
            mb_s = float(found.group(1))
            log(f"    the Rust core alone, {threads} thread(s): {mb_s:.1f} MB/s")
            self.rounds[threads].append(mb_s)

    @staticmethod
    def _run(binary: Path, args: list[str], threads: int, pattern: str) -> re.Match[str] | str:
        """Runs ``binary`` pinned to ``threads`` CPUs with ``RAYON_NUM_THREADS=threads``;
        returns ``pattern``'s match in its output, or why there is none."""
        cpus = sorted(os.sched_getaffinity(0))[:threads]
        ran = subprocess.run(
            [str(binary), *args],
            env={**os.environ, "RAYON_NUM_THREADS": str(threads)},
            preexec_fn=lambda: os.sched_setaffinity(0, cpus),
            capture_output=True,
            text=True,
            timeout=600,
        )
        found = re.search(pattern, ran.stdout)
        if ran.returncode != 0 or found is None:
            return ran.stderr.strip()[-300:] or f"exit status {ran.returncode}"
        return found

    def result(self) -> dict[int, list[float]] | str:
        """MB/s per thread count, round by round, or why there are none."""
        return self.failed or self.rounds

    def pages_result(self) -> list[tuple[float, float]]:
        """Per round, the 2 ÷ 1 ratios of writing into fresh and into reused pages (none
        if the example failed)."""
        return [] if self.pages_failed else self.pages


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it."""
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def corpus_meta(path: Path, news: bool, seed: int, sources: int) -> dict[str, Any]:
    articles = corpus_mod.read_articles(path)
    return {
        "path": _shown(path),
        "articles": len(articles),
        "mb": sum(len(a.encode("utf-8")) for a in articles) / MB,
        "chars": sum(map(len, articles)),
        "seed": seed,
        "source_files": sources,
        "news": news,
    }


# --------------------------------------------------------------------------- report

#: The breakdown's rows: (part, what it is); "outside" is the call's total less the others.
PARTS = (
    (
        "tables",
        "`_TableBuilder.run`: the Rust work, in parallel with the GIL released (the "
        "chunks read and the progress callback included)",
    ),
    ("finish", "`_TableBuilder.finish`: the columns handed to numpy (no copy)"),
    ("string_column", "`_string_column`: text columns from the core's UTF-8 buffers"),
    ("mention_entities", "`_mention_entities_made`: the mentions' labels from the core's codes"),
    ("quotes_frame", "`_quotes_from_columns` less its text columns: the quotes frame"),
    ("entities_inside", "`_entities_inside`: the entity ids inside each quote"),
    ("assemble", "`_assemble`, the rest: DataFrames, keys, flags"),
    ("outside", "`analyze` itself: `Series.tolist`, the input's size, the missing flags"),
)


def _counts_per_mb(res: dict, table: str) -> str:
    n = res.get("counts", {}).get(table)
    return "—" if n is None else _fmt(n / res["mb"], 0)


def _busy(res: dict) -> str:
    """CPU seconds over wall seconds of the fastest call: the cores it kept busy."""
    cpu, wall = res.get("cpu_seconds"), res.get("seconds")
    return "—" if cpu is None or not wall else f"{cpu / wall:.2f}"


def _speed_section(rows: list[dict], peer: dict | None) -> list[str]:
    out = ["## Speed\n"]
    out.append(
        "| system | threads | input MB | seconds | CPU busy | MB/s | sentences/MB | mentions/MB "
        "| quotes/MB | peak MiB | peak ÷ corpus in memory | result kept MiB | presswork ÷ peer |"
    )
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for row in rows:
        res = row["result"]
        threads = row["threads"] or "1 (calling thread)"
        if res.get("status") != "ok":
            out.append(
                f"| {row['label']} | {threads} | {harness.cell(res.get('status', '?'))} |"
                + " |" * 10
            )
            continue
        ratio = _ratio(res, peer, 0) if row["system"] == "presswork" else ""
        speed = res["mb_per_s"]
        out.append(
            f"| {row['label']} | {threads} | {_fmt(res['mb'])} | {_fmt(res['seconds'], 3)} "
            f"| {_busy(res)} | {_fmt(speed, 4 if speed < 1 else 2)} "
            f"| {_counts_per_mb(res, 'sentences')} "
            f"| {_counts_per_mb(res, 'mentions')} | {_counts_per_mb(res, 'quotes')} "
            f"| {_fmt(res['peak_mib'], 1)} | {_fmt(res.get('peak_ratio'))}× "
            f"| {_fmt(res.get('kept_mib'), 1)} | {ratio} |"
        )
    out.append("")
    return out


def _targets_section(
    pw: dict[int, dict],
    peer: dict | None,
    ceiling: dict[int, list[float]] | str | None = None,
    pages: list[tuple[float, float]] | None = None,
) -> list[str]:
    def met(ok: bool | None) -> str:
        return "—" if ok is None else ("yes" if ok else "**no**")

    one, two = pw.get(1), pw.get(2)
    out = ["## Targets\n", "| target | measured | met |", "|---|--:|---|"]
    speed = one["mb_per_s"] if harness.ok(one) else None
    out.append(
        f"| pipeline, 1 thread ≥ {TARGET_MB_S:g} MB/s | {_fmt(speed)} MB/s "
        f"| {met(None if speed is None else speed >= TARGET_MB_S)} |"
    )
    scaling = _ratio_value(two, one)
    out.append(
        f"| 2 threads ≥ {TARGET_SCALING:g}× 1 thread | {_fmt(scaling)}× "
        f"| {met(None if scaling is None else scaling >= TARGET_SCALING)} |"
    )
    paired = _paired_ratios(one, two)
    if paired:
        out.append(
            f"| (the same, round by round: the two rows of a round run back to back) "
            f"{', '.join(f'{r:.2f}' for r in paired)} | median {_median(paired):.2f}× "
            "| — |"
        )
    if isinstance(ceiling, dict) and ceiling.get(1) and ceiling.get(2):
        best1, best2 = max(ceiling[1]), max(ceiling[2])
        rounds = [b / a for a, b in zip(ceiling[1], ceiling[2])]
        out.append(
            f"| (context) the Rust core alone, no Python, no tables: 2 threads ÷ 1 "
            f"({best1:.1f} → {best2:.1f} MB/s; round by round "
            f"{', '.join(f'{r:.2f}' for r in rounds)}) | {best2 / best1:.2f}× "
            f"(median {_median(rounds):.2f}×) | the machine's ceiling for the rows above |"
        )
    if pages:
        fresh, reused = [p[0] for p in pages], [p[1] for p in pages]
        out.append(
            "| (context) writing 64 MB into fresh pages, each faulted in, as the final "
            "columns are (`examples/fresh_pages`): 2 threads ÷ 1, round by round "
            f"{', '.join(f'{r:.2f}' for r in fresh)}; into pages already in place: "
            f"{', '.join(f'{r:.2f}' for r in reused)} | median {_median(fresh):.2f}× "
            f"(in place: {_median(reused):.2f}×) | how the output's page faults scale here |"
        )
    for threads, res in sorted(pw.items()):
        ratio = res.get("peak_ratio") if harness.ok(res) else None
        out.append(
            f"| peak ≤ {TARGET_PEAK:g}× corpus in memory ({threads} thread"
            f"{'s' if threads > 1 else ''}) | {_fmt(ratio)}× "
            f"| {met(None if ratio is None else ratio <= TARGET_PEAK)} |"
        )
    for threads, res in sorted(pw.items()):
        out.append(
            f"| ratio to spaCy + PhraseMatcher + textacy ({threads} thread"
            f"{'s' if threads > 1 else ''}) | {_ratio(res, peer, 0)} | reported (no figure "
            "set) |"
        )
    out.append("")
    for threads, res in sorted(pw.items()):
        if harness.ok(res) and res.get("kept_mib") is not None:
            corpus = res["corpus_bytes"] / MIB
            work = res["peak_mib"] - res["kept_mib"]
            out.append(
                f"- {threads} thread{'s' if threads > 1 else ''}: of the peak "
                f"{res['peak_mib']:.1f} MiB, the returned DataFrames keep {res['kept_mib']:.1f} "
                f"MiB ({res['kept_mib'] / corpus:.2f}× the corpus in memory); the rest, "
                f"{work:.1f} MiB ({work / corpus:.2f}×), is the call's working memory."
            )
    out.append("")
    return out


def _paired_ratios(one: dict | None, two: dict | None) -> list[float]:
    """Each round's 2-thread MB/s over its 1-thread MB/s (rounds where both ran)."""
    if not (harness.ok(one) and harness.ok(two)):
        return []
    pairs = zip(one.get("round_mb_per_s", []), two.get("round_mb_per_s", []))
    return [b / a for a, b in pairs if a and b]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _breakdown_section(res: dict) -> list[str]:
    b = res.get("breakdown")
    if not b:
        return []
    total = b["total_s"]
    parts = dict(b["parts"])
    parts["outside"] = total - sum(parts.values())
    per_mb = 1e3 / res["mb"]
    out = [
        "## Where the time goes (presswork, 1 thread)\n",
        f"The fastest of {b['passes']} extra calls with explicit timers around the "
        "functions of `presswork.pipeline` (each part's own time, less the timed functions it "
        f"calls): {total:.3f} s for {res['mb']:.2f} MB against {res['seconds']:.3f} s "
        "untimed.\n",
        "| part | what | calls | s | ms / MB | share |",
        "|---|---|--:|--:|--:|--:|",
    ]
    for part, what in PARTS:
        if part not in parts:
            continue
        s = parts[part]
        calls = b["calls"].get(part, 1 if part == "outside" else 0)
        out.append(f"| {part} | {what} | {calls} | {s:.3f} | {s * per_mb:.1f} | {s / total:.0%} |")
    rust = parts.get("tables", 0.0) + parts.get("finish", 0.0)
    python = total - rust
    out.append(f"| **total** | the call | 1 | {total:.3f} | {total * per_mb:.1f} | 100% |")
    out.append("")
    cap = f"{1e3 / (python * per_mb):.0f}" if python > 0 else "—"
    out.append(
        f"Rust (the table builder): **{rust / total:.0%}**; Python around it: "
        f"**{python / total:.0%}** "
        f"({python * per_mb:.1f} ms per MB). The Python part runs on one core whatever "
        f"RAYON_NUM_THREADS: alone it caps the pipeline at {cap} MB/s however fast the Rust "
        f"work, and with the Rust part perfectly parallel, two threads give at most "
        f"{total / (python + rust / 2):.2f}× one thread."
    )
    if b.get("missing"):
        out.append(
            f"\nNot found (the module changed; their time is in the enclosing part): "
            f"{', '.join(f'`{m}`' for m in b['missing'])}."
        )
    out.append("")
    return out


def report(meta: dict, rows: list[dict]) -> str:
    c, m, g = meta["corpus"], meta["machine"], meta["gazetteer"]
    out = ["# Pipeline benchmark: a Series to DataFrames\n"]
    out.append(f"Command: `{meta['command']}`\n")
    out.append(
        f"Machine: {m['cpu']}, {m['cpus']} CPUs ({m['usable_cpus']} usable), {m['memory']}; "
        f"{m['platform']}; Python {m['python']}; presswork at `{m['git']}`; load average "
        f"at the start {meta['load']}."
    )
    if meta.get("presswork"):
        out.append(f"\n{meta['presswork']}")
    what = (
        f"real news, {c['articles']:,} articles ({c['source_files']} news files repeated in order)"
        if c["news"]
        else f"{c['articles']:,} articles, seed {c['seed']}, {c['source_files']} source files "
        "resampled"
    )
    out.append(
        f"\nCorpus: {what}, {c['mb']:.2f} MB UTF-8 ({c['chars']:,} code points) "
        f"(`{c['path']}`); a Series of dtype `{meta['dtype']}` with a RangeIndex."
    )
    out.append(
        f"\nGazetteer: {g['entities']:,} entities, {g['distinct_strings']:,} distinct names and "
        f"aliases (`{g['path']}`, the 10k gazetteer of `bench_match.py`).\n"
    )
    pw = {r["threads"]: r["result"] for r in rows if r["system"] == "presswork"}
    peer = next((r["result"] for r in rows if r["system"] == "peer"), None)
    out += _speed_section(rows, peer)
    first = next((r for r in pw.values() if r.get("status") == "ok"), None)
    if first is not None:
        out.append(
            f"Corpus in memory = Σ `sys.getsizeof` of the documents' `str` objects "
            f"(CPython: 1, 2 or 4 bytes per code point by the widest one, plus a 40–80 byte "
            f"header): {first['corpus_bytes'] / MIB:.1f} MiB for {first['mb']:.2f} MB of "
            f"UTF-8; the Series' own `memory_usage(deep=True)`: "
            f"{first['series_bytes'] / MIB:.1f} MiB. Peak = growth of `ru_maxrss` during the "
            "call over its level just before (high-water mark reset through "
            "`/proc/self/clear_refs`), the returned DataFrames included; the largest of the "
            "passes.\n"
        )
    if harness.ok(peer):
        out.append(
            f"The peer ran on the first {peer['mb'] * 1e3:.0f} KB ({peer['documents']} articles, "
            f"one pass; model and PhraseMatcher built in {peer['build_s']:.1f} s, not timed). "
            f"textacy gave up on **{peer['gave_up']} of {peer['documents']}** documents (an "
            "odd number of quote-mark tokens: `direct_quotations` raises and nothing is "
            "extracted from them). Its counts per MB differ from presswork's by design: "
            "the PhraseMatcher matches token sequences (no typographic folding, no "
            "`O’Brien`/`O'Brien`), textacy yields only attributed quotes.\n"
        )
    out += _targets_section(pw, peer, meta.get("core_ceiling"), meta.get("page_ceiling"))
    if isinstance(meta.get("core_ceiling"), str):
        out.append(f"The core's ceiling was not measured: {meta['core_ceiling']}.\n")
    out += _breakdown_section(pw.get(1) or {})
    out += harness.systems_and_notes(meta)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    harness.add_run_arguments(ap, ("spacy",), subset_default="none", repeat=5)
    ap.add_argument("--size-mb", type=float, default=20.0, help="corpus size (default 20)")
    ap.add_argument(
        "--news",
        action="store_true",
        help="time on the real news articles (each file one article, repeated to --size-mb) "
        "instead of the generated corpus",
    )
    ap.add_argument(
        "--peer-mb",
        type=float,
        default=0.15,
        help="run the peer on the first MB of the corpus (default 0.15: ~10 s)",
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="run every presswork row N times, interleaved, keep the fastest (default 3)",
    )
    ap.add_argument(
        "--dtype",
        choices=("object", "str"),
        default="object",
        help="the Series' dtype: object (Python str objects, as read_corpus gives) or str "
        "(pandas' Arrow-backed strings, pd.Series(list)'s default in pandas 3)",
    )
    ap.add_argument(
        "--no-core-ceiling",
        dest="core_ceiling",
        action="store_false",
        help="skip the Rust core alone on 1 and 2 threads (built with cargo; the ceiling "
        "of the tables' scaling on this machine, measured at each round of the presswork "
        "rows) and the writes into fresh pages on 1 and 2 threads",
    )
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--out", type=Path, help="write the Markdown report here (default stdout)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return harness.worker_main(run_worker, args.worker)

    peers = [] if args.peers.strip() == "none" else [p.strip() for p in args.peers.split(",")]
    if any(p != "spacy" for p in peers):
        ap.error("the only peer is spacy (spaCy + PhraseMatcher + textacy)")
    if args.subset:
        ap.error("--subset is not used here: see --peer-mb")
    max_rss = args.max_rss_gb * 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())

    shared = None if args.corpus == "none" else Path(args.corpus)
    sample = None if args.sample_dir == "none" else Path(args.sample_dir)
    sources = len(corpus_mod.source_files(shared, sample))
    log(f"corpus ({args.size_mb:g} MB{', real news' if args.news else ''}) ...")
    if args.news:
        path = corpus_mod.real_news_path(args.size_mb, shared, sample)
    else:
        path = corpus_mod.cached_corpus_path(args.size_mb, args.seed, shared, sample)
    corpus = corpus_meta(path, args.news, args.seed, sources)
    log(f"  {corpus['articles']} articles, {corpus['mb']:.2f} MB -> {path}")
    # The gazetteer is drawn from the first 2 MB of the generated corpus, whatever is timed:
    # the same file as bench_match.py's.
    gaz_source = corpus_mod.cached_corpus_path(gaz_mod.PHRASE_SAMPLE_MB, args.seed, shared, sample)
    gpath, summary = gaz_mod.cached_gazetteer_path(
        ENTITIES, corpus_mod.read_articles(gaz_source), args.seed
    )
    gazetteer = {**summary, "path": _shown(gpath)}
    log(f"  gazetteer: {summary['entities']:,} entities -> {gpath}")

    notes: list[str] = []
    systems: dict[str, dict[str, str]] = {}
    pw_line = ""
    base = {
        "corpus_path": str(path),
        "gazetteer_path": str(gpath),
        "dtype": args.dtype,
        "repeat": args.repeat,
        "budget_s": args.budget,
    }
    rows: list[dict[str, Any]] = []
    ceiling: dict[int, list[float]] | str | None = None
    pages: list[tuple[float, float]] = []
    pw_extra, why = (None, "") if args.no_presswork else harness.presswork_env(PROBE)
    if pw_extra is None and why:
        log(f"presswork is not usable ({why}); skipping its rows")
        notes.append(f"presswork was not benchmarked: `{why}`.")
    if pw_extra is not None:
        profile = build_profile(why)
        log(f"presswork: {why} ({profile} build)")
        build = f"{profile} build"
        if profile == "debug":
            build = "**a DEBUG build: its figures are not representative** (rebuild with "
            build += "`maturin develop --release`)"
        pw_line = f"presswork: `{_shown(Path(why))}`, {build}."
        if pw_extra:
            notes.append(f"presswork imported with {pw_extra}.")
        reference = None
        if args.core_ceiling and hasattr(os, "sched_setaffinity"):
            log("building the Rust core's examples (pipeline_files, fresh_pages) ...")
            reference = CoreCeiling(gpath, path)
        jobs = [
            {**base, "system": "presswork", "threads": t, "extra": pw_extra, "breakdown": t == 1}
            for t in PW_THREADS
        ]
        best = harness.run_rows(
            SCRIPT,
            jobs,
            lambda job: f"presswork Pipeline.analyze RAYON_NUM_THREADS={job['threads']}",
            lambda res: (
                f"{res['mb_per_s']:.2f} MB/s, {res['seconds']:.3f} s, "
                f"peak {res['peak_mib']:.1f} MiB ({res['peak_ratio']:.2f}× corpus in memory)"
            ),
            args.timeout,
            max_rss,
            args.rounds,
            reference.round if reference is not None else None,
        )
        if reference is not None:
            ceiling = reference.result()
            pages = reference.pages_result()
        for job, res in zip(jobs, best):
            if res.get("status") == "ok":
                systems["presswork"] = {"version": res["version"], "note": res["note"]}
            label = "presswork `Pipeline.analyze`"
            rows.append(
                {"system": "presswork", "threads": job["threads"], "label": label, "result": res}
            )
    if "spacy" in peers:
        why_not = textacy_available()
        if why_not:
            log(f"the peer is not usable ({why_not}); skipped")
            notes.append(f"spaCy + textacy was skipped: `{why_not}`.")
        else:
            log(f"spaCy + PhraseMatcher + textacy (first {args.peer_mb:g} MB) ...")
            job = {**base, "system": "peer", "repeat": 1, "subset_mb": args.peer_mb}
            res = harness.run_job(SCRIPT, job, harness.env(None, {}), args.timeout, max_rss)
            if res.get("status") == "ok":
                systems["spaCy + PhraseMatcher + textacy"] = {
                    "version": res["version"],
                    "note": res["note"],
                }
                log(
                    f"    {res['mb_per_s']:.4f} MB/s, {res['seconds']:.1f} s, gave up on "
                    f"{res['gave_up']} of {res['documents']}"
                )
            else:
                log(f"    {res.get('status')}")
            rows.append(
                {
                    "system": "peer",
                    "threads": None,
                    "label": "spaCy + PhraseMatcher + textacy",
                    "result": res,
                }
            )

    notes += [
        "A presswork row with RAYON_NUM_THREADS=N runs pinned to N CPUs "
        "(`os.sched_setaffinity`): one thread means one core, the calling thread's own work "
        "included. CPU busy = CPU seconds (user + system, every thread) over wall seconds "
        "of the fastest call.",
        "MB = 10^6 bytes of UTF-8 input; MB/s = input MB / wall seconds of one call from the "
        "Series to the DataFrames (best of up to "
        f"{args.repeat} passes, none started after {args.budget:g} s; imports, corpus load, "
        "the matcher or model build and a warm-up call excluded); one fresh process per "
        f"row, every presswork row run {args.rounds}× (rounds interleaved), the fastest kept; "
        "the peer runs one pass. Each pass gets a Series of freshly decoded `str` objects.",
        "presswork ÷ peer = the row's MB/s over the peer's (one process, one core: spaCy's "
        "`nlp.pipe` with `n_process=1`). The peer builds no paragraphs table and no "
        "documents table: both are cheap next to its parse.",
        "result kept MiB = resident memory after the call (garbage collected, heap trimmed) "
        "less before it: what the returned DataFrames hold (the largest of the passes).",
        "The breakdown's calls run after the timed ones, in the same process; the timers "
        "add a few microseconds per wrapped call.",
        "The machine is shared (the load average above is at the start of the run); figures "
        "drift between runs, hence the rounds.",
    ]
    meta = {
        "command": shlex.join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "load": load,
        "corpus": corpus,
        "gazetteer": gazetteer,
        "dtype": args.dtype,
        "presswork": pw_line,
        "core_ceiling": ceiling,
        "page_ceiling": pages,
        "systems": systems,
        "notes": notes,
    }
    text = report(meta, rows)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        log(f"wrote {args.out}")
    else:
        print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2, ensure_ascii=False))
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
