"""What the isolation tests share: the rows watched for changes and a POST that would fill any
program form, were the program reachable."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.db.models import Model

from tandem.mentorships.models import Mentorship
from tandem.notifications.models import Notification
from tandem.organizations.models import Membership
from tandem.programs.models import (
    Match,
    MatchFeedback,
    PairRule,
    Participant,
    Program,
    Question,
    Round,
    RoundPair,
)

WATCHED: tuple[type[Model], ...] = (
    Program, Participant, Round, RoundPair, PairRule, Match, MatchFeedback, Question, Membership,
)  # fmt: skip
# What a POST carries: enough for any of the forms to be valid, were the program reachable.
POST_DATA = {
    "name": "Taken over", "kind": "mentoring", "enrollment": "open", "role": "mentee",
    "text": "A question?", "matching": "none", "emails": "someone@example.com",
    "email": "someone@example.com", "met": "yes", "rating": "5", "opted_in": "no",
    "mode": "optimal", "first": "1", "second": "2",
}  # fmt: skip


def snapshot() -> dict[str, Any]:
    """Every watched row, and how many notifications, mentorships and emails there are."""
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}
    rows["counts"] = [Notification.objects.count(), Mentorship.objects.count(), len(mail.outbox)]
    return rows
