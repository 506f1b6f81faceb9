"""Every OCD type we publish, each defined once.

Core types follow Open Civic Data's core (Popolo-based) definitions; the election types follow OCDEP 20,
"Elections", field for field; the campaign-finance types follow the draft OCDEP "Campaign Finance Filings".
Where OCDEP 20 and the python-opencivicdata reference models disagree, OCDEP 20 wins, and the type's `notes`
say so.
"""

from __future__ import annotations

from calaccess.ocd.spec import Child, Field, Kind, OcdType

# ----------------------------------------------------------------------------------------------------------
# field builders: short names keep the definitions below readable as a table


def _id(doc: str) -> Field:
    return Field("id", Kind.ID, doc, required=True)


def _text(name: str, doc: str, *, required: bool = False, path: tuple[str, ...] = ()) -> Field:
    return Field(name, Kind.TEXT, doc, required=required, json_path=path)


def _ref(
    name: str, refs: str | tuple[str, ...], doc: str, *, required: bool = False, path: tuple[str, ...] = ()
) -> Field:
    targets = (refs,) if isinstance(refs, str) else refs
    return Field(name, Kind.REF, doc, required=required, refs=targets, json_path=path)


def _enum(
    name: str, values: tuple[str, ...], doc: str, *, required: bool = False, path: tuple[str, ...] = ()
) -> Field:
    return Field(name, Kind.ENUM, doc, required=required, values=values, json_path=path)


def _bool(
    name: str, doc: str, *, required: bool = False, default: bool | None = None, path: tuple[str, ...] = ()
) -> Field:
    return Field(name, Kind.BOOLEAN, doc, required=required, default=default, json_path=path)


def _date(name: str, doc: str, *, required: bool = False) -> Field:
    return Field(name, Kind.DATE, doc, required=required)


def _fuzzy(name: str, doc: str) -> Field:
    return Field(name, Kind.FUZZY_DATE, doc)


_TIMESTAMPS = (
    Field("created_at", Kind.DATETIME, "When the record was created in this system.", required=True),
    Field("updated_at", Kind.DATETIME, "When the record was last updated in this system.", required=True),
)
_EXTRAS = Field(
    "extras",
    Kind.JSON,
    "A key-value store for what the standard does not cover.",
    required=True,
    default="{}",
)

_IDENTIFIERS = Child(
    "identifiers",
    "identifier",
    "Upstream identifiers, such as those a secretary of state or an elections office assigns.",
    (
        _text("scheme", "The name of the service that created the identifier.", required=True),
        _text("identifier", "The identifier as that service writes it.", required=True),
    ),
)
_SOURCES = Child(
    "sources",
    "source",
    "Sources used in assembling the record.",
    (
        _text("url", "A hyperlink to the source.", required=True),
        _text("note", "A short note on the source."),
    ),
)
_OTHER_NAMES = Child(
    "other_names",
    "other_name",
    "Other names the entity is or was known by.",
    (
        _text("name", "An alternate name.", required=True),
        _text("note", "What kind of name it is, e.g. a former name or a name as a source spells it."),
        _fuzzy("start_date", "When the name came into use."),
        _fuzzy("end_date", "When the name went out of use."),
    ),
)

# ----------------------------------------------------------------------------------------------------------
# core

DIVISION = OcdType(
    "Division",
    "division",
    "division",
    "division",
    "OCD core",
    "A political geography: a country, a state, a district, a county; its id spells it in the OCD grammar.",
    (
        _id("An OCD division id: ocd-division/country:<iso 3166-1 code>(/<type>:<type id>)*."),
        _text("name", "The division's name.", required=True),
        _text("country", "The two-letter country code, as in the id.", required=True),
        _ref("redirect_id", "division", "The division that replaced this one, when it was retired."),
        _fuzzy("valid_through", "The last date the division existed as defined (e.g. before redistricting)."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    id_style="division",
)

JURISDICTION = OcdType(
    "Jurisdiction",
    "jurisdiction",
    "jurisdiction",
    "jurisdiction",
    "OCD core",
    "A body that governs a division, e.g. a state government; the context of its organizations and posts.",
    (
        _id("An OCD jurisdiction id: ocd-jurisdiction/<division path>/<classification>."),
        _text("name", "The jurisdiction's name.", required=True),
        _text("url", "The jurisdiction's official web site."),
        _enum(
            "classification",
            ("government", "legislature", "executive", "school", "park", "sewer", "forest", "transit"),
            "What kind of body it is.",
            required=True,
        ),
        _ref("division_id", "division", "The division it governs.", required=True),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_SOURCES,),
    id_style="jurisdiction",
)

ORGANIZATION = OcdType(
    "Organization",
    "organization",
    "organization",
    "organization",
    "OCD core",
    "A group with a common purpose: a legislature or one of its chambers, a political party, an agency.",
    (
        _id("ocd-organization/<uuid>."),
        _text("name", "The organization's primary name.", required=True),
        _text("image", "A URL of an image (a logo)."),
        _enum(
            "classification",
            (
                "legislature",
                "executive",
                "upper",
                "lower",
                "party",
                "committee",
                "commission",
                "corporation",
                "agency",
                "department",
                "government",
                "company",
                "other",
            ),
            "What kind of organization it is.",
        ),
        _ref("parent_id", "organization", "The organization it is part of (a chamber of a legislature)."),
        _ref("jurisdiction_id", "jurisdiction", "The jurisdiction it belongs to, for government bodies."),
        _fuzzy("founding_date", "When it was founded."),
        _fuzzy("dissolution_date", "When it was dissolved."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_IDENTIFIERS, _OTHER_NAMES, _SOURCES),
)

POST = OcdType(
    "Post",
    "post",
    "post",
    "post",
    "OCD core",
    "A position in an organization that a person holds, such as a public office: the seat, not its holder.",
    (
        _id("ocd-post/<uuid>."),
        _text("label", "The post's name, e.g. 'State Assembly Member, District 12'.", required=True),
        _text("role", "The function of whoever holds it, e.g. 'Member', 'Governor'."),
        _ref("organization_id", "organization", "The organization the post belongs to.", required=True),
        _ref("division_id", "division", "The division the post represents."),
        _fuzzy("start_date", "When the post was created."),
        _fuzzy("end_date", "When the post was abolished."),
        Field(
            "maximum_memberships",
            Kind.INTEGER,
            "How many people may hold the post at once.",
            required=True,
            default=1,
            minimum=1,
        ),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
)

PERSON = OcdType(
    "Person",
    "person",
    "person",
    "person",
    "OCD core",
    "A real person, alive or dead: a candidate, an office holder, a contributor named in a filing.",
    (
        _id("ocd-person/<uuid>."),
        _text("name", "The person's preferred full name.", required=True),
        _text("sort_name", "The name to sort by, e.g. 'Brown, Edmund G.'."),
        _text("family_name", "The family name."),
        _text("given_name", "The given name."),
        _text("image", "A URL of a portrait."),
        _text("gender", "The gender as a source states it."),
        _text("summary", "A one-line account of the person."),
        _text("national_identity", "A national identity."),
        _text("biography", "An extended account of the person's life."),
        _fuzzy("birth_date", "Date of birth."),
        _fuzzy("death_date", "Date of death."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_IDENTIFIERS, _OTHER_NAMES, _SOURCES),
)

MEMBERSHIP = OcdType(
    "Membership",
    "membership",
    "membership",
    "membership",
    "OCD core",
    "A person's tenure in an organization, and in a post of it: e.g. a governor's term.",
    (
        _id("ocd-membership/<uuid>."),
        _ref("organization_id", "organization", "The organization the person is a member of.", required=True),
        _ref("person_id", "person", "The member.", required=True),
        _ref("post_id", "post", "The post the person holds, if any."),
        _ref("on_behalf_of_id", "organization", "The organization (a party) the person represents in it."),
        _text("label", "A label for the membership."),
        _text("role", "The role the person plays, e.g. 'member', 'chair'."),
        _fuzzy("start_date", "When the membership began."),
        _fuzzy("end_date", "When the membership ended."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_SOURCES,),
)

# ----------------------------------------------------------------------------------------------------------
# OCDEP 20, elections

ELECTION = OcdType(
    "Election",
    "election",
    "election",
    "election",
    "OCDEP 20",
    "A collection of political contests decided on the same date within a division.",
    (
        _id("ocd-election/<uuid>."),
        _text("name", "Name of the election.", required=True),
        _date(
            "date",
            "Final or only date when eligible voters may cast their ballots: election day.",
            required=True,
        ),
        _ref(
            "division_id",
            "division",
            "The broadest political geography of any contest decided in the election.",
            required=True,
        ),
        _ref(
            "administrative_organization_id",
            "organization",
            "The organization that administers the election (VIP's ElectionAdministration Department).",
        ),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_IDENTIFIERS, _SOURCES),
)


def _contest_base() -> tuple[Field, ...]:
    """The fields OCDEP 20's Contest base gives every contest kind, in its samples' order."""
    return (
        _id("ocd-contest/<uuid>; every contest kind shares the prefix."),
        _text("name", "Name of the contest, not necessarily as it appears on the ballot.", required=True),
        _ref(
            "division_id",
            "division",
            "The political geography of the contest; inside (a subdivision of) its election's division.",
            required=True,
        ),
        _ref("election_id", "election", "The election in which the contest is decided.", required=True),
        *_TIMESTAMPS,
        _EXTRAS,
    )


_OPTIONS = Child(
    "options",
    "option",
    "The options voters may choose, e.g. 'yes' and 'no' (two or more).",
    (_text("text", "Text of the option, not necessarily as it appears on the ballot.", required=True),),
    scalar="text",
    min_count=2,
)


def _measure_fields(runoff_target: str) -> tuple[Field, ...]:
    return (
        _text(
            "description",
            "The purpose and potential outcomes of the measure, not necessarily as on the ballot.",
        ),
        _text(
            "requirement",
            "The threshold of votes needed to pass; a simple majority ('50% plus one vote') when not given.",
        ),
        _text(
            "classification",
            "The origin or potential outcome of the measure, e.g. 'initiative statute', "
            "'legislative constitutional amendment', 'recall'.",
        ),
        _ref(
            "runoff_for_contest_id",
            runoff_target,
            "If this contest is a runoff deciding an earlier undecided contest, that contest (same kind).",
        ),
    )


BALLOT_MEASURE_CONTEST = OcdType(
    "BallotMeasureContest",
    "ballot_measure_contest",
    "contest",
    "contest",
    "OCDEP 20",
    "A contest in which voters choose among the options of a ballot measure.",
    (*_contest_base(), *_measure_fields("ballot_measure_contest")),
    children=(_IDENTIFIERS, _SOURCES, _OPTIONS),
    contest_kind=True,
)

CANDIDATE_CONTEST = OcdType(
    "CandidateContest",
    "candidate_contest",
    "contest",
    "contest",
    "OCDEP 20",
    "A contest among candidates seeking election to one or more public offices (posts).",
    (
        *_contest_base(),
        _ref(
            "party_id",
            "organization",
            "If the contest is among candidates of one party (a partisan primary), that party.",
        ),
        _bool(
            "previous_term_unexpired",
            "Whether the previous holder left the post before the term's end (a special election).",
            required=True,
            default=False,
        ),
        Field(
            "number_elected",
            Kind.INTEGER,
            "How many candidates the contest elects: N of N-of-M.",
            required=True,
            default=1,
            minimum=1,
        ),
        _ref(
            "runoff_for_contest_id",
            "candidate_contest",
            "If this contest is a runoff to decide an earlier undecided contest, that CandidateContest.",
        ),
    ),
    children=(
        _IDENTIFIERS,
        _SOURCES,
        Child(
            "posts",
            "post",
            "The posts (public offices) at stake; at least one.",
            (
                # OCDEP 20 names the field post_id; its sample document spells the key "post"
                _ref("post_id", "post", "A post at stake in the contest.", required=True, path=("post",)),
                Field(
                    "sort_order",
                    Kind.INTEGER,
                    "Orders several posts at stake (President before Vice President); VIP's OfficeIds order.",
                ),
            ),
            min_count=1,
        ),
    ),
    contest_kind=True,
)

PARTY_CONTEST = OcdType(
    "PartyContest",
    "party_contest",
    "contest",
    "contest",
    "OCDEP 20",
    "A contest in which voters vote directly for a political party (party-list representation).",
    (
        *_contest_base(),
        _ref(
            "runoff_for_contest_id",
            "party_contest",
            "If this contest is a runoff to decide an earlier undecided contest, that PartyContest.",
        ),
    ),
    children=(
        _IDENTIFIERS,
        _SOURCES,
        Child(
            "parties",
            "party",
            "The parties voters may choose; at least one.",
            (
                _ref("party_id", "organization", "A party voters may choose.", required=True),
                _bool("is_incumbent", "Whether the party holds majority power now."),
            ),
            min_count=1,
        ),
    ),
    contest_kind=True,
)

RETENTION_CONTEST = OcdType(
    "RetentionContest",
    "retention_contest",
    "contest",
    "contest",
    "OCDEP 20",
    "A contest in which voters vote to retain or recall a current office holder: recall, retention.",
    (
        *_contest_base(),
        *_measure_fields("retention_contest"),
        _text(
            "other_type",
            "Free text for a classification outside VIP's list (VIP's OtherType); only in OCDEP 20's sample.",
        ),
        _ref(
            "membership_id",
            "membership",
            "The tenure of the person in the office at stake: who would be retained or recalled, and where.",
            required=True,
        ),
    ),
    children=(_IDENTIFIERS, _SOURCES, _OPTIONS),
    contest_kind=True,
    notes=(
        "OCDEP 20 says RetentionContest inherits every BallotMeasureContest property, so it has a "
        "classification (e.g. 'recall'); the python-opencivicdata model has none. We follow OCDEP 20.",
        "OCDEP 20's sample RetentionContest omits runoff_for_contest_id, which its text (and the reference "
        "model) give it; we keep the field, so that sample is written back with that one key added (null).",
        "other_type appears only in OCDEP 20's sample RetentionContest; we keep it there and nowhere else.",
    ),
)

CANDIDACY = OcdType(
    "Candidacy",
    "candidacy",
    "candidacy",
    "candidacy",
    "OCDEP 20",
    "A person seeking election to a specific public office for a term, in one contest.",
    (
        _id("ocd-candidacy/<uuid>."),
        _ref("person_id", "person", "The person who is the candidate.", required=True),
        # OCDEP 20 names the field post_id; its sample document spells the key "post"
        _ref("post_id", "post", "The public office sought.", required=True, path=("post",)),
        _ref("contest_id", "candidate_contest", "The contest the candidate competes in.", required=True),
        _text("candidate_name", "The candidate's name as it was at the time of the candidacy."),
        _date("filed_date", "When the candidate filed for the contest."),
        _bool("is_incumbent", "Whether the candidate seeks re-election to an office he or she holds now."),
        _enum(
            "registration_status",
            ("filed", "qualified", "withdrawn", "write-in"),
            "filed: filed but not qualified; qualified; withdrawn (may still be on the ballot); "
            "write-in: not on the ballot but campaigned for voters to write the name in.",
        ),
        _ref(
            "party_id",
            "organization",
            "The party that nominated (or in a partisan primary would nominate) the candidate.",
        ),
        _ref(
            "top_ticket_candidacy_id",
            "candidacy",
            "On a ticket (a vice-presidential candidate), the candidacy at the top of the ticket.",
        ),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_SOURCES,),
    notes=(
        "candidate_name is optional, as OCDEP 20 says; the python-opencivicdata model requires it. We follow "
        "OCDEP 20: a candidacy known only from a filing may have no name of its own.",
        "OCDEP 20's sample Candidacy spells the post reference 'post'; the field list says post_id. "
        "The column is post_id and the JSON key is 'post', as in the sample.",
    ),
)

# ----------------------------------------------------------------------------------------------------------
# draft OCDEP, campaign finance filings

_DESIGNATIONS = (
    "supports",
    "opposes",
    "primary vehicle for",
    "surplus account for",
    "independent expenditure",
)

COMMITTEE = OcdType(
    "Committee",
    "committee",
    "campaign-finance-committee",
    "committee",
    "draft OCDEP campaign finance",
    "An organization that raises or spends money to influence elections: a candidate's or a measure's "
    "committee, a party committee, a PAC.",
    (
        _id("ocd-campaign-finance-committee/<uuid>."),
        _text("name", "The committee's name.", required=True),
        _text("committee_type", "The jurisdiction's kind of committee, e.g. 'recipient committee'."),
        _ref("parent_id", "organization", "The organization behind the committee (a party, a union)."),
        _ref("jurisdiction_id", "jurisdiction", "The jurisdiction whose regulator the committee files with."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(
        _IDENTIFIERS,
        _OTHER_NAMES,
        _SOURCES,
        Child(
            "statuses",
            "status",
            "The committee's statuses over time (active, terminated, ...).",
            (
                Field("classification", Kind.TEXT_LIST, "The status words, e.g. ['active'].", required=True),
                _text("note", "A note on the status."),
                _date("start_date", "When the status began."),
                _date("end_date", "When the status ended."),
            ),
        ),
        Child(
            "candidacy_designations",
            "candidacy_designation",
            "The candidacies the committee is designated for, and how.",
            (
                _ref("candidacy_id", "candidacy", "The candidacy.", required=True),
                _enum("designation", _DESIGNATIONS, "How the committee relates to it.", required=True),
            ),
        ),
        Child(
            "ballot_measure_options_supported",
            "ballot_measure_option_supported",
            "The ballot-measure options the committee supports (supporting 'no' is opposing the measure).",
            (
                _ref(
                    "ballot_measure_contest_id",
                    ("ballot_measure_contest", "retention_contest"),
                    "The ballot measure (a recall question is one too).",
                    required=True,
                ),
                _text("option", "The option supported, as the contest's options spell it.", required=True),
            ),
        ),
    ),
)

_FILER_KINDS = ("committee", "organization", "person")

FILING = OcdType(
    "Filing",
    "filing",
    "campaign-finance-filing",
    "filing",
    "draft OCDEP campaign finance",
    "A disclosure filed with a regulator: a container for what it discloses, whatever the form.",
    (
        _id("ocd-campaign-finance-filing/<uuid>."),
        _text("classification", "The jurisdiction's form type, e.g. 'F460'.", required=True),
        Field(
            "filer_type",
            Kind.ENUM,
            "Which kind of record the filer is: a committee (the draft's only kind), an organization or a "
            "person.",
            required=True,
            values=_FILER_KINDS,
            default="committee",
        ),
        Field(
            "filer_id",
            Kind.REF,
            "Who filed it: a committee, an organization (a lobbying firm, an employer of lobbyists) or a "
            "person (a candidate filing as themselves, a lobbyist); filer_type says which.",
            required=True,
            refs=_FILER_KINDS,
            kind_field="filer_type",
        ),
        _date("coverage_start_date", "First day of the period the filing covers."),
        _date("coverage_end_date", "Last day of the period the filing covers."),
        _ref("recipient_id", "organization", "The regulator the filing was made to."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(
        _IDENTIFIERS,
        _SOURCES,
        Child(
            "elections",
            "election",
            "The elections the filing concerns.",
            (_ref("election_id", "election", "An election the filing concerns.", required=True),),
            scalar="election_id",
        ),
    ),
    notes=(
        "The draft says a filing's filer is a Committee. Some regulators have candidates file some forms (a "
        "statement of intention to run, a short form) under their own filer id, not a committee's, so "
        "filer_id may point to a Person as well.",
        "Extension: the same container serves the disclosures of lobbying, whose filers are no committees: "
        "firms and employers of lobbyists (Organizations) and lobbyists (Persons). So a filing's filer is a "
        "Committee, an Organization or a Person, and `filer_type` (committee | organization | person, "
        "beside filer_id, as a transaction's parties name their kind in entity_type) says which; filer_id "
        "must be the id of a record of that kind. A filing that omits filer_type reads as the "
        "draft's, a committee's.",
    ),
)

FILING_ACTION = OcdType(
    "FilingAction",
    "filing_action",
    "campaign-finance-filing-action",
    "filing_action",
    "draft OCDEP campaign finance",
    "One submission of a filing: the original or an amendment. The latest is current.",
    (
        _id("ocd-campaign-finance-filing-action/<uuid>."),
        _ref("filing_id", "filing", "The filing this is a version of.", required=True),
        _text("description", "What the action was, e.g. 'original' or 'amendment 2'."),
        _date("date", "When it was submitted.", required=True),
        Field("classification", Kind.TEXT_LIST, "e.g. ['amendment'], ['revocation']."),
        _bool(
            "supersedes_prior_versions",
            "Whether it replaces everything filed before (a full amendment).",
            required=True,
            default=False,
        ),
        _bool("is_current", "Whether it is the latest version of the filing.", required=True, default=False),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(
        Child(
            "agents",
            "agent",
            "The people who submitted it (treasurer, candidate).",
            (
                _text("name", "The agent's name as filed.", required=True),
                _ref("person_id", "person", "The agent, when known as a Person."),
                _text("role", "e.g. 'treasurer'."),
            ),
        ),
        Child(
            "summary_amounts",
            "summary_amount",
            "Totals the filing reports, as labelled on the form.",
            (
                _text("label", "What the amount totals, as the form labels it.", required=True),
                Field("value", Kind.DECIMAL, "The amount.", required=True),
                _text("currency", "ISO 4217 code.", required=True),
            ),
        ),
    ),
)

_PARTY_KINDS = ("person", "organization", "committee")


def _party(side: str) -> tuple[Field, ...]:
    """A transaction's sender or recipient: a kind, a name as filed, and the OCD record when known."""
    what = "gave" if side == "sender" else "received"
    return (
        _enum(
            f"{side}_entity_type",
            _PARTY_KINDS,
            f"Whether the party that {what} is a person, an organization or a committee.",
            path=(side, "entity_type"),
        ),
        _text(f"{side}_name", f"The name of the party that {what}, as filed.", path=(side, "name")),
        _ref(f"{side}_person_id", "person", f"The Person that {what}, when known.", path=(side, "person_id")),
        _ref(
            f"{side}_organization_id",
            "organization",
            f"The Organization that {what}, when known.",
            path=(side, "organization_id"),
        ),
        _ref(
            f"{side}_committee_id",
            "committee",
            f"The Committee that {what}, when known.",
            path=(side, "committee_id"),
        ),
    )


TRANSACTION = OcdType(
    "Transaction",
    "transaction",
    "campaign-finance-transaction",
    "transaction",
    "draft OCDEP campaign finance",
    "One money or in-kind movement a filing discloses: a contribution, an expenditure, a loan.",
    (
        _id("ocd-campaign-finance-transaction/<uuid>; stable when later filings repeat the transaction."),
        _ref("filing_action_id", "filing_action", "The filing action that discloses it.", required=True),
        _text("identifier", "The transaction's identifier within the filing."),
        _text(
            "classification",
            "contribution, expenditure, loan, transfer, other receipt, ... (the draft leaves the list open).",
            required=True,
        ),
        Field("amount_value", Kind.DECIMAL, "The amount.", required=True, json_path=("amount", "value")),
        _text("amount_currency", "ISO 4217 code.", required=True, path=("amount", "currency")),
        _bool(
            "amount_is_in_kind",
            "Whether it was goods or services rather than money.",
            required=True,
            default=False,
            path=("amount", "is_in_kind"),
        ),
        *_party("sender"),
        *_party("recipient"),
        _date("date", "When it happened (optional in the draft's review)."),
        _text("description", "What it was for."),
        _text("note", "A note from the filer or the publisher."),
        *_TIMESTAMPS,
        _EXTRAS,
    ),
    children=(_SOURCES,),
)

# ----------------------------------------------------------------------------------------------------------

TYPES: tuple[OcdType, ...] = (
    DIVISION,
    JURISDICTION,
    ORGANIZATION,
    POST,
    PERSON,
    MEMBERSHIP,
    ELECTION,
    CANDIDATE_CONTEST,
    BALLOT_MEASURE_CONTEST,
    PARTY_CONTEST,
    RETENTION_CONTEST,
    CANDIDACY,
    COMMITTEE,
    FILING,
    FILING_ACTION,
    TRANSACTION,
)
BY_TABLE: dict[str, OcdType] = {t.table: t for t in TYPES}
BY_NAME: dict[str, OcdType] = {t.name: t for t in TYPES}
CONTEST_TYPES: tuple[OcdType, ...] = tuple(t for t in TYPES if t.contest_kind)


def get_type(name: str) -> OcdType:
    """A type by its standard name (`CandidateContest`) or its table name (`candidate_contest`)."""
    found = BY_NAME.get(name) or BY_TABLE.get(name)
    if found is None:
        known = ", ".join(t.table for t in TYPES)
        raise KeyError(f"no OCD type {name!r}; known: {known}")
    return found
