"""Score quote/speaker extraction against an annotated set (stdlib only).

Gold set: JSONL, one document a line::

    {"id": ..., "text": ...,
     "quotes": [{"start", "end", "text", "kind": "statement"|"partial"|"title",
                 "speaker": str|None, "pattern": str}, ...]}

``start``/``end`` are code-point offsets (Python string indices) of the quoted content without
the quote marks. Predictions: ``{doc_id: [{"start", "end", "speaker"}, ...]}``, offsets into
the same text (``speaker`` may be missing or None).

* :func:`score` — over ATTRIBUTED quotes (gold: kind ``statement``/``partial`` with a speaker;
  predicted: entries with a speaker): span precision/recall/F1, speaker accuracy (fraction of
  matched gold quotes whose predicted speaker is correct), end-to-end attribution P/R/F1 (a
  span match *and* the right speaker), and the same per gold ``pattern``.
* :func:`score_spans` — span detection over all gold quotes (any kind, speaker or not)
  against all predictions.

Span match: the spans overlap, and after stripping surrounding whitespace and punctuation from
both, the overlap covers ≥ 80% of their union; pairs are matched one-to-one, greedily by best
overlap. Speaker match: see :func:`speaker_correct`.

    python benchmarks/quote_eval.py --gold G.jsonl --gazetteer G.csv --pred P.jsonl [--json]
    python benchmarks/quote_eval.py --selftest
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

#: Minimum overlap / union (of the stripped spans) for two spans to match.
MIN_OVERLAP = 0.8
#: Gold kinds that count as attributable quotes in :func:`score`.
ATTRIBUTED_KINDS = frozenset({"statement", "partial"})

Doc = Mapping[str, Any]
Quote = Mapping[str, Any]


# ------------------------------------------------------------------------------- loading


def load_annotated(path: str) -> list[dict[str, Any]]:
    """The gold documents of a JSONL file (blank lines skipped)."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: {exc}") from exc
            doc.setdefault("quotes", [])
            docs.append(doc)
    return docs


def load_predictions(path: str) -> dict[str, list[dict[str, Any]]]:
    """Predictions from a JSONL file of ``{"id", "quotes": [...]}`` lines."""
    pred: dict[str, list[dict[str, Any]]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                pred.setdefault(str(rec["id"]), []).extend(rec.get("quotes") or [])
    return pred


def load_aliases(gazetteer_csv: str) -> dict[str, list[str]]:
    """``{name: [name, *aliases]}`` from a CSV with header ``id,name,type,aliases``
    (aliases ``|``-separated, may be empty)."""
    out: dict[str, list[str]] = {}
    with open(gazetteer_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            names = out.setdefault(name, [name])
            for alias in (row.get("aliases") or "").split("|"):
                alias = alias.strip()
                if alias and alias not in names:
                    names.append(alias)
    return out


# ------------------------------------------------------------------------------- matching


def _is_strippable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past surrounding whitespace and punctuation (unchanged if
    nothing else is left).

    >>> t = ' "Hello, world." '
    >>> strip_span(t, 0, len(t)), t[2:14]
    ((2, 14), 'Hello, world')
    >>> strip_span('...', 0, 3)
    (0, 3)
    """
    start, end = max(0, start), min(len(text), end)
    s, e = start, end
    while s < e and _is_strippable(text[s]):
        s += 1
    while e > s and _is_strippable(text[e - 1]):
        e -= 1
    return (s, e) if s < e else (start, end)


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap / union of two half-open spans (0.0 when disjoint).

    >>> overlap_ratio((0, 10), (0, 8)), overlap_ratio((0, 5), (5, 9))
    (0.8, 0.0)
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match_spans(
    text: str, gold: list[Quote], pred: list[Quote], min_overlap: float = MIN_OVERLAP
) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by best overlap: ``[(gold_index, pred_index, ratio)]``."""
    gs = [strip_span(text, int(q["start"]), int(q["end"])) for q in gold]
    ps = [strip_span(text, int(q["start"]), int(q["end"])) for q in pred]
    cands = []
    for i, g in enumerate(gs):
        for j, p in enumerate(ps):
            r = overlap_ratio(g, p)
            if r > 0 and r >= min_overlap - 1e-12:
                cands.append((-r, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for neg_r, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j, -neg_r))
    return out


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return " ".join(s.casefold().split())


def speaker_correct(
    predicted: str | None, gold: str | None, aliases: Mapping[str, list[str]] | None = None
) -> bool:
    """Whether ``predicted`` names the gold speaker: after case-folding (and ’ → '), it equals
    the gold name or contains the gold name or one of its aliases as whole words.

    >>> al = {"Sergei Lavrov": ["Sergei Lavrov", "Lavrov"]}
    >>> speaker_correct("Foreign Minister Sergei Lavrov", "Sergei Lavrov", al)
    True
    >>> speaker_correct("LAVROV", "Sergei Lavrov", al), speaker_correct("he", "Sergei Lavrov", al)
    (True, False)
    >>> speaker_correct("Lavrova", "Sergei Lavrov", al), speaker_correct(None, "Sergei Lavrov")
    (False, False)
    >>> speaker_correct("O’Neill's aide", "O'Neill")
    True
    """
    if not predicted or not gold:
        return False
    p = _norm(predicted)
    names = (aliases or {}).get(gold) or [gold]
    if p == _norm(gold):
        return True
    for name in names:
        n = _norm(name)
        if n and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", p):
            return True
    return False


# ------------------------------------------------------------------------------- scoring


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _is_attributed_gold(q: Quote) -> bool:
    return q.get("kind") in ATTRIBUTED_KINDS and bool(q.get("speaker"))


def _has_speaker(q: Quote) -> bool:
    return bool(q.get("speaker"))


def score(
    gold_docs: Iterable[Doc],
    predicted: Mapping[str, list[Quote]],
    aliases: Mapping[str, list[str]] | None = None,
    min_overlap: float = MIN_OVERLAP,
) -> dict[str, Any]:
    """Scores over attributed quotes (see the module docstring).

    Returns ``precision``, ``recall``, ``f1`` (quote spans), ``speaker_accuracy``
    (``speaker_correct / matched``), ``attribution`` (P/R/F1 counting a quote only when both
    span and speaker are right), counts ``gold``, ``predicted``, ``matched``,
    ``speaker_correct``, ``docs``, and ``by_pattern``: ``{pattern: {gold, matched,
    speaker_correct, recall, speaker_accuracy, end_to_end}}`` over gold quotes
    (``end_to_end`` = ``speaker_correct / gold``; pattern ``None`` is reported as ``"?"``).
    Predictions for documents not in ``gold_docs`` are ignored.
    """
    n_gold = n_pred = n_match = n_correct = n_docs = 0
    by_pattern: dict[str, dict[str, Any]] = {}
    for doc in gold_docs:
        n_docs += 1
        gold = [q for q in doc.get("quotes", []) if _is_attributed_gold(q)]
        pred = [q for q in predicted.get(str(doc["id"]), []) if _has_speaker(q)]
        n_gold += len(gold)
        n_pred += len(pred)
        for q in gold:
            row = by_pattern.setdefault(
                str(q.get("pattern") or "?"), {"gold": 0, "matched": 0, "speaker_correct": 0}
            )
            row["gold"] += 1
        for i, j, _ in match_spans(doc["text"], gold, pred, min_overlap):
            row = by_pattern[str(gold[i].get("pattern") or "?")]
            n_match += 1
            row["matched"] += 1
            if speaker_correct(pred[j].get("speaker"), gold[i]["speaker"], aliases):
                n_correct += 1
                row["speaker_correct"] += 1
    for row in by_pattern.values():
        row["recall"] = row["matched"] / row["gold"] if row["gold"] else 0.0
        row["speaker_accuracy"] = row["speaker_correct"] / row["matched"] if row["matched"] else 0.0
        row["end_to_end"] = row["speaker_correct"] / row["gold"] if row["gold"] else 0.0
    out: dict[str, Any] = _prf(n_match, n_pred, n_gold)
    out["speaker_accuracy"] = n_correct / n_match if n_match else 0.0
    out["attribution"] = _prf(n_correct, n_pred, n_gold)
    out.update(
        gold=n_gold, predicted=n_pred, matched=n_match, speaker_correct=n_correct, docs=n_docs
    )
    out["by_pattern"] = dict(sorted(by_pattern.items()))
    return out


def score_spans(
    gold_docs: Iterable[Doc],
    predicted_all: Mapping[str, list[Quote]],
    kinds: Iterable[str] | None = None,
    min_overlap: float = MIN_OVERLAP,
) -> dict[str, Any]:
    """Span detection over all gold quotes (of ``kinds``, default all) and all predictions,
    speakers ignored: ``precision``, ``recall``, ``f1``, ``gold``, ``predicted``, ``matched``,
    and ``by_kind``: ``{kind: {gold, matched, recall}}``."""
    keep = None if kinds is None else set(kinds)
    n_gold = n_pred = n_match = 0
    by_kind: dict[str, dict[str, Any]] = {}
    for doc in gold_docs:
        gold = [q for q in doc.get("quotes", []) if keep is None or q.get("kind") in keep]
        pred = list(predicted_all.get(str(doc["id"]), []))
        n_gold += len(gold)
        n_pred += len(pred)
        for q in gold:
            by_kind.setdefault(str(q.get("kind") or "?"), {"gold": 0, "matched": 0})["gold"] += 1
        for i, _, _ in match_spans(doc["text"], gold, pred, min_overlap):
            n_match += 1
            by_kind[str(gold[i].get("kind") or "?")]["matched"] += 1
    for row in by_kind.values():
        row["recall"] = row["matched"] / row["gold"] if row["gold"] else 0.0
    out: dict[str, Any] = _prf(n_match, n_pred, n_gold)
    out.update(gold=n_gold, predicted=n_pred, matched=n_match)
    out["by_kind"] = dict(sorted(by_kind.items()))
    return out


def _acc(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else f"n/a ({num}/{den})"


def format_report(attr: Mapping[str, Any], spans: Mapping[str, Any] | None = None) -> str:
    """Markdown summary of :func:`score` (and optionally :func:`score_spans`) results."""
    a = attr["attribution"]
    lines = [
        "| metric | value |",
        "|---|---|",
        f"| attributed quotes: gold / predicted / matched | "
        f"{attr['gold']} / {attr['predicted']} / {attr['matched']} |",
        f"| span precision / recall / F1 | "
        f"{attr['precision']:.3f} / {attr['recall']:.3f} / {attr['f1']:.3f} |",
        f"| speaker accuracy (of matched) | {_acc(attr['speaker_correct'], attr['matched'])} |",
        f"| span+speaker precision / recall / F1 | "
        f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} |",
    ]
    if spans is not None:
        lines.append(
            f"| all-quote spans P / R / F1 (gold {spans['gold']}, pred {spans['predicted']}) | "
            f"{spans['precision']:.3f} / {spans['recall']:.3f} / {spans['f1']:.3f} |"
        )
    lines += [
        "",
        "| pattern | gold | span recall | speaker acc. | end-to-end |",
        "|---|---|---|---|---|",
    ]
    for pat, row in attr["by_pattern"].items():
        lines.append(
            f"| {pat} | {row['gold']} | {row['recall']:.3f} | "
            f"{_acc(row['speaker_correct'], row['matched'])} | "
            f"{row['end_to_end']:.3f} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------- self-test


def _selftest() -> None:
    import doctest

    failed, _ = doctest.testmod(sys.modules[__name__])
    assert failed == 0, f"{failed} doctest(s) failed"
    t1 = '"We will not back down," Lavrov said. He called it "a farce". Read "War and Peace".'
    t2 = "\u201cPrices will rise,\u201d the minister warned."
    gold = [
        {
            "id": "a",
            "text": t1,
            "quotes": [
                {
                    "start": 1,
                    "end": 23,
                    "kind": "statement",
                    "speaker": "Sergei Lavrov",
                    "pattern": "quote-speaker-verb",
                },
                {
                    "start": 52,
                    "end": 59,
                    "kind": "partial",
                    "speaker": "Sergei Lavrov",
                    "pattern": "partial",
                },
                {"start": 68, "end": 81, "kind": "title", "speaker": None, "pattern": "title"},
            ],
        },
        {
            "id": "b",
            "text": t2,
            "quotes": [
                {
                    "start": 1,
                    "end": 17,
                    "kind": "statement",
                    "speaker": "Anna Berg",
                    "pattern": "quote-verb-speaker",
                },
            ],
        },
    ]
    assert t1[1:23] == "We will not back down," and t1[52:59] == "a farce"
    assert t1[68:81] == "War and Peace" and t2[1:17] == "Prices will rise"
    aliases = {"Sergei Lavrov": ["Sergei Lavrov", "Lavrov"], "Anna Berg": ["Anna Berg"]}
    pred = {
        "a": [
            {"start": 0, "end": 24, "speaker": "Lavrov"},  # marks included: still a match
            {"start": 52, "end": 59, "speaker": "He"},  # right span, wrong speaker
            {"start": 68, "end": 81, "speaker": None},  # unattributed: only in score_spans
        ],
        "b": [
            {"start": 1, "end": 8, "speaker": "the minister"},  # too short: no match
        ],
        "zzz": [{"start": 0, "end": 1, "speaker": "x"}],  # unknown doc: ignored
    }
    r = score(gold, pred, aliases)
    assert (r["gold"], r["predicted"], r["matched"], r["speaker_correct"]) == (3, 3, 2, 1), r
    assert abs(r["precision"] - 2 / 3) < 1e-9 and abs(r["recall"] - 2 / 3) < 1e-9, r
    assert r["speaker_accuracy"] == 0.5 and abs(r["attribution"]["f1"] - 1 / 3) < 1e-9, r
    assert r["by_pattern"]["partial"] == {
        "gold": 1,
        "matched": 1,
        "speaker_correct": 0,
        "recall": 1.0,
        "speaker_accuracy": 0.0,
        "end_to_end": 0.0,
    }, r["by_pattern"]
    s = score_spans(gold, pred)
    assert (s["gold"], s["predicted"], s["matched"]) == (4, 4, 3), s
    assert s["by_kind"]["title"]["matched"] == 1, s
    # Greedy one-to-one: two predictions on one gold quote give one match.
    dup = {
        "b": [
            {"start": 1, "end": 17, "speaker": "Anna Berg"},
            {"start": 0, "end": 18, "speaker": "Anna Berg"},
        ]
    }
    r2 = score(gold[1:], dup, aliases)
    assert (r2["matched"], r2["predicted"], r2["speaker_correct"]) == (1, 2, 1), r2
    print(format_report(r, s))
    print("quote_eval self-test: ok")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", help="annotated JSONL")
    ap.add_argument("--gazetteer", help="CSV id,name,type,aliases (optional)")
    ap.add_argument("--pred", help='predictions JSONL: {"id", "quotes": [...]} a line')
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--selftest", action="store_true", help="run the built-in checks")
    args = ap.parse_args(argv)
    if args.selftest:
        _selftest()
        return 0
    if not (args.gold and args.pred):
        ap.error("--gold and --pred are required (or --selftest)")
    gold = load_annotated(args.gold)
    pred = load_predictions(args.pred)
    aliases = load_aliases(args.gazetteer) if args.gazetteer else {}
    unknown = set(pred) - {str(d["id"]) for d in gold}
    if unknown:
        print(f"warning: {len(unknown)} predicted doc id(s) not in gold, ignored", file=sys.stderr)
    attr = score(gold, pred, aliases)
    spans = score_spans(gold, pred)
    if args.json:
        print(json.dumps({"attributed": attr, "spans": spans}, indent=2))
    else:
        print(format_report(attr, spans))
    return 0


if __name__ == "__main__":
    sys.exit(main())
