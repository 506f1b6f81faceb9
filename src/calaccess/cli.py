"""The `calaccess` command: a thin layer over the library, one subcommand per stage.

The options every command shares (--data-dir, -q, -v) are defined once and accepted before or after the
subcommand's name. Errors are caught once, in the group: the project's own, and DuckDB's that a user can act
on (the file held by another process, a folder that cannot be written, a full disk), each become one
`error:` line and exit status 1. Anything else is a bug: one line too, and its traceback under -v.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click
import duckdb
from click.decorators import FC
from rich.console import Console

from calaccess import __version__, db, meta, progress
from calaccess.errors import CalaccessError
from calaccess.ocd.export import EXPORT_FORMATS
from calaccess.report import database_line, print_accounting, print_report, validation_table
from calaccess.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR, Settings, require_writable

# Wide enough that table names and counts never wrap when the output is a log, not a terminal.
console = Console(width=None if sys.stdout.isatty() else 140)


class Context:
    """What every subcommand needs: where the data lives and how much to say."""

    def __init__(self) -> None:
        self.data_dir: Path = DEFAULT_DATA_DIR
        self.quiet = False
        self.verbose = False

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir)

    def apply(self) -> None:
        """Set progress bars and logging as the options say, once they are all parsed."""
        progress.set_quiet(self.quiet)
        logging.basicConfig(
            level=logging.INFO if self.verbose else logging.WARNING, format="%(asctime)s %(name)s %(message)s"
        )

    def connect(self, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        return db.connect(self.settings.database_path, read_only=read_only)

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The database for a stage that writes; one this made is removed if it fails before any stage ran."""
        with db.writing(self.settings.database_path) as con:
            yield con

    def print_accounting(self, stage: str | None) -> None:
        """After a stage, its whole accounting; after every stage, `report`'s summary of it."""
        if self.quiet:
            return
        with self.connect(read_only=True) as con:
            print_accounting(console, con, stage, condensed=stage is None)

    def print_database(self) -> None:
        if not self.quiet:
            click.echo(database_line(self.settings.database_path))


def _store(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """An option callback that records a shared option's value, when given, for every command to read."""

    def store(ctx: click.Context, _: click.Parameter, value: Any) -> None:
        if value is not None and value is not False:
            setattr(ctx.ensure_object(Context), name, value)

    return store


def shared_options(*, in_group: bool) -> list[click.Parameter]:
    """--data-dir, -q and -v, for the group and for every subcommand: `calaccess update -q` works too.

    Only the group reads the environment and the default, so a subcommand's option, given after it,
    overrides the group's and never the reverse.
    """
    return [
        click.Option(
            ["--data-dir"],
            type=click.Path(file_okay=False, path_type=Path),
            envvar=DATA_DIR_ENV if in_group else None,
            default=DEFAULT_DATA_DIR if in_group else None,
            expose_value=False,
            callback=_store("data_dir"),
            help=f"Where the database, snapshots and pages live (default ./{DEFAULT_DATA_DIR}, or env "
            f"{DATA_DIR_ENV}).",
        ),
        _shared_flag("-q", "quiet", "No progress bars and no tables, only errors."),
        _shared_flag("-v", "verbose", "Log each step; show the traceback of an unexpected error."),
    ]


def _shared_flag(short: str, name: str, help: str) -> click.Option:
    """A flag every command takes, stored on the Context as `name` when given."""
    return click.Option(
        [short, f"--{name}"], is_flag=True, expose_value=False, callback=_store(name), help=help
    )


class StageCommand(click.Command):
    """A subcommand: it takes the shared options too, and applies them before it runs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(shared_options(in_group=False))

    def invoke(self, ctx: click.Context) -> Any:
        ctx.ensure_object(Context).apply()
        return super().invoke(ctx)


class CalaccessGroup(click.Group):
    """The command group: shared options, and every error turned into one line, caught here once."""

    command_class = StageCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(shared_options(in_group=True))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # usage errors, --help, exits: click's own, already as a user should see them
        except CalaccessError as error:
            fail(ctx, str(error))
        except duckdb.Error as error:
            explained = db.explain(error, ctx.ensure_object(Context).settings.database_path)
            if explained is None:
                unexpected(ctx, error)
            fail(ctx, str(explained))
        except OSError as error:
            # a file that cannot be read or written, a full disk: the machine's state, not a bug
            where = f"{error.filename}: " if error.filename else ""
            fail(ctx, f"{where}{error.strerror or error}")
        except Exception as error:
            unexpected(ctx, error)


def fail(ctx: click.Context, message: str) -> NoReturn:
    """One `error:` line on stderr, exit status 1."""
    click.echo(f"error: {' '.join(message.split())}", err=True)
    ctx.exit(1)


def unexpected(ctx: click.Context, error: Exception) -> NoReturn:
    """A bug: one line that says so, or under -v the whole traceback."""
    if ctx.ensure_object(Context).verbose:
        raise error
    first_line = next(iter(str(error).splitlines()), "")
    fail(
        ctx,
        f"unexpected {type(error).__name__}: {first_line}; this is a bug in calaccess: "
        "run the command again with -v to see where it happened, and please report it",
    )


@click.group(
    cls=CalaccessGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="calaccess")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """California's CAL-ACCESS campaign-finance data, cleaned and published as Open Civic Data.

    Each stage reads the one before it and can run alone; `update` runs them all. The options below are
    accepted after a command's name too (`calaccess update -q`).
    """
    ctx.ensure_object(Context)


pass_context = click.make_pass_decorator(Context)

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


def limit_option(help: str) -> Callable[[FC], FC]:
    """--limit, for the commands that list findings: one name, type and default; each says what 0 does."""
    return click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help=help)


@cli.command()
@click.option("--stage", type=click.Choice(meta.STAGES), help="Only this stage.")
@click.option(
    "--findings",
    "finding_kinds",
    multiple=True,
    metavar="KIND",
    help="List the findings of this kind (`all`: every kind); repeat for more kinds.",
)
@limit_option("List at most this many findings (0: all of them).")
@pass_context
def report(ctx: Context, stage: str | None, finding_kinds: tuple[str, ...], limit: int) -> None:
    """Summarise the latest run of each stage: when, how long, from which source, what became of every row.

    Prints where the database is, then one line per stage (in data-flow order), the row accounting of
    each (in = out + merged + unknown + set aside), and the data-quality findings counted by kind. Lists
    the findings themselves only with --findings KIND.
    """
    with ctx.connect(read_only=True) as con:
        if ctx.quiet:
            return
        print_report(console, con, ctx.settings.database_path, stage=stage, kinds=finding_kinds, limit=limit)


@cli.command()
@click.option("--url", help="Download from this URL instead of the state's (env CALACCESS_EXPORT_URL).")
@click.option("--force", is_flag=True, help="Download even when the release is one we already hold.")
@pass_context
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
def load(ctx: Context, zip_path: Path | None) -> None:
    """Load the export into raw.*: every table repaired, typed, and every record accounted for.

    Rejoins records split across lines, merges stray tabs, drops NUL and Ctrl-Z bytes, reads non-UTF-8
    bytes as Windows-1252, and sets aside (meta.raw_reject) what still cannot be read. Replaces the raw
    tables in one transaction: a failed load leaves the previous ones intact. Prints the accounting.
    """
    from calaccess.raw.load import load as load_export
    from calaccess.raw.load import zip_to_load

    zip_to_use = zip_to_load(ctx.settings, zip_path)  # before the database is opened, so none is made
    with ctx.writing() as con:
        load_export(con, zip_to_use)
    ctx.print_accounting("load")
    ctx.print_database()


@cli.command()
@pages_option
@delay_option
@pass_context
def scrape(ctx: Context, pages_dir: Path | None, min_interval_s: float) -> None:
    """Scrape the CAL-ACCESS website into scraped.* (elections, candidates, incumbents, measures, committees).

    Without --pages, fetches every list and detail page politely (throttled, retried, cached) into
    <data-dir>/pages/, then parses them; it stops with a clear message at the site's browser check or a
    maintenance notice. Prints pages and rows per page kind.
    """
    from calaccess.scrape import scrape as scrape_site

    with ctx.writing() as con:
        scrape_site(con, ctx.settings, pages_dir, min_interval_s=min_interval_s)
    ctx.print_accounting("scrape")
    ctx.print_database()


@cli.command()
@reference_option
@pass_context
def process(ctx: Context, reference_dir: Path | None) -> None:
    """Build the Open Civic Data tables (ocd.*), the forms (forms.*) and the money (finance.*, lobbying.*).

    From raw.*, scraped.* and the reference data. Elections: divisions, the state's bodies and offices,
    elections with checked dates, candidate contests, parties, people, candidacies, memberships, who won
    each contest, ballot measures, recalls. Campaign finance: committees, filings and their versions, every
    itemised transaction, the state's forms (current and all versions), totals per committee, candidacy and
    measure, and the Form 460 reconciliation. Lobbying: firms, employers and coalitions, lobbyists and their
    employment, every registration and report with its versions, every payment, gift and contribution,
    the lobbying forms, totals per employer and firm, which firm worked for which client, gifts per
    official, the state's own table of lobbyists' contributions, and the Form 635 and 625
    reconciliation. All in one transaction: a failed run leaves the previous tables intact. Refuses to
    start before load and scrape have run, naming the one to run first. Prints the accounting;
    `calaccess report` counts the data-quality findings.
    """
    from calaccess.pipeline import require_inputs
    from calaccess.process import process as process_all

    with ctx.writing() as con:
        require_inputs(con, "process", ctx.settings.database_path)
        result = process_all(con, reference_dir)
    ctx.print_accounting("process")
    if not ctx.quiet:
        click.echo(f"processed in {result.elapsed_s:.1f} s")
    ctx.print_database()


@contextmanager
def ocd_errors(command: str) -> Iterator[None]:
    """The OCD package's errors as the project's, with the stage to run when its tables are missing."""
    from calaccess.ocd import OcdError, OcdTablesMissing

    try:
        yield
    except OcdTablesMissing as error:
        raise CalaccessError(f"{command}: {error} (run `calaccess process` first)") from error
    except OcdError as error:
        raise CalaccessError(f"{command}: {error}") from error


@cli.command()
@limit_option("List at most this many findings (all are counted).")
@pass_context
def validate(ctx: Context, limit: int) -> None:
    """Check the ocd.* tables against the Open Civic Data rules; exit 1 when anything breaks them.

    Runs as SQL over the whole database: required fields, allowed values, id formats, references that
    resolve, number_elected >= 1, two options per ballot measure, a contest's division inside its
    election's, a runoff deciding a contest of its own kind. Prints counts per type and field, then the
    findings (type, id, field, problem).
    """
    from calaccess.ocd.validate import validate_database

    with ctx.connect(read_only=True) as con, ocd_errors("validate"):
        findings = validate_database(con)
    if not ctx.quiet:
        console.print(validation_table(findings))
        for finding in findings[:limit]:
            click.echo(f"{finding.type}\t{finding.id}\t{finding.field}\t{finding.problem}")
    if findings:
        sys.exit(1)


def _one_of(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


def export_help() -> str:
    """The export command's help, listing every format the library registers with what it writes."""
    names = [f.name for f in EXPORT_FORMATS]
    width = max(map(len, names))
    listing = "\n".join(f"{f.name:<{width}}  {f.description}" for f in EXPORT_FORMATS)
    return (
        f"Write the ocd.* tables in an interchange format: {_one_of(names)}.\n\n"
        f"\b\n{listing}\n\n"
        "The election formats describe elections, contests, candidates, offices, parties and districts; "
        "divisions travel in them as external identifiers of type ocd-id. Refuses a database that breaks "
        "the standard's rules unless --allow-invalid."
    )


@cli.command(help=export_help())
@click.option(
    "--format",
    "format_name",
    type=click.Choice([f.name for f in EXPORT_FORMATS]),
    required=True,
    help="The format to write, one of those listed above.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help=f"Folder to write into (for {_one_of([f.name for f in EXPORT_FORMATS if f.out_may_be_file])}, "
    "a file name with a suffix is written as such).",
)
@click.option(
    "--allow-invalid",
    is_flag=True,
    help="Export even when `calaccess validate` finds rule breaks (refused by default).",
)
@pass_context
def export(ctx: Context, format_name: str, out: Path, allow_invalid: bool) -> None:
    from calaccess.ocd.export import export as export_tables

    require_writable(out if out.is_dir() else out.parent, hint="choose another --out")
    with ctx.connect(read_only=True) as con, ocd_errors("export"):
        written = export_tables(con, format_name, out, allow_invalid=allow_invalid)
    if not ctx.quiet:
        click.echo(f"wrote {len(written):,} file(s) under {out}")


def archive_option(function: FC) -> FC:
    return click.option(
        "--archive",
        "archive_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The archive of published versions (default <data-dir>/publish); point it at an existing one "
        "to carry its history on.",
    )(function)


def keep_option(function: FC) -> FC:
    return click.option(
        "--keep",
        type=click.IntRange(min=1),
        help="Keep only the newest N versions (never the one `latest` points at); default: keep all.",
    )(function)


@cli.command()
@archive_option
@keep_option
@pass_context
def publish(ctx: Context, archive_dir: Path | None, keep: int | None) -> None:
    """Write the next version of the processed data into the archive, and make it `latest`.

    <archive>/<release>.<n>/ holds every ocd.* table (relational/), as CSV and Parquet, a ZIP per group,
    the database file, datapackage.json (Frictionless), manifest.json, and CHANGELOG.md and changes.json
    against the version before. Records keep the created_at of the version they first appeared in and the
    updated_at of their last change. The version appears under its name, and `latest` moves to it, only
    once it is complete: a failed or killed publish leaves the archive as it was.
    """
    from calaccess.publish import publish as publish_version

    target = archive_dir or ctx.settings.publish_dir
    require_writable(target)
    with ctx.writing() as con:
        result = publish_version(con, ctx.settings.database_path, target, keep=keep)
    if not ctx.quiet:
        click.echo(f"published {result.version} in {result.path} (latest); {result.changes_line()}")
        if result.pruned:
            click.echo(f"pruned {', '.join(str(name) for name in result.pruned)}")


@cli.command()
@archive_option
@click.option("--version", "version_name", help="Open this version's site at / (default: latest).")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="The port.")
@pass_context
def serve(ctx: Context, archive_dir: Path | None, version_name: str | None, host: str, port: int) -> None:
    """Serve the published versions and their sites over HTTP, until interrupted.

    / opens the latest version's site (or --version's); the downloads page is /index.html. It listens on
    127.0.0.1 unless --host says otherwise, and never serves a file outside the archive: a path that climbs
    out (.., %2e%2e, an encoded slash) is refused. Search works here, which it cannot from disk.
    """
    from calaccess.publish.site.serve import make_server

    server = make_server(archive_dir or ctx.settings.publish_dir, version=version_name, host=host, port=port)
    bound = server.server_address[1]
    click.echo(f"serving http://{host}:{bound}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command()
@zip_option
@pages_option
@reference_option
@delay_option
@archive_option
@keep_option
@click.option("--wait", is_flag=True, help="Wait for a running update to end, instead of exiting at once.")
@pass_context
def update(
    ctx: Context,
    zip_path: Path | None,
    pages_dir: Path | None,
    reference_dir: Path | None,
    min_interval_s: float,
    archive_dir: Path | None,
    keep: int | None,
    wait: bool,
) -> None:
    """Run every stage: download, load, scrape, process, validate, then publish; print the accounting.

    The nightly job, safe under cron: one update runs at a time (a second exits at once, or waits with
    --wait); a night whose release is published already does nothing, says so and exits 0; a failure exits
    non-zero with one line and leaves the published `latest` as it was. With --zip and --pages it runs
    offline. Each stage commits on its own; a failed stage leaves its previous tables intact. Exits 1 when
    the result breaks the Open Civic Data rules, and publishes nothing then.
    """
    from calaccess.files import exclusive_lock
    from calaccess.pipeline import update as update_all

    require_writable(ctx.settings.data_dir)
    with exclusive_lock(ctx.settings.update_lock, wait=wait, what="calaccess update"):
        result = update_all(
            ctx.writing,
            ctx.settings,
            zip_path=zip_path,
            pages_dir=pages_dir,
            reference_dir=reference_dir,
            scrape_delay_s=min_interval_s,
            archive_dir=archive_dir,
            keep=keep,
        )
    if result.unchanged_release is not None:
        if not ctx.quiet:
            click.echo(result.summary())
        return
    ctx.print_accounting(None)
    if not ctx.quiet:
        click.echo(result.summary())
    ctx.print_database()
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
