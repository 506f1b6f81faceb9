"""Cleaning one export file: each defect of the real export, as the few lines that show it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calaccess.errors import ParseError
from calaccess.raw.clean import FileCleaner

# SPLT_CD, as the export writes it: three integers, two codes, a date, an amount, a code.
NAMES = [
    "FILING_ID",
    "AMEND_ID",
    "LINE_ITEM",
    "PFORM_TYPE",
    "PTRAN_ID",
    "ELEC_DATE",
    "ELEC_AMOUNT",
    "ELEC_CODE",
]
TYPES = ["integer", "integer", "integer", "text", "text", "date", "decimal", "text"]
HEADER = b"\t".join(name.encode() for name in NAMES) + b"\r\n"
ROW_1 = b"805063\t0\t28\tA\tINC1205\t1/1/2002 12:00:00 AM\t550\tP\r\n"
ROW_2 = b"804063\t0\t7\tA\tINC358\t1/1/2002 12:00:00 AM\t250\tP\r\n"


# SPLT_CD's natural key, as the registry gives it.
KEY = ["FILING_ID", "AMEND_ID", "LINE_ITEM", "PFORM_TYPE"]


def clean(
    data: bytes, chunk_bytes: int = 1 << 20, key: list[str] | None = None
) -> tuple[list[list[str]], FileCleaner]:
    """Clean `data` fed in chunks of `chunk_bytes`; the records out, split into fields."""
    cleaner = FileCleaner("SPLT_CD.TSV", NAMES, TYPES, KEY if key is None else key)
    chunks = [data[i : i + chunk_bytes] for i in range(0, len(data), chunk_bytes)]
    out = b"".join(cleaner.clean(chunks)).decode("utf-8")
    return [line.rstrip("\r").split("\t") for line in out.splitlines()], cleaner


def test_clean_lines_pass_through_as_they_were() -> None:
    cleaner = FileCleaner("SPLT_CD.TSV", NAMES, TYPES)
    assert b"".join(cleaner.clean([HEADER + ROW_1 + ROW_2])) == ROW_1 + ROW_2
    assert (cleaner.report.records, cleaner.report.written, cleaner.report.repairs) == (2, 2, [])


@pytest.mark.parametrize("chunk_bytes", [7, 64, 1 << 20])
def test_split_record_is_rejoined(chunk_bytes: int) -> None:
    split = b"805505\t0\t202\tA\tA56\r\n484\t3/5/2002 12:00:00 AM\t28000\tP\r\n"
    records, cleaner = clean(HEADER + ROW_1 + split + ROW_2, chunk_bytes)
    assert records[1] == ["805505", "0", "202", "A", "A56 484", "3/5/2002 12:00:00 AM", "28000", "P"]
    assert len(records) == 3
    assert [(r.line, r.kinds) for r in cleaner.report.repairs] == [(3, ("rejoined",))]
    assert cleaner.report.records == 3


@pytest.mark.parametrize("chunk_bytes", [5, 1 << 20])
def test_line_break_in_the_last_value_is_joined_to_it(chunk_bytes: int) -> None:
    # The last column is text: a fragment with no tab after a complete record is the end of its value.
    records, cleaner = clean(
        HEADER + ROW_1 + b"1\t0\t1\tA\tB\t\t\tsee\r\nthe\r\nmemo\r\n" + ROW_2, chunk_bytes
    )
    assert records[1] == ["1", "0", "1", "A", "B", "", "", "see the memo"]
    assert len(records) == 3 and cleaner.report.records == 3 and cleaner.report.rejects == []
    assert [(r.line, r.kinds) for r in cleaner.report.repairs] == [(3, ("rejoined",))]


def test_nul_and_ctrl_z_are_removed() -> None:
    records, cleaner = clean(HEADER + b"805063\t0\t28\tA\tINC\x0012\t1/1/2002 12:00:00 AM\t550\t\x1a\r\n")
    assert records == [["805063", "0", "28", "A", "INC12", "1/1/2002 12:00:00 AM", "550", ""]]
    assert cleaner.report.repairs[0].kinds == ("ctrl_z_removed", "nul_removed")


def test_broken_apostrophe_becomes_a_right_single_quote() -> None:
    records, cleaner = clean(HEADER + b"1\t0\t1\tA\tGovernorb\x00\x19s Office\t\t\t\r\n")
    assert records[0][4] == "Governor\u2019s Office"
    assert cleaner.report.repairs[0].kinds == ("mark_restored",)


def test_bytes_that_are_not_utf8_are_read_as_windows_1252_and_recorded() -> None:
    records, cleaner = clean(HEADER + ROW_1 + b"1\t0\t1\tA\tJos\xe9 \x93Pepe\x94\t\t\t\r\n")
    assert records[1][4] == "José “Pepe”"
    [repair] = cleaner.report.repairs
    assert (repair.line, repair.kinds) == (3, ("decoded_cp1252",))
    assert "0xE9→é" in repair.detail and "0x93→“" in repair.detail


def test_carriage_return_inside_a_value_becomes_a_space() -> None:
    records, _ = clean(HEADER + b"1\t0\t1\tA\tline\rbreak\t\t\tP\r\r\n")
    assert records[0][4] == "line break" and records[0][7] == "P"


def test_trailing_tab_on_the_header_names_no_column() -> None:
    records, cleaner = clean(HEADER.replace(b"\r\n", b"\t\r\n") + ROW_1)
    assert len(records) == 1 and cleaner.report.rejects == []


def test_extra_tab_is_merged_into_the_text_column_that_keeps_types_readable() -> None:
    # A tab typed inside PTRAN_ID: merging anywhere else would put text in the date or the amount.
    records, cleaner = clean(
        HEADER + ROW_1 + b"805505\t0\t9\tA\tA56\t484\t3/5/2002 12:00:00 AM\t28000\tP\r\n"
    )
    assert records[1] == ["805505", "0", "9", "A", "A56 484", "3/5/2002 12:00:00 AM", "28000", "P"]
    assert cleaner.report.repairs[0].kinds == ("extra_tab",)
    assert "PTRAN_ID" in cleaner.report.repairs[0].detail


def test_extra_tab_that_no_merge_can_explain_is_rejected() -> None:
    # A stray field after the date: wherever a text column absorbs it, the amount reads "X".
    records, cleaner = clean(HEADER + b"805505\t0\t9\tA\tA1\t3/5/2002 12:00:00 AM\tX\t280\tP\r\n" + ROW_2)
    assert len(records) == 1
    [reject] = cleaner.report.rejects
    assert reject.line == 2 and "tab(s) too many" in reject.reason
    assert reject.raw_text == "805505\t0\t9\tA\tA1\t3/5/2002 12:00:00 AM\tX\t280\tP"
    assert cleaner.report.records == 2


def test_empty_fields_after_a_record_are_set_aside_not_merged_into_a_value() -> None:
    # Trailing tabs: every field past the record's end is empty, so no value was split by them, and
    # empty fields read as every type, so nothing tells which column they would belong in.
    records, cleaner = clean(HEADER + ROW_2 + ROW_1.replace(b"\r\n", b"\t" * 20 + b"\r\n") + ROW_2)
    assert records == [ROW_2.decode().rstrip("\r\n").split("\t")] * 2
    [reject] = cleaner.report.rejects
    assert reject.line == 3 and reject.raw_text == ROW_1.decode().rstrip("\r\n") + "\t" * 20
    assert reject.reason.startswith("28 fields for 8 columns: 20 tab(s) too many, and the likeliest merge")
    assert "empty fields, more than the 3 a merge may" in reject.reason
    assert (cleaner.report.records, cleaner.report.written, cleaner.report.repairs) == (3, 2, [])


@pytest.mark.parametrize("tabs", [9, 200])
def test_a_line_of_tabs_is_set_aside_not_loaded_as_an_empty_record(tabs: int) -> None:
    records, cleaner = clean(HEADER + ROW_1 + b"\t" * tabs + b"\r\n" + ROW_2)
    assert len(records) == 2 and cleaner.report.repairs == []
    [reject] = cleaner.report.rejects
    assert (reject.line, reject.raw_text) == (3, "\t" * tabs)
    why = "empty fields, more than the 3" if tabs == 200 else "no FILING_ID, AMEND_ID, LINE_ITEM, PFORM_TYPE"
    assert why in reject.reason


def test_a_line_of_tabs_in_a_table_with_no_known_key_is_set_aside() -> None:
    records, cleaner = clean(HEADER + ROW_1 + b"\t" * 9 + b"\r\n", key=[])
    assert len(records) == 1
    assert cleaner.report.rejects[0].reason.endswith("leaves a record with no value in any column")


def test_merged_record_without_its_key_is_set_aside() -> None:
    # A tab inside PTRAN_ID merges as well as ever, but the record has no FILING_ID: it cannot be told
    # apart from any other, and is not loaded.
    line = b"\t0\t9\tA\tA56\t484\t3/5/2002 12:00:00 AM\t28000\tP\r\n"
    records, cleaner = clean(HEADER + ROW_1 + line)
    assert len(records) == 1 and cleaner.report.repairs == []
    [reject] = cleaner.report.rejects
    assert reject.line == 3
    assert reject.reason == (
        "9 fields for 8 columns: 1 tab(s) too many, and the likeliest merge, into PTRAN_ID, leaves a record "
        "with no FILING_ID (its key is FILING_ID, AMEND_ID, LINE_ITEM, PFORM_TYPE)"
    )
    # With its key, the same line is repaired.
    records, cleaner = clean(HEADER + ROW_1 + line.replace(b"\t", b"805505\t", 1))
    assert records[1][4] == "A56 484" and cleaner.report.rejects == []


@pytest.mark.parametrize(("tabs", "repaired"), [(3, True), (4, False)])
def test_up_to_three_tabs_typed_into_an_empty_value_are_merged(tabs: int, repaired: bool) -> None:
    # As in LPAY_CD line 50 of the sample: three tabs in an empty description, the totals after it.
    line = b"805505\t0\t9\tA\t" + b"\t" * tabs + b"\t3/5/2002 12:00:00 AM\t28000\tP\r\n"
    records, cleaner = clean(HEADER + ROW_1 + line)
    if repaired:
        assert records[1] == ["805505", "0", "9", "A", "", "3/5/2002 12:00:00 AM", "28000", "P"]
        assert cleaner.report.repairs[0].kinds == ("extra_tab",)
    else:
        assert len(records) == 1
        assert "into PTRAN_ID, takes in 4 empty fields" in cleaner.report.rejects[0].reason


def test_short_record_that_nothing_completes_is_rejected_with_its_line() -> None:
    records, cleaner = clean(HEADER + ROW_1 + b"805505\t0\t202\r\n" + ROW_2 + b"9\t0\r\n")
    assert len(records) == 2
    assert [(r.line, r.reason) for r in cleaner.report.rejects] == [
        (3, "3 of 8 fields, followed by a complete record"),
        (5, "2 of 8 fields, followed by the end of the file"),
    ]
    assert cleaner.report.records == 4


def test_blank_line_between_records_is_skipped_and_counted() -> None:
    records, cleaner = clean(HEADER + ROW_1 + b"\r\n" + ROW_2)
    assert len(records) == 2 and cleaner.report.blank_lines == 1 and cleaner.report.records == 2


def test_blank_line_in_a_one_column_file_is_not_a_record() -> None:
    cleaner = FileCleaner("FILERS_CD.TSV", ["FILER_ID"], ["integer"])
    out = b"".join(cleaner.clean([b"FILER_ID\r\n1023853\r\n\r\n1023886\r\n"]))
    assert out == b"1023853\r\n1023886\r\n"
    assert (cleaner.report.records, cleaner.report.blank_lines) == (2, 1)


def test_header_that_does_not_match_the_registry_names_file_and_line() -> None:
    with pytest.raises(ParseError, match=r"SPLT_CD.TSV, line 1: header does not match.*missing ELEC_CODE"):
        clean(HEADER.replace(b"\tELEC_CODE", b"") + ROW_1)


@pytest.mark.parametrize("chunk_bytes", [9, 1 << 20])
def test_a_short_and_a_long_line_that_balance_in_one_block_are_both_repaired(chunk_bytes: int) -> None:
    # The block's tab total is right (a record split in two lines 7 tabs short, another line with 7 tabs
    # too many): only each line's own count finds both.
    split = b"805505\t0\t202\tA\tA56\r\n484\t3/5/2002 12:00:00 AM\t28000\tP\r\n"
    extra = b"805506\t0\t3\tA\ta\tb\tc\td\te\tf\tg\th\t1/1/2002 12:00:00 AM\t9\tP\r\n"
    assert (split + extra).count(b"\t") == 7 * 3
    records, cleaner = clean(HEADER + ROW_1 + split + extra + ROW_2, chunk_bytes)
    assert [len(record) for record in records] == [8, 8, 8, 8]
    assert records[1] == ["805505", "0", "202", "A", "A56 484", "3/5/2002 12:00:00 AM", "28000", "P"]
    assert records[2][:3] == ["805506", "0", "3"] and records[2][5:] == ["1/1/2002 12:00:00 AM", "9", "P"]
    assert [(r.line, r.kinds) for r in cleaner.report.repairs] == [(3, ("rejoined",)), (5, ("extra_tab",))]
    assert (cleaner.report.records, cleaner.report.written, cleaner.report.rejects) == (4, 4, [])


@pytest.mark.parametrize("chunk_bytes", [1, 3, 1 << 20])
def test_a_line_without_its_carriage_return_is_looked_at(chunk_bytes: int) -> None:
    # A bare LF where the file ends its lines in CR LF: a blank one right after the header, one mid-file.
    records, cleaner = clean(HEADER + b"\n" + ROW_1 + b"\n" + ROW_2, chunk_bytes)
    assert records == [line.decode().rstrip("\r\n").split("\t") for line in (ROW_1, ROW_2)]
    assert (cleaner.report.records, cleaner.report.blank_lines) == (2, 2)


@given(
    rows=st.lists(
        st.sampled_from(
            [
                ROW_1,
                ROW_2,
                b"\r\n",
                b"1\t0\t1\tA\r\nB\t\t\tP\r\n",
                b"2\t0\t1\tA\x00\x1a\tB\t\t\tP\r\n",
                b"3\t0\t1\tA\tB\t\t\tP\xe9\r\n",
                b"4\t0\t1\tA\tB\tC\t\t\tP\r\n",
                b"5\t0\t1\tA\rB\tC\t\t\tP\r\n",
            ]
        ),
        max_size=30,
    ),
    chunk_bytes=st.integers(min_value=1, max_value=200),
)
def test_what_comes_out_does_not_depend_on_how_the_bytes_come_in(rows: list[bytes], chunk_bytes: int) -> None:
    data = HEADER + b"".join(rows)
    whole, whole_cleaner = clean(data)
    chunked, chunked_cleaner = clean(data, chunk_bytes)
    assert chunked == whole
    assert chunked_cleaner.report == whole_cleaner.report
