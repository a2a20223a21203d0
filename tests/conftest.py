"""Shared fixtures: the sentence table (shared with the Rust tests) and the corpus path."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_TABLE = ROOT / "tests" / "data" / "sentences.txt"
CORPUS = Path(os.environ.get("PRESSWORK_CORPUS", ROOT.parent / "shared" / "corpus"))


@dataclass
class Case:
    """One case of tests/data/sentences.txt."""

    id: str
    text: str
    expected: list[str]
    options: dict[str, object] = field(default_factory=dict)


def unescape(line: str) -> str:
    """Decode the table's escapes: \\n, \\r, \\t and \\u{XXXX}."""
    line = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), line)
    return line.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t")


def load_cases(path: Path = SENTENCE_TABLE) -> list[Case]:
    """Parse the table with the same rules as src/split/tests.rs."""
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.startswith("### "):
            continue
        words = line[4:].split()
        options: dict[str, object] = {}
        for option in words[1:]:
            key, value = option.strip("[]").split("=")
            options[key] = value == "true" if key == "headlines" else value
        text_lines = []
        while lines[i] != "---":
            text_lines.append(unescape(lines[i]))
            i += 1
        i += 1
        expected = []
        while i < len(lines) and lines[i].strip() and not lines[i].startswith("### "):
            expected.append(unescape(lines[i]))
            i += 1
        cases.append(Case(words[0], "\n".join(text_lines), expected, options))
    return cases


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared news corpus beside the checkout; tests using it skip where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (set PRESSWORK_CORPUS to its folder)")
    return CORPUS
