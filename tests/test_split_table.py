"""The shared table of tricky news cases, through the Python API."""

from __future__ import annotations

import pytest
from conftest import load_cases

from presswork import Splitter

CASES = load_cases()


def test_table_is_large() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case) -> None:
    splitter = Splitter(**case.options)
    sentences = splitter.sentences(case.text)
    assert [s.text for s in sentences] == case.expected
    for s in sentences:
        assert case.text[s.start : s.end] == s.text
