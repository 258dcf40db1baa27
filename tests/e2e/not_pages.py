"""The site's URL names that are not pages a person opens with GET, each with the reason:
the phone test (test_phones.py) skips them, and fails on a name in neither this list nor
PAGES (site_pages.py)."""

from __future__ import annotations

NOT_PAGES: dict[str, str] = {
    "account_set_password": "redirects to the password change page for people with a password",
    "account_confirm_login_code": "only in the session that asked for a login code",
    "admin_login": "redirects to Tandem's own (throttled) login",
    "health": "JSON for the load balancer",
    "moderation:block": "POST only",
    "moderation:unblock": "POST only",
    "notifications:open": "redirects to what it is about (a POST from the centre marks it read)",
    "notifications:read_all": "POST only",
    "privacy:export": "a JSON file to download",
    "notifications:badge": "an htmx fragment of the menu, on every page",
    "matching:recommendation_strip": "an htmx fragment of the directory, checked there",
    "mentorships:ask_answer": "POST only",
    "mentorships:agreement": "POST only",
    "mentorships:change": "POST only",
    "mentorships:feedback": "POST only",
    "mentorships:learning_goal_add": "POST only",
    "mentorships:goal_update": "POST only",
    "calendar:feed": "a calendar file for calendar apps",
    "calendar:invite": "a calendar file to download",
    "calendar:revoke": "POST only",
    "meetings:health": "an htmx fragment of the dashboard, checked there",
    "meetings:action": "POST only",
    "meetings:ask_book": "POST only (from the ask page)",
    "meetings:agenda_remove": "POST only",
    "meetings:action_update": "POST only",
    "profiles:onboarding": "redirects to the first onboarding step",
    "profiles:skill_add": "POST only",
    "profiles:skill_remove": "POST only",
    "profiles:skill_proficiency": "POST only",
    "profiles:skill_request_withdraw": "POST only",
    "conversations:unread": "an htmx fragment: the unread marks on rows",
    "profiles:skill_suggestions": "an htmx fragment of the skill editor",
    "profiles:organization_suggestions": "an htmx fragment of the profile form",
    "programs:import_preview": "needs a file uploaded in the same session (kept an hour)",
    "programs:import_confirm": "POST only",
    "programs:round_action": "POST only (lock, unlock, forbid, add, run again, publish, discard)",
    "programs:question_remove": "POST only",
    "programs:question_move": "POST only",
    "programs:decide": "POST only (approve or decline an application)",
    "programs:leave": "POST only",
    "programs:coffee": "POST only (opt in to coffee rounds, or pause them)",
    "programs:match_answer": "POST only (confirm or decline a match)",
    "programs:match_feedback": "POST only",
    "reports:chart_csv": "a CSV download of one chart's rows",
    "reports:check_in": "POST only",
    "reports:export": "a CSV download",
}


# The career-growth tools' non-pages: tests/e2e/growth_pages/ (one module per tool).
def _growth_not_pages() -> dict[str, str]:
    import tests.e2e.site_pages  # noqa: F401 - first: it loads growth_pages when PAGES is whole
    from tests.e2e.growth_pages import NOT_PAGES as GROWTH_NOT_PAGES

    return GROWTH_NOT_PAGES


NOT_PAGES.update(_growth_not_pages())
