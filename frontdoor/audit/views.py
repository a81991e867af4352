"""The field history pages of a contact and a person, seen only through the access module, and the report
of views without a link to the case."""

import csv
import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.policy import Can, access_contact, access_person, can, referrer_identity_visible
from frontdoor.core.http import AuthedRequest

from .changes import record_changes
from .forms import ReportRangeForm
from .report import unlinked_views
from .services import audit_export

SHOWN = 200

# R-CON-8: who referred, unless this reader may see the referrer (the kind of referrer is always shown).
REFERRER_FIELDS = {
    "referrer_name",
    "referrer_agency",
    "referrer_agency_kind",
    "referrer_role",
    "referrer_phone",
    "referrer_email",
    "referrer_relationship",
}


def contact_changes(request: AuthedRequest, reference: str) -> HttpResponse:
    contact = access_contact(request.user, reference)
    hidden = set() if referrer_identity_visible(request.user, contact) else REFERRER_FIELDS
    return render(
        request,
        "audit/changes.html",
        {
            "title": f"Changes to contact {contact.reference}",
            "caption": contact.reference,
            "changes": record_changes(contact, hidden=hidden),
            "back": ("contacts:detail", contact.reference, "Back to the contact"),
        },
    )


def person_changes(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    return render(
        request,
        "audit/changes.html",
        {
            "title": f"Changes to the record of {person.full_name}",
            "caption": person.full_name,
            "changes": record_changes(person),
            "back": ("people:detail", person.pk, "Back to the person"),
        },
    )


def views_report(request: AuthedRequest) -> HttpResponse:
    """Who viewed which records without a link to the case (managers and information governance)."""
    if not can(request.user, Can.AUDIT_REPORT):
        raise Http404("Not found")
    today = timezone.localdate()
    data = request.GET if "start_0" in request.GET else None
    initial = {"start": today - datetime.timedelta(days=7), "end": today}
    form = ReportRangeForm(data, initial=initial)
    start, end = (form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else (None, None)
    if data is None:
        start, end = initial["start"], initial["end"]
    rows = unlinked_views(user=request.user, start=start, end=end) if start and end else []
    if start and end and request.GET.get("download") == "csv":
        return _csv(request, rows, start, end)
    return render(
        request,
        "audit/report.html",
        {"form": form, "rows": rows[:SHOWN], "total": len(rows), "shown": SHOWN, "start": start, "end": end},
    )


def _csv(request: AuthedRequest, rows: list, start: datetime.date, end: datetime.date) -> HttpResponse:
    audit_export(
        actor=request.user,
        object_type="audit.report",
        detail={
            "report": "views without a link to the case",
            "from": start.isoformat(),
            "to": end.isoformat(),
            "rows": len(rows),
        },
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="views-without-a-link-{start}-to-{end}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Viewed by", "Team", "Record", "Views", "First viewed", "Last viewed"])
    for row in rows:
        writer.writerow(
            [_safe(row.viewer), _safe(row.team), _safe(row.record), row.views, _when(row.first_at), _when(row.last_at)]
        )
    return response


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
