"""The lobbying domain: firms, employers and lobbyists, their registrations and quarterly reports, every
payment and gift, and the form-level tables of Forms 601-690, from raw.* and what the finance domain built
(every version of every filing, `filing_version` and `filing_form`, and the committees a contribution links
to).

Laid out like every domain (see `calaccess.process.elections`): `steps.py` declares the steps, `sql/` holds
their scripts, and a module holds each step's real Python. The steps run after the campaign-finance steps.
"""

from __future__ import annotations

from calaccess.process.scripts import Scripts

SQL = Scripts.beside(__file__)
