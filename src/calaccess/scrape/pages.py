"""What every page kind shares: where its file lives, its canonical URL, how it is read and checked.

The four page kinds are laid out as in `../shared/calaccess/pages/`: `candidates/{electNav}.html`,
`incumbents/{session}.html`, `propositions/{session}.html` and `proposition_committees/{measure id}.html`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from calaccess.errors import ParseError

#: The host every row's source URL names, whatever mirror or test server the page was fetched from.
CANONICAL_SITE: Final = "https://cal-access.sos.ca.gov"

CANDIDATES: Final = "candidates"
INCUMBENTS: Final = "incumbents"
PROPOSITIONS: Final = "propositions"
PROPOSITION_COMMITTEES: Final = "proposition_committees"
KINDS: Final = (CANDIDATES, INCUMBENTS, PROPOSITIONS, PROPOSITION_COMMITTEES)


def page_path(kind: str, key: int | str) -> str:
    """The site path (with query) of one page, as the site itself writes it."""
    if kind == CANDIDATES:
        return f"/Campaign/Candidates/list.aspx?view=certified&electNav={key}"
    if kind == INCUMBENTS:
        return f"/Campaign/Candidates/list.aspx?view=incumbent&session={key}"
    if kind == PROPOSITIONS:
        return f"/Campaign/Measures/list.aspx?session={key}"
    raise ValueError(f"{kind} pages need a session as well: use measure_path")


def measure_path(measure_id: int, session: int) -> str:
    return f"/Campaign/Measures/Detail.aspx?id={measure_id}&session={session}"


def canonical_url(path: str) -> str:
    return CANONICAL_SITE + path


@dataclass(frozen=True)
class Page:
    """One saved page: its kind, the key in its file name, its text and the digest of its bytes."""

    kind: str
    key: str
    path: Path
    relative_path: str
    text: str
    sha256: str
    encoding_note: str | None

    def parse_html(self) -> LexborHTMLParser:
        """The page's tree, once its text is known to reach the end of the document (see `require_whole`)."""
        require_whole(self)
        return LexborHTMLParser(self.text)


def read_page(kind: str, path: Path) -> Page:
    return page_from_bytes(kind, path, path.read_bytes())


def page_from_bytes(kind: str, path: Path, data: bytes) -> Page:
    """A page from its bytes; `path` is where it is (or will be) saved, `{kind}/{key}.html`."""
    text, note = decode(data)
    return Page(
        kind=kind,
        key=path.stem,
        path=path,
        relative_path=f"{kind}/{path.name}",
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding_note=note,
    )


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a page and, when it is not what the page declares, a note saying so.

    The site declares windows-1252, but some pages were saved as UTF-8 (a curly apostrophe as three
    bytes). Valid UTF-8 with non-ASCII bytes is almost never accidental windows-1252, so it wins.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), None
    if text.isascii() or re.search(rb"charset=['\"]?utf-8", data[:4000], re.IGNORECASE):
        return text, None
    return text, "declared windows-1252 but is UTF-8; read as UTF-8"


def list_pages(pages_dir: Path, kind: str) -> list[Path]:
    """The page files of one kind, in the numeric order of their keys."""
    folder = pages_dir / kind
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.html") if p.stem.isdigit()]
    return sorted(files, key=lambda p: int(p.stem))


# ------------------------------------------------------------------------------------------ text and links


def clean(text: str | None) -> str:
    """Text as the browser shows it: runs of whitespace (including &nbsp;) as one space, trimmed."""
    return " ".join((text or "").split())


def node_text(node: LexborNode | None) -> str:
    return clean(node.text(deep=True)) if node is not None else ""


_DOUBLED_HOST = re.compile(
    r"^(https?://cal-access\.sos\.ca\.gov)/*(?:(?:https?:)?//)?cal-access\.sos\.ca\.gov(?=[/?#]|$)", re.I
)


def normalise_link(href: str, base: str = CANONICAL_SITE + "/") -> tuple[str, bool]:
    """An absolute URL for a link on a page, and whether it was double-prefixed with the host.

    The site sometimes writes its host twice (`https://cal-access.sos.ca.gov/https://cal-access.sos.ca.gov/
    Campaign/...`, with or without the slash or the scheme); the repeated host is dropped.
    """
    link, repaired = href.strip(), False
    if link.lower().startswith("cal-access.sos.ca.gov"):
        # a host written without its scheme would otherwise be joined as a relative path
        link, repaired = "https://" + link, True
    link = urljoin(base, link)
    while (fixed := _DOUBLED_HOST.sub(r"\1", link, count=1)) != link:
        link, repaired = fixed, True
    return link, repaired


def query_int(url: str, name: str) -> int | None:
    """A numeric query parameter of a URL, or None when it is missing or not a number."""
    values = parse_qs(urlsplit(url).query).get(name)
    if not values or not values[0].isdigit():
        return None
    return int(values[0])


def menu_links(tree: LexborHTMLParser, parameter: str) -> list[tuple[int, str, bool]]:
    """The entries of a list page's selection menu: (value of `parameter`, label, selected).

    A menu entry is a link wrapping the select/unselected image, followed by its label in a span; the
    "Go to section" links carry the same parameter but no image, so they are not entries.
    """
    entries: list[tuple[int, str, bool]] = []
    for link in tree.css("a[href]"):
        image = link.css_first("img")
        if image is None:
            continue
        href = link.attributes.get("href") or ""
        value = query_int(normalise_link(href)[0], parameter)
        if value is None:
            continue
        label = link.next
        while label is not None and label.tag != "span":
            label = label.next
        src = (image.attributes.get("src") or "").lower()
        selected = src.endswith("selected.gif") and not src.endswith("unselected.gif")
        entries.append((value, node_text(label), selected))
    return entries


def require(condition: object, problem: str, page: Page) -> None:
    """Raise a ParseError naming the page file when the page is not what its kind should be."""
    if not condition:
        raise ParseError(f"not a {page.kind} page as expected: {problem}", path=page.path)


#: The end of an HTML document: its closing tag, nothing but white space after it.
_DOCUMENT_END: Final = re.compile(r"</html>\s*\Z", re.I)
#: What every page of every kind ends with, in this order: the script the site prints after the content
#: (`trapEnter`, inside the form that holds the content), then the close of that form, of the body and of
#: the document. All 349 saved pages that are the site's carry them; a browser's "save page" closes the
#: tags a cut page left open, but cannot restore the script.
_PAGE_END: Final = (
    (re.compile(r"function trapEnter\(btn\).*?</script>", re.S), "its footer (the site's trapEnter script)"),
    (re.compile(r"</form>", re.I), "the end of its form (</form>)"),
    (re.compile(r"</body>", re.I), "its closing </body>"),
    (_DOCUMENT_END, "its closing </html>"),
)


def ends_document(text: str) -> bool:
    return _DOCUMENT_END.search(text) is not None


def require_whole(page: Page) -> None:
    """Raise a ParseError naming the page file when the page ends before its document does.

    The HTML parser closes whatever a cut page leaves open, so half a page parses, without a sign, to the
    rows of its first half; only the raw text shows that its end is missing.
    """
    position = 0
    for marker, what in _PAGE_END:
        found = marker.search(page.text, position)
        if found is None:
            raise ParseError(f"the {page.kind} page ends before {what} (truncated?)", path=page.path)
        position = found.end()


def enclosing_table(heading: LexborNode, what: str, page: Page) -> LexborNode:
    """The table a section heading sits in: its rows are the section's offices."""
    table = heading.parent
    while table is not None and table.tag != "table":
        table = table.parent
    require(table is not None, f"{what} is not inside a table", page)
    assert table is not None
    return table


def first_cell(table: LexborNode | None) -> LexborNode | None:
    """The first cell of a nested table (a selector like `table td` would also match the cell itself)."""
    return table.css_first("td") if table is not None else None


# ------------------------------------------------------------------------------------- challenge, maintenance

_CONTENT_MARKERS = ("hdr11",)
#: The site's stylesheet, which every page in its template links (saved by a browser: `./N_files/...`).
_SITE_STYLESHEET = "calaccess.css"
_CHALLENGE_MARKERS = re.compile(
    r"_Incapsula_Resource|Incapsula incident|/yall-oh-|cf-challenge|captcha", re.I
)
_MAINTENANCE_TEXT = re.compile(
    r"temporarily unavailable|(?:scheduled|under(?:going)?|down for) maint[ae]n[ae]nce|service unavailable",
    re.I,
)


def blocked_reason(text: str) -> str | None:
    """Why a response is not a CAL-ACCESS page at all, or None when it looks like one.

    Real pages carry the site's content headings. A page without them that carries the bot-protection
    service's markers, and is not in the site's template, is the browser check (the service adds its
    script to real pages too, so a real page cut before its headings still carries it); one whose
    visible text announces maintenance is a maintenance notice. (Every real page has a maintenance
    notice commented out in its header, so only visible text counts, and only on pages without content.)
    """
    if any(marker in text for marker in _CONTENT_MARKERS):
        return None
    if _CHALLENGE_MARKERS.search(text) and _SITE_STYLESHEET not in text:
        return "the site's browser check (bot protection), not a CAL-ACCESS page"
    visible = clean(LexborHTMLParser(text).text(deep=True, separator=" ")) if text else ""
    match = _MAINTENANCE_TEXT.search(visible)
    if match:
        return f"a maintenance notice ({visible[max(0, match.start() - 60) : match.end() + 60].strip()!r})"
    return None
