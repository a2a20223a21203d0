"""The presswork command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from presswork import sample_texts
from presswork.cli import main


def test_analyze_the_bundled_sample(capsys) -> None:
    assert main(["analyze"]) == 0
    out = capsys.readouterr().out
    assert "the bundled sample" in out
    for key in sample_texts():
        assert key in out
    assert "total" in out


def test_analyze_writes_the_sentence_table(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nDr. Ruiz spoke. She left.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "out"), "--threads", "1"]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "bad.txt" in captured.err
    table = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert table["text"].tolist() == ["Headline", "Dr. Ruiz spoke.", "She left."]


def test_usage_errors(tmp_path: Path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "missing")]) == 3
    assert "no such file" in capsys.readouterr().err
    assert main([]) == 2
    assert main(["analyze", "--threads", "0"]) == 2


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "presswork", "analyze", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "PATH" in result.stdout
