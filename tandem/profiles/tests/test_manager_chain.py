"""The reporting line above a person, read through the case-insensitive email index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.accounts.models import User
from tandem.core.tests.compiling import read_again_compiling_nothing
from tandem.profiles.selectors import MAX_MANAGER_CHAIN, manager_chain_emails
from tandem.profiles.tests.factories import ProfileFactory


def _person(email: str, manager: str = "") -> object:
    return ProfileFactory(user__email=email, manager_email=manager)


@pytest.mark.django_db
class TestManagerChain:
    def test_follows_the_line_up_whatever_the_case_of_the_stored_address(self):
        _person("cto@acme.example")
        _person("lead@acme.example", manager="CTO@acme.example")
        # An account saved before addresses were lower-cased on the way in.
        User.objects.filter(email="lead@acme.example").update(email="Lead@Acme.example")
        me = _person("dev@acme.example", manager="lead@acme.example")
        assert manager_chain_emails(profile=me) == {"lead@acme.example", "cto@acme.example"}

    def test_a_loop_or_an_unknown_address_ends_it(self):
        _person("a@acme.example", manager="b@acme.example")
        _person("b@acme.example", manager="a@acme.example")
        me = _person("me@acme.example", manager="a@acme.example")
        assert manager_chain_emails(profile=me) == {"a@acme.example", "b@acme.example"}
        nobody = _person("new@acme.example", manager="gone@acme.example")
        assert manager_chain_emails(profile=nobody) == {"gone@acme.example"}
        assert manager_chain_emails(profile=_person("solo@acme.example")) == set()

    def test_a_long_line_stops_at_the_limit(self):
        for step in range(MAX_MANAGER_CHAIN + 3):
            _person(f"m{step}@acme.example", manager=f"m{step + 1}@acme.example")
        me = _person("me@acme.example", manager="m0@acme.example")
        assert len(manager_chain_emails(profile=me)) == MAX_MANAGER_CHAIN

    def test_a_loop_back_to_the_person_holds_each_address_once(self):
        _person("boss@acme.example", manager="ME@acme.example")
        me = _person("me@acme.example", manager="Boss@Acme.example")
        assert manager_chain_emails(profile=me) == {"boss@acme.example", "me@acme.example"}

    def test_a_loop_longer_than_the_limit_stops_at_the_limit(self):
        size = MAX_MANAGER_CHAIN + 2
        for step in range(size):
            _person(f"m{step}@acme.example", manager=f"m{(step + 1) % size}@acme.example")
        me = _person("me@acme.example", manager="m0@acme.example")
        expected = {f"m{step}@acme.example" for step in range(MAX_MANAGER_CHAIN)}
        assert manager_chain_emails(profile=me) == expected

    def test_the_whole_line_is_one_query_on_the_indexed_lower_case_expression(self):
        _person("cto@acme.example")
        _person("lead@acme.example", manager="cto@acme.example")
        me = _person("me@acme.example", manager="lead@acme.example")
        with CaptureQueriesContext(connection) as captured:
            manager_chain_emails(profile=me)
        (line,) = captured.captured_queries
        # accounts_user_email_ci_unique is built on LOWER(email); UPPER (iexact on
        # PostgreSQL) or LIKE (on SQLite) would read the whole table.
        assert 'LOWER("accounts_user"."email")' in line["sql"]

    def test_a_second_call_compiles_no_sql(self):
        _person("boss@acme.example")
        me = _person("me@acme.example", manager="boss@acme.example")
        chain = read_again_compiling_nothing(lambda: manager_chain_emails(profile=me))
        assert chain == {"boss@acme.example"}
