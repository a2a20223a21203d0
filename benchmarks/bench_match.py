"""Entity-matching throughput of presswork against Python multi-pattern matchers.

One run compares, on the same deterministic news-like corpus (see ``corpus.py``) and the same
gazetteers of 1k, 10k and 100k entities with multi-word names and aliases (see
``gazetteers.py``):

* presswork ``EntityMatcher`` under *plain* semantics (case-sensitive, no normalisation, no
  word boundaries, leftmost-longest: what ahocorasick_rs ``LeftmostLongest`` does): ``find``
  per article and ``mention_columns`` on the list with ``RAYON_NUM_THREADS=1``;
* presswork under its *default* semantics (whole words, Unicode case folding, typographic
  and white-space folding): ``find`` per article and ``mention_columns`` with 1 and 2
  threads;
* ahocorasick_rs (plain; and on lower-cased, folded text with a Python whole-word filter),
  pyahocorasick (``iter_long`` on ``text.lower()``, raw and with the Python post-filtering
  that presswork's default semantics would need), flashtext and flashtext2 (when
  installed), each per article under the nearest semantics it supports;
* for presswork, "where the time goes": the same calls without Python objects
  (``mention_columns``), without normalisation (plain semantics) and on an ASCII-only copy
  of the corpus (no UTF-8 encoding or offset conversion to do).

Every row runs in a fresh subprocess: import, load the corpus and the gazetteer, build the
automaton (timed: build seconds, RSS growth), one warm-up call, then the timed passes; a run
that exceeds ``--timeout`` or ``--max-rss-gb`` is killed and recorded as such, and an
exception is recorded as ``error: ...``. Each timed pass gets freshly decoded ``str``
objects, so no system profits from a UTF-8 copy that an earlier pass left cached in them.
Results are printed as Markdown on stdout (progress goes to stderr); ``--json`` also writes
them as JSON.

Units: MB = 1,000,000 bytes of UTF-8 input; MB/s = input MB / wall seconds of one pass (the
best of up to ``--repeat``); peak MiB = growth of ``ru_maxrss`` during a pass (the high-water
mark is reset through ``/proc/self/clear_refs`` before it, where Linux allows).

    python benchmarks/bench_match.py                   # 50 MB corpus, 1k/10k/100k entities
    python benchmarks/bench_match.py --quick           # ~2 MB smoke test
    python benchmarks/bench_match.py --sizes 10000 --peers ahocorasick_rs --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable

import corpus as corpus_mod
import gazetteers as gaz_mod
import harness
from harness import fmt as _fmt
from harness import ok as _ok
from harness import ratio as _ratio
from harness import ratio_value as _ratio_value

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MB = corpus_mod.MB
MIB = 1 << 20
RESULT_TAG = harness.RESULT_TAG
SCRIPT = Path(__file__).resolve()
DEFAULT_SIZES = (1_000, 10_000, 100_000)
ALL_PEERS = (
    "ahocorasick_rs",
    "ahocorasick_rs-folded",
    "pyahocorasick",
    "pyahocorasick-filter",
    "flashtext",
    "flashtext2",
)
#: Default MB of input per peer (the rest of the corpus is skipped): flashtext is pure Python.
DEFAULT_SUBSET = {"flashtext": 10.0}

#: Short semantics labels for the tables, and the long form for the "Systems" section.
SEMANTICS = {
    "presswork-plain": (
        "plain",
        "`EntityMatcher(g, case_sensitive=True, normalize_punctuation=False, "
        "normalize_spaces=False, whole_words=False)`: exact substrings, leftmost-longest, "
        "no overlaps: the same as ahocorasick_rs `LeftmostLongest` over the same strings",
    ),
    "presswork": (
        "default",
        "`EntityMatcher(g)` defaults: Unicode case folding (`ß`→`ss`, `İ`→`i`), typographic "
        "folding (`’ ‘`→`'`, `“ ”`→`\"`, dashes→`-`, `…`→`...`), any run of white space = "
        "one space (not across a blank line), whole words (no letter or digit on either side, "
        "checked while choosing, so a failed longer candidate never hides a shorter one), "
        "leftmost-longest, no overlaps; code-point offsets into the original text",
    ),
    "ahocorasick_rs": (
        "plain",
        "`AhoCorasick(patterns, matchkind=MatchKind.LeftmostLongest)`, "
        "`find_matches_as_indexes(text)`: exact substrings, case-sensitive, no word "
        "boundaries. Its Python API has no case-insensitive option (the Rust crate's "
        "`ascii_case_insensitive` is not exposed; its docs suggest lower-casing patterns and "
        "text), hence the `-folded` row",
    ),
    "ahocorasick_rs-folded": (
        "≈default (Python filter)",
        "ahocorasick_rs `LeftmostLongest` over lower-cased, typographically folded patterns, "
        "on `text.lower().translate(...)` (curly quotes and dashes folded, every white-space "
        "character → space, so runs of spaces are *not* folded), then a Python whole-word "
        "filter on each match, offsets mapped back when `lower()` changes the length (`İ`). "
        "A longer candidate that fails the filter hides a shorter whole-word match at the "
        "same start (presswork checks while choosing)",
    ),
    "pyahocorasick": (
        "lower, substrings",
        "`Automaton` of lower-cased patterns, `iter_long(text.lower())`: leftmost-longest "
        "without word boundaries; offsets are into the lower-cased text, off by one per `İ` "
        "before them. (`iter_long` also misses a shorter match when a longer candidate at "
        "the same start fails: patterns `b`, `1b1` in `1b` give nothing.)",
    ),
    "pyahocorasick-filter": (
        "≈default (Python filter)",
        "the pyahocorasick row plus the Python post-processing that presswork's default "
        "semantics would need: typographic folding by `str.translate` (as the "
        "`ahocorasick_rs-folded` row), a whole-word filter on each match, offsets mapped "
        "back to the original text when `lower()` changes its length; one `(start, end, "
        "pattern)` tuple per kept match. Same caveats as that row",
    ),
    "flashtext": (
        "lower, ASCII word boundaries",
        "`KeywordProcessor(case_sensitive=False)`, `extract_keywords(text, span_info=True)`: "
        "`text.lower()`, then longest keyword at each position, no overlaps; word "
        "characters are `[A-Za-z0-9_]` only, so `é`, `ø` or `’` end a word (`José` "
        "contains the whole word `Jos`); no punctuation or space folding; spans are into the "
        "lower-cased text (off after an `İ`)",
    ),
    "flashtext2": (
        "case folding, UAX #29 tokens",
        "`KeywordProcessor(case_sensitive=False)`, `extract_keywords_with_span(text)`: "
        "Unicode case folding; text and keywords split into Unicode (UAX #29) word and "
        "separator tokens, a keyword matches a run of whole tokens, longest first: so "
        "`New York’s` (one token `York’s`) and `New  York` (two spaces) do not match "
        "`New York`; spans shift when case folding changes the text's length (`ß`, `İ`)",
    ),
}

# =========================================================================== systems
# Each factory imports its system and returns (version, build) where build(records) returns
# run(list_of_texts) -> number of matches.

Run = Callable[[list], int]
Build = Callable[[list], Run]


#: What presswork's default normaliser folds, as far as str.translate can do it without
#: changing lengths (``…`` → ``...`` would, so it is left alone).
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2019\u2018\u02bc\u2032\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\t\n\r\x0b\x0c\xa0\u2009\u202f\u3000", " "),
    }
)


def fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` lower-cased and typographically folded, and (only when lower-casing changed
    its length) the original index of every folded character plus one past the end."""
    low = text.lower()
    if len(low) == len(text):
        return low.translate(_FOLD), None
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        low_ch = ch.lower()
        parts.append(low_ch)
        origin.extend([i] * len(low_ch))
    origin.append(len(text))
    return "".join(parts).translate(_FOLD), origin


def whole_word(t: str, start: int, end: int) -> bool:
    """presswork's rule: no word character (letter or digit) on both sides of either edge."""
    if start > 0 and t[start - 1].isalnum() and t[start].isalnum():
        return False
    return not (end < len(t) and t[end - 1].isalnum() and t[end].isalnum())


def _presswork(plain: bool, call: str) -> tuple[str, Build]:
    import presswork

    opts: dict[str, bool] = {}
    if plain:
        opts = dict(
            case_sensitive=True,
            normalize_punctuation=False,
            normalize_spaces=False,
            whole_words=False,
        )

    def build(records: list) -> Run:
        m = presswork.EntityMatcher(presswork.Gazetteer.from_records(records), **opts)
        run.matcher = m  # type: ignore[attr-defined]
        return run

    def run(docs: list) -> int:
        m = run.matcher  # type: ignore[attr-defined]
        if call == "find":
            return sum(len(m.find(d)) for d in docs)
        if call == "find_batch":
            return sum(len(x) for x in m.find_batch(docs))
        return len(m.mention_columns(docs)["start"])

    version = getattr(presswork, "__version__", None) or harness.version("presswork")
    return version, build


def _ahocorasick_rs(folded: bool) -> tuple[str, Build]:
    from ahocorasick_rs import AhoCorasick, MatchKind

    def build(records: list) -> Run:
        pats = gaz_mod.patterns(records)
        if folded:
            pats = sorted({fold(p)[0] for p in pats})
        ac = AhoCorasick(pats, matchkind=MatchKind.LeftmostLongest)
        if not folded:
            return lambda docs: sum(len(ac.find_matches_as_indexes(d)) for d in docs)

        def run(docs: list) -> int:
            n = 0
            for d in docs:
                t, origin = fold(d)
                out = [
                    (s, e, i) for i, s, e in ac.find_matches_as_indexes(t) if whole_word(t, s, e)
                ]
                if origin is not None:
                    out = [(origin[s], origin[e - 1] + 1, i) for s, e, i in out]
                n += len(out)
            return n

        return run

    return harness.version("ahocorasick-rs"), build


def _pyahocorasick(post_filter: bool) -> tuple[str, Build]:
    import ahocorasick

    def build(records: list) -> Run:
        a = ahocorasick.Automaton()
        key = (lambda p: fold(p)[0]) if post_filter else str.lower
        for i, p in enumerate(sorted({key(p) for p in gaz_mod.patterns(records)})):
            a.add_word(p, (i, len(p)))
        a.make_automaton()
        if not post_filter:
            return lambda docs: sum(sum(1 for _ in a.iter_long(d.lower())) for d in docs)

        def run(docs: list) -> int:
            n = 0
            for d in docs:
                t, origin = fold(d)
                out = []
                for end, (i, length) in a.iter_long(t):
                    s, e = end + 1 - length, end + 1
                    if whole_word(t, s, e):
                        out.append((s, e, i))
                if origin is not None:
                    out = [(origin[s], origin[e - 1] + 1, i) for s, e, i in out]
                n += len(out)
            return n

        return run

    return harness.version("pyahocorasick"), build


def _flashtext() -> tuple[str, Build]:
    from flashtext import KeywordProcessor

    def build(records: list) -> Run:
        kp = KeywordProcessor(case_sensitive=False)
        for p in gaz_mod.patterns(records):
            kp.add_keyword(p)
        return lambda docs: sum(len(kp.extract_keywords(d, span_info=True)) for d in docs)

    return harness.version("flashtext"), build


def _flashtext2() -> tuple[str, Build]:
    from flashtext2 import KeywordProcessor

    def build(records: list) -> Run:
        kp = KeywordProcessor(case_sensitive=False)
        kp.add_keywords_from_iter(gaz_mod.patterns(records))
        return lambda docs: sum(len(kp.extract_keywords_with_span(d)) for d in docs)

    return harness.version("flashtext2"), build


SYSTEMS: dict[str, Callable[[str], tuple[str, Build]]] = {
    "presswork-plain": lambda call: _presswork(True, call),
    "presswork": lambda call: _presswork(False, call),
    "ahocorasick_rs": lambda call: _ahocorasick_rs(False),
    "ahocorasick_rs-folded": lambda call: _ahocorasick_rs(True),
    "pyahocorasick": lambda call: _pyahocorasick(False),
    "pyahocorasick-filter": lambda call: _pyahocorasick(True),
    "flashtext": lambda call: _flashtext(),
    "flashtext2": lambda call: _flashtext2(),
}

# =========================================================================== worker


def ascii_same_length(texts: list[str]) -> list[str]:
    """``texts`` with every non-ASCII character replaced by one ASCII character (its base
    letter, a straight quote, ``-``, a space or ``x``): the same code points, pure ASCII."""
    table: dict[int, str] = {}
    for ch in set().union(*map(set, texts)):
        if ord(ch) < 128:
            continue
        base = unicodedata.normalize("NFKD", ch)[:1]
        if base.isascii() and base.isprintable() and base:
            table[ord(ch)] = base
        else:
            folded = ch.translate(_FOLD)
            table[ord(ch)] = folded if folded.isascii() else ("." if ch == "\u2026" else "x")
    return [t.translate(table) for t in texts]


def run_worker(job: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    version, build = SYSTEMS[job["system"]](job["call"])
    import_s = time.perf_counter() - t0
    out: dict[str, Any] = {"version": version, "import_s": round(import_s, 3)}

    records = gaz_mod.read_gazetteer(Path(job["gazetteer_path"]))
    articles = corpus_mod.read_articles(Path(job["corpus_path"]))
    if job.get("subset_mb") is not None:
        articles = corpus_mod.Corpus(articles, 0).subset(job["subset_mb"])
    if job.get("ascii"):
        articles = ascii_same_length(articles)
    raw = [a.encode("utf-8") for a in articles]
    chars = sum(map(len, articles))
    warm = [articles[0][:2000]]
    del articles

    # Build: wall time, RSS growth once built (garbage collected, heap trimmed), peak.
    harness.settle()
    rss0 = harness.rss()
    out["peak_reset"] = harness.reset_peak()
    base = harness.maxrss()
    t0 = time.perf_counter()
    run = build(records)
    out["build_s"] = time.perf_counter() - t0
    out["build_peak_mib"] = (harness.maxrss() - base) / MIB
    harness.settle()
    rss1 = harness.rss()  # the records are still alive, as they were at rss0
    del records
    out["automaton_mib"] = (rss1 - rss0) / MIB if rss0 is not None and rss1 is not None else None
    matcher = getattr(run, "matcher", None)
    if matcher is not None:
        out["pattern_count"] = matcher.pattern_count
        out["automaton_memory_mib"] = matcher.automaton_memory / MIB

    run(warm)  # warm-up: lazy initialisation, first-call costs
    best = float("inf")
    spent = 0.0
    count = 0
    peak = 0
    for _ in range(max(1, job.get("repeat", 1))):
        docs = [b.decode("utf-8") for b in raw]  # fresh str objects: no cached UTF-8
        harness.settle()
        harness.reset_peak()
        base = harness.maxrss()
        t1 = time.perf_counter()
        count = run(docs)
        dt = time.perf_counter() - t1
        peak = max(peak, harness.maxrss() - base)
        del docs
        best = min(best, dt)
        spent += dt
        if spent >= job.get("budget_s", float("inf")):
            break
    mb = sum(map(len, raw)) / MB
    out.update(
        mb=mb,
        chars=chars,
        documents=len(raw),
        seconds=best,
        mb_per_s=mb / best if best > 0 else None,
        matches=count,
        matches_per_mb=count / mb if mb else None,
        peak_mib=peak / MIB,
        threads=os.environ.get("RAYON_NUM_THREADS"),
    )
    return out


# =========================================================================== driver


def presswork_env() -> tuple[dict[str, str] | None, str]:
    """Extra environment under which presswork's EntityMatcher works, or None and why not."""
    probe = (
        "import presswork\n"
        "if not hasattr(presswork, 'EntityMatcher'):\n"
        "    raise SystemExit('presswork.EntityMatcher is missing (an older build?)')\n"
        "g = presswork.Gazetteer.from_records([{'id': 'e', 'name': 'Ab Cd', 'aliases': []}])\n"
        "assert len(presswork.EntityMatcher(g).find('x ab  cd y')) == 1\n"
        "print(presswork._core.__file__)\n"
    )
    return harness.presswork_env(probe)


def build_profile(core: str) -> str:
    """``release`` or ``debug`` when the presswork extension at ``core`` is byte for byte the
    library cargo left in ``target/release`` or ``target/debug``; else ``unknown``."""
    try:
        data = Path(core).read_bytes()
    except OSError:
        return "unknown"
    for profile in ("release", "debug"):
        for lib in sorted((REPO / "target" / profile).glob("lib*.so")):
            if lib.stat().st_size == len(data) and lib.read_bytes() == data:
                return profile
    return "unknown"


def peer_available(name: str) -> str | None:
    """None if the peer's module imports, else why not."""
    module = {
        "ahocorasick_rs": "ahocorasick_rs",
        "ahocorasick_rs-folded": "ahocorasick_rs",
        "pyahocorasick": "ahocorasick",
        "pyahocorasick-filter": "ahocorasick",
        "flashtext": "flashtext",
        "flashtext2": "flashtext2",
    }[name]
    r = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=HERE
    )
    if r.returncode == 0:
        return None
    return (r.stderr.strip().splitlines() or ["?"])[-1]


# --------------------------------------------------------------------------- report


def _call_label(entry: dict) -> str:
    call = entry["call"]
    if call == "run":
        label = "per article"
    elif call == "find":
        label = "`find` per article"
    else:
        label = f"`{call}` on the list"
    if entry.get("threads"):
        label += f", {entry['threads']} thread" + ("s" if entry["threads"] > 1 else "")
    if entry.get("ascii"):
        label += ", ASCII copy"
    return label


def _key(system: str, call: str, threads: int | None = None, ascii_: bool = False) -> tuple:
    return (system, call, threads, ascii_)


def _entry_key(e: dict) -> tuple:
    return _key(e["system"], e["call"], e.get("threads"), bool(e.get("ascii")))


def report(meta: dict, results: list[dict]) -> str:
    out: list[str] = []
    c = meta["corpus"]
    out.append("# Entity matching benchmark\n")
    out.append(
        f"Corpus: {c['articles']:,} articles, {c['mb']:.2f} MB UTF-8 ({c['chars']:,} code points), "
        f"seed {c['seed']}, {c['source_files']} source files resampled. "
        f"Machine: {meta['machine']}; Python {meta['python']}."
    )
    if meta.get("presswork"):
        out.append("")
        out.append(meta["presswork"])
    out.append("")
    out.append("## Gazetteers\n")
    out.append(
        "| entities | names + aliases | distinct strings | with `’` | from the corpus "
        "(people / orgs+places / repo gazetteers / phrases) | made up |"
    )
    out.append("|--:|--:|--:|--:|---|--:|")
    for n, s in meta["gazetteers"].items():
        src = s["sources"]
        out.append(
            f"| {int(n):,} | {s['names_and_aliases']:,} | {s['distinct_strings']:,} | "
            f"{s['with_curly_apostrophe']:,} | {src.get('corpus-people', 0):,} / "
            f"{src.get('corpus-orgs', 0) + src.get('corpus-places', 0):,} / "
            f"{src.get('repo-gazetteers', 0):,} / {src.get('corpus-phrases', 0):,} | "
            f"{src.get('made-up', 0):,} |"
        )
    out.append("")

    for n in meta["sizes"]:
        rows = [r for r in results if r["size"] == n]
        if not rows:
            continue
        by = {_entry_key(r): r["result"] for r in rows}
        pw_find = by.get(_key("presswork", "find"))
        pw_cols = by.get(_key("presswork", "mention_columns", 1))
        plain_find = by.get(_key("presswork-plain", "find"))
        plain_cols = by.get(_key("presswork-plain", "mention_columns", 1))
        acrs = by.get(_key("ahocorasick_rs", "run"))
        s = meta["gazetteers"][str(n)]
        out.append(f"## {n:,} entities ({s['distinct_strings']:,} distinct names and aliases)\n")
        out.append(
            "| system | semantics | call | input MB | build s | automaton MiB | MB/s | matches "
            "| matches/MB | peak MiB | pw default `find` ÷ this | pw default `mention_columns` "
            "1 thread ÷ this | pw plain `find` ÷ this |"
        )
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for e in rows:
            r = e["result"]
            sem = SEMANTICS[e["system"]][0]
            label = _call_label(e)
            if r.get("status") != "ok":
                out.append(
                    f"| {e['system']} | {sem} | {label} | {harness.cell(r.get('status', '?'))} |"
                    + " |" * 9
                )
                continue
            is_pw = e["system"].startswith("presswork")
            plain_ratio = _ratio(plain_find, r) if e["system"] == "ahocorasick_rs" else ""
            out.append(
                f"| {e['system']} | {sem} | {label} | {_fmt(r['mb'])} | {_fmt(r['build_s'], 3)} "
                f"| {_fmt(r['automaton_mib'], 1)} | {_fmt(r['mb_per_s'])} | {r['matches']:,} "
                f"| {_fmt(r['matches_per_mb'], 0)} | {_fmt(r['peak_mib'], 1)} "
                f"| {'' if is_pw else _ratio(pw_find, r)} | {'' if is_pw else _ratio(pw_cols, r)} "
                f"| {plain_ratio} |"
            )
        out.append("")

        # Targets.
        targets = [
            ("equal semantics: plain `find` ÷ ahocorasick_rs", plain_find, acrs, 1.0),
            ("equal semantics: plain `mention_columns` ÷ ahocorasick_rs", plain_cols, acrs, 1.0),
            ("default `find` ÷ ahocorasick_rs (plain)", pw_find, acrs, 1.0),
            ("default `mention_columns` ÷ ahocorasick_rs (plain)", pw_cols, acrs, 1.0),
        ]
        pyf = by.get(_key("pyahocorasick-filter", "run"))
        ft = by.get(_key("flashtext", "run"))
        targets += [
            ("default `find` ÷ pyahocorasick + Python filter", pw_find, pyf, 4.0),
            ("default `mention_columns` ÷ pyahocorasick + Python filter", pw_cols, pyf, 4.0),
            ("default `find` ÷ flashtext", pw_find, ft, 20.0),
            ("default `mention_columns` ÷ flashtext", pw_cols, ft, 20.0),
        ]
        shown = [(t, a, b, g) for t, a, b, g in targets if a is not None and b is not None]
        if shown:
            out.append("Targets (presswork single-threaded; `mention_columns` with 1 thread):\n")
            out.append("| comparison | ratio | target | met |")
            out.append("|---|--:|--:|---|")
            for text, a, b, goal in shown:
                v = _ratio_value(a, b)
                met = "—" if v is None else ("yes" if v >= goal else "**no**")
                out.append(f"| {text} | {_ratio(a, b)} | ≥ {goal:g}× | {met} |")
            out.append("")

        # Where the time goes.
        ascii_plain = by.get(_key("presswork-plain", "mention_columns", 1, True))
        ascii_default = by.get(_key("presswork", "mention_columns", 1, True))
        parts = (pw_find, pw_cols, plain_cols, ascii_plain)
        if all(_ok(p) for p in parts):
            out.append(
                _breakdown(pw_find, pw_cols, plain_find, plain_cols, ascii_plain, ascii_default)
            )
    out.append("## Systems\n")
    for name, info in meta["systems"].items():
        long = SEMANTICS.get(name, ("", ""))[1]
        out.append(f"- **{name}** {info.get('version', '?')}: {long}")
    out.append("")
    out.append("## Notes\n")
    for note in meta["notes"]:
        out.append(f"- {note}")
    return "\n".join(out) + "\n"


def _breakdown(
    pw_find: dict,
    pw_cols: dict,
    plain_find: dict | None,
    plain_cols: dict,
    ascii_plain: dict,
    ascii_default: dict | None,
) -> str:
    """The "where the time goes" table: presswork default ``find`` split into parts, in
    seconds per million code points (the ASCII copy has the same code points)."""

    def per(r: dict) -> float:
        return r["seconds"] / r["chars"] * 1e6

    total = per(pw_find)
    scan = per(ascii_plain)
    utf8 = per(plain_cols) - scan
    norm = per(pw_cols) - per(plain_cols)
    objects = total - per(pw_cols)
    lines = [
        "Where the time goes (presswork default `find`, one thread; ms per million code "
        "points; each part is the difference of two rows above):\n",
        "| part | how it is measured | ms / M chars | share |",
        "|---|---|--:|--:|",
    ]
    for part, how, v in (
        ("scan", "plain `mention_columns` on the ASCII copy", scan),
        (
            "non-ASCII text (UTF-8 from the `str`, offsets)",
            "plain `mention_columns`: corpus − ASCII copy",
            utf8,
        ),
        (
            "folding + whole words",
            "`mention_columns`: default − plain (negative: the default's word-start walk "
            "beats the plain scan)",
            norm,
        ),
        ("Python objects", "default: `find` − `mention_columns`", objects),
    ):
        lines.append(f"| {part} | {how} | {v * 1e3:.2f} | {v / total:.0%} |")
    lines.append(f"| **total** | default `find` per article | {total * 1e3:.2f} | 100% |")
    lines.append("")
    extra = []
    if _ok(plain_find):
        extra.append(
            f"plain `find` ÷ plain `mention_columns` time: "
            f"{per(plain_find) / per(plain_cols):.2f} (objects at plain semantics)"
        )
    if _ok(ascii_default):
        extra.append(
            f"default `mention_columns` on the ASCII copy: {per(ascii_default) * 1e3:.2f} ms / M "
            f"chars (folding + whole words without non-ASCII text: "
            f"{(per(ascii_default) - scan) * 1e3:.2f}; non-ASCII text at default semantics, "
            f"its folding included: {(per(pw_cols) - per(ascii_default)) * 1e3:.2f})"
        )
    largest = max(
        (
            ("scan", scan),
            ("non-ASCII text", utf8),
            ("folding + whole words", norm),
            ("objects", objects),
        ),
        key=lambda x: x[1],
    )
    extra.append(f"largest part: **{largest[0]}**")
    lines.append("; ".join(extra) + ".")
    lines.append(
        "\nMatch counts differ between semantics (and the ASCII copy loses names with "
        "diacritics), so object costs scale with the matches of each row; a negative part "
        "means the two rows are within noise.\n"
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--size-mb", type=float, default=50.0, help="corpus size (default 50)")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="smoke test: 2 MB corpus, slow peers on 1 MB, 120 s timeout",
    )
    ap.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="gazetteer sizes in entities (default 1000,10000,100000)",
    )
    harness.add_run_arguments(ap, ALL_PEERS, subset_default="flashtext=10", repeat=5)
    ap.add_argument(
        "--no-breakdown",
        action="store_true",
        help="skip the presswork rows on the ASCII copy (the 'where the time goes' table)",
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="run every row N times, interleaved, and keep each row's fastest run: a "
        "shared machine's slow spells last longer than one row (default 3)",
    )
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument(
        "--from-json",
        type=Path,
        help="print the report of an earlier run's --json file (nothing is run)",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return harness.worker_main(run_worker, args.worker)
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        print(report(saved["meta"], saved["results"]))
        return 0

    subset = harness.parse_subset(args.subset, DEFAULT_SUBSET)
    if args.quick:
        args.size_mb = min(args.size_mb, 2.0)
        args.timeout = min(args.timeout, 120.0)
        subset = {k: min(v, 1.0) for k, v in subset.items()}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    peers = [] if args.peers.strip() == "none" else [p.strip() for p in args.peers.split(",")]
    unknown = [p for p in peers if p not in ALL_PEERS]
    if unknown:
        ap.error(f"unknown peers: {', '.join(unknown)} (known: {', '.join(ALL_PEERS)})")

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
        "mb": sum(len(a.encode("utf-8")) for a in articles) / MB,
        "chars": sum(map(len, articles)),
        "seed": args.seed,
        "source_files": len(files),
    }
    log(
        f"  {corpus_meta['articles']} articles, {corpus_meta['mb']:.2f} MB "
        f"in {time.perf_counter() - t0:.1f} s -> {path}"
    )
    gazetteers: dict[str, dict] = {}
    gaz_paths: dict[int, str] = {}
    for n in sizes:
        t0 = time.perf_counter()
        gpath, summary = gaz_mod.cached_gazetteer_path(n, articles, args.seed)
        gazetteers[str(n)] = summary
        gaz_paths[n] = str(gpath)
        log(
            f"gazetteer {n:,}: {summary['distinct_strings']:,} distinct names and aliases "
            f"({time.perf_counter() - t0:.1f} s) -> {gpath}"
        )
    del articles

    notes: list[str] = []
    pw_line = ""
    pw_extra: dict[str, str] | None = None
    if not args.no_presswork:
        pw_extra, why = presswork_env()
        if pw_extra is None:
            log(f"presswork is not usable ({why}); benchmarking the peers only")
            notes.append(f"presswork was not benchmarked: `{why}`; only peers were run.")
        else:
            profile = build_profile(why)
            log(f"presswork: {why} ({profile} build)")
            if pw_extra:
                notes.append(f"presswork imported with {pw_extra}.")
            shown = Path(why).relative_to(REPO) if Path(why).is_relative_to(REPO) else why
            pw_line = f"presswork: `{shown}`, {profile} build."
            if profile == "debug":
                pw_line = (
                    f"**presswork: `{shown}` is a DEBUG build: its figures are not "
                    "representative** (rebuild with `maturin develop --release`)."
                )
                log("WARNING: presswork is a DEBUG build; its figures mean nothing")
    missing: dict[str, str] = {}
    for p in peers:
        why_not = peer_available(p)
        if why_not:
            missing[p] = why_not
            log(f"{p} is not installed ({why_not}); skipped")
            notes.append(f"{p} was skipped: `{why_not}`.")
    peers = [p for p in peers if p not in missing]

    base = {"corpus_path": str(path), "repeat": args.repeat, "budget_s": args.budget}
    jobs: list[dict[str, Any]] = []
    for n in sizes:
        common = {**base, "size": n, "gazetteer_path": gaz_paths[n]}
        if pw_extra is not None:
            pw_rows = [
                ("presswork-plain", "find", None, False),
                ("presswork-plain", "mention_columns", 1, False),
                ("presswork", "find", None, False),
                ("presswork", "mention_columns", 1, False),
                ("presswork", "mention_columns", 2, False),
            ]
            if not args.no_breakdown:
                pw_rows += [
                    ("presswork-plain", "mention_columns", 1, True),
                    ("presswork", "mention_columns", 1, True),
                ]
            for system, call, threads, ascii_ in pw_rows:
                jobs.append(
                    {
                        **common,
                        "system": system,
                        "call": call,
                        "threads": threads,
                        "ascii": ascii_,
                        "extra": pw_extra,
                    }
                )
        for p in peers:
            jobs.append(
                {
                    **common,
                    "system": p,
                    "call": "run",
                    "threads": None,
                    "ascii": False,
                    "subset_mb": subset.get(p),
                    "extra": {},
                }
            )

    def describe(job: dict[str, Any]) -> str:
        desc = f"{job['size']:,} entities: {job['system']} {_call_label(job)}"
        if job.get("subset_mb") is not None:
            desc += f" (first {job['subset_mb']:g} MB)"
        return desc

    def summarize(res: dict[str, Any]) -> str:
        return (
            f"build {res['build_s']:.2f} s (+{_fmt(res['automaton_mib'], 1)} MiB), "
            f"{res['mb_per_s']:.2f} MB/s, {res['matches']:,} matches, "
            f"{res['seconds']:.2f} s, peak {res['peak_mib']:.1f} MiB"
        )

    best = harness.run_rows(
        SCRIPT, jobs, describe, summarize, args.timeout, args.max_rss_gb * 2**30, args.rounds
    )
    systems: dict[str, dict[str, str]] = {}
    for job, res in zip(jobs, best):
        if res.get("status") == "ok":
            systems.setdefault(job["system"], {"version": res["version"]})
    results: list[dict[str, Any]] = [
        {k: job.get(k) for k in ("size", "system", "call", "threads", "ascii", "subset_mb")}
        | {"result": res}
        for job, res in zip(jobs, best)
    ]

    for name, mb in sorted(subset.items()):
        if name in peers:
            notes.append(
                f"{name} ran on the first {mb:g} MB of the corpus only (it is slow); "
                "MB/s and matches/MB are still comparable, match totals are not."
            )
    pw_mem = [
        f"{r['size']:,}: {r['result']['automaton_memory_mib']:.1f} MiB"
        for r in results
        if r["system"] == "presswork"
        and r["call"] == "find"
        and r["result"].get("automaton_memory_mib") is not None
    ]
    if pw_mem:
        notes.append(
            "presswork's own figure for its automaton (`EntityMatcher.automaton_memory`, "
            "default semantics): " + ", ".join(pw_mem) + "."
        )
    notes += [
        "MB = 10^6 bytes of UTF-8 input; MB/s = input MB / wall seconds of one pass over all "
        f"articles (best of up to {args.repeat} passes, fewer once {args.budget:g} s are "
        "spent; imports, corpus and gazetteer loading, the build and a warm-up call "
        "excluded); one fresh process per row. Each pass gets freshly decoded `str` objects. "
        f"Every row ran {args.rounds} times, the rounds interleaved, and its fastest run is "
        "reported (build time and memory included): the machine is shared, and its slow "
        "spells outlast a row.",
        "build s = wall seconds from the gazetteer's records (a list of dicts; the peers "
        "first take its distinct names and aliases, lower-cased where they match "
        "case-insensitively) to a ready matcher. automaton MiB = resident memory growth "
        "from before the build to after it (garbage collected, heap trimmed): the matcher "
        "plus whatever it keeps of its input.",
        "peak MiB = the largest growth of ru_maxrss during one pass over its level before "
        "that pass. Per-article rows keep only match counts; `mention_columns` holds all "
        "its columns at once. 0.0 means the pass fitted in heap memory the process "
        "already held (e.g. freed by the previous pass), not that it allocated nothing.",
        "matches = mentions returned. The semantics differ (see Systems), so the counts "
        "differ: presswork plain and ahocorasick_rs should agree exactly; case folding "
        "adds the capitalised datelines (`NEW YORK`), typographic folding the names "
        "written with `’` in the gazetteer and `'` in the text (`O’Brien`), whole words "
        "drop matches inside longer words.",
        "Peers are single-threaded; presswork's `mention_columns` runs on rayon's pool "
        "(RAYON_NUM_THREADS threads); `find` is one call per article on the calling thread.",
        "Where-the-time-goes rows run presswork on an ASCII-only copy of the corpus with the "
        "same number of code points (each non-ASCII character replaced by one ASCII "
        "character), where neither UTF-8 encoding of the `str` nor byte-to-code-point "
        "offset conversion has anything to do.",
    ]
    meta = {
        "corpus": corpus_meta,
        "gazetteers": gazetteers,
        "sizes": sizes,
        "presswork": pw_line,
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "timeout_s": args.timeout,
        "systems": systems,
        "notes": notes,
    }
    print(report(meta, results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
