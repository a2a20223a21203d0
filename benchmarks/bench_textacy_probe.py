"""Probe of the textacy quote baseline: throughput, give-ups, and (optionally) its scores.

* Throughput: ``textacy_quotes`` (spaCy ``en_core_web_sm`` parse + ``direct_quotations``) per
  document on the news ``*.txt`` files, best of ``--repeat`` passes after one warm-up pass;
  MB = 10^6 bytes of UTF-8 input. The parse alone is timed too, to show where the time goes.
* Give-ups: how many documents textacy refuses (unpaired quote marks).
* With ``--gold`` (annotated JSONL, see ``quote_eval.py``): runs textacy on every document,
  scores it with ``quote_eval`` and optionally writes the predictions (``--pred-out``).

    python benchmarks/bench_textacy_probe.py
    python benchmarks/bench_textacy_probe.py --gold tests/data/quotes_annotated.jsonl \\
        --gazetteer G.csv --pred-out /tmp/textacy_pred.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import quote_eval
import textacy_quotes as tq

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DIRS = [
    REPO.parent / "shared" / "corpus",
    REPO / "python" / "presswork" / "data" / "sample",
]
MB = 1_000_000


def _texts(dirs: list[Path]) -> list[tuple[str, str]]:
    out = []
    for d in dirs:
        if d.is_dir():
            for p in sorted(d.glob("*.txt")):
                if p.name.lower() == "readme.txt":
                    continue
                out.append((f"{d.name}/{p.name}", p.read_text(encoding="utf-8")))
    return out


def probe_speed(nlp, texts: list[tuple[str, str]], repeat: int) -> dict:
    n_bytes = sum(len(t.encode("utf-8")) for _, t in texts)
    for _, t in texts:  # warm-up
        tq.textacy_quotes(nlp, t)
    best_full = best_parse = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _, t in texts:
            nlp(t)
        best_parse = min(best_parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _, t in texts:
            tq.textacy_quotes(nlp, t)
        best_full = min(best_full, time.perf_counter() - t0)
    return {
        "docs": len(texts),
        "bytes": n_bytes,
        "seconds": best_full,
        "mb_per_s": n_bytes / MB / best_full,
        "parse_only_mb_per_s": n_bytes / MB / best_parse,
    }


def probe_giveups(nlp, texts: list[tuple[str, str]]) -> dict:
    per_doc = []
    for name, t in texts:
        quotes, gave_up = tq.quotes_from_doc(nlp(t))
        per_doc.append({"doc": name, "gave_up": gave_up, "quotes": len(quotes)})
    return {
        "docs": len(per_doc),
        "gave_up": sum(d["gave_up"] for d in per_doc),
        "per_doc": per_doc,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", action="append", type=Path, help="*.txt dir (repeatable)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--gold", help="annotated JSONL to score textacy on")
    ap.add_argument("--gazetteer", help="CSV id,name,type,aliases for speaker aliases")
    ap.add_argument("--pred-out", help="write textacy's predictions on --gold as JSONL")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    nlp = tq.load_nlp()
    print(f"versions: {tq.versions()}; model load {time.perf_counter() - t0:.2f} s")

    texts = _texts(args.dir or DEFAULT_DIRS)
    if texts:
        sp = probe_speed(nlp, texts, args.repeat)
        print(
            f"speed: {sp['docs']} docs, {sp['bytes']} bytes: {sp['mb_per_s']:.4f} MB/s "
            f"({sp['seconds']:.3f} s; spaCy parse alone {sp['parse_only_mb_per_s']:.4f} MB/s)"
        )
        gu = probe_giveups(nlp, texts)
        print(f"give-ups: textacy gave up on {gu['gave_up']} of {gu['docs']} docs")
        for d in gu["per_doc"]:
            flag = "GAVE UP" if d["gave_up"] else f"{d['quotes']} quotes"
            print(f"  {d['doc']}: {flag}")
    else:
        print("no *.txt found for the speed probe")

    if args.gold:
        gold = quote_eval.load_annotated(args.gold)
        tq.reset_stats()
        pred = {}
        t0 = time.perf_counter()
        for doc in gold:
            pred[str(doc["id"])] = tq.textacy_quotes(nlp, doc["text"])
        secs = time.perf_counter() - t0
        n_bytes = sum(len(d["text"].encode("utf-8")) for d in gold)
        print(
            f"\ngold set {args.gold}: {len(gold)} docs, {n_bytes} bytes, "
            f"{n_bytes / MB / secs:.4f} MB/s; textacy gave up on {tq.STATS['gave_up']} docs, "
            f"returned {tq.STATS['quotes']} quotes"
        )
        if args.pred_out:
            with open(args.pred_out, "w", encoding="utf-8") as f:
                for doc_id, quotes in pred.items():
                    f.write(json.dumps({"id": doc_id, "quotes": quotes}, ensure_ascii=False))
                    f.write("\n")
        aliases = quote_eval.load_aliases(args.gazetteer) if args.gazetteer else {}
        attr = quote_eval.score(gold, pred, aliases)
        spans = quote_eval.score_spans(gold, pred)
        print(quote_eval.format_report(attr, spans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
