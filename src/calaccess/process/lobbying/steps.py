"""The lobbying steps, declared in the order they run (the why of each is in its scripts' headers)."""

from __future__ import annotations

from calaccess.process.lobbying import forms, totals
from calaccess.process.runner import Step

#: Every lobbying step in order.
STEPS: tuple[Step, ...] = (*forms.STEPS, *totals.STEPS)
