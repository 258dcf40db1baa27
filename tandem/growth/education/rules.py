"""Caps both the services and the pages need."""

from __future__ import annotations

MAX_SCENARIOS = 12  # enough to compare a few paths side by side; more is a spreadsheet
