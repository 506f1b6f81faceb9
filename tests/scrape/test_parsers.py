"""The parsers on small pages written here: the rules for names, dates, links, repeats and pages that are
not what they should be."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calaccess.errors import ParseError, SourceError
from calaccess.scrape.candidates import ELECTION_TYPES, ElectionName, parse_election_name
from calaccess.scrape.incumbents import _election_date
from calaccess.scrape.measures import election_date
from calaccess.scrape.pages import blocked_reason, decode, normalise_link
from calaccess.scrape.parse import parse_pages

SITE = "https://cal-access.sos.ca.gov"
#: The end every page of the site prints after its content, without which a page is refused as cut short.
FOOTER = """<script language='javascript' type='text/javascript'>
function trapEnter(btn) { btn.click(); }
</script></form></body></html>"""


def candidates_page(entries: str, *, selected: int = 5, name: str = "2004 PRIMARY", link: str = "") -> str:
    """A certified-candidates page as the site lays it out, reduced to what the parser reads."""
    menu = "".join(
        f'<a href="{link}/Campaign/Candidates/list.aspx?view=certified&amp;electNav={i}">'
        f'<img src="/Resources/Images/{"selected" if i == selected else "unselected"}.gif"></a>'
        f'<span class="txt5">{label}</span><br />'
        for i, label in ((5, name), (6, "2004 GENERAL"), (6, "Prior Elections"), (6, "2004 GENERAL"))
    )
    return f"""<html><body><form><span class="hdr11">Candidates &amp; Elected Officials</span>
    <span class="hdr12">Choose an Election:</span><br />{menu}
    <table><tr><td colspan="2"><span class="hdr14">SENATE DISTRICTS</span></td></tr>
    <tr><td><span class="hdr13">STATE SENATE 01 </span><br />
    <table><tr><td>{entries}</td></tr></table></td></tr>
    </table>{FOOTER}"""


def write(pages: Path, relative: str, text: str) -> Path:
    path = pages / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="cp1252")
    return path


# --------------------------------------------------------------------------------------------- candidates


def test_linked_and_plain_candidates_and_repeated_rows_collapsed(tmp_path: Path) -> None:
    write(
        tmp_path,
        "candidates/5.html",
        candidates_page(
            '<a href="/Campaign/Candidates/Detail.aspx?id=1004843" class="sublink2">OLLER,  THOMAS<br /></a>'
            '<span class="txt7">PETERSEN, JON</span><br />'
            '<span class="txt7">PETERSEN, JON</span><br />'
        ),
    )
    scraped = parse_pages(tmp_path)
    source = (f"{SITE}/Campaign/Candidates/list.aspx?view=certified&electNav=5",)
    assert [row[:-1] for row in scraped.rows["candidates"]] == [
        (5, "SENATE DISTRICTS", "STATE SENATE 01", "OLLER, THOMAS", 1004843, *source),
        (5, "SENATE DISTRICTS", "STATE SENATE 01", "PETERSEN, JON", None, *source),
    ]
    accounting = {a.subject: a for a in scraped.accounting}
    candidates = accounting["scraped.candidates"]
    # the repeat is merged into the first copy, not set aside: nothing of it is lost
    assert (candidates.rows_in, candidates.rows_merged, candidates.rows_set_aside) == (3, 1, 0)
    # the menu names 2004 GENERAL twice and has one toggle: one election each, the other listed without page
    assert [row[:6] for row in scraped.rows["elections"]] == [
        (5, "2004 PRIMARY", 2004, "PRIMARY", None, True),
        (6, "2004 GENERAL", 2004, "GENERAL", None, False),
    ]
    assert ("election_without_page", "electNav=6", "'2004 GENERAL' is listed but has no saved page") in (
        scraped.findings
    )


def test_double_prefixed_links_are_repaired_and_counted(tmp_path: Path) -> None:
    write(
        tmp_path,
        "candidates/5.html",
        candidates_page(
            f'<a href="{SITE}/{SITE}/Campaign/Candidates/Detail.aspx?id=1005861" class="sublink2">'
            "KNECHT, KAREN</a>",
            link=SITE,
        ),
    )
    scraped = parse_pages(tmp_path)
    assert [row[3:5] for row in scraped.rows["candidates"]] == [("KNECHT, KAREN", 1005861)]
    assert next(a for a in scraped.accounting if a.subject == "scraped.candidates").rows_repaired == 1


def test_a_page_for_another_election_than_its_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "candidates/7.html", candidates_page(""))
    with pytest.raises(ParseError, match="expected electNav=7") as error:
        parse_pages(tmp_path)
    assert str(path) in str(error.value)


def test_an_election_type_outside_the_vocabulary_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "candidates/5.html", candidates_page("", name="2004 CONSOLIDATED"))
    with pytest.raises(ParseError, match="'2004 CONSOLIDATED'"):
        parse_pages(tmp_path)


def test_an_unrecognised_page_names_its_file(tmp_path: Path) -> None:
    path = write(tmp_path, "incumbents/2005.html", f'<html><span class="hdr11">Something else</span>{FOOTER}')
    with pytest.raises(ParseError, match="Election Dates") as error:
        parse_pages(tmp_path)
    assert error.value.path == str(path)


def test_a_folder_without_pages_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no pages under"):
        parse_pages(tmp_path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2016 GENERAL", ElectionName(2016, "GENERAL", None)),
        ("2008 PRESIDENTIAL PRIMARY", ElectionName(2008, "PRESIDENTIAL PRIMARY", None)),
        ("2013 SPECIAL RUNOFF (ASSEMBLY 52)", ElectionName(2013, "SPECIAL RUNOFF", "ASSEMBLY 52")),
        ("2008 RECALL (STATE SENATE 12)", ElectionName(2008, "RECALL", "STATE SENATE 12")),
        ("2003 SPECIAL ELECTION (GOVERNOR)", ElectionName(2003, "SPECIAL ELECTION", "GOVERNOR")),
        ("Prior Elections", None),
        ("2016 GENERAL (ASSEMBLY 1", None),
    ],
)
def test_election_names(name: str, expected: ElectionName | None) -> None:
    assert parse_election_name(name) == expected


@given(
    year=st.integers(1990, 2099),
    kind=st.sampled_from(ELECTION_TYPES),
    office=st.none() | st.from_regex(r"[A-Z][A-Z ]{0,20}[0-9]{0,2}", fullmatch=True).map(str.strip),
)
def test_election_names_round_trip(year: int, kind: str, office: str | None) -> None:
    name = f"{year} {kind}" + (f" ({office})" if office else "")
    assert parse_election_name(name) == ElectionName(year, kind, office or None)


# -------------------------------------------------------------------------------------------- incumbents


@pytest.mark.parametrize(
    ("rest", "date", "problem"),
    [
        ("SPECIAL ELECTION RUNOFF Tuesday, 5/4/21", dt.date(2021, 5, 4), None),
        ("SPECIAL ELECTION Tuesday, 12/8/20", dt.date(2020, 12, 8), None),  # after the previous general
        ("SPECIAL ELECTION Tuesday, 2/30/21", None, "not a calendar date"),
        ("SPECIAL ELECTION Monday, 5/4/21", None, "printed as a Monday, but 2021-05-04 is a Tuesday"),
        ("SPECIAL ELECTION Tuesday, 3/17/20", None, "outside the 2021-2022 session"),
        ("SPECIAL ELECTION Saturday, 1/1/22", dt.date(2022, 1, 1), "is a Saturday, unusual for an election"),
        ("SPECIAL ELECTION", None, "no date"),
    ],
)
def test_incumbent_election_dates(rest: str, date: dt.date | None, problem: str | None) -> None:
    found = _election_date(2021, 3, rest)
    assert found.date == date
    assert found.name.startswith("SPECIAL ELECTION")
    if problem is None:
        assert found.date_problem is None
    else:
        assert found.date_problem is not None and problem in found.date_problem


def test_incumbents_page_with_a_vacant_seat(tmp_path: Path) -> None:
    write(
        tmp_path,
        "incumbents/2009.html",
        """<html><body><form><span class="hdr11">Candidates</span><table><tr><td>
        <span class="hdr13">2009 - 2010 Election Dates:</span><br />
        <span class="txt7">1. SPECIAL ELECTION
          Tuesday, 3/24/09<br /></span></td></tr></table>
        <table><tr><td colspan="2"><span class="hdr14">SENATE DISTRICTS</span></td></tr><tr>
        <td><span class="txt7">STATE SENATE 01</span><br />
        <table><tr><td><span class="txt7">VACANT</span><br />
        </td></tr></table></td>
        <td><span class="txt7">STATE SENATE 02</span><br /><table><tr><td>
        <a href="/Campaign/Candidates/Detail.aspx?session=2009&amp;id=1004302" class="sublink2">
        WIGGINS, PATRICIA<br /></a>
        </td></tr></table></td></tr></table>"""
        + FOOTER,
    )
    scraped = parse_pages(tmp_path)
    assert [r[:6] for r in scraped.rows["incumbent_elections"]] == [
        (2009, 1, "SPECIAL ELECTION", dt.date(2009, 3, 24), "Tuesday, 3/24/09", None)
    ]
    assert [r[:5] for r in scraped.rows["incumbents"]] == [
        (2009, "SENATE DISTRICTS", "STATE SENATE 02", "WIGGINS, PATRICIA", 1004302)
    ]
    assert (
        "vacant_office",
        "incumbents/2009.html STATE SENATE 01",
        "printed 'VACANT': no incumbent row",
    ) in (scraped.findings)


# -------------------------------------------------------------------------------------- measures, committees


def test_measure_election_dates() -> None:
    assert election_date("NOVEMBER 8, 2022, GENERAL") == dt.date(2022, 11, 8)
    assert election_date("JUNE 5, 2018, SPECIAL ELECTION") == dt.date(2018, 6, 5)
    assert election_date("SOMETIME IN 2022, GENERAL") is None


def detail_page(body: str) -> str:
    return f"""<span class="hdr11" id="measureName">PROP 27 - TERM LIMITS.</span>
    <a href="/Campaign/Measures/Detail.aspx?id=1007446&amp;session=1999&amp;view=general"><img></a>
    Committees formed to support or oppose the ballot measure. {body}{FOOTER}"""


def test_a_measure_without_committees_records_why(tmp_path: Path) -> None:
    write(tmp_path, "proposition_committees/1007446.html", detail_page("No committees found."))
    scraped = parse_pages(tmp_path)
    assert scraped.rows["measure_committees"] == []
    assert [(r[0], r[3], r[4]) for r in scraped.rows["pages"]] == [
        ("proposition_committees", 0, "the page says 'No committees found.'")
    ]
    assert scraped.rows["pages"][0][5] == f"{SITE}/Campaign/Measures/Detail.aspx?id=1007446&session=1999"


def test_a_detail_page_with_neither_committees_nor_the_notice_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "proposition_committees/1007446.html", detail_page(""))
    with pytest.raises(ParseError, match="neither committees nor"):
        parse_pages(tmp_path)


def test_committee_rows(tmp_path: Path) -> None:
    row = (
        '<tr><td><span class="txt7">972014</span></td><td><a class="sublink2" '
        'href="/Misc/Redirector.aspx?id=1071843&amp;session=1999">YES ON 27</a></td>'
        '<td><span class="txt7">{}</span></td></tr>'
    )
    write(
        tmp_path,
        "proposition_committees/1007446.html",
        detail_page(f"<table>{row.format('SUPPORT')}{row.format('ABSTAIN')}</table>"),
    )
    scraped = parse_pages(tmp_path)
    assert [r[:5] for r in scraped.rows["measure_committees"]] == [
        (1007446, 1071843, "972014", "YES ON 27", "SUPPORT")
    ]
    assert (
        next(a for a in scraped.accounting if a.subject == "scraped.measure_committees").rows_set_aside == 1
    )


# ------------------------------------------------------------------------------------------ pages, links


@pytest.mark.parametrize(
    "href",
    [
        f"{SITE}/{SITE}/Campaign/Candidates/Detail.aspx?id=1",
        f"{SITE}{SITE}/Campaign/Candidates/Detail.aspx?id=1",
        "//cal-access.sos.ca.gov//cal-access.sos.ca.gov/Campaign/Candidates/Detail.aspx?id=1",
        "cal-access.sos.ca.gov/Campaign/Candidates/Detail.aspx?id=1",
    ],
)
def test_double_prefixed_links(href: str) -> None:
    assert normalise_link(href) == (f"{SITE}/Campaign/Candidates/Detail.aspx?id=1", True)


def test_plain_links_are_resolved_against_the_page() -> None:
    base = f"{SITE}/Campaign/Measures/list.aspx?session=1999"
    assert normalise_link("Detail.aspx?id=5&session=1999", base) == (
        f"{SITE}/Campaign/Measures/Detail.aspx?id=5&session=1999",
        False,
    )


def test_block_pages_are_recognised_and_real_pages_are_not() -> None:
    challenge = '<html><body><script src="/_Incapsula_Resource?SWJIYLWA=1"></script>Bad Request</body></html>'
    assert "browser check" in (blocked_reason(challenge) or "")
    notice = "<html><body><h1>CAL-ACCESS is temporarily unavailable due to maintenance.</h1></body></html>"
    assert "maintenance notice" in (blocked_reason(notice) or "")
    # every real page carries a maintenance notice commented out, and some the bot check's script
    real = (
        "<!-- CAL-ACCESS will be temporarily unavailable due to maintanence -->"
        '<script src="/_Incapsula_Resource?x=1"></script><span class="hdr11">Candidates</span>'
    )
    assert blocked_reason(real) is None
    # the service adds its script to the site's own pages, so one in the site's template (its stylesheet)
    # that was cut before its headings is a cut page, not the browser check
    cut = '<link href="/Resources/Stylesheets/calaccess.css"><script src="/yall-Oh-Hangs"></script><table>'
    assert blocked_reason(cut) is None
    assert blocked_reason("<html><body><!-- temporarily unavailable --><p>Hello</p></body></html>") is None


def test_decoding_prefers_valid_utf8_over_the_declared_windows_1252() -> None:
    assert decode("CHILDREN’S".encode()) == (
        "CHILDREN’S",
        "declared windows-1252 but is UTF-8; read as UTF-8",
    )
    assert decode("CHILDREN’S".encode("cp1252")) == ("CHILDREN’S", None)
    assert decode(b"PLAIN") == ("PLAIN", None)
