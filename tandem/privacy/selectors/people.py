"""The export's sections about the person themselves: the account, the profile, programs,
notifications and their preferences, the people they blocked or muted and what they reported."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from tandem.accounts.models import User
from tandem.moderation.models import Block, Report
from tandem.notifications.models import Notification, Preference
from tandem.privacy.selectors.rows import Row, rows
from tandem.profiles.models import Profile
from tandem.programs.models import Participant

# The profile's own columns, as stored; the related ones are listed by name below.
PROFILE_FIELDS = (
    "is_mentee",
    "is_mentor",
    "headline",
    "job_title",
    "industry",
    "function",
    "level",
    "years_experience",
    "bio",
    "goals",
    "target_industry",
    "target_function",
    "target_level",
    "focus_areas_sought",
    "mentoring_types_sought",
    "focus_areas_offered",
    "mentoring_types_offered",
    "hours_per_month",
    "capacity",
    "is_paused",
    "timezone",
    "city",
    "country",
    "meeting_mode",
    "contact_channel",
    "contact_detail",
    "manager_email",
    "visibility",
    "onboarded_at",
    "created_at",
    "updated_at",
)


def account_section(user: User) -> Row:
    """Sign-in details: the addresses, the name, when they joined (never the password)."""
    addresses = EmailAddress.objects.filter(user=user).order_by("id")
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
        ],
    }


def profile_section(profile: Profile | None) -> Row | None:
    """Everything on the profile, with skills, languages and organizations by name."""
    if profile is None:
        return None
    row: Row = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    row["organization"] = profile.organization.name if profile.organization else None
    row["skills_offered"] = [
        {"skill": s.skill.name, "proficiency": s.get_proficiency_display()}
        for s in profile.skills_offered.select_related("skill")
    ]
    row["skills_wanted"] = [s.name for s in profile.skills_wanted.all()]
    row["skills_in_your_words"] = [
        {"side": r.side, "text": r.text, "requested_at": r.requested_at}
        for r in profile.skill_requests.all()
    ]
    row["languages"] = [language.name for language in profile.languages.all()]
    row["never_matched_with"] = [org.name for org in profile.competitors.all()]
    return row


def programs_section(profile: Profile | None) -> list[Row]:
    """The programs they joined, with their answers to the program's questions."""
    if profile is None:
        return []
    places = Participant.objects.filter(profile=profile).select_related("program")
    return [
        {
            "program": place.program.name,
            "role": place.role,
            "state": place.state,
            "department": place.department,
            "answers": place.answers,
            "opted_in": place.opted_in,
            "joined_at": place.created_at,
        }
        for place in places
    ]


def notifications_section(user: User) -> list[Row]:
    """Everything Tandem told them, newest first."""
    return rows(
        Notification.objects.filter(recipient=user).values(
            "kind", "title", "body", "url", "created_at", "read_at", "emailed_at"
        )
    )


def preferences_section(user: User) -> list[Row]:
    """How they chose to be emailed, per kind (kinds not listed are emailed straight away)."""
    return rows(Preference.objects.filter(user=user).values("kind", "delivery"))


def blocks_section(user: User) -> list[Row]:
    """The people they blocked or muted (by name, as they saw them)."""
    return [
        {"person": block.other.display_name, "kind": block.kind, "since": block.created_at}
        for block in Block.objects.filter(owner=user).select_related("other").order_by("id")
    ]


def reports_filed_section(user: User) -> list[Row]:
    """What they reported to Tandem's team and where it stands. The staff's notes and the
    snapshot of the reported content (someone else's words) stay with the team."""
    return rows(
        Report.objects.filter(reporter=user)
        .order_by("id")
        .values("target_kind", "reason", "details", "status", "created_at", "handled_at")
    )
