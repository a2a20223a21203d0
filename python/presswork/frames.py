"""pandas DataFrames from presswork results, built from numpy columns."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from presswork._core import (
    PressworkError,
    PressworkTypeError,
    PressworkValueError,
    _substrings,
)

if TYPE_CHECKING:
    from presswork._core import EntityMatcher, Gazetteer, QuoteExtractor, Splitter

__all__ = [
    "count_mentions",
    "gazetteer_frame",
    "gazetteer_from_frame",
    "mentions_frame",
    "quotes_frame",
    "sentences_frame",
]

SENTENCE_COLUMNS = ["key", "paragraph", "sentence", "start", "end", "text"]


def _keys_and_texts(texts: Any, keys: Iterable[Any] | None) -> tuple[pd.Index, list[Any]]:
    """Document keys and texts from a Series, a mapping or an iterable of texts."""
    if isinstance(texts, str):
        raise PressworkTypeError(
            "texts must be an iterable of str, not a str (wrap one text in a list)"
        )
    if isinstance(texts, pd.Series):
        index, values = texts.index, texts.tolist()
    elif isinstance(texts, Mapping):
        index, values = pd.Index(list(texts.keys())), list(texts.values())
    else:
        values = list(texts)
        index = pd.RangeIndex(len(values))
    if keys is not None:
        index = pd.Index(list(keys))
        if len(index) != len(values):
            raise PressworkValueError(f"{len(index)} keys given for {len(values)} texts")
    return index, values


def _name_bad_document(error: PressworkError, index: pd.Index, values: list[Any]) -> Exception:
    """Re-word a batch error so that it names the document's key, not its position."""
    for position, value in enumerate(values):
        if not isinstance(value, str):
            kind = "None" if value is None else type(value).__name__
            if isinstance(value, float) and np.isnan(value):
                kind = "NaN"
            return PressworkTypeError(
                f"document {index[position]!r} (position {position}) is {kind}; expected str"
            )
    return error


def sentences_frame(
    splitter: Splitter, texts: Any, keys: Iterable[Any] | None = None
) -> pd.DataFrame:
    """One row per sentence: ``key``, ``paragraph``, ``sentence``, ``start``, ``end``, ``text``.

    ``texts`` may be a pandas Series (its index gives the keys), a mapping of key to
    text, or any iterable of strings (keys are positions unless ``keys`` is given).
    Offsets are code points: ``texts[key][start:end] == text``.

    >>> from presswork import Splitter
    >>> frame = Splitter().sentences_frame({"a": "One. Two.", "b": "Three."})
    >>> frame[["key", "sentence", "text"]].to_dict("records")
    [{'key': 'a', 'sentence': 0, 'text': 'One.'}, {'key': 'a', 'sentence': 1, 'text': 'Two.'}, \
{'key': 'b', 'sentence': 0, 'text': 'Three.'}]
    """
    index, values = _keys_and_texts(texts, keys)
    try:
        columns = splitter.sentence_columns(values)
    except PressworkTypeError as error:
        raise _name_bad_document(error, index, values) from error
    documents = columns["document"]
    starts, ends = columns["start"], columns["end"]
    text = _substrings(values, documents, starts, ends)
    return pd.DataFrame(
        {
            "key": index.take(documents),
            "paragraph": columns["paragraph"],
            "sentence": columns["sentence"],
            "start": starts,
            "end": ends,
            "text": _text_column(text),
        },
        columns=SENTENCE_COLUMNS,
    )


# --------------------------------------------------------------------------- entities

MENTION_COLUMNS = [
    "key",
    "start",
    "end",
    "text",
    "alias",
    "entity_id",
    "name",
    "type",
    "ambiguous",
    "candidates",
]


def _pyarrow() -> ModuleType | None:
    """pyarrow when it is installed (the columns it makes need no Python object per row),
    else None: every caller has a plain-numpy way."""
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


#: pandas' string dtype backed by Arrow, for every text column pyarrow makes.
ARROW_STRING = pd.StringDtype("pyarrow", na_value=np.nan)


def _text_column(values: list[Any]) -> Any:
    """Strings (None for missing) as a column of pandas' string dtype, built by pyarrow
    when it is installed (twenty times faster than pandas' own conversion of Python
    strings), else an object array for pandas to infer from."""
    pa = _pyarrow()
    if pa is None:
        return _object_array(values)
    return pd.array(pa.array(values, type=pa.large_string()), dtype=ARROW_STRING)


def _object_array(values: list[Any]) -> np.ndarray:
    """A 1-d object array of ``values`` (tuples stay whole, unlike ``np.array``)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def mentions_frame(
    matcher: EntityMatcher, texts: Any, keys: Iterable[Any] | None = None
) -> pd.DataFrame:
    """One row per mention: ``key``, ``start``, ``end``, ``text``, ``alias``, ``entity_id``,
    ``name``, ``type``, ``ambiguous``, ``candidates``, then one column per extra field of
    the entities found.

    ``texts`` is a Series (its index gives the keys), a mapping or an iterable of strings.
    An ambiguous mention (an alias several entities share) has no ``entity_id``, ``name``
    or ``type`` (NA) and lists every candidate id in ``candidates``. Offsets are code
    points: ``texts[key][start:end] == text``.

    >>> from presswork import EntityMatcher, Gazetteer
    >>> matcher = EntityMatcher(Gazetteer.from_dict({"Vladimir Putin": ["Putin"]}))
    >>> matcher.mentions_frame(["PUTIN spoke."])[["key", "text", "entity_id"]].to_dict("records")
    [{'key': 0, 'text': 'PUTIN', 'entity_id': 'Vladimir Putin'}]
    """
    index, values = _keys_and_texts(texts, keys)
    try:
        columns = matcher.mention_columns(values)
    except PressworkTypeError as error:
        raise _name_bad_document(error, index, values) from error
    documents, starts, ends = columns["document"], columns["start"], columns["end"]
    text = _substrings(values, documents, starts, ends)
    frame = {
        "key": index.take(documents),
        "start": starts,
        "end": ends,
        "text": _text_column(text),
        **_mention_entities(matcher, columns["pattern"], columns["entity"]),
    }
    return pd.DataFrame(frame)


def _mention_entities(
    matcher: EntityMatcher, pattern: np.ndarray, entity: np.ndarray
) -> dict[str, Any]:
    """The columns ``alias``, ``entity_id``, ``name``, ``type``, ``ambiguous``,
    ``candidates`` and one per extra field, from the mentions' pattern and entity codes
    (entity -1: ambiguous). Labels are categoricals whose categories are all of the
    gazetteer's values (made once per matcher), so tables of different documents — the
    partitions of a Dask or Spark job — concatenate without losing their dtype."""
    labels = _labels_of(matcher)
    frame: dict[str, Any] = {
        "alias": labels.alias.take(pattern),
        **{name: labels.fields[field].take(entity) for name, field in _LABEL_COLUMNS},
        "ambiguous": entity < 0,
        "candidates": labels.candidates(pattern, entity),
    }
    return _with_extra_fields(labels, frame, entity)


def _mention_entities_made(
    matcher: EntityMatcher, entity: np.ndarray, made: dict[str, np.ndarray]
) -> dict[str, Any]:
    """The columns of :func:`_mention_entities` from what the pipeline's core made
    already: the label codes (``alias``, ``entity_id``, ``name``, ``type``),
    ``ambiguous`` (uint8), the candidates' ``candidate_offsets`` and
    ``candidate_entities``; ``entity`` for the extra fields."""
    labels = _labels_of(matcher)
    frame: dict[str, Any] = {
        "alias": labels.alias.of_codes(made["alias"]),
        **{name: labels.fields[field].of_codes(made[name]) for name, field in _LABEL_COLUMNS},
        "ambiguous": _bools(made["ambiguous"]),
        "candidates": labels.ids.lists(made["candidate_offsets"], made["candidate_entities"]),
    }
    return _with_extra_fields(labels, frame, entity)


def _with_extra_fields(
    labels: _Labels, frame: dict[str, Any], entity: np.ndarray
) -> dict[str, Any]:
    """``frame`` with a column per extra field of the gazetteer (``extra_`` before a
    name the frame has already)."""
    for field, values in labels.fields.items():
        if field not in ("id", "name", "type"):
            taken = field in frame or field in ("key", "start", "end", "text")
            frame[f"extra_{field}" if taken else field] = values.take(entity)
    return frame


class _Factorized:
    """Values factorized once: a code per position (-1: missing) and the categories."""

    def __init__(self, values: list[Any]) -> None:
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        # Codes in the integer type pandas gives categoricals of this many categories, so
        # a column's codes are taken without another conversion; position -1 (no value)
        # reads the -1 at the end.
        kind = next(t for t in (np.int8, np.int16, np.int32) if len(uniques) < np.iinfo(t).max)
        self.codes = np.append(codes, -1).astype(kind)
        self.categories = pd.Index(uniques, dtype=object)
        self.dtype = pd.CategoricalDtype(self.categories)

    def take(self, positions: np.ndarray) -> pd.Categorical:
        """The value at each position (-1: NA) as a categorical over every value (the
        codes are valid by construction: not checked again)."""
        return self.of_codes(self.codes.take(positions))

    def of_codes(self, codes: np.ndarray) -> pd.Categorical:
        """The categorical of ``codes`` (-1: NA), codes of these values made elsewhere
        (the core's, from :attr:`codes`): valid by construction, not checked again."""
        return pd.Categorical.from_codes(codes, dtype=self.dtype, validate=False)


class _Labels:
    """A matcher's labels, made once: per entity its id, name, type and extra fields;
    per pattern its alias and candidate entities."""

    def __init__(self, matcher: EntityMatcher) -> None:
        gazetteer = matcher.gazetteer
        table = gazetteer._entity_table(list(range(len(gazetteer))))
        self.fields = {field: _Factorized(values) for field, values in table.items()}
        self.ids = _EntityIds(table["id"])
        aliases, candidates = matcher._pattern_table(list(range(matcher.pattern_count)))
        self.alias = _Factorized(aliases)
        # Each pattern's candidates: entity indices, pattern after pattern.
        self._candidate_counts = np.fromiter(map(len, candidates), np.int64, len(candidates))
        self._candidate_first = np.cumsum(self._candidate_counts) - self._candidate_counts
        self._candidates = np.fromiter(itertools.chain.from_iterable(candidates), np.int32)

    def candidates(self, patterns: np.ndarray, entities: np.ndarray) -> Any:
        """Each mention's candidate ids, as a list column, from its pattern and its entity
        (-1: ambiguous, the pattern's candidates; otherwise that one entity)."""
        ambiguous = np.flatnonzero(entities < 0)
        spread = self._candidate_counts[patterns[ambiguous]]
        total = len(entities) + int(spread.sum()) - len(ambiguous)
        kind = np.int32 if total < np.iinfo(np.int32).max else np.int64
        if len(ambiguous) == 0:  # each mention its entity: the column is the list values
            return self.ids.lists(np.arange(len(entities) + 1, dtype=kind), entities)
        counts = np.ones(len(entities), dtype=np.int32)
        counts[ambiguous] = spread
        offsets = np.zeros(len(entities) + 1, dtype=kind)
        np.cumsum(counts, out=offsets[1:])
        values = np.repeat(entities.astype(np.int32, copy=False), counts)
        # Each ambiguous mention's candidates: where its values start, repeated over its
        # candidates, plus the candidate's place among them.
        within = np.arange(spread.sum()) - np.repeat(np.cumsum(spread) - spread, spread)
        first = self._candidate_first[patterns[ambiguous]]
        values[np.repeat(offsets[ambiguous], spread) + within] = self._candidates[
            np.repeat(first, spread) + within
        ]
        return self.ids.lists(offsets, values)


class _EntityIds:
    """A gazetteer's entity ids, to make list columns of entities from their indices."""

    def __init__(self, ids: list[Any]) -> None:
        self._ids = ids
        self._dictionary: Any = None

    def lists(self, offsets: np.ndarray, entities: np.ndarray) -> Any:
        """Row ``i`` is the ids of the entity indices ``entities[offsets[i]:offsets[i +
        1]]``: an Arrow ``list<dictionary<int32, string>>`` column whose dictionary is
        every id of the gazetteer (8 bytes per value, and tables of different documents
        share one type), or tuples in an object array without pyarrow."""
        pa = _pyarrow()
        if pa is None:
            ids = _object_array(self._ids)[entities]
            bounds = offsets.tolist()
            out = np.empty(len(offsets) - 1, dtype=object)
            for n in range(len(out)):
                out[n] = tuple(ids[bounds[n] : bounds[n + 1]])
            return out
        if self._dictionary is None:
            self._dictionary = pa.array(self._ids, type=pa.string())
        indices = pa.array(entities.astype(np.int32, copy=False))
        values = pa.DictionaryArray.from_arrays(indices, self._dictionary)
        if offsets[-1] < np.iinfo(np.int32).max:
            offsets = pa.array(offsets.astype(np.int32, copy=False))
            lists = pa.ListArray.from_arrays(offsets, values)
        else:
            lists = pa.LargeListArray.from_arrays(pa.array(offsets.astype(np.int64)), values)
        return pd.array(lists, dtype=pd.ArrowDtype(lists.type))


#: Labels of the matchers used last, by identity (the matcher is kept so its id is not
#: reused while cached).
_LABELS: dict[int, tuple[EntityMatcher, _Labels]] = {}


def _labels_of(matcher: EntityMatcher) -> _Labels:
    cached = _LABELS.get(id(matcher))
    if cached is not None and cached[0] is matcher:
        return cached[1]
    labels = _Labels(matcher)
    if len(_LABELS) >= 4:
        _LABELS.pop(next(iter(_LABELS)))
    _LABELS[id(matcher)] = (matcher, labels)
    return labels


def count_mentions(
    matcher: EntityMatcher, texts: Any, keys: Iterable[Any] | None = None
) -> pd.DataFrame:
    """Mentions per entity per document: ``key``, ``entity_id``, ``name``, ``type``,
    ``mentions`` and ``ambiguous`` (how many of those mentions were of an alias other
    entities share too: an ambiguous mention counts for every candidate).

    Rows are sorted by key, then by count (highest first).
    """
    frame = mentions_frame(matcher, texts, keys)
    exploded = frame[["key", "candidates", "ambiguous"]].explode("candidates")
    exploded = exploded.rename(columns={"candidates": "entity_id"})
    counts = (
        exploded.groupby(["key", "entity_id"], sort=False)
        .agg(mentions=("ambiguous", "size"), ambiguous=("ambiguous", "sum"))
        .reset_index()
    )
    gazetteer = matcher.gazetteer
    counts.insert(2, "name", [gazetteer[i].name for i in counts["entity_id"]])
    counts.insert(3, "type", [gazetteer[i].type for i in counts["entity_id"]])
    counts["ambiguous"] = counts["ambiguous"].astype("int64")
    order = counts.sort_values(["key", "mentions"], ascending=[True, False], kind="stable")
    return order.reset_index(drop=True)


def gazetteer_from_frame(
    frame: pd.DataFrame,
    *,
    id: str | None = "id",
    name: str = "name",
    type: str = "type",
    aliases: str = "aliases",
    alias_separator: str | None = None,
) -> Gazetteer:
    """A gazetteer from a DataFrame: one row per entity (``aliases`` a list, or a string
    split by ``alias_separator``) or one row per alias (rows with one id merge). Other
    columns are extra fields; missing cells (None, NaN) are left out. ``id=None``: ids
    are the names. Errors name the row and its index label.
    """
    from presswork._core import Gazetteer

    if not isinstance(frame, pd.DataFrame):
        raise PressworkTypeError(f"frame must be a pandas DataFrame, not {type_name(frame)}")
    required = id if id is not None else name
    if required not in frame.columns:
        raise PressworkValueError(
            f"the DataFrame has no column {required!r} (columns: {list(frame.columns)!r})"
        )
    columns = {str(c): frame[c].tolist() for c in frame.columns}
    return Gazetteer._from_columns(
        columns,
        frame.index.tolist(),
        id=id,
        name=name,
        type=type,
        aliases=aliases,
        alias_separator=alias_separator,
    )


def gazetteer_frame(gazetteer: Gazetteer) -> pd.DataFrame:
    """One row per name or alias: ``id``, ``name``, ``type``, ``alias``, ``is_name``, and
    one column per extra field."""
    table = gazetteer._entity_table(list(range(len(gazetteer))))
    entities = list(gazetteer)
    counts = [1 + len(e.aliases) for e in entities]
    rows = np.repeat(np.arange(len(entities)), counts)
    frame = {field: _object_array(values)[rows] for field, values in table.items()}
    alias = [a for e in entities for a in (e.name, *e.aliases)]
    frame = {
        "id": frame.pop("id"),
        "name": frame.pop("name"),
        "type": frame.pop("type"),
        "alias": _object_array(alias),
        "is_name": np.concatenate([[True] + [False] * (n - 1) for n in counts])
        if counts
        else np.array([], dtype=bool),
        **frame,
    }
    return pd.DataFrame(frame)


# --------------------------------------------------------------------------- quotes

QUOTE_COLUMNS = [
    "key",
    "start",
    "end",
    "text",
    "kind",
    "paragraph",
    "sentence",
    "speaker",
    "speaker_start",
    "speaker_end",
    "entity_id",
    "entity_name",
    "how",
    "mention",
    "mention_start",
    "mention_end",
    "verb",
    "verb_start",
    "verb_end",
    "cue",
    "depth",
    "continues",
]


def _slices(
    values: list[Any], documents: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """``values[d][s:e]`` per row as an object array; None where ``s`` is -1 (sliced by
    CPython in one call, 3.5 times faster than a Python loop over the rows)."""
    as_int64 = [np.asarray(a, dtype=np.int64) for a in (documents, starts, ends)]
    return _text_column(_substrings(values, *as_int64))


def _nullable(column: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An ``Int64`` array with NA where ``column`` is -1."""
    return pd.arrays.IntegerArray(column, column < 0)


#: The mentions' label columns made from the entity's code, and their gazetteer field.
_LABEL_COLUMNS = (("entity_id", "id"), ("name", "name"), ("type", "type"))


def _bools(column: np.ndarray) -> np.ndarray:
    """A 0/1 column as bools: the core's uint8 flags viewed (no copy), others cast."""
    return column.view(bool) if column.dtype == np.uint8 else column.astype(bool)


def _categories(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    """A categorical of ``names[code]`` per row, NA where the code is -1 (the codes are
    the core's, valid by construction: not checked again)."""
    return pd.Categorical.from_codes(codes, dtype=_categorical_dtype(tuple(names)), validate=False)


@functools.lru_cache(maxsize=64)
def _categorical_dtype(names: tuple[str, ...]) -> pd.CategoricalDtype:
    """The categorical dtype of ``names``, made once."""
    return pd.CategoricalDtype(list(names))


def quotes_frame(
    extractor: QuoteExtractor, texts: Any, keys: Iterable[Any] | None = None
) -> pd.DataFrame:
    """One row per quote, in document order.

    Columns: ``key``; ``start``, ``end``, ``text`` (the quote without its marks);
    ``kind`` (statement, partial, title); ``paragraph`` and ``sentence`` (indices in the
    document); ``speaker`` (the person as first named in full), ``speaker_start``,
    ``speaker_end``; ``entity_id`` and ``entity_name`` (the gazetteer entity, when the
    extractor has a matcher); ``how`` (named, pronoun, role, continuation, none);
    ``mention`` (the speaker as written in the cue: ``he``, ``the spokeswoman``) and its
    span; ``verb`` and its span; ``cue`` (how the cue stands to the quote); ``depth``
    and ``continues``. Offsets are code points (``texts[key][start:end] == text``);
    missing spans are NA. ``texts`` is a Series (its index gives the keys), a mapping or
    an iterable of strings.

    >>> from presswork import QuoteExtractor
    >>> text = 'Spokeswoman Irina Volk spoke. "No one was hurt," she said.'
    >>> frame = QuoteExtractor().quotes_frame([text])
    >>> frame[["text", "speaker", "how", "mention"]].to_dict("records")
    [{'text': 'No one was hurt,', 'speaker': 'Irina Volk', 'how': 'pronoun', 'mention': 'she'}]
    """
    index, values = _keys_and_texts(texts, keys)
    try:
        columns = extractor.quote_columns(values)
    except PressworkTypeError as error:
        raise _name_bad_document(error, index, values) from error
    return _quotes_from_columns(extractor, columns, index, values)


def _quotes_from_columns(
    extractor: QuoteExtractor,
    columns: dict[str, np.ndarray],
    index: pd.Index,
    values: list[Any],
    strings: dict[str, Any] | None = None,
    *,
    row_keys: pd.Index | None = None,
    numbers: np.ndarray | None = None,
    more: dict[str, Any] | None = None,
) -> pd.DataFrame:
    """The quotes frame of ``quote_columns``' columns (``values`` are the texts, ``index``
    their keys; ``strings``: the text, speaker, mention and verb columns when they are
    made already; ``row_keys``: each row's key when it is known already). The pipeline's
    extra columns go in the one constructor: ``numbers`` as ``quote`` after ``key``,
    ``more`` at the end."""
    codes = extractor.column_codes()
    documents = columns["document"]

    def text(name: str, starts: np.ndarray, ends: np.ndarray) -> Any:
        if strings is not None:
            return strings[name]
        return _slices(values, documents, starts, ends)

    def spans(name: str) -> dict[str, Any]:
        starts, ends = columns[f"{name}_start"], columns[f"{name}_end"]
        return {
            name: text(name, starts, ends),
            f"{name}_start": _nullable(starts),
            f"{name}_end": _nullable(ends),
        }

    entity = columns["entity"]
    matcher = extractor.matcher
    if matcher is not None:
        fields = _labels_of(matcher).fields
        if "entity_id" in columns:  # the codes the core made
            entity_id = fields["id"].of_codes(columns["entity_id"])
            entity_name = fields["name"].of_codes(columns["entity_name"])
        else:
            entity_id, entity_name = fields["id"].take(entity), fields["name"].take(entity)
    else:
        entity_id = entity_name = _Factorized([]).take(entity)
    frame = {
        "key": index.take(documents) if row_keys is None else row_keys,
        "start": columns["start"],
        "end": columns["end"],
        "text": text("text", columns["start"], columns["end"]),
        "kind": _categories(columns["kind"], codes["kind"]),
        "paragraph": columns["paragraph"],
        "sentence": columns["sentence"],
        **spans("speaker"),
        "entity_id": entity_id,
        "entity_name": entity_name,
        "how": _categories(columns["how"], codes["how"]),
        **spans("mention"),
        **spans("verb"),
        "cue": _categories(columns["cue"], codes["cue"]),
        "depth": columns["depth"],
        "continues": _bools(columns["continues"]),
        **(more or {}),
    }
    names = [*QUOTE_COLUMNS, *(more or {})]
    if numbers is not None:
        frame["quote"] = numbers
        names.insert(1, "quote")
    return pd.DataFrame(frame, columns=names, copy=False)


def type_name(value: object) -> str:
    return type(value).__name__
