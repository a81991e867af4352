"""The manager's threshold decision and its review."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import access_contact, can_authorise
from frontdoor.contacts.forms import ReasonForm
from frontdoor.contacts.guidance import da_guidance, policy_guidance, recommended_outcome
from frontdoor.contacts.models import ContactPerson
from frontdoor.contacts.tasks import Missing, field_link
from frontdoor.core.errors import ServiceError
from frontdoor.core.http import AuthedRequest
from frontdoor.procedures.loader import get_profile

from . import selectors, services
from .forms import DecisionForm
from .routing import routing_unknown


def _initial(contact, children) -> dict:  # noqa: ANN001
    initial = {"version": contact.version, "rating": contact.rating or contact.initial_rating}
    current = {d.child_id: d for d in contact.decisions.filter(is_current=True)}
    # R-INT-5, R-POL: the risk's or the local policy's outcome is pre-selected, else the worker's.
    preselect = recommended_outcome(contact) or contact.recommendation
    for child in children:
        d = current.get(child.pk)
        initial[f"opened_{child.pk}"] = d.opened if d else True
        if d:
            initial.update(
                {
                    f"need_{child.pk}": d.need_level,
                    f"outcome_{child.pk}": d.outcome,
                    f"removal_{child.pk}": d.removal_considered,
                    f"hos_{child.pk}": str(d.consultee_id or ""),
                    f"services_{child.pk}": d.services_required,
                    f"assessments_{child.pk}": d.specialist_assessments,
                    f"assessments_other_{child.pk}": d.specialist_assessments_other,
                }
            )
        elif preselect:
            initial[f"outcome_{child.pk}"] = preselect
    return initial


def _error_field(field: str, children: list) -> str:
    """R-INT-7: "the head of service consulted" is asked beside the first child's outcome."""
    if field == "staff" and children:
        return f"hos_{children[0].pk}"
    return field


@require_http_methods(["GET", "POST"])
def decide(request: AuthedRequest, reference: str) -> HttpResponse:
    if not can_authorise(request.user):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=request.method == "GET")
    children = [link.person for link in contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")]
    form = DecisionForm(
        request.POST or None,
        children=children,
        choose_team=routing_unknown(contact),
        initial=_initial(contact, children),
        outcomes=selectors.offered_outcomes(
            contact, children, may_authorise_referral=can_authorise(request.user, "referral_outcome")
        ),
        consultees=selectors.removal_consultees(),
        staff_related=contact.staff_related,
    )
    blocked: list[Missing] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decisions = [
            services.ChildDecision(
                person_id=c.pk,
                opened=data[f"opened_{c.pk}"],
                need_level=data[f"need_{c.pk}"],
                outcome=data[f"outcome_{c.pk}"],
                removal_considered=data[f"removal_{c.pk}"],
                consultee_id=int(data[f"hos_{c.pk}"]) if data[f"hos_{c.pk}"] else None,
                services_required=data[f"services_{c.pk}"],
                specialist_assessments=tuple(data[f"assessments_{c.pk}"]),
                specialist_assessments_other=data[f"assessments_other_{c.pk}"],
            )
            for c in children
        ]
        try:
            services.decision_authorise(
                contact=contact,
                manager=request.user,
                rating=data["rating"],
                rationale=data["rationale"],
                children=decisions,
                version=data["version"],
                consent_reason=data["consent_reason"],
                policy_override_reason=data["policy_override_reason"],
                team_key=data.get("team", ""),
            )
        except ServiceError as error:
            field = _error_field(error.field or "", children)
            elsewhere = field_link(contact, field) if field not in form.fields else ""
            if elsewhere:
                # R-DEC-6: the missing answer is on another page: link straight to it.
                blocked.append(Missing(error.message, elsewhere))
            else:
                form.add_error(field if field in form.fields else None, error.message)
        else:
            messages.success(request, f"Decision authorised for {contact.reference}.")
            return redirect("contacts:queue")
    profile = get_profile()
    rating = contact.rating or contact.initial_rating
    no_consent_case = bool(rating) and services.without_consent_and_safeguarding(contact, rating)
    return render(
        request,
        "decisions/decide.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "rating": rating,
            "blocked": blocked,
            "policy": profile.policy(contact.policy_key) if contact.policy_key else None,
            "no_consent_case": no_consent_case,
            "proceed_ratings": [profile.rating(k).label for k in profile.proceed_without_consent_ratings],
            "policy_guidance": policy_guidance(contact),
            "da": da_guidance(contact),
            # R-CON-4, R-INT-5, R-POL: the reasons asked only where they can apply.
            # The rating can be changed on this page, so the reason is offered whenever consent is missing.
            "ask_without_consent": not contact.consent_obtained,
            "ask_against_recommendation": recommended_outcome(contact) is not None,
            **selectors.decision_page(contact),
        },
    )


@require_http_methods(["GET", "POST"])
def review(request: AuthedRequest, reference: str) -> HttpResponse:
    if not can_authorise(request.user):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=False)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_reopen_for_review(
                contact=contact, manager=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error("reason", error.message)
        else:
            return redirect("decisions:decide", reference=contact.reference)
    return render(
        request,
        "contacts/action.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "spec": {"title": "Review the decision", "button": "Reopen for review"},
        },
    )
