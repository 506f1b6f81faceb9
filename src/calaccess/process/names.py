"""People's names as CAL-ACCESS prints them, parsed into parts and keys for matching.

The website prints `LAST [SUFFIX], [TITLE] FIRST MIDDLE [SUFFIX]`, with nicknames in quotes or parentheses
(`BROWN, EDMUND G. (JERRY)`, `HERNANDEZ JR., RUBEN D. "RJ"`) and sometimes a withdrawal marker
(`LOPEZ (WITHDRAWN), JORGE R.`). Form 501s give the same parts in separate fields. Both are parsed into one
`ParsedName` so that their keys compare: the family key (letters of the family name) and the first-name
forms (the given name and each nickname), which is how a printed name is matched to a 501.

The comma form is parsed here with a small, explicit vocabulary of suffixes and titles, because it is
regular and a general parser guesses wrong on it (`BELL, JR., RAYMOND M.`). A name without a comma
(rare: a few 501 and filer names) goes to `nameparser`, which is made for free-form names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nameparser import HumanName

#: Generational and professional suffixes, as tokens without dots. Kept small on purpose: a wider list
#: (`V`, `CH`, `MD` ...) would swallow middle initials.
SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV", "ESQ", "PHD"})
#: Titles that can lead a given name (`GUNDERSON, DR., H. CHRISTIAN`).
TITLES = frozenset({"DR", "MR", "MRS", "MS", "MISS", "REV", "HON"})

# `(WITHDRAWN)` and `(501WITHDRAWN)`: the site's way to mark a candidate who withdrew.
_WITHDRAWN = re.compile(r"\(\s*(?:501\s*)?WITHDRAWN\s*\)", re.IGNORECASE)
# A nickname in double quotes (the closing quote is sometimes missing or typed as a colon: `"SKIP:`)
# or in parentheses, possibly both: `("KATE")`.
_QUOTED = re.compile(r'\(?\s*"([^"]*)(?:"|$)\s*\)?')
_PARENTHESISED = re.compile(r"\(([^()]*)\)")
_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[^A-Z]")


@dataclass(frozen=True)
class ParsedName:
    """A person's name in parts, with the keys used to match it to other records."""

    printed: str
    given_name: str = ""
    middle_name: str = ""
    family_name: str = ""
    suffix: str = ""
    title: str = ""
    nicknames: tuple[str, ...] = ()
    withdrawn: bool = False

    @property
    def name(self) -> str:
        """`GIVEN MIDDLE FAMILY SUFFIX`: the order OCD's Person.name reads in."""
        return _join(self.given_name, self.middle_name, self.family_name, self.suffix)

    @property
    def sort_name(self) -> str:
        """`FAMILY, GIVEN MIDDLE SUFFIX`: the order CAL-ACCESS lists people in."""
        rest = _join(self.given_name, self.middle_name, self.suffix)
        return f"{self.family_name}, {rest}" if rest and self.family_name else self.family_name or rest

    @property
    def family_key(self) -> str:
        """The family name's letters only: `MC PHERSON`, `McPherson` and `MCPHERSON` are one key."""
        return letters(self.family_name)

    @property
    def family_name_forms(self) -> tuple[str, ...]:
        """The keys a family name may be written as: whole, and each part of a hyphenated name
        (`CAGE-BARILE` files a 501 that the list prints as `CAGE`)."""
        forms = [self.family_key] if self.family_key else []
        if "-" in self.family_name:
            forms += [
                key for part in self.family_name.split("-") if (key := letters(part)) and key not in forms
            ]
        return tuple(forms)

    @property
    def first_name_forms(self) -> tuple[str, ...]:
        """The keys a first name may be written as: the given name and each nickname (first word)."""
        forms: list[str] = []
        for text in (self.given_name, *self.nicknames):
            words = text.split()
            key = letters(words[0]) if words else ""
            if key and key not in forms:
                forms.append(key)
        return tuple(forms)

    @property
    def full_name_key(self) -> str:
        """`FAMILY|GIVEN|MIDDLE|SUFFIX` letters: the whole name, normalised, which is what ties one person's
        records across elections when no filer id does (`MILLER|GLADYS|O|`). Empty without a family and
        a given name: a family name alone says too little. Nicknames are left out: they vary."""
        given = letters(self.given_name)
        if not self.family_key or not given:
            return ""
        return "|".join((self.family_key, given, letters(self.middle_name), letters(self.suffix)))

    @property
    def match_key(self) -> str:
        """`FAMILY|GIVEN` keys: the same person's name printed twice gives the same key."""
        forms = self.first_name_forms
        return f"{self.family_key}|{forms[0] if forms else ''}"


def letters(text: str) -> str:
    """Upper-case ASCII letters only, accents folded (`Peña` → `PENA`)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_LETTERS.sub("", folded.upper())


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).replace(" ,", ",").strip(" ,")


def _token_key(token: str) -> str:
    """A word as the vocabularies spell it: `Jr.` is JR, but `J.R.` (initials) stays J.R."""
    return token.rstrip(".").upper()


def parse_name(printed: str) -> ParsedName:
    """Parse a name as printed (`LAST, FIRST MIDDLE`, nicknames, suffixes, withdrawal markers).

    Never raises: a name that does not fit the pattern still gives its text as the family name, so no
    record is lost for a spelling we did not foresee.
    """
    text = _clean(printed.replace("\x00", " "))
    withdrawn = bool(_WITHDRAWN.search(text))
    text = _clean(_WITHDRAWN.sub(" ", text))
    shown = text
    nicknames: list[str] = []

    def keep_nickname(match: re.Match[str]) -> str:
        nickname = _clean(match.group(1).strip(":;"))
        if nickname and nickname not in nicknames:
            nicknames.append(nickname)
        return " "

    # A quote glued to an initial (`E."DICK"`) is a nickname all the same.
    text = _QUOTED.sub(keep_nickname, text)
    text = _clean(_PARENTHESISED.sub(keep_nickname, text))
    if "," not in text:
        return _parse_free_form(shown, text, tuple(nicknames), withdrawn)

    family_part, *rest_parts = (_clean(part) for part in text.split(","))
    suffixes: list[str] = []
    titles: list[str] = []
    given_words: list[str] = []
    for part in rest_parts:
        words = part.split()
        if words and all(_token_key(word) in SUFFIXES for word in words):
            suffixes.extend(words)
        elif words and all(_token_key(word) in TITLES for word in words):
            titles.extend(words)
        else:
            given_words.extend(words)
    family_words = family_part.split()
    while len(family_words) > 1 and _token_key(family_words[-1]) in SUFFIXES:
        suffixes.insert(0, family_words.pop())
    while len(given_words) > 1 and _token_key(given_words[0]) in TITLES:
        titles.append(given_words.pop(0))
    while len(given_words) > 1 and _token_key(given_words[-1]) in SUFFIXES:
        suffixes.append(given_words.pop())
    return ParsedName(
        printed=shown,
        given_name=given_words[0] if given_words else "",
        middle_name=" ".join(given_words[1:]),
        family_name=" ".join(family_words),
        suffix=" ".join(suffixes),
        title=" ".join(titles),
        nicknames=tuple(nicknames),
        withdrawn=withdrawn,
    )


def _parse_free_form(shown: str, text: str, nicknames: tuple[str, ...], withdrawn: bool) -> ParsedName:
    """A name without a comma (`Tony Miller`): nameparser's general rules."""
    human = HumanName(text)
    family = str(human.last)
    given = str(human.first)
    if not family and given:
        # A single word is a family name in CAL-ACCESS's records (`MADONNA`), not a given name.
        family, given = given, ""
    return ParsedName(
        printed=shown,
        given_name=given,
        middle_name=str(human.middle),
        family_name=family,
        suffix=str(human.suffix),
        title=str(human.title),
        nicknames=nicknames + tuple(n for n in str(human.nickname).split() if n and n not in nicknames),
        withdrawn=withdrawn,
    )


def parse_name_parts(
    last: str | None,
    first: str | None,
    middle: str | None = None,
    title: str | None = None,
    suffix: str | None = None,
    moniker: str | None = None,
) -> ParsedName:
    """A name given in separate fields, as a Form 501 gives it (CAND_NAML, CAND_NAMF, ...).

    The fields are filled loosely (`Cartwright Sr.` as a last name, `Anthony (Tony)` as a first name), so
    they are put back into the printed form and parsed like the website's names: both then give the
    same keys.
    """
    given = _join(_clean(title or ""), _clean(first or ""), _clean(middle or ""), _clean(suffix or ""))
    nickname = _clean(moniker or "")
    if nickname:
        given = f'{given} "{nickname}"'
    family = _clean(last or "")
    printed = f"{family}, {given}" if given else family
    return parse_name(printed)
