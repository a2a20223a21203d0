"""read_corpus: folders of text files, JSON Lines, CSV and Parquet into one DataFrame.

Every broken file, line or row must come back as a row with its reason, never be
dropped and never stop the rest; the expected frames are spelled out in full.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import presswork
from presswork.corpus import read_corpus

COLUMNS = ["key", "text", "source", "error"]

as_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root can read files and folders whatever their mode",
)


def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The frame's rows as (key, text, source, error) tuples, None kept as None."""
    assert list(frame.columns) == COLUMNS
    return list(frame.itertuples(index=False, name=None))


def check_shape(frame: pd.DataFrame, problems: int) -> None:
    """RangeIndex, object columns and the problem count."""
    assert isinstance(frame.index, pd.RangeIndex)
    assert frame.index.equals(pd.RangeIndex(len(frame)))
    assert [str(dtype) for dtype in frame.dtypes] == ["object"] * len(COLUMNS)
    assert frame.attrs["problems"] == problems


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- folders and text files --------------------------------------------------------


def test_folder_reports_an_undecodable_file_and_reads_the_others(tmp_path: Path) -> None:
    write_bytes(tmp_path / "a.txt", b"Alpha text.\r\nSecond line.")
    write_bytes(tmp_path / "b.txt", b"caf\xc3\xa9 \xff bad")
    write_bytes(tmp_path / "c.txt", "Gamma \u2014 text.".encode())
    write_bytes(tmp_path / "notes.md", b"not matched by *.txt")

    frame = read_corpus(tmp_path)

    assert rows(frame) == [
        ("a", "Alpha text.\r\nSecond line.", str(tmp_path / "a.txt"), None),
        ("b", None, str(tmp_path / "b.txt"), "not valid UTF-8 at byte 6"),
        ("c", "Gamma \u2014 text.", str(tmp_path / "c.txt"), None),
    ]
    check_shape(frame, problems=1)


def test_folder_with_another_encoding_and_pattern(tmp_path: Path) -> None:
    write_bytes(tmp_path / "x.md", "na\u00efve".encode("latin-1"))
    write_bytes(tmp_path / "y.txt", b"skipped")

    frame = read_corpus(str(tmp_path), encoding="latin-1", pattern="*.md")

    assert rows(frame) == [("x", "na\u00efve", str(tmp_path / "x.md"), None)]
    check_shape(frame, problems=0)


def test_empty_text_file_is_a_problem(tmp_path: Path) -> None:
    write_bytes(tmp_path / "empty.txt", b"")

    frame = read_corpus(tmp_path)

    assert rows(frame) == [("empty", None, str(tmp_path / "empty.txt"), "text is empty")]
    check_shape(frame, problems=1)


@as_root
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    write_bytes(tmp_path / "a.txt", b"readable")
    locked = write_bytes(tmp_path / "b.txt", b"locked")
    locked.chmod(0)
    try:
        frame = read_corpus(tmp_path)
    finally:
        locked.chmod(0o644)

    assert rows(frame) == [
        ("a", "readable", str(tmp_path / "a.txt"), None),
        ("b", None, str(locked), "permission denied"),
    ]
    check_shape(frame, problems=1)


@as_root
def test_unlistable_subfolder_is_reported_when_recursive(tmp_path: Path) -> None:
    write_bytes(tmp_path / "a.txt", b"readable")
    locked = tmp_path / "locked"
    write_bytes(locked / "hidden.txt", b"never seen")
    locked.chmod(0)
    try:
        frame = read_corpus(tmp_path, recursive=True)
    finally:
        locked.chmod(0o755)

    assert rows(frame) == [
        ("a", "readable", str(tmp_path / "a.txt"), None),
        ("locked", None, str(locked), "folder not readable: permission denied"),
    ]
    check_shape(frame, problems=1)


def test_recursive_reads_nested_folders_sorted_by_relative_path(tmp_path: Path) -> None:
    write_bytes(tmp_path / "top.txt", b"top")
    write_bytes(tmp_path / "2024" / "jan" / "story.txt", b"january")
    write_bytes(tmp_path / "2024" / "feb.txt", b"february")
    write_bytes(tmp_path / "a-b.txt", b"dash")

    nested = read_corpus(tmp_path, recursive=True)
    flat = read_corpus(tmp_path)

    assert rows(nested) == [
        ("2024/feb", "february", str(tmp_path / "2024" / "feb.txt"), None),
        ("2024/jan/story", "january", str(tmp_path / "2024" / "jan" / "story.txt"), None),
        ("a-b", "dash", str(tmp_path / "a-b.txt"), None),
        ("top", "top", str(tmp_path / "top.txt"), None),
    ]
    assert rows(flat) == [
        ("a-b", "dash", str(tmp_path / "a-b.txt"), None),
        ("top", "top", str(tmp_path / "top.txt"), None),
    ]
    check_shape(nested, problems=0)


def test_single_text_file_is_one_document_keyed_by_its_stem(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "Story One.TXT", b"One story.\n")

    frame = read_corpus(path)

    assert rows(frame) == [("Story One", "One story.\n", str(path), None)]
    check_shape(frame, problems=0)


@pytest.mark.parametrize("pattern", ["*.txt", "*.none"])
def test_empty_folder_or_no_match_gives_an_empty_frame(tmp_path: Path, pattern: str) -> None:
    write_bytes(tmp_path / "sub" / "deep.txt", b"not at the top")

    frame = read_corpus(tmp_path, pattern=pattern)

    assert rows(frame) == []
    check_shape(frame, problems=0)


def test_bundled_sample_folder_matches_sample_texts() -> None:
    texts = presswork.sample_texts()
    with resources.as_file(resources.files("presswork") / "data" / "sample") as folder:
        frame = read_corpus(folder)

    assert frame["key"].tolist() == sorted(texts)
    assert frame["text"].tolist() == [texts[key] for key in sorted(texts)]
    assert frame["error"].tolist() == [None] * len(texts)
    check_shape(frame, problems=0)


# --- JSON Lines ----------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        b'{"id": "doc-1", "text": "First."}',
        b"",
        b"{not json",
        b'{"id": "doc-4", "title": "no text field"}',
        b'{"text": 42}',
        b'{"id": "doc-6", "text": "caf\xe9"}',
        b'{"text": null, "key": "doc-7"}',
        b"[1, 2]",
        b'{"id": 9, "text": "Ninth.", "body": "ignored"}\r',
        b"   ",
    ]
    path = write_bytes(tmp_path / "news.jsonl", b"\n".join(lines) + b"\n")

    frame = read_corpus(path)

    assert rows(frame) == [
        ("doc-1", "First.", f"{path}:line 1", None),
        (
            "news:3",
            None,
            f"{path}:line 3",
            "line 3: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        ),
        (
            "doc-4",
            None,
            f"{path}:line 4",
            "line 4: no text field (looked for 'text', 'content', 'body', 'article')",
        ),
        ("news:5", None, f"{path}:line 5", "line 5: text is int, not str"),
        ("news:6", None, f"{path}:line 6", "line 6: not valid UTF-8 at byte 128"),
        ("doc-7", None, f"{path}:line 7", "line 7: text is missing"),
        ("news:8", None, f"{path}:line 8", "line 8: not a JSON object but an array"),
        ("9", "Ninth.", f"{path}:line 9", None),
    ]
    check_shape(frame, problems=6)


def test_jsonl_default_fields_in_order_of_preference(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path / "feed.ndjson",
        b'{"url": "u1", "doc_id": "d1", "article": "A.", "body": "B."}\n'
        b'{"url": "u2", "content": "C.", "text": ""}\n',
    )

    frame = read_corpus(path)

    assert rows(frame) == [
        ("d1", "B.", f"{path}:line 1", None),
        ("u2", None, f"{path}:line 2", "line 2: text is empty"),
    ]


def test_jsonl_text_and_key_columns(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path / "feed.jsonl",
        b'{"url": "u1", "text": "T1", "summary": "S1"}\n{"text": "T2"}\n',
    )

    frame = read_corpus(path, text_column="summary", key_column="url")

    assert rows(frame) == [
        ("u1", "S1", f"{path}:line 1", None),
        ("feed:2", None, f"{path}:line 2", "line 2: no 'summary' field"),
    ]
    check_shape(frame, problems=1)


# --- CSV and Parquet -----------------------------------------------------------------


def test_csv_empty_cell_is_a_problem_and_na_is_text(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path / "table.csv",
        b'id,text\nr1,"Hello, world."\nr2,\nr3,NA\n,"multi\nline"\n',
    )

    frame = read_corpus(path)

    assert rows(frame) == [
        ("r1", "Hello, world.", f"{path}:row 1", None),
        ("r2", None, f"{path}:row 2", "row 2: text is empty"),
        ("r3", "NA", f"{path}:row 3", None),
        ("table:4", "multi\nline", f"{path}:row 4", None),
    ]
    check_shape(frame, problems=1)


@pytest.mark.parametrize(
    ("data", "options", "error"),
    [
        (
            b"id,title\n1,x\n",
            {},
            "no text column (looked for 'text', 'content', 'body', 'article')",
        ),
        (b"id,text\n1,x\n", {"text_column": "body"}, "no 'body' column"),
        (b"id,text\n1,caf\xe9\n", {}, "not valid UTF-8 at byte 13"),
        (b"", {}, "not valid CSV: No columns to parse from file"),
    ],
)
def test_csv_whole_file_problem_is_one_row(
    tmp_path: Path, data: bytes, options: dict[str, Any], error: str
) -> None:
    path = write_bytes(tmp_path / "table.csv", data)

    frame = read_corpus(path, **options)

    assert rows(frame) == [("table", None, str(path), error)]
    check_shape(frame, problems=1)


def test_parquet_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "docs.parquet"
    pd.DataFrame(
        {
            "doc_id": pd.array([10, None, 12], dtype="Int64"),
            "content": ["Ten.", "Eleven.", None],
        }
    ).to_parquet(path)

    frame = read_corpus(path)

    assert rows(frame) == [
        ("10", "Ten.", f"{path}:row 1", None),
        ("docs:2", "Eleven.", f"{path}:row 2", None),
        ("12", None, f"{path}:row 3", "row 3: text is missing"),
    ]
    check_shape(frame, problems=1)


def test_parquet_non_text_column_is_reported_per_row(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "numbers.parquet"
    pd.DataFrame({"text": [1, 2]}).to_parquet(path)

    frame = read_corpus(path)

    assert frame["error"].tolist() == ["row 1: text is int, not str", "row 2: text is int, not str"]
    assert frame["text"].tolist() == [None, None]


def test_bad_parquet_file_is_one_row(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "broken.parquet", b"not parquet at all")

    frame = read_corpus(path)

    assert rows(frame)[0][:3] == ("broken", None, str(path))
    assert frame["error"][0].startswith("not valid Parquet: ")
    check_shape(frame, problems=1)


# --- keys ----------------------------------------------------------------------------


def test_duplicate_keys_get_suffixes(tmp_path: Path) -> None:
    path = write_bytes(
        tmp_path / "dups.jsonl",
        b'{"id": "a", "text": "1"}\n'
        b'{"id": "a#2", "text": "2"}\n'
        b'{"id": "a", "text": "3"}\n'
        b'{"id": "a", "text": "4"}\n'
        b'{"id": "b", "text": "5"}\n',
    )

    frame = read_corpus(path)

    assert frame["key"].tolist() == ["a", "a#2", "a#3", "a#4", "b"]
    assert frame["text"].tolist() == ["1", "2", "3", "4", "5"]
    check_shape(frame, problems=0)


def test_same_stem_in_a_folder_gets_a_suffix(tmp_path: Path) -> None:
    write_bytes(tmp_path / "story.md", b"markdown")
    write_bytes(tmp_path / "story.txt", b"plain")

    frame = read_corpus(tmp_path, pattern="story.*")

    assert frame["key"].tolist() == ["story", "story#2"]
    assert frame["text"].tolist() == ["markdown", "plain"]


# --- wrong arguments -----------------------------------------------------------------


def test_nonexistent_path_raises_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "corpus.jsonl"
    with pytest.raises(FileNotFoundError, match="nowhere/corpus.jsonl"):
        read_corpus(missing)


def test_unsupported_suffix_raises_value_error(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "book.docx", b"PK")
    with pytest.raises(presswork.PressworkValueError) as raised:
        read_corpus(path)
    assert str(raised.value) == (
        "cannot read 'book.docx': unsupported suffix '.docx' "
        "(supported: .txt, .jsonl, .ndjson, .csv, .parquet, or a folder of text files)"
    )
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("encoding", ["no-such-codec", "rot13"])
def test_unknown_encoding_raises_value_error(tmp_path: Path, encoding: str) -> None:
    with pytest.raises(presswork.PressworkValueError) as raised:
        read_corpus(tmp_path, encoding=encoding)
    assert str(raised.value) == f"unknown text encoding {encoding!r}"


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        (42, {}, "path must be a str or os.PathLike, not int"),
        (None, {}, "path must be a str or os.PathLike, not NoneType"),
        (b"corpus", {}, "path must be a str or os.PathLike, not bytes"),
        (".", {"text_column": 1}, "text_column must be a str or None, not int"),
        (".", {"key_column": ["id"]}, "key_column must be a str or None, not list"),
        (".", {"encoding": None}, "encoding must be a str, not NoneType"),
        (".", {"pattern": 3}, "pattern must be a str, not int"),
        (".", {"recursive": "yes"}, "recursive must be a bool, not str"),
    ],
)
def test_wrong_type_raises_type_error(
    path: object, options: dict[str, object], message: str
) -> None:
    with pytest.raises(presswork.PressworkTypeError) as raised:
        read_corpus(path, **options)  # type: ignore[arg-type]
    assert str(raised.value) == message
    assert isinstance(raised.value, TypeError)
