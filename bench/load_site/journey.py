"""The locustfile bench/load.py runs: the mixed journey of issue 14, one page at a time with a
pause to think between pages, and the bare view served the same way.

Mentees: home, recommendations, a directory search and its page 2, a recommended mentor's
profile and ask page, the dashboard, their mentorship, its meetings, a meeting, notifications.
Mentors: home, the inbox, an ask from it, the dashboard, their mentorship, its meetings, a
meeting, notifications. With accepts on, one more user signs in as a different mentor every
`TANDEM_LOAD_ACCEPT_EVERY` seconds and accepts a waiting ask (the ask page, then the POST).

Reads its people from the plan bench/load.py wrote (`TANDEM_LOAD_PLAN`), and writes every
request's page, time, success and status to `TANDEM_LOAD_OUT` when locust quits; a page that
is not a 200, or that sends the person to sign in, is a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gevent
from locust import HttpUser, between, constant_pacing, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["TANDEM_LOAD_PLAN"]).read_text())
THINK_MIN, THINK_MAX = (float(s) for s in os.environ["TANDEM_LOAD_THINK"].split())
ACCEPT_EVERY = float(os.environ.get("TANDEM_LOAD_ACCEPT_EVERY") or 0)
BARE_PATH = "/bench/bare/"  # load_site/urls.py
ASK_NEW = re.compile(r'href="/mentors/(\d+)/ask/"')
ASK = re.compile(r'href="/asks/(\d+)/"')
SIGN_IN = "/accounts/login/"

# page, ms, success, status, when it ended (epoch seconds), path (load_site/tail.py pairs it
# with the server's own line for the same request)
_timings: list[tuple[str, float, bool, int, float, str]] = []


@events.request.add_listener
def _record(
    name: str, response_time: float, exception: Any, response: Any = None, **_: Any
) -> None:
    request = getattr(response, "request", None)
    path = str(getattr(request, "path_url", "") or "").split("?")[0]
    status = getattr(response, "status_code", 0)
    _timings.append((name, response_time, exception is None, status, time.time(), path))


@events.quitting.add_listener
def _save(**_: Any) -> None:
    Path(os.environ["TANDEM_LOAD_OUT"]).write_text(json.dumps(_timings))


class Person(HttpUser):
    """Someone signed in (their session from the plan) going round their journey, one page
    per task and a pause to think after it. Each starts at a random step, so even a short run
    sees every page about as often as a long one."""

    abstract = True
    wait_time = between(THINK_MIN, THINK_MAX)
    people: list[dict[str, Any]] = []
    taken: Iterator[int] = itertools.count()

    def on_start(self) -> None:
        self.me = self.people[next(self.taken) % len(self.people)]
        self.client.cookies.set("sessionid", self.me["session"])
        self.found: list[str] = []  # the mentors or asks the last list page linked to
        self.chosen = ""
        self.at = random.randrange(len(self.steps()))
        # Locust starts every user at once, and each asks for its first page straight away:
        # all of them inside 50 ms, a burst no site of people pausing between pages sees, whose
        # queue was 46 of the 48 slowest requests of a 180 s run (docs/benchmarks.md). Each
        # first waits for a part of a pause, as if met in the middle of one, so requests
        # arrive from the first second at the pace they keep.
        gevent.sleep(random.uniform(0, self.wait_time()))

    def page(self, path: str, name: str) -> str:
        """GET a page; its HTML ("" when it failed)."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
            elif SIGN_IN in response.url:
                response.failure("sent to sign in")
            else:
                response.success()
                return str(response.text)
        return ""

    def steps(self) -> list[Callable[[], bool]]:
        """The journey's pages in order; a step that has nothing to open says False."""
        raise NotImplementedError

    @task
    def next_page(self) -> None:
        steps = self.steps()
        for _ in steps:
            step = steps[self.at % len(steps)]
            self.at += 1
            if step():
                return

    def own_pages(self, side: str) -> list[Callable[[], bool]]:
        """The dashboard, the person's mentorship, its meetings, a meeting, notifications."""
        mentorship, meeting = self.me["mentorship"], self.me["meeting"]
        pages = [
            ("/mentorships/", "dashboard"),
            (f"/mentorships/{mentorship}/", "mentorship"),
            (f"/mentorships/{mentorship}/meetings/", "its meetings"),
            (f"/meetings/{meeting}/", "a meeting"),
            ("/notifications/", "notifications"),
        ]
        return [self.opener(path, f"{name} ({side})") for path, name in pages]

    def opener(self, path: str, name: str) -> Callable[[], bool]:
        """A step that opens one page."""

        def step() -> bool:
            self.page(path, name)
            return True

        return step


class Mentee(Person):
    people = PLAN["mentees"]
    fixed_count = len(PLAN["mentees"])

    def recommendations(self) -> bool:
        self.found = ASK_NEW.findall(self.page("/mentors/recommended/", "recommendations"))
        return True

    def profile(self) -> bool:
        if not self.found:
            return False
        self.chosen = random.choice(self.found)
        self.page(f"/profiles/{self.chosen}/", "a mentor's profile")
        return True

    def ask_page(self) -> bool:
        if not self.chosen:
            return False
        self.page(f"/mentors/{self.chosen}/ask/", "the ask page")
        return True

    def steps(self) -> list[Callable[[], bool]]:
        search = f"/mentors/?skill={quote(self.me['skill'])}"
        return [
            self.opener("/home/", "home (mentee)"),
            self.recommendations,
            self.opener(search, "directory search"),
            self.opener(f"{search}&page=2", "directory search, page 2"),
            self.profile,
            self.ask_page,
            *self.own_pages("mentee"),
        ]


class Mentor(Person):
    people = PLAN["mentors"]
    fixed_count = len(PLAN["mentors"])

    def inbox(self) -> bool:
        self.found = ASK.findall(self.page("/asks/", "inbox"))
        return True

    def ask(self) -> bool:
        if not self.found:
            return False
        self.page(f"/asks/{random.choice(self.found)}/", "an ask (mentor)")
        return True

    def steps(self) -> list[Callable[[], bool]]:
        return [
            self.opener("/home/", "home (mentor)"),
            self.inbox,
            self.ask,
            *self.own_pages("mentor"),
        ]


class AcceptingMentor(Person):
    """A different mentor every ACCEPT_EVERY seconds accepts one waiting ask; idle once the
    plan's asks are used up."""

    people = PLAN["accepts"]
    fixed_count = 1
    wait_time = constant_pacing(ACCEPT_EVERY or 60)

    def on_start(self) -> None:
        self.left = list(self.people)

    @task
    def next_page(self) -> None:
        if not self.left:
            return
        ask = self.left.pop(0)
        self.client.cookies.clear()
        self.client.cookies.set("sessionid", ask["session"])
        self.page(f"/asks/{ask['ask']}/", "an ask (mentor)")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            f"/asks/{ask['ask']}/accept/", data={"csrfmiddlewaretoken": token},
            name="accept an ask", catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code == 200 and "/mentorships/" in response.url:
                response.success()
            else:
                response.failure(f"{response.status_code} {response.url}")


class BareVisitor(Person):
    """The bare view, asked for by the same signed-in people at the same pace."""

    people = [{"session": session} for session in PLAN["bare"]]

    def steps(self) -> list[Callable[[], bool]]:
        return [self.opener(BARE_PATH, "bare view")]
