"""One ZIP per group of tables, for a user who wants a whole group in one download.

The CSV files go in (the Parquet files are compressed already and have their own folders). Entries carry a
fixed time, so the same files make the same ZIP and an unchanged group is hard-linked, not copied.

Compressing is most of the cost (the full export's CSV are about 20 GB): the groups are written at once, one
thread each (zlib lets go of Python's lock while it works, so they run on every core), at deflate level 3,
which on these CSV files compresses twice as fast as the default level 6 for files about a tenth bigger.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from calaccess.publish.package import Group

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CHUNK = 1 << 20
LEVEL = 3
_LEVEL_ATTRIBUTE = "compress_level" if hasattr(zipfile.ZipInfo("x"), "compress_level") else "_compresslevel"


def write_group_zips(folder: Path, groups: Sequence[Group], previous: Path | None = None) -> list[Path]:
    """Write `zip/<group>.zip` with the group's CSV files, the groups in parallel, biggest first; a group
    whose every CSV file was linked from the `previous` version links its ZIP from there too."""
    out = folder / "zip"
    out.mkdir(exist_ok=True)
    paths = {group.name: out / f"{group.name}.zip" for group in groups}
    unchanged = {group.name for group in groups if previous is not None and _link_zip(group, previous, paths)}
    biggest_first = sorted(
        (group for group in groups if group.name not in unchanged),
        key=lambda group: -_csv_bytes(folder, group),
    )
    with ThreadPoolExecutor(max_workers=max(1, min(len(groups), os.cpu_count() or 1))) as pool:
        for done in [pool.submit(_write_zip, folder, group, paths[group.name]) for group in biggest_first]:
            done.result()
    return [paths[group.name] for group in groups]


def _link_zip(group: Group, previous: Path, paths: dict[str, Path]) -> bool:
    """Link the previous version's ZIP of the group if it holds the same CSV files, all of them linked."""
    entries = [csv_path for _, files in group.files for csv_path in files.csv]
    linked = {path for _, files in group.files for path in files.linked}
    before = previous / "zip" / f"{group.name}.zip"
    if not before.is_file() or not all(path in linked for path in entries):
        return False
    try:
        with zipfile.ZipFile(before) as archive:
            same = archive.namelist() == [path.as_posix() for path in entries]
    except (OSError, zipfile.BadZipFile):
        return False
    if same:
        os.link(before, paths[group.name])
    return same


def _csv_bytes(folder: Path, group: Group) -> int:
    return sum((folder / csv_path).stat().st_size for _, files in group.files for csv_path in files.csv)


def _write_zip(folder: Path, group: Group, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for _, files in group.files:
            for csv_path in files.csv:
                info = zipfile.ZipInfo(csv_path.as_posix(), date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                # an entry made by hand takes zlib's default level, not the archive's (3.13 names it publicly)
                setattr(info, _LEVEL_ATTRIBUTE, LEVEL)
                with (
                    (folder / csv_path).open("rb") as source,
                    archive.open(info, "w", force_zip64=True) as target,
                ):
                    while chunk := source.read(_CHUNK):
                        target.write(chunk)
