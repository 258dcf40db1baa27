"""The mentor directory's page: filters on the left, a page of mentors on the right."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.core.http import AuthedHttpRequest
from tandem.organizations.choices import Industry, JobFunction
from tandem.profiles.choices import Level, MeetingMode
from tandem.profiles.directory.filters import directory_filters_from
from tandem.profiles.directory.html import cards_html
from tandem.profiles.directory.reads import (
    language_options,
    mentor_directory_page,
    mentor_timezones,
)
from tandem.profiles.selectors import profile_is_mentee


@login_required
@require_GET
def directory(request: AuthedHttpRequest) -> HttpResponse:
    """The mentor directory: filters on the left, a page of mentors on the right."""
    parsed = directory_filters_from(request.GET)
    page = mentor_directory_page(
        viewer=request.user, filters=parsed.filters, number=request.GET.get("page"),
        per_page=settings.TANDEM_DIRECTORY_PAGE_SIZE,
    )  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    without_skill = query.copy()
    without_skill.pop("skill", None)
    context: dict[str, Any] = {
        "page": page,
        "parsed": parsed,
        "querystring": query.urlencode(),
        "querystring_without_skill": without_skill.urlencode(),
        "cards_html": cards_html(page.object_list),
    }
    template = "profiles/directory.html"
    if request.htmx and request.htmx.target == "directory-results":
        # A new page of results alone (the pager, a search): the filters stay as they are.
        return render(request, f"{template}#results", context)
    context |= {
        "industries": Industry.choices,
        "functions": JobFunction.choices,
        "levels": Level.choices,
        "modes": [(MeetingMode.VIRTUAL, "Virtual"), (MeetingMode.IN_PERSON, "In person")],
        "languages": language_options(),
        "timezones": mentor_timezones(viewer=request.user),
        # Suggestions sit above an unfiltered first page; a search means the person knows
        # what they are after (so only then is the viewer's profile looked at).
        "show_recommendations": (
            not parsed.any and page.number == 1 and profile_is_mentee(user=request.user)
        ),
    }
    return render(request, template, context)
