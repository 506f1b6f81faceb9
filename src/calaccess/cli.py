"""The `calaccess` command: a thin layer over the library, one subcommand per stage."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from calaccess import __version__, db, meta, progress
from calaccess.errors import CalaccessError
from calaccess.settings import DATA_DIR_ENV, Settings

F = TypeVar("F", bound=Callable[..., Any])
# Wide enough that table names and counts never wrap when the output is a log, not a terminal.
console = Console(width=None if sys.stdout.isatty() else 140)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="calaccess")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=DATA_DIR_ENV,
    default=Path("calaccess-data"),
    show_default=True,
    help=f"Where the database, snapshots and pages live (env {DATA_DIR_ENV}).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars and no tables, only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Log each step.")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path, quiet: bool, verbose: bool) -> None:
    """California's CAL-ACCESS campaign-finance data, cleaned and published as Open Civic Data.

    Each stage reads the one before it and can run alone; `update` runs them all.
    """
    progress.set_quiet(quiet)
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(asctime)s %(name)s %(message)s"
    )
    ctx.obj = Context(Settings(data_dir=data_dir), quiet)


class Context:
    """What every subcommand needs: the settings and whether to print."""

    def __init__(self, settings: Settings, quiet: bool) -> None:
        self.settings = settings
        self.quiet = quiet

    def connect(self, *, read_only: bool = False) -> Any:
        return db.connect(self.settings.database_path, read_only=read_only)

    def print_accounting(self, stage: str | None) -> None:
        if self.quiet:
            return
        with self.connect(read_only=True) as con:
            print_accounting(con, stage)


pass_context = click.make_pass_decorator(Context)


def reports_errors(command: F) -> F:
    """Turn the project's own errors into one readable line and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CalaccessError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


# Options that several commands share, defined once so their names and help cannot drift apart.
zip_option = click.option(
    "--zip",
    "zip_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Load this export zip from disk instead of the newest downloaded snapshot.",
)
pages_option = click.option(
    "--pages",
    "pages_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Parse saved pages laid out as ../shared/calaccess/pages (no network) instead of fetching.",
)
delay_option = click.option(
    "--delay",
    "min_interval_s",
    type=click.FloatRange(min=0),
    default=2.0,
    show_default=True,
    help="Least seconds between two requests to the site when fetching.",
)
reference_option = click.option(
    "--reference",
    "reference_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Read reference files (divisions-ca.csv, special-elections.csv, ...) from here instead of the "
    "packaged ones.",
)


def print_accounting(con: Any, stage: str | None) -> None:
    """Print rows in, out, repaired, merged, unknown and set aside per subject: a table a stage, totalled."""
    rows = meta.accounting(con, stage)
    if not rows:
        console.print(f"No accounting recorded{' for ' + stage if stage else ''} yet.")
        return
    numbers = ("rows_in", "rows_out", "rows_repaired", "rows_merged", "rows_unknown", "rows_set_aside")
    for stage_name in dict.fromkeys(row.stage for row in rows):
        stage_rows = [row for row in rows if row.stage == stage_name]
        table = Table(title=f"Row accounting: {stage_name}", title_justify="left")
        table.add_column("subject", no_wrap=True)
        for name in ("in", "out", "repaired", "merged", "unknown", "set aside"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("note", overflow="fold", ratio=1)
        for row in stage_rows:
            table.add_row(row.subject, *(f"{getattr(row, n):,}" for n in numbers), row.note or "")
        totals = (sum(getattr(row, n) for row in stage_rows) for n in numbers)
        table.add_row("total", *(f"{t:,}" for t in totals), "", style="bold")
        console.print(table)


@cli.command()
@click.option("--stage", help="Only this stage (load, scrape, process, ...).")
@click.option(
    "--findings/--no-findings", default=True, show_default=True, help="Also list data-quality findings."
)
@pass_context
@reports_errors
def report(ctx: Context, stage: str | None, findings: bool) -> None:
    """Print the row accounting of the latest runs and their data-quality findings."""
    with ctx.connect(read_only=True) as con:
        print_accounting(con, stage)
        if findings:
            found = meta.findings(con, stage)
            table = Table(title=f"Findings ({len(found):,})")
            for name in ("stage", "kind", "subject", "detail"):
                table.add_column(name)
            for row in found:
                table.add_row(*(str(v or "") for v in row))
            if found:
                console.print(table)


@cli.command()
@click.option("--url", help="Download from this URL instead of the state's (env CALACCESS_EXPORT_URL).")
@click.option("--force", is_flag=True, help="Download even when the release is one we already hold.")
@pass_context
@reports_errors
def download(ctx: Context, url: str | None, force: bool) -> None:
    """Download the nightly export into a new snapshot under <data-dir>/raw/<release time>/.

    Skips a release already held (same Last-Modified, ETag and Content-Length). Resumes an interrupted
    transfer and retries server errors; refuses a file whose size or headers change, or whose zip fails its
    integrity test, and keeps the snapshots already held as they were.
    """
    from calaccess.raw.source import download_then_record

    result = download_then_record(ctx.connect, ctx.settings, url, force=force)
    if not ctx.quiet:
        click.echo(result.summary())


@cli.command()
@zip_option
@pass_context
@reports_errors
def load(ctx: Context, zip_path: Path | None) -> None:
    """Load the export into raw.*: every table repaired, typed, and every record accounted for.

    Rejoins records split across lines, merges stray tabs, drops NUL and Ctrl-Z bytes, reads non-UTF-8
    bytes as Windows-1252, and sets aside (meta.raw_reject) what still cannot be read. Replaces the raw
    tables in one transaction: a failed load leaves the previous ones intact. Prints the accounting.
    """
    from calaccess.raw.load import load as load_export
    from calaccess.raw.load import zip_to_load

    with ctx.connect() as con:
        load_export(con, zip_to_load(ctx.settings, zip_path))
    ctx.print_accounting("load")


@cli.command()
@pages_option
@delay_option
@pass_context
@reports_errors
def scrape(ctx: Context, pages_dir: Path | None, min_interval_s: float) -> None:
    """Scrape the CAL-ACCESS website into scraped.* (elections, candidates, incumbents, measures, committees).

    Without --pages, fetches every list and detail page politely (throttled, retried, cached) into
    <data-dir>/pages/, then parses them; it stops with a clear message at the site's browser check or a
    maintenance notice. Prints pages and rows per page kind.
    """
    from calaccess.scrape import scrape as scrape_site

    with ctx.connect() as con:
        scrape_site(con, ctx.settings, pages_dir, min_interval_s=min_interval_s)
    ctx.print_accounting("scrape")


@cli.command()
@reference_option
@pass_context
@reports_errors
def process(ctx: Context, reference_dir: Path | None) -> None:
    """Build the Open Civic Data tables (ocd.*) from raw.*, scraped.* and the reference data.

    Divisions, the state's bodies and offices, elections with checked dates, candidate contests, parties,
    people, candidacies, memberships, ballot measures, recalls and the measures' committees, in one
    transaction: a failed run leaves the previous tables intact. Prints the accounting; `calaccess report`
    lists the data-quality findings.
    """
    from calaccess.process import process as process_all

    with ctx.connect() as con:
        result = process_all(con, reference_dir)
    ctx.print_accounting("process")
    if not ctx.quiet:
        click.echo(f"processed in {result.elapsed_s:.1f} s")


@cli.command()
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="List at most this many findings (all are counted).",
)
@pass_context
@reports_errors
def validate(ctx: Context, limit: int) -> None:
    """Check the ocd.* tables against the Open Civic Data rules; exit 1 when anything breaks them.

    Runs as SQL over the whole database: required fields, allowed values, id formats, references that
    resolve, number_elected >= 1, two options per ballot measure, a contest's division inside its
    election's, a runoff deciding a contest of its own kind. Prints counts per type and field, then the
    findings (type, id, field, problem).
    """
    from calaccess.ocd import OcdError
    from calaccess.ocd.validate import tally, validate_database

    with ctx.connect(read_only=True) as con:
        try:
            findings = validate_database(con)
        except OcdError as error:
            raise CalaccessError(f"validate: {error}") from error
    if not ctx.quiet:
        summary = Table(title=f"OCD validation: {len(findings):,} findings")
        for name in ("type", "field", "findings"):
            summary.add_column(name, justify="right" if name == "findings" else "left")
        for type_name, field, count in tally(findings):
            summary.add_row(type_name, field, f"{count:,}")
        console.print(summary)
        for finding in findings[:limit]:
            click.echo(f"{finding.type}\t{finding.id}\t{finding.field}\t{finding.problem}")
    if findings:
        sys.exit(1)


@cli.command()
@click.option(
    "--format",
    "format_name",
    type=click.Choice(["ocd-json", "vip", "nist-xml", "nist-json"]),
    required=True,
    help="ocd-json: a folder, one JSON Lines file per type; vip: a folder, one VIP 5.2 feed per election; "
    "nist-xml / nist-json: one NIST 1500-100 v2 election report.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write into (for nist-*, a file name with a suffix is written as such).",
)
@click.option(
    "--allow-invalid",
    is_flag=True,
    help="Export even when `calaccess validate` finds rule breaks (refused by default).",
)
@pass_context
@reports_errors
def export(ctx: Context, format_name: str, out: Path, allow_invalid: bool) -> None:
    """Write the ocd.* tables in an interchange format: OCD JSON, VIP 5.2 XML or NIST 1500-100 v2.

    VIP and NIST describe elections, contests, candidates, offices, parties and districts; campaign-finance
    records travel only in OCD JSON. Divisions travel as external identifiers of type ocd-id. Refuses a
    database that breaks the standard's rules unless --allow-invalid.
    """
    from calaccess.ocd import OcdError
    from calaccess.ocd.export import export as export_tables

    with ctx.connect(read_only=True) as con:
        try:
            written = export_tables(con, format_name, out, allow_invalid=allow_invalid)
        except OcdError as error:
            raise CalaccessError(f"export: {error}") from error
    if not ctx.quiet:
        click.echo(f"wrote {len(written):,} file(s) under {out}")


@cli.command()
@zip_option
@pages_option
@reference_option
@delay_option
@pass_context
@reports_errors
def update(
    ctx: Context,
    zip_path: Path | None,
    pages_dir: Path | None,
    reference_dir: Path | None,
    min_interval_s: float,
) -> None:
    """Run every stage: download, load, scrape, process, then validate; print the accounting.

    With --zip and --pages it runs offline. Each stage commits on its own; a failed stage leaves its
    previous tables intact. Exits 1 when the result breaks the Open Civic Data rules.
    """
    from calaccess.pipeline import update as update_all

    with ctx.connect() as con:
        result = update_all(
            con,
            ctx.settings,
            zip_path=zip_path,
            pages_dir=pages_dir,
            reference_dir=reference_dir,
            scrape_delay_s=min_interval_s,
        )
    ctx.print_accounting(None)
    if not ctx.quiet:
        click.echo(result.summary())
    if result.validation_findings:
        click.echo("error: the result breaks OCD rules; run `calaccess validate` for the list", err=True)
        sys.exit(1)


def reference_markdown() -> str:
    """The command reference in the README, generated from `--help` so the two cannot drift apart."""
    parts: list[str] = []
    with click.Context(cli, info_name="calaccess", **cli.context_settings) as root:
        parts.append(f"### calaccess\n\n```\n{cli.get_help(root).rstrip()}\n```\n")
        for name in cli.list_commands(root):
            command = cli.get_command(root, name)
            assert command is not None
            with click.Context(command, info_name=name, parent=root) as sub:
                parts.append(f"### calaccess {name}\n\n```\n{command.get_help(sub).rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> None:
    cli(prog_name="calaccess")


if __name__ == "__main__":
    main()
