"""Where things are: the data directory, the source URLs, and the environment variables that change them."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from calaccess.errors import CalaccessError

EXPORT_URL = "https://campaignfinance.cdn.sos.ca.gov/dbwebexport.zip"
WEBSITE_URL = "https://cal-access.sos.ca.gov"
DEFAULT_DATA_DIR = Path("calaccess-data")
DATA_DIR_ENV = "CALACCESS_DATA_DIR"
EXPORT_URL_ENV = "CALACCESS_EXPORT_URL"
WEBSITE_URL_ENV = "CALACCESS_WEBSITE_URL"
USER_AGENT = "calaccess/0.1 (open civic data pipeline; +https://pypi.org/project/calaccess/)"


@dataclass(frozen=True)
class Settings:
    """Paths and URLs for one run; built once by the command and passed down."""

    data_dir: Path = field(default_factory=lambda: Path(os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR)))
    export_url: str = field(default_factory=lambda: os.environ.get(EXPORT_URL_ENV, EXPORT_URL))
    website_url: str = field(default_factory=lambda: os.environ.get(WEBSITE_URL_ENV, WEBSITE_URL))

    @property
    def database_path(self) -> Path:
        return self.data_dir / "calaccess.duckdb"

    @property
    def snapshots_dir(self) -> Path:
        """Every good download of the export, one folder per release."""
        return self.data_dir / "raw"

    @property
    def pages_dir(self) -> Path:
        """Fetched website pages, laid out as the saved pages in ../shared."""
        return self.data_dir / "pages"

    @property
    def publish_dir(self) -> Path:
        """The archive of published versions, and `latest`."""
        return self.data_dir / "publish"

    @property
    def update_lock(self) -> Path:
        """Held by `calaccess update` while it runs: one nightly run at a time."""
        return self.data_dir / "update.lock"

    @property
    def http_cache_dir(self) -> Path:
        return self.data_dir / "http-cache"


def require_writable(folder: Path, *, hint: str = "choose another --data-dir") -> None:
    """Refuse up front a folder this process cannot write in (or create), rather than fail at a commit.

    Tried, not deduced from permission bits: root, a read-only mount and ACLs all make the bits lie.
    """
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise CalaccessError(f"cannot write in {folder}: {existing} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        where = folder if existing == folder else f"{folder} (nor create it in {existing})"
        raise CalaccessError(
            f"cannot write in {where}: {error.strerror}; fix its permissions or {hint}"
        ) from error
