"""Pages for the registers beside contacts. Thin: the rules are in `services.py`, visibility in
`frontdoor/access/policy.py`."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import (
    Can,
    access_checks_request,
    access_consultation,
    access_person,
    access_transfer_in,
    can,
    can_authorise,
)
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.procedures.loader import get_profile

from . import forms as f
from . import selectors, services
from .models import ChecksStatus, Residence, TransferStatus

FAMILY_SLOTS = 4


def _require(request: AuthedRequest) -> None:
    if not can(request.user, Can.RECORD_REGISTER):
        raise Http404("Not found")


def _attempt(form: forms.Form, call: Callable[[], Any]) -> Any:  # noqa: ANN401
    """Run a service; a rule it refuses is shown next to its field (or at the top)."""
    with shown_on(form):
        return call()
    return None


def _form_page(request: AuthedRequest, form: forms.Form, **context: Any) -> HttpResponse:  # noqa: ANN401
    return render(
        request, "registers/form.html", {"form": form, "forms_with_errors": [form] if form.errors else [], **context}
    )


def index(request: AuthedRequest) -> HttpResponse:
    _require(request)
    user = request.user
    return render(
        request,
        "registers/index.html",
        {
            "consultations": selectors.consultations(user).count(),
            "checks_awaiting": selectors.awaiting_authorisation(user).count(),
            "checks_open": selectors.checks_requests(user, ChecksStatus.OPEN).count(),
            "transfers_waiting": selectors.transfers_in(user).filter(status=TransferStatus.AWAITING_FORM).count(),
            "may_authorise": services.may_authorise_checks(user),
        },
    )


# Consultations (R-CONS-1) -----------------------------------------------------------------------------


def consultation_list(request: AuthedRequest) -> HttpResponse:
    _require(request)
    return render(
        request,
        "registers/consultations.html",
        {"consultations": selectors.consultations(request.user)[:200], "sees_all": can_authorise(request.user)},
    )


@require_http_methods(["GET", "POST"])
def consultation_new(request: AuthedRequest) -> HttpResponse:
    _require(request)
    form = f.ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: services.consultation_record(by=request.user, **form.cleaned_data))
        if done is not None:
            messages.success(request, "Consultation recorded in the confidential log.")
            return redirect("registers:consultation", pk=done.pk)
    return _form_page(
        request,
        form,
        title="Record a professional consultation",
        caption="Consultations",
        intro="A professional asking for advice without making a referral. It is kept in a confidential log, "
        "not on the child's record, and is not found by a search of the person index.",
        button="Save consultation",
        back=reverse("registers:consultations"),
    )


def consultation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    consultation = access_consultation(request.user, pk)
    return render(
        request,
        "registers/consultation.html",
        {"c": consultation, "may_convert": can(request.user, Can.RECORD_CONTACT)},
    )


@require_http_methods(["GET", "POST"])
def consultation_advice(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    consultation = access_consultation(request.user, pk, log=request.method == "GET")
    form = f.AdviceForm(request.POST or None, initial={"advice": consultation.advice})
    if request.method == "POST" and form.is_valid():
        call = lambda: services.consultation_record_advice(  # noqa: E731
            by=request.user, consultation=consultation, advice=form.cleaned_data["advice"]
        )
        if _attempt(form, call) is not None:
            messages.success(request, "Advice recorded.")
            return redirect("registers:consultation", pk=pk)
    return _form_page(
        request,
        form,
        title="Record the advice given",
        caption=f"Consultation with {consultation.professional_name}",
        button="Save advice",
        back=reverse("registers:consultation", args=[pk]),
    )


# Requests for checks (R-CHK-2) ------------------------------------------------------------------------


def checks_list(request: AuthedRequest) -> HttpResponse:
    _require(request)
    requests = selectors.checks_requests(request.user)
    return render(
        request,
        "registers/checks.html",
        {
            "awaiting": requests.filter(status=ChecksStatus.AWAITING_AUTHORISATION),
            "open": requests.filter(status=ChecksStatus.OPEN),
            "recent": requests.exclude(status__in=[ChecksStatus.AWAITING_AUTHORISATION, ChecksStatus.OPEN])[:100],
            "allow_list": get_profile().checks_allow_list,
        },
    )


@require_http_methods(["GET", "POST"])
def checks_new(request: AuthedRequest) -> HttpResponse:
    _require(request)
    form = f.ChecksRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: services.checks_request_record(by=request.user, **form.service_input()))
        if done is not None:
            if done.status == ChecksStatus.REFUSED:
                messages.error(request, "Nothing may be shared: the request is refused and the reason recorded.")
            else:
                messages.success(request, "Request for checks recorded.")
            return redirect("registers:checks-request", pk=done.pk)
    return render(
        request,
        "registers/checks_new.html",
        {"form": form, "forms_with_errors": [form] if form.errors else []},
    )


def checks_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    checks = access_checks_request(request.user, pk)
    context: dict[str, Any] = {"r": checks, "may_authorise": services.may_authorise_checks(request.user)}
    if checks.status == ChecksStatus.OPEN:
        context["candidates"] = selectors.child_candidates(request.user, checks)
    return render(request, "registers/checks_request.html", context)


@require_http_methods(["GET", "POST"])
def checks_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    """R-CHK-2: the facts for the child chosen (or "not known"), each ticked when told to the caller."""
    _require(request)
    checks = access_checks_request(request.user, pk, log=False)
    if checks.status != ChecksStatus.OPEN:
        return redirect("registers:checks-request", pk=pk)
    person_param = request.POST.get("person") or request.GET.get("person") or ""
    person = access_person(request.user, int(person_param)) if person_param.isdigit() else None
    if person is not None and person.restricted:
        raise Http404("Not found")
    facts = selectors.shareable_facts(person)
    form = f.AnswerForm(request.POST or None, facts=facts)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.checks_request_answer(  # noqa: E731
            by=request.user, request=checks, person=person, share=form.cleaned_data["share"]
        )
        if _attempt(form, call) is not None:
            messages.success(request, "What you shared is recorded.")
            return redirect("registers:checks-request", pk=pk)
    return render(
        request,
        "registers/checks_answer.html",
        {"r": checks, "person": person, "form": form, "forms_with_errors": [form] if form.errors else []},
    )


@require_http_methods(["GET", "POST"])
def checks_authorise(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    if not services.may_authorise_checks(request.user):
        raise Http404("Not found")
    checks = access_checks_request(request.user, pk, log=request.method == "GET")
    if checks.status != ChecksStatus.AWAITING_AUTHORISATION:
        return redirect("registers:checks-request", pk=pk)
    form = f.AuthoriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.checks_request_authorise(  # noqa: E731
            manager=request.user,
            request=checks,
            authorise=form.cleaned_data["authorise"] == "yes",
            note=form.cleaned_data["note"],
        )
        if _attempt(form, call) is not None:
            messages.success(request, "Your decision is recorded.")
            return redirect("registers:checks-request", pk=pk)
    return _form_page(
        request,
        form,
        title="Authorise a detailed request for checks",
        caption=f"{checks.agency}: {checks.child_name}",
        summary=checks,
        button="Save decision",
        back=reverse("registers:checks-request", args=[pk]),
    )


# Transfers in (R-TRF-1) -------------------------------------------------------------------------------


def transfer_list(request: AuthedRequest) -> HttpResponse:
    _require(request)
    return render(
        request,
        "registers/transfers.html",
        {"transfers": selectors.transfers_in(request.user)[:200], "form_name": get_profile().transfer_in_form},
    )


@require_http_methods(["GET", "POST"])
def transfer_new(request: AuthedRequest) -> HttpResponse:
    _require(request)
    form = f.TransferNotifyForm(request.POST or None)
    form_name = get_profile().transfer_in_form
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: services.transfer_in_notify(by=request.user, **form.cleaned_data))
        if done is not None:
            messages.success(request, f"Recorded. Ask them to complete {form_name} before anything else is recorded.")
            return redirect("registers:transfer", pk=done.pk)
    return _form_page(
        request,
        form,
        title="A family with a child protection plan is moving here",
        caption="Transfers in",
        intro=f"Record only who told us. Do not record the family's details yet: the authority must first "
        f"complete {form_name}.",
        button="Save",
        back=reverse("registers:transfers"),
    )


def transfer_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    transfer = access_transfer_in(request.user, pk)
    return render(
        request,
        "registers/transfer.html",
        {
            "t": transfer,
            "people": transfer.people.order_by("date_of_birth", "pk"),
            "permanent": transfer.residence == Residence.PERMANENT,
            "may_escalate": can_authorise(request.user),
        },
    )


def _family_forms(data: Any) -> list[f.FamilyMemberForm]:  # noqa: ANN401
    return [f.FamilyMemberForm(data, prefix=f"member-{i}") for i in range(FAMILY_SLOTS)]


@require_http_methods(["GET", "POST"])
def transfer_record(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    transfer = access_transfer_in(request.user, pk, log=request.method == "GET")
    if transfer.status != TransferStatus.AWAITING_FORM:
        return redirect("registers:transfer", pk=pk)
    data = request.POST if request.method == "POST" else None
    form = f.TransferRecordForm(data, request.FILES or None)
    members = _family_forms(data)
    if data is not None:
        valid = form.is_valid() & all(m.is_valid() for m in members if not m.is_empty())
        if valid:
            family = [
                services.FamilyMember(
                    given_names=m.cleaned_data["given_names"],
                    family_name=m.cleaned_data["family_name"],
                    date_of_birth=m.cleaned_data["date_of_birth"],
                    sex=m.cleaned_data["sex"] or "U",
                    is_child=m.cleaned_data["is_child"] != "adult",
                )
                for m in members
                if not m.is_empty()
            ]
            done = _attempt(
                form,
                lambda: services.transfer_in_record(
                    by=request.user, transfer=transfer, family=family, **form.cleaned_data
                ),
            )
            if done is not None:
                messages.success(request, "The family's details are recorded.")
                return redirect("registers:transfer", pk=pk)
    errors = [x for x in [form, *members] if x.errors]
    return render(
        request,
        "registers/transfer_record.html",
        {"t": transfer, "form": form, "members": members, "forms_with_errors": errors},
    )


@require_http_methods(["GET", "POST"])
def transfer_forward(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    transfer = access_transfer_in(request.user, pk, log=request.method == "GET")
    form = f.ForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.transfer_in_forward(by=request.user, transfer=transfer, **form.cleaned_data)  # noqa: E731
        if _attempt(form, call) is not None:
            messages.success(request, "Forwarded for a transfer-in conference.")
            return redirect("registers:transfer", pk=pk)
    return _form_page(
        request,
        form,
        title="Forward for a transfer-in conference",
        caption=f"Transfer in from {transfer.authority}",
        button="Save",
        back=reverse("registers:transfer", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
def transfer_escalate(request: AuthedRequest, pk: int) -> HttpResponse:
    _require(request)
    if not can_authorise(request.user):
        raise Http404("Not found")
    transfer = access_transfer_in(request.user, pk, log=request.method == "GET")
    form = f.EscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.transfer_in_escalate(by=request.user, transfer=transfer, **form.cleaned_data)  # noqa: E731
        if _attempt(form, call) is not None:
            messages.success(request, "The escalation is recorded.")
            return redirect("registers:transfer", pk=pk)
    return _form_page(
        request,
        form,
        title="Escalate: who holds the case is disputed",
        caption=f"Transfer in from {transfer.authority}",
        intro="If the managers cannot agree at once who holds the case, refer it to both authorities' child "
        "protection managers. If they cannot agree either, escalate it to more senior managers as a matter of "
        "urgency: delay could harm the child.",
        button="Save escalation",
        back=reverse("registers:transfer", args=[pk]),
    )
