"""Thin views for contacts: check access, call one selector or service, render."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import (
    Can,
    access_agency_check,
    access_contact,
    can,
    can_authorise,
    referrer_identity_visible,
)
from frontdoor.core.errors import ServiceError, shown_on
from frontdoor.core.forms import hide_errors
from frontdoor.core.http import AuthedRequest
from frontdoor.decisions import services as decision_services
from frontdoor.decisions.routing import open_case_routings
from frontdoor.documents.selectors import contact_documents, documents_readable_by
from frontdoor.landing.selectors import check_row, contact_consultations
from frontdoor.notices.selectors import unread_notices
from frontdoor.people.selectors import people_search_logged
from frontdoor.procedures.loader import get_profile
from frontdoor.registers import conversion

from . import forms as f
from . import services
from .alerts import PAGE_SWEEP, contact_alert_acknowledge, out_of_hours_outcome_record, out_of_hours_sweep
from .guidance import da_guidance, policy_guidance, recommended_outcome
from .history import child_chronology
from .models import Status
from .page_selectors import contact_page_records, contact_subjects
from .selectors import (
    QUEUES,
    checklist_status,
    clock_lines,
    contact_warnings,
    household_questions,
    queue_counts,
    queue_page,
    referrer_feedback,
)
from .tasks import COMPLETED, Missing, close_outstanding, field_link, screening_tasks, submit_blockers
from .workflow import next_steps


def _require(request: AuthedRequest, capability: Can) -> None:
    if not can(request.user, capability):
        raise Http404("Not found")


def _queue_link(query: QueryDict, queue: str, only: str) -> str:
    """This queue with its filters and one more (overdue only, say): the rows its banner counted."""
    link = query.copy()
    link["queue"], link[only] = queue, "on"
    return link.urlencode()


def queue(request: AuthedRequest) -> HttpResponse:
    _require(request, Can.VIEW_QUEUES)
    out_of_hours_sweep(limit=PAGE_SWEEP)
    name = request.GET.get("queue", "duty")
    if name not in QUEUES:
        name = "duty"
    form = f.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    # Keyset paging (contacts/paging.py): Previous and Next carry a cursor; the numbers are one query.
    page = queue_page(user=request.user, queue=name, filters=filters, cursor=request.GET.get("cursor"))
    counts = queue_counts(user=request.user, queue=name, filters=filters)
    query = request.GET.copy()
    query.pop("cursor", None)
    tabs = {k: v for k, v in QUEUES.items() if k != "authorise" or can_authorise(request.user)}
    return render(
        request,
        "contacts/queue.html",
        {
            "queue": name,
            "tabs": tabs,
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "total": counts.total,
            "overdue": counts.overdue,
            "overdue_query": _queue_link(query, name, "overdue"),
            "consent_review_query": _queue_link(query, name, "consent_review"),
            "notices": unread_notices(request.user)[:20],
            "consent_reviews_due": counts.consent_reviews_due,
        },
    )


def _slot_count(data: Any, prefix: str, default: int) -> int:
    """How many blank forms of `prefix` to show: as many as were posted, one more on "Add another"."""
    if not data:
        return default
    try:
        count = int(data.get(f"{prefix}_slots") or default)
    except ValueError:
        count = default
    indexes = [int(key.split("-")[1]) for key in data if key.startswith(f"{prefix}-") and key.split("-")[1].isdigit()]
    count = max(count, default, *(i + 1 for i in indexes))
    if data.get("action") == f"add-{prefix}":
        count += 1
    return min(count, f.MAX_SLOTS)


def _child_forms(data: Any, candidates: list | None = None) -> list[f.ChildForm]:
    count = len(candidates) if candidates is not None else _slot_count(data, "child", f.CHILD_SLOTS)
    candidates = candidates or [[] for _ in range(count)]
    return [f.ChildForm(data, prefix=f"child-{i}", candidates=candidates[i]) for i in range(count)]


def _person_forms(data: Any, candidates: list | None = None) -> list[f.PersonForm]:
    count = len(candidates) if candidates is not None else _slot_count(data, "person", f.PERSON_SLOTS)
    candidates = candidates or [[] for _ in range(count)]
    return [f.PersonForm(data, prefix=f"person-{i}", candidates=candidates[i]) for i in range(count)]


def _search_people(request: AuthedRequest, person_forms: list) -> list[list]:
    """R-CHK-1: search the person index for each child and family member typed so far."""
    results: list[list] = []
    for form in person_forms:
        form.is_valid()
        data = getattr(form, "cleaned_data", {})
        if data.get("family_name") or data.get("given_names"):
            results.append(
                people_search_logged(  # R-ACC-1: the search the form runs is logged like any other
                    user=request.user,
                    source="contact form",
                    given_names=data.get("given_names", ""),
                    family_name=data.get("family_name", ""),
                    date_of_birth=form.search_date_of_birth(),
                    postcode=data.get("postcode", ""),
                    sex=data.get("sex") or "",
                    limit=5,
                )
            )
        else:
            results.append([])
    return results


_search_children = _search_people


def _inputs(person_forms: list) -> list[services.ChildInput]:
    return [
        services.ChildInput(
            **{**c.cleaned_data, "sex": c.cleaned_data.get("sex") or "U"},
            not_same_as=() if c.cleaned_data.get("person_id") else c.likely_ids(),
        )
        if not isinstance(c, f.PersonForm)
        else services.ChildInput(**c.service_input())
        for c in person_forms
        if c.is_valid() and not c.is_empty()
    ]


@require_http_methods(["GET", "POST"])
def contact_new(request: AuthedRequest) -> HttpResponse:
    """Record a contact. Only "Record contact" shows errors (every one, in one summary, in page order);
    "Add another", "Check the person index", "Now" and "Today" come back with nothing lost."""
    _require(request, Can.RECORD_CONTACT)
    consultation = conversion.consultation_from_request(request)  # R-CONS-1: a consultation made into a contact
    if request.method == "GET":
        blank, children = f.ContactForm(), _child_forms(None)
        conversion.prefill(consultation, blank, children)
        context = {"form": blank, "child_forms": children, "person_forms": _person_forms(None)}
        return render(request, "contacts/new.html", {**context, "consultation": consultation})
    form = f.ContactForm(request.POST)
    child_forms = _child_forms(request.POST, _search_people(request, _child_forms(request.POST)))
    person_forms = _person_forms(request.POST, _search_people(request, _person_forms(request.POST)))
    action = request.POST.get("action") or "record"
    valid = form.is_valid() & all(c.is_valid() for c in [*child_forms, *person_forms])
    if action == "record" and all(c.is_empty() for c in child_forms):
        child_forms[0].add_error("family_name", "Enter the details of at least one child")
        valid = False
    if valid and action == "record":
        data = dict(form.cleaned_data)
        key = data.pop("idempotency_key")
        with shown_on(form):
            contact = conversion.recorder(consultation, services.contact_record)(
                recorded_by=request.user,
                children=_inputs(child_forms),
                people=_inputs(person_forms),
                idempotency_key=key,
                **data,
            )
            messages.success(request, f"Contact {contact.reference} recorded.")
            return redirect("contacts:detail", reference=contact.reference)
    every = [form, *child_forms, *person_forms]
    if action != "record":
        for each in every:
            hide_errors(each)
    return render(
        request,
        "contacts/new.html",
        {
            "form": form,
            "child_forms": child_forms,
            "person_forms": person_forms,
            "searched": action == "search",
            "added": action.removeprefix("add-") if action.startswith("add-") else "",
            "forms_with_errors": form.page_parts(child_forms, person_forms) if any(x.errors for x in every) else [],
            "consultation": consultation,
        },
    )


def contact_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    out_of_hours_sweep(limit=PAGE_SWEEP, reference=reference)
    contact = access_contact(request.user, reference)
    profile = get_profile()
    return render(
        request,
        "contacts/detail.html",
        {
            **contact_page_records(user=request.user, contact=contact),
            "contact": contact,
            "checklist": checklist_status(contact),
            "household": household_questions(contact),
            "warnings": contact_warnings(contact),
            "clocks": clock_lines(contact),
            "routings": open_case_routings(contact) if contact.status in (Status.RECEIVED, Status.SCREENING) else [],
            "can_acknowledge_receipt": contact.status == Status.PASSED_ON
            and bool(request.user.team_key)
            and request.user.team_key == contact.team_key,
            "policy": profile.policy(contact.policy_key) if contact.policy_key else None,
            "feedback": referrer_feedback(contact),
            "policy_guidance": policy_guidance(contact),
            "da": da_guidance(contact),
            "chronology": child_chronology(user=request.user, contact=contact),
            "documents": contact_documents(user=request.user, contact=contact),
            "documents_readable": documents_readable_by(request.user),
            "show_referrer": referrer_identity_visible(request.user, contact),
            "next_steps": next_steps(contact.status),
            "can_authorise": can_authorise(request.user),
            "can_progress_only": can_authorise(request.user) and not can_authorise(request.user, "referral_outcome"),
            "can_screen": can(request.user, Can.SCREEN_CONTACT),
            "can_close": can(request.user, Can.CLOSE_CONTACT),
            "can_respond": can(request.user, Can.RESPOND_AGENCY_CHECK),
            "can_share_without": can_authorise(request.user, "share_without_consent"),
            "tasks": screening_tasks(contact) if contact.status in (Status.RECEIVED, Status.SCREENING) else [],
            **contact_consultations(request.user, contact),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_screening(request: AuthedRequest, reference: str) -> HttpResponse:
    _require(request, Can.SCREEN_CONTACT)
    contact = access_contact(request.user, reference, log=request.method == "GET")
    initial = {name: getattr(contact, name) for name in f.ScreeningForm.base_fields if hasattr(contact, name)}
    initial.update({f"checklist_{k}": v for k, v in (contact.checklist or {}).items()})
    if request.method == "GET":
        form = f.ScreeningForm(initial=initial, consent_recorded=contact.consent_obtained)
    else:
        form = f.ScreeningForm(request.POST, initial=initial, consent_recorded=contact.consent_obtained)
        if form.is_valid():
            with shown_on(form):
                services.contact_update(
                    contact=contact, by=request.user, version=form.cleaned_data["version"], **form.service_fields()
                )
                messages.success(request, "Screening saved.")
                return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "contacts/screening.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "children": contact_subjects(contact),
            "chronology": child_chronology(user=request.user, contact=contact),
            "warnings": contact_warnings(contact),
            "tasks": (tasks := screening_tasks(contact)),
            "done_count": sum(t.status == COMPLETED for t in tasks),
        },
    )


@dataclass(frozen=True)
class Action:
    title: str
    form: type[forms.Form] | None
    run: Callable[..., Any]
    allowed: Callable[[Any], bool]
    button: str
    done: str
    initial: Callable[[Any], dict] | None = None


def _by(run: Callable[..., Any], **rename: str) -> Callable[..., Any]:
    def call(*, contact, user, data):  # noqa: ANN001, ANN202
        kwargs = {rename.get(k, k): v for k, v in data.items()}
        return run(contact=contact, by=user, **kwargs)

    return call


def _caseworker(user: Any) -> bool:
    return can(user, Can.SCREEN_CONTACT)


def _manager(user: Any) -> bool:
    return can_authorise(user)


ACTIONS: dict[str, Action] = {
    "start-screening": Action(
        "Start screening this contact",
        None,
        _by(services.contact_start_screening),
        _caseworker,
        "Start screening",
        "Screening started; the contact is now yours.",
    ),
    "take": Action(
        "Take this contact",
        None,
        lambda *, contact, user, data: services.contact_assign(contact=contact, by=user, assignee=user),
        _caseworker,
        "Take it",
        "The contact is now in your list.",
    ),
    "rate": Action(
        "Give an initial rating",
        f.RateForm,
        _by(services.contact_rate_initial),
        _caseworker,
        "Save rating",
        "Rating saved.",
    ),
    "submit": Action(
        "Send for a manager's decision",
        f.SubmitForDecisionForm,
        _by(services.contact_submit_for_decision),
        _caseworker,
        "Send for decision",
        "Sent to a manager for a threshold decision.",
        # R-INT-5, R-POL: the outcome the risk or the local policy recommends is pre-selected.
        lambda contact: {"recommendation": recommended_outcome(contact) or ""},
    ),
    "return": Action(
        "Return for more information",
        f.ReasonForm,
        _by(services.contact_return_for_screening),
        _manager,
        "Return it",
        "Returned for more screening.",
    ),
    "pass-on": Action(
        "Pass to the allocated team",
        f.PassOnForm,
        _by(services.contact_pass_to_allocated_team),
        _caseworker,
        "Pass it on",
        "Passed to the allocated team and recorded.",
    ),
    "acknowledge-receipt": Action(
        "Acknowledge receipt for your team",
        None,
        _by(services.contact_acknowledge_receipt),
        lambda u: can(u, Can.VIEW_QUEUES),
        "Acknowledge receipt",
        "Receipt acknowledged: the contact has left your team's queue.",
    ),
    "close": Action(
        "Close the contact",
        f.CloseForm,
        _by(services.contact_close),
        lambda u: can(u, Can.CLOSE_CONTACT),
        "Close contact",
        "Contact closed.",
    ),
    "note": Action("Add a note", f.NoteForm, _by(services.note_add), _caseworker, "Add note", "Note added."),
    "request-dash": Action(
        "Record that the DASH was requested",
        None,
        _by(services.contact_request_dash),
        _caseworker,
        "DASH requested",
        "DASH request recorded.",
    ),
    "acknowledge": Action(
        "Record that the referrer was acknowledged",
        None,
        _by(services.contact_acknowledge),
        _caseworker,
        "Referrer acknowledged",
        "Acknowledgement recorded.",
    ),
    "written-follow-up": Action(
        "Record the written follow-up",
        None,
        _by(services.contact_record_written_follow_up),
        _caseworker,
        "Written follow-up received",
        "Written follow-up recorded.",
    ),
    "police-notified": Action(
        "Record when the police were notified",
        f.PoliceNotifiedForm,
        _by(services.contact_record_police_notified),
        _caseworker,
        "Save",
        "Police notification recorded.",
    ),
    "share-without-consent": Action(
        "Authorise discussion with other agencies without consent",
        f.ReasonForm,
        lambda *, contact, user, data: services.consent_authorise_share_without(contact=contact, manager=user, **data),
        lambda u: can_authorise(u, "share_without_consent"),
        "Authorise",
        "Authorisation recorded with reasons.",
    ),
    "progress-to-referral": Action(
        "Progress to a referral",
        f.ReasonForm,
        lambda *, contact, user, data: decision_services.contact_progress_to_referral(
            contact=contact, by=user, reason=data["reason"]
        ),
        _manager,
        "Progress to a referral",
        "Progressed to a referral: its outcome is now for a manager to authorise.",
    ),
    "sharing": Action(
        "Record an information-sharing decision",
        f.SharingForm,
        lambda *, contact, user, data: services.sharing_decision_record(
            contact=contact, by=user, **{**data, "shared": data["shared"] == "yes"}
        ),
        _caseworker,
        "Record decision",
        "Information-sharing decision recorded.",
    ),
    "acknowledge-alert": Action(
        "Mark the alert as seen",
        None,
        lambda *, contact, user, data: contact_alert_acknowledge(contact=contact, manager=user),
        _manager,
        "Mark as seen",
        "Alert marked as seen.",
    ),
    "out-of-hours-outcome": Action(
        "Record what the out-of-hours team did",
        f.OutOfHoursOutcomeForm,
        _by(out_of_hours_outcome_record),
        _caseworker,
        "Save",
        "What the out-of-hours team did is recorded.",
    ),
    "agency-check": Action(
        "Request an agency check",
        f.AgencyCheckForm,
        _by(services.agency_check_request),
        _caseworker,
        "Request check",
        "Agency check requested.",
    ),
}


@require_http_methods(["GET", "POST"])
def contact_action(request: AuthedRequest, reference: str, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None or not spec.allowed(request.user):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=False)
    extra: dict[str, Any] = {}
    if spec.form is not None and getattr(spec.form, "takes_contact", False):
        extra = {"contact": contact, "initial": request.GET.dict()}
    elif spec.initial is not None:
        extra = {"initial": spec.initial(contact)}
    form = spec.form(request.POST or None, **extra) if spec.form else None
    blocked: list[Missing] = []
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            spec.run(contact=contact, user=request.user, data=form.cleaned_data if form else {})
        except ServiceError as error:
            other_page = form is not None and error.field and error.field not in form.fields
            elsewhere = field_link(contact, error.field or "") if other_page else ""
            if elsewhere:
                # The missing answer is on another page: link straight to the field that holds it.
                blocked = [Missing(error.message, elsewhere)]
            elif form is not None and error.field in form.fields:
                form.add_error(error.field, error.message)
            elif form is not None:
                form.add_error(None, error.message)
            else:
                messages.error(request, error.message)
                return redirect("contacts:detail", reference=contact.reference)
        else:
            messages.success(request, spec.done)
            return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "contacts/action.html",
        {
            "contact": contact,
            "spec": spec,
            "form": form,
            "action": action,
            "forms_with_errors": [form] if form is not None and form.errors else [],
            "blocked": blocked,
            "missing": submit_blockers(contact) if action == "submit" and not blocked else [],
            "outstanding": close_outstanding(contact) if action == "close" else [],
            "Status": Status,
        },
    )


@require_http_methods(["GET", "POST"])
def agency_check_respond_view(request: AuthedRequest, reference: str, check_id: int) -> HttpResponse:
    """R-ROUTE-3, R-CON-8: a MASH partner answers their agency's check, seeing only the question, the
    children's identifying details and their own agency's answer; never the screening, the consent
    discussion, other agencies' answers or the referrer."""
    _require(request, Can.RESPOND_AGENCY_CHECK)
    check = access_agency_check(request.user, reference, check_id, log=request.method == "GET")
    form = f.AgencyResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_check_respond(check=check, by=request.user, response=form.cleaned_data["response"])
        except ServiceError as error:
            form.add_error("response", error.message)
        else:
            messages.success(request, f"Your agency's answer for {check.contact.reference} has been recorded.")
            return redirect("landing:checks")
    return render(
        request,
        "contacts/check_respond.html",
        {"row": check_row(check), "form": form, "forms_with_errors": [form] if form.errors else []},
    )
