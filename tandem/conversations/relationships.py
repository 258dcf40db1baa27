"""What a thread is about: an ask, with the mentorship it became if it was accepted, or a
mentorship that began without an ask. One relationship, one thread, shown on both pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tandem.core.paths import path_to
from tandem.mentorships.models import Ask, Mentorship
from tandem.profiles.models import Profile


def _mentorship_of(ask: Ask) -> Mentorship | None:
    """The mentorship an accepted ask became (the selectors load it with the ask)."""
    if ask.state != Ask.State.ACCEPTED:
        return None
    try:
        return ask.mentorship
    except Mentorship.DoesNotExist:
        return None


@dataclass(frozen=True)
class Relationship:
    """An ask and/or its mentorship: at least one of the two is set."""

    ask: Ask | None
    mentorship: Mentorship | None

    @classmethod
    def of_ask(cls, ask: Ask) -> Relationship:
        return cls(ask=ask, mentorship=_mentorship_of(ask))

    @classmethod
    def of_mentorship(cls, mentorship: Mentorship) -> Relationship:
        return cls(ask=mentorship.ask, mentorship=mentorship)

    @property
    def _pair(self) -> Ask | Mentorship:
        if self.mentorship is not None:
            return self.mentorship
        if self.ask is not None:
            return self.ask
        raise ValueError("A relationship is an ask or a mentorship.")

    @property
    def mentee(self) -> Profile:
        return self._pair.mentee

    @property
    def mentor(self) -> Profile:
        return self._pair.mentor

    def thread_key(self) -> dict[str, Any]:
        """How its thread is found: by the ask when there is one (the thread began there)."""
        return {"ask": self.ask} if self.ask is not None else {"mentorship": self.mentorship}

    @property
    def thread_url(self) -> str:
        """The conversation's own page: on the mentorship once there is one."""
        if self.mentorship is not None:
            return path_to("conversations:mentorship", mentorship_id=self.mentorship.pk)
        return path_to("conversations:ask", ask_id=self._pair.pk)

    @property
    def page_url(self) -> str:
        """The page the conversation belongs to: the mentorship's, else the ask's."""
        return self._pair.get_absolute_url()
