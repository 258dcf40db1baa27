"""Every app's errors are domain errors with their status (core may not import the apps, so
this cross-app check lives here)."""

from tandem.core.errors import RuleBroken
from tandem.mentorships.rules import AtCapacity
from tandem.notifications.services import PreferenceError
from tandem.profiles.services import ProfileError


def test_the_apps_errors_are_domain_errors():
    assert AtCapacity("full").status == 409
    assert issubclass(AtCapacity, RuleBroken)
    assert ProfileError("bad").status == PreferenceError("bad").status == 400
