"""The lobbying domain: firms, employers and lobbyists, their registrations and quarterly reports, every
payment and gift, and the form-level tables of Forms 601-690, from raw.* and what the finance domain built
(every version of every filing, `filing_version` and `filing_form`, and the committees a contribution links
to).

Laid out like every domain (see `calaccess.process.elections`): `steps.py` declares the steps, `sql/` holds
their scripts, and a module holds each step's real Python. The steps run after the campaign-finance steps:

    lobbying filers                    (every lobbying filer id, its kind and record; who filed each filing)
    -> lobbying organizations          (ocd.organization: firms, employers, coalitions, Form 645 spenders)
    -> lobbyists                       (ocd.person: Form 604 certifications, the lobbyist tables)
    -> lobbying memberships            (ocd.membership: a lobbyist's employment per session)
    -> lobbying filings                (ocd.filing, ocd.filing_action; Forms 690 and 605 on their versions)
    -> lobbying transactions           (ocd.transaction: LPAY, LEXP, LCCM, LOTH, LATT lines)

A filing's filer is an Organization or a Person here, not a Committee: the OCD extension `filer_type`
(`calaccess.ocd.types.FILING`) says which.

Shared working tables (TEMP, alive for the run, read by later steps):
- `lobbying_cover`: every version of every registration and report cover (CVR_REGISTRATION_CD,
  CVR_LOBBY_DISCLOSURE_CD), its filer id read to the canonical id (`lobbying_filer_id(text)`, a macro).
- `lobbying_filer`: one row per lobbying filer id: its `kind` (firm, employer, coalition, spender, lobbyist,
  or 'lobbying filer' when no source says), where the kind was read, and its record (`ocd_kind` person or
  organization, `ocd_id`).
- `lobbying_filing_filer`: one row per lobbying filing (filing_form.domain 'lobbying') and who filed it.
- `lobbying_filing_plan`, `lobbying_action_plan`: each filing's and version's id, filer and date.
"""

from __future__ import annotations

from calaccess.process.scripts import Scripts

SQL = Scripts.beside(__file__)
