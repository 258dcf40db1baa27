"""Factories for asks and mentorships, built through the services: an ask has its audit row,
notice and jobs, an intro its accepted ask and a taken place, an active mentorship its agreed
terms and goals, exactly as people would have made them.

`now` is when the last step happened (NOW unless a test says otherwise); the earlier steps
happen at `asked_at` (the ask, by default `now`). The intro meeting itself belongs to the
meetings app above this one: `IntroFactory(intro_held=True)` records it as held the way the
meeting services do (`mentorship_intro_held`), and the meetings factories hold a real one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import factory

from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask, Mentorship
from tandem.mentorships.services.agreements import agreement_accept, agreement_propose
from tandem.mentorships.services.asks import ask_accept, ask_create
from tandem.mentorships.services.mentorships import mentorship_intro_held
from tandem.profiles.tests.factories import MentorProfileFactory, ProfileFactory

NOTE = "I'm a data analyst aiming for product; 20 minutes of advice?"
GOALS = ("Lead a project end to end", "Give feedback that lands")


class AskFactory(factory.django.DjangoModelFactory[Ask]):
    """A waiting ask from a new mentee to a new mentor (`ask_create`)."""

    class Meta:
        model = Ask

    mentee = factory.SubFactory(ProfileFactory)
    mentor = factory.SubFactory(MentorProfileFactory)
    focus_areas = factory.LazyFunction(lambda: ["career_advice"])
    note = NOTE
    intro_minutes = 20
    proposed_times = ()
    now = NOW

    @classmethod
    def _create(cls, model_class: type[Ask], *args: Any, **kwargs: Any) -> Ask:
        return ask_create(**kwargs)


class IntroFactory(factory.django.DjangoModelFactory[Mentorship]):
    """A mentorship in `intro`: the mentor accepted the ask at `now` (`ask_accept`); with
    `intro_held`, their intro meeting was held then too, so the mentee may propose terms."""

    class Meta:
        model = Mentorship

    mentee = factory.SubFactory(ProfileFactory)
    mentor = factory.SubFactory(MentorProfileFactory)
    now = NOW
    asked_at: datetime | None = None  # when the ask was sent; `now` by default
    intro_minutes = 20
    intro_held = False

    @classmethod
    def _create(cls, model_class: type[Mentorship], *args: Any, **kwargs: Any) -> Mentorship:
        return cls._intro(**kwargs)

    @staticmethod
    def _intro(
        *, mentee: Any, mentor: Any, now: datetime, asked_at: datetime | None,
        intro_minutes: int, intro_held: bool,
    ) -> Mentorship:  # fmt: skip
        ask = AskFactory(
            mentee=mentee, mentor=mentor, now=asked_at or now, intro_minutes=intro_minutes
        )
        mentorship = ask_accept(ask=ask, actor=mentor.user, now=now)
        if intro_held:
            mentorship_intro_held(mentorship=mentorship, now=now)
        return mentorship


class ActiveMentorshipFactory(IntroFactory):
    """An active mentorship: after the intro, the mentee proposed these terms at `now`, and the
    mentor accepted."""

    intro_held = True
    goals = GOALS
    cadence = "1m"
    meeting_minutes = 45
    term_months = 12

    @classmethod
    def _create(cls, model_class: type[Mentorship], *args: Any, **kwargs: Any) -> Mentorship:
        terms = {key: kwargs.pop(key) for key in ("cadence", "meeting_minutes", "term_months")}
        goals = list(kwargs.pop("goals"))
        mentorship = cls._intro(**kwargs)
        now = kwargs["now"]
        agreement_propose(
            mentorship=mentorship, actor=mentorship.mentee.user, goals=goals, now=now, **terms
        )
        agreement_accept(mentorship=mentorship, actor=mentorship.mentor.user, now=now)
        mentorship.refresh_from_db()
        return mentorship
