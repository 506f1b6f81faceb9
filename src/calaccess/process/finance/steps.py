"""The campaign-finance steps, declared in the order they run (the why of each is in its scripts' headers)."""

from __future__ import annotations

from calaccess.process.finance import SQL, filings, forms, money, transactions, versions
from calaccess.process.runner import Account, Step

# Every version of every filing, and each filing's form: the contract the other finance steps read.
VERSIONS = Step(
    "filing versions",
    SQL,
    python=versions.build,
    accounts=(
        Account(
            "filing versions",
            {
                "recorded": "SELECT count(*) FROM (SELECT DISTINCT filing_id, amend_id FROM recorded_version"
                " WHERE filing_id IS NOT NULL)",
                "unreadable": "SELECT count(*) FROM (SELECT DISTINCT filing_id FROM recorded_version"
                " WHERE filing_id IS NOT NULL AND amend_id IS NULL)",
                "indexed": "SELECT count(*) FROM filing_version WHERE version_from <> 'recorded'",
                "versions": "SELECT count(*) FROM filing_version",
                "filings": "SELECT count(DISTINCT filing_id) FROM filing_version",
            },
            rows_in="recorded + indexed",
            rows_out="versions",
            rows_set_aside="unreadable",
            note="in: every (filing, amendment) a raw table records, and {indexed} filings only "
            "FILER_FILINGS_CD indexes (its FILING_SEQUENCE as their amendment); out: {versions} versions of "
            "{filings} filings; set aside: AMEND_ID unreadable (findings)",
        ),
    ),
)

# Who filed each campaign filing, and the OCD record that stands for the filer.
FILERS = Step(
    "filing filers",
    SQL,
    scripts=("filing_filer",),
    accounts=(
        Account(
            "campaign filing filers",
            {
                "filings": "SELECT count(*) FROM filing_filer",
                "known": "SELECT count(*) FROM filing_filer WHERE filer_from <> 'unknown'",
                "indexed": "SELECT count(*) FROM filing_filer WHERE filer_from = 'filer_filings'",
                "people": "SELECT count(*) FROM filing_filer WHERE filer_kind = 'person'",
            },
            rows_in="filings",
            rows_out="known",
            rows_unknown="filings - known",
            note="in: campaign filings; out: filer known ({indexed} from FILER_FILINGS_CD, the rest from "
            "the cover page; {people} filed by a candidate who is an ocd.person); unknown: no filer named "
            "anywhere, each filing given a committee of its own",
        ),
    ),
)

#: Every finance step in order: the versions and filers first, then each part's own steps (its module).
STEPS: tuple[Step, ...] = (
    VERSIONS,
    FILERS,
    *filings.STEPS,
    *transactions.STEPS,
    *forms.STEPS,
    *money.STEPS,
)
