"""Campaign finance: the money steps (declared here, their scripts in sql/)."""

from __future__ import annotations

from calaccess.process.runner import Step

STEPS: tuple[Step, ...] = ()
