"""The reference data processing reads besides the database: public files shipped inside the package.

`divisions-ca.csv` (Open Civic Data division ids for California) and `special-elections.csv` (special
elections as CAL-ACCESS names them, with their dates) are copies of the public files in ../shared, so an
installed package processes anywhere. `organizations.csv` (the state bodies elections fill) and `offices.csv`
(each state office: its body, the division type it represents, its label and seat count),
`measure-classifications.csv` (title patterns that classify a ballot measure) and `recalls.csv` (each state
recall: the office holder it targeted, by CAL-ACCESS filer id, from the Secretary of State's recall history)
are ours. A
directory given at run time replaces them, file by file.
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
FILES = (DIVISIONS, SPECIAL_ELECTIONS, ORGANIZATIONS, OFFICES, MEASURE_CLASSIFICATIONS, RECALLS)


@dataclass(frozen=True)
class Reference:
    """Where each reference file is; every step reads them through DuckDB with these paths."""

    divisions_csv: Path
    special_elections_csv: Path
    organizations_csv: Path
    offices_csv: Path
    measure_classifications_csv: Path
    recalls_csv: Path

    @classmethod
    def locate(cls, reference_dir: Path | str | None = None) -> Reference:
        """The packaged files, or those in `reference_dir` where it has them."""
        chosen = {}
        for name in FILES:
            path = PACKAGED / name
            if reference_dir is not None and (Path(reference_dir) / name).is_file():
                path = Path(reference_dir) / name
            if not path.is_file():
                raise SourceError(f"reference file missing: {path} (expected the packaged {name})")
            chosen[name] = path
        return cls(
            divisions_csv=chosen[DIVISIONS],
            special_elections_csv=chosen[SPECIAL_ELECTIONS],
            organizations_csv=chosen[ORGANIZATIONS],
            offices_csv=chosen[OFFICES],
            measure_classifications_csv=chosen[MEASURE_CLASSIFICATIONS],
            recalls_csv=chosen[RECALLS],
        )

    def set_variables(self, con: duckdb.DuckDBPyConnection) -> None:
        """Expose the paths to SQL as `getvariable('divisions_csv')` and so on."""
        for name in (
            "divisions_csv",
            "special_elections_csv",
            "organizations_csv",
            "offices_csv",
            "measure_classifications_csv",
            "recalls_csv",
        ):
            con.execute(f"SET VARIABLE {name} = ?", [str(getattr(self, name))])
