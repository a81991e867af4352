"""The information governance officer's pages: subject access requests and the retention review."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access.policy import Can, access_subject_access_person, can, subject_access_people
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.procedures.loader import get_profile

from .forms import FindPersonForm, RetentionReviewForm
from .retention import retention_item, retention_list
from .services import retention_review_record, subject_access_export
from .subject_access import subject_access

FOUND_SHOWN = 20


def _require(request: AuthedRequest, capability: Can) -> None:
    if not can(request.user, capability):
        raise Http404("Not found")


def _more(request: AuthedRequest) -> list[tuple[str, str, str]]:
    """The report of views with no link to the case (R-ACC-1), where the service has it."""
    if not can(request.user, Can.AUDIT_REPORT):
        return []
    try:
        url = reverse("audit:report")
    except NoReverseMatch:
        return []
    what = "who viewed a child's record with no link to the case, by date, to download"
    return [("Views without a link", url, what)]


def index(request: AuthedRequest) -> HttpResponse:
    if not (can(request.user, Can.SUBJECT_ACCESS) or can(request.user, Can.RETENTION_REVIEW)):
        raise Http404("Not found")
    return render(
        request,
        "records/index.html",
        {
            "subject_access": can(request.user, Can.SUBJECT_ACCESS),
            "retention": can(request.user, Can.RETENTION_REVIEW),
            "more": _more(request),
        },
    )


@require_http_methods(["GET", "POST"])
def subject_access_find(request: AuthedRequest) -> HttpResponse:
    """Find the person a request is about (POSTed: a name is never put in an address)."""
    _require(request, Can.SUBJECT_ACCESS)
    form = FindPersonForm(request.POST if request.method == "POST" else None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = list(form.search(subject_access_people(request.user))[:FOUND_SHOWN])
    return render(request, "records/subject_access_find.html", {"form": form, "found": found})


def subject_access_review(request: AuthedRequest, person_id: int) -> HttpResponse:
    """The reviewing officer's page: what the export holds, and every redaction, where and why."""
    _require(request, Can.SUBJECT_ACCESS)
    person = access_subject_access_person(request.user, person_id)
    export = subject_access(person, now=timezone.now())
    return render(request, "records/subject_access_review.html", {"export": export, "person": person})


@require_POST
def subject_access_download(request: AuthedRequest, person_id: int) -> HttpResponse:
    """The redacted export as one printable HTML document, written by the audited service."""
    _require(request, Can.SUBJECT_ACCESS)
    export = subject_access_export(person_id=person_id, by=request.user)
    html = render_to_string("records/subject_access_export.html", {"export": export})
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    stamp = f"{timezone.localtime(export.made_at):%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="subject-access-{stamp}.html"'
    response["Cache-Control"] = "no-store"
    return response


def retention(request: AuthedRequest) -> HttpResponse:
    """Records past their retention period, newest-due first; and those marked for deletion by the case system."""
    _require(request, Can.RETENTION_REVIEW)
    return render(request, "records/retention.html", {**retention_list(), "profile_name": get_profile().display_name})


@require_http_methods(["GET", "POST"])
def retention_review(request: AuthedRequest, kind: str, object_id: str) -> HttpResponse:
    _require(request, Can.RETENTION_REVIEW)
    item = retention_item(kind, object_id)
    if item is None:
        raise Http404("Not found")
    form = RetentionReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_on(form):
            retention_review_record(
                kind=kind,
                object_id=object_id,
                by=request.user,
                decision=data["decision"],
                keep_until=data.get("keep_until"),
                reason=data["reason"],
            )
            messages.success(request, f"Your decision on {item.title.lower()} is recorded.")
            return redirect("records:retention")
    return render(request, "records/retention_review.html", {"item": item, "form": form})
