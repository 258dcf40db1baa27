"""Journal pages: the journal, a new entry, one entry (with its fresh-eyes prompt), deleting
one, and taking a question from one to a meeting's agenda. Each reads through its page
selector or makes one service call; every object is the signed-in person's own (anyone
else's is a 404). A refusal that names a field goes back on the form (400), nothing changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.errors import DomainError, NotFound
from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.growth.journal import services
from tandem.growth.journal.forms import EntryForm, ShareForm
from tandem.growth.journal.selectors import entry_page_for, journal_page_for, share_page_for

WRITES = ("journal-write", "30/m")
WRITES_DAILY = ("journal-write-daily", "300/d")  # a steady flood from one session stops here
SHARES = ("journal-share", "20/h")


@login_required
@require_GET
def journal(request: AuthedHttpRequest) -> HttpResponse:
    """The person's entries, newest first."""
    page = journal_page_for(owner=request.user, page_number=request.GET.get("page"))
    return render(request, "growth_journal/journal.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
@rate_limited(*WRITES_DAILY)
def add(request: AuthedHttpRequest) -> HttpResponse:
    """Write a new entry; then its page asks the fresh-eyes question for that kind."""
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.journal_entry_add(owner=request.user, now=timezone.now(),
                                               **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Saved. Now, if you have a moment, look at it afresh.")
            return redirect(entry)
    initial_day = timezone.localdate()
    if not form.is_bound:
        form = EntryForm(initial={"happened_on": initial_day})
    status = 400 if form.errors else 200
    return render(request, "growth_journal/add.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*WRITES)
def edit(request: AuthedHttpRequest, entry_id: int) -> HttpResponse:
    """One entry: change it, answer the fresh-eyes prompt, share a question, delete it."""
    page = entry_page_for(owner=request.user, entry_id=entry_id)
    form = EntryForm(request.POST or None, prompt=page.prompt)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_edit(owner=request.user, entry_id=entry_id,
                                        now=timezone.now(), **form.cleaned_data)  # fmt: skip
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Saved. It stays yours alone.")
            return redirect("growth:growth_journal:journal")
    if not form.is_bound:
        entry = page.entry
        form = EntryForm(prompt=page.prompt, initial={
            "happened_on": entry.happened_on, "kind": entry.kind, "text": entry.text,
            "fresh_eyes": entry.fresh_eyes,
        })  # fmt: skip
    status = 400 if form.errors else 200
    context = {"entry": page.entry, "form": form}
    return render(request, "growth_journal/entry.html", context, status=status)


@login_required
@require_POST
@rate_limited(*WRITES)
def delete(request: AuthedHttpRequest, entry_id: int) -> HttpResponse:
    services.journal_entry_delete(owner=request.user, entry_id=entry_id)
    messages.success(request, "Deleted. That entry is gone for good.")
    return redirect("growth:growth_journal:journal")


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*SHARES)
def share(request: AuthedHttpRequest, entry_id: int) -> HttpResponse:
    """Write a short question from an entry and add it to the agenda of a coming meeting."""
    now = timezone.now()
    page = share_page_for(owner=request.user, entry_id=entry_id, now=now)
    form = ShareForm(request.POST or None, targets=page.targets,
                     initial={"text": page.draft})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_entry_share(
                owner=request.user, entry_id=entry_id, now=now,
                mentorship_id=form.cleaned_data["mentorship"], text=form.cleaned_data["text"],
            )  # fmt: skip
        except NotFound:
            raise
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Added to the agenda. Your journal entry stays private.")
            return redirect("growth:growth_journal:journal")
    status = 400 if form.errors else 200
    context = {"entry": page.entry, "targets": page.targets, "form": form,
               "can_share": bool(page.with_meeting)}  # fmt: skip
    return render(request, "growth_journal/share.html", context, status=status)
