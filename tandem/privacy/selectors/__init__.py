"""Reads for a person's own data: everything Tandem holds about them, as plain dicts ready for
JSON (PRODUCT.md F1). Each section is read by its own selector, one app area at a time; none
reads another person's private content.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tandem.accounts.models import User
from tandem.privacy.selectors import growth, meetings, mentoring, people, programs
from tandem.profiles.models import Profile

# Bumped whenever a section changes shape, so a program reading old exports can tell.
SCHEMA_VERSION = 3  # 2: program matches and their feedback, pulse answers, reports filed;
# 3: the career-growth tools (`growth`)


def data_export_for(*, user: User, now: datetime) -> dict[str, Any]:
    """Everything about `user`, section by section, with the schema version and when it was
    made."""
    profile = Profile.objects.filter(user=user).select_related("organization").first()
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": now,
        "account": people.account_section(user),
        "profile": people.profile_section(profile),
        "asks": mentoring.asks_section(profile),
        "mentorships": mentoring.mentorships_section(profile),
        "goals": mentoring.goals_section(user),
        "meetings": meetings.meetings_section(profile),
        "agenda_items": meetings.agenda_section(user),
        "notes": meetings.notes_section(user),
        "action_items": meetings.action_items_section(user),
        "thank_yous": meetings.thank_yous_section(user),
        "feedback_given": {
            "mentorships": mentoring.mentorship_feedback_given(user),
            "meetings": meetings.meeting_feedback_given(user),
            "program_matches": programs.match_feedback_given(profile),
        },
        "messages": meetings.messages_section(user),
        "programs": people.programs_section(profile),
        "program_matches": programs.matches_section(profile),
        "pulse_answers": programs.pulses_section(profile),
        "notifications": people.notifications_section(user),
        "notification_preferences": people.preferences_section(user),
        "blocked_or_muted": people.blocks_section(user),
        "reports_filed": people.reports_filed_section(user),
        "growth": growth.growth_section(user),
    }
