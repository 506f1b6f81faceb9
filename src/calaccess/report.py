"""What `calaccess report` prints: a summary a reporter can read first, the details only when asked.

A stage's findings run to thousands (7,984 "candidate without form 501" on the sample), so the report
counts them by kind and lists them only for the kinds asked for, up to a limit. `calaccess validate`'s
summary of the OCD rule breaks is here too, beside the other tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table
from rich.text import Text

from calaccess import meta
from calaccess.errors import CalaccessError
from calaccess.ocd.validate import Finding, tally

ALL_KINDS = "all"
# Their subjects are tables of the same kind of records: a total means something (in the other stages the
# subjects count different things, pages, rows, people, parties, and a sum of them would not), and in a
# summary the tables loaded exactly as they were can go without a row each.
UNIFORM_STAGES = ("load",)
NUMBERS = ("rows_in", "rows_out", "rows_repaired", "rows_merged", "rows_unknown", "rows_set_aside")
HEADINGS = dict(zip(NUMBERS, ("in", "out", "repaired", "merged", "unknown", "set aside"), strict=True))
# Shown even when zero: "0 set aside" is what a reader wants to know.
ALWAYS_SHOWN = ("rows_in", "rows_out", "rows_set_aside")


def print_report(
    console: Console,
    con: duckdb.DuckDBPyConnection,
    database_path: Path,
    *,
    stage: str | None = None,
    kinds: Sequence[str] = (),
    limit: int | None = 50,
) -> None:
    """The summary (stages, accounting, findings by kind), then the findings of `kinds`, at most `limit`."""
    counts = meta.finding_counts(con, stage)
    listed = _kinds_to_list(kinds, counts, stage)
    console.print(Text(database_line(database_path)))
    runs = meta.stage_runs(con, stage)
    if not runs:
        console.print(
            f"No {'run of ' + stage if stage else 'stage has run'} on this database yet: "
            "`calaccess update` runs every stage."
        )
        return
    console.print(stages_table(runs, counts))
    for note in failure_notes(runs):
        console.print(Text(note, style="bold red"))
    print_accounting(console, con, stage, condensed=stage is None)
    if counts:
        console.print(finding_counts_table(counts))
    if counts and listed is None:
        console.print(Text("List the findings of a kind with `calaccess report --findings 'KIND'` (or all)."))
    if listed is not None:
        found = meta.findings(con, stage, kinds=listed or None, limit=limit or None)
        total = sum(n for _, kind, n in counts if not listed or kind in listed)
        console.print(findings_table(found, total))


def database_line(path: Path) -> str:
    size = f", {path.stat().st_size / 1e6:,.1f} MB" if path.exists() else ""
    return f"Database: {path}{size}"


def _kinds_to_list(
    kinds: Sequence[str], counts: list[tuple[str, str, int]], stage: str | None
) -> list[str] | None:
    """None: list no findings; []: every kind; else the kinds asked for, each of which must exist."""
    if not kinds:
        return None
    if ALL_KINDS in kinds:
        return []
    known = sorted({kind for _, kind, _ in counts})
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        where = f" from {stage}" if stage else ""
        raise CalaccessError(
            f"no findings of kind {', '.join(map(repr, unknown))}{where}; the kinds found are: "
            f"{', '.join(map(repr, known)) or 'none'} (or `all`)"
        )
    return list(kinds)


def stages_table(runs: list[meta.StageRuns], counts: list[tuple[str, str, int]]) -> Table:
    """One row per stage, in data-flow order: when its latest run started, how long it took, from what."""
    per_stage: dict[str, int] = {}
    for stage, _, n in counts:
        per_stage[stage] = per_stage.get(stage, 0) + n
    table = Table(title="Stages, latest run of each", title_justify="left")
    table.add_column("stage", no_wrap=True)
    table.add_column("ran (UTC)", no_wrap=True)
    table.add_column("took", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("findings", justify="right", no_wrap=True)
    table.add_column("source", overflow="fold", ratio=1)
    for runs_of_stage in runs:
        run = runs_of_stage.latest
        table.add_row(
            run.stage,
            when(run.started_at),
            took(run.elapsed_s),
            run.status if run.status == "ok" else f"[bold red]{run.status}[/]",
            f"{per_stage.get(run.stage, 0):,}",
            Text(run.source or ""),
        )
    return table


def failure_notes(runs: list[meta.StageRuns]) -> list[str]:
    """For each stage whose latest run failed: why, and which run its tables are still from."""
    notes = []
    for runs_of_stage in runs:
        run = runs_of_stage.latest
        if run.status == "ok":
            continue
        last_ok = runs_of_stage.last_ok
        kept = (
            f"its tables, accounting and findings are still those of the run of {when(last_ok.started_at)}"
            if last_ok is not None
            else "it has never succeeded, so it has no tables yet"
        )
        notes.append(f"{run.stage} failed at {when(run.started_at)}: {run.message or 'no message'}; {kept}")
    return notes


def print_accounting(
    console: Console, con: duckdb.DuckDBPyConnection, stage: str | None, *, condensed: bool
) -> None:
    """Print rows in, out, repaired, merged, unknown and set aside per subject: a table a stage.

    Condensed, a uniform stage (load) lists only the subjects where something happened besides the total.
    """
    rows = meta.accounting(con, stage)
    if not rows:
        console.print(f"No accounting recorded{' for ' + stage if stage else ''} yet.")
        return
    for stage_name in dict.fromkeys(row.stage for row in rows):
        stage_rows = [row for row in rows if row.stage == stage_name]
        console.print(accounting_table(stage_name, stage_rows, condensed=condensed))
        unbalanced = [row.subject for row in stage_rows if not row.balances]
        if unbalanced:
            console.print(
                Text(
                    f"{len(unbalanced)} subject(s) of {stage_name} do not balance "
                    f"(in ≠ out + merged + unknown + set aside): {', '.join(unbalanced)}",
                    style="bold red",
                )
            )


def accounting_table(stage: str, rows: list[meta.AccountingRow], *, condensed: bool = False) -> Table:
    """A stage's accounting; repaired, merged and unknown only when some subject has any."""
    numbers = [n for n in NUMBERS if n in ALWAYS_SHOWN or any(getattr(row, n) for row in rows)]
    table = Table(title=f"Row accounting: {stage}", title_justify="left")
    listed = rows
    if condensed and stage in UNIFORM_STAGES:
        listed = [row for row in rows if not _as_it_was(row)]
        if len(listed) < len(rows):
            table.caption = (
                f"and {len(rows) - len(listed)} more, every row in and out as it was: "
                f"`calaccess report --stage {stage}` lists them"
            )
            table.caption_justify = "left"
    table.add_column("subject", no_wrap=True)
    for name in numbers:
        table.add_column(HEADINGS[name], justify="right", no_wrap=True)
    # Condensed, the notes (what each count means, a few lines each) wait for `--stage`: with three domains
    # a summary that wraps every note runs to hundreds of lines.
    notes = not condensed or stage in UNIFORM_STAGES
    if notes:
        table.add_column("note", overflow="fold", ratio=1)
    elif any(row.note for row in listed):
        table.caption = f"what each count means: `calaccess report --stage {stage}`"
        table.caption_justify = "left"
    for row in listed:
        cells: list[Text | str] = [Text(row.subject), *(f"{getattr(row, n):,}" for n in numbers)]
        table.add_row(*cells, *([Text(row.note or "")] if notes else []))
    if stage in UNIFORM_STAGES:
        totals = (sum(getattr(row, n) for row in rows) for n in numbers)
        table.add_row("total", *(f"{t:,}" for t in totals), "", style="bold")
    return table


def _as_it_was(row: meta.AccountingRow) -> bool:
    """Nothing to say about it: every row came out, none repaired, merged or set aside, no note."""
    return row.rows_in == row.rows_out and not (row.rows_repaired or row.note) and row.balances


def finding_counts_table(counts: list[tuple[str, str, int]]) -> Table:
    table = Table(
        title=f"Findings by kind ({sum(n for *_, n in counts):,})",
        title_justify="left",
    )
    table.add_column("stage", no_wrap=True)
    table.add_column("kind")
    table.add_column("findings", justify="right", no_wrap=True)
    for stage, kind, n in counts:
        table.add_row(stage, Text(kind), f"{n:,}")
    return table


def findings_table(found: list[tuple[str, str, str, str | None]], total: int) -> Table:
    more = f", the first {len(found):,}; --limit 0 lists all" if len(found) < total else ""
    table = Table(title=f"Findings ({total:,}{more})", title_justify="left")
    for name in ("stage", "kind", "subject"):
        table.add_column(name, overflow="fold")
    table.add_column("detail", overflow="fold", ratio=1)
    for row in found:
        table.add_row(*(Text(str(value or "")) for value in row))
    return table


def when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def took(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def validation_table(findings: list[Finding]) -> Table:
    """The OCD rule breaks counted by type and field, most first."""
    table = Table(title=f"OCD validation: {len(findings):,} findings")
    for name in ("type", "field", "findings"):
        table.add_column(name, justify="right" if name == "findings" else "left")
    for type_name, field, count in tally(findings):
        table.add_row(type_name, field, f"{count:,}")
    return table
