import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from tandem.core import ratelimit
from tandem.core.errors import DomainError
from tandem.core.ratelimit import allowed, consume, parse_rate, rate_limited


@pytest.fixture
def clock(monkeypatch):
    """The library reads `time.time`; tests move it by hand."""
    moment = {"now": 1_800_000_000.0}
    monkeypatch.setattr(time, "time", lambda: moment["now"])
    return moment


class TestConsume:
    def test_allows_up_to_the_limit(self, clock):
        assert [consume(key="t1", rate="3/m") for _ in range(4)] == [True, True, True, False]

    def test_no_window_edge_lets_twice_the_limit_through(self, clock):
        # The old fixed window let 3 through at 0:59 and 3 more at 1:00. Now: whatever the
        # moments, never more than 3 within any 60 seconds.
        moments = [59.0, 59.5, 59.9, 60.0, 60.1, 61.0, 90.0, 118.9, 119.0, 119.1, 120.0]
        passed = []
        for moment in moments:
            clock["now"] = 1_800_000_000.0 + moment
            if consume(key="edge", rate="3/m"):
                passed.append(moment)
        assert passed == [59.0, 59.5, 59.9, 119.1, 120.0]
        for start in passed:
            assert sum(start <= moment < start + 60 for moment in passed) <= 3

    def test_the_allowance_comes_back_a_full_period_after_each_request(self, clock):
        for _ in range(3):
            consume(key="t2", rate="3/m")
        clock["now"] += 60
        assert consume(key="t2", rate="3/m") is False  # exactly a minute: still inside
        clock["now"] += 1
        assert consume(key="t2", rate="3/m") is True

    def test_keys_are_counted_apart(self, clock):
        consume(key="a", rate="1/m")
        assert consume(key="b", rate="1/m") is True

    def test_allowed_counts_nothing(self, clock):
        assert all(allowed(key="peek", rate="1/m") for _ in range(5))
        assert consume(key="peek", rate="1/m") is True
        assert allowed(key="peek", rate="1/m") is False

    def test_rates_read_as_count_per_period(self):
        assert (parse_rate("30/m").amount, parse_rate("30/m").get_expiry()) == (30, 60)
        assert (parse_rate("10/h").amount, parse_rate("10/h").get_expiry()) == (10, 3600)
        assert parse_rate("5/second").get_expiry() == 1

    def test_a_malformed_rate_fails_when_the_view_is_declared(self):
        with pytest.raises(ValueError, match="granularity"):
            rate_limited("typo", "3/fortnight")


def _post(user, path="/x/"):
    request = RequestFactory().post(path)
    request.user = user
    return request


@pytest.mark.django_db
class TestRateLimitedView:
    def test_posts_past_the_limit_get_429_and_reach_no_view(self, user):
        calls = []

        @rate_limited("test-write", "2/m")
        def view(request):
            calls.append(request)
            return HttpResponse("ok")

        assert [view(_post(user)).status_code for _ in range(3)] == [200, 200, 429]
        assert len(calls) == 2

    def test_reads_are_not_counted(self, user):
        @rate_limited("test-read", "1/m")
        def view(request):
            return HttpResponse("ok")

        request = RequestFactory().get("/x/")
        request.user = user
        assert [view(request).status_code for _ in range(3)] == [200, 200, 200]

    def test_a_costly_read_can_be_counted_too(self, user):
        @rate_limited("test-costly-read", "2/m", methods=("GET",))
        def view(request):
            return HttpResponse("ok")

        factory = RequestFactory()
        statuses = []
        for method in ("get", "get", "post", "get"):
            request = getattr(factory, method)("/x/")
            request.user = user
            statuses.append(view(request).status_code)
        assert statuses == [200, 200, 200, 429]  # only the GETs counted


@pytest.mark.django_db
class TestOnlySuccessesCount:
    def test_refused_requests_use_none_of_the_allowance(self, user):
        outcome = {"status": 400}

        @rate_limited("test-ask", "2/h", only_successes=True)
        def view(request):
            if outcome["status"] == 409:
                raise DomainError("Not now.")
            return HttpResponse(status=outcome["status"])

        statuses = [view(_post(user)).status_code for _ in range(5)]  # a form sent back
        outcome["status"] = 409  # a service refusal, on its way to the middleware
        for _ in range(5):
            with pytest.raises(DomainError):
                view(_post(user))
        outcome["status"] = 302  # done
        statuses += [view(_post(user)).status_code for _ in range(3)]
        assert statuses == [400] * 5 + [302, 302, 429]

    def test_the_refused_request_past_the_limit_reaches_no_view(self, user):
        calls = []

        @rate_limited("test-ask-2", "1/h", only_successes=True)
        def view(request):
            calls.append(request)
            return HttpResponse(status=302)

        assert [view(_post(user)).status_code for _ in range(2)] == [302, 429]
        assert len(calls) == 1


@pytest.mark.django_db
def test_anonymous_requests_are_counted_by_address(settings):
    from django.contrib.auth.models import AnonymousUser

    @rate_limited("test-anon", "1/m")
    def view(request):
        return HttpResponse("ok")

    def anonymous(address, forwarded):
        request = RequestFactory().post("/x/", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
        request.user = AnonymousUser()
        return view(request).status_code

    # A forged header changes nothing while no proxy is trusted: one address, one allowance.
    assert [anonymous("10.0.0.1", "1.1.1.1"), anonymous("10.0.0.1", "2.2.2.2")] == [200, 429]
    settings.TANDEM_TRUSTED_PROXIES = 1  # behind our proxy, each client counts alone
    assert [anonymous("10.0.0.9", "3.3.3.3"), anonymous("10.0.0.9", "4.4.4.4")] == [200, 200]
    assert anonymous("10.0.0.9", "4.4.4.4") == 429


def test_reset_forgets_every_count():
    consume(key="gone", rate="1/h")
    ratelimit.reset()
    assert consume(key="gone", rate="1/h") is True
