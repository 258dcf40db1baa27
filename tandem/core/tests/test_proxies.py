"""Who is asking, behind a reverse proxy or not: forwarded headers are believed only when the
settings say a proxy of ours sets them."""

import pytest
from django.test import RequestFactory

from tandem.core.checks import counters_are_shared
from tandem.core.proxies import client_address
from tandem.core.tests.test_settings import _settings_value

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
}


def _request(remote="203.0.113.9", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


class TestClientAddress:
    def test_a_forged_forwarded_for_is_ignored_by_default(self):
        request = _request(HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="5.6.7.8")
        assert client_address(request) == "203.0.113.9"

    def test_behind_one_trusted_proxy_the_right_most_hop_is_the_client(self, settings):
        settings.TANDEM_TRUSTED_PROXIES = 1
        # The client wrote "1.2.3.4" itself; our proxy appended the address it really saw.
        request = _request("10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
        assert client_address(request) == "198.51.100.7"

    def test_behind_two_the_hop_before_the_last_proxy(self, settings):
        settings.TANDEM_TRUSTED_PROXIES = 2
        request = _request("10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.1")
        assert client_address(request) == "198.51.100.7"

    def test_a_request_that_skipped_the_proxy_counts_by_its_own_address(self, settings):
        settings.TANDEM_TRUSTED_PROXIES = 2
        assert client_address(_request(HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.9"
        assert client_address(_request()) == "203.0.113.9"
        assert client_address(_request(HTTP_X_FORWARDED_FOR="not-an-ip, x")) == "203.0.113.9"

    def test_a_single_address_header_when_the_proxy_sends_one(self, settings):
        settings.TANDEM_TRUSTED_PROXIES = 1
        settings.TANDEM_CLIENT_IP_HEADER = "X-Real-IP"
        request = _request(HTTP_X_REAL_IP="2001:db8::1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_address(request) == "2001:db8::1"


def test_a_claimed_https_is_ignored_by_default():
    request = _request(HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure() is False


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "None 0 None"),
        (
            {"TANDEM_TRUSTED_PROXIES": "1", "TANDEM_CLIENT_IP_HEADER": "X-Real-IP"},
            "('HTTP_X_FORWARDED_PROTO', 'https') 1 X-Real-IP",
        ),
        # A header name alone trusts nothing (allauth would believe it even with no proxy).
        ({"TANDEM_CLIENT_IP_HEADER": "X-Real-IP"}, "None 0 None"),
    ],
)
def test_the_proxy_setting_drives_https_and_allauth(env, expected):
    expr = (
        "getattr(settings, 'SECURE_PROXY_SSL_HEADER', None), "
        "settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER"
    )
    production = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}
    assert _settings_value(expr, **production, **env) == expected


def test_rate_limits_share_redis_when_there_is_one():
    assert _settings_value("settings.TANDEM_RATE_LIMIT_STORAGE", DJANGO_DEBUG="1") == "memory://"
    shared = _settings_value(
        "settings.TANDEM_RATE_LIMIT_STORAGE", DJANGO_DEBUG="1", REDIS_URL="redis://cache:6379/1"
    )
    assert shared == "redis://cache:6379/1"


class TestCountersCheck:
    def test_warns_when_several_processes_would_count_alone(self, settings, monkeypatch):
        monkeypatch.setenv("WEB_CONCURRENCY", "3")
        settings.CACHES, settings.TANDEM_RATE_LIMIT_STORAGE = LOCMEM, "memory://"
        [warning] = counters_are_shared()
        assert warning.id == "tandem.W001"
        assert "3 web processes" in warning.msg
        assert "REDIS_URL" in str(warning.hint)

    def test_quiet_with_one_process(self, settings, monkeypatch):
        settings.CACHES, settings.TANDEM_RATE_LIMIT_STORAGE = LOCMEM, "memory://"
        monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
        assert counters_are_shared() == []
        monkeypatch.setenv("WEB_CONCURRENCY", "1")
        assert counters_are_shared() == []

    def test_quiet_when_every_process_shares_redis(self, settings, monkeypatch):
        monkeypatch.setenv("WEB_CONCURRENCY", "4")
        settings.CACHES, settings.TANDEM_RATE_LIMIT_STORAGE = REDIS, "redis://127.0.0.1:6379/0"
        assert counters_are_shared() == []

    def test_limits_alone_in_memory_are_still_named(self, settings, monkeypatch):
        monkeypatch.setenv("WEB_CONCURRENCY", "2")
        settings.CACHES, settings.TANDEM_RATE_LIMIT_STORAGE = REDIS, "memory://"
        [warning] = counters_are_shared()
        assert "Tandem's rate limits" in warning.msg
        assert "the cache" not in warning.msg
