"""Type stubs for the Rust extension module ``presswork._core``."""

from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from typing import Literal, final

import numpy as np
import numpy.typing as npt
import pandas as pd
from typing_extensions import TypeAlias

from presswork.pipeline import Analysis

__all__ = [
    "Entity",
    "EntityMatcher",
    "Gazetteer",
    "Mention",
    "Pipeline",
    "PressworkError",
    "PressworkTypeError",
    "PressworkValueError",
    "Quote",
    "QuoteExtractor",
    "Sentence",
    "Span",
    "Splitter",
    "_CHUNKS_IN_FLIGHT",
    "_MAX_THREADS",
    "_TableBuilder",
    "__version__",
    "_substrings",
    "_text_lengths",
]
__version__: str
#: Chunks the pipeline's table builder has on their way at once: a stream is read this
#: many chunks ahead of the rows.
_CHUNKS_IN_FLIGHT: int
#: The most threads ``Pipeline.analyze(threads=...)`` accepts.
_MAX_THREADS: int

NewlineMode: TypeAlias = Literal["sentence", "paragraph", "space"]
QuoteKind: TypeAlias = Literal["statement", "partial", "title"]
CuePattern: TypeAlias = Literal[
    "speaker-verb-after",
    "verb-speaker-after",
    "speaker-verb-before",
    "according-to",
    "colon",
    "reported",
    "setup",
]
Resolution: TypeAlias = Literal["named", "pronoun", "role", "continuation", "none"]

class PressworkError(Exception):
    """Base class of every error presswork raises itself."""

class PressworkTypeError(PressworkError, TypeError):
    """An argument (or a batch item) has the wrong type; the message names it."""

class PressworkValueError(PressworkError, ValueError):
    """An argument (or a batch item) has an unusable value; the message names it."""

@final
class Span:
    """A paragraph: ``text[start:end] == span.text``; offsets are code points.

    Unpacks like a tuple: ``start, end, text = span``.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    def __new__(cls, start: int, end: int, text: str) -> Span: ...
    def __iter__(self) -> Iterator[int | str]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Sentence:
    """A sentence: its span in code points and the index of its paragraph.

    ``text[sentence.start:sentence.end] == sentence.text``.
    """

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def paragraph(self) -> int: ...
    def __new__(cls, start: int, end: int, text: str, paragraph: int) -> Sentence: ...
    def __iter__(self) -> Iterator[int | str]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Splitter:
    """Splits news text into paragraphs and sentences.

    >>> from presswork import Splitter
    >>> [s.text for s in Splitter().sentences("Dr. Smith left at 5 p.m. on Nov. 13. He said so.")]
    ['Dr. Smith left at 5 p.m. on Nov. 13.', 'He said so.']
    """

    def __new__(
        cls,
        *,
        abbreviations: Iterable[str] | None = None,
        newline: NewlineMode = "sentence",
        headlines: bool = True,
    ) -> Splitter:
        """Create a splitter.

        abbreviations: extra abbreviations (without their final period, e.g. ``"Brig"``,
            ``"approx"``); a period after one ends a sentence only when a typical
            sentence opener (``The``, ``He``, ...) follows.
        newline: what a single line break inside a paragraph means: ``"sentence"`` (it
            ends the sentence: scraped news), ``"paragraph"`` (every line is a paragraph),
            or ``"space"`` (hard-wrapped text: a line break is a space).
        headlines: in ``"space"`` mode, a headline-like line (no terminal punctuation,
            title case or much shorter than its neighbours) still stands alone.
        """
    @property
    def abbreviations(self) -> list[str]: ...
    @property
    def newline(self) -> NewlineMode: ...
    @property
    def headlines(self) -> bool: ...
    def paragraphs(self, text: str) -> list[Span]:
        """Paragraphs of ``text``: runs of lines separated by blank lines."""
    def sentences(self, text: str) -> list[Sentence]:
        """Sentences of ``text`` in document order."""
    def split(self, text: str) -> tuple[list[Span], list[Sentence]]:
        """Paragraphs and sentences of ``text`` in one pass."""
    def sentences_batch(self, texts: Iterable[str]) -> list[list[Sentence]]:
        """Sentences of many documents, split in parallel with the GIL released."""
    def paragraphs_batch(self, texts: Iterable[str]) -> list[list[Span]]:
        """Paragraphs of many documents, split in parallel with the GIL released."""
    def sentence_columns(self, texts: Iterable[str]) -> dict[str, npt.NDArray[np.int64]]:
        """Sentence offsets of many documents as numpy columns.

        Keys: ``document`` (position in ``texts``), ``paragraph``, ``sentence`` (index in
        its document), ``start`` and ``end`` (code points). The fastest way to split.
        """
    def sentences_frame(
        self, texts: object, *, keys: Iterable[object] | None = None
    ) -> pd.DataFrame:
        """A pandas DataFrame with one row per sentence.

        Columns: ``key``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``. ``texts``
        may be a pandas Series (its index gives the keys), a mapping of key to text, or any
        iterable of strings (keys are positions unless ``keys`` is given).
        """
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Entity:
    """A known entity: canonical id, display name, type, aliases and extra fields."""

    def __new__(
        cls,
        id: str,
        name: str,
        type: str | None = None,
        aliases: list[str] | None = None,
        extra: dict[str, object] | None = None,
    ) -> Entity: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str | None: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def extra(self) -> dict[str, object]:
        """Extra fields (a copy)."""
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Gazetteer:
    """Known entities with their aliases; the input of an ``EntityMatcher``.

    Rows sharing an id merge (one row per alias works as well as one row per entity).
    Bad rows raise ``PressworkValueError`` naming the row (or file line) and the
    problem. An alias shared by several entities is kept: its mentions list every
    candidate.

    >>> from presswork import Gazetteer
    >>> g = Gazetteer.from_dict({"Vladimir Putin": ["Putin", "President Putin"]}, type="PERSON")
    >>> g["Vladimir Putin"].aliases
    ('Putin', 'President Putin')
    """

    def __new__(cls, records: Iterable[Mapping[str, object]] | None = None) -> Gazetteer: ...
    @staticmethod
    def from_records(
        records: Iterable[Mapping[str, object]],
        *,
        id: str | None = "id",
        name: str = "name",
        type: str = "type",
        aliases: str = "aliases",
        alias_separator: str | None = None,
    ) -> Gazetteer:
        """One mapping per entity or per alias; keys other than the four named are
        extra fields. ``id=None``: ids are the names."""
    @staticmethod
    def from_dict(
        mapping: Mapping[str, Iterable[str] | str | None], *, type: str | None = None
    ) -> Gazetteer:
        """``{name: aliases}``; names are also the ids."""
    @staticmethod
    def from_frame(
        frame: pd.DataFrame,
        *,
        id: str | None = "id",
        name: str = "name",
        type: str = "type",
        aliases: str = "aliases",
        alias_separator: str | None = None,
    ) -> Gazetteer:
        """One row per entity or per alias; other columns are extra fields."""
    @staticmethod
    def read_jsonl(path: str | PathLike[str]) -> Gazetteer:
        """JSON Lines: ``{"id", "name", "type", "aliases", ...extra}`` per line."""
    @staticmethod
    def read_csv(
        path: str | PathLike[str],
        *,
        id: str | None = "id",
        name: str = "name",
        type: str = "type",
        aliases: str = "aliases",
        alias_separator: str | None = "|",
    ) -> Gazetteer:
        """CSV with a header row; other columns are extra fields."""
    @staticmethod
    def from_jsonl(text: str) -> Gazetteer:
        """A gazetteer from JSON Lines text."""
    @staticmethod
    def _from_columns(
        columns: dict[str, list[object]],
        labels: list[object],
        *,
        id: str | None,
        name: str,
        type: str,
        aliases: str,
        alias_separator: str | None = None,
    ) -> Gazetteer: ...
    def save(self, path: str | PathLike[str]) -> None:
        """Save as JSON Lines."""
    def to_jsonl(self) -> str: ...
    def to_frame(self) -> pd.DataFrame:
        """One row per name or alias."""
    def ambiguous_aliases(self) -> list[tuple[str, list[str]]]:
        """Aliases shared by several entities, with their ids."""
    def _entity_table(self, indices: list[int]) -> dict[str, list[object]]: ...
    @property
    def alias_count(self) -> int: ...
    def __getitem__(self, id: str, /) -> Entity: ...
    def __contains__(self, id: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Entity]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Mention:
    """A mention of a known entity: ``text[mention.start:mention.end] == mention.text``.

    Like a spaCy ``Span``, a mention found by a matcher refers to its document (``text`` is
    sliced from it when asked for) and to its matcher (for ``alias`` and ``entities``), so it
    keeps both alive; a pickled mention carries only its own text.
    """

    def __new__(
        cls, start: int, end: int, text: str, alias: str, entities: tuple[Entity, ...]
    ) -> Mention: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def alias(self) -> str:
        """The gazetteer alias that matched, as written there."""
    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every candidate entity (more than one when the alias is ambiguous)."""
    @property
    def entity(self) -> Entity | None: ...
    @property
    def entity_id(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...
    @property
    def extra(self) -> dict[str, object]: ...
    @property
    def ambiguous(self) -> bool: ...
    @property
    def candidates(self) -> tuple[str, ...]: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class EntityMatcher:
    """Finds mentions of a gazetteer's entities: whole words, leftmost-longest, case,
    typographic variants and white space folded (each an option).

    >>> from presswork import EntityMatcher, Gazetteer
    >>> m = EntityMatcher(Gazetteer.from_dict({"Carnegie Center": None}))
    >>> [x.text for x in m.find("said Moscow CARNEGIE Center’s Alexei Malashenko")]
    ['CARNEGIE Center']
    """

    def __new__(
        cls,
        gazetteer: Gazetteer,
        *,
        case_sensitive: bool = False,
        normalize_punctuation: bool = True,
        normalize_spaces: bool = True,
        whole_words: bool = True,
        overlapping: bool = False,
    ) -> EntityMatcher: ...
    @property
    def gazetteer(self) -> Gazetteer: ...
    @property
    def case_sensitive(self) -> bool: ...
    @property
    def normalize_punctuation(self) -> bool: ...
    @property
    def normalize_spaces(self) -> bool: ...
    @property
    def whole_words(self) -> bool: ...
    @property
    def overlapping(self) -> bool: ...
    @property
    def pattern_count(self) -> int: ...
    @property
    def automaton_memory(self) -> int: ...
    def find(self, text: str) -> list[Mention]:
        """Mentions in ``text``, in document order.

        The GIL is released while a text of 64 KiB or more is matched; a shorter one
        takes about as long to match as releasing the GIL would cost. ``find_batch``
        and ``mention_columns`` match many texts in parallel.
        """
    def find_batch(self, texts: Iterable[str]) -> list[list[Mention]]:
        """Mentions of many documents, found in parallel with the GIL released."""
    def mention_columns(self, texts: Iterable[str]) -> dict[str, npt.NDArray[np.int64]]:
        """Numpy columns ``document``, ``start``, ``end``, ``pattern``, ``entity`` (-1:
        ambiguous)."""
    def _pattern_table(self, patterns: list[int]) -> tuple[list[str], list[list[int]]]: ...
    def mentions_frame(
        self, texts: object, *, keys: Iterable[object] | None = None
    ) -> pd.DataFrame:
        """One row per mention."""
    def count(self, texts: object, *, keys: Iterable[object] | None = None) -> pd.DataFrame:
        """Mentions per entity per document."""
    def __reduce__(self) -> tuple[object, ...]: ...

def _substrings(
    texts: list[str],
    documents: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
) -> list[str | None]:
    """``[texts[d][s:e] ...]`` per row (None where ``s`` < 0), sliced by CPython."""

def _text_lengths(values: list[object]) -> npt.NDArray[np.int64]:
    """Each item's length in code points (0 for an item that is not a ``str``)."""

@final
class Quote:
    """A direct quote and who said it.

    Offsets are code points of the document: ``text[quote.start:quote.end] == quote.text``
    (the quote without its marks), and likewise for ``speaker_span``, ``mention_span``
    and ``verb_span``. Pickles, compares by value.
    """

    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        kind: QuoteKind = "statement",
        paragraph: int = 0,
        sentence: int = 0,
        depth: int = 0,
        continues: bool = False,
        cue: CuePattern | None = None,
        verb: Span | None = None,
        mention: Span | None = None,
        speaker: Span | None = None,
        how: Resolution = "none",
        entity: Entity | None = None,
    ) -> Quote: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> QuoteKind:
        """``statement``; ``partial`` (a few words inside reported speech); ``title`` (a
        headline, hashtag or slogan in quote marks: no speaker)."""
    @property
    def paragraph(self) -> int:
        """Index of the paragraph the quote opens in."""
    @property
    def sentence(self) -> int:
        """Index (in the document) of the sentence the quote opens in."""
    @property
    def depth(self) -> int:
        """How many quotes this one is inside (0 unless the extractor keeps nested ones)."""
    @property
    def continues(self) -> bool:
        """True when the quote continues the unclosed quote of the paragraph before."""
    @property
    def cue(self) -> CuePattern | None:
        """How the cue stands to the quote, or None when no cue was found."""
    @property
    def verb(self) -> str | None:
        """The cue's reporting verb as written (``said``, ``wrote``)."""
    @property
    def verb_span(self) -> Span | None: ...
    @property
    def mention(self) -> str | None:
        """The speaker as written in the cue (``he``, ``the spokeswoman``, ``Volk``)."""
    @property
    def mention_span(self) -> Span | None: ...
    @property
    def speaker(self) -> str | None:
        """The speaker, as first named in full in the document (``Irina Volk``)."""
    @property
    def speaker_span(self) -> Span | None:
        """Where the speaker was first named in full."""
    @property
    def how(self) -> Resolution:
        """How the speaker was found: ``named``, ``pronoun``, ``role``, ``continuation``
        (no cue: the quote goes on from the one before) or ``none``."""
    @property
    def entity(self) -> Entity | None:
        """The speaker's gazetteer entity, when the extractor has a matcher."""
    @property
    def entity_id(self) -> str | None: ...
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class QuoteExtractor:
    """Finds direct quotes in news text and who said them.

    Every quote style (straight, curly, single, « », „ “, mixed pairs); quotes over
    several sentences and paragraphs; split quotes around their cue; each quote's kind
    (statement, partial, title) and speaker: named, a pronoun or a role noun resolved to
    the person, or the speaker of the quote it continues. With a ``matcher``, speakers
    are linked to gazetteer entities, so ``Putin`` and ``President Vladimir Putin`` are
    one speaker.

    >>> from presswork import QuoteExtractor
    >>> text = "Foreign Minister Sergei Lavrov spoke. “We stand with France,” he said."
    >>> [(q.text, q.speaker, q.how) for q in QuoteExtractor().extract(text)]
    [('We stand with France,', 'Sergei Lavrov', 'pronoun')]
    """

    def __new__(
        cls,
        splitter: Splitter | None = None,
        matcher: EntityMatcher | None = None,
        *,
        nested: bool = False,
    ) -> QuoteExtractor:
        """Create an extractor.

        splitter: finds paragraphs and sentences (default: ``Splitter()``).
        matcher: links speakers to its gazetteer's entities.
        nested: also report quotes inside quotes (a quote within a statement is the
            speaker's words, so by default it is not reported on its own).
        """
    @property
    def splitter(self) -> Splitter: ...
    @property
    def matcher(self) -> EntityMatcher | None: ...
    @property
    def nested(self) -> bool: ...
    def extract(self, text: str) -> list[Quote]:
        """Quotes of ``text`` in document order (the GIL is released for 64 KiB and more)."""
    def extract_batch(self, texts: Iterable[str]) -> list[list[Quote]]:
        """Quotes of many documents, found in parallel with the GIL released."""
    def quote_columns(self, texts: Iterable[str]) -> dict[str, npt.NDArray[np.int64]]:
        """Quotes of many documents as numpy int64 columns, found in parallel.

        ``document``, ``start``, ``end``, ``paragraph``, ``sentence``, ``depth``,
        ``continues`` (0/1); ``kind``, ``cue`` and ``how`` as codes (see
        ``column_codes``; -1: no cue); ``verb_start``, ``verb_end``, ``mention_start``,
        ``mention_end``, ``speaker_start``, ``speaker_end`` (-1: none); ``entity`` (index
        in the matcher's gazetteer, -1: none).
        """
    @staticmethod
    def column_codes() -> dict[str, list[str]]:
        """The names of the codes of ``quote_columns``' ``kind``, ``cue`` and ``how``."""
    def quotes_frame(self, texts: object, *, keys: Iterable[object] | None = None) -> pd.DataFrame:
        """A pandas DataFrame with one row per quote (see ``presswork.frames.quotes_frame``)."""
    def __reduce__(self) -> tuple[object, ...]: ...

@final
class Pipeline:
    """The splitter, the entity matcher and the quote extractor over a corpus, giving
    linked tables (see ``presswork.pipeline``).

    >>> from presswork import Pipeline
    >>> analysis = Pipeline().analyze(['"We will help," Putin said.'])
    >>> analysis.quotes[["key", "text", "speaker"]].to_dict("records")
    [{'key': 0, 'text': 'We will help,', 'speaker': 'Putin'}]
    """

    def __new__(
        cls,
        splitter: Splitter | None = None,
        matcher: EntityMatcher | None = None,
        quotes: QuoteExtractor | None = None,
    ) -> Pipeline:
        """Create a pipeline. Each part is optional: ``splitter`` and ``matcher`` default to
        those of ``quotes`` (when given), else ``Splitter()`` and no matcher; ``quotes``
        gives its ``nested`` setting."""
    @property
    def splitter(self) -> Splitter: ...
    @property
    def matcher(self) -> EntityMatcher | None: ...
    @property
    def quotes(self) -> QuoteExtractor: ...
    def analyze(
        self,
        texts: str | pd.Series | Mapping[object, str | None] | Iterable[str | None],
        *,
        keys: Iterable[object] | None = None,
        progress: bool | None = None,
        chunk_size: int = 2048,
        paragraph_text: bool = False,
        threads: int | None = None,
    ) -> Analysis:
        """The linked tables of ``texts``: one text, a list, an iterator (read at most
        ``chunk_size`` documents and about 256k characters at a time, so a corpus larger
        than memory streams) or a Series (its index gives the keys; pandas' Arrow-backed
        strings are read in place, with no Python ``str`` per document).
        Documents run in parallel with the GIL released. ``None``/NaN documents become
        empty rows flagged ``missing``; a document that fails is reported in
        ``documents.error`` and the others finish. ``progress``: a tqdm bar (None: only
        when the work lasts over two seconds). ``paragraph_text``: give the paragraphs
        table a ``text`` column too (a second copy of nearly the whole corpus; the
        sentences, mentions and quotes always have theirs). ``threads``: run on a pool of
        that many threads (kept for the process' life, one per size asked for) instead of
        rayon's global pool (``RAYON_NUM_THREADS``, else every core): ``threads=1`` in
        each of many worker processes, say, or calls with different sizes side by side."""
    @staticmethod
    def boilerplate_kinds() -> list[str]:
        """The names of the codes of the ``boilerplate`` column."""
    def _table_builder(
        self,
        *,
        text: bool,
        paragraph_text: bool,
        documents: int = 0,
        chars: int = 0,
        codes: dict[str, np.ndarray] | None = None,
        threads: int | None = None,
    ) -> _TableBuilder:
        """A builder of the tables of one analysis (``text``: fill the string columns;
        ``documents``, ``chars``: the input's size where known, to reserve by;
        ``codes``: the gazetteer's categorical codes, to make the label columns by;
        ``threads``: the size of the pool to run on, None for rayon's global pool)."""

@final
class _TableBuilder:
    """The tables of one analysis, grown chunk by chunk (used by ``presswork.pipeline``)."""

    def run(
        self,
        chunks: Iterable[list[object]],
        on_chunk: Callable[[list[object]], object],
        is_missing: Callable[[object], bool],
        refuse: Callable[[int, object], BaseException],
    ) -> list[int]:
        """Analyse every chunk in order (``on_chunk(chunk)`` once its rows are in, chunk
        after chunk); the indices of the missing documents. The iterator and the
        callbacks are called with the GIL from whichever thread feeds the pool, one at a
        time. An item neither ``str`` nor missing raises ``refuse(index, item)``. Ctrl-C
        stops the run."""
    def finish(
        self,
    ) -> tuple[
        dict[str, dict[str, npt.NDArray[np.integer]]],
        dict[str, dict[str, dict[str, npt.NDArray[np.generic]]]],
        list[tuple[int, str]],
    ]:
        """The tables' integer columns by table: int32 (or int64) values, and the columns
        derived as they were appended (flags as uint8, list offsets, categorical codes in
        their width); their string columns by table and column, as Arrow large-string
        buffers (``offsets``, ``data``, ``valid``); and the documents that failed, as
        (index, reason)."""
