"""The presswork command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from presswork.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main


def test_the_bundled_sample_prints_who_said_what(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--top", "3"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("presswork: 6 documents from the bundled sample")
    assert "Entities mentioned most:" in out and "Speakers quoted most:" in out
    speakers = out.split("Speakers quoted most:")[1].strip().splitlines()
    assert len(speakers) == 3
    # Each line: a count, the speaker's canonical name, one of their quotes.
    count, rest = speakers[0].split(maxsplit=1)
    assert int(count) >= 2 and ": “" in rest


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    article = '"We stand with France," Putin said.\n\nPlease enter your comment!'
    (folder / "a.txt").write_text(article + "\n\n" + article.split("\n\n")[0], encoding="utf-8")
    (folder / "b.txt").write_text("Headline\n\nDr. Ruiz spoke. She left.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \x80")


@pytest.mark.parametrize("table_format", ["csv", "jsonl", "parquet"])
def test_a_folder_with_a_gazetteer_writes_five_tables(
    tmp_path: Path, table_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write_corpus(tmp_path / "corpus")
    gazetteer = tmp_path / "people.jsonl"
    gazetteer.write_text(
        json.dumps({"id": "putin", "name": "Vladimir Putin", "aliases": ["Putin"]}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["analyze", str(tmp_path / "corpus"), "--gazetteer", str(gazetteer)]
    assert main([*args, "--out", str(out), "--format", table_format, "--threads", "1"]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "bad.txt" in captured.err
    assert "1 repeated and 1 boilerplate paragraphs" in captured.out
    assert "1  Vladimir Putin: “We stand with France,”" in captured.out
    read = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True)}
    reader = read.get(table_format, pd.read_parquet)
    tables = {
        name: reader(out / f"{name}.{table_format}")
        for name in ("documents", "paragraphs", "sentences", "mentions", "quotes")
    }
    assert tables["documents"]["key"].tolist() == ["a", "b"]
    assert tables["sentences"]["text"].tolist()[-2:] == ["Dr. Ruiz spoke.", "She left."]
    assert tables["quotes"]["counted"].tolist() == [True, False]
    assert tables["quotes"]["entity_id"].tolist() == ["putin", "putin"]
    assert "text" not in tables["paragraphs"]
    assert main([*args, "--out", str(out), "--format", table_format, "--paragraph-text"]) == 0
    paragraphs = reader(out / f"paragraphs.{table_format}")
    assert paragraphs["text"].tolist()[-1] == "Dr. Ruiz spoke. She left."


def test_errors_have_exit_codes_and_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tmp_path / "missing")]) == EXIT_INPUT
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "name": "A"}\n{"id": "b", "aliases": 7}\n', encoding="utf-8")
    assert main(["analyze", "--gazetteer", str(bad)]) == EXIT_INPUT
    assert "line 2" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["analyze", str(empty)]) == EXIT_INPUT
    assert "no readable documents" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["analyze", "--out", str(blocker / "out")]) == EXIT_OUTPUT
    assert "cannot write" in capsys.readouterr().err
    assert main([]) == EXIT_USAGE
    assert main(["analyze", "--threads", "0"]) == EXIT_USAGE
    assert main(["analyze", "--threads", "100000"]) == EXIT_USAGE
    assert "--threads must be between 1 and" in capsys.readouterr().err
    assert main(["analyze", "--format", "xml"]) == EXIT_USAGE
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_help_and_a_closed_pipe() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "presswork", "analyze", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "PATH" in result.stdout and "exit codes" in result.stdout
    # `presswork analyze | head -1`: the reader leaves early; no traceback, exit 0.
    script = "import sys; from presswork.cli import main; sys.exit(main(['analyze']))"
    run = subprocess.run(
        f'{sys.executable} -c "{script}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.stdout.startswith("presswork: 6 documents")
    assert "Traceback" not in run.stderr
