"""Lobbying: the transactions."""

from __future__ import annotations

from calaccess.process.runner import Step

STEPS: tuple[Step, ...] = ()
