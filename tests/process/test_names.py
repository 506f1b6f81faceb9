"""Names as CAL-ACCESS prints them: parts, nicknames, suffixes, withdrawal markers and matching keys."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calaccess.process.names import SUFFIXES, TITLES, letters, parse_name, parse_name_parts


@pytest.mark.parametrize(
    ("printed", "family", "given", "middle", "suffix", "nicknames"),
    [
        ("BROWN, EDMUND G. (JERRY)", "BROWN", "EDMUND", "G.", "", ("JERRY",)),
        ('HERNANDEZ JR., RUBEN D. "RJ"', "HERNANDEZ", "RUBEN", "D.", "JR.", ("RJ",)),
        ("BELL, JR., RAYMOND M.", "BELL", "RAYMOND", "M.", "JR.", ()),
        ("SWEET, WILLIAM RALPH JR.", "SWEET", "WILLIAM", "RALPH", "JR.", ()),
        ("MC PHERSON, BRUCE", "MC PHERSON", "BRUCE", "", "", ()),
        ('SCHWARTZ, KAREN ("KATE")', "SCHWARTZ", "KAREN", "", "", ("KATE",)),
        ('FLOYD, RICHARD E."DICK"', "FLOYD", "RICHARD", "E.", "", ("DICK",)),
        ('DAUM, R.K. "SKIP:', "DAUM", "R.K.", "", "", ("SKIP",)),
        ('MUIR, MAUREEN "MO" M.', "MUIR", "MAUREEN", "M.", "", ("MO",)),
        ("ORTEGA MARTINEZ JR., RICARDO", "ORTEGA MARTINEZ", "RICARDO", "", "JR.", ()),
        ("O'DONNELL, MELISSA R.", "O'DONNELL", "MELISSA", "R.", "", ()),
        ("GRAHAM, J.R.", "GRAHAM", "J.R.", "", "", ()),
        ("STITCH JR, STEFAN", "STITCH", "STEFAN", "", "JR", ()),
    ],
)
def test_printed_names_are_split_into_parts(
    printed: str, family: str, given: str, middle: str, suffix: str, nicknames: tuple[str, ...]
) -> None:
    name = parse_name(printed)
    assert (name.family_name, name.given_name, name.middle_name, name.suffix, name.nicknames) == (
        family,
        given,
        middle,
        suffix,
        nicknames,
    )
    assert not name.withdrawn


def test_title_before_the_given_name_is_a_title() -> None:
    name = parse_name("GUNDERSON, DR., H. CHRISTIAN")
    assert (name.title, name.given_name, name.middle_name, name.family_name) == (
        "DR.",
        "H.",
        "CHRISTIAN",
        "GUNDERSON",
    )


@pytest.mark.parametrize("printed", ["LOPEZ (WITHDRAWN), JORGE R.", "LOPEZ, JORGE R. (501WITHDRAWN)"])
def test_withdrawal_marker_is_a_flag_not_part_of_the_name(printed: str) -> None:
    name = parse_name(printed)
    assert name.withdrawn
    assert name.printed == "LOPEZ, JORGE R."
    assert (name.family_name, name.given_name, name.nicknames) == ("LOPEZ", "JORGE", ())


def test_name_and_sort_name_read_in_ocd_and_calaccess_order() -> None:
    name = parse_name('HERNANDEZ JR., RUBEN D. "RJ"')
    assert name.name == "RUBEN D. HERNANDEZ JR."
    assert name.sort_name == "HERNANDEZ, RUBEN D. JR."


def test_nickname_is_a_first_name_form_for_matching() -> None:
    printed = parse_name("BROWN, EDMUND G. (JERRY)")
    filed = parse_name_parts("Brown", "Jerry")
    assert printed.family_key == filed.family_key == "BROWN"
    assert "JERRY" in printed.first_name_forms
    assert set(printed.first_name_forms) & set(filed.first_name_forms)


def test_each_part_of_a_hyphenated_family_name_is_a_family_form() -> None:
    assert parse_name_parts("Cage-Barile", "Lady").family_name_forms == ("CAGEBARILE", "CAGE", "BARILE")
    assert parse_name("CAGE, LADY").family_name_forms == ("CAGE",)


def test_form_501_fields_give_the_same_key_as_the_printed_name() -> None:
    assert parse_name_parts("Mc Pherson", "Bruce").match_key == parse_name("MC PHERSON, BRUCE").match_key
    assert parse_name_parts("Weintz Sr.", "Tim").match_key == parse_name("WEINTZ SR., TIM").match_key
    assert parse_name_parts("Miller", "Anthony (Tony)").first_name_forms == ("ANTHONY", "TONY")
    assert parse_name_parts("SWINNEY", "CARL", moniker="MARTY").first_name_forms == ("CARL", "MARTY")


def test_name_without_comma_is_read_first_name_first() -> None:
    name = parse_name("Tony Miller")
    assert (name.given_name, name.family_name) == ("Tony", "Miller")
    assert parse_name("MADONNA").family_name == "MADONNA"


def test_accents_and_punctuation_do_not_change_keys() -> None:
    assert letters("Peña-Ruiz") == "PENARUIZ"
    assert parse_name("PEÑA, JOSÉ").match_key == parse_name("PENA, JOSE").match_key


def test_full_name_key_is_the_whole_name_normalised() -> None:
    assert parse_name("MILLER, GLADYS O.").full_name_key == "MILLER|GLADYS|O|"
    # the same parts however printed, and from a 501's fields
    assert (
        parse_name("BELL, JR., RAYMOND M.").full_name_key == parse_name("BELL, RAYMOND M. JR.").full_name_key
    )
    assert (
        parse_name_parts("Mc Pherson", "Bruce").full_name_key == parse_name("MC PHERSON, BRUCE").full_name_key
    )
    assert (
        parse_name('SMITH, JONATHAN Q. "JACK"').full_name_key == "SMITH|JONATHAN|Q|"
    )  # nicknames vary: left out
    # a middle initial or a suffix tells two names apart; a family name alone is no whole name
    assert parse_name("MILLER, GLADYS").full_name_key != parse_name("MILLER, GLADYS O.").full_name_key
    assert parse_name("SWEET, WILLIAM").full_name_key != parse_name("SWEET, WILLIAM JR.").full_name_key
    assert parse_name("STARCHILD").full_name_key == ""


# Words made of letters that are neither suffixes nor titles: the shape of real family and given names.
_word = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=12).filter(
    lambda word: word not in SUFFIXES and word not in TITLES and "WITHDRAWN" not in word
)


@given(family=_word, given_names=st.lists(_word, min_size=1, max_size=3))
def test_last_comma_first_round_trips(family: str, given_names: list[str]) -> None:
    name = parse_name(f"{family}, {' '.join(given_names)}")
    assert name.family_name == family
    assert name.given_name == given_names[0]
    assert name.middle_name == " ".join(given_names[1:])
    assert parse_name(name.sort_name).match_key == name.match_key
    assert parse_name(name.sort_name.lower()).full_name_key == name.full_name_key


@given(family=_word, given_name=_word, nickname=_word, quoted=st.booleans())
def test_nickname_in_quotes_or_parentheses_is_found(
    family: str, given_name: str, nickname: str, quoted: bool
) -> None:
    wrapped = f'"{nickname}"' if quoted else f"({nickname})"
    name = parse_name(f"{family}, {given_name} {wrapped}")
    assert name.nicknames == (nickname,)
    assert (name.family_name, name.given_name) == (family, given_name)


@given(family=_word, given_name=_word, suffix=st.sampled_from(sorted(SUFFIXES)), after_family=st.booleans())
def test_suffix_is_found_on_either_side_of_the_comma(
    family: str, given_name: str, suffix: str, after_family: bool
) -> None:
    printed = f"{family} {suffix}., {given_name}" if after_family else f"{family}, {given_name} {suffix}."
    name = parse_name(printed)
    assert (name.family_name, name.given_name, name.suffix) == (family, given_name, f"{suffix}.")


@given(st.text(max_size=60))
def test_any_text_parses_and_loses_no_name(text: str) -> None:
    name = parse_name(text)
    kept = letters(name.name + name.title + "".join(name.nicknames))
    # Only a withdrawal marker may vanish: every other letter is somewhere in the parts.
    assert kept or not letters(text).replace("WITHDRAWN", "").replace("501", "")


def test_every_name_on_the_saved_pages_parses_into_a_family_and_a_first_name(scraped_db: Path) -> None:
    with duckdb.connect(str(scraped_db), read_only=True) as con:
        printed = con.execute(
            "SELECT DISTINCT name FROM scraped.candidates UNION SELECT DISTINCT name FROM scraped.incumbents"
        ).fetchall()
    parsed = [parse_name(name) for (name,) in printed]
    assert len(parsed) > 3000
    assert all(name.family_key for name in parsed)
    # only a few candidates go by one name (ANGELYNE, STARCHILD): everyone else has a first name
    one_word = sorted(name.printed for name in parsed if not name.first_name_forms)
    assert all(" " not in name and "," not in name for name in one_word), one_word
