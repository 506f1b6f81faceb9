"""calaccess: CAL-ACCESS data, cleaned, joined with its website and published as Open Civic Data."""

__version__ = "0.1.0"
