"""Thin views for lock-down, bars and emergency access (R-ACC-2). Managers reach them from a person's page."""

import secrets
from collections.abc import Iterable

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.core.errors import ServiceError, shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.people.models import Person
from frontdoor.people.selectors import Candidate

from .forms import BarForm, EmergencyForm, ReasonForm, RestrictForm
from .models import Bar
from .policy import Can, access_person, break_glass_minutes, can
from .services import (
    access_bar,
    access_bar_lift,
    access_break_glass,
    access_restrict,
    access_restriction_lift,
    current_restriction,
    may_break_glass,
    restricted_by_case_system,
)

_SESSION_KEY = "frontdoor_emergency"
_KEPT_TOKENS = 50


def offer_emergency_access(request: AuthedRequest, candidates: Iterable[Candidate]) -> None:
    """Give each hidden search result an opaque, per-session token for the emergency-access page, so the
    page's link names no record (R-ACC-2: nothing identifying, no id in a link)."""
    if not can(request.user, Can.BREAK_GLASS):
        return
    tokens: dict[str, int] = dict(request.session.get(_SESSION_KEY, {}))
    for candidate in candidates:
        if candidate.hidden_id is None:
            continue
        candidate.token = secrets.token_urlsafe(12)
        tokens[candidate.token] = candidate.hidden_id
    request.session[_SESSION_KEY] = dict(list(tokens.items())[-_KEPT_TOKENS:])


def _manageable(request: AuthedRequest, person_id: int) -> Person:
    if not can(request.user, Can.MANAGE_ACCESS):
        raise Http404("Not found")
    return access_person(request.user, person_id, log=request.method == "GET")


def _errors(*forms: Form) -> list[Form]:
    return [form for form in forms if form.errors]


def manage(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _manageable(request, person_id)
    return render(
        request,
        "access/manage.html",
        {
            "person": person,
            "restriction": current_restriction(person),
            "by_case_system": restricted_by_case_system(person),
            "bars": Bar.objects.filter(person=person, lifted_at__isnull=True).select_related("user", "set_by"),
        },
    )


@require_http_methods(["GET", "POST"])
def restrict(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _manageable(request, person_id)
    existing = current_restriction(person)
    initial = (
        {"reason": existing.reason, "manager": existing.manager_id, "named": list(existing.named_users.all())}
        if existing
        else {"manager": request.user.pk}
    )
    form = RestrictForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            access_restrict(
                person=person,
                by=request.user,
                reason=form.cleaned_data["reason"],
                manager=form.cleaned_data["manager"],
                named=list(form.cleaned_data["named"]),
            )
            messages.success(request, "The record is restricted to the people named.")
            return redirect("access:manage", person_id=person.pk)
    context = {"person": person, "form": form, "existing": existing, "forms_with_errors": _errors(form)}
    return render(request, "access/restrict.html", context)


@require_http_methods(["GET", "POST"])
def lift(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _manageable(request, person_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            access_restriction_lift(person=person, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "The restriction is lifted.")
            return redirect("access:manage", person_id=person.pk)
    return render(request, "access/lift.html", {"person": person, "form": form, "forms_with_errors": _errors(form)})


@require_http_methods(["GET", "POST"])
def bar(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = _manageable(request, person_id)
    form = BarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            access_bar(
                person=person, user=form.cleaned_data["user"], by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{form.cleaned_data['user'].display_name} is barred from this record.")
            return redirect("access:manage", person_id=person.pk)
    return render(request, "access/bar.html", {"person": person, "form": form, "forms_with_errors": _errors(form)})


@require_POST
def bar_lift(request: AuthedRequest, person_id: int, bar_id: int) -> HttpResponse:
    person = _manageable(request, person_id)
    found = Bar.objects.filter(person=person, pk=bar_id, lifted_at__isnull=True).first()
    if found is None:
        raise Http404("Not found")
    try:
        access_bar_lift(bar=found, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The bar is lifted.")
    return redirect("access:manage", person_id=person.pk)


@require_http_methods(["GET", "POST"])
def emergency(request: AuthedRequest, token: str) -> HttpResponse:
    """Emergency access to a record found in a search as "Restricted record" (R-ACC-2)."""
    person_id = request.session.get(_SESSION_KEY, {}).get(token)
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None or not may_break_glass(request.user, person):
        raise Http404("Not found")
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            access_break_glass(person=person, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, f"You may open this record for {break_glass_minutes()} minutes.")
            return redirect("people:detail", person_id=person.pk)
    context = {"form": form, "minutes": break_glass_minutes(), "forms_with_errors": _errors(form)}
    return render(request, "access/emergency.html", context)
