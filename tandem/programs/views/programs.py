"""The pages managers run programs from: "Programs I run", a new program, its settings, its
intake questions and who manages it.

Each finds the program through `access.program_managed` (in its page selector), so a manager
of another organization, or anyone else, gets a 404 and nothing changes. Writes are POSTs,
rate-limited; a refusal naming a field goes back on the form (400), any other becomes the
refusal page (the DomainErrorMiddleware).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_managed
from tandem.programs.forms import ManagerForm, ProgramCreateForm, ProgramSettingsForm, QuestionForm
from tandem.programs.selectors.programs import (
    create_page_for,
    manager_programs_for,
    managers_page_for,
    questions_page_for,
    settings_page_for,
)
from tandem.programs.services import managers, programs, questions

WRITES = ("program-write", "60/m")


@login_required
@require_GET
def manage(request: AuthedHttpRequest) -> HttpResponse:
    """ "Programs I run": the programs of every organization this person manages."""
    page = manager_programs_for(user=request.user)
    return render(request, "programs/manage.html", vars(page))


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def create(request: AuthedHttpRequest) -> HttpResponse:
    """A new program for one of the organizations this person manages."""
    organizations = create_page_for(user=request.user)
    form = ProgramCreateForm(
        request.POST or None, organizations=organizations,
        initial={"organization": organizations.first()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program = programs.program_create(actor=request.user, **data)
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"{program.name} is ready. Add its intake questions next.")
            return redirect("programs:settings", slug=program.slug)
    status = 400 if form.errors else 200
    return render(request, "programs/create.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def settings(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Every setting: dates, how people join, matching weights and rules, capacity, the
    agreement intros start with, coffee rounds' rhythm."""
    page = settings_page_for(slug=slug, user=request.user)
    form = ProgramSettingsForm(
        request.POST or None, initial=ProgramSettingsForm.initial_for(page.program)
    )
    if request.method == "POST" and form.is_valid():
        try:
            programs.program_update(program=page.program, **form.settings())
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("programs:settings", slug=page.program.slug)
    status = 400 if form.errors else 200
    return render(request, "programs/settings.html", {**vars(page), "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def questions_edit(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The intake questions, in order, and a form to add one."""
    page = questions_page_for(slug=slug, user=request.user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questions.question_add(program=page.program, **form.service_kwargs())
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Question added.")
            return redirect("programs:questions", slug=slug)
    status = 400 if form.errors else 200
    return render(request, "programs/questions.html", {**vars(page), "form": form}, status=status)


@login_required
@require_POST
@rate_limited(*WRITES)
def question_remove(request: AuthedHttpRequest, slug: str, question_id: int) -> HttpResponse:
    program = program_managed(slug=slug, user=request.user)
    questions.question_remove(program=program, question_id=question_id)
    messages.success(request, "Question removed.")
    return redirect("programs:questions", slug=slug)


@login_required
@require_POST
@rate_limited(*WRITES)
def question_move(
    request: AuthedHttpRequest, slug: str, question_id: int, direction: str
) -> HttpResponse:
    program = program_managed(slug=slug, user=request.user)
    questions.question_move(program=program, question_id=question_id, direction=direction)
    return redirect("programs:questions", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def managers_edit(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """Who manages the organization's programs, and giving a member the role."""
    page = managers_page_for(slug=slug, user=request.user)
    form = ManagerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = managers.manager_grant(
                program=page.program, email=form.cleaned_data["email"], actor=request.user
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            name = membership.user.display_name
            messages.success(request, f"{name} now manages {page.program.organization}'s programs.")
            return redirect("programs:managers", slug=slug)
    status = 400 if form.errors else 200
    return render(request, "programs/managers.html", {**vars(page), "form": form}, status=status)
