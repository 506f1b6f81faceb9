"""OCD JSON: OCDEP 20's own samples are read and written back unchanged; exports are one document per line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from calaccess.ocd import OcdValidationError, ocd_json
from calaccess.ocd.ocd_json import export_ocd_json, from_json, to_json
from calaccess.ocd.records import read_records
from calaccess.ocd.types import TYPES
from tests.ocd.conftest import IDS


def ocdep20_sample(shared_dir: Path, heading: str) -> dict[str, Any]:
    """The sample document under `Sample <heading>` in OCDEP 20's text.

    The samples are not strict JSON: one has a trailing comma, two miss a comma between keys. Only that
    punctuation is repaired here; every key and value is read as the proposal prints it.
    """
    text = (shared_dir / "ocd" / "OCDEP-20-elections.txt").read_text(encoding="utf-8")
    start = text.index(f"Sample {heading}¶")
    body = text[text.index("{", start) : text.index("Mapping to VIP", start)]
    body = body[: body.rindex("}") + 1]
    body = re.sub(r",(\s*[}\]])", r"\1", body)
    body = re.sub(r'(["\d\]}]|true|false|null)\s*\n(\s*")', r"\1,\n\2", body)
    document: dict[str, Any] = json.loads(body)
    return document


SAMPLES = [
    ("Election", "election"),
    ("CandidateContest", "candidate_contest"),
    ("BallotMeasureContest", "ballot_measure_contest"),
    ("PartyContest", "party_contest"),
    ("RetentionContest", "retention_contest"),
    ("Candidacy", "candidacy"),
]


@pytest.mark.parametrize(("heading", "table"), SAMPLES)
def test_ocdep20_sample_is_written_back_unchanged(shared_dir: Path, heading: str, table: str) -> None:
    sample = ocdep20_sample(shared_dir, heading)
    written = to_json(table, from_json(table, sample, check_ids=False))
    if heading == "RetentionContest":
        # OCDEP 20 gives every ballot-measure kind runoff_for_contest_id; this one sample leaves it out
        assert "runoff_for_contest_id" not in sample
        sample["runoff_for_contest_id"] = None
    assert written == sample


def test_sample_values_keep_their_types(shared_dir: Path) -> None:
    record = from_json("candidacy", ocdep20_sample(shared_dir, "Candidacy"), check_ids=False)
    assert record["post_id"] == "ocd-post/f204b117-24af-42fd-a3fc-c5772533fdf5"
    assert record["filed_date"].isoformat() == "2016-03-10"
    assert record["is_incumbent"] is False
    assert record["created_at"].microsecond == 818_000


def test_sample_ids_outside_the_grammar_are_refused_by_name(shared_dir: Path) -> None:
    # OCDEP 20's sample election ends its division id with a slash, which the division grammar does not allow
    with pytest.raises(OcdValidationError) as caught:
        from_json("election", ocdep20_sample(shared_dir, "Election"))
    assert "Election.division_id" in str(caught.value)
    assert "'ocd-division/country:us/state:ca/'" in str(caught.value)
    # its contests point at the election as ocd-event/..., the prefix of an earlier draft
    with pytest.raises(OcdValidationError, match=r"CandidateContest\.election_id = 'ocd-event/"):
        from_json("candidate_contest", ocdep20_sample(shared_dir, "CandidateContest"))


def test_unknown_key_is_refused_not_dropped(shared_dir: Path) -> None:
    sample = ocdep20_sample(shared_dir, "Candidacy")
    sample["committee_id"] = "ocd-campaign-finance-committee/x"
    with pytest.raises(OcdValidationError, match=r"Candidacy\.committee_id"):
        from_json("candidacy", sample, check_ids=False)


def test_bad_value_names_type_field_and_value(shared_dir: Path) -> None:
    sample = ocdep20_sample(shared_dir, "Candidacy")
    sample["registration_status"] = "elected"
    with pytest.raises(OcdValidationError) as caught:
        from_json("candidacy", sample, check_ids=False)
    assert str(caught.value) == (
        "Candidacy.registration_status = 'elected': expected one of filed, qualified, withdrawn, write-in"
    )
    sample = ocdep20_sample(shared_dir, "BallotMeasureContest")
    sample["options"] = ["yes"]
    with pytest.raises(
        OcdValidationError, match=r"BallotMeasureContest\.options = \['yes'\]: needs at least 2"
    ):
        from_json("ballot_measure_contest", sample, check_ids=False)


def test_export_writes_one_document_per_line_per_type(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    counts = export_ocd_json(ocd_con, tmp_path)
    assert counts["candidacy.jsonl"] == 2
    assert counts["ballot_measure_contest.jsonl"] == 1
    lines = (tmp_path / "ballot_measure_contest.jsonl").read_text(encoding="utf-8").splitlines()
    measure = json.loads(lines[0])
    assert measure["id"] == IDS["prop"]
    assert measure["options"] == ["yes", "no"]
    assert measure["identifiers"] == [{"scheme": "calaccess_measure_id", "identifier": "1376195"}]
    transaction = json.loads((tmp_path / "transaction.jsonl").read_text(encoding="utf-8"))
    assert transaction["amount"] == {"value": 100.5, "currency": "USD", "is_in_kind": False}
    assert transaction["sender"]["name"] == "DOE, JANE"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", transaction["created_at"])


def test_exported_documents_read_back_strictly(ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    export_ocd_json(ocd_con, tmp_path)
    for path in sorted(tmp_path.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            document = json.loads(line)
            assert to_json(path.stem, from_json(path.stem, document)) == document


def test_export_writes_the_documents_to_json_writes(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # the export is written by DuckDB for speed; it must be the very documents `to_json` gives
    export_ocd_json(ocd_con, tmp_path)
    for ocd_type in TYPES:
        lines = (tmp_path / f"{ocd_type.table}.jsonl").read_text(encoding="utf-8").splitlines()
        expected = [to_json(ocd_type.table, r) for r in read_records(ocd_con, ocd_type.table)]
        assert [json.loads(line) for line in lines] == expected, ocd_type.name


def test_a_big_type_written_in_parts_is_the_same_file(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # at full size a type is written by ranges of its ids (memory); the file must not show it
    whole, parted = tmp_path / "whole", tmp_path / "parted"
    export_ocd_json(ocd_con, whole)
    monkeypatch.setattr(ocd_json, "ROWS_PER_PART", 1)
    counts = export_ocd_json(ocd_con, parted)
    assert sorted(path.name for path in parted.iterdir()) == sorted(counts)  # no part left behind
    for path in sorted(whole.iterdir()):
        assert (parted / path.name).read_bytes() == path.read_bytes(), path.name
    assert sum(counts.values()) > len(counts)  # some type had more than one row, so more than one part
    # compressed, the parts are zstd frames one after another: one stream to a reader
    compressed = export_ocd_json(ocd_con, tmp_path / "zstd", zstd=True)
    for name, count in compressed.items():
        path = tmp_path / "zstd" / name
        read = ocd_con.execute(
            "SELECT list(id) FROM read_json(?, format = 'newline_delimited')", [str(path)]
        ).fetchone()
        plain = [
            json.loads(line)["id"] for line in (whole / name.removesuffix(".zst")).read_text().splitlines()
        ]
        assert read is not None and (read[0] or []) == plain and len(plain) == count, name
