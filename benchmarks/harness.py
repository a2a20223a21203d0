"""What the benchmark scripts share: one fresh interpreter per measured row, its
result read back as JSON, bounded in time and memory; peak-memory reset; small
formatting helpers.

A script calls ``run_job(script, job, env, timeout, max_rss)`` from its driver, and in
its ``--worker`` mode ``worker_main(run_worker, job_json)``, where ``run_worker`` does
the measuring and returns a dict.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
RESULT_TAG = "@@RESULT "


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def maxrss() -> int:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024


def reset_peak() -> bool:
    """Reset the kernel's high-water RSS mark (Linux >= 4.0) so ru_maxrss restarts from now."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def rss() -> int | None:
    """Current resident set size (Linux), or None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def settle() -> None:
    """Collect garbage and trim the heap, so that RSS shows what is still alive."""
    import gc

    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Give freed heap memory back to the OS (glibc), so later allocations show up in RSS."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def worker_main(run_worker: Callable[[dict[str, Any]], dict[str, Any]], job_json: str) -> int:
    job = json.loads(job_json)
    try:
        result = {"status": "ok", **run_worker(job)}
    except Exception as e:  # noqa: BLE001 - every failure is a result to report
        result = {"status": " ".join(f"error: {type(e).__name__}: {e}".split())[:300]}
    sys.stdout.flush()
    print(RESULT_TAG + json.dumps(result), flush=True)
    return 0


def child_rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def run_job(
    script: Path, job: dict[str, Any], env: dict[str, str], timeout: float, max_rss: float
) -> dict:
    """Run ``job`` in a fresh interpreter; never raises."""
    cmd = [sys.executable, str(script), "--worker", json.dumps(job)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=HERE
    )
    status = None
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.25)
            break
        except subprocess.TimeoutExpired:
            elapsed = time.perf_counter() - t0
            rss = child_rss(proc.pid)
            if elapsed > timeout:
                status = f"timeout (> {timeout:g} s)"
            elif rss is not None and rss > max_rss:
                status = f"killed: RSS > {max_rss / 2**30:g} GiB"
            if status:
                proc.kill()
                stdout, stderr = proc.communicate()
                break
    if status:
        return {"status": status}
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG) :])
    tail = (stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]
    return {"status": " ".join(f"error: {tail}".split())[:300]}


def add_run_arguments(
    ap: argparse.ArgumentParser, peers: tuple[str, ...], *, subset_default: str, repeat: int
) -> None:
    """The options every benchmark script shares: corpus sources and seed, which systems,
    per-row limits and the number of timed passes."""
    import corpus as corpus_mod

    ap.add_argument(
        "--corpus",
        default=str(corpus_mod.DEFAULT_SHARED_DIR),
        help="directory of *.txt news to resample paragraphs from ('none': skip)",
    )
    ap.add_argument(
        "--sample-dir",
        default=str(corpus_mod.DEFAULT_SAMPLE_DIR),
        help="second directory of *.txt to resample ('none': skip)",
    )
    ap.add_argument("--seed", type=int, default=20240611, help="corpus (and gazetteer) seed")
    ap.add_argument(
        "--peers",
        default=",".join(peers),
        help=f"comma-separated subset of {','.join(peers)}, or 'none'",
    )
    ap.add_argument("--no-presswork", action="store_true", help="benchmark the peers only")
    ap.add_argument(
        "--subset",
        default="",
        help=f"NAME=MB,...: run NAME on the first MB of the corpus only (default {subset_default})",
    )
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run (default 300)")
    ap.add_argument(
        "--max-rss-gb",
        type=float,
        default=12.0,
        help="kill a run whose resident memory exceeds this (default 12)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=repeat,
        help=f"best of up to N timed passes per run, fewer once --budget seconds are spent "
        f"(default {repeat})",
    )
    ap.add_argument("--budget", type=float, default=10.0, help="see --repeat (default 10 s)")


def run_rows(
    script: Path,
    jobs: list[dict[str, Any]],
    describe: Callable[[dict[str, Any]], str],
    summarize: Callable[[dict[str, Any]], str],
    timeout: float,
    max_rss: float,
    rounds: int = 1,
    each_round: Callable[[], None] | None = None,
) -> list[dict[str, Any]]:
    """Run every job (a dict with ``threads`` and ``extra``, see ``env``) ``rounds`` times,
    the rounds interleaved, each run in a fresh interpreter; return each job's fastest
    successful result (by ``mb_per_s``), or its last failure, with every round's MB/s
    (``round_mb_per_s``, None where it failed). ``each_round()`` runs at
    the start of every round (a reference measured under the same load). Progress goes
    to stderr."""

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    best: list[dict[str, Any]] = [{} for _ in jobs]
    speeds: list[list[float | None]] = [[] for _ in jobs]
    for round_ in range(1, rounds + 1):
        if each_round is not None:
            each_round()
        for i, job in enumerate(jobs):
            where = f"round {round_}/{rounds}, " if rounds > 1 else ""
            log(f"[{where}{i + 1}/{len(jobs)}] {describe(job)} ...")
            res = run_job(script, job, env(job["threads"], job["extra"]), timeout, max_rss)
            ok = res.get("status") == "ok"
            log(f"    {summarize(res) if ok else res.get('status')}")
            speeds[i].append(res["mb_per_s"] if ok else None)
            kept = best[i]
            if not kept or (
                ok and (kept.get("status") != "ok" or res["mb_per_s"] > kept["mb_per_s"])
            ):
                best[i] = res
    for res, speed in zip(best, speeds):
        res["round_mb_per_s"] = speed
    return best


def env(threads: int | None, extra: dict[str, str]) -> dict[str, str]:
    """The environment of a row: ``threads`` rayon threads (all cores when None), and
    numpy's BLAS and OpenMP pools at one thread, so that a row that imports numpy does
    not have idle BLAS threads spinning on the other core."""
    env = dict(os.environ)
    env.pop("RAYON_NUM_THREADS", None)
    env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    env.update(extra)
    if threads is not None:
        env["RAYON_NUM_THREADS"] = str(threads)
    return env


def cell(text: str, limit: int = 90) -> str:
    """``text`` on one line, safe inside a Markdown table cell."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_subset(s: str, defaults: dict[str, float]) -> dict[str, float]:
    out = dict(defaults)
    for part in filter(None, (p.strip() for p in s.split(","))):
        name, _, mb = part.partition("=")
        out[name.strip()] = float(mb)
    return out


# --------------------------------------------------------------------------- report helpers


def fmt(x: float | None, digits: int = 2) -> str:
    """A figure for a table: thousands separated from 100 up, ``digits`` decimals below."""
    if x is None:
        return "—"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def ok(r: dict | None) -> bool:
    """Whether a run finished and measured a speed."""
    return bool(r) and r.get("status") == "ok" and bool(r.get("mb_per_s"))


def ratio_value(a: dict | None, b: dict | None) -> float | None:
    """Speed of run ``a`` over run ``b``, or None if either did not finish."""
    if not ok(a) or not ok(b):
        return None
    return a["mb_per_s"] / b["mb_per_s"]  # type: ignore[index]


def ratio(a: dict | None, b: dict | None, big_digits: int = 1) -> str:
    """:func:`ratio_value` as a table cell: ``12.3×`` (``big_digits`` decimals from 10×)."""
    r = ratio_value(a, b)
    if r is None:
        return "—"
    return f"{r:,.{big_digits}f}×" if r >= 10 else f"{r:.2f}×"


def systems_and_notes(meta: dict[str, Any]) -> list[str]:
    """The report's closing sections: the systems measured and the notes."""
    out = ["## Systems\n"]
    for name, s in meta["systems"].items():
        out.append(f"- **{name}** {s.get('version', '?')}: {s.get('note', '')}")
    out.append("")
    out.append("## Notes\n")
    out.extend(f"- {n}" for n in meta["notes"])
    return out


def presswork_env(probe: str) -> tuple[dict[str, str] | None, str]:
    """The extra environment under which ``probe`` (Python code that imports presswork,
    exercises it and prints what to report) runs: none, or the source tree's
    ``python/`` on ``PYTHONPATH`` when an extension was built in place. Returns that
    environment and the probe's output, or None and the probe's last error line."""
    repo = HERE.parent
    candidates: list[dict[str, str]] = [{}]
    if list((repo / "python" / "presswork").glob("_core*")):
        pp = os.pathsep.join(p for p in (str(repo / "python"), os.environ.get("PYTHONPATH")) if p)
        candidates.append({"PYTHONPATH": pp})
    why = ""
    for extra in candidates:
        r = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            text=True,
            env=env(None, extra),
            cwd=HERE,
            timeout=120,
        )
        if r.returncode == 0:
            return extra, r.stdout.strip()
        why = (r.stderr.strip().splitlines() or ["?"])[-1]
    return None, why
