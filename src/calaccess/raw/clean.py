"""Repair the byte stream of one export file into clean tab-separated records, at C speed where it can.

The export is tab-separated text with no quoting, written by a Windows system: CRLF endings, records split
across lines by a line break typed inside a value, tabs typed inside a value, NUL and Ctrl-Z bytes, and a
few bytes that are not UTF-8. DuckDB parses clean text far faster than Python can, so this module only
decides which lines are clean (whole chunks are checked with `bytes` methods, which run in C) and repairs
the few that are not, line by line. Clean lines are passed on as the very bytes they were.

What each repair does, and why:

- A record whose field count is short is continued on the next line(s): the break inside the value becomes
  one space, and lines are joined until the record has its fields (`rejoined`).
- A record with surplus fields had tabs typed inside one value. We try every way of merging the surplus
  into one text column (the pieces joined by one space); a way is possible only if every typed column
  (numbers, dates, flags) still reads as its type. Among the possible ways we take the one whose values
  look most like their columns in the rest of the file (empty, number, date, code or text, as counted
  on the clean lines among the file's first thousand that come before it); ties go to the earliest
  column, where the names are (`extra_tab`). The record is rejected, with its reason, when no way keeps
  the typed columns readable, or when even the likeliest way is not a repair we can defend:
  - it takes in more than MAX_EMPTY_FIELDS empty fields. A tab typed between two words leaves text on
    both sides of it; trailing tabs, or a line of nothing but tabs, leave empty fields that belong to no
    value, and as an empty field reads as every type, nothing tells where they would go (a real RCPT_CD
    record with 138 empty fields appended was "repaired" into one value holding the whole record). The
    bound is what the real repairs need: in the sample, five records have one tab typed between two
    words, and one (LPAY_CD line 50) has three typed into an empty description;
  - the record it makes has an empty key column (or, in a table with no known key, no value at all): a
    record that cannot be told apart from another is not one.
- NUL is dropped, except in `b NUL x` with x in 0x10-0x3F: that is a UTF-8 punctuation mark (E2 80 xx,
  such as the right single quote ’ in `Governor’s`) whose bytes lost their high bit, and it is restored
  to that mark (U+2000 + x), so `Governorb\\x00\\x19s` becomes `Governor’s` (`mark_restored`, `nul_removed`).
- Ctrl-Z (0x1A), a DOS end-of-file mark with no meaning inside a value, is dropped (`ctrl_z_removed`).
- A byte sequence that is not UTF-8 is read as Windows-1252, the encoding of the system that wrote the
  export (a byte Windows-1252 leaves undefined is read as Latin-1); each such byte is recorded
  (`decoded_cp1252`).
- A carriage return inside a line is a line break typed in a value: it becomes a space (`bare_cr`); the
  CR of a CRLF ending, and any CR just before it, is a line ending and simply goes.
- A blank line outside a record is not a record: it is skipped and counted.

A record that still cannot be read is rejected with its line number, raw text and reason. Padding and
types are not handled here but in SQL (`load.py`), set-based, for every row alike.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from calaccess.errors import ParseError
from calaccess.raw.tables import date_pattern

#: How many of a file's first clean lines are profiled to judge where a surplus tab belongs.
PROFILE_LINES = 1000
#: The most empty fields that one merge of surplus tabs may take in: three tabs typed into an empty value
#: (LPAY_CD line 50 of the sample) is the most that a real repair has needed.
MAX_EMPTY_FIELDS = 3

# Shapes a value can have; a column's profile counts how often each appears there.
_SHAPES = ("empty", "integer", "number", "date", "code", "text")
# ASCII digits only ([0-9], not \d, which takes any script's digits): the SQL casts read no others.
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)")
_AMOUNT = re.compile(r"[+-]?([0-9]+(\.[0-9]{0,2})?|\.[0-9]{1,2})")  # as written_as_amount in raw_casts.sql
_DATE = re.compile(date_pattern())  # a value in one of the formats the SQL casts read
_CODE = re.compile(r"[A-Z0-9_-]{1,6}")
_FLAG_VALUES = frozenset({"", "Y", "N", "X", "T", "F", "1", "0", "YES", "NO", "TRUE", "FALSE"})
_CTRL_Z = b"\x1a"
_CR = b"\r"
_LF, _TAB, _CR_BYTE = 0x0A, 0x09, 0x0D
_CR_NOT_ENDING = re.compile(rb"\r(?!\n)")
_ANY_CR = re.compile(rb"\r")
_BROKEN_MARK = re.compile(rb"b\x00([\x10-\x3f])")


@dataclass(frozen=True)
class Repair:
    """One record that was read only after a repair: where it starts, what was done, the detail."""

    line: int
    kinds: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class Reject:
    """One record that could not be read: where it starts, its raw text, and why."""

    line: int
    raw_text: str
    reason: str


@dataclass
class CleanReport:
    """What cleaning one file found: records read and written, repairs, rejects, blank lines."""

    records: int = 0
    written: int = 0
    blank_lines: int = 0
    repairs: list[Repair] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    lines_read: int = 0


def value_is_readable(value: str, column_type: str) -> bool:
    """Whether a value (padding allowed) reads as the registry type; the SQL casts apply the same rule."""
    value = value.strip(" ")
    if not value or column_type == "text":
        return True
    if column_type in ("integer", "bigint"):
        return _INTEGER.fullmatch(value) is not None
    if column_type == "decimal":
        return _AMOUNT.fullmatch(value) is not None
    if column_type in ("date", "timestamp"):
        return _DATE.fullmatch(value) is not None
    if column_type == "boolean":
        return value.upper() in _FLAG_VALUES
    return True


def _shape(value: str) -> str:
    value = value.strip(" ")
    if not value:
        return "empty"
    if _INTEGER.fullmatch(value):
        return "integer"
    if _NUMBER.fullmatch(value):
        return "number"
    if _DATE.fullmatch(value):
        return "date"
    if _CODE.fullmatch(value):
        return "code"
    return "text"


class _Profile:
    """How often each shape of value appears in each column, from a file's first clean lines."""

    def __init__(self, width: int) -> None:
        self.counts = [dict.fromkeys(_SHAPES, 0) for _ in range(width)]
        self.lines = 0

    def add(self, fields: Sequence[str]) -> None:
        for counts, value in zip(self.counts, fields, strict=True):
            counts[_shape(value)] += 1
        self.lines += 1

    def term(self, column: int, value: str) -> float:
        """A value's log-likelihood in a column; a record's is the sum of its terms, in column order."""
        total = self.lines + len(_SHAPES) * 0.5
        return math.log((self.counts[column][_shape(value)] + 0.5) / total)

    def terms(self, fields: Sequence[str]) -> list[float]:
        """Each value's term, the values taken as the record's columns."""
        return [self.term(column, value) for column, value in enumerate(fields)]


def _decode_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252 (Latin-1 where undefined)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    text = "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in bad)
    return text, error.end


codecs.register_error("calaccess-cp1252", _decode_cp1252)


class _Block:
    """A block of whole lines (it ends with LF), with where each line ends, found once, in C."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.bytes = np.frombuffer(data, dtype=np.uint8)
        self.ends = np.flatnonzero(self.bytes == _LF)  # the offset of each line's LF
        self.lines = len(self.ends)

    def start(self, index: int) -> int:
        return 0 if index == 0 else int(self.ends[index - 1]) + 1

    def end(self, index: int) -> int:
        """The offset of the line's LF."""
        return int(self.ends[index])

    def line_at(self, offset: int) -> int:
        """The index of the line holding this offset."""
        return int(np.searchsorted(self.ends, offset, side="left"))

    def lines_without_tabs(self, tabs: int) -> list[int]:
        """The lines that do not hold exactly this many tabs, counted per line in one pass."""
        starts = np.empty_like(self.ends)
        starts[0] = 0
        starts[1:] = self.ends[:-1] + 1
        # Each line's slice runs to its LF, so every slice is non-empty, as reduceat needs.
        # Summed as uint8 into int32: over twice as fast as summing booleans into int64.
        counts = np.add.reduceat((self.bytes == _TAB).view(np.uint8), starts, dtype=np.int32)
        result: list[int] = np.flatnonzero(counts != tabs).tolist()
        return result

    def ending_in_cr(self) -> npt.NDArray[np.bool_]:
        """Whether each line ends in CR LF (a blank first line at the block's start does not)."""
        before = self.ends - 1
        ending: npt.NDArray[np.bool_] = self.bytes[np.maximum(before, 0)] == _CR_BYTE
        ending &= before >= 0
        return ending


class FileCleaner:
    """Clean one export file, fed as a stream of byte chunks; yields clean TSV bytes without the header.

    Memory stays at one chunk plus the few lines of a split record, whatever the file's size.
    """

    def __init__(
        self,
        path: str,
        source_names: Sequence[str],
        column_types: Sequence[str],
        key_names: Sequence[str] = (),
    ) -> None:
        if len(source_names) != len(column_types):
            raise ValueError("one type per column")
        self.path = path
        self.source_names = tuple(name.upper() for name in source_names)
        self.column_types = tuple(column_types)
        # The natural key's columns, by index: a merged record must have a value in each.
        self.key_names = tuple(name.upper() for name in key_names)
        self.key_indexes = tuple(self.source_names.index(name) for name in self.key_names)
        self.width = len(source_names)
        self.report = CleanReport()
        self._tabs = self.width - 1
        self._newline = b"\r\n"
        self._header_seen = False
        # The file's first lines, kept as bytes and profiled only when a surplus tab needs it.
        self._profile_lines: list[bytes] = []
        self._profile = _Profile(self.width)
        self._profiled = 0  # how many of them are counted in the profile
        # A short record waiting for its continuation: first line number, raw lines, text so far, kinds.
        self._pending: tuple[int, list[bytes], str, set[str], list[str]] | None = None
        # The last record written, not yet passed on: its bytes, line, and index in the repairs if any.
        self._held: bytes | None = None
        self._held_line = 0
        self._held_repair: int | None = None

    # -- the stream ------------------------------------------------------------------------------

    def clean(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """Yield clean blocks of whole lines (CRLF or LF, as the file ends its header)."""
        rest = b""
        for chunk in chunks:
            if not chunk:
                continue
            data = rest + chunk if rest else chunk
            cut = data.rfind(b"\n")
            if cut < 0:
                rest = data
                continue
            rest = data[cut + 1 :]
            yield from self._clean_block(data[: cut + 1])
        if rest:
            yield from self._clean_block(rest + self._newline)
        self._flush_pending(at_end=True)
        if self._held is not None:
            yield self._held
            self._held = None

    def _clean_block(self, data: bytes) -> list[bytes]:
        """Clean whole lines ending in LF; lines that pass every check are passed on untouched.

        The block's last record is held back until the next block (or the end): a line break inside its
        last value leaves a fragment on the next line, which is then joined to it.
        """
        if not self._header_seen:
            end = data.find(b"\n")
            self._read_header(data[: end + 1])
            data = data[end + 1 :]
            if not data:
                return []
        block = _Block(data)
        first_line = self.report.lines_read + 1
        self.report.lines_read += block.lines
        if len(self._profile_lines) < PROFILE_LINES:
            take = min(PROFILE_LINES - len(self._profile_lines), block.lines)
            self._profile_lines.extend(data[: block.end(take - 1)].split(b"\n"))
        bad = self._bad_line_indexes(block)
        if self._pending is None and not bad:
            self.report.records += block.lines
            self.report.written += block.lines
            out = [] if self._held is None else [self._held]
            last = block.start(block.lines - 1)
            out.append(data[:last])
            self._hold(data[last:], first_line + block.lines - 1, None)
            return out
        return self._clean_lines(block, bad, first_line)

    def _hold(self, record: bytes, line: int, repair_index: int | None) -> None:
        self._held = record
        self._held_line = line
        self._held_repair = repair_index

    # -- the header ------------------------------------------------------------------------------

    def _read_header(self, raw: bytes) -> None:
        self._header_seen = True
        self.report.lines_read = 1
        self._newline = b"\r\n" if raw.endswith(b"\r\n") else b"\n"
        text = raw.rstrip(b"\r\n").decode("utf-8", errors="replace")
        names = [name.strip().upper() for name in text.split("\t")]
        while names and not names[-1]:
            names.pop()  # a trailing tab on the header names no column
        if tuple(names) != self.source_names:
            missing = [name for name in self.source_names if name not in names]
            unknown = [name for name in names if name not in self.source_names]
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if unknown:
                detail.append(f"unknown {', '.join(unknown)}")
            if not detail:
                detail.append("the columns are in another order")
            raise ParseError(
                f"header does not match the registry ({'; '.join(detail)}): expected "
                f"{len(self.source_names)} columns {', '.join(self.source_names)}",
                path=self.path,
                line=1,
            )

    def _column_profile(self, before_line: int) -> _Profile:
        """The shapes of values per column on the file's first clean lines that come before this line.

        Only lines before it: so the profile, and the merge it decides, is the same however the file's
        bytes were cut into chunks.
        """
        # Line 1 is the header: the file's n-th line after it, profile_lines[n - 2], is line n.
        upto = max(self._profiled, min(len(self._profile_lines), before_line - 2))
        for raw in self._profile_lines[self._profiled : upto]:
            if raw.count(b"\t") == self._tabs:
                self._profile.add(raw.rstrip(b"\r").decode("utf-8", errors="replace").split("\t"))
        self._profiled = upto
        return self._profile

    # -- line by line, for blocks with a defect ----------------------------------------------------

    def _clean_lines(self, block: _Block, bad: list[int], first_line: int) -> list[bytes]:
        """Pass runs of clean lines through as the bytes they were; repair, rejoin or reject the others."""
        out: list[bytes] = []
        data = block.data
        clean_from = 0
        for index in [*bad, block.lines]:
            if index > clean_from:
                self._flush_pending(at_end=False)
                if self._held is not None:
                    out.append(self._held)
                last = block.start(index - 1)
                if index - 1 > clean_from:
                    out.append(data[block.start(clean_from) : last])
                self._hold(data[last : block.end(index - 1) + 1], first_line + index - 1, None)
                self.report.records += index - clean_from
                self.report.written += index - clean_from
            if index < block.lines:
                self._feed(data[block.start(index) : block.end(index)], first_line + index, out)
            clean_from = index + 1
        return out

    def _bad_line_indexes(self, block: _Block) -> list[int]:
        """Indexes of the lines that need a look: wrong field count, stray bytes, not UTF-8.

        Every check runs over the whole block in C (numpy, or `bytes` methods for the rare bytes); only
        their hits are mapped back to lines.
        """
        data = block.data
        bad: set[int] = set(block.lines_without_tabs(self._tabs))
        if self.width == 1:
            lines = data.split(b"\n")[:-1]
            bad.update(index for index, line in enumerate(lines) if not line.strip(b"\r "))
        for byte in (b"\x00", b"\x1a"):  # find() is a memchr: far faster than a regex over the block
            offset = data.find(byte)
            while offset >= 0:
                bad.add(block.line_at(offset))
                offset = data.find(byte, offset + 1)
        if self._newline == b"\r\n":
            ending_in_cr = block.ending_in_cr()
            if data.count(b"\r") != ending_in_cr.sum():
                bad.update(block.line_at(match.start()) for match in _CR_NOT_ENDING.finditer(data))
            if not ending_in_cr.all():
                bad.update(np.flatnonzero(~ending_in_cr).tolist())
        elif b"\r" in data:
            bad.update(block.line_at(match.start()) for match in _ANY_CR.finditer(data))
        if not data.isascii():
            bad.update(block.line_at(start) for start, _ in _non_utf8(data))
        return sorted(bad)

    def _feed(self, raw: bytes, line: int, out: list[bytes]) -> None:
        """Take one line that needs a look, joining it to a pending short record where it continues one."""
        text, kinds, notes = self._decode(raw)
        if self._pending is not None:
            start, raws, so_far, pending_kinds, pending_notes = self._pending
            joined = so_far + " " + text if text.strip(" ") else so_far
            fields = joined.count("\t") + 1
            if fields <= self.width:
                raws.append(raw)
                self._pending = (
                    start,
                    raws,
                    joined,
                    pending_kinds | kinds | {"rejoined"},
                    pending_notes + notes,
                )
                if fields == self.width:
                    self._pending = None
                    self._write(
                        joined, start, pending_kinds | kinds | {"rejoined"}, raws, pending_notes + notes, out
                    )
                return
            if not self._attach_to_held():
                self._reject_pending(
                    f"{self._pending_fields()} of {self.width} fields, and the next line does not complete it"
                )
        if not text.strip(" "):
            self.report.blank_lines += 1
            return
        fields = text.count("\t") + 1
        if fields < self.width:
            self._pending = (line, [raw], text, kinds, notes)
            return
        self._write(text, line, kinds, [raw], notes, out)

    def _attach_to_held(self) -> bool:
        """Join a pending fragment without tabs to the last value of the held record, if that is text."""
        assert self._pending is not None
        _, raws, text, kinds, notes = self._pending
        if self._held is None or "\t" in text or self.column_types[-1] != "text":
            return False
        self._pending = None
        held = self._held.rstrip(b"\r\n").decode("utf-8")
        self._held = (held + " " + text).encode("utf-8") + self._newline
        note = f"{len(raws)} line(s) after it joined to {self.source_names[-1]}"
        if self._held_repair is None:
            self.report.repairs.append(Repair(self._held_line, ("rejoined",), "; ".join([*notes, note])))
            self._held_repair = len(self.report.repairs) - 1
        else:
            old = self.report.repairs[self._held_repair]
            self.report.repairs[self._held_repair] = Repair(
                old.line,
                tuple(sorted({*old.kinds, *kinds, "rejoined"})),
                "; ".join([old.detail, *notes, note]),
            )
        return True

    def _pending_fields(self) -> int:
        assert self._pending is not None
        return self._pending[2].count("\t") + 1

    def _reject_pending(self, reason: str) -> None:
        assert self._pending is not None
        start, raws, _, _, _ = self._pending
        self._pending = None
        self.report.records += 1
        self.report.rejects.append(Reject(start, _raw_text(raws), reason))

    def _flush_pending(self, *, at_end: bool) -> None:
        """A short record followed by a complete line, or by the end of the file, cannot be completed.

        Unless it is a fragment with no tab after a record whose last column is text: then a line break
        was typed in that last value, and the fragment is the value's end.
        """
        if self._pending is not None and self._attach_to_held():
            return
        if self._pending is not None:
            where = "the end of the file" if at_end else "a complete record"
            self._reject_pending(f"{self._pending_fields()} of {self.width} fields, followed by {where}")

    def _write(
        self, text: str, line: int, kinds: set[str], raws: list[bytes], notes: list[str], out: list[bytes]
    ) -> None:
        """Write one record with the right number of fields, merging surplus tabs where that is safe."""
        self.report.records += 1
        fields = text.split("\t")
        if len(fields) > self.width:
            merged = self._merge_surplus(fields, line)
            if isinstance(merged, str):
                surplus = len(fields) - self.width
                reason = f"{len(fields)} fields for {self.width} columns: {surplus} tab(s) too many, and "
                reason += merged
                self.report.rejects.append(Reject(line, _raw_text(raws), reason))
                return
            fields, column = merged
            kinds = kinds | {"extra_tab"}
            notes = [*notes, f"{len(text.split(chr(9))) - self.width} extra tab(s) merged into {column}"]
        if self._held is not None:
            out.append(self._held)
        self.report.written += 1
        repair_index = None
        if kinds:
            self.report.repairs.append(Repair(line, tuple(sorted(kinds)), "; ".join(notes)))
            repair_index = len(self.report.repairs) - 1
        self._hold(("\t".join(fields)).encode("utf-8") + self._newline, line, repair_index)

    def _merge_surplus(self, fields: list[str], line: int) -> tuple[list[str], str] | str:
        """The likeliest way to merge surplus fields into one text column, or why it is not to be loaded.

        Merging at one column leaves the fields before it in place and those after it shifted back by
        the surplus, so each field is checked and scored twice (in place, shifted), not once per way.
        """
        surplus = len(fields) - self.width
        types = self.column_types
        in_place = list(map(value_is_readable, fields[: self.width], types))
        shifted = list(map(value_is_readable, fields[surplus:], types))
        profile = self._column_profile(line)
        in_place_terms = profile.terms(fields[: self.width])
        shifted_terms = profile.terms(fields[surplus:])
        # The score, the record, the column merged into, and how many empty fields the merge takes in.
        best: tuple[float, list[str], str, int] | None = None
        for start in range(self.width):
            if types[start] != "text" or not (all(in_place[:start]) and all(shifted[start + 1 :])):
                continue
            pieces = [piece.strip(" ") for piece in fields[start : start + surplus + 1]]
            value = " ".join(piece for piece in pieces if piece)
            candidate = [*fields[:start], value, *fields[start + surplus + 1 :]]
            # The tabs that stand between two pieces of text are explained; the others took in nothing.
            empty_fields = len(pieces) - max(1, sum(1 for piece in pieces if piece))
            score = sum([*in_place_terms[:start], profile.term(start, value), *shifted_terms[start + 1 :]])
            if best is not None and _same_values(candidate, best[1]):
                # Dropping one of several empty fields in a row: the same record, named where the text is.
                best = (best[0], best[1], self.source_names[start], min(best[3], empty_fields))
            elif best is None or score > best[0]:
                best = (score, candidate, self.source_names[start], empty_fields)
        if best is None:
            return "no way of merging them into one text column keeps the typed columns readable"
        _, merged, column, empty_fields = best
        if empty_fields > MAX_EMPTY_FIELDS:
            return (
                f"the likeliest merge, into {column}, takes in {empty_fields} empty fields, more than the "
                f"{MAX_EMPTY_FIELDS} a merge may: tabs after the record, or a line of tabs, not tabs typed "
                "inside a value"
            )
        missing = self._missing_key(merged)
        if missing is not None:
            return f"the likeliest merge, into {column}, leaves a record with {missing}"
        return merged, column

    def _missing_key(self, fields: Sequence[str]) -> str | None:
        """What the record lacks to be told apart from others: key columns left empty, or any value."""
        if not self.key_indexes:
            return None if any(value.strip(" ") for value in fields) else "no value in any column"
        empty = [self.source_names[index] for index in self.key_indexes if not fields[index].strip(" ")]
        return f"no {', '.join(empty)} (its key is {', '.join(self.key_names)})" if empty else None

    def _decode(self, raw: bytes) -> tuple[str, set[str], list[str]]:
        """The line as text without its ending and stray bytes, and the repairs that took."""
        kinds: set[str] = set()
        notes: list[str] = []
        line = raw.rstrip(b"\r")
        if b"\x00" in line:
            line, marks = _BROKEN_MARK.subn(lambda match: chr(0x2000 + match[1][0]).encode("utf-8"), line)
            if marks:
                kinds.add("mark_restored")
                notes.append(f"{marks} punctuation mark(s) restored from 'b NUL x'")
            nuls = line.count(b"\x00")
            if nuls:
                line = line.replace(b"\x00", b"")
                kinds.add("nul_removed")
                notes.append(f"{nuls} NUL byte(s) removed")
        if b"\x1a" in line:
            notes.append(f"{line.count(_CTRL_Z)} Ctrl-Z byte(s) removed")
            line = line.replace(b"\x1a", b"")
            kinds.add("ctrl_z_removed")
        if b"\r" in line:
            notes.append(f"{line.count(_CR)} carriage return(s) inside a value made spaces")
            line = line.replace(b"\r", b" ")
            kinds.add("bare_cr")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="calaccess-cp1252")
            replaced = _non_utf8_bytes(line)
            kinds.add("decoded_cp1252")
            notes.append(
                "not UTF-8, read as Windows-1252: "
                + ", ".join(
                    f"0x{byte:02X}→{bytes([byte]).decode('utf-8', 'calaccess-cp1252')}" for byte in replaced
                )
            )
        return text, kinds, notes


def _same_values(one: Sequence[str], other: Sequence[str]) -> bool:
    return all(a.strip(" ") == b.strip(" ") for a, b in zip(one, other, strict=True))


def _non_utf8(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each run of bytes that are not valid UTF-8 starts and ends, in order.

    Decoded strictly, in C, from the end of one such run to the next: one pass however many there are,
    and the common case, a block with none, is a single decode.
    """
    view = memoryview(data)  # slices of it copy nothing
    position = 0
    while True:
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
        except UnicodeDecodeError as error:
            yield position + error.start, position + error.end
            position += error.end
        else:
            return


def _non_utf8_bytes(line: bytes) -> list[int]:
    """The distinct bytes of a line that are not part of a valid UTF-8 sequence, in order of appearance."""
    return list(dict.fromkeys(byte for start, end in _non_utf8(line) for byte in line[start:end]))


def _raw_text(raws: list[bytes]) -> str:
    """The raw lines of a record as readable text (bytes that are not UTF-8 escaped), joined by LF."""
    return "\n".join(raw.rstrip(b"\r").decode("utf-8", errors="backslashreplace") for raw in raws)
