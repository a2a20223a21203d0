"""Read a corpus from disk into one DataFrame: a folder of text files, JSON Lines, CSV or Parquet.

Every document becomes one row of ``key``, ``text``, ``source`` and ``error``. A file,
line or row that cannot be read or decoded, or that has no usable text, is never
dropped and never stops the rest: it becomes a row whose ``error`` says why.
"""

from __future__ import annotations

import codecs
import io
import json
import os
from collections.abc import Callable, Container, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from presswork._core import PressworkTypeError, PressworkValueError

__all__ = ["read_corpus"]

COLUMNS = ["key", "text", "source", "error"]
TEXT_FIELDS = ("text", "content", "body", "article")
KEY_FIELDS = ("key", "id", "doc_id", "url")


class _Document(NamedTuple):
    """One row of the result; ``text`` is None exactly when ``error`` is set."""

    key: str
    text: str | None
    source: str
    error: str | None


class _Options(NamedTuple):
    """The reading options shared by every file of one call."""

    text_column: str | None
    key_column: str | None
    encoding: str
    encoding_name: str  # for messages: "UTF-8"


_FileReader = Callable[[bytes, Path, str, _Options], "list[_Document]"]


def read_corpus(
    path: str | os.PathLike[str],
    *,
    text_column: str | None = None,
    key_column: str | None = None,
    encoding: str = "utf-8",
    pattern: str = "*.txt",
    recursive: bool = False,
) -> pd.DataFrame:
    """Read the documents of a folder of text files, or of one text, JSONL, CSV or Parquet file.

    Returns a DataFrame with a RangeIndex and four object columns, in this order:

    - ``key`` (str): the document's key, unique within the result;
    - ``text`` (str, or None when the document has an error);
    - ``source`` (str): the file's path, followed by ``:line N`` for a JSON Lines
      document or ``:row N`` for a CSV or Parquet one (N counts from 1; CSV rows count
      the data rows, not the header);
    - ``error`` (None, or a short reason such as ``"not valid UTF-8 at byte 1234"``,
      ``"permission denied"``, ``"line 3: not valid JSON: ..."`` or
      ``"row 5: text is empty"``).

    ``frame.attrs["problems"]`` holds the number of rows with an error.

    What ``path`` may be:

    - a folder: every file in it matching ``pattern`` (``Path.glob``; ``Path.rglob``
      when ``recursive``), sorted by relative path, is one document keyed by its
      relative path without its suffix (``"2024/jan/story"``). With ``recursive``, a
      subfolder that cannot be listed is reported as a row keyed by its relative path.
      An empty folder gives an empty frame;
    - a ``.txt`` file: one document keyed by the file's stem;
    - a ``.jsonl`` or ``.ndjson`` file: one document per non-blank line, each line a
      JSON object;
    - a ``.csv`` or ``.parquet`` file: one document per row. CSV cells are read as
      text, so a cell holding ``NA`` is the text ``"NA"``.

    In JSON Lines, CSV and Parquet the text is the ``text_column`` field (or column)
    or else the first of ``text``, ``content``, ``body``, ``article`` present, and the
    key is the ``key_column`` field or else the first of ``key``, ``id``, ``doc_id``,
    ``url`` present; a document without a key is keyed ``"<stem>:<line or row>"``.
    Whole numbers stored as floats are written as integers (``3.0`` gives key ``"3"``).
    A file without the text column is one row keyed by its stem, with the error.

    Text is decoded with ``encoding`` and kept as it is in the file (no newline
    translation, so offsets into the text are offsets into the decoded file). A JSON
    Lines file that does not decode as a whole is decoded line by line, and only the
    bad lines are reported; byte positions in messages count from the start of the
    file. A document whose text is missing, empty or not a string is reported too.

    Keys are made unique: when a key is already taken, the later document gets the
    first free ``"<key>#2"``, ``"<key>#3"``, ... in reading order. Nothing else records
    the renaming.

    Files are read one at a time, each wholly into memory.

    Example (a folder of articles, some of them broken)::

        frame = read_corpus("articles", recursive=True)
        broken = frame[frame["error"].notna()]        # what could not be read, and why
        texts = frame.dropna(subset=["text"]).set_index("key")["text"]

    Raises:
        FileNotFoundError: ``path`` does not exist.
        PermissionError: ``path`` is a folder that cannot be listed.
        PressworkTypeError: an argument has the wrong type.
        PressworkValueError: ``path`` is a file with an unsupported suffix, or
            ``encoding`` is not a text encoding, or ``pattern`` is not a usable pattern.
    """
    corpus_path = _checked_path(path)
    _check_options_types(text_column, key_column, encoding, pattern, recursive)
    options = _Options(text_column, key_column, encoding, _encoding_name(encoding))
    if corpus_path.is_dir():
        documents = _folder_documents(corpus_path, pattern, recursive, options)
    else:
        reader = _reader_for_suffix(corpus_path)
        documents = _file_documents(corpus_path, corpus_path.stem, reader, options)
    return _documents_frame(_with_unique_keys(documents))


# --- arguments ---------------------------------------------------------------------


def _checked_path(path: object) -> Path:
    """``path`` as a Path, or PressworkTypeError / FileNotFoundError."""
    if not isinstance(path, (str, os.PathLike)):
        raise PressworkTypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    text_path = os.fspath(path)
    if not isinstance(text_path, str):
        raise PressworkTypeError(f"path must name a str path, not {type(text_path).__name__}")
    corpus_path = Path(text_path)
    if not corpus_path.exists():
        raise FileNotFoundError(f"no such file or folder: {text_path!r}")
    return corpus_path


def _check_options_types(
    text_column: object, key_column: object, encoding: object, pattern: object, recursive: object
) -> None:
    """Raise PressworkTypeError for an option of the wrong type."""
    for name, value in (("text_column", text_column), ("key_column", key_column)):
        if value is not None and not isinstance(value, str):
            raise PressworkTypeError(f"{name} must be a str or None, not {type(value).__name__}")
    for name, value in (("encoding", encoding), ("pattern", pattern)):
        if not isinstance(value, str):
            raise PressworkTypeError(f"{name} must be a str, not {type(value).__name__}")
    if not isinstance(recursive, bool):
        raise PressworkTypeError(f"recursive must be a bool, not {type(recursive).__name__}")


def _encoding_name(encoding: str) -> str:
    """The codec's name for messages (``"UTF-8"``), or PressworkValueError if unusable."""
    try:
        b"a".decode(encoding)  # empty input would skip the codec lookup
    except LookupError as error:
        raise PressworkValueError(f"unknown text encoding {encoding!r}") from error
    except UnicodeDecodeError:
        pass  # a real text encoding that cannot decode one byte alone (UTF-16)
    return codecs.lookup(encoding).name.upper()


def _reader_for_suffix(path: Path) -> _FileReader:
    """The reader for a single file, chosen by its suffix (case-insensitive)."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        supported = ", ".join(_READERS)
        raise PressworkValueError(
            f"cannot read {path.name!r}: unsupported suffix {path.suffix!r} "
            f"(supported: {supported}, or a folder of text files)"
        )
    return _READERS[suffix]


# --- folders and files -------------------------------------------------------------


def _folder_documents(
    folder: Path, pattern: str, recursive: bool, options: _Options
) -> list[_Document]:
    """One document per file matching ``pattern``, then one per unlistable subfolder."""
    with os.scandir(folder):  # an unlistable folder raises here instead of looking empty
        pass
    documents: list[_Document] = []
    for file_path in _matching_files(folder, pattern, recursive):
        key = file_path.relative_to(folder).with_suffix("").as_posix()
        documents.extend(_file_documents(file_path, key, _text_documents, options))
    if recursive:
        documents.extend(_unlistable_subfolders(folder))
    return documents


def _matching_files(folder: Path, pattern: str, recursive: bool) -> list[Path]:
    """The non-folder entries matching ``pattern``, sorted by path relative to ``folder``.

    Broken links are kept, so that they are reported rather than skipped.
    """
    try:
        matches = list(folder.rglob(pattern) if recursive else folder.glob(pattern))
    except (ValueError, NotImplementedError) as error:
        raise PressworkValueError(f"unusable pattern {pattern!r}: {error}") from error
    files = [match for match in matches if not match.is_dir()]
    return sorted(files, key=lambda match: match.relative_to(folder))


def _unlistable_subfolders(folder: Path) -> list[_Document]:
    """A document with the reason for each subfolder that ``rglob`` had to skip."""
    errors: list[OSError] = []
    for _ in os.walk(folder, onerror=errors.append):
        pass
    documents = []
    for error in errors:
        subfolder = Path(error.filename)
        key = subfolder.relative_to(folder).as_posix()
        reason = f"folder not readable: {_os_error_reason(error)}"
        documents.append(_Document(key, None, str(subfolder), reason))
    return sorted(documents, key=lambda document: Path(document.key))


def _file_documents(
    path: Path, key: str, reader: _FileReader, options: _Options
) -> list[_Document]:
    """The documents of one file, or one document with the reason it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [_Document(key, None, str(path), _os_error_reason(error))]
    return reader(data, path, key, options)


def _os_error_reason(error: OSError) -> str:
    """A short lower-case reason for an OSError: ``"permission denied"``."""
    if error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def _decode_error_reason(error: UnicodeDecodeError, options: _Options, offset: int = 0) -> str:
    """``"not valid UTF-8 at byte N"``, N counted from the start of the file."""
    return f"not valid {options.encoding_name} at byte {offset + error.start}"


# --- formats -----------------------------------------------------------------------


def _text_documents(data: bytes, path: Path, key: str, options: _Options) -> list[_Document]:
    """A text file: one document, its whole decoded content."""
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as error:
        return [_Document(key, None, str(path), _decode_error_reason(error, options))]
    return [_checked_document(key, text, str(path), where=None)]


def _jsonl_documents(data: bytes, path: Path, stem: str, options: _Options) -> list[_Document]:
    """A JSON Lines file: one document per non-blank line."""
    documents = []
    for number, line, decode_error in _decoded_lines(data, options):
        where = f"line {number}"
        source = f"{path}:{where}"
        fallback_key = f"{stem}:{number}"
        if decode_error is not None:
            documents.append(_Document(fallback_key, None, source, f"{where}: {decode_error}"))
        elif line.strip():
            documents.append(_jsonl_document(line, where, source, fallback_key, options))
    return documents


def _decoded_lines(data: bytes, options: _Options) -> Iterator[tuple[int, str, str | None]]:
    """``(line number, line, decode error)``, decoding line by line only if the whole fails."""
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError:
        pass
    else:
        for number, line in enumerate(text.split("\n"), start=1):
            yield number, line, None
        return
    offset = 0
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw_line.decode(options.encoding)
        except UnicodeDecodeError as error:
            yield number, "", _decode_error_reason(error, options, offset)
        else:
            yield number, line, None
        offset += len(raw_line) + 1


def _jsonl_document(
    line: str, where: str, source: str, fallback_key: str, options: _Options
) -> _Document:
    """The document of one JSON line, or one with the reason it has no text."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"{where}: not valid JSON: {error.msg} (column {error.colno})"
        return _Document(fallback_key, None, source, reason)
    if not isinstance(record, dict):
        reason = f"{where}: not a JSON object but {_json_kind(record)}"
        return _Document(fallback_key, None, source, reason)
    key_field = _chosen_field(record, options.key_column, KEY_FIELDS)
    key = _key_text(record[key_field] if key_field is not None else None, fallback_key)
    text_field = _chosen_field(record, options.text_column, TEXT_FIELDS)
    if text_field is None:
        reason = f"{where}: {_missing_field_reason(options.text_column, 'field')}"
        return _Document(key, None, source, reason)
    return _checked_document(key, record[text_field], source, where)


def _json_kind(value: Any) -> str:
    """The JSON name of a decoded value's type: ``"an array"``."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _csv_documents(data: bytes, path: Path, stem: str, options: _Options) -> list[_Document]:
    """A CSV file with a header row: one document per data row, every cell read as text."""
    try:
        text = data.decode(options.encoding)
    except UnicodeDecodeError as error:
        return [_Document(stem, None, str(path), _decode_error_reason(error, options))]
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except ValueError as error:  # pandas' ParserError and EmptyDataError included
        return [_Document(stem, None, str(path), f"not valid CSV: {error}")]
    return _table_documents(table, path, stem, options)


def _parquet_documents(data: bytes, path: Path, stem: str, options: _Options) -> list[_Document]:
    """A Parquet file: one document per row."""
    try:
        table = pd.read_parquet(io.BytesIO(data))
    except ImportError as error:
        return [_Document(stem, None, str(path), f"cannot read Parquet: {error}")]
    except Exception as error:  # the Parquet engine's own errors; one bad file stops nothing
        return [_Document(stem, None, str(path), f"not valid Parquet: {error}")]
    return _table_documents(table, path, stem, options)


def _table_documents(
    table: pd.DataFrame, path: Path, stem: str, options: _Options
) -> list[_Document]:
    """One document per row of a CSV or Parquet table."""
    text_column = _chosen_field(table.columns, options.text_column, TEXT_FIELDS)
    if text_column is None:
        reason = _missing_field_reason(options.text_column, "column")
        return [_Document(stem, None, str(path), reason)]
    key_column = _chosen_field(table.columns, options.key_column, KEY_FIELDS)
    texts = table[text_column].tolist()
    keys = table[key_column].tolist() if key_column is not None else [None] * len(texts)
    documents = []
    for number, (key_value, text_value) in enumerate(zip(keys, texts), start=1):
        key = _key_text(key_value, f"{stem}:{number}")
        documents.append(
            _checked_document(key, text_value, f"{path}:row {number}", f"row {number}")
        )
    return documents


_READERS: dict[str, _FileReader] = {
    ".txt": _text_documents,
    ".jsonl": _jsonl_documents,
    ".ndjson": _jsonl_documents,
    ".csv": _csv_documents,
    ".parquet": _parquet_documents,
}


# --- fields, keys and texts --------------------------------------------------------


def _chosen_field(available: Container[Any], wanted: str | None, defaults: tuple[str, ...]) -> Any:
    """``wanted`` if given (None when absent), else the first of ``defaults`` present."""
    if wanted is not None:
        return wanted if wanted in available else None
    return next((name for name in defaults if name in available), None)


def _missing_field_reason(wanted: str | None, noun: str) -> str:
    """``"no 'body' column"`` or ``"no text field (looked for 'text', ...)"``."""
    if wanted is not None:
        return f"no {wanted!r} {noun}"
    looked_for = ", ".join(repr(name) for name in TEXT_FIELDS)
    return f"no text {noun} (looked for {looked_for})"


def _is_missing(value: Any) -> bool:
    """True for None, NaN, pandas' NA and NaT."""
    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _key_text(value: Any, fallback: str) -> str:
    """A key value as text; ``fallback`` when it is missing or empty."""
    if _is_missing(value) or (isinstance(value, str) and not value):
        return fallback
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _checked_document(key: str, value: Any, source: str, where: str | None) -> _Document:
    """The document with its text, or with the reason the value is not usable text."""
    reason = _text_problem(value)
    if reason is None:
        return _Document(key, value, source, None)
    return _Document(key, None, source, reason if where is None else f"{where}: {reason}")


def _text_problem(value: Any) -> str | None:
    """Why ``value`` is not a document's text, or None if it is a non-empty str."""
    if _is_missing(value):
        return "text is missing"
    if not isinstance(value, str):
        return f"text is {type(value).__name__}, not str"
    if not value:
        return "text is empty"
    return None


# --- result ------------------------------------------------------------------------


def _with_unique_keys(documents: list[_Document]) -> list[_Document]:
    """The documents, a taken key replaced by the first free ``key#2``, ``key#3``, ..."""
    taken: set[str] = set()
    unique = []
    for document in documents:
        key = document.key
        number = 2
        while key in taken:
            key = f"{document.key}#{number}"
            number += 1
        taken.add(key)
        unique.append(document._replace(key=key))
    return unique


def _documents_frame(documents: list[_Document]) -> pd.DataFrame:
    """The result frame: object columns (None stays None), RangeIndex, problems counted."""
    index = pd.RangeIndex(len(documents))
    columns = {
        name: pd.Series(
            [getattr(document, name) for document in documents], index=index, dtype=object
        )
        for name in COLUMNS
    }
    frame = pd.DataFrame(columns, index=index)
    frame.attrs["problems"] = sum(document.error is not None for document in documents)
    return frame
