"""Friendly error pages and the public landing page."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader


def landing(request: HttpRequest) -> HttpResponse:
    """The public front page; signed-in people go straight to their home."""
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Shown when someone opens a page that is not theirs."""
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Shown for a missing page."""
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    """Shown when the server fails; a static page, so it renders even if the database is down."""
    return HttpResponseServerError(loader.get_template("500.html").render())
