"""Factories for conversations, built through the services: a message has its thread, its
notice to the other side and the pre-acceptance rule applied, as if a person had written it.

`about` is the ask or mentorship the message is written on (a waiting ask by default);
`author` is one of its two people (the mentor unless a test says otherwise).
"""

from __future__ import annotations

from typing import Any

import factory

from tandem.conversations.models import Message
from tandem.conversations.relationships import Relationship
from tandem.conversations.services import message_post
from tandem.core.tests.clock import NOW
from tandem.mentorships.models import Ask
from tandem.mentorships.tests.factories import AskFactory

TEXT = "Happy to help. What would you most like from our 20 minutes?"


def relationship_of(about: Any) -> Relationship:
    """The relationship of an ask (with its mentorship, once accepted) or of a mentorship."""
    if isinstance(about, Ask):
        return Relationship.of_ask(Ask.objects.select_related("mentorship").get(pk=about.pk))
    return Relationship.of_mentorship(about)


class MessageFactory(factory.django.DjangoModelFactory[Message]):
    """A message written with `message_post` on `about`, by `author` (the mentor by default)."""

    class Meta:
        model = Message

    about = factory.SubFactory(AskFactory)
    author = None
    text = TEXT
    now = NOW

    @classmethod
    def _create(cls, model_class: type[Message], *args: Any, **kwargs: Any) -> Message:
        about = kwargs["about"]
        return message_post(
            relationship=relationship_of(about), author=kwargs["author"] or about.mentor.user,
            text=kwargs["text"], now=kwargs["now"],
        )  # fmt: skip
