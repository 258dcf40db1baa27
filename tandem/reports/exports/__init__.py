"""Streamed CSV exports of a program: participants, matches, meetings, outcomes, the funnel."""
