"""Committing an import: people, profiles, places and invitations in one go, all rows or none;
the same file again changes nothing; an edited file updates in place; accounts already on
Tandem are linked, never duplicated; the accounts and profiles of people outside the program's
organization, and of staff, are never changed, only their place in the program is."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.accounts.tests.factories import UserFactory
from tandem.organizations.models import Membership, Organization
from tandem.profiles.models import Profile, SkillOffered
from tandem.profiles.tests.factories import OrganizationFactory, ProfileFactory, speak
from tandem.programs.imports import commit
from tandem.programs.imports.commit import import_commit
from tandem.programs.imports.plan import OWN_ACCOUNT, OWN_PROFILE, plan_build
from tandem.programs.imports.problems import ImportRefused
from tandem.programs.models import Participant, Program, Question
from tandem.programs.tests.factories import ParticipantFactory, ProgramFactory
from tandem.programs.tests.import_files import ANA, BEN, CLEO, HEADERS, csv_file
from tandem.skills.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    acme = Organization.objects.create(name="Acme", slug="acme")
    return ProgramFactory(organization=acme, name="Spring mentoring", mentor_capacity=3)


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(), Profile.objects.count(), Participant.objects.count(),
        EmailAddress.objects.count(), Membership.objects.count(), SkillOffered.objects.count(),
    )  # fmt: skip


def test_a_good_file_creates_people_places_and_sends_invitations(program, now) -> None:
    result = import_commit(program=program, data=csv_file([ANA, BEN, CLEO]), now=now)
    assert str(result) == "created 3, updated 0, unchanged 0"

    ana = Profile.objects.get(user__email="ana@acme.test")
    assert (ana.user.first_name, ana.user.last_name) == ("Ana", "Silva")
    assert not ana.user.has_usable_password()
    assert EmailAddress.objects.filter(user=ana.user, verified=True, primary=True).exists()
    assert (ana.job_title, ana.level, ana.timezone, ana.manager_email) == (
        "Staff engineer",
        6,
        "Europe/Lisbon",
        "boss@acme.test",
    )
    assert ana.is_mentor
    assert not ana.is_mentee
    assert ana.onboarded_at == now
    assert ana.organization == program.organization
    assert set(ana.languages.values_list("code", flat=True)) == {"pt", "en"}
    assert set(ana.skills_offered.values_list("skill__name", flat=True)) == {"Python", "JavaScript"}
    place = Participant.objects.get(program=program, profile=ana)
    assert (place.role, place.state, place.department, place.capacity) == (
        "mentor",
        "active",
        "Platform",
        2,
    )
    cleo = Participant.objects.get(program=program, profile__user__email="cleo@acme.test")
    assert cleo.role == "both"
    assert cleo.capacity == 3
    assert cleo.profile.is_mentee
    assert cleo.profile.is_mentor
    assert Membership.objects.filter(organization=program.organization).count() == 3

    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@acme.test", "ben@acme.test", "cleo@acme.test"
    ]  # fmt: skip
    email = next(m for m in mail.outbox if m.to == ["ana@acme.test"])
    assert email.subject == "[Tandem] Acme's program managers added you to Spring mentoring"
    assert "Hello Ana," in email.body
    assert "Set a password to see who you'll meet" in email.body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", email.body)
    assert link is not None


def test_the_invitation_link_lets_the_person_set_a_password(program, now, client) -> None:
    import_commit(program=program, data=csv_file([BEN]), now=now)
    (email,) = mail.outbox
    found = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", email.body)
    assert found is not None
    path = found[1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    assert b"password1" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"password1": "a-long-new-passphrase-9", "password2": "a-long-new-passphrase-9"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="ben@acme.test").check_password("a-long-new-passphrase-9")


def test_a_file_with_bad_rows_writes_nothing_and_says_why(program, now) -> None:
    before = _counts()
    bad = (*ANA[:6], "12", *ANA[7:])
    with pytest.raises(ImportRefused) as refused:
        import_commit(program=program, data=csv_file([BEN, bad, CLEO]), now=now)
    assert refused.value.lines == [
        "line 3: level: the level is a whole number from 1 to 10, not “12”"
    ]
    assert _counts() == before
    assert not mail.outbox


def test_the_same_file_again_changes_nothing(program, now) -> None:
    data = csv_file([ANA, BEN, CLEO])
    import_commit(program=program, data=data, now=now)
    before, sent = _counts(), len(mail.outbox)
    stamps = list(Profile.objects.values_list("updated_at", flat=True))
    again = import_commit(program=program, data=data, now=now + timedelta(days=1))
    assert str(again) == "created 0, updated 0, unchanged 3"
    assert _counts() == before
    assert len(mail.outbox) == sent
    assert list(Profile.objects.values_list("updated_at", flat=True)) == stamps


def test_an_edited_file_updates_in_place(program, now) -> None:
    import_commit(program=program, data=csv_file([ANA, BEN, CLEO]), now=now)
    before = _counts()
    promoted = (*ANA[:4], "Principal engineer", "Platform", "7", *ANA[7:10], "Python;SQL", "", "")
    moved = (*BEN[:5], "Risk", *BEN[6:])
    later = now + timedelta(days=1)
    result = import_commit(program=program, data=csv_file([promoted, moved, CLEO]), now=later)
    assert str(result) == "created 0, updated 2, unchanged 1"
    ana = Profile.objects.get(user__email="ana@acme.test")
    assert (ana.job_title, ana.level, ana.updated_at) == ("Principal engineer", 7, later)
    # Skills are added, never taken away; a blank capacity keeps the one there.
    assert set(ana.skills_offered.values_list("skill__name", flat=True)) == {
        "Python", "JavaScript", "SQL"
    }  # fmt: skip
    assert Participant.objects.get(profile=ana).capacity == 2
    assert Participant.objects.get(profile__user__email="ben@acme.test").department == "Risk"
    assert _counts()[:5] == before[:5]


def test_an_existing_account_in_any_case_is_linked_not_duplicated(program, now) -> None:
    ana = UserFactory(email="ana@acme.test", first_name="Ana", last_name="Silva")
    own = ProfileFactory(user=ana, organization=program.organization, job_title="Engineer",
                         is_mentee=True)  # fmt: skip
    own.skills_wanted.add(Skill.objects.get(name="Statistics"))
    other = UserFactory(email="benedict@home.test")  # no profile, in no organization
    EmailAddress.objects.create(user=other, email="ben@acme.test", verified=True)
    shouting = ("ANA@ACME.TEST", *ANA[1:])
    plan = plan_build(program=program, data=csv_file([shouting, BEN]))
    assert [p.action for p in plan.people] == ["update", "update"]
    assert plan.people[0].changes[0] == "joins the program (already on Tandem)"
    assert plan.people[1].changes == [OWN_ACCOUNT, "joins the program"]
    result = import_commit(program=program, data=csv_file([shouting, BEN]), now=now)
    assert str(result) == "created 0, updated 2, unchanged 0"
    assert User.objects.count() == 2
    assert not mail.outbox
    own.refresh_from_db()
    assert own.job_title == "Staff engineer"
    assert own.is_mentee
    assert own.is_mentor
    assert own.skills_wanted.filter(name="Statistics").exists()
    assert ana.check_password("correct-horse-battery-42")
    # Someone else's account without a profile: an empty one to hang the place on, which they
    # set up themselves; nothing from the file on it.
    assert Participant.objects.get(profile__user=other).role == "mentee"
    blank = Profile.objects.get(user=other)
    assert (blank.onboarded_at, blank.organization, blank.job_title, blank.level) == (
        None, None, "", Profile._meta.get_field("level").default
    )  # fmt: skip
    assert not blank.languages.exists()
    assert not blank.skills_wanted.exists()
    other.refresh_from_db()
    assert (other.first_name, other.last_name) != ("Ben", "Okafor")
    assert str(import_commit(program=program, data=csv_file([shouting, BEN]), now=now)) == (
        "created 0, updated 0, unchanged 2"
    )


def test_two_addresses_of_one_person_and_own_manager_are_caught(program, now) -> None:
    ana = UserFactory(email="ana@acme.test")
    EmailAddress.objects.create(user=ana, email="a.silva@acme.test", verified=True)
    rows = [("ana@acme.test", ""), ("a.silva@acme.test", ""), ("x@acme.test", "X@acme.test")]
    plan = plan_build(program=program, data=csv_file(rows, ("email", "manager_email")))
    assert [str(p) for p in plan.problems] == [
        "line 3: email: a.silva@acme.test is another address of the person on line 2",
        "line 4: manager_email: a person cannot be their own manager",
    ]


def test_places_answers_and_people_who_left(program, now) -> None:
    team = Question.objects.create(program=program, text="Team", kind="single",
                                   choices=["Red", "Blue"])  # fmt: skip
    note = Question.objects.create(program=program, text="Anything else?", kind="text")
    applied = ParticipantFactory(program=program, state="applied",
                                 answers={str(note.pk): "Hi"})  # fmt: skip
    gone = ParticipantFactory(program=program, state="left")
    rows = [(applied.profile.user.email, "Blue"), (gone.profile.user.email, "Red")]
    result = import_commit(program=program, data=csv_file(rows, ("email", "team")), now=now)
    assert str(result) == "created 0, updated 1, unchanged 1"
    applied.refresh_from_db()
    gone.refresh_from_db()
    assert applied.state == "active"
    assert applied.answers == {str(note.pk): "Hi", str(team.pk): "Blue"}
    assert gone.state == "left"
    assert gone.answers == {}


def test_in_a_coffee_program_everyone_is_a_peer(now) -> None:
    coffee = ProgramFactory(kind=Program.Kind.COFFEE)
    import_commit(program=coffee, data=csv_file([ANA, BEN]), now=now)
    assert set(Participant.objects.values_list("role", "capacity")) == {("peer", 2), ("peer", 1)}


def test_skills_past_the_cap_of_a_list_are_a_problem(program, now) -> None:
    person = ProfileFactory(user=UserFactory(email="ana@acme.test"),
                            organization=program.organization)  # fmt: skip
    person.skills_wanted.add(*Skill.objects.exclude(name="SQL").order_by("id")[:15])
    plan = plan_build(program=program, data=csv_file([("ana@acme.test", "SQL")],
                                                     ("email", "skills_wanted")))  # fmt: skip
    assert [str(p) for p in plan.problems] == [
        "line 2: skills_wanted: ana@acme.test already has 15 skills on this list; adding 1 would "
        "make 16, and the limit is 15"
    ]


def test_queries_do_not_grow_with_the_file_and_one_job_sends_every_invitation(
    program, now, monkeypatch
) -> None:
    jobs: list[tuple[int, list[int]]] = []
    monkeypatch.setattr(commit, "import_invitations_send",
                        SimpleNamespace(enqueue=lambda *args: jobs.append(args)))  # fmt: skip

    def rows(n: int, offset: int = 0) -> bytes:
        people = [(f"p{i}@acme.test", "Python;SQL", "en;fr") for i in range(offset, offset + n)]
        return csv_file(people, ("email", "skills_wanted", "languages"))

    counts = []
    for n, offset in ((5, 0), (60, 100), (60, 100)):
        with CaptureQueriesContext(connection) as queries:
            import_commit(program=program, data=rows(n, offset), now=now)
        counts.append(len(queries))
    # Only SQLite's cap on parameters a statement splits a bulk insert (28 profiles at once).
    assert counts[1] <= counts[0] + 4, counts
    assert counts[2] < counts[1]  # nothing to write the second time
    assert [len(ids) for _, ids in jobs] == [5, 60]


def test_invitations_carry_allauths_own_token_and_escape_names(program, now) -> None:
    from allauth.account.forms import default_token_generator

    from tandem.programs.imports.invitations import _token_maker

    import_commit(program=program, data=csv_file([("zoe@acme.test", "Zoë <b>")],
                                                  ("email", "first_name")), now=now)  # fmt: skip
    (email,) = mail.outbox
    user = User.objects.get(email="zoe@acme.test")
    EmailAddress.objects.create(user=user, email="zoe@home.test")
    assert _token_maker([user]).make_token(user) == default_token_generator.make_token(user)
    assert "Hello Zoë <b>," in email.body
    html = email.alternatives[0][0]
    assert "Hello Zoë &lt;b&gt;," in html
    assert "INVITEE" not in html
    assert "INVITEE" not in email.body


def test_an_address_someone_added_but_never_verified_links_nobody(program, now) -> None:
    squatter = UserFactory(email="me@home.test")
    EmailAddress.objects.create(user=squatter, email="ceo@acme.test", verified=False)
    data = csv_file([("ceo@acme.test",)], ("email",))
    assert [p.action for p in plan_build(program=program, data=data).people] == ["create"]
    import_commit(program=program, data=data, now=now)
    assert User.objects.get(email="ceo@acme.test") != squatter


# People already on Tandem who are not the organization's: only their place is the manager's.

EDITED_ANA = (
    "ana@acme.test", "Eve", "Mallory", "mentor", "Chief executive", "Risk", "10",
    "boss@acme.test", "Asia/Tokyo", "ja", "Python;SQL", "Statistics;PM", "4",
)  # fmt: skip


def _someone_else(email: str = "ana@acme.test", **user: object) -> Any:  # a Profile
    """A person on Tandem whose own profile is at another organization."""
    account = UserFactory(email=email, first_name="Ana", last_name="Sousa", **user)
    profile = ProfileFactory(
        user=account, organization=OrganizationFactory(name="Globex"), job_title="Designer",
        level=3, timezone="America/New_York", manager_email="lead@globex.test", is_mentee=True,
        is_mentor=False,
    )  # fmt: skip
    speak(profile, "fr")
    profile.skills_wanted.add(Skill.objects.get(name="Statistics"))
    SkillOffered.objects.create(profile=profile, skill=Skill.objects.get(name="Figma"))
    return profile


def _as_it_is(profile: Profile) -> tuple[object, ...]:
    """Everything about the account and profile an import could touch, read afresh."""
    profile = Profile.objects.select_related("user").get(pk=profile.pk)
    user = profile.user
    return (
        user.email, user.first_name, user.last_name, user.password, user.is_staff,
        user.is_superuser, profile.job_title, profile.level, profile.timezone,
        profile.manager_email, profile.is_mentee, profile.is_mentor, profile.organization_id,
        profile.onboarded_at, profile.updated_at,
        sorted(profile.languages.values_list("code", flat=True)),
        sorted(profile.skills_wanted.values_list("name", flat=True)),
        sorted(profile.skills_offered.values_list("skill__name", flat=True)),
    )  # fmt: skip


def test_someone_elses_account_is_only_placed_in_the_program(program, now) -> None:
    team = Question.objects.create(program=program, text="Team", kind="single",
                                   choices=["Red", "Blue"])  # fmt: skip
    profile = _someone_else()
    before = _as_it_is(profile)
    headers = (*HEADERS, "Team")
    data = csv_file([(*ANA, "Blue")], headers)

    plan = plan_build(program=program, data=data)
    assert not plan.problems
    (person,) = plan.people
    assert person.action == "update"
    assert person.changes == [OWN_PROFILE, "joins the program"]
    assert str(import_commit(program=program, data=data, now=now)) == (
        "created 0, updated 1, unchanged 0"
    )
    assert _as_it_is(profile) == before
    place = Participant.objects.get(program=program, profile=profile)
    assert (place.role, place.state, place.department, place.capacity, place.answers) == (
        "mentor", "active", "Platform", 2, {str(team.pk): "Blue"}
    )  # fmt: skip
    # In the organization's program, so a member of it; that does not make the account its.
    assert Membership.objects.filter(
        organization=program.organization, user=profile.user, role="member"
    ).exists()
    assert not mail.outbox

    later = now + timedelta(days=1)
    again = import_commit(program=program, data=data, now=later)
    assert str(again) == "created 0, updated 0, unchanged 1"
    assert _as_it_is(profile) == before

    edited = csv_file([(*EDITED_ANA, "Red")], headers)
    (person,) = plan_build(program=program, data=edited).people
    assert person.changes == [OWN_PROFILE, "department", "capacity", "answers"]
    assert str(import_commit(program=program, data=edited, now=later)) == (
        "created 0, updated 1, unchanged 0"
    )
    assert _as_it_is(profile) == before
    place.refresh_from_db()
    assert (place.department, place.capacity, place.answers) == (
        "Risk", 4, {str(team.pk): "Red"}
    )  # fmt: skip


@pytest.mark.parametrize("role", ["member", "manager"])
def test_a_membership_does_not_make_the_account_the_organizations(program, now, role) -> None:
    """Joining an open program (or being imported) makes a member, and a manager can make any
    member a manager: neither lets the organization rewrite someone's own profile."""
    profile = _someone_else()
    Membership.objects.create(organization=program.organization, user=profile.user, role=role)
    before = _as_it_is(profile)
    data = csv_file([EDITED_ANA])
    (person,) = plan_build(program=program, data=data).people
    assert person.changes == [OWN_PROFILE, "joins the program"]
    import_commit(program=program, data=data, now=now)
    assert _as_it_is(profile) == before
    assert Participant.objects.filter(program=program, profile=profile).exists()


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_a_staff_account_is_never_modified(program, now, flag) -> None:
    profile = _someone_else(**{flag: True})
    profile.organization = program.organization  # even when their profile says they work there
    profile.save()
    before = _as_it_is(profile)
    data = csv_file([EDITED_ANA])
    (person,) = plan_build(program=program, data=data).people
    assert person.changes == [OWN_PROFILE, "joins the program"]
    assert str(import_commit(program=program, data=data, now=now)) == (
        "created 0, updated 1, unchanged 0"
    )
    assert _as_it_is(profile) == before
    assert Participant.objects.get(program=program, profile=profile).role == "mentor"
    assert str(import_commit(program=program, data=data, now=now)) == (
        "created 0, updated 0, unchanged 1"
    )


def test_a_person_of_the_organization_is_updated(program, now) -> None:
    profile = _someone_else()
    profile.organization = program.organization
    profile.save()
    Membership.objects.create(organization=program.organization, user=profile.user)
    data = csv_file([EDITED_ANA])
    (person,) = plan_build(program=program, data=data).people
    assert person.changes == [
        "joins the program (already on Tandem)", "first name", "last name", "title", "level",
        "timezone", "manager", "mentor side", "1 more language", "1 more skill wanted",
        "2 more skills offered",
    ]  # fmt: skip
    import_commit(program=program, data=data, now=now)
    profile = Profile.objects.select_related("user").get(pk=profile.pk)
    assert (profile.user.first_name, profile.user.last_name) == ("Eve", "Mallory")
    assert (profile.job_title, profile.level, profile.timezone, profile.manager_email) == (
        "Chief executive", 10, "Asia/Tokyo", "boss@acme.test"
    )  # fmt: skip
    assert profile.is_mentee
    assert profile.is_mentor
    assert profile.updated_at == now
    assert sorted(profile.languages.values_list("code", flat=True)) == ["fr", "ja"]
    assert sorted(profile.skills_wanted.values_list("name", flat=True)) == [
        "Product management", "Statistics"
    ]  # fmt: skip
    assert sorted(profile.skills_offered.values_list("skill__name", flat=True)) == [
        "Figma", "Python", "SQL"
    ]  # fmt: skip
