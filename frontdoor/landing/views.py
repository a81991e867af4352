"""Each role's landing page: signing in, and the home link, take a user to their own work."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, access_contact, can, can_authorise
from frontdoor.accounts.models import Role
from frontdoor.accounts.roles import primary_role, user_roles
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.decisions.services import head_of_service_consultation_record
from frontdoor.procedures.loader import get_profile

from . import selectors
from .forms import ConsultationForm


def home(request: AuthedRequest) -> HttpResponse:
    url = selectors.landing_url(request.user)
    if url is not None:
        return redirect(url)
    profile = get_profile()
    role = primary_role(request.user)
    return render(
        request,
        "home.html",
        {
            "role": role.value if role else "",
            "profile": profile,
            "checklist": profile.checklist,
            "ratings": profile.ratings,
        },
    )


def checks(request: AuthedRequest) -> HttpResponse:
    """R-ROUTE-3: a MASH partner's outstanding checks for their agency, with each check's own due time."""
    if Role.MASH_PARTNER not in user_roles(request.user):
        raise Http404("Not found")
    return render(
        request,
        "landing/checks.html",
        {"agency": selectors.agency_name(request.user), **selectors.partner_checks(request.user)},
    )


def strategy(request: AuthedRequest) -> HttpResponse:
    """002 s6: business support organises and minutes strategy meetings; the front door's staff see them too."""
    if not can(request.user, Can.ORGANISE_STRATEGY):
        raise Http404("Not found")
    return render(request, "landing/strategy.html", selectors.strategy_meetings(request.user))


def _require_consultee(request: AuthedRequest) -> None:
    if not can_authorise(request.user, "removal_consultee"):
        raise Http404("Not found")


def consultations(request: AuthedRequest) -> HttpResponse:
    """R-INT-7, R-DEC-7: what the head of service must be consulted on."""
    _require_consultee(request)
    found = selectors.head_of_service_consultations(request.user)
    sections = [
        (
            "staff",
            "Contacts about a member of staff or their family",
            "Open, or became a referral: you are consulted with a view to the work being done by another area or "
            "authority where that is right",
            found["staff"],
        ),
        (
            "removal",
            "Removing a child from home",
            "Decisions that consider removal, and contacts not yet decided where immediate protective action is "
            "recommended",
            found["removal"],
        ),
    ]
    return render(request, "landing/consultations.html", {"sections": sections})


@require_http_methods(["GET", "POST"])
def consultation_record(request: AuthedRequest, reference: str) -> HttpResponse:
    _require_consultee(request)
    contact = access_contact(request.user, reference, log=request.method == "GET")
    form = ConsultationForm(request.POST or None, contact=contact, initial={"about": request.GET.get("about", "")})
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            head_of_service_consultation_record(contact=contact, by=request.user, **form.cleaned_data)
            messages.success(request, "Your consultation and advice are recorded on the contact.")
            return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "contacts/action.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "spec": {"title": "Record that you were consulted", "button": "Save consultation"},
        },
    )
