"""Thin views for lock-down, bars and emergency access (R-ACC-2). Managers reach them from a person's page."""

import secrets
from collections.abc import Iterable

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontdoor.core.errors import ServiceError, shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.people.models import Person
from frontdoor.people.selectors import Candidate

from .forms import (
    BarForm,
    DescribedDecisionForm,
    DescribedSearchForm,
    EmergencyForm,
    LockDownDecisionForm,
    LockDownDescribedForm,
    LockDownRequestForm,
    ReasonForm,
    RestrictForm,
)
from .models import Bar, LockDownRequest
from .policy import Can, access_person, break_glass_minutes, can, hidden_people
from .services import (
    Described,
    access_bar,
    access_bar_lift,
    access_break_glass,
    access_lock_down_apply,
    access_lock_down_close,
    access_lock_down_confirm,
    access_lock_down_decline,
    access_lock_down_request,
    access_lock_down_wait,
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
            "requests": _requests().filter(person=person, status=LockDownRequest.Status.OPEN).order_by("requested_at"),
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


# Requests for a lock-down (002 s2: "A manager or relevant business support manager may request ACL") ---


def _requests():  # noqa: ANN202
    return LockDownRequest.objects.select_related("person", "requested_by", "decided_by").prefetch_related(
        "named_users", "barred_users"
    )


@require_http_methods(["GET", "POST"])
def request_new(request: AuthedRequest, person_id: int) -> HttpResponse:
    """A business support manager (or any manager) asks for a lock-down of a record they may open."""
    if not can(request.user, Can.REQUEST_LOCK_DOWN):
        raise Http404("Not found")
    person = access_person(request.user, person_id, log=request.method == "GET")
    form = LockDownRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            access_lock_down_request(
                person=person,
                by=request.user,
                reason=form.cleaned_data["reason"],
                restrict=form.cleaned_data["restrict"],
                named=list(form.cleaned_data["named"]),
                barred=list(form.cleaned_data["barred"]),
            )
            messages.success(
                request,
                "Your request is sent. A team manager or the head of service decides it, and you will be emailed "
                "when they have.",
            )
            return redirect("access:requests")
    context = {"person": person, "form": form, "forms_with_errors": _errors(form)}
    return render(request, "access/request_new.html", context)


@require_http_methods(["GET", "POST"])
def request_described(request: AuthedRequest) -> HttpResponse:
    """A lock-down asked for without the record: one the requester may not open (a restricted record, or a
    business support manager's colleague's child with contacts they never see) or cannot find. They describe
    the person; the manager who decides finds the record. Nothing here says whether a record exists."""
    if not can(request.user, Can.REQUEST_LOCK_DOWN):
        raise Http404("Not found")
    form = LockDownDescribedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_on(form):
            access_lock_down_request(
                described=Described(data["given_names"], data["family_name"], data["date_of_birth"], data["details"]),
                by=request.user,
                reason=data["reason"],
                restrict=data["restrict"],
                named=list(data["named"]),
                barred=list(data["barred"]),
            )
            messages.success(
                request,
                "Your request is sent. A team manager or the head of service finds the record and decides it. You "
                "will be emailed when it has been dealt with, but not told whether a record was found.",
            )
            return redirect("access:requests")
    return render(request, "access/request_described.html", {"form": form, "forms_with_errors": _errors(form)})


def _barred_by_request(user_id: int, lock_down: LockDownRequest) -> bool:
    """A request that would bar this user is never shown to them to decide (nor emailed to them)."""
    return any(u.pk == user_id for u in lock_down.barred_users.all())


@require_GET
def requests(request: AuthedRequest) -> HttpResponse:
    """The open requests, for those who decide them (only about records they may open), and the user's own
    requests with their outcome (a record they may no longer open is shown as "Restricted record")."""
    deciding = can(request.user, Can.MANAGE_ACCESS)
    if not (deciding or can(request.user, Can.REQUEST_LOCK_DOWN)):
        raise Http404("Not found")
    waiting: list[LockDownRequest] = []
    for_record: list[LockDownRequest] = []
    to_confirm: list[LockDownRequest] = []
    if deciding:
        waiting = _theirs_to_decide(request, LockDownRequest.Status.OPEN)
        # Described requests kept until a record of the child is created, and those since applied to one.
        for_record = _theirs_to_decide(request, LockDownRequest.Status.WAITING)
        to_confirm = _theirs_to_decide(request, LockDownRequest.Status.APPLIED, found=True)
    mine = list(_requests().filter(requested_by=request.user).order_by("-requested_at")[:50])
    hidden_mine = hidden_people(request.user, [r.person_id for r in mine if r.person_id is not None])
    context = {
        "waiting": waiting,
        "for_record": for_record,
        "to_confirm": to_confirm,
        "deciding": deciding,
        "mine": mine,
        "hidden_mine": hidden_mine,
    }
    return render(request, "access/requests.html", context)


def _theirs_to_decide(request: AuthedRequest, status: str, *, found: bool = False) -> list[LockDownRequest]:
    """Requests in `status` this manager may act on: about a record they may open, or describing the person,
    and never one that would bar them (oldest first). `found`: applied to a record created later, unconfirmed."""
    rows = _requests().filter(status=status)
    if found:
        rows = rows.filter(found_at__isnull=False, confirmed_at__isnull=True)
    chosen = list(rows.order_by("requested_at")[:200])
    hidden = hidden_people(request.user, [r.person_id for r in chosen if r.person_id is not None])
    return [
        r
        for r in chosen
        if (r.person_id is None or r.person_id not in hidden) and not _barred_by_request(request.user.pk, r)
    ]


@require_http_methods(["GET", "POST"])
def lock_down_request(request: AuthedRequest, lock_down_id: int) -> HttpResponse:
    """One request, for a manager to apply or decline (with a reason)."""
    if not can(request.user, Can.MANAGE_ACCESS):
        raise Http404("Not found")
    found = _requests().filter(pk=lock_down_id).first()
    if found is None or _barred_by_request(request.user.pk, found):
        raise Http404("Not found")
    if found.person_id is None:
        return _described_request(request, found)
    person = access_person(request.user, found.person_id, log=request.method == "GET")
    restriction = current_restriction(person)
    initial = {"manager": restriction.manager_id if restriction else request.user.pk}
    form = LockDownDecisionForm(request.POST or None, initial=initial)
    outcome = request.POST.get("outcome")
    if request.method == "POST" and outcome == "confirm":
        try:
            access_lock_down_confirm(lock_down=found, by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "You confirmed that this is the child the request described.")
        return redirect("access:lock-down-request", lock_down_id=found.pk)
    if request.method == "POST" and form.is_valid():
        if outcome == "apply":
            with shown_on(form):
                access_lock_down_apply(
                    lock_down=found,
                    by=request.user,
                    manager=form.cleaned_data["manager"],
                    note=form.cleaned_data["reason"],
                )
                messages.success(request, "The request is applied, and whoever asked has been emailed.")
                return redirect("access:manage", person_id=person.pk)
        elif outcome == "decline":
            with shown_on(form):
                access_lock_down_decline(lock_down=found, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, "The request is declined, and whoever asked has been emailed.")
                return redirect("access:requests")
        else:
            form.add_error(None, "Choose to apply or to decline the request.")
    context = {
        "lock_down": found,
        "person": person,
        "restriction": restriction,
        "form": form,
        "forms_with_errors": _errors(form),
    }
    return render(request, "access/lock_down_request.html", context)


def _record_choices(candidates: list[Candidate]) -> list[tuple[int, str]]:
    def label(c: Candidate) -> str:
        born = c.person.date_of_birth.strftime("%-d %B %Y") if c.person.date_of_birth else "date of birth not known"
        return f"{c.person.full_name}, born {born} ({c.band} match)"

    return [(c.person.pk, label(c)) for c in candidates if c.hidden_id is None]


def _described_request(request: AuthedRequest, found: LockDownRequest) -> HttpResponse:
    """A request that describes the person: the manager searches (every search logged, R-ACC-1), chooses the
    record it matches among those they may open, and applies it; or declines it. Records they may not open
    show only as "Restricted record" and whom to ask, as in any search (R-ACC-2)."""
    from frontdoor.people.selectors import people_search_logged

    is_open = found.status == LockDownRequest.Status.OPEN
    is_waiting = found.status == LockDownRequest.Status.WAITING
    described = {
        "given_names": found.described_given_names,
        "family_name": found.described_family_name,
        "date_of_birth": found.described_date_of_birth,
    }
    search = DescribedSearchForm(request.POST or None, initial=described)
    terms = search.terms()
    candidates: list[Candidate] = []
    if (is_open or is_waiting) and (terms["family_name"] or terms["given_names"] or terms["date_of_birth"]):
        candidates = people_search_logged(user=request.user, source="lock-down request", limit=10, **terms)
    outcome = request.POST.get("outcome", "")
    deciding = request.method == "POST" and outcome in _OUTCOMES
    form = DescribedDecisionForm(
        request.POST if deciding else None, initial={"manager": request.user.pk}, choices=_record_choices(candidates)
    )
    if deciding and form.is_valid() and (is_open or is_waiting):
        done = _decide_described(request, found, form, outcome)
        if done is not None:
            return done
    context = {
        "lock_down": found,
        "search": search,
        "form": form,
        "is_waiting": is_waiting,
        "found": [c for c in candidates if c.hidden_id is None],
        "hidden": [c for c in candidates if c.hidden_id is not None],
        "forms_with_errors": _errors(search, form),
    }
    return render(request, "access/lock_down_described.html", context)


_OUTCOMES = ("apply", "wait", "decline", "close")
_DONE = {
    "wait": "The request is kept until a record of the child is created. Whoever asked has been emailed that it "
    "was dealt with.",
    "decline": "The request is declined, and whoever asked has been emailed.",
    "close": "The request is closed. Whoever asked is not told: they were told it was dealt with.",
}


def _decide_described(
    request: AuthedRequest, found: LockDownRequest, form: DescribedDecisionForm, outcome: str
) -> HttpResponse | None:
    """Apply the request to the chosen record, keep it waiting for one, decline it, or close it once waiting.
    None when a service refused (its message is then on the form)."""
    data = form.cleaned_data
    with shown_on(form):
        if outcome == "apply":
            if data["person"] is None:
                raise ServiceError("Choose the record this request is about", field="person")
            person = access_person(request.user, data["person"])
            told = found.status == LockDownRequest.Status.OPEN  # once waiting, they were told it was dealt with
            access_lock_down_apply(
                lock_down=found, by=request.user, manager=data["manager"], note=data["reason"], person=person
            )
            messages.success(
                request, "The request is applied" + (", and whoever asked has been emailed." if told else ".")
            )
            return redirect("access:manage", person_id=person.pk)
        if outcome == "wait":
            access_lock_down_wait(lock_down=found, by=request.user, note=data["reason"])
        elif outcome == "decline":
            access_lock_down_decline(lock_down=found, by=request.user, reason=data["reason"])
        else:
            access_lock_down_close(lock_down=found, by=request.user, reason=data["reason"])
        messages.success(request, _DONE[outcome])
        return redirect("access:requests")
    return None
