"""The career-growth tools in a person's data download: each tool says what it holds of
theirs (its `export_for`), all of it private to them, so all of it is theirs to take."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.growth.careers.selectors import export_for as career_plan
from tandem.growth.education.selectors import export_for as education
from tandem.growth.journal.selectors import export_for as journal
from tandem.growth.promotion.selectors import export_for as promotion
from tandem.growth.stuck.selectors import export_for as stuck_checks
from tandem.growth.tribes.selectors import export_for as tribes


def growth_section(user: User) -> dict[str, Any]:
    """The career plan, the promotion plan, education scenarios, stuck checks, the journal
    and the tribes joined."""
    return {
        "career_plan": career_plan(user),
        "promotion_plan": promotion(user),
        "education_scenarios": education(user),
        "stuck_checks": stuck_checks(user),
        "journal": journal(user),
        "tribes": tribes(user),
    }
