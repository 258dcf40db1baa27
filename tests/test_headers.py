"""Production headers: the CSP the pages keep to, no powerful browser features, no caching of
personal pages, no server banner, and a refused request logged on one line."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tandem.core.logging import ClientErrorsOnOneLine
from tandem.profiles.tests.factories import ProfileFactory

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(
    p for p in (ROOT / "tandem").glob("*/templates/**/*.html") if "/email/" not in str(p)
)


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Not yours.")


# The site's own URLs too: the 403 page links to them.
urlpatterns = [path("forbidden/", forbidden), path("", include("config.urls"))]


@pytest.mark.django_db
class TestHeaders:
    def test_pages_carry_a_strict_content_security_policy(self, client):
        policy = client.get("/").headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy

    def test_powerful_browser_features_are_off(self, client):
        policy = client.get("/").headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy

    def test_personal_pages_are_never_stored(self, client):
        person = ProfileFactory()
        client.force_login(person.user)
        for url in ("/", "/mentors/", "/calendar/"):
            response = client.get(url, follow=True)
            assert response.status_code == 200, url
            assert "no-store" in response.headers["Cache-Control"], url
            assert "private" in response.headers["Cache-Control"], url

    def test_a_view_that_chose_its_caching_keeps_it(self, client):
        person = ProfileFactory()
        client.force_login(person.user)
        page = client.get("/calendar/")
        feed = re.search(rb'/calendar/feed/[^"<\s]+\.ics', page.content)
        assert feed is not None
        response = client.get(feed.group().decode())
        assert response.headers["Cache-Control"] == "private, max-age=300"


class TestTemplatesKeepToThePolicy:
    """The policy refuses inline script, inline style and event-handler attributes, so no
    template may carry them (emails are not pages and are exempt)."""

    @pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
    def test_no_inline_script_style_or_handler(self, template):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)", text), "inline <script>"
        assert not re.search(r"<style\b", text), "inline <style>"
        assert not re.search(r"\sstyle=\"", text), "style attribute"
        assert not re.search(r"\son[a-z]+=\"", text), "event-handler attribute"

    def test_the_scan_sees_the_templates(self):
        assert len(TEMPLATES) > 50


@pytest.mark.django_db
@pytest.mark.urls("tests.test_headers")
class TestRefusalsAreLoggedOnOneLine:
    def test_a_403_is_one_line_without_a_traceback(self, client, caplog):
        handler = logging.StreamHandler()
        handler.addFilter(ClientErrorsOnOneLine())
        records: list[str] = []
        handler.emit = lambda record: records.append(handler.format(record))  # type: ignore[method-assign]
        logger = logging.getLogger("django.request")
        logger.addHandler(handler)
        try:
            assert client.get("/forbidden/").status_code == 403
        finally:
            logger.removeHandler(handler)
        assert len(records) == 1
        assert records[0].startswith("Forbidden (Permission denied): /forbidden/")
        assert "\n" not in records[0]
        assert "Traceback" not in records[0]

    def test_server_errors_keep_their_traceback(self):
        try:
            raise ValueError("boom")
        except ValueError:
            record = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Internal Server Error", None,
                sys.exc_info(),
            )  # fmt: skip
        record.status_code = 500
        ClientErrorsOnOneLine().filter(record)
        assert record.exc_info is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TestNoServerBanner:
    def test_gunicorn_with_the_projects_config_does_not_name_itself(self):
        port = _free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            headers = None
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/nowhere/") as r:
                        headers = r.headers
                except urllib.error.HTTPError as error:
                    headers = error.headers
                except OSError:
                    time.sleep(0.1)
                    continue
                break
            assert headers is not None, "gunicorn did not start"
            assert "Server" not in headers
        finally:
            server.terminate()
            server.wait(timeout=10)
