"""The import's pages: upload a file, see what it would do, confirm. Managers of the program's
organization only: the program is found through `access.program_managed`, so anyone else gets
a 404 and learns nothing, and an upload is kept under the manager's and the program's name.

Nothing is written until the confirmation, which makes the plan again from the kept file (the
database may have changed since the preview) and writes all of it or none.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.core.forms import add_refusal
from tandem.core.http import AuthedHttpRequest
from tandem.core.ratelimit import rate_limited
from tandem.programs.access import program_managed
from tandem.programs.imports.commit import import_commit
from tandem.programs.imports.forms import ImportUploadForm
from tandem.programs.imports.parse import MAX_BYTES, MAX_ROWS, table_read, text_decode
from tandem.programs.imports.plan import Plan, plan_build
from tandem.programs.imports.problems import ImportRefused
from tandem.programs.imports.uploads import upload_forget, upload_keep, upload_read
from tandem.programs.models import Program
from tandem.programs.selectors.programs import ImportPage, import_page_for

UPLOADS = ("program-import", "30/h")
CONFIRMS = ("program-import-confirm", "30/h")
# A preview reads the kept file and plans every row again (up to MAX_ROWS) on each load.
PREVIEWS = ("program-import-preview", "20/m")
SHOWN = 50  # people listed under "to create" and "to update"
PROBLEMS_SHOWN = 300
TEMPLATES = "programs/imports"


def _upload_page(
    request: AuthedHttpRequest, page: ImportPage, form: ImportUploadForm
) -> HttpResponse:
    context = {
        **vars(page), "form": form, "max_mb": MAX_BYTES // 1_048_576,
        "max_rows": f"{MAX_ROWS:,}",
    }  # fmt: skip
    status = 400 if form.errors else 200
    return render(request, f"{TEMPLATES}/upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(*UPLOADS)
def import_upload(request: AuthedHttpRequest, slug: str) -> HttpResponse:
    """The upload form, and what each column means."""
    page = import_page_for(slug=slug, user=request.user)
    program = page.program
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        try:
            table_read(text_decode(data))  # a file that cannot be read at all is said here
        except ImportRefused as error:
            add_refusal(form, error)
        else:
            token = upload_keep(user_id=request.user.pk, program_id=program.pk, data=data)
            return redirect("programs:import_preview", slug=program.slug, token=token)
    return _upload_page(request, page, form)


def _kept(request: AuthedHttpRequest, program: Program, token: str) -> bytes | None:
    return upload_read(user_id=request.user.pk, program_id=program.pk, token=token)


def _gone(request: AuthedHttpRequest, program: Program) -> HttpResponse:
    messages.warning(
        request, "That upload is no longer kept (uploads wait an hour at most). Upload the file "
        "again to see what it would do.",
    )  # fmt: skip
    return redirect("programs:import", slug=program.slug)


def _preview_page(
    request: AuthedHttpRequest, plan: Plan, token: str, *, status: int = 200,
    changed_since: bool = False,
) -> HttpResponse:  # fmt: skip
    created, updated = plan.created, plan.updated
    context = {
        "program": plan.program, "plan": plan, "token": token,
        "created": created[:SHOWN], "created_count": len(created),
        "updated": updated[:SHOWN], "updated_count": len(updated),
        "unchanged_count": len(plan.unchanged), "left": plan.left,
        "problems": plan.problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(0, len(plan.problems) - PROBLEMS_SHOWN),
        "can_confirm": not plan.problems and bool(created or updated),
        "changed_since": changed_since, "list_separator": "|" if plan.delimiter == ";" else ";",
    }  # fmt: skip
    return render(request, f"{TEMPLATES}/preview.html", context, status=status)


@login_required
@require_GET
@rate_limited(*PREVIEWS, methods=("GET",))
def import_preview(request: AuthedHttpRequest, slug: str, token: str) -> HttpResponse:
    """What the file would do: counts, every bad row, the first people to create and update.
    A GET that plans the whole file again, so it is rate-limited like a write."""
    program = program_managed(slug=slug, user=request.user)
    data = _kept(request, program, token)
    if data is None:
        return _gone(request, program)
    return _preview_page(request, plan_build(program=program, data=data), token)


def _participants_url(program: Program) -> str | None:
    """The program's participants page, once there is one."""
    try:
        return reverse("programs:participants", kwargs={"slug": program.slug})
    except NoReverseMatch:
        return None


@login_required
@require_POST
@rate_limited(*CONFIRMS)
def import_confirm(request: AuthedHttpRequest, slug: str, token: str) -> HttpResponse:
    """Import the kept file: all rows or none, checked again against the database as it is."""
    program = program_managed(slug=slug, user=request.user)
    data = _kept(request, program, token)
    if data is None:
        return _gone(request, program)
    try:
        result = import_commit(program=program, data=data, now=timezone.now())
    except ImportRefused:
        plan = plan_build(program=program, data=data)
        return _preview_page(request, plan, token, status=409, changed_since=True)
    upload_forget(user_id=request.user.pk, program_id=program.pk, token=token)
    target = _participants_url(program)
    if target is None:  # the participants page is not there yet: say it here
        return render(request, f"{TEMPLATES}/done.html", {"program": program, "result": result})
    invited = f" {result.created} invitation{'s are' if result.created != 1 else ' is'} on the way."
    messages.success(request, f"Imported: {result}.{invited if result.created else ''}")
    return redirect(target)
