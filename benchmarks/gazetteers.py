"""Deterministic gazetteers of multi-word names for the entity-matching benchmark.

A gazetteer of ``n`` entities is a list of records ``{"id", "name", "type", "aliases"}``
(the input of ``presswork.Gazetteer.from_records``), each entity with 1-3 aliases. It mixes
names that occur in the benchmark corpus (see ``corpus.py``) with names that do not, so every
matcher has real work to do and finds a non-trivial number of matches:

* people built from the corpus generator's own ``FIRST`` x ``LAST`` vocabularies
  (``First Last``; aliases ``First M. Last``, ``F. Last``, ``Dr. Last``, ``First Last Jr.``),
  up to ``n // 4`` of the 4,000-odd combinations. Surnames with an apostrophe
  (``O'Brien``, ``D'Amato``) are written with a curly ``’`` in the name of about half of
  them, while the corpus writes a straight ``'``: only typographic folding finds those;
* the corpus generator's organisations and places under their full names, with the short
  forms the corpus uses as aliases (``Acme Corporation`` / ``Acme Corp.``,
  ``Saint Petersburg`` / ``St. Petersburg``); datelines write cities in capitals
  (``NEW YORK``), which only case folding finds;
* the entities of the repository's own gazetteers (``python/presswork/data/gazetteers``:
  the people, places and organisations of the real news paragraphs that the corpus
  resamples), when present; these keep their one-word aliases (``Putin``);
* capitalised multi-word phrases sampled from the first 2 MB of the corpus itself (up to
  ``n // 10``), with made-up aliases;
* the rest: made-up people (often a real first name with an invented surname, so the
  automaton sees many false starts), organisations (``Kalomi Tor Institute``,
  ``Ministry of Energy of Velandor``) and places (``Port Zanfe``, ``Mt. Brunor``).

Everything is drawn from ``random.Random`` seeded with the seed and ``n``: the same seed,
size and corpus give the same gazetteer. Apart from the repository's gazetteers, every name
and alias has at least two words.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path

import corpus as corpus_mod

#: Bump when the generator changes, so cached gazetteers are rebuilt.
GAZETTEER_VERSION = 1
#: Capitalised phrases are sampled from this many leading MB of the corpus (so the quick
#: corpus, which is the first MBs of the full one, gives the same phrases).
PHRASE_SAMPLE_MB = 2.0
REPO_GAZETTEERS = corpus_mod.REPO / "python" / "presswork" / "data" / "gazetteers"

INITIALS = "ABCDEFGHJKLMRSTW"

#: (name, aliases) of the organisations of corpus.ORGS.
CORPUS_ORGS = (
    ("Acme Corporation", ("Acme Corp.", "Acme Corp")),
    ("Globex Inc.", ("Globex Incorporated",)),
    ("Initech Ltd.", ("Initech Limited",)),
    ("Smith & Sons Co.", ("Smith & Sons", "Smith and Sons")),
    ("Vandelay Industries Inc.", ("Vandelay Industries",)),
    ("U.S. Department of Energy", ("Department of Energy", "Energy Department")),
    ("U.N. Security Council", ("Security Council", "UN Security Council")),
    ("European Commission", ("E.U. Commission", "EU Commission")),
    ("Umbrella Holdings plc", ("Umbrella Holdings",)),
    ("Stark Bros. Co.", ("Stark Bros.", "Stark Brothers")),
    ("Wayne Enterprises L.L.C.", ("Wayne Enterprises",)),
    ("International Monetary Fund", ("Monetary Fund",)),
    ("Federal Reserve", ("the Fed", "Federal Reserve Board")),
    ("Hooli Inc.", ("Hooli Incorporated",)),
    ("Nakatomi Trading Corp.", ("Nakatomi Trading",)),
    ("Cyberdyne Systems Corp.", ("Cyberdyne Systems",)),
    ("Ministry of Finance", ("Finance Ministry",)),
    ("World Health Organization", ("the W.H.O.",)),
    ("Oceanic Airlines Co.", ("Oceanic Airlines",)),
)
#: (name, aliases) of the places of corpus.PLACES and corpus.CITIES (multi-word ones).
CORPUS_PLACES = (
    ("United States", ("the U.S.", "United States of America")),
    ("United Kingdom", ("the U.K.",)),
    ("Washington, D.C.", ("Washington D.C.",)),
    ("Saint Petersburg", ("St. Petersburg", "St Petersburg")),
    ("Fort Worth", ("Ft. Worth",)),
    ("Mount Everest", ("Mt. Everest",)),
    ("New York", ("New York City",)),
    ("Middle East", ("the Middle East",)),
    ("European Union", ("the E.U.",)),
    ("São Paulo", ("Sao Paulo",)),
    ("Saint Louis", ("St. Louis",)),
    ("Fort Lauderdale", ("Ft. Lauderdale",)),
    ("Mount Vernon", ("Mt. Vernon",)),
    ("Mexico City", ("Ciudad de México",)),
    ("New Delhi", ("Delhi Capital Territory",)),
)

_SYLLABLES = (
    "ka lo mi ren tor vel sha qui dar en ol is bru zan fe gor lu ner pa sti ou ya mar "
    "tel vin cor das el an ri bo sen hal dor nu vey"
).split()
_ACCENTED = {"e": "é", "o": "ø", "a": "á", "u": "ü", "i": "í"}
_FIELDS = (
    "Finance|Energy|Defence|Health|Education|Agriculture|Trade|Transport|Justice|Culture|"
    "Labour|Fisheries|Tourism|Industry|Foreign Affairs|Interior"
).split("|")
_INDUSTRIES = (
    "Mining|Shipping|Textiles|Software|Logistics|Pharmaceuticals|Energy|Robotics|Foods|"
    "Aerospace|Capital|Telecom"
).split("|")
_STOP_FIRST = set(
    "The A An In On At But And It He She They We This That According Also Photo Updated "
    "Contact Shares Temperatures If When After Before As For From By With Of To".split()
)
_CAPS = re.compile(
    r"(?<![\w’'])[A-Z][a-zà-ÿ]+(?:[’'][a-z]+)?(?: [A-Z][a-zà-ÿ]+(?:[’'][a-z]+)?){1,3}(?![\w’'])"
)


def _word(rng: random.Random) -> str:
    w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    if rng.random() < 0.05:  # now and then a diacritic
        i = next((i for i, ch in enumerate(w) if ch in _ACCENTED), None)
        if i is not None:
            w = w[:i] + _ACCENTED[w[i]] + w[i + 1 :]
    return w.capitalize()


def _swap_apostrophe(s: str) -> str:
    return s.replace("'", "\u2019") if "'" in s else s.replace("\u2019", "'")


def _pick(rng: random.Random, options: list[str], name: str) -> list[str]:
    """1-3 distinct aliases out of ``options`` (never the name itself)."""
    opts = list(dict.fromkeys(o for o in options if o and o != name))
    k = min(len(opts), rng.choice((1, 1, 2, 2, 3)))
    return rng.sample(opts, max(1, k)) if opts else []


def _person_aliases(rng: random.Random, first: str, last: str, name: str) -> list[str]:
    options = [
        f"{first} {rng.choice(INITIALS)}. {last}",
        f"{first[0]}. {last}",
        f"{rng.choice(corpus_mod.TITLES)} {last}",
        f"{first} {last} Jr.",
    ]
    if "'" in name or "\u2019" in name:
        options.append(_swap_apostrophe(name))
    return _pick(rng, options, name)


def sample_phrases(articles: list[str], mb: float = PHRASE_SAMPLE_MB) -> list[str]:
    """Capitalised multi-word phrases seen at least twice in the first ``mb`` MB, most
    frequent first (a leading stop word such as ``The`` is dropped)."""
    counts: Counter[str] = Counter()
    for a in corpus_mod.Corpus(articles, 0).subset(mb):
        for m in _CAPS.finditer(a):
            words = m.group(0).split(" ")
            while words and words[0] in _STOP_FIRST:
                words = words[1:]
            if len(words) >= 2:
                counts[" ".join(words)] += 1
    return [p for p, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= 2]


def _repo_records() -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    for path in sorted(REPO_GAZETTEERS.glob("*.jsonl")) if REPO_GAZETTEERS.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r["id"] in seen:
                continue
            seen.add(r["id"])
            out.append(
                {
                    "id": f"repo:{r['id']}",
                    "name": r["name"],
                    "type": r.get("type"),
                    "aliases": list(r.get("aliases") or []),
                }
            )
    return out


def build_gazetteer(n: int, articles: list[str], seed: int = 20240611) -> tuple[list[dict], dict]:
    """``n`` entity records and a summary ``{source: entities}`` (see the module doc)."""
    rng = random.Random(f"gazetteer-{seed}-{n}")
    records: list[dict] = []
    names: set[str] = set()
    sources: Counter[str] = Counter()

    def add(source: str, kind: str, name: str, aliases: list[str]) -> bool:
        if len(records) >= n or name in names:
            return False
        names.add(name)
        records.append(
            {
                "id": f"{source[:3]}{len(records):06d}",
                "name": name,
                "type": kind,
                "aliases": [a for a in aliases if a != name],
            }
        )
        sources[source] += 1
        return True

    # The corpus's organisations and places, and the repository's gazetteers.
    for name, aliases in CORPUS_ORGS:
        add("corpus-orgs", "ORG", name, list(aliases))
    for name, aliases in CORPUS_PLACES:
        add("corpus-places", "GPE", name, list(aliases))
    for r in _repo_records():
        if len(records) < n and r["name"] not in names:
            names.add(r["name"])
            records.append(r)
            sources["repo-gazetteers"] += 1

    # People from the corpus vocabularies.
    pairs = [(f, la) for f in corpus_mod.FIRST for la in corpus_mod.LAST]
    rng.shuffle(pairs)
    for first, last in pairs[: n // 4]:
        name = f"{first} {last}"
        if "'" in name and rng.random() < 0.5:
            name = _swap_apostrophe(name)
        add("corpus-people", "PERSON", name, _person_aliases(rng, first, last, name))

    # Phrases sampled from the corpus.
    phrases = [p for p in sample_phrases(articles) if p not in names]
    want = min(len(phrases), n // 10)
    for p in sorted(rng.sample(phrases, want), key=phrases.index):
        words = p.split(" ")
        options = [f"{p} Group", f"{p} Foundation"]
        if len(words) >= 3:
            options += [" ".join(words[-2:]), f"{words[0]} {words[-1]}"]
        if "'" in p or "\u2019" in p:
            options.append(_swap_apostrophe(p))
        add("corpus-phrases", "MISC", p, _pick(rng, options, p))

    # Made-up entities.
    guard = 0
    while len(records) < n and guard < 50 * n:
        guard += 1
        r = rng.random()
        if r < 0.5:
            u = rng.random()
            first = rng.choice(corpus_mod.FIRST) if u < 0.5 else _word(rng)
            last = rng.choice(corpus_mod.LAST) if u > 0.85 else _word(rng)
            name = f"{first} {last}"
            add("made-up", "PERSON", name, _person_aliases(rng, first, last, name))
        elif r < 0.8:
            w, w2 = _word(rng), _word(rng)
            k = rng.randrange(6)
            if k == 0:
                name, opts = f"{w} {w2} Institute", [f"{w} Institute", f"{w} {w2} Inst."]
            elif k == 1:
                field = rng.choice(_FIELDS)
                name = f"Ministry of {field} of {w}"
                opts = [f"{w} {field} Ministry", f"{w}’s Ministry of {field}"]
            elif k == 2:
                ind = rng.choice(_INDUSTRIES)
                name = f"{w} {ind} Corp."
                opts = [f"{w} {ind}", f"{w} {ind} Corporation"]
            elif k == 3:
                name, opts = f"University of {w}", [f"{w} University", f"Univ. of {w}"]
            elif k == 4:
                name, opts = f"{w} & {w2} LLP", [f"{w} and {w2}", f"{w} & {w2}"]
            else:
                name, opts = f"Bank of {w}", [f"{w} Central Bank", f"{w} National Bank"]
            add("made-up", "ORG", name, _pick(rng, opts, name))
        else:
            w = _word(rng)
            k = rng.randrange(5)
            if k == 0:
                name, opts = f"Port {w}", [f"{w} Harbour", f"Port of {w}"]
            elif k == 1:
                name, opts = f"Mount {w}", [f"Mt. {w}", f"{w} Peak"]
            elif k == 2:
                name, opts = f"{w} Valley", [f"{w} Vale", f"the {w} Valley"]
            elif k == 3:
                name, opts = f"San {w}", [f"S. {w}", f"San {w} City"]
            else:
                name, opts = f"North {w}", [f"N. {w}", f"Northern {w}"]
            add("made-up", "GPE", name, _pick(rng, opts, name))

    summary = {
        "entities": len(records),
        "names_and_aliases": sum(1 + len(r["aliases"]) for r in records),
        "distinct_strings": len(patterns(records)),
        "with_curly_apostrophe": sum(
            1 for r in records if any("\u2019" in a for a in (r["name"], *r["aliases"]))
        ),
        "sources": dict(sources),
    }
    return records, summary


def patterns(records: list[dict]) -> list[str]:
    """Every distinct name and alias, sorted: the pattern list given to the peers."""
    return sorted({a for r in records for a in (r["name"], *r["aliases"])})


def cached_gazetteer_path(
    n: int, articles: list[str], seed: int, data_dir: Path = corpus_mod.DATA_DIR
) -> tuple[Path, dict]:
    """Build the gazetteer of ``n`` entities (unless cached); its JSONL path and summary.

    The cache key covers the generator version, ``n``, the seed, the corpus text the
    phrases are sampled from and the repository's gazetteers.
    """
    h = hashlib.sha256(f"g{GAZETTEER_VERSION}|{n}|{seed}".encode())
    for a in corpus_mod.Corpus(articles, 0).subset(PHRASE_SAMPLE_MB):
        h.update(a.encode("utf-8"))
    if REPO_GAZETTEERS.is_dir():
        for f in sorted(REPO_GAZETTEERS.glob("*.jsonl")):
            h.update(f.read_bytes())
    path = Path(data_dir) / f"gazetteer_{n}_{h.hexdigest()[:16]}.jsonl"
    meta_path = path.with_suffix(".summary.json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    records, summary = build_gazetteer(n, articles, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    tmp.replace(path)
    meta_path.write_text(json.dumps(summary, indent=1))
    return path, summary


def read_gazetteer(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
