"""Loading an export zip into raw.*: typed values, accounting, reloads and failed loads, on small zips
built in the test and on the real sample."""

from __future__ import annotations

import hashlib
import select
import signal
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

import duckdb
import pytest

from calaccess import db
from calaccess.errors import ParseError, SourceError
from calaccess.raw import load as load_module
from calaccess.raw.load import LoadResult, load
from calaccess.raw.tables import TABLES

# S496_CD (late independent expenditures): integers, codes, an amount, dates, a Y/N/X flag and text.
S496_HEADER = (
    "FILING_ID\tAMEND_ID\tLINE_ITEM\tREC_TYPE\tFORM_TYPE\tTRAN_ID\tAMOUNT\tEXP_DATE\tEXPN_DSCR\tMEMO_CODE\t"
    "MEMO_REFNO\tDATE_THRU\r\n"
)
S496_ROW = "1048838\t0\t1\tS496\tF496\tEDT325\t500\t10/18/2004 12:00:00 AM\tCONSULTING\t\t\t\r\n"


def make_zip(
    folder: Path, members: dict[str, bytes], name: str = "export.zip", *, complete: bool = True
) -> Path:
    """A zip of these members; `complete` adds every other table as the empty file the real export has."""
    path = folder / name
    given = {PurePosixPath(member).stem.lower() for member in members}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
        if complete:
            for table in TABLES.values():
                if table.name not in given:
                    archive.writestr(f"CalAccess/DATA/{table.source_file}", b"")
    return path


def s496(*rows: str, header: str = S496_HEADER) -> dict[str, bytes]:
    return {"CalAccess/DATA/S496_CD.TSV": (header + "".join(rows)).encode("utf-8")}


def load_zip(folder: Path, members: dict[str, bytes]) -> tuple[duckdb.DuckDBPyConnection, LoadResult]:
    con = db.connect(folder / "calaccess.duckdb")
    return con, load(con, make_zip(folder, members))


def test_values_are_typed_trimmed_and_flags_read(tmp_path: Path) -> None:
    row = "1048817\t0\t1\tS496\tF496\t2004-2388 \t14920.5\t10/12/2004 12:00:00 AM\tDesign  \tX\t  \t\r\n"
    con, result = load_zip(tmp_path, s496(row, S496_ROW))
    assert con.execute("SELECT * FROM raw.s496_cd ORDER BY filing_id").fetchall() == [
        (1048817, 0, 1, "S496", "F496", "2004-2388", Decimal("14920.50"), date(2004, 10, 12), "Design", True,
         None, None),
        (1048838, 0, 1, "S496", "F496", "EDT325", Decimal("500.00"), date(2004, 10, 18), "CONSULTING", None,
         None, None),
    ]  # fmt: skip
    assert (result.table("s496_cd").records, result.table("s496_cd").loaded) == (2, 2)


def test_split_record_is_rejoined_in_the_table(tmp_path: Path) -> None:
    split = "1\t0\t2\tS496\tF496\tT2\t100\t1/2/2004 12:00:00 AM\tfirst line\r\nsecond line\t\t\t\r\n"
    con, result = load_zip(tmp_path, s496(S496_ROW, split))
    assert con.execute("SELECT expn_dscr FROM raw.s496_cd WHERE filing_id = 1").fetchall() == [
        ("first line second line",)
    ]
    assert con.execute("SELECT line, kinds FROM meta.raw_repair").fetchall() == [(3, "rejoined")]
    assert result.table("s496_cd").repaired == 1


def test_non_utf8_bytes_are_decoded_and_each_row_recorded(tmp_path: Path) -> None:
    members = s496(S496_ROW)
    members["CalAccess/DATA/S496_CD.TSV"] += b"2\t0\t1\tS496\tF496\tT\t1\t\tCaf\xe9 \x96 bar\t\t\t\r\n"
    con, result = load_zip(tmp_path, members)
    assert con.execute("SELECT expn_dscr FROM raw.s496_cd WHERE filing_id = 2").fetchone() == ("Café – bar",)
    assert con.execute("SELECT table_name, line, kinds, detail FROM meta.raw_repair").fetchall() == [
        ("s496_cd", 3, "decoded_cp1252", "not UTF-8, read as Windows-1252: 0xE9→é, 0x96→–")
    ]
    accounting = con.execute(
        "SELECT rows_in, rows_out, rows_repaired, rows_set_aside, note FROM meta.row_accounting "
        "WHERE subject = 's496_cd'"
    ).fetchone()
    assert accounting == (2, 2, 1, 0, "repaired: decoded_cp1252 1")
    assert result.repaired == 1


def test_unreadable_record_goes_to_the_reject_table_with_line_and_reason(tmp_path: Path) -> None:
    broken = "3\t0\t1\tS496\r\n"
    con, result = load_zip(tmp_path, s496(S496_ROW, broken, S496_ROW.replace("1048838", "4")))
    assert con.execute("SELECT count(*) FROM raw.s496_cd").fetchone() == (2,)
    assert con.execute(
        "SELECT table_name, source_file, line, raw_text, reason FROM meta.raw_reject"
    ).fetchall() == [
        (
            "s496_cd",
            "CalAccess/DATA/S496_CD.TSV",
            3,
            "3\t0\t1\tS496",
            "4 of 12 fields, followed by a complete record",
        )
    ]
    table = result.table("s496_cd")
    assert (table.records, table.loaded, table.rejected) == (3, 2, 1)
    assert table.records == table.loaded + table.rejected


KEY_5 = "filing_id=5, amend_id=0, line_item=1.5, rec_type=S496, form_type=F496"


def test_value_that_does_not_cast_stays_in_meta_not_lost(tmp_path: Path) -> None:
    row = "5\t0\t1\tS496\tF496\tT5\tabout 500\t13/45/2004 12:00:00 AM\tx\tMAYBE\t\t\r\n"
    con, result = load_zip(tmp_path, s496(row))
    assert con.execute("SELECT amount, exp_date, memo_code FROM raw.s496_cd").fetchall() == [
        (None, None, None)
    ]
    assert con.execute(
        "SELECT column_name, raw_value, record FROM meta.raw_cast_failure ORDER BY column_name"
    ).fetchall() == [
        ("amount", "about 500", "filing_id=5, amend_id=0, line_item=1, rec_type=S496, form_type=F496"),
        (
            "exp_date",
            "13/45/2004 12:00:00 AM",
            "filing_id=5, amend_id=0, line_item=1, rec_type=S496, form_type=F496",
        ),
        ("memo_code", "MAYBE", "filing_id=5, amend_id=0, line_item=1, rec_type=S496, form_type=F496"),
    ]
    assert result.cast_failures == 3
    assert "3 value(s) unreadable" in str(
        con.execute("SELECT note FROM meta.row_accounting WHERE subject = 's496_cd'").fetchone()
    )


@pytest.mark.parametrize(
    ("line_item", "amount", "typed", "failures"),
    [
        ("3", "1234.5", (3, Decimal("1234.50")), []),
        ("007", " 4 ", (7, Decimal("4.00")), []),  # a leading zero, padding: read, by the slow path
        ("+2", "-.25", (2, Decimal("-0.25")), []),
        ("1.5", "1.005", (None, None), [("amount", "1.005"), ("line_item", "1.5")]),  # not rounded
        ("1e3", "1e3", (None, None), [("amount", "1e3"), ("line_item", "1e3")]),
        ("0x10", "1_000", (None, None), [("amount", "1_000"), ("line_item", "0x10")]),
    ],
)
def test_numbers_are_read_by_the_registry_rule_not_by_duckdb_cast(
    tmp_path: Path, line_item: str, amount: str, typed: tuple[object, object], failures: list[tuple[str, str]]
) -> None:
    # DuckDB's own cast reads 1.5 as 2, 1e3 and 1_000 as 1000, 0x10 as 16, and rounds 1.005 to 1.01.
    rows = [S496_ROW.replace("1048838", str(n)) for n in range(3)]
    rows[1] = f"1\t0\t{line_item}\tS496\tF496\tT1\t{amount}\t10/18/2004 12:00:00 AM\tX\t\t\t\r\n"
    con, result = load_zip(tmp_path, s496(*rows))
    assert con.execute("SELECT line_item, amount FROM raw.s496_cd WHERE filing_id = 1").fetchone() == typed
    assert con.execute("SELECT count(*) FROM raw.s496_cd").fetchone() == (3,)
    found = "SELECT column_name, raw_value FROM meta.raw_cast_failure ORDER BY column_name"
    assert con.execute(found).fetchall() == failures
    assert result.cast_failures == len(failures)


def test_unreadable_flag_alone_keeps_its_row_and_its_text(tmp_path: Path) -> None:
    rows = [S496_ROW.replace("1048838", str(n)) for n in range(5)]
    rows[2] = rows[2].replace("CONSULTING\t", "CONSULTING\tQ")
    con, result = load_zip(tmp_path, s496(*rows))
    assert con.execute("SELECT count(*), count(memo_code) FROM raw.s496_cd").fetchone() == (5, 0)
    assert con.execute("SELECT column_name, raw_value FROM meta.raw_cast_failure").fetchall() == [
        ("memo_code", "Q")
    ]
    assert (result.loaded, result.cast_failures, result.typed_by_macros) == (5, 1, 1)


def test_trailing_tab_on_the_header_and_lf_endings_load(tmp_path: Path) -> None:
    header = S496_HEADER.replace("\r\n", "\t\n")
    con, _ = load_zip(tmp_path, s496(S496_ROW.replace("\r\n", "\n"), header=header))
    assert con.execute("SELECT filing_id, amount FROM raw.s496_cd").fetchall() == [
        (1048838, Decimal("500.00"))
    ]


def test_nested_layout_of_older_zips_loads(tmp_path: Path) -> None:
    members = {"CalAccess/DATA/CalAccess/DATA/S496_CD.TSV": (S496_HEADER + S496_ROW).encode()}
    con, result = load_zip(tmp_path, members)
    assert con.execute("SELECT count(*) FROM raw.s496_cd").fetchone() == (1,)
    assert result.table("s496_cd").source_file == "CalAccess/DATA/CalAccess/DATA/S496_CD.TSV"


def test_every_table_exists_when_its_file_is_empty(tmp_path: Path) -> None:
    con, result = load_zip(tmp_path, s496(S496_ROW))
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw'").fetchall()
    assert len(tables) == len(TABLES) == 80
    assert (result.records, result.loaded) == (1, 1)


def test_a_zip_lacking_tables_is_refused_and_the_loaded_tables_stay(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    load(con, make_zip(tmp_path, s496(S496_ROW), "good.zip"))
    partial = make_zip(tmp_path, {"CalAccess/DATA/SPLT_CD.TSV": b""}, "partial.zip", complete=False)
    with pytest.raises(SourceError, match=r"partial.zip: not a complete export: 79 of the 80 tables"):
        load(con, partial)
    assert _content(con) != []
    assert con.execute("SELECT status FROM meta.run ORDER BY run_id").fetchall() == [("ok",), ("failed",)]


def _content(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute("SELECT * FROM raw.s496_cd ORDER BY ALL").fetchall()


def test_loading_the_same_zip_twice_changes_nothing(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    zip_path = make_zip(tmp_path, s496(S496_ROW, "1\t0\t2\tS496\tF496\tT2\t1\t\ta\tb\t\t\t\r\n"))
    load(con, zip_path)
    first = (_content(con), con.execute("SELECT * EXCLUDE (run_id) FROM meta.row_accounting").fetchall())
    load(con, zip_path)
    second = (_content(con), con.execute("SELECT * EXCLUDE (run_id) FROM meta.row_accounting").fetchall())
    assert first == second
    assert con.execute("SELECT count(*) FROM meta.raw_repair").fetchone() == (1,)


def _corrupt_member(path: Path, member: str) -> None:
    """Flip bytes in the middle of one member's compressed data, as a bad download would."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    with path.open("r+b") as file:
        file.seek(info.header_offset + 26)
        name_length = int.from_bytes(file.read(2), "little")
        extra_length = int.from_bytes(file.read(2), "little")
        start = info.header_offset + 30 + name_length + extra_length
        file.seek(start + info.compress_size // 2)
        file.write(b"\xff\x00\xff\x00\xff\x00")


def test_failed_load_leaves_the_previous_tables_intact(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "calaccess.duckdb")
    load(con, make_zip(tmp_path, s496(S496_ROW), "good.zip"))
    before = (_content(con), con.execute("SELECT * FROM meta.row_accounting ORDER BY ALL").fetchall())

    rows = "".join(S496_ROW.replace("1048838", str(n)) for n in range(3000))
    bad = make_zip(tmp_path, {**s496(rows), "CalAccess/DATA/SPLT_CD.TSV": b"x" * 10}, "corrupt.zip")
    _corrupt_member(bad, "CalAccess/DATA/S496_CD.TSV")
    with pytest.raises(
        SourceError, match=r"corrupt.zip: CalAccess/DATA/S496_CD.TSV: the zip member is corrupt"
    ):
        load(con, bad)

    wrong_header = make_zip(
        tmp_path, s496(S496_ROW, header=S496_HEADER.replace("TRAN_ID", "TRANS_ID")), "hdr.zip"
    )
    with pytest.raises(ParseError, match=r"S496_CD.TSV, line 1: header does not match.*missing TRAN_ID"):
        load(con, wrong_header)

    after = (_content(con), con.execute("SELECT * FROM meta.row_accounting ORDER BY ALL").fetchall())
    assert after == before
    good_sha256 = hashlib.sha256((tmp_path / "good.zip").read_bytes()).hexdigest()
    runs = "SELECT status, source FROM meta.run WHERE stage = 'load' ORDER BY run_id"
    assert con.execute(runs).fetchall() == [
        ("ok", f"good.zip sha256:{good_sha256}"),
        ("failed", "corrupt.zip"),
        ("failed", "hdr.zip"),
    ]


def test_the_clean_text_is_kept_beside_the_database_and_removed_after(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    con = db.connect(folder / "calaccess.duckdb")
    seen: list[str] = []
    original = load_module._Producer._clean

    def spying(producer: load_module._Producer, member: zipfile.ZipInfo, path: Path) -> object:
        seen.append(str(path.parent.parent))
        return original(producer, member, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_module._Producer, "_clean", spying)
        load(con, make_zip(tmp_path, s496(S496_ROW)))
        bad = make_zip(tmp_path, s496(S496_ROW, header=S496_HEADER.replace("TRAN_ID", "X")), "bad.zip")
        with pytest.raises(ParseError):
            load(con, bad)
    assert set(seen) == {str(folder)}
    assert [path.name for path in folder.iterdir() if "calaccess-load-" in path.name] == []


def test_a_folder_an_earlier_load_left_is_removed_by_the_next(tmp_path: Path) -> None:
    # As the load before the lock left it when killed: a temporary folder with clean text in it.
    folder = tmp_path / "data"
    folder.mkdir()
    left = Path(tempfile.mkdtemp(prefix="calaccess-load-", dir=folder))
    (left / "0.tsv").write_bytes(b"1\t2\r\n" * 1000)
    con = db.connect(folder / "calaccess.duckdb")
    load(con, make_zip(tmp_path, s496(S496_ROW)))
    assert not left.exists()
    assert [path.name for path in folder.iterdir() if "calaccess-load-" in path.name] == []


# A load that stops for good once its first table is loaded, its clean text folder in use.
_STALLED_LOAD = """
import sys, time
from pathlib import Path
from calaccess import db
from calaccess.raw import load as load_module

def stall(producer, done):
    print("loading", flush=True)
    time.sleep(600)

load_module._Producer.loaded = stall
load_module.load(db.connect(Path(sys.argv[1])), Path(sys.argv[2]))
"""


def test_a_load_killed_with_sigkill_leaves_a_folder_the_next_load_removes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    zip_path = make_zip(tmp_path, s496(S496_ROW))
    child = subprocess.Popen(
        [sys.executable, "-c", _STALLED_LOAD, str(folder / "calaccess.duckdb"), str(zip_path)],
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        assert ready and child.stdout.readline() == b"loading\n"
        [live] = folder.glob("calaccess-load-*")
        # A live load's folder is left alone, whoever looks.
        assert load_module.remove_abandoned(folder) == []
        assert live.is_dir()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert live.is_dir()  # killed outright, it could not clean up
    con = db.connect(folder / "calaccess.duckdb")
    load(con, zip_path)
    assert not live.exists()
    assert [path.name for path in folder.iterdir() if "calaccess-load-" in path.name] == []
    assert con.execute("SELECT count(*) FROM raw.s496_cd").fetchone() == (1,)


def test_a_live_loads_folder_is_left_alone_by_another_load(tmp_path: Path) -> None:
    # Two databases in one folder, one load holding its folder while another runs beside it.
    folder = tmp_path / "data"
    folder.mkdir()
    zip_path = make_zip(tmp_path, s496(S496_ROW))
    with load_module.clean_text_folder(folder) as first:
        (first / "0.tsv").write_bytes(b"clean text")
        con = db.connect(folder / "other.duckdb")
        load(con, zip_path)
        assert (first / "0.tsv").read_bytes() == b"clean text"
    assert not first.exists()


def test_a_zip_that_is_not_a_zip_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(b"<html>maintenance</html>")
    with (
        db.connect(tmp_path / "calaccess.duckdb") as con,
        pytest.raises(SourceError, match="not a readable zip"),
    ):
        load(con, path)


def test_command_loads_a_zip_and_prints_the_accounting(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from calaccess.cli import cli

    zip_path = make_zip(tmp_path, s496(S496_ROW))
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "load", "--zip", str(zip_path)])
    assert result.exit_code == 0, result.output
    assert "s496_cd" in result.output and "total" in result.output


def test_command_without_a_snapshot_says_what_to_do(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from calaccess.cli import cli

    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "load"])
    assert result.exit_code == 1
    assert (
        "no snapshot" in result.output and "calaccess download" in result.output and "--zip" in result.output
    )


# --- the real sample ---------------------------------------------------------------------------------


def test_real_record_with_empty_fields_appended_and_a_line_of_tabs_are_set_aside(
    tmp_path: Path, sample_zip: Path
) -> None:
    # The sample's RCPT_CD, its line 6 (Edgeworth, D) with 138 empty fields appended and a line of
    # nothing but 200 tabs put in at line 11: neither is a tab typed inside a value.
    with zipfile.ZipFile(sample_zip) as archive:
        lines = archive.read("CalAccess/DATA/RCPT_CD.TSV").split(b"\r\n")
    assert lines[5].split(b"\t")[7:9] == [b"Edgeworth", b"D"]
    lines[5] += b"\t" * 138
    lines.insert(10, b"\t" * 200)
    con, result = load_zip(tmp_path, {"CalAccess/DATA/RCPT_CD.TSV": b"\r\n".join(lines)})
    rejects = con.execute("SELECT line, raw_text, reason FROM meta.raw_reject ORDER BY line").fetchall()
    assert [(line, raw_text) for line, raw_text, _ in rejects] == [
        (6, lines[5].decode()),
        (11, "\t" * 200),
    ]
    assert all(
        "138 tab(s) too many" in reason and "empty fields, more than the 3 a merge may" in reason
        for _, _, reason in rejects
    )
    assert con.execute(
        "SELECT count(*) FROM raw.rcpt_cd WHERE ctrib_naml LIKE '%Edgeworth%' OR filing_id IS NULL"
    ).fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM meta.raw_repair").fetchone() == (0,)
    assert con.execute(
        "SELECT rows_in, rows_out, rows_repaired, rows_set_aside, note FROM meta.row_accounting "
        "WHERE subject = 'rcpt_cd'"
    ).fetchone() == (
        1001,
        999,
        0,
        2,
        "set aside: 2× too many tabs around empty fields: not typed inside a value",
    )
    assert (result.table("rcpt_cd").repaired, result.table("rcpt_cd").rejected) == (0, 2)


@pytest.fixture(scope="module")
def sample(raw_db: Path) -> duckdb.DuckDBPyConnection:
    return db.connect(raw_db, read_only=True)


def test_sample_loads_all_80_tables_with_exact_accounting(sample: duckdb.DuckDBPyConnection) -> None:
    rows = sample.execute(
        "SELECT subject, rows_in, rows_out, rows_set_aside FROM meta.row_accounting WHERE stage = 'load'"
    ).fetchall()
    assert len(rows) == 80
    assert all(rows_in == rows_out + set_aside for _, rows_in, rows_out, set_aside in rows)
    for subject, _, rows_out, _ in rows:
        count = sample.execute(f"SELECT count(*) FROM raw.{subject}").fetchone()
        assert count == (rows_out,), subject
    assert sum(row[1] for row in rows) == 62_678  # every record of the sample, a split one counted once


def test_sample_sets_aside_fewer_rows_than_the_older_loader(sample: duckdb.DuckDBPyConnection) -> None:
    rejected = sample.execute("SELECT count(*) FROM meta.raw_reject").fetchone()
    assert rejected is not None and rejected[0] < 6  # the older loader dropped 6
    repaired = dict(
        sample.execute("SELECT table_name, count(*) FROM meta.raw_repair GROUP BY ALL").fetchall()
    )
    # The six rows with tabs inside a value, which the older loader dropped, are loaded.
    assert (repaired["lexp_cd"], repaired["lpay_cd"], repaired["s401_cd"]) == (2, 1, 1)
    assert repaired["s496_cd"] == 3  # two stray tabs, one Ctrl-Z


def test_sample_stray_tabs_are_merged_where_they_were_typed(sample: duckdb.DuckDBPyConnection) -> None:
    assert sample.execute(
        "SELECT table_name, line, detail FROM meta.raw_repair WHERE kinds = 'extra_tab' ORDER BY ALL"
    ).fetchall() == [
        ("lexp_cd", 148, "1 extra tab(s) merged into BENE_NAME"),
        ("lexp_cd", 601, "1 extra tab(s) merged into BENE_POSIT"),
        ("lpay_cd", 50, "3 extra tab(s) merged into ADVAN_DSCR"),
        ("s401_cd", 868, "1 extra tab(s) merged into PAYEE_NAML"),
        ("s496_cd", 596, "1 extra tab(s) merged into EXPN_DSCR"),
        ("s496_cd", 722, "1 extra tab(s) merged into EXPN_DSCR"),
    ]


def test_sample_values_are_typed(sample: duckdb.DuckDBPyConnection) -> None:
    assert sample.execute(
        "SELECT rcpt_date, amount, ctrib_naml FROM raw.rcpt_cd WHERE filing_id = 591352 AND line_item = 22"
    ).fetchall() == [(date(2000, 2, 3), Decimal("250.00"), "Dunn")]
    assert sample.execute("SELECT effect_dt FROM raw.filer_xref_cd WHERE filer_id = 1007377").fetchall() == [
        (datetime(1999, 12, 7, 6, 20, 48),)
    ]
    assert sample.execute(
        "SELECT description, calc_use FROM raw.filer_types_cd WHERE filer_type = 2"
    ).fetchall() == [("EMPLOYER", True)]
    # A tab typed inside the description, merged back; the cumulative total is no longer a memo code.
    assert sample.execute(
        "SELECT amount, exp_date, expn_dscr, memo_code FROM raw.s496_cd WHERE filing_id = 1890031"
    ).fetchall() == [
        (
            Decimal("5625.00"),
            date(2014, 9, 29),
            "TV Ads; Prop 1 Water Quality/Supply/Infastructure Act (Cumulative: $31,125.00)",
            None,
        )
    ]
    # Three tabs typed into an empty description: the totals land in their own columns.
    assert sample.execute(
        "SELECT fees_amt, per_total, cum_total FROM raw.lpay_cd WHERE filing_id = 807701 AND line_item = 1"
    ).fetchall() == [(Decimal("16000.00"), Decimal("17070.56"), Decimal("50592.80"))]
    memo = sample.execute(
        "SELECT text4000 FROM raw.text_memo_cd WHERE ref_no = 'MEMO-718201363017'"
    ).fetchone()
    assert memo is not None and "Governor’s Office" in memo[0] and "\x00" not in memo[0]


# Spellings of a moment that are none of the registry's date formats.
NOT_A_REGISTRY_DATE = [
    "2020-01-02 10:00:00.5",  # fractional seconds
    "2020-01-02T10:00:00",
    "1/2/2020 10:00",
    "2020/01/02",
    "Jan 2, 2020",
    "1/2/2020 10:00:00 PMT",
]


def test_the_cleaner_and_the_sql_casts_read_the_same_date_formats(tmp_path: Path) -> None:
    """One list of formats: a value the cleaner takes for a date (deciding where a stray tab goes) is one
    the load's SQL reads as a date, and a value it refuses, the SQL refuses too."""
    from calaccess.raw.clean import value_is_readable
    from calaccess.raw.tables import DATE_FORMATS

    con = db.connect(tmp_path / "calaccess.duckdb")
    load_module._prepare(con)
    assert con.execute("SELECT raw_date_formats()").fetchone() == (list(DATE_FORMATS),)
    moments = [datetime(2004, 10, 18), datetime(1999, 1, 2, 0, 0, 5), datetime(2021, 12, 31, 23, 59, 59)]
    written = [moment.strftime(date_format) for moment in moments for date_format in DATE_FORMATS]
    written += [value.lstrip("0").replace("/0", "/") for value in written]  # 1/2/1999, as the export writes
    for value in [*written, *NOT_A_REGISTRY_DATE]:
        (typed,) = con.execute("SELECT raw_timestamp(?)", [value]).fetchone() or (None,)
        assert value_is_readable(value, "timestamp") == (typed is not None), value
