"""The campaign-finance domain: committees, filings and their amendments, every itemised transaction, the
form-level tables (schema `forms`) and the money behind each candidacy and measure (schema `finance`), from
raw.* and what the elections domain built (people, candidacies, elections, measures and their committees).

Laid out like every domain (see `calaccess.process.elections`): `steps.py` declares the steps, `sql/` holds
their scripts, and a module holds each step's real Python. The steps run after the elections steps:

    versions -> filers                       (every version of every filing; who filed each)
    -> committees -> filings                 (ocd.committee, ocd.filing, ocd.filing_action)
    -> transactions                          (ocd.transaction: every itemised line, one per identity)
    -> forms                                 (forms.*: the forms reporters know, latest and all versions)
    -> money                                 (finance.*: totals per committee, candidacy and measure)

Shared working tables (TEMP, alive for the run, read by later steps):
- `filing_version`: one row per (filing_id, amend_id) that any table of the export records, every domain's
  (the 33 raw tables with FILING_ID and AMEND_ID), with the tables that record it and `is_current`: the
  highest AMEND_ID any of them records for the filing is its latest version. Not only the covers: a filing
  whose cover is missing keeps its items.
- `filing_form`: one row per filing: its form (`form_id`, as the export writes it, `F460`), how the form was
  found (`form_from`: cover, filer_filings, schedules), its title and `domain` (campaign, lobbying, other)
  from forms.csv.
- `filing_filer`: one row per campaign filing: the filer id that filed it (`filer_id`, canonical after
  FILER_XREF_CD), where it was found (`filer_from`: filer_filings, cover, unknown), the id as written, and the
  OCD record that stands for the filer (`filer_ocd_id`, `filer_kind`: a Person for a candidate whose filer
  id an ocd.person carries, else a Committee; a filing that names no filer gets a committee of its own,
  `unknown_filer_committee_id_of(filing_id)`).
"""

from __future__ import annotations

from calaccess.process.scripts import Scripts

SQL = Scripts.beside(__file__)
