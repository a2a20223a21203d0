"""Gazetteer construction from every input form, named row errors, save/load, pickling."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pandas as pd
import pytest

from presswork import Entity, Gazetteer, PressworkValueError

GAZETTEERS = Path(__file__).resolve().parent.parent / "python" / "presswork" / "data" / "gazetteers"

RECORDS = [
    {
        "id": "putin",
        "name": "Vladimir Putin",
        "type": "PERSON",
        "aliases": ["Putin"],
        "country": "RU",
    },
    {"id": "putin", "aliases": "President Putin"},
    {"id": "isis", "name": "Islamic State", "type": "ORG", "aliases": ["ISIS", "Daesh"]},
]


def test_from_records_merges_rows_of_one_id() -> None:
    g = Gazetteer.from_records(RECORDS)
    assert len(g) == 2
    assert g["putin"] == Entity(
        "putin", "Vladimir Putin", "PERSON", ["Putin", "President Putin"], {"country": "RU"}
    )
    assert g.alias_count == 6
    assert "isis" in g and "nobody" not in g and 5 not in g
    assert [e.id for e in g] == ["putin", "isis"]
    with pytest.raises(KeyError):
        g["nobody"]


def test_from_dict_uses_names_as_ids() -> None:
    g = Gazetteer.from_dict(
        {"Vladimir Putin": ["Putin"], "Kremlin": None, "ISIS": "Daesh"}, type="X"
    )
    assert [(e.id, e.aliases, e.type) for e in g] == [
        ("Vladimir Putin", ("Putin",), "X"),
        ("Kremlin", (), "X"),
        ("ISIS", ("Daesh",), "X"),
    ]


def test_from_frame_one_row_per_alias_and_per_entity() -> None:
    per_alias = pd.DataFrame(
        {
            "id": ["putin", "putin", "isis"],
            "name": ["Vladimir Putin", "Vladimir Putin", "Islamic State"],
            "type": ["PERSON", "PERSON", "ORG"],
            "aliases": ["Putin", "President Putin", None],
            "rank": [1, 1, math.nan],
        }
    )
    g = Gazetteer.from_frame(per_alias)
    assert g["putin"].aliases == ("Putin", "President Putin")
    assert g["putin"].extra == {"rank": 1} and g["isis"].extra == {}
    per_entity = pd.DataFrame(
        {"name": ["Vladimir Putin"], "aliases": [["Putin", "President Putin"]], "kind": ["PERSON"]}
    )
    g2 = Gazetteer.from_frame(per_entity, id=None, type="kind")
    assert g2["Vladimir Putin"].aliases == g["putin"].aliases
    assert g2["Vladimir Putin"].type == "PERSON"
    back = g.to_frame()
    assert list(back.columns[:5]) == ["id", "name", "type", "alias", "is_name"]
    assert back["alias"].tolist() == ["Vladimir Putin", "Putin", "President Putin", "Islamic State"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "a", "name": "A"}, {"name": "B"}], r"row 1: missing id"),
        ([{"id": "a", "aliases": ["ok", "  "]}], r"row 0: empty alias"),
        ([{"id": "a", "aliases": ["--"]}], r'row 0: alias "--" has no letter or digit'),
        ([{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], r"row 1: entity \"a\" has name"),
        ([{"id": "a", "type": "ORG"}, {"id": "a", "type": "GPE"}], r"row 1: .* has type"),
        (
            [{"id": "a", "aliases": 5}],
            r'row 0: field "aliases" \(aliases\) must be a str or a list of str',
        ),
        (
            [{"id": "a", "when": object()}],
            r'row 0: extra field "when" holds a value of type object',
        ),
    ],
)
def test_bad_rows_are_named(rows: list[dict[str, object]], message: str) -> None:
    with pytest.raises(PressworkValueError, match=message):
        Gazetteer.from_records(rows)


def test_bad_frame_row_names_its_index_label() -> None:
    frame = pd.DataFrame({"id": ["a", None], "name": ["A", "B"]}, index=["first", "second"])
    with pytest.raises(ValueError, match=r"row 1 \(index 'second'\): missing id"):
        Gazetteer.from_frame(frame)
    with pytest.raises(ValueError, match="no column 'id'"):
        Gazetteer.from_frame(frame.drop(columns="id"))
    with pytest.raises(TypeError, match="iterable of mappings"):
        Gazetteer.from_records({"a": 1})  # type: ignore[arg-type]


def test_ambiguous_alias_is_kept() -> None:
    g = Gazetteer.from_records(
        [
            {"id": "ga", "name": "Georgia"},
            {"id": "ge", "name": "Sakartvelo", "aliases": ["georgia"]},
        ]
    )
    assert g.ambiguous_aliases() == [("Georgia", ["ga", "ge"])]


def test_save_load_and_files(tmp_path: Path) -> None:
    g = Gazetteer.from_records(RECORDS)
    path = tmp_path / "g.jsonl"
    g.save(path)
    assert Gazetteer.read_jsonl(path).to_jsonl() == g.to_jsonl()
    csv = tmp_path / "g.csv"
    csv.write_text(
        "id,name,type,aliases,country\nputin,Vladimir Putin,PERSON,Putin|President Putin,RU\n"
    )
    assert Gazetteer.read_csv(csv)["putin"] == g["putin"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n{"id": "b", "aliases": [""]}\n')
    with pytest.raises(PressworkValueError, match=r"bad.jsonl: line 2: empty alias"):
        Gazetteer.read_jsonl(bad)
    with pytest.raises(OSError, match="missing.jsonl"):
        Gazetteer.read_jsonl(tmp_path / "missing.jsonl")


def test_pickle_round_trip() -> None:
    g = Gazetteer.from_records(RECORDS)
    again = pickle.loads(pickle.dumps(g))
    assert again.to_jsonl() == g.to_jsonl()
    assert pickle.loads(pickle.dumps(g["putin"])) == g["putin"]


@pytest.mark.parametrize("name", ["corpus.jsonl", "sample.jsonl"])
def test_bundled_gazetteers_load(name: str) -> None:
    g = Gazetteer.read_jsonl(GAZETTEERS / name)
    assert len(g) > 40
    assert all(e.type in {"PERSON", "ORG", "GPE", "LOC", "EVENT", "NORP"} for e in g)
    assert g.ambiguous_aliases() == []


def test_extra_fields_keep_the_order_the_rows_give() -> None:
    from presswork import Gazetteer

    rows = [
        '{"id": "a", "role": "r", "name": "A", "country": "c", "gender": "g"}',
        '{"id": "b", "name": "B", "party": "p"}',
    ]
    gazetteer = Gazetteer.from_jsonl("\n".join(rows))
    assert list(gazetteer["a"].extra) == ["role", "country", "gender"]
    # A table of any subset of the entities has every field, in the gazetteer's order.
    assert list(gazetteer._entity_table([1])) == [
        "id",
        "name",
        "type",
        "role",
        "country",
        "gender",
        "party",
    ]
