"""Deterministic English news-like benchmark corpus for sentence splitters.

The corpus mixes

* paragraphs resampled from real news text (``../shared/corpus/*.txt`` beside the repository
  and ``python/presswork/data/sample/*.txt``, whichever exist), with every run of digits
  replaced by fresh random digits so no two copies of a paragraph are byte-identical, and
* articles generated from templates: headlines, bylines, datelines, titles and initials
  (``Dr.``, ``Lt. Col.``, ``J. R.``), abbreviations (``U.S.``, ``Inc.``, ``a.m.``, ``e.g.``),
  dates, money, percentages, decimals, straight and curly quotes, ellipses, URLs, e-mail
  addresses, bullet lists and non-ASCII names, with different names and numbers every time.

Everything is drawn from one seeded ``random.Random``: the same seed and the same source
files give the same corpus byte for byte.

Sizes are in MB of UTF-8 (1 MB = 1,000,000 bytes).

Run ``python benchmarks/corpus.py --size-mb 20`` to build the corpus and print its stats.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000
REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED_DIR = REPO.parent / "shared" / "corpus"
DEFAULT_SAMPLE_DIR = REPO / "python" / "presswork" / "data" / "sample"
DATA_DIR = Path(__file__).resolve().parent / ".data"
#: Bump when the generator changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 2
#: Separates articles in the cache file; never occurs in the corpus itself.
RECORD_SEP = "\x1e"

# --------------------------------------------------------------------------- vocabulary


def _words(s: str) -> tuple[str, ...]:
    """Split a ``|``-separated vocabulary string."""
    return tuple(w.strip() for w in s.split("|") if w.strip())


FIRST = _words(
    "James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|"
    "Richard|Susan|Joseph|Jessica|Thomas|Sarah|Charles|Karen|Daniel|Nancy|Matthew|Lisa|"
    "Anthony|Betty|Mark|Sandra|Steven|Ashley|Andrew|Kimberly|Joshua|Emily|Kevin|Donna|Brian|"
    "Michelle|Amir|Fatima|Wei|Mei|Hiroshi|Yuki|Olga|Dmitri|Priya|Rahul|Kwame|Amara|Lars|"
    "Ingrid|Pierre|Chloé|José|Zoë|Søren|François|Małgorzata|Đorđe|Siobhán|Renée|Björn|Ana"
)
LAST_SIMPLE = _words(
    "Smith|Johnson|Williams|Brown|Jones|Garcia|Miller|Davis|Rodriguez|Martinez|Hernandez|Lopez|"
    "Gonzalez|Wilson|Anderson|Thomas|Taylor|Moore|Jackson|Martin|Lee|Perez|Thompson|White|"
    "Harris|Sanchez|Clark|Ramirez|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Nguyen|"
    "Hill|Flores|Green|Adams|Nelson|Baker|Hall|Rivera|Campbell|Mitchell|Carter|Roberts|"
    "McDonald|Müller|Kowalski|Ødegaard|Núñez|Okafor|Tanaka|Ivanova|Dubois|Rossi"
)
LAST = LAST_SIMPLE + _words("O'Brien|Van der Berg|De la Cruz|St. John|Al-Sayed|D'Amato")
TITLES = _words(
    "Dr.|Mr.|Mrs.|Ms.|Prof.|Sen.|Rep.|Gov.|Gen.|Lt. Col.|Sgt.|Rev.|Capt.|Adm.|Lt. Gov.|Supt.|"
    "Det.|Insp."
)
ROLES = _words(
    "chief executive|spokeswoman|spokesman|senior analyst|director|deputy minister|"
    "chief economist|head of research|press secretary|mayor|police chief|"
    "professor of economics|chairman|general counsel"
)
ORGS = _words(
    "Acme Corp.|Globex Inc.|Initech Ltd.|Smith & Sons Co.|Vandelay Industries Inc.|"
    "the U.S. Department of Energy|the U.N. Security Council|NATO|the E.U. Commission|"
    "Umbrella Holdings plc|Stark Bros. Co.|Wayne Enterprises L.L.C.|the I.M.F.|the Fed|"
    "Hooli Inc.|Nakatomi Trading Corp.|Cyberdyne Systems Corp.|the Ministry of Finance|"
    "the W.H.O.|Oceanic Airlines Co."
)
TICKERS = _words("ACME|GLBX|INTC|HOOL|VDLY|UMBR|NKTM|CYDN")
CITIES = _words(
    "WASHINGTON|NEW YORK|LONDON|PARIS|BERLIN|TOKYO|MOSCOW|BEIJING|ST. LOUIS|FT. LAUDERDALE|"
    "MT. VERNON|SÃO PAULO|ZÜRICH|KRAKÓW|LAGOS|NEW DELHI|SYDNEY|TORONTO|MEXICO CITY|CAIRO"
)
PLACES = _words(
    "the U.S.|the U.K.|Washington, D.C.|St. Petersburg|Ft. Worth|Mt. Everest|New York|Paris|"
    "the Middle East|the E.U.|Calif.|Mass.|N.Y.|Ore.|Ala.|Wash.|Kraków|Zürich|São Paulo|"
    "Reykjavík"
)
AGENCIES = _words("AP|Reuters|AFP|Bloomberg|UPI|dpa")
MONTHS = _words("Jan.|Feb.|March|April|May|June|July|Aug.|Sept.|Oct.|Nov.|Dec.")
WEEKDAYS = _words("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
NOUNS = _words(
    "plan|deal|bill|merger|budget|report|investigation|proposal|ceasefire|contract|lawsuit|"
    "strike|election|forecast|shipment|vaccine|pipeline|tariff|ruling|summit"
)
VERBS = _words(
    "approve|reject|delay|announce|review|fund|block|expand|cancel|investigate|support|revise|"
    "finalize|postpone"
)
ADJ = _words(
    "unprecedented|controversial|long-awaited|bipartisan|preliminary|sweeping|modest|"
    "surprising|temporary|record|disputed|landmark"
)
QUOTES = _words(
    "We are not going to stop until the job is done|"
    "This is a very difficult moment for all of us|"
    "Nobody expected the numbers to be this strong|"
    "It's too early to say what happened|"
    "The U.S. will not accept these terms|"
    "Frankly, I think the market got ahead of itself|"
    "We had no choice|"
    "Our thoughts are with the families|"
    "I've been doing this for 20 years and I've never seen anything like it|"
    "The data speak for themselves"
)
QUESTIONS = _words(
    "Who is going to pay for it|What happens now|Why did it take so long|"
    "Is this the end of the road|Can they really do that|Where was the oversight"
)


@dataclass
class Corpus:
    """Articles (each a complete news text) and their concatenation."""

    articles: list[str]
    seed: int
    sources: list[str] = field(default_factory=list)
    resampled_paragraphs: int = 0

    @property
    def text(self) -> str:
        """All articles as one big string, separated by blank lines."""
        return "\n\n".join(self.articles)

    @property
    def nbytes(self) -> int:
        return sum(len(a.encode("utf-8")) for a in self.articles)

    def subset(self, mb: float | None) -> list[str]:
        """The first articles whose UTF-8 size reaches ``mb`` MB (all of them if ``None``)."""
        if mb is None:
            return list(self.articles)
        out: list[str] = []
        total = 0
        for a in self.articles:
            if total >= mb * MB:
                break
            out.append(a)
            total += len(a.encode("utf-8"))
        return out


# --------------------------------------------------------------------------- generation


class _Gen:
    """Template-based news generator; all randomness comes from ``rng``."""

    def __init__(self, rng: random.Random, pool: list[str], resample_share: float) -> None:
        self.r = rng
        self.pool = pool
        self.resample_share = resample_share if pool else 0.0
        self.resampled = 0

    # small pieces ---------------------------------------------------------------------
    def c(self, seq):
        return self.r.choice(seq)

    def first(self) -> str:
        return self.c(FIRST)

    def last(self) -> str:
        return self.c(LAST)

    def name(self) -> str:
        r = self.r.random()
        if r < 0.15:
            return f"{self.first()} {self.c('ABCDEFGHJKLMRSTW')}. {self.last()}"
        if r < 0.22:
            a, b = self.r.sample("ABCDEFGHJKLMRSTW", 2)
            return f"{a}. {b}. {self.last()}"
        if r < 0.27:
            return f"{self.first()} {self.last()} {self.c(('Jr.', 'Sr.', 'III'))}"
        return f"{self.first()} {self.last()}"

    def ed(self) -> str:
        v = self.c(VERBS)
        return v + ("d" if v.endswith("e") else "ed")

    def titled(self) -> str:
        return f"{self.c(TITLES)} {self.last()}"

    def org(self) -> str:
        return self.c(ORGS)

    def num(self) -> str:
        r = self.r.random()
        if r < 0.3:
            return str(self.r.randint(2, 99))
        if r < 0.6:
            return f"{self.r.randint(100, 999_999):,}"
        if r < 0.8:
            return f"{self.r.randint(1, 99)}.{self.r.randint(0, 99):02d}"
        return f"{self.r.randint(1, 950)}.{self.r.randint(1, 9)} million"

    def money(self) -> str:
        cur = self.c(("$", "$", "$", "£", "€", "US$"))
        r = self.r.random()
        if r < 0.4:
            unit = self.c(("million", "billion"))
            return f"{cur}{self.r.randint(1, 999)}.{self.r.randint(1, 9)} {unit}"
        if r < 0.7:
            return f"{cur}{self.r.randint(1_000, 9_999_999):,}"
        return f"{cur}{self.r.randint(1, 999)}.{self.r.randint(0, 99):02d}"

    def pct(self) -> str:
        v = f"{self.r.randint(0, 40)}.{self.r.randint(0, 9)}"
        return self.c((f"{v}%", f"{v} percent", f"{v} per cent"))

    def date(self) -> str:
        m = self.c(MONTHS)
        d = self.r.randint(1, 28)
        r = self.r.random()
        if r < 0.4:
            return f"{m} {d}"
        if r < 0.7:
            return f"{m} {d}, {self.r.randint(1990, 2030)}"
        if r < 0.85:
            return f"{self.c(WEEKDAYS)}, {m} {d}"
        return f"{self.r.randint(1990, 2030)}-{self.r.randint(1, 12):02d}-{d:02d}"

    def time(self) -> str:
        h = self.r.randint(1, 12)
        mm = self.c(("", f":{self.r.randint(0, 59):02d}"))
        return f"{h}{mm} {self.c(('a.m.', 'p.m.', 'a.m.', 'p.m.', 'AM', 'PM'))}"

    def quote_open_close(self) -> tuple[str, str]:
        return self.c((('"', '"'), ('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019")))

    # sentences ------------------------------------------------------------------------
    def sentence(self) -> str:
        k = self.r.randrange(24)
        o, c = self.quote_open_close()
        if k == 0:
            return (
                f"{self.titled()}, {self.c(ROLES)} of {self.org()}, said the company would "
                f"{self.c(VERBS)} the {self.money()} {self.c(NOUNS)} by {self.date()}."
            )
        if k == 1:
            return f"{o}{self.c(QUOTES)},{c} {self.name()} said."
        if k == 2:
            return (
                f"{o}{self.c(QUOTES)}. {self.c(QUOTES)},{c} said {self.titled()}, who "
                f"{self.ed()} the {self.c(NOUNS)} in {self.r.randint(1990, 2024)}."
            )
        if k == 3:
            return f"{self.name()} asked: {o}{self.c(QUESTIONS)}?{c}"
        if k == 4:
            return f"{o}{self.c(QUESTIONS)}?{c} asked {self.titled()}."
        if k == 5:
            return f"The index rose {self.pct()} to {self.num()} at {self.time()} on {self.date()}."
        if k == 6:
            return (
                f"Shares of {self.org()} fell {self.pct()} in early trading in New York "
                f"(NYSE: {self.c(TICKERS)})."
            )
        if k == 7:
            return (
                f"The {self.c(ADJ)} report, released {self.date()}, cited e.g. rising costs, "
                f"i.e. wages and energy, and approx. {self.num()} job cuts."
            )
        if k == 8:
            host = self.c(("example.com", "news.example.org", "data.example.net"))
            return (
                f"According to https://{host}/{self.r.randint(1000, 99999)}, the figure was "
                f"{self.num()} vs. {self.num()} a year earlier."
            )
        if k == 9:
            return f"{self.name()} was born in {self.c(PLACES)} in {self.r.randint(1930, 2005)}."
        if k == 10:
            # A sentence ending in an abbreviation (``the U.S.``) followed by a new sentence.
            place = self.c(PLACES)
            stop = "" if place.endswith(".") else "."
            who = self.c(("Officials", "It", "The ministry", "He"))
            return f"The aid was sent to {place}{stop} {who} said more would follow."
        if k == 11:
            return f"The {self.c(NOUNS)} ... will cost {self.money()}, officials said."
        if k == 12:
            return self.c(("Wait!", "No.", "Really?", "Why?", "Enough!", "Not yet.", "Yes."))
        if k == 13:
            org = self.org()
            return f"({org[0].upper() + org[1:]} declined to comment.)"
        if k == 14:
            f, la = self.first(), self.last()
            return (
                f"Contact: {f.lower()}.{la.lower().replace(' ', '')}@example.com or call "
                f"+1 (555) {self.r.randint(100, 999)}-{self.r.randint(1000, 9999)}."
            )
        if k == 15:
            return (
                f"The team won {self.r.randint(0, 9)}-{self.r.randint(0, 9)} at No. "
                f"{self.r.randint(1, 25)} {self.c(('Stadium', 'Park', 'Arena'))} on "
                f"{self.c(WEEKDAYS)}."
            )
        if k == 16:
            return (
                f"{self.name()} \u2014 who joined {self.org()} in {self.r.randint(1990, 2023)} "
                f"\u2014 called the {self.c(NOUNS)} {o}{self.c(ADJ)}{c}."
            )
        if k == 17:
            return (
                f"At {self.time()} the {self.c(NOUNS)} was {self.ed()}; by "
                f"{self.time()} it was over."
            )
        if k == 18:
            return f"It was, {self.c(('he', 'she', 'they'))} said, {o}the end of an era\u2026{c}"
        if k == 19:
            return (
                f"Temperatures reached {self.r.randint(-20, 45)}\u00b0C "
                f"({self.r.randint(0, 110)}\u00b0F) in {self.c(PLACES)} on {self.date()}."
            )
        if k == 20:
            return (
                f"{self.c(TITLES)} {self.name()} and {self.c(TITLES)} {self.name()} "
                f"met at {self.org()} headquarters."
            )
        if k == 21:
            return (
                f"The vote was {self.r.randint(200, 435)} to {self.r.randint(0, 200)}, "
                f"with {self.r.randint(0, 9)} abstentions (see p. {self.r.randint(2, 40)})."
            )
        if k == 22:
            return (
                f"The {self.c(ADJ)} {self.c(NOUNS)} would cost {self.money()} over "
                f"{self.r.randint(2, 12)} years, or about {self.pct()} of GDP."
            )
        return (
            f"{self.name()}, {self.r.randint(19, 90)}, of {self.c(PLACES)}, said "
            f"{self.c(('he', 'she'))} had waited {self.r.randint(2, 14)} hrs. for news."
        )

    def paragraph(self) -> str:
        n = self.r.choice((1, 2, 2, 3, 3, 3, 4, 5))
        sents = [self.sentence() for _ in range(n)]
        # Scraped news: now and then a single newline (or two spaces) between sentences.
        out = sents[0]
        for s in sents[1:]:
            out += self.c((" ", " ", " ", " ", " ", "  ", "\n"))
            out += s
        return out

    def bullets(self) -> str:
        mark = self.c(("\u2022 ", "- ", "* ", "1. "))
        items = []
        for i in range(self.r.randint(2, 5)):
            m = f"{i + 1}. " if mark == "1. " else mark
            items.append(m + self.sentence())
        return "\n".join(items)

    def headline(self) -> str:
        words = [
            self.c(ADJ).title(),
            self.c(NOUNS).title(),
            self.c(("To", "Could", "Will")),
            self.c(VERBS).title(),
            self.c(ORGS).replace("the ", "").split(" ")[0],
            self.c(("Deal", "Talks", "Plan", "Budget", "Probe")),
        ]
        return " ".join(words)

    def resampled_paragraph(self) -> str:
        """A paragraph of the real-text pool with fresh numbers and some names swapped.

        Every run of digits gets new random digits; about a quarter of the capitalized words
        inside a sentence (after a lowercase word or comma) become a random surname.
        """
        self.resampled += 1
        para = self.c(self.pool)
        para = _DIGITS.sub(lambda m: _random_digits(self.r, m.group(0)), para)
        return _MID_CAPS.sub(
            lambda m: self.c(LAST_SIMPLE) if self.r.random() < 0.25 else m.group(0), para
        )

    def article(self) -> str:
        target = self.r.randint(2_000, 5_000)
        parts = [self.headline()]
        if self.r.random() < 0.25:
            parts.append(f"A subheadline that explains the {self.c(NOUNS)}")
        elif self.r.random() < 0.3:
            parts.append(f"Updated {self.date()}, {self.time()}")
        if self.r.random() < 0.7:
            parts.append(f"By {self.name()}, {self.c(AGENCIES)}")
        lead = self.paragraph()
        if self.r.random() < 0.7:
            lead = f"{self.c(CITIES)} ({self.c(AGENCIES)}) \u2014 " + lead
        parts.append(lead)
        size = sum(len(p.encode("utf-8")) for p in parts)
        while size < target:
            if self.r.random() < self.resample_share:
                p = self.resampled_paragraph()
            else:
                r = self.r.random()
                if r < 0.08:
                    p = self.bullets()
                elif r < 0.12:
                    p = f"Also read: \u201c{self.headline()}\u201d"
                elif r < 0.15:
                    p = f"Photo: {self.c(AGENCIES)}"
                else:
                    p = self.paragraph()
            parts.append(p)
            size += len(p.encode("utf-8")) + 2
        seps = ("\n\n", "\n\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "  \n\n")
        out = parts[0]
        for p in parts[1:]:
            out += self.c(seps) + p
        return out


_DIGITS = re.compile(r"\d+")
_MID_CAPS = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b")


def _random_digits(rng: random.Random, digits: str) -> str:
    first = str(rng.randint(1, 9)) if digits[0] != "0" or len(digits) == 1 else "0"
    return first + "".join(str(rng.randint(0, 9)) for _ in range(len(digits) - 1))


def source_files(shared_dir: Path | None, sample_dir: Path | None) -> list[Path]:
    """The ``*.txt`` files of the source directories that exist, sorted."""
    files: list[Path] = []
    for d in (shared_dir, sample_dir):
        if d is not None and Path(d).is_dir():
            files.extend(sorted(Path(d).glob("*.txt")))
    return files


def load_paragraphs(files: list[Path]) -> list[str]:
    """Non-trivial paragraphs (blank-line separated) of ``files``."""
    paras: list[str] = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        for p in re.split(r"\n[ \t\r]*\n", text):
            p = p.strip()
            if len(p) >= 40:
                paras.append(p)
    return paras


def build_corpus(
    size_mb: float = 20.0,
    seed: int = 20240611,
    shared_dir: Path | None = DEFAULT_SHARED_DIR,
    sample_dir: Path | None = DEFAULT_SAMPLE_DIR,
    resample_share: float = 0.3,
) -> Corpus:
    """Build at least ``size_mb`` MB (UTF-8) of news-like articles, deterministically.

    About ``resample_share`` of the body paragraphs come from the real-text files (when
    there are any); the rest are generated.
    """
    files = source_files(shared_dir, sample_dir)
    pool = load_paragraphs(files)
    g = _Gen(random.Random(seed), pool, resample_share)
    articles: list[str] = []
    total = 0
    while total < size_mb * MB:
        a = g.article()
        articles.append(a)
        total += len(a.encode("utf-8"))
    return Corpus(articles, seed, [str(f) for f in files], g.resampled)


def cache_key(size_mb: float, seed: int, files: list[Path]) -> str:
    h = hashlib.sha256(f"v{GENERATOR_VERSION}|{size_mb}|{seed}".encode())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def cached_corpus_path(
    size_mb: float = 20.0,
    seed: int = 20240611,
    shared_dir: Path | None = DEFAULT_SHARED_DIR,
    sample_dir: Path | None = DEFAULT_SAMPLE_DIR,
    data_dir: Path = DATA_DIR,
) -> Path:
    """Build the corpus (unless cached) and return the path of its cache file.

    The file holds the articles separated by ``RECORD_SEP``; read it with
    :func:`read_articles`.
    """
    files = source_files(shared_dir, sample_dir)
    path = Path(data_dir) / f"corpus_{size_mb:g}mb_{cache_key(size_mb, seed, files)}.txt"
    if not path.exists():
        corpus = build_corpus(size_mb, seed, shared_dir, sample_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(RECORD_SEP.join(corpus.articles), encoding="utf-8")
        tmp.replace(path)
    return path


def real_news_path(
    size_mb: float = 20.0,
    shared_dir: Path | None = DEFAULT_SHARED_DIR,
    sample_dir: Path | None = DEFAULT_SAMPLE_DIR,
    data_dir: Path = DATA_DIR,
) -> Path:
    """The real news articles (each source file one article, as written) repeated in
    order up to ``size_mb``, in the cache-file format of :func:`cached_corpus_path`: the
    realistic counterpart of the generated corpus, whose made-up sentences are denser in
    names, numbers and quotes than news."""
    files = source_files(shared_dir, sample_dir)
    texts = [f.read_text(encoding="utf-8") for f in files]
    if not texts:
        raise SystemExit("no news files to repeat (the shared corpus and the sample are absent)")
    key = cache_key(size_mb, 0, files)
    path = Path(data_dir) / f"news_{size_mb:g}mb_{key}.txt"
    if not path.exists():
        articles: list[str] = []
        total = 0
        while total < size_mb * MB:
            for text in texts:
                articles.append(text)
                total += len(text.encode("utf-8"))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(RECORD_SEP.join(articles), encoding="utf-8")
        tmp.replace(path)
    return path


def read_articles(path: Path) -> list[str]:
    return Path(path).read_text(encoding="utf-8").split(RECORD_SEP)


# --------------------------------------------------------------------------- adversarial

#: name -> the unit repeated to make the input.
ADVERSARIAL_UNITS = {
    "dots": ".",
    "quotes": '"',
    "ellipses": "...",
    "newlines": "\n",
    "curly-quotes": "\u201c",
    "abbrevs": "Dr. ",
    "initials": "A. ",
}


def adversarial(kind: str, mb: float, seed: int = 7) -> str:
    """About ``mb`` MB (UTF-8) of a pathological input.

    Kinds: the keys of :data:`ADVERSARIAL_UNITS` (a unit repeated) and ``"soup"``: a seeded
    random mix of punctuation, quotes, spaces, newlines and short words.
    """
    n = int(mb * MB)
    if kind == "soup":
        alphabet = [
            ".",
            '"',
            "'",
            "!",
            "?",
            " ",
            " ",
            "\n",
            "...",
            "Mr.",
            "a",
            "The",
            "\u201c",
            "\u201d",
            "(",
            ")",
            "U.S.",
            "1.5",
        ]
        return random_pieces(alphabet, n, seed)
    return repeat_to(ADVERSARIAL_UNITS[kind], n)


def repeat_to(unit: str, n: int) -> str:
    """``unit`` repeated to about ``n`` bytes of UTF-8 (at least once)."""
    return unit * max(1, n // len(unit.encode("utf-8")))


def random_pieces(pieces: list[str], n: int, seed: int) -> str:
    """Pieces drawn at random (seeded) until the text reaches ``n`` bytes of UTF-8."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        piece = rng.choice(pieces)
        out.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(out)


ADVERSARIAL_KINDS = (*ADVERSARIAL_UNITS, "soup")


def adversarial_inputs(sizes_mb: tuple[float, ...] = (1.0, 2.0)) -> dict[str, dict[float, str]]:
    """Every adversarial kind at every size: ``{kind: {mb: text}}``."""
    return {k: {mb: adversarial(k, mb) for mb in sizes_mb} for k in ADVERSARIAL_KINDS}


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_SHARED_DIR,
        help="directory of *.txt news to resample paragraphs from",
    )
    ap.add_argument("--sample-dir", type=Path, default=DEFAULT_SAMPLE_DIR)
    ap.add_argument("--out", type=Path, help="write the big string (all articles) here")
    ap.add_argument("--show", type=int, default=0, help="print the first N articles")
    args = ap.parse_args(argv)
    corpus = build_corpus(args.size_mb, args.seed, args.corpus, args.sample_dir)
    sizes = [len(a.encode("utf-8")) for a in corpus.articles]
    print(
        f"articles: {len(sizes)}  total: {sum(sizes) / MB:.2f} MB  "
        f"article size: min {min(sizes)} / mean {sum(sizes) // len(sizes)} / max {max(sizes)} B"
    )
    print(
        f"sources: {len(corpus.sources)} files, {corpus.resampled_paragraphs} resampled paragraphs"
    )
    for a in corpus.articles[: args.show]:
        print("-" * 80)
        print(a)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(corpus.text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
