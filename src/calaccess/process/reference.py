"""The reference data processing reads besides the database: public files shipped inside the package.

`divisions-ca.csv` (Open Civic Data division ids for California) and `special-elections.csv` (special
elections as CAL-ACCESS names them, with their dates) are copies of the public files in ../shared, so an
installed package processes anywhere. `organizations.csv` (the state bodies elections fill) and `offices.csv`
(each state office: its body, the division type it represents, its label and seat count),
`measure-classifications.csv` (title patterns that classify a ballot measure), `recalls.csv` (each state
recall: the office holder it targeted, by CAL-ACCESS filer id, from the Secretary of State's recall history)
and `party-spellings.csv` (each party code or spelling: the party it names, or none) are ours;
`forms.csv` (every CAL-ACCESS form: its id as the export writes it, official title and group) is a copy of
the state's list in ../shared. A directory
given at run time replaces them, file by file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from calaccess.errors import SourceError

PACKAGED = Path(__file__).resolve().parent / "reference"
DIVISIONS = "divisions-ca.csv"
SPECIAL_ELECTIONS = "special-elections.csv"
ORGANIZATIONS = "organizations.csv"
OFFICES = "offices.csv"
MEASURE_CLASSIFICATIONS = "measure-classifications.csv"
RECALLS = "recalls.csv"
PARTY_SPELLINGS = "party-spellings.csv"
FORMS = "forms.csv"

#: Each file by the name of its `Reference` field, which is also the SQL variable holding its path.
FILES = {
    "divisions_csv": DIVISIONS,
    "special_elections_csv": SPECIAL_ELECTIONS,
    "organizations_csv": ORGANIZATIONS,
    "offices_csv": OFFICES,
    "measure_classifications_csv": MEASURE_CLASSIFICATIONS,
    "recalls_csv": RECALLS,
    "party_spellings_csv": PARTY_SPELLINGS,
    "forms_csv": FORMS,
}


@dataclass(frozen=True)
class Reference:
    """Where each reference file is; every step reads them through DuckDB with these paths."""

    divisions_csv: Path
    special_elections_csv: Path
    organizations_csv: Path
    offices_csv: Path
    measure_classifications_csv: Path
    recalls_csv: Path
    party_spellings_csv: Path
    forms_csv: Path

    @classmethod
    def locate(cls, reference_dir: Path | str | None = None) -> Reference:
        """The packaged files, or those in `reference_dir` where it has them."""
        chosen = {}
        for field_name, name in FILES.items():
            path = PACKAGED / name
            if reference_dir is not None and (Path(reference_dir) / name).is_file():
                path = Path(reference_dir) / name
            if not path.is_file():
                raise SourceError(f"reference file missing: {path} (expected the packaged {name})")
            chosen[field_name] = path
        return cls(**chosen)

    def set_variables(self, con: duckdb.DuckDBPyConnection) -> None:
        """Expose the paths to SQL as `getvariable('divisions_csv')` and so on."""
        for field_name in FILES:
            con.execute(f"SET VARIABLE {field_name} = ?", [str(getattr(self, field_name))])
