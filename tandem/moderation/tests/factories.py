"""Reports made the way people make them: through `report_create`."""

from __future__ import annotations

from typing import Any

import factory

from tandem.accounts.tests.factories import UserFactory
from tandem.moderation.models import Report
from tandem.moderation.reports import report_create

SEEN = "Pay me 200 for a CV review or don't bother"


class ReportFactory(factory.django.DjangoModelFactory[Report]):
    """An open report of someone's ask (any target kind will do for staff's queue)."""

    class Meta:
        model = Report

    reporter = factory.SubFactory(UserFactory)
    person = factory.SubFactory(UserFactory)
    target_kind = Report.TargetKind.ASK
    target_id = factory.Sequence(lambda n: n + 1)
    context = SEEN
    reason = Report.Reason.SPAM
    details = ""

    @classmethod
    def _create(cls, model_class: type[Report], *args: Any, **kwargs: Any) -> Report:
        return report_create(**kwargs)
