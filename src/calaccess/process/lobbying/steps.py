"""The lobbying steps, declared in the order they run (the why of each is in its scripts' headers)."""

from __future__ import annotations

from calaccess.process.lobbying import SQL, filings, forms, totals, transactions
from calaccess.process.runner import Account, Step

# Every lobbying filer id, its kind and its record; who filed each lobbying filing.
FILERS = Step(
    "lobbying filers",
    SQL,
    scripts=("lobbying_filer",),
    accounts=(
        Account(
            "lobbying filers",
            {
                "said": "SELECT count(DISTINCT filer_id) FROM lobbying_filer_said",
                "filers": "SELECT count(*) FROM lobbying_filer",
                "people": "SELECT count(*) FROM lobbying_filer WHERE ocd_kind = 'person'",
                "candidates": "SELECT count(*) FROM lobbying_filer WHERE person_existed",
                "unread": "SELECT count(*) FROM lobbying_filer WHERE kind = 'lobbying filer'",
                "disagree": "SELECT count(*) FROM lobbying_filer WHERE len(kinds_said) > 1",
            },
            rows_in="filers",
            rows_out="filers - unread",
            rows_unknown="unread",
            note="in: {said} filer ids the filer types, names, covers and lobbying tables classify, and "
            "the filers of lobbying filings; out: {people} lobbyists (persons; {candidates} already an "
            "ocd.person by the same filer id), the rest organizations; {disagree} whose sources disagree on "
            "the kind (findings); unknown: a filer of a lobbying filing no source classifies, kept as a "
            "lobbying filer",
        ),
        Account(
            "lobbying filing filers",
            {
                "filings": "SELECT count(*) FROM lobbying_filing_filer",
                "known": "SELECT count(*) FROM lobbying_filing_filer WHERE filer_id IS NOT NULL",
                "indexed": "SELECT count(*) FROM lobbying_filing_filer WHERE filer_from = 'filer_filings'",
            },
            rows_in="filings",
            rows_out="known",
            rows_unknown="filings - known",
            note="in: lobbying filings; out: filer known ({indexed} from FILER_FILINGS_CD, the rest from the "
            "cover); unknown: no filer named anywhere, each filing given an organization of its own",
        ),
    ),
)

ORGANIZATIONS = Step(
    "lobbying organizations",
    SQL,
    scripts=("lobbying_organization",),
    makes=("ocd.organization",),
    accounts=(
        Account(
            "ocd.organization from lobbying filers",
            {
                "filers": "SELECT count(*) FROM lobbying_filer WHERE ocd_kind = 'organization'",
                "made": "SELECT count(*) FROM lobbying_organization_plan",
                "nameless": "SELECT count(*) FROM lobbying_organization_plan WHERE chosen_name IS NULL",
                "unknown_filers": "SELECT count(*) FROM lobbying_filing_filer WHERE filer_id IS NULL",
                "firms": "SELECT count(*) FROM lobbying_organization_plan WHERE kind = 'firm'",
                "employers": "SELECT count(*) FROM lobbying_organization_plan WHERE kind = 'employer'",
                "coalitions": "SELECT count(*) FROM lobbying_organization_plan WHERE kind = 'coalition'",
                "spenders": "SELECT count(*) FROM lobbying_organization_plan WHERE kind = 'spender'",
                "registered": "SELECT count(*) FROM lobbying_organization_plan "
                "WHERE registrations IS NOT NULL",
                "interest": "SELECT count(*) FROM lobbying_organization_plan "
                "WHERE registered_interest IS NOT NULL OR economic_interests IS NOT NULL",
                "other_names": "SELECT count(*) FROM ocd.organization_other_name AS n "
                "JOIN lobbying_organization_plan AS p ON p.id = n.organization_id",
            },
            rows_in="filers + unknown_filers",
            rows_out="made - nameless + unknown_filers",
            rows_unknown="nameless",
            note="out: {firms} firms, {employers} employers, {coalitions} coalitions, {spenders} Form 645 "
            "spenders, the rest of unknown kind, and {unknown_filers} unknown filers of one filing each; "
            "{registered} with registrations by session, {interest} with an industry or interest, "
            "{other_names} other names; unknown: {nameless} whose name the export does not hold (findings)",
        ),
    ),
)

LOBBYISTS = Step(
    "lobbyists",
    SQL,
    scripts=("lobbyist",),
    makes=("ocd.person",),
    accounts=(
        Account(
            "ocd.person from lobbyists",
            {
                "lobbyists": "SELECT count(*) FROM lobbyist_plan",
                "existed": "SELECT count(*) FROM lobbyist_plan WHERE person_existed",
                "nameless": "SELECT count(*) FROM lobbyist_plan "
                "WHERE chosen_name IS NULL AND NOT person_existed",
                "certified": "SELECT count(*) FROM lobbyist_plan WHERE certifications IS NOT NULL",
            },
            rows_in="lobbyists",
            rows_out="lobbyists - existed - nameless",
            rows_merged="existed",
            rows_unknown="nameless",
            note="{certified} with Form 604 certifications; merged: lobbyists whose filer id an ocd.person "
            "already carries (their certifications added to it); unknown: {nameless} whose name the export "
            "does not hold, kept (findings)",
        ),
    ),
)

MEMBERSHIPS = Step(
    "lobbying memberships",
    SQL,
    scripts=("lobbying_membership",),
    makes=("ocd.membership",),
    accounts=(
        Account(
            "ocd.membership from lobbying employment",
            {
                "pairs": "SELECT count(*) FROM lobbying_membership_plan",
                "rows": "SELECT coalesce(sum(rows_listed), 0) FROM lobbying_membership_plan",
                "made": "SELECT count(*) FROM lobbying_membership_plan WHERE set_aside IS NULL",
                "dated": "SELECT count(*) FROM lobbying_membership_plan "
                "WHERE set_aside IS NULL AND start_date IS NOT NULL",
            },
            rows_in="pairs",
            rows_out="made",
            rows_set_aside="pairs - made",
            note="in: (lobbyist, firm or employer, session) pairs from {rows} rows of the lobbyist tables, "
            "Form 604 covers and the lobbyists registrations list; out: one membership each ({dated} dated "
            "by a certification, the rest by the session's years); set aside: a side of another kind, no "
            "session or no employer known (findings)",
        ),
    ),
)

#: Every lobbying step in order.
STEPS: tuple[Step, ...] = (
    FILERS,
    ORGANIZATIONS,
    LOBBYISTS,
    MEMBERSHIPS,
    *filings.STEPS,
    *transactions.STEPS,
    *forms.STEPS,
    *totals.STEPS,
)
