"""Write a synthetic CAL-ACCESS export at full size (or a fraction of it), modelled on the real sample.

    python -m bench.generate --out DIR --scale 1.0     # ~40 M rows, ~5 GB of TSV, ~1.6 GB zipped
    python -m bench.generate --out DIR --scale 0.01    # for quick runs

Each table is written at its real size: the seven biggest at their 2016 counts from DESIGN.md, the others
at our estimates (the state publishes none), ~40 M rows in all, and the four tables that are always empty
empty. Rows are the sample's own clean rows, cycled, with their ids rewritten so that the tables hang
together as the real ones do (`Model`):
- filers: FILERS_CD holds `filers` filer ids; FILERNAME_CD, FILER_TO_FILER_TYPE_CD, FILER_LINKS_CD and the
  other filer tables name them;
- filings: the campaign tables with FILING_ID and AMEND_ID (covers, summaries, items, memos) share one range
  of filing ids, as many filings as CVR_CAMPAIGN_DISCLOSURE_CD has covers (~10 receipts and ~9 summary
  lines each at full size), the lobbying tables another; each table's rows are spread evenly over the
  filings; each cover names the filing's filer, and FILER_FILINGS_CD indexes every filing under it;
- amendments: one filing in eight (the sample has 1.13 versions per filing) is amended once, as a whole
  re-filing: its lines again under AMEND_ID 1 with the same TRAN_IDs and LINE_ITEMs, the last one dropped
  when the count is odd (a line removed by the amendment);
- items that name a committee (a CMTE_ID in the sample row) name one of the filers.
Defects are then injected at about the rates the sample shows (per record: stray tab 1e-4, Ctrl-Z 1e-4,
NUL 2e-5, carriage return 3e-5, blank line 2e-5) plus those the sample was cleaned of but the real export
has (split records 1e-4, Windows-1252 bytes 5e-5), from a fixed seed, so a run is repeatable. Speed: rows
are built from byte templates with one `%` format each, and the zip is deflated at level 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "calaccess" / "dbwebexport-sample.zip"

#: Rows per table at scale 1.0. The first seven are DESIGN.md's 2016 counts; the rest are our estimates,
#: shaped by what each table holds, so that the whole is ~40 M rows.
ROWS: dict[str, int] = {
    "RCPT_CD": 9_300_000,
    "SMRY_CD": 8_000_000,
    "EXPN_CD": 4_800_000,
    "SPLT_CD": 3_200_000,
    "FILER_FILINGS_CD": 1_900_000,
    "FILINGS_CD": 1_700_000,
    "TEXT_MEMO_CD": 1_500_000,
    "CVR_CAMPAIGN_DISCLOSURE_CD": 900_000,
    "S497_CD": 900_000,
    "FILERNAME_CD": 800_000,
    "DEBT_CD": 600_000,
    "CVR2_CAMPAIGN_DISCLOSURE_CD": 600_000,
    "NAMES_CD": 600_000,
    "FILER_TO_FILER_TYPE_CD": 600_000,
    "CVR_LOBBY_DISCLOSURE_CD": 450_000,
    "LPAY_CD": 400_000,
    "CVR3_VERIFICATION_INFO_CD": 400_000,
    "FILER_ADDRESS_CD": 400_000,
    "ADDRESS_CD": 400_000,
    "FILER_XREF_CD": 350_000,
    "FILERS_CD": 350_000,
    "LEXP_CD": 300_000,
    "CVR2_SO_CD": 300_000,
    "CVR2_REGISTRATION_CD": 300_000,
    "FILER_LINKS_CD": 300_000,
    "RECEIVED_FILINGS_CD": 250_000,
    "EFS_FILING_LOG_CD": 250_000,
    "LOAN_CD": 200_000,
    "LCCM_CD": 200_000,
    "LEMP_CD": 200_000,
    "CVR2_LOBBY_DISCLOSURE_CD": 200_000,
    "CVR_SO_CD": 150_000,
    "CVR_REGISTRATION_CD": 150_000,
    "S401_CD": 150_000,
    "LOTH_CD": 100_000,
    "LATT_CD": 100_000,
    "S496_CD": 100_000,
    "F501_502_CD": 100_000,
    "LOBBY_AMENDMENTS_CD": 100_000,
    "IMAGE_LINKS_CD": 100_000,
    "HDR_CD": 100_000,
    "LOBBYING_CHG_LOG_CD": 60_000,
    "S498_CD": 50_000,
    "FILER_INTERESTS_CD": 50_000,
    "LOBBYIST_CONTRIBUTIONS1_CD": 40_000,
    "LOBBYIST_CONTRIBUTIONS2_CD": 40_000,
    "LOBBYIST_CONTRIBUTIONS3_CD": 40_000,
    "LOBBYIST_EMPLOYER1_CD": 30_000,
    "LOBBYIST_EMPLOYER2_CD": 30_000,
    "LOBBYIST_EMPLOYER3_CD": 30_000,
    "LOBBYIST_EMP_LOBBYIST1_CD": 30_000,
    "LOBBYIST_EMP_LOBBYIST2_CD": 30_000,
    "F495P2_CD": 20_000,
    "FILER_ETHICS_CLASS_CD": 20_000,
    "F690P2_CD": 10_000,
    "LOBBYIST_FIRM_LOBBYIST1_CD": 10_000,
    "LOBBYIST_FIRM_LOBBYIST2_CD": 10_000,
    "LOBBYIST_EMPLOYER_FIRMS1_CD": 10_000,
    "LOBBYIST_EMPLOYER_FIRMS2_CD": 10_000,
    "FILING_PERIOD_CD": 5_000,
    "FILER_ACRONYMS_CD": 5_000,
    "LOBBYIST_FIRM1_CD": 5_000,
    "LOBBYIST_FIRM2_CD": 5_000,
    "LOBBYIST_FIRM3_CD": 5_000,
    "LOBBYIST_FIRM_EMPLOYER1_CD": 5_000,
    "LOBBYIST_FIRM_EMPLOYER2_CD": 5_000,
    "ACRONYMS_CD": 3_000,
    "CVR_E530_CD": 1_000,
    "LOOKUP_CODES_CD": 1_000,
    "BALLOT_MEASURES_CD": 500,
    "HEADER_CD": 100,
    "REPORTS_CD": 40,
    "LEGISLATIVE_SESSIONS_CD": 30,
    "GROUP_TYPES_CD": 20,
    "FILER_TYPES_CD": 18,
    "FILER_STATUS_TYPES_CD": 8,
}

#: Per record, the chance of each defect (see the module docstring for where the rates come from).
RATES: dict[str, float] = {
    "stray_tab": 1e-4,
    "ctrl_z": 1e-4,
    "nul": 2e-5,
    "carriage_return": 3e-5,
    "blank_line": 2e-5,
    "split_record": 1e-4,
    "cp1252": 5e-5,
}
BLOCK_ROWS = 20_000


def _clean_rows(data: bytes) -> tuple[bytes, list[bytes]]:
    """The header line and the sample's clean rows (no defect of their own), without line endings."""
    lines = data.split(b"\r\n")
    header, rows = lines[0], [line for line in lines[1:] if line]
    tabs = header.rstrip(b"\t").count(b"\t")
    clean = [
        row
        for row in rows
        if row.count(b"\t") == tabs
        and row.isascii()
        and not any(byte in row for byte in (b"\x00", b"\x1a", b"\r"))
    ]
    return header, clean


FILER_BASE = 10_000_000
CAMPAIGN_FILING_BASE = 10_000_000
LOBBYING_FILING_BASE = 30_000_000
#: One filing in this many is amended once.
AMENDED_EVERY = 8
#: The tables with FILING_ID and AMEND_ID that belong to lobbying filings (the rest are campaign filings').
LOBBYING = frozenset(
    {
        "CVR_LOBBY_DISCLOSURE_CD",
        "CVR2_LOBBY_DISCLOSURE_CD",
        "CVR_REGISTRATION_CD",
        "CVR2_REGISTRATION_CD",
        "LOBBY_AMENDMENTS_CD",
        "LATT_CD",
        "LCCM_CD",
        "LEMP_CD",
        "LEXP_CD",
        "LOTH_CD",
        "LPAY_CD",
        "F690P2_CD",
    }
)
#: The columns whose values the model rewrites, and what they hold.
FILER_COLUMNS = frozenset({"FILER_ID", "FILER_ID_A", "FILER_ID_B", "XREF_FILER_ID"})


@dataclass(frozen=True)
class Model:
    """How many filers and filings the export holds, at this scale."""

    filers: int
    campaign_filings: int
    lobbying_filings: int

    @classmethod
    def at(cls, scale: float) -> Model:
        return cls(
            filers=max(1, round(ROWS["FILERS_CD"] * scale)),
            campaign_filings=max(1, round(ROWS["CVR_CAMPAIGN_DISCLOSURE_CD"] * scale)),
            lobbying_filings=max(1, round(ROWS["CVR_LOBBY_DISCLOSURE_CD"] * scale)),
        )

    def filer_of(self, filing: int) -> int:
        """The filer of a filing (campaign or lobbying): filings are dealt out to filers in turn."""
        return FILER_BASE + (filing * 7_919) % self.filers


@dataclass(frozen=True)
class Template:
    """A sample row as a `%` template, and which value goes in each placeholder, in order."""

    text: bytes
    slots: tuple[str, ...]  # 'filing', 'amend', 'filer', 'committee', 'number'


def _templates(header: bytes, rows: list[bytes]) -> list[Template]:
    """Rows as templates: the filing, amendment, filer and committee ids become placeholders; a table
    with none of them has its first column renumbered where it is an id in every row."""
    names = [name.decode() for name in header.rstrip(b"\t").split(b"\t")]
    kinds: dict[int, str] = {}
    if names[:2] == ["FILING_ID", "AMEND_ID"]:
        kinds = {0: "filing", 1: "amend"}
    elif "FILING_ID" in names:
        kinds = {names.index("FILING_ID"): "filing"}
    for at, name in enumerate(names):
        if name in FILER_COLUMNS:
            kinds[at] = "filer"
        elif name == "CMTE_ID":
            kinds[at] = "committee"
    firsts = [row.partition(b"\t")[0] for row in rows]
    if not kinds and all(first.isdigit() for first in firsts):
        kinds = {0: "number"}
    made = []
    for row in rows:
        fields = row.split(b"\t")
        slots = []
        for at, field in enumerate(fields):
            kind = kinds.get(at)
            if kind is None or (kind == "committee" and not field.strip()):
                fields[at] = field.replace(b"%", b"%%")
                continue
            fields[at] = b"%d"
            slots.append(kind)
        made.append(Template(b"\t".join(fields), tuple(slots)))
    return made


def _rows(
    table: str, templates: list[Template], rows: int, model: Model, start: int, stop: int
) -> list[bytes]:
    """Rows start..stop of the table, their ids from the model."""
    count = len(templates)
    versioned = templates[0].slots[:2] == ("filing", "amend")
    lobbying = table in LOBBYING
    filings = model.lobbying_filings if lobbying else model.campaign_filings
    base = LOBBYING_FILING_BASE if lobbying else CAMPAIGN_FILING_BASE
    lines = []
    for i in range(start, stop):
        if versioned:
            # spread the rows evenly over the filings; an amended filing's lines come again as AMEND_ID 1
            k = i * filings // rows
            first = -(-k * rows // filings)
            n = -(-(k + 1) * rows // filings) - first
            position, amend = i - first, 0
            if k % AMENDED_EVERY == 0 and n >= 2:
                half = (n + 1) // 2
                if position >= half:
                    position, amend = position - half, 1
            template = templates[(first + position) % count]
            filing = k
        else:
            template = templates[i % count]
            filing = i % (model.campaign_filings + model.lobbying_filings)
            amend = 0
        values = []
        for slot in template.slots:
            if slot == "filing":
                values.append(base + filing if versioned else _any_filing(model, filing))
            elif slot == "amend":
                values.append(amend)
            elif slot == "filer":
                values.append(
                    model.filer_of(filing)
                    if versioned or table == "FILER_FILINGS_CD"
                    else FILER_BASE + i % model.filers
                )
            elif slot == "committee":
                values.append(FILER_BASE + (filing * 104_729 + i) % model.filers)
            else:
                values.append(FILER_BASE + i)
        lines.append(template.text % tuple(values))
    return lines


def _any_filing(model: Model, index: int) -> int:
    """A filing id of either range, for the tables that index filings (FILER_FILINGS_CD, FILINGS_CD)."""
    if index < model.campaign_filings:
        return CAMPAIGN_FILING_BASE + index
    return LOBBYING_FILING_BASE + index - model.campaign_filings


def _space_in_text(line: bytes, rng: random.Random) -> int:
    """The offset of a space between two letters (inside a text value), or -1."""
    spaces = [i for i in range(1, len(line) - 1) if line[i] == 32 and line[i - 1] > 64 and line[i + 1] > 64]
    return rng.choice(spaces) if spaces else -1


def _defect(kind: str, line: bytes, rng: random.Random) -> bytes:
    """The line with one defect of the kind, as the real export shows it."""
    if kind in ("stray_tab", "split_record", "cp1252"):
        at = _space_in_text(line, rng)
        if at < 0:
            return line + b"\x1a" if kind != "cp1252" else line
        insert = {"stray_tab": b"\t", "split_record": b"\r\n", "cp1252": b" \x96 "}[kind]
        return line[:at] + insert + line[at + 1 :]
    if kind == "ctrl_z":
        at = line.rfind(b"\t\t")
        return line[: at + 1] + b"\x1a" + line[at + 1 :] if at >= 0 else line + b"\x1a"
    if kind == "nul":
        at = _space_in_text(line, rng)
        return line[:at] + b"b\x00\x19s " + line[at + 1 :] if at >= 0 else line + b"\x00"
    if kind == "carriage_return":
        return line + b"\r"
    if kind == "blank_line":
        return line + b"\r\n"
    raise ValueError(kind)


def table_blocks(
    table: str, templates: list[Template], rows: int, seed: int, model: Model
) -> Iterator[bytes]:
    """The table's rows as CRLF text in blocks, defects injected from a seeded generator."""
    rng = random.Random(seed)
    kinds = list(RATES)
    weights = [RATES[kind] for kind in kinds]
    defect_rate = sum(weights)
    for start in range(0, rows, BLOCK_ROWS):
        lines = _rows(table, templates, rows, model, start, min(rows, start + BLOCK_ROWS))
        for _ in range(_poisson(rng, defect_rate * len(lines))):
            at = rng.randrange(len(lines))
            lines[at] = _defect(rng.choices(kinds, weights)[0], lines[at], rng)
        yield b"\r\n".join(lines) + b"\r\n"


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw by inversion (fine for the small means of defect counts)."""
    threshold, product, count = pow(2.718281828459045, -mean), rng.random(), 0
    while product > threshold:
        product *= rng.random()
        count += 1
    return count


def generate(out: Path, scale: float, sample: Path = SAMPLE, report: Callable[[str], None] = print) -> Path:
    """Write `out/dbwebexport.zip` at the given scale; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "dbwebexport.zip"
    started = time.perf_counter()
    total_rows = 0
    model = Model.at(scale)
    with (
        zipfile.ZipFile(sample) as source,
        zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
    ):
        for seed, info in enumerate(sorted(source.infolist(), key=lambda i: i.filename)):
            if not info.filename.upper().endswith(".TSV"):
                continue
            name = info.filename.rsplit("/", 1)[-1]
            data = source.read(info)
            member = f"CalAccess/DATA/{name}"
            if not data:
                archive.writestr(member, b"")  # the tables that are always empty
                continue
            header, rows = _clean_rows(data)
            table = name.removesuffix(".TSV")
            wanted = round(ROWS.get(table, 1_000) * scale)
            with archive.open(member, "w", force_zip64=True) as file:
                file.write(header + b"\r\n")
                for block in table_blocks(table, _templates(header, rows), wanted, seed, model):
                    file.write(block)
            total_rows += wanted
            report(f"{name}: {wanted:,} rows ({time.perf_counter() - started:.0f} s)")
    report(f"wrote {target}: {total_rows:,} rows, {target.stat().st_size / 1e6:,.0f} MB zipped, "
           f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for dbwebexport.zip")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the real sizes (1.0 = ~40 M rows)"
    )
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="the sampled export to model rows on")
    args = parser.parse_args(argv)
    generate(args.out, args.scale, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
