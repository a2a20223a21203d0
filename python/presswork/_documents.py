"""The documents given to :meth:`presswork.Pipeline.analyze`, read in chunks.

A Series, a mapping, a list or a tuple is in memory already: its texts are cut into
chunks by slicing, and its keys are its index (or its keys, or positions) as they are.
Any other iterable is a stream: it is read a few chunks ahead (the table builder's
``_CHUNKS_IN_FLIGHT``) and its texts are not kept.
Nothing here makes a Python object per document beyond what the input has.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from presswork._core import PressworkTypeError, PressworkValueError, _text_lengths

__all__ = ["CHUNK_CHARS", "CHUNK_DOCUMENTS", "Documents", "is_missing"]

#: Documents per chunk: the core analyses a chunk at a time (its documents in parallel),
#: a stream is read a few chunks ahead, and the progress bar moves a chunk at a time.
CHUNK_DOCUMENTS = 2048

#: A chunk also ends once its documents reach this many code points: the core's working
#: tables (a few bytes per byte of text, kept from chunk to chunk) stay this small.
CHUNK_CHARS = 1 << 18


def is_missing(value: Any) -> bool:
    """Whether a document is missing: None, ``pd.NA`` or NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


class Documents:
    """The documents of an input: :meth:`chunks` gives their texts a chunk at a time,
    :meth:`keys` their keys once every chunk is read. ``count`` and ``chars`` are the
    number of documents and their code points in all (UTF-8 bytes for Arrow strings),
    where known (else None and 0)."""

    def __init__(self, texts: Any, keys: Iterable[Any] | None, chunk_size: int) -> None:
        if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
            raise PressworkValueError(f"chunk_size must be a positive int, not {chunk_size!r}")
        if isinstance(keys, str):
            raise PressworkTypeError("keys must be an iterable of keys, not a str")
        self._chunk_size = chunk_size
        self._values: list[Any] | None = None
        self._index: pd.Index | None = None
        self._stream: Iterator[Any] | None = None
        self._stream_keys: Iterator[Any] | None = None
        self._read_keys: list[Any] = []  # a stream's keys, when given
        self._read = 0  # documents read so far
        self._lengths = np.zeros(0, dtype=np.int64)  # in memory: each text's length
        self._arrow: Any = None  # a Series' Arrow strings, read without a `str` each
        self.count: int | None = None
        self.chars = 0
        if isinstance(texts, str):
            texts = [texts]
        if isinstance(texts, pd.DataFrame):
            raise PressworkTypeError(
                "texts must be a Series, a mapping or an iterable of str, not a DataFrame "
                "(pass one column: frame['text'])"
            )
        if isinstance(texts, (bytes, bytearray)):
            raise PressworkTypeError(
                "texts must be str or an iterable of str, not bytes (decode it first)"
            )
        arrow = _arrow_strings(texts) if isinstance(texts, pd.Series) else None
        if arrow is not None:
            self._arrow = arrow
            self._in_memory([], texts.index, keys, count=len(texts))
            self.chars = sum(chunk.buffers()[2].size for chunk in arrow.chunks if len(chunk))
        elif isinstance(texts, pd.Series):
            self._in_memory(texts.tolist(), texts.index, keys)
        elif isinstance(texts, Mapping):
            self._in_memory(list(texts.values()), pd.Index(list(texts.keys())), keys)
        elif isinstance(texts, (list, tuple)):
            self._in_memory(list(texts), pd.RangeIndex(len(texts)), keys)
        elif isinstance(texts, Iterable):
            self.count = len(texts) if hasattr(texts, "__len__") else None
            self._stream = iter(texts)
            self._stream_keys = iter(keys) if keys is not None else None
        else:
            raise PressworkTypeError(
                "texts must be a str, a Series, a mapping or an iterable of str, "
                f"not {type(texts).__name__}"
            )

    def _in_memory(
        self,
        values: list[Any],
        index: pd.Index,
        keys: Iterable[Any] | None,
        count: int | None = None,
    ) -> None:
        count = len(values) if count is None else count
        if keys is not None:
            index = pd.Index(list(keys))
            if len(index) != count:
                at = min(len(index), count)
                raise PressworkValueError(
                    f"keys and texts differ in number (from position {at}): "
                    f"{len(index)} keys for {count} texts"
                )
        self._values, self._index = values, _unique(index)
        self.count = count
        self._lengths = _text_lengths(values)  # 0 for what is not a str
        self.chars = int(self._lengths.sum())

    def chunks(self) -> Iterator[list[Any]]:
        """The texts, a chunk at a time: at most ``chunk_size`` documents and about
        :data:`CHUNK_CHARS` code points (a longer document makes a chunk of its own)."""
        if self._arrow is not None:
            yield from self._arrow_slices(self._arrow)
        elif self._values is not None:
            yield from self._slices(self._values)
        elif self._stream is not None:
            yield from self._from_stream(self._stream)

    def _slices(self, values: list[Any]) -> Iterator[list[Any]]:
        reached = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(self._lengths, out=reached[1:])
        for start, end in self._cuts(reached):
            self._read = end
            yield values[start:end]

    def _cuts(self, reached: np.ndarray) -> Iterator[tuple[int, int]]:
        """(start, end) of each chunk, from the sizes reached before each document."""
        start, count = 0, len(reached) - 1
        while start < count:
            # The first document that takes the chunk to CHUNK_CHARS is its last.
            full = int(np.searchsorted(reached, reached[start] + CHUNK_CHARS, side="left"))
            end = min(full, start + self._chunk_size, count)
            yield start, end
            start = end

    def _arrow_slices(self, arrow: Any) -> Iterator[ArrowChunk]:
        """Chunks of an Arrow string array, as views of its buffers: sizes count bytes."""
        read = 0
        for array in arrow.chunks:
            if len(array) == 0:
                continue
            wide = _pyarrow().types.is_large_string(array.type)
            validity, offsets_buffer, data_buffer = array.buffers()
            offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)
            # Buffers that went through a pickle (Dask, say) may sit at any address: the
            # core reads offsets aligned, so a misaligned view is copied (8 bytes a text).
            offsets = np.require(offsets[array.offset : array.offset + len(array) + 1], None, "AC")
            data = np.frombuffer(data_buffer, dtype=np.uint8)
            valid = array.is_valid().to_numpy(zero_copy_only=False) if array.null_count else None
            for start, end in self._cuts(offsets - offsets[0]):
                self._read = read + end
                part = None if valid is None else valid[start:end]
                yield ArrowChunk(offsets[start : end + 1], data, part)
            read += len(array)

    def _from_stream(self, stream: Iterator[Any]) -> Iterator[list[Any]]:
        batch: list[Any] = []
        chars = 0
        for text in stream:
            if self._stream_keys is not None:
                self._read_keys.append(self._next_key(self._stream_keys))
            self._read += 1
            batch.append(text)
            chars += len(text) if isinstance(text, str) else 0
            if len(batch) == self._chunk_size or chars >= CHUNK_CHARS:
                yield batch
                batch, chars = [], 0
        if self._stream_keys is not None and next(self._stream_keys, _END) is not _END:
            raise self._keys_mismatch()
        if batch:
            yield batch

    def _next_key(self, keys: Iterator[Any]) -> Any:
        key = next(keys, _END)
        if key is _END:
            raise self._keys_mismatch()
        return key

    def _keys_mismatch(self) -> PressworkValueError:
        return PressworkValueError(f"keys and texts differ in number (from position {self._read})")

    @property
    def read_count(self) -> int:
        """Documents read so far: every one once :meth:`chunks` is exhausted."""
        return self._read

    def keys(self) -> pd.Index:
        """The documents' keys (every chunk read), checked to be unique."""
        if self._index is not None:
            keys = self._index
        elif self._stream_keys is None:
            keys = pd.RangeIndex(self._read)
        else:
            keys = _unique(pd.Index(self._read_keys))
        return keys

    def refuse(self, position: int, text: Any) -> PressworkTypeError:
        """The error for the document at ``position``, which is neither text nor missing."""
        if self._index is not None:
            key = self._index[position]
        elif self._stream_keys is None:
            key = position
        else:
            key = self._read_keys[position]
        return PressworkTypeError(
            f"document {key!r} (position {position}) is {type(text).__name__}; expected str"
        )


_END = object()


class ArrowChunk:
    """A chunk of documents as views of an Arrow string array's buffers, which the core
    reads without a Python ``str`` per document: ``offsets`` (int32 or int64, one more
    than the documents, positions in ``data``), ``data`` (the UTF-8 bytes, uint8) and
    ``valid`` (bool per document, or None when none is missing)."""

    def __init__(self, offsets: np.ndarray, data: np.ndarray, valid: np.ndarray | None) -> None:
        self.offsets, self.data, self.valid = offsets, data, valid

    def __len__(self) -> int:
        return len(self.offsets) - 1


def _pyarrow() -> Any:
    import pyarrow

    return pyarrow


def _arrow_strings(series: pd.Series) -> Any:
    """The Series' texts as a ``pyarrow.ChunkedArray`` of strings when pandas keeps them
    so (its default ``str`` dtype, or an Arrow string dtype), else None."""
    dtype, array = series.dtype, series.array
    arrow_backed = (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow") or (
        isinstance(dtype, pd.ArrowDtype)
    )
    if not arrow_backed or not hasattr(array, "__arrow_array__"):
        return None
    try:
        arrow = array.__arrow_array__()
    except (ImportError, TypeError):
        return None
    types = _pyarrow().types
    kind = getattr(arrow, "type", None)
    is_text = kind is not None and (types.is_string(kind) or types.is_large_string(kind))
    return arrow if is_text and hasattr(arrow, "chunks") else None


def _unique(keys: pd.Index) -> pd.Index:
    if not keys.is_unique:
        duplicated = keys[keys.duplicated()].unique().tolist()[:5]
        raise PressworkValueError(f"document keys must be unique; repeated: {duplicated!r}")
    return keys
