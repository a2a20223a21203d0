#!/usr/bin/env python3
"""Validate tests/data/quotes_annotated.jsonl against its gazetteer (stdlib only).

Usage: python check_quotes_annotated.py [jsonl] [gazetteer.csv]
Exits non-zero and lists problems if the annotation file is inconsistent;
otherwise prints counts by kind, pattern, quote-mark style and speaker type.
"""

import csv
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"statement", "partial", "title"}
PATTERNS = {
    "quote-speaker-verb",
    "quote-verb-speaker",
    "speaker-verb-quote",
    "speaker-verb-that",
    "according-to",
    "colon",
    "next-sentence",
    "split",
    "continuation",
    "reported-partial",
    "title",
    "unattributed",
    "other",
}
# opening mark -> (style name, expected closing mark)
STYLES = {
    '"': ("straight", '"'),
    "\u201c": ("curly", "\u201d"),
    "\u2018": ("single-curly", "\u2019"),
    "'": ("single-straight", "'"),
    "\u00ab": ("guillemets", "\u00bb"),
    "\u201e": ("german", "\u201c"),
    "\u201a": ("single-low", "\u2018"),
}
INLINE_SPACE = " \t\u00a0\u202f\u2009"


def quote_style(text, start, end):
    """Classify the marks around text[start:end]; spaces (incl. NBSP) may pad them."""
    i = start - 1
    while i >= 0 and text[i] in INLINE_SPACE:
        i -= 1
    if i < 0 or text[i] not in STYLES:
        return None, "no opening quote mark before start"
    name, close = STYLES[text[i]]
    j = end
    while j < len(text) and text[j] in INLINE_SPACE:
        j += 1
    if j == len(text) or text[j] == "\n":
        return name + " (unclosed, to end of paragraph)", None
    if text[j] == close:
        return name, None
    if text[j] in {"\u201d", '"', "\u2019", "'", "\u00bb", "\u201c", "\u2018"}:
        return f"mismatched {text[i]}...{text[j]}", None
    return None, f"no closing mark after end and not at end of paragraph (next char {text[j]!r})"


def main(argv):
    path = argv[1] if len(argv) > 1 else os.path.join(HERE, "quotes_annotated.jsonl")
    gaz_path = argv[2] if len(argv) > 2 else os.path.join(HERE, "quotes_annotated_gazetteer.csv")
    errors = []

    gaz = {}
    with open(gaz_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["id", "name", "type", "aliases"]:
            errors.append(
                f"gazetteer header must be id,name,type,aliases, got {reader.fieldnames!r}"
            )
        ids = set()
        for row in reader:
            if row["id"] in ids:
                errors.append("gazetteer: duplicate id {}".format(row["id"]))
            ids.add(row["id"])
            if row["type"] not in {"PERSON", "ORG"}:
                errors.append("gazetteer: {} has bad type {!r}".format(row["name"], row["type"]))
            if row["name"] in gaz:
                errors.append("gazetteer: duplicate name {}".format(row["name"]))
            gaz[row["name"]] = row

    by_kind, by_pattern, by_style, by_stype = Counter(), Counter(), Counter(), Counter()
    used_speakers = set()
    n_docs = n_quotes = 0
    seen_ids = set()
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {lineno}: invalid JSON: {e}")
                continue
            n_docs += 1
            did = doc.get("id")
            where = f"{did} (line {lineno})"
            if set(doc) != {"id", "text", "quotes"}:
                errors.append(f"{where}: keys must be id,text,quotes, got {sorted(doc)}")
            if did in seen_ids:
                errors.append(f"{where}: duplicate id")
            seen_ids.add(did)
            text = doc.get("text", "")
            paras = text.split("\n\n")
            if not 2 <= len(paras) <= 8:
                errors.append(f"{where}: {len(paras)} paragraphs (want 2-8)")
            if any(not p.strip() or p != p.strip("\n") for p in paras):
                errors.append(f"{where}: empty paragraph or stray newlines")
            prev_end = -1
            for k, q in enumerate(doc.get("quotes", [])):
                n_quotes += 1
                qw = f"{where} quote {k}"
                if set(q) != {"start", "end", "text", "kind", "speaker", "pattern"}:
                    errors.append(f"{qw}: bad keys {sorted(q)}")
                    continue
                s, e = q["start"], q["end"]
                if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                    errors.append(f"{qw}: bad offsets {s!r}..{e!r}")
                    continue
                if text[s:e] != q["text"]:
                    errors.append(
                        "{}: text[start:end]={!r} != {!r}".format(qw, text[s:e], q["text"])
                    )
                if s < prev_end:
                    errors.append(f"{qw}: overlaps or is out of order with previous quote")
                prev_end = e
                if "\n" in q["text"]:
                    errors.append(f"{qw}: quote crosses a paragraph break")
                if q["text"] != q["text"].strip():
                    errors.append(f"{qw}: leading/trailing whitespace in content")
                if q["kind"] not in KINDS:
                    errors.append("{}: bad kind {!r}".format(qw, q["kind"]))
                if q["pattern"] not in PATTERNS:
                    errors.append("{}: bad pattern {!r}".format(qw, q["pattern"]))
                if (q["kind"] == "title") != (q["pattern"] == "title"):
                    errors.append(f"{qw}: kind title <-> pattern title mismatch")
                sp = q["speaker"]
                if q["kind"] == "title" and sp is not None:
                    errors.append(f"{qw}: title with speaker {sp!r}")
                if sp is not None:
                    if not isinstance(sp, str) or sp not in gaz:
                        errors.append(f"{qw}: speaker {sp!r} not in gazetteer")
                    else:
                        used_speakers.add(sp)
                        by_stype[gaz[sp]["type"]] += 1
                        if sp not in text:
                            errors.append(f"{qw}: speaker {sp!r} not written in the document")
                else:
                    by_stype["null"] += 1
                if q["pattern"] == "continuation" and sp is None:
                    errors.append(f"{qw}: continuation without speaker")
                style, err = quote_style(text, s, e)
                if err:
                    errors.append(f"{qw}: {err}")
                else:
                    by_style[style] += 1
                by_kind[q["kind"]] += 1
                by_pattern[q["pattern"]] += 1

    for name in sorted(set(gaz) - used_speakers):
        errors.append(f"gazetteer: {name} is never used as a speaker")

    def show(title, counter):
        print(title)
        for key, n in counter.most_common():
            print(f"  {key:<40} {n:4d}")

    print(f"documents: {n_docs}  quotes: {n_quotes}  gazetteer entries: {len(gaz)}")
    show("by kind:", by_kind)
    show("by pattern:", by_pattern)
    show("by quote-mark style:", by_style)
    show("by speaker type:", by_stype)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for err in errors:
            print("  " + err)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
