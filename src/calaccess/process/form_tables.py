"""Every table of schema `forms`, of both domains: the one list that publishing, the data dictionary and
the tests read, so that a form declared in either domain is built, documented and published alike.

The campaign forms are declared in `calaccess.process.finance.forms`, the lobbying forms in
`calaccess.process.lobbying.forms` (with the campaign forms' machinery).
"""

from __future__ import annotations

from calaccess.process.finance import forms as campaign
from calaccess.process.lobbying import forms as lobbying
from calaccess.tables import Table, data_dictionary_markdown

#: Every table of schema `forms`: the campaign forms', then the lobbying forms'.
TABLES: tuple[Table, ...] = campaign.TABLES + lobbying.TABLES
#: Those that are views over another (the latest versions, and the pivoted Form 460 summary).
VIEWS: frozenset[str] = campaign.VIEWS | lobbying.VIEWS


def data_dictionary() -> str:
    """docs/forms-tables.md: every forms table and column, from the declarations."""
    introduction = (
        "The forms reporters know, in schema `forms`, with codes decoded and columns named for what they "
        "hold: the campaign forms (Form 460 and its schedules, Forms 461, 496, 497 and 501) and the "
        "lobbying forms (the registrations, Forms 601 to 607, and their amendments, Form 605; the "
        "quarterly reports, Forms 615, 625, 635 and 645, their schedules and attachments 630, 635-C and "
        "640, and their amendments, Form 690). Each form is two tables: `<form>_all_versions`, every "
        "line of every version of every filing (an amendment is a whole re-filing), and `<form>`, a view "
        "of the lines of each filing's current version. Join a form's lines to its cover on `filing_id` "
        "and `amend_id`. Generated from `calaccess.process.finance.forms` and "
        "`calaccess.process.lobbying.forms`; do not edit by hand."
    )
    return data_dictionary_markdown("The form tables", introduction, TABLES)
