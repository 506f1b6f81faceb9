"""People of one name across elections: which records are one person, and which namesakes stay apart.

The site prints about a third of its candidates without a filer id, so today's links (a shared filer id, one
name in one contest, an incumbent named as the seat's candidate) leave such a candidate a new person in
every election. Here the people that carry the same whole name, normalised (`names.ParsedName.
full_name_key`: family, given, middle and suffix letters), are joined when their offices fit one career:

* **same office**: the same district of the same body, or the same statewide office;
* **neighbouring district after redistricting**: Assembly or State Senate districts N and N±1, one
  election on each side of a redistricting (the maps of 2001, 2011 and 2021, first used in 2002, 2012 and
  2022). Our divisions (`divisions-ca.csv`) carry no geometry, so district numbers stand in for it: the
  commissions number districts roughly north to south, and a seat redrawn around its holder often
  changes its number by one. Two numbers apart, two plans apart, or one plan, is not a neighbour;
* **statewide offices**: one statewide office and another (a Controller candidate who runs for Governor);
* **an office holder running statewide**: a statewide race and a district seat that the incumbents pages
  show the person held (a legislator or Board of Equalization member). A district candidate who never
  held the seat and a statewide candidate of the same name stay apart: the state is too big for a name
  alone.

Anything else stays apart, and so do two people of one name in one contest. Filer ids do not veto a join:
the state gives one person several (on the sample, Tom Torlakson's legislative and Superintendent
campaigns carry two, as do Tom Umberg's and Tom Berryhill's), and a shared filer id already joins whatever
carries it.

The people are built in the order of their first record, each (a cluster of today's links) joining the
person its offices fit; one that fits two people of its name joins neither, rather than be guessed. So
adding a later election never changes what earlier records were, and a merged person keeps the id of the
person merged into (`person.sql`: its smallest filer id, else its first record's name and place), unless
the newcomer brings a filer id the person lacked or a smaller one. Each join is a link of its own kind
with its reason (`meta.person_merge`), and each name still held by several people is a 'namesakes kept
apart' finding that says what told them apart. This is sequential, and small (a few thousand records), so
it is done here rather than in SQL.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import duckdb

from calaccess.meta import Run

#: The first year of elections on new maps: the redistrictings of 2001, 2011 and 2021.
REDISTRICTING_YEARS = (2002, 2012, 2022)
#: Bodies whose districts are redrawn together and numbered across the state (the Board of Equalization
#: has four districts the size of a quarter of the state: a neighbour by number would say nothing).
NEIGHBOUR_BODIES = ("ASSEMBLY", "STATE SENATE")

SAME_OFFICE = "same name across elections, same office"
NEIGHBOUR = "same name across elections, neighbouring district after redistricting"
STATEWIDE = "same name across elections, statewide offices"
HOLDER_STATEWIDE = "same name across elections, an office holder running statewide"
#: The link kinds this module adds, strongest first: a join is explained by its strongest fitting pair.
KINDS = (SAME_OFFICE, NEIGHBOUR, STATEWIDE, HOLDER_STATEWIDE)
FINDING = "namesakes kept apart"

_DISTRICT = re.compile(r"^(ASSEMBLY|STATE SENATE|BOARD OF EQUALIZATION) (\d+)$")
_SMALL_WORDS = frozenset({"OF"})


@dataclass(frozen=True)
class Record:
    """One record of a person (a candidate listing or an incumbents-page entry), as this rule sees it."""

    record_key: str
    cluster: str
    seen_on: date
    office_key: str | None
    contest_id: str | None
    occasion: str
    name_key: str
    whole_name: bool
    name_printed: str
    from_incumbents_page: bool
    filer_ids: tuple[str, ...] = ()

    @property
    def district(self) -> tuple[str, int] | None:
        match = _DISTRICT.match(self.office_key or "")
        return (match.group(1), int(match.group(2))) if match else None

    @property
    def holds_seat(self) -> bool:
        """The incumbents page lists this record in a district seat (not a statewide office)."""
        return self.from_incumbents_page and self.district is not None

    @property
    def place(self) -> str:
        """`Assembly 5 (2002)`: the office and the year, as the reasons print them."""
        return f"{office_label(self.office_key)} ({self.seen_on.year})"


@dataclass
class Person:
    """The records joined so far into one person."""

    records: list[Record] = field(default_factory=list)

    @property
    def holds_seat(self) -> bool:
        return any(record.holds_seat for record in self.records)

    @property
    def contests(self) -> set[str]:
        return {record.contest_id for record in self.records if record.contest_id}

    @property
    def filer_ids(self) -> set[str]:
        return {filer_id for record in self.records for filer_id in record.filer_ids}

    @property
    def name_keys(self) -> set[str]:
        return {record.name_key for record in self.records if record.name_key}

    @property
    def whole_name_keys(self) -> set[str]:
        """The keys of whole names: a family name alone never joins people."""
        return {record.name_key for record in self.records if record.name_key and record.whole_name}


@dataclass(frozen=True)
class Link:
    """A join: two records, one of each side, whose offices fit one career; `token` says which and why."""

    kind: str
    token: str
    record_keys: tuple[str, str]


@dataclass(frozen=True)
class Namesakes:
    """People who share a name and stay apart, with what told each pair apart."""

    name_key: str
    people: tuple[Person, ...]
    #: (i, j, why) for each pair of people (indexes into `people`); none for a family name alone
    reasons: tuple[tuple[int, int, str], ...]

    @property
    def why(self) -> str:
        if not self.reasons:
            return f"only a family name ({self.name_key}) is printed, too little to join records on"
        return "; ".join(f"[{i + 1}] and [{j + 1}]: {why}" for i, j, why in self.reasons)


@dataclass(frozen=True)
class Joining:
    """What the rule decided: the people, the links that joined them, the namesakes kept apart."""

    people: tuple[Person, ...]
    links: tuple[Link, ...]
    namesakes: tuple[Namesakes, ...]


def office_label(office_key: str | None) -> str:
    """`ASSEMBLY 5` → `Assembly 5`; `BOARD OF EQUALIZATION 2` → `Board of Equalization 2`."""
    if office_key is None:
        return "no state office"
    words = office_key.split()
    return " ".join(word.lower() if word in _SMALL_WORDS else word.capitalize() for word in words)


def redistricting_plan(year: int) -> int:
    """Which maps an election of that year used: 0 before 2002, then one more per redistricting."""
    return bisect_right(REDISTRICTING_YEARS, year)


def agreement(a: Record, b: Record, a_holds_seat: bool, b_holds_seat: bool) -> str | None:
    """The kind of link by which two records' offices fit one career, or None. `*_holds_seat`: whether
    that record's side (its person so far) held a district seat."""
    if a.office_key is None or b.office_key is None:
        return None
    if a.office_key == b.office_key:
        return SAME_OFFICE
    a_district, b_district = a.district, b.district
    if a_district is None and b_district is None:
        return STATEWIDE
    if a_district is not None and b_district is not None:
        if (
            a_district[0] == b_district[0]
            and a_district[0] in NEIGHBOUR_BODIES
            and abs(a_district[1] - b_district[1]) == 1
            and abs(redistricting_plan(a.seen_on.year) - redistricting_plan(b.seen_on.year)) == 1
        ):
            return NEIGHBOUR
        return None
    district_side_holds_seat = b_holds_seat if a_district is None else a_holds_seat
    return HOLDER_STATEWIDE if district_side_holds_seat else None


def disagreement(a: Record, b: Record) -> str:
    """Why two records' offices do not fit one career (they do not, by `agreement`)."""
    places = f"{a.place} vs {b.place}"
    if a.office_key is None or b.office_key is None:
        return f"no state office to compare: {places}"
    a_district, b_district = a.district, b.district
    if a_district is not None and b_district is not None:
        if (
            a_district[0] == b_district[0]
            and abs(a_district[1] - b_district[1]) == 1
            and redistricting_plan(a.seen_on.year) == redistricting_plan(b.seen_on.year)
        ):
            return f"neighbouring districts with no redistricting between them: {places}"
        return f"offices too far apart: {places}"
    return f"a statewide office and a district seat never held: {places}"


@dataclass(frozen=True)
class Fit:
    """The pair of records, one of each person, by which their offices fit one career."""

    kind: str
    earlier: Record
    later: Record

    @property
    def places(self) -> str:
        return (
            f"{office_label(self.earlier.office_key)} ({self.earlier.occasion}) and "
            f"{office_label(self.later.office_key)} ({self.later.occasion})"
        )


def _in_order(a: Record, b: Record) -> tuple[Record, Record]:
    return (a, b) if (a.seen_on, a.record_key) <= (b.seen_on, b.record_key) else (b, a)


def _fit(one: Person, other: Person) -> Fit | None:
    """The strongest pair of records, one on each side, whose offices fit one career (nearest in time
    among equals); None when no pair does, or when the two ran against each other in one contest."""
    if one.contests & other.contests:
        return None
    one_holds, other_holds = one.holds_seat, other.holds_seat
    best: tuple[tuple[int, int, str, str], Fit] | None = None
    for a in one.records:
        for b in other.records:
            kind = agreement(a, b, one_holds, other_holds)
            if kind is None:
                continue
            rank = (KINDS.index(kind), abs((a.seen_on - b.seen_on).days), a.record_key, b.record_key)
            if best is None or rank < best[0]:
                best = (rank, Fit(kind, *_in_order(a, b)))
    return best[1] if best else None


def _link(fit: Fit, one: Person, other: Person) -> Link:
    token = f"{fit.earlier.name_key}: {fit.places}"
    one_ids, other_ids = one.filer_ids, other.filer_ids
    if one_ids and other_ids and not one_ids & other_ids:
        token += f"; filer ids {', '.join(sorted(one_ids | other_ids))}, all kept as identifiers"
    return Link(fit.kind, token, (fit.earlier.record_key, fit.later.record_key))


def _apart(one: Person, other: Person) -> str:
    """What told two people of one (whole) name apart, for the finding."""
    shared = sorted(one.contests & other.contests)
    if shared:
        record = next(r for r in one.records if r.contest_id == shared[0])
        return f"same name, both ran in one contest: {office_label(record.office_key)} ({record.occasion})"
    fit = _fit(one, other)
    if fit is not None:
        return (
            f"same name and offices that fit ({fit.places}), but a record of theirs fits more than one "
            "person of this name: kept apart rather than guessed"
        )
    nearest = min(
        (_in_order(a, b) for a in one.records for b in other.records),
        key=lambda pair: (abs((pair[1].seen_on - pair[0].seen_on).days), *(r.record_key for r in pair)),
    )
    return f"same name, {disagreement(*nearest)}"


def join(records: Iterable[Record]) -> Joining:
    """Join the clusters of the given records across elections, earliest first; see the module docstring."""
    clusters: dict[str, list[Record]] = {}
    for record in records:
        clusters.setdefault(record.cluster, []).append(record)
    units = sorted(
        (Person(sorted(members, key=lambda r: (r.seen_on, r.record_key))) for members in clusters.values()),
        key=lambda unit: (unit.records[0].seen_on, unit.records[0].record_key),
    )
    people: list[Person] = []
    people_named: dict[str, list[int]] = {}
    links: list[Link] = []
    for unit in units:
        candidates = sorted({index for key in unit.whole_name_keys for index in people_named.get(key, ())})
        fits = [(index, fit) for index in candidates if (fit := _fit(unit, people[index])) is not None]
        if len(fits) == 1:
            index, fit = fits[0]
            links.append(_link(fit, unit, people[index]))
            people[index].records.extend(unit.records)
        else:
            index = len(people)
            people.append(Person(list(unit.records)))
        for key in people[index].name_keys:
            if index not in people_named.setdefault(key, []):
                people_named[key].append(index)
    namesakes = []
    for key in sorted(people_named):
        held_by = tuple(people[index] for index in people_named[key])
        if len(held_by) > 1:
            pairs = combinations(range(len(held_by)), 2)
            whole = key in held_by[0].whole_name_keys
            reasons = tuple((i, j, _apart(held_by[i], held_by[j])) for i, j in pairs) if whole else ()
            namesakes.append(Namesakes(key, held_by, reasons))
    return Joining(tuple(people), tuple(links), tuple(namesakes))


# ---------------------------------------------------------------------------------------------------------
# in the database: person_history (person_history.sql) in, person_link rows and findings out


def read_history(con: duckdb.DuckDBPyConnection) -> list[Record]:
    """The records of person_history, as this rule sees them."""
    rows = con.execute(
        """SELECT record_key, cluster, seen_on, office_key, contest_id, occasion, name_key, whole_name,
                  name_printed, source = 'incumbents page', filer_ids
           FROM person_history ORDER BY record_key"""
    ).fetchall()
    return [
        Record(
            record_key=row[0],
            cluster=row[1],
            seen_on=row[2],
            office_key=row[3],
            contest_id=row[4],
            occasion=row[5],
            name_key=row[6] or "",
            whole_name=bool(row[7]),
            name_printed=row[8] or "",
            from_incumbents_page=bool(row[9]),
            filer_ids=tuple(row[10] or ()),
        )
        for row in rows
    ]


def add_links(con: duckdb.DuckDBPyConnection, links: Sequence[Link]) -> None:
    """Add each join to person_link: both records carry its token, so settling the clusters joins them."""
    rows = [(key, link.kind, link.token) for link in links for key in link.record_keys]
    if rows:
        record_keys, kinds, tokens = (list(column) for column in zip(*rows, strict=True))
        con.execute(
            """INSERT INTO person_link
               SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[])""",
            [record_keys, kinds, tokens],
        )


def report(con: duckdb.DuckDBPyConnection, run: Run, namesakes: Sequence[Namesakes]) -> None:
    """One 'namesakes kept apart' finding per name still held by several people: who, and why apart."""
    person_of = dict(con.execute("SELECT record_key, person_id FROM person_of_record").fetchall())
    findings: list[tuple[str, str, str | None]] = []
    for group in namesakes:
        described = []
        for number, person in enumerate(group.people, start=1):
            offices: dict[str, list[str]] = {}
            for record in sorted(person.records, key=lambda r: (r.seen_on, r.record_key)):
                years = offices.setdefault(office_label(record.office_key), [])
                if str(record.seen_on.year) not in years:
                    years.append(str(record.seen_on.year))
            history = ", ".join(f"{office} ({', '.join(years)})" for office, years in offices.items())
            described.append(f"[{number}] {person_of[person.records[0].record_key]}: {history}")
        printed = min(
            (r for p in group.people for r in p.records if r.name_key == group.name_key and r.name_printed),
            key=lambda r: (r.seen_on, r.record_key),
            default=None,
        )
        detail = f"{len(group.people)} people: {'; '.join(described)}. Kept apart: {group.why}"
        findings.append((FINDING, printed.name_printed if printed else group.name_key, detail))
    run.find_many(findings)
