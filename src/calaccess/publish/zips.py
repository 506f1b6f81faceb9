"""One ZIP per group of tables, for a user who wants a whole group in one download.

The CSV files go in (the Parquet files are compressed already and have their own folders). Entries carry a
fixed time, so the same files make the same ZIP and an unchanged group is hard-linked, not copied.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from calaccess.publish.package import Group

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CHUNK = 1 << 20


def write_group_zips(folder: Path, groups: Sequence[Group]) -> list[Path]:
    """Write `zip/<group>.zip` with the group's CSV files (and the data package describing them)."""
    out = folder / "zip"
    out.mkdir(exist_ok=True)
    written = []
    for group in groups:
        path = out / f"{group.name}.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for _, files in group.files:
                for csv_path in files.csv:
                    info = zipfile.ZipInfo(csv_path.as_posix(), date_time=FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    with (
                        (folder / csv_path).open("rb") as source,
                        archive.open(info, "w", force_zip64=True) as target,
                    ):
                        while chunk := source.read(_CHUNK):
                            target.write(chunk)
        written.append(path)
    return written
