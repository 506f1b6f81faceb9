"""One small family of exceptions, so the command can turn any of them into one readable line.

Each message names where the problem is (file, line, record) and what was expected there.
"""

from __future__ import annotations

from pathlib import Path


class CalaccessError(Exception):
    """Base of every error the project raises on purpose."""


class SourceError(CalaccessError):
    """A source (a download, a zip, a web page) is missing, incomplete or not what it claims to be."""


class ParseError(CalaccessError):
    """Input could not be read as the format it should have; names the file and line."""

    def __init__(self, problem: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}"
            if line is not None:
                where += f", line {line}"
            where += ": "
        super().__init__(f"{where}{problem}")
        self.path = str(path) if path is not None else None
        self.line = line
        self.problem = problem


class ValidationError(CalaccessError):
    """A record breaks a rule of the standard or of the data; names the type, field and value."""


class DatabaseError(CalaccessError):
    """The database cannot be used as the command needs: missing, held by another process, not writable,
    or without what an earlier stage makes; says what to do about it."""


class ProcessError(CalaccessError):
    """A processing script failed on the data it was given; names the script and line."""
