"""The package's own small family of exceptions.

`calaccess.ocd` imports nothing from the rest of `calaccess` (another jurisdiction can reuse it), so it cannot
use `calaccess.errors`; a caller that wants one error family wraps these.
"""

from __future__ import annotations


class OcdError(Exception):
    """Base of every error this package raises on purpose."""


class OcdTablesMissing(OcdError):
    """The database lacks the OCD tables: nothing has built them yet."""


class OcdValidationError(OcdError, ValueError):
    """A record breaks a rule of the standard; names the type, the field and the offending value."""

    def __init__(self, type_name: str, field: str, value: object, problem: str) -> None:
        super().__init__(f"{type_name}.{field} = {value!r}: {problem}")
        self.type_name = type_name
        self.field = field
        self.value = value
        self.problem = problem


class OcdExportError(OcdError):
    """An export could not be written: an unknown format, or a document that fails its schema."""
