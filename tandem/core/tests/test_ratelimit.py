import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from tandem.core.ratelimit import consume, parse_rate, rate_limited


class TestConsume:
    def test_allows_up_to_the_limit_within_a_window(self):
        results = [consume(key="t1", rate="3/m", now=1000.0) for _ in range(4)]
        assert results == [True, True, True, False]

    def test_a_new_window_starts_afresh(self):
        for _ in range(3):
            consume(key="t2", rate="3/m", now=1000.0)
        assert consume(key="t2", rate="3/m", now=1000.0 + 60) is True

    def test_keys_are_counted_apart(self):
        consume(key="a", rate="1/m", now=5.0)
        assert consume(key="b", rate="1/m", now=5.0) is True

    def test_rates_read_as_count_per_period(self):
        assert parse_rate("30/m") == (30, 60)
        assert parse_rate("5/s") == (5, 1)


@pytest.mark.django_db
class TestRateLimitedView:
    def test_posts_past_the_limit_get_429_and_reach_no_view(self, user):
        calls = []

        @rate_limited("test-write", "2/m")
        def view(request):
            calls.append(request)
            return HttpResponse("ok")

        factory = RequestFactory()
        statuses = []
        for _ in range(3):
            request = factory.post("/x/")
            request.user = user
            statuses.append(view(request).status_code)
        assert statuses == [200, 200, 429]
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
