"""Real saved pages cut short. The HTML parser closes whatever a cut page leaves open, so half a page used
to parse, with exit 0 and no finding, into the rows of its first half. Every page kind now refuses a page
that ends before its document does, naming the file; the same page whole still parses."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from calaccess.cli import cli
from calaccess.errors import ParseError
from calaccess.scrape import tables
from calaccess.scrape.parse import parse_pages

#: One real page of each kind, with the table it fills and the rows it holds whole.
REAL_PAGES = {
    "candidates/1.html": ("candidates", 416),
    "incumbents/2017.html": ("incumbents", 131),
    "propositions/2021.html": ("measures", 8),
    "proposition_committees/1346100.html": ("measure_committees", 33),
}


def in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def after_a_row_mid_page(data: bytes) -> bytes:
    """Cut at a tag boundary inside the content: just after the last `</tr>` of the first half."""
    end = data.rindex(b"</tr>", 0, len(data) // 2) + len(b"</tr>")
    return data[:end]


def before_the_closing_html(data: bytes) -> bytes:
    return data[: data.rindex(b"</html>")]


def closed_by_a_browser(data: bytes) -> bytes:
    """Half a page as a browser's "save page" writes it: the tags the cut left open are closed."""
    return in_half(data) + b"</td></tr></table></form></body></html>"


#: Ways to cut a page, and what the error says the cut page lacks.
CUTS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "in half": (in_half, "its footer (the site's trapEnter script)"),
    "after a row mid-page": (after_a_row_mid_page, "its footer (the site's trapEnter script)"),
    "before the closing html": (before_the_closing_html, "its closing </html>"),
    "closed by a browser": (closed_by_a_browser, "its footer (the site's trapEnter script)"),
}


def save(pages: Path, relative: str, data: bytes) -> Path:
    path = pages / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("relative", REAL_PAGES)
def test_a_real_page_whole_parses(relative: str, pages_dir: Path, tmp_path: Path) -> None:
    save(tmp_path, relative, (pages_dir / relative).read_bytes())
    table, count = REAL_PAGES[relative]
    scraped = parse_pages(tmp_path)
    assert len(scraped.rows[table]) == count


@pytest.mark.parametrize("cut", CUTS)
@pytest.mark.parametrize("relative", REAL_PAGES)
def test_a_real_page_cut_short_is_refused_naming_its_file(
    relative: str, cut: str, pages_dir: Path, tmp_path: Path
) -> None:
    cut_page, missing = CUTS[cut]
    path = save(tmp_path, relative, cut_page((pages_dir / relative).read_bytes()))
    kind = relative.split("/")[0]
    expected = f"the {kind} page ends before {missing} (truncated?)"
    with pytest.raises(ParseError, match=re.escape(expected)) as error:
        parse_pages(tmp_path)
    assert error.value.path == str(path)


def test_a_page_cut_inside_its_header_is_not_set_aside_as_the_browser_check(
    pages_dir: Path, tmp_path: Path
) -> None:
    # incumbents/2023.html carries the bot check's script at byte 92, before the site's stylesheet (291):
    # cut between them, it looked like the check and was set aside, its dates lost with exit 0
    path = save(tmp_path, "incumbents/2023.html", (pages_dir / "incumbents/2023.html").read_bytes()[:200])
    with pytest.raises(ParseError, match=r"ends before its footer .*\(truncated\?\)") as error:
        parse_pages(tmp_path)
    assert error.value.path == str(path)


def scraped_tables(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            t.name: sorted(con.execute(f"SELECT * FROM {t.qualified_name}").fetchall(), key=repr)
            for t in tables.TABLES
        }


def test_scrape_command_refuses_a_cut_page_in_one_line_and_keeps_the_tables(
    pages_dir: Path, tmp_path: Path
) -> None:
    pages, data_dir = tmp_path / "pages", tmp_path / "data"
    shutil.copytree(pages_dir, pages)
    command = ["--data-dir", str(data_dir), "scrape", "--pages", str(pages)]
    assert CliRunner().invoke(cli, command).exit_code == 0
    before = scraped_tables(data_dir / "calaccess.duckdb")
    assert len(before["candidates"]) == 8392

    cut = pages / "candidates" / "1.html"
    cut.write_bytes(in_half(cut.read_bytes()))
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {cut}: the candidates page ends before its footer (the site's trapEnter script) (truncated?)"
    ]
    assert scraped_tables(data_dir / "calaccess.duckdb") == before
    with duckdb.connect(str(data_dir / "calaccess.duckdb"), read_only=True) as con:
        runs = con.execute("SELECT status FROM meta.run WHERE stage = 'scrape' ORDER BY run_id").fetchall()
    assert runs == [("ok",), ("failed",)]
