"""Every route that takes an id answers 404 for a number too big to be one (issue 13, item 8):
never an overflow in the query (a 500). And no urls.py goes back to the unbounded `<int:…>`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from tandem.core.ids import MAX_ID, IdConverter, id_from, ids_from

ROOT = Path(__file__).resolve().parent.parent
TOO_BIG = [str(2**63), str(10**30), "9" * 19]
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")
CONVERTED = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def _from_regex(regex: str, number: str) -> tuple[str, bool]:
    takes_id = False

    def fill(match: re.Match[str]) -> str:
        nonlocal takes_id
        name, body = match["name"], match["body"]
        if name.endswith("_id") or name == "number":
            takes_id = True
            return number
        return body.split("|")[0] if "|" in body else "x"

    path = GROUP.sub(fill, regex).lstrip("^").rstrip("$").replace("\\.", ".")
    return path, takes_id


def _from_route(route: str, number: str) -> tuple[str, bool]:
    kinds = [match["kind"] for match in CONVERTED.finditer(route)]
    path = CONVERTED.sub(lambda m: number if m["kind"] in ("id", "int") else "x", route)
    return path, "id" in kinds or "int" in kinds


def _paths(patterns: list, prefix: str, number: str) -> list[str]:
    """A concrete path for every pattern that takes an id, with `number` as the id."""
    found = []
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            part, takes_id = _from_route(str(pattern._route), number)
        elif isinstance(pattern, RegexPattern):
            part, takes_id = _from_regex(pattern._regex, number)
        else:  # pragma: no cover - locale prefixes are not used
            continue
        if isinstance(entry, URLResolver):
            if not str(part).startswith("admin"):
                found += _paths(entry.url_patterns, prefix + part, number)
        elif isinstance(entry, URLPattern) and takes_id:
            found.append("/" + prefix + part)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("number", TOO_BIG)
def test_every_id_route_answers_404_for_a_number_too_big_to_be_an_id(client, user, number):
    client.force_login(user)
    paths = _paths(get_resolver().url_patterns, "", number)
    assert len(paths) > 30  # the walk found the routes (a broken walk would pass vacuously)
    answers = {
        path: (client.get(path).status_code, client.post(path).status_code) for path in paths
    }
    assert {path: got for path, got in answers.items() if got != (404, 404)} == {}


def test_no_urls_py_uses_an_unbounded_integer():
    offenders = []
    for urls in [*ROOT.glob("config/**/urls.py"), *ROOT.glob("tandem/**/urls.py")]:
        text = urls.read_text()
        if "<int:" in text or "[0-9]+)" in text or "\\d+)" in text:
            offenders.append(str(urls.relative_to(ROOT)))
    assert offenders == [], "Use <id:…> (tandem.core.ids) for ids, or [0-9]{1,18} in a regex."


class TestIds:
    def test_the_converter_takes_the_largest_id_and_refuses_one_more(self):
        converter = IdConverter()
        assert converter.to_python(str(MAX_ID)) == MAX_ID
        with pytest.raises(ValueError, match="Too big"):
            converter.to_python(str(MAX_ID + 1))
        assert converter.to_url(42) == "42"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("7", 7), (" 12 ", 12), ("0", None), ("-3", None), ("1e3", None), ("٣", None),
         (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), ("9" * 40, None), ("", None)],
    )  # fmt: skip
    def test_id_from(self, value, expected):
        assert id_from(value) == expected

    def test_ids_from_leaves_out_what_is_not_an_id(self):
        assert ids_from(["1", "x", str(10**30), "2"]) == {1, 2}
