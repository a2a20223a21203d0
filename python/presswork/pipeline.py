"""The pipeline's tables: a corpus analysed into linked pandas DataFrames.

:meth:`presswork.Pipeline.analyze` takes one text, a list, an iterator (read in chunks:
a corpus bigger than memory streams through) or a pandas Series (its index gives the
document keys) and returns an :class:`Analysis`: five DataFrames that share one key
scheme, ``key`` (the document) plus ``paragraph`` and ``sentence`` indices.

* ``documents``: one row per document: ``length`` (code points), counts of paragraphs,
  sentences, mentions and quotes, how many quotes count (``counted_quotes``: those
  outside repeated and boilerplate paragraphs), ``repeated_paragraphs``,
  ``boilerplate_paragraphs``, ``missing`` (the input was None or NaN) and ``error``.
* ``paragraphs``: span, ``repeat_of`` (the earlier paragraph it repeats) and
  ``boilerplate`` (comment_form, link, share, url); the text too with
  ``paragraph_text=True`` (nearly a second copy of the corpus, so only on request).
* ``sentences``; ``mentions`` (with the gazetteer entity, and ``quote``: the number of
  the quote it is inside among its document's quotes); ``quotes`` (``quote`` is that
  number; with the speaker's entity and the ``entities`` mentioned inside the quote).

Rows of repeated and boilerplate paragraphs are kept and flagged (``counted`` is False):
filter on it to count each quote once, while every offset still slices the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from presswork._core import _MAX_THREADS, PressworkTypeError, PressworkValueError
from presswork._documents import CHUNK_DOCUMENTS, Documents, is_missing
from presswork.frames import (
    ARROW_STRING,
    _bools,
    _categories,
    _EntityIds,
    _labels_of,
    _mention_entities_made,
    _nullable,
    _pyarrow,
    _quotes_from_columns,
    _slices,
)

if TYPE_CHECKING:
    import pyarrow as pa

    from presswork._core import Pipeline

__all__ = ["TABLES", "Analysis", "analyze"]

#: The tables of an analysis, in the order they link.
TABLES = ("documents", "paragraphs", "sentences", "mentions", "quotes")

#: With ``progress=None``, the bar appears once the work has taken this many seconds.
PROGRESS_DELAY = 2.0


class Analysis:
    """The linked tables of an analysed corpus: ``documents``, ``paragraphs``,
    ``sentences``, ``mentions`` and ``quotes`` (pandas DataFrames).

    ``analysis.arrow("quotes")`` gives a table as a ``pyarrow.Table``, which polars
    (``pl.from_arrow``) and duckdb read without copying; the analysis itself exports its
    quotes table through the Arrow PyCapsule interface (``__arrow_c_stream__``).
    """

    def __init__(self, tables: dict[str, pd.DataFrame]) -> None:
        self.documents: pd.DataFrame = tables["documents"]
        self.paragraphs: pd.DataFrame = tables["paragraphs"]
        self.sentences: pd.DataFrame = tables["sentences"]
        self.mentions: pd.DataFrame = tables["mentions"]
        self.quotes: pd.DataFrame = tables["quotes"]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in TABLES}

    def arrow(self, table: str) -> pa.Table:
        """The table named ``table`` as a ``pyarrow.Table`` (needs pyarrow)."""
        if table not in TABLES:
            raise PressworkValueError(f"table must be one of {TABLES}, not {table!r}")
        import pyarrow as pa

        frame = getattr(self, table)
        # Categorical and object columns convert as they are; keys become strings when
        # they mix types (Arrow columns have one type).
        frame = frame.assign(key=_arrow_keys(frame["key"]))
        table = pa.Table.from_pandas(frame, preserve_index=False)
        # pandas' own schema note names list columns in a form pandas cannot read back
        # from Parquet; the Arrow types alone restore every column.
        return table.replace_schema_metadata(None)

    def co_mentions(self, by: str = "sentence", *, counted: bool = True) -> pd.DataFrame:
        """Pairs of entities mentioned in the same sentence (``by="sentence"``), paragraph
        or document, and in how many of those units: ``entity_a``, ``entity_b`` (ids, a <
        b), ``name_a``, ``name_b``, ``units``; most frequent first. ``counted``: leave out
        repeated and boilerplate paragraphs.

        >>> from presswork import EntityMatcher, Gazetteer, Pipeline
        >>> matcher = EntityMatcher(Gazetteer.from_dict({"Paris": [], "Moscow": []}))
        >>> analysis = Pipeline(matcher=matcher).analyze(["Paris and Moscow. Moscow, Paris."])
        >>> analysis.co_mentions()[["name_a", "name_b", "units"]].to_dict("records")
        [{'name_a': 'Moscow', 'name_b': 'Paris', 'units': 2}]
        """
        units = {"sentence": ["key", "sentence"], "paragraph": ["key", "paragraph"]}
        units["document"] = ["key"]
        if by not in units:
            raise PressworkValueError(f"by must be one of {list(units)}, not {by!r}")
        mentions = self.mentions
        if counted:
            mentions = mentions[mentions["counted"]]
        columns = [*units[by], "entity_id"]
        if "name" in mentions:
            columns.append("name")
        found = mentions.dropna(subset=["entity_id"])[columns].astype({"entity_id": object})
        found = found.drop_duplicates(columns[: len(units[by]) + 1])
        pairs = found.merge(found, on=units[by], suffixes=("_a", "_b"))
        pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
        names = ["name_a", "name_b"] if "name_a" in pairs else []
        counts = (
            pairs.groupby(["entity_id_a", "entity_id_b", *names], observed=True)
            .size()
            .rename("units")
            .reset_index()
            .rename(columns={"entity_id_a": "entity_a", "entity_id_b": "entity_b"})
        )
        order = counts.sort_values(["units", "entity_a", "entity_b"], ascending=[False, True, True])
        return order.reset_index(drop=True)

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The quotes table as an Arrow C stream (the PyCapsule interface)."""
        return self.arrow("quotes").__arrow_c_stream__(requested_schema)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in TABLES)
        return f"<Analysis: {counts}>"


def _arrow_keys(keys: pd.Series) -> pd.Series:
    """Keys of one type: as they are when they share one, else as strings."""
    kinds = {type(k) for k in keys.head(10_000)}
    return keys if len(kinds) <= 1 else keys.map(str)


def _progress(enabled: bool | None, total: int | None) -> Any:
    """A tqdm bar over documents, or None (``enabled=None``: only on long work)."""
    if enabled is False:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if enabled:
            raise PressworkValueError("progress=True needs tqdm (pip install tqdm)") from None
        return None
    delay = 0.0 if enabled else PROGRESS_DELAY
    return tqdm(total=total, unit="doc", desc="presswork", delay=delay, leave=enabled is True)


def analyze(
    pipeline: Pipeline,
    texts: Any,
    *,
    keys: Iterable[Any] | None = None,
    progress: bool | None = None,
    chunk_size: int = CHUNK_DOCUMENTS,
    paragraph_text: bool = False,
    threads: int | None = None,
) -> Analysis:
    """The tables of ``texts`` (see :class:`Analysis`); the work of
    :meth:`presswork.Pipeline.analyze`."""
    if not isinstance(paragraph_text, bool):
        raise PressworkTypeError(f"paragraph_text must be a bool, not {paragraph_text!r}")
    if threads is not None:
        if not isinstance(threads, int) or isinstance(threads, bool):
            raise PressworkTypeError(f"threads must be an int or None, not {threads!r}")
        if not 1 <= threads <= _MAX_THREADS:
            raise PressworkValueError(
                f"threads must be between 1 and {_MAX_THREADS}, not {threads}"
            )
    documents = Documents(texts, keys, chunk_size)
    # With pyarrow the core fills the text columns; without, they are sliced from the
    # texts, which are then kept.
    with_arrow = _pyarrow() is not None
    builder = pipeline._table_builder(
        text=with_arrow,
        paragraph_text=paragraph_text,
        documents=documents.count or 0,
        chars=documents.chars,
        codes=_code_tables(pipeline),
        threads=threads,
    )
    bar = _progress(progress, documents.count)
    kept: list[Any] = []

    def on_chunk(chunk: list[Any]) -> None:
        if not with_arrow:
            kept.extend(chunk)
        if bar is not None:
            bar.update(len(chunk))

    try:
        missing = builder.run(documents.chunks(), on_chunk, is_missing, documents.refuse)
    finally:
        if bar is not None:
            bar.close()
    columns, strings, errors = builder.finish()
    flags = np.zeros(documents.read_count, dtype=bool)
    flags[missing] = True
    made = _Columns(columns, strings, dict(errors), paragraph_text)
    return _assemble(pipeline, documents.keys(), flags, kept, made)


def _code_tables(pipeline: Pipeline) -> dict[str, np.ndarray] | None:
    """The gazetteer's categorical codes (per pattern its alias', per entity its id's,
    name's and type's), for the core to make the label columns by; None without a
    matcher."""
    matcher = pipeline.matcher
    if matcher is None:
        return None
    labels = _labels_of(matcher)
    fields = ("id", "name", "type")
    return {"alias": labels.alias.codes, **{f: labels.fields[f].codes for f in fields}}


class _Columns:
    """What the core made of every chunk: the tables' numpy columns, their string
    columns as Arrow buffers, and the documents that failed (index: reason)."""

    def __init__(
        self,
        tables: dict[str, dict[str, np.ndarray]],
        strings: dict[str, dict[str, dict[str, np.ndarray]]],
        errors: dict[int, str],
        paragraph_text: bool,
    ) -> None:
        self.tables, self.strings, self.errors = tables, strings, errors
        self.paragraph_text = paragraph_text


def _assemble(
    pipeline: Pipeline, keys: pd.Index, missing: np.ndarray, values: list[Any], made: _Columns
) -> Analysis:
    """The DataFrames of the core's columns: ``keys`` and ``missing`` per document,
    ``values`` the texts (kept only without pyarrow, to slice the text columns from)."""
    if len(keys) == 0:
        return _empty(pipeline, made.paragraph_text)
    values = [v if isinstance(v, str) else "" for v in values]
    columns = made.tables
    kinds = pipeline.boilerplate_kinds()
    documents = columns["documents"]
    error = np.full(len(keys), None, dtype=object)
    for n, reason in made.errors.items():
        error[n] = reason
    documents_frame = pd.DataFrame(
        {
            "key": keys,
            # The core's counts, in its order (its `document` and `failed` aside).
            **{n: c for n, c in documents.items() if n not in ("document", "failed")},
            "missing": missing,
            "error": error,
        },
        copy=False,
    )

    # The core's columns that only serve to make others (document indices, entity
    # indices, list offsets and values) are popped as they are used, so that each is
    # freed before the columns made after it are allocated.
    def key_of(table: dict[str, np.ndarray]) -> pd.Index:
        documents = table["document"]  # int64 positions
        if isinstance(keys, pd.RangeIndex) and keys.step == 1:
            # The positions are the keys (plus the first key): no gather, often no copy.
            return pd.Index(documents + keys.start if keys.start else documents, copy=False)
        return keys.take(documents)

    def texts_of(table: str, column: str = "text") -> Any:
        return _string_column(made.strings, table, column, values, columns[table])

    p = columns["paragraphs"]
    paragraph_columns = {
        "key": key_of(p),
        "paragraph": p["paragraph"],
        "start": p["start"],
        "end": p["end"],
    }
    if made.paragraph_text:
        paragraph_columns["text"] = texts_of("paragraphs")
    paragraph_columns["repeat_of"] = _nullable(p["repeat_of"])
    paragraph_columns["boilerplate"] = _categories(p.pop("boilerplate"), kinds)
    paragraphs = pd.DataFrame(paragraph_columns, copy=False)
    s = columns["sentences"]
    sentences = pd.DataFrame(
        {
            "key": key_of(s),
            "paragraph": s["paragraph"],
            "sentence": s["sentence"],
            "start": s["start"],
            "end": s["end"],
            "text": texts_of("sentences"),
            "counted": _bools(s.pop("counted")),
        },
        copy=False,
    )
    del p["document"], s["document"]
    m = columns["mentions"]
    matcher = pipeline.matcher
    mention_keys = key_of(m)
    m["candidate_entities"] = columns.pop("mention_candidates")["entity"]
    entities = (
        _mention_entities_made(matcher, m.pop("entity"), m)
        if matcher is not None
        else {"entity_id": np.full(len(mention_keys), None, dtype=object)}
    )
    mentions = pd.DataFrame(
        {
            "key": mention_keys,
            "paragraph": m["paragraph"],
            "sentence": m["sentence"],
            "start": m["start"],
            "end": m["end"],
            "text": texts_of("mentions"),
            **entities,
            "quote": _nullable(m["quote"]),
            "counted": _bools(m.pop("counted")),
        },
        copy=False,
    )
    del mention_keys, entities, m["document"]
    q = columns["quotes"]
    quotes = _quotes_from_columns(
        pipeline.quotes,
        q,
        keys,
        values,
        strings={name: texts_of("quotes", name) for name in ("text", "speaker", "mention", "verb")},
        row_keys=key_of(q),
        # The quote's place among its document's quotes: what ``mentions.quote`` refers to.
        numbers=q.pop("quote"),
        more={
            "counted": _bools(q.pop("counted")),
            "entities": _entities_inside(pipeline, q.pop("entity_offsets"), columns),
        },
    )
    return Analysis(
        {
            "documents": documents_frame,
            "paragraphs": paragraphs,
            "sentences": sentences,
            "mentions": mentions,
            "quotes": quotes,
        }
    )


def _string_column(
    strings: dict[str, dict[str, dict[str, np.ndarray]]],
    table: str,
    column: str,
    values: list[str],
    numbers: dict[str, np.ndarray],
) -> Any:
    """A string column of ``table``: pyarrow wraps the UTF-8 buffers the core filled
    (no Python ``str`` per row); without pyarrow, the spans are sliced from the texts."""
    pa = _pyarrow()
    if pa is None:
        prefix = "" if column == "text" else f"{column}_"
        starts, ends = numbers[f"{prefix}start"], numbers[f"{prefix}end"]
        return _slices(values, numbers["document"], starts, ends)
    buffers = strings[table][column]
    valid = buffers["valid"]
    bitmap = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    offsets, data = pa.py_buffer(buffers["offsets"]), pa.py_buffer(buffers["data"])
    array = pa.LargeStringArray.from_buffers(len(valid), offsets, data, bitmap)
    return pd.array(array, dtype=ARROW_STRING)


def _entities_inside(
    pipeline: Pipeline, offsets: np.ndarray, columns: dict[str, dict[str, np.ndarray]]
) -> Any:
    """Per quote, the ids of the distinct entities mentioned inside it, in the order of
    their first mention (ambiguous mentions left out): a list column of the core's entity
    indices, those from ``offsets[i]`` to ``offsets[i + 1]`` for quote ``i``."""
    entities = columns.pop("quote_entities")["entity"]
    matcher = pipeline.matcher
    ids = _labels_of(matcher).ids if matcher is not None else _EntityIds([])
    return ids.lists(offsets, entities)


def _empty(pipeline: Pipeline, paragraph_text: bool) -> Analysis:
    """The tables of no documents: the columns, no rows."""
    one = analyze(pipeline, [""], progress=False, paragraph_text=paragraph_text)
    return Analysis({name: frame.iloc[0:0] for name, frame in one.tables().items()})
