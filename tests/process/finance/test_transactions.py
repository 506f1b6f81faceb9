"""Transactions: one per line of a filing across its versions, the latest version's word on it, its lineage
kept; and on the real sample, the current transactions are exactly the rows of each filing's latest version,
counted from the TSV files themselves."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from calaccess.process import STEP_NAMES
from tests.process.small import add

THROUGH_TRANSACTIONS = STEP_NAMES[: STEP_NAMES.index("transactions") + 1]
Steps = Callable[..., list[tuple[str, str, str | None]]]


def _receipt(
    con: duckdb.DuckDBPyConnection, amend_id: int, line_item: int, tran_id: str, amount: str, **values: Any
) -> None:
    values.setdefault("ctrib_naml", "DOE")
    values.setdefault("ctrib_namf", "JANE")
    values.setdefault("entity_cd", "IND")
    add(
        con,
        "raw.rcpt_cd",
        filing_id=900,
        amend_id=amend_id,
        line_item=line_item,
        tran_id=tran_id,
        form_type="A",
        amount=Decimal(amount),
        rcpt_date="2016-03-01",
        **values,
    )


def _transactions(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    rows = con.execute(
        "SELECT identifier, id, filing_action_id, amount_value, sender_name, sender_entity_type, "
        "recipient_committee_id, note, extras FROM ocd.transaction"
    ).fetchall()
    return {
        row[0]: {
            "id": row[1],
            "action": row[2],
            "amount": row[3],
            "sender": row[4],
            "sender_type": row[5],
            "recipient_committee": row[6],
            "note": row[7],
            "extras": json.loads(row[8]),
        }
        for row in rows
    }


@pytest.fixture
def amended(small_db: duckdb.DuckDBPyConnection, steps: Steps) -> dict[str, dict[str, Any]]:
    """Filing 900 in three versions: T2's amount changes in the last, T3 is dropped, lines renumbered."""
    for amend_id in (0, 1, 2):
        add(
            small_db,
            "raw.cvr_campaign_disclosure_cd",
            filing_id=900,
            amend_id=amend_id,
            form_type="F460",
            filer_id="1400001",
            filer_naml="FRIENDS OF THE RIVER",
            rpt_date=f"2016-0{4 + amend_id}-28",
        )
    for amend_id in (0, 1):
        _receipt(small_db, amend_id, 1, "T1", "100.00")
        _receipt(small_db, amend_id, 2, "T2", "250.00")
        _receipt(small_db, amend_id, 3, "T3", "75.00", memo_code=True)
    _receipt(small_db, 2, 1, "T2", "300.00")
    _receipt(small_db, 2, 2, "T1", "100.00")
    steps(*THROUGH_TRANSACTIONS)
    return _transactions(small_db)


def test_the_latest_version_that_carries_a_line_wins(amended: dict[str, dict[str, Any]]) -> None:
    small = amended
    assert set(small) == {"T1", "T2", "T3"}
    assert small["T2"]["amount"] == Decimal("300.00")
    assert small["T2"]["extras"]["amend_id"] == 2 and small["T2"]["extras"]["is_current"] is True
    assert small["T1"]["extras"]["line_item"] == 2  # renumbered: it is the same transaction all the same


def test_a_line_removed_in_the_last_version_stays_in_the_history_not_current(
    amended: dict[str, dict[str, Any]],
) -> None:
    dropped = amended["T3"]
    assert dropped["extras"]["amend_id"] == 1 and dropped["extras"]["is_current"] is False
    assert dropped["extras"]["memo"] is True and dropped["note"].startswith("memo line")
    assert dropped["action"] != amended["T1"]["action"]


def test_an_unchanged_line_keeps_its_id_across_versions(
    small_db: duckdb.DuckDBPyConnection, amended: dict[str, dict[str, Any]]
) -> None:
    expected = small_db.execute(
        "SELECT transaction_id_of(900, 'rcpt_cd', 'A', 'T1', 1, 1), "
        "transaction_id_of(900, 'rcpt_cd', 'A', 'T1', 2, 1)"
    ).fetchone()
    assert expected is not None and expected[0] == expected[1] == amended["T1"]["id"]


def test_the_accounting_folds_earlier_versions_into_their_transaction(
    small_db: duckdb.DuckDBPyConnection, amended: dict[str, dict[str, Any]]
) -> None:
    row = small_db.execute(
        "SELECT rows_in, rows_out, rows_merged, rows_set_aside FROM meta.row_accounting "
        "WHERE subject = 'ocd.transaction from rcpt_cd'"
    ).fetchone()
    assert row == (8, 3, 5, 0)


def test_the_contributor_sends_and_the_filer_receives(amended: dict[str, dict[str, Any]]) -> None:
    t1 = amended["T1"]
    assert (t1["sender"], t1["sender_type"]) == ("JANE DOE", "person")
    assert t1["recipient_committee"] is not None


def test_a_line_with_no_amount_is_set_aside_with_a_finding(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    add(
        small_db,
        "raw.cvr_campaign_disclosure_cd",
        filing_id=901,
        amend_id=0,
        form_type="F460",
        filer_id="1400002",
    )
    add(
        small_db,
        "raw.expn_cd",
        filing_id=901,
        amend_id=0,
        line_item=1,
        tran_id="E1",
        form_type="E",
        payee_naml="PRINT SHOP",
        entity_cd="OTH",
    )
    findings = steps(*THROUGH_TRANSACTIONS)
    assert small_db.execute("SELECT count(*) FROM ocd.transaction").fetchone() == (0,)
    assert (
        "transaction set aside",
        "expn_cd filing 901 amendment 0 line 1",
        "no amount (amount is empty on schedule E)",
    ) in findings


# --- the real sample, checked against the TSV files ----------------------------------------------------


def _tsv(archive: zipfile.ZipFile, member: str) -> list[dict[str, str]]:
    with archive.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
        return list(csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))


def _latest_versions(archive: zipfile.ZipFile) -> dict[str, int]:
    """Each filing's highest AMEND_ID, over every table of the export that records versions."""
    latest: dict[str, int] = {}
    for member in archive.namelist():
        if not member.upper().endswith(".TSV"):
            continue
        with archive.open(member) as raw:
            header = raw.readline().decode("utf-8", "replace").rstrip("\r\n").split("\t")
        if "FILING_ID" not in header or "AMEND_ID" not in header:
            continue
        for row in _tsv(archive, member):
            filing, amend = (row.get("FILING_ID") or "").strip(), (row.get("AMEND_ID") or "").strip()
            if filing.isdigit() and amend.isdigit():
                latest[filing] = max(latest.get(filing, -1), int(amend))
    return latest


@pytest.mark.parametrize("table", ["RCPT_CD", "EXPN_CD"])
def test_current_transactions_are_the_rows_of_each_filing_s_latest_version(
    real: duckdb.DuckDBPyConnection, sample_zip: Path, table: str
) -> None:
    with zipfile.ZipFile(sample_zip) as archive:
        latest = _latest_versions(archive)
        member = next(
            name
            for name in archive.namelist()
            if name.upper().endswith(f"/{table}.TSV") or name.upper() == f"{table}.TSV"
        )
        rows = _tsv(archive, member)
    counted: Counter[str] = Counter()
    summed: defaultdict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        filing = row["FILING_ID"].strip()
        if row["AMOUNT"].strip() and int(row["AMEND_ID"]) == latest[filing]:
            counted[filing] += 1
            summed[filing] += Decimal(row["AMOUNT"].strip())
    ours = real.execute(
        "SELECT extras->>'filing_id', count(*), sum(amount_value) FROM ocd.transaction "
        "WHERE extras->>'calaccess_table' = ? AND CAST(extras->>'is_current' AS BOOLEAN) GROUP BY ALL",
        [table.lower()],
    ).fetchall()
    assert {filing: (n, total) for filing, n, total in ours} == {
        filing: (counted[filing], summed[filing]) for filing in counted
    }
    assert sum(counted.values()) > 500


def test_transaction_ids_are_unique_and_every_line_is_accounted_for(real: duckdb.DuckDBPyConnection) -> None:
    assert real.execute("SELECT count(*) - count(DISTINCT id) FROM ocd.transaction").fetchone() == (0,)
    rows = real.execute(
        "SELECT subject, rows_in, rows_out, rows_merged, rows_set_aside FROM meta.row_accounting "
        "WHERE subject LIKE 'ocd.transaction from %'"
    ).fetchall()
    assert (
        len(rows) == 8 + 5
    )  # the campaign item tables, and the lobbying schedules' (tests/process/lobbying)
    for subject, rows_in, rows_out, merged, set_aside in rows:
        assert rows_in == rows_out + merged + set_aside, subject
        assert rows_in == 1_000, subject  # the sample holds 1,000 rows of each table
