"""Thin views for the work after the decision: pages reached from the contact page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, access_challenge, access_contact, can, referrer_identity_visible
from frontdoor.contacts.models import Contact
from frontdoor.core.errors import shown_on
from frontdoor.core.forms import GovukForm
from frontdoor.core.http import AuthedRequest

from . import forms as f
from . import services
from .models import FeedbackKind, Level, Method
from .selectors import (
    CONFIDENTIAL,
    children_to_see,
    closes_with_advice,
    family_told,
    outcome_feedback_due_at,
    outcome_feedback_given,
    outcome_feedback_rule,
    outcome_feedback_why_not,
)
from .texts import acknowledgement_text, confidential_outcome_text, family_text, outcome_text

KINDS = {"acknowledgement": FeedbackKind.ACKNOWLEDGEMENT, "outcome": FeedbackKind.OUTCOME}


def _contact(request: AuthedRequest, reference: str) -> Contact:
    if not can(request.user, Can.FOLLOW_UP):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=request.method == "GET")
    if not referrer_identity_visible(request.user, contact) and contact.referrer_kind != "anonymous":
        raise Http404("Not found")  # R-CON-8: the feedback pages name the referrer
    return contact


def _submit(request: AuthedRequest, form: GovukForm, run: Callable[[dict], Any]) -> Any:  # noqa: ANN401
    """Call the service with the form's data; a ServiceError is shown next to its field."""
    if request.method != "POST" or not form.is_valid():
        return None
    with shown_on(form):
        return run(form.cleaned_data)
    return None


def _page(request: AuthedRequest, contact: Contact, form: GovukForm | None, **context: Any) -> HttpResponse:  # noqa: ANN401
    return render(
        request,
        "followup/form.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form is not None and form.errors else [],
            **context,
        },
    )


def _feedback_initial(contact: Contact, kind: str) -> dict[str, Any]:
    who = ", ".join(p for p in (contact.referrer_name, contact.referrer_role, contact.referrer_agency) if p.strip())
    method = Method.EMAIL if contact.referrer_email else Method.PHONE
    initial: dict[str, Any] = {
        "to_whom": who,
        "method": method,
        "address": contact.referrer_email or contact.referrer_phone,
    }
    if kind == FeedbackKind.ACKNOWLEDGEMENT:
        initial["text"] = acknowledgement_text(contact)
    elif outcome_feedback_rule(contact) == CONFIDENTIAL:
        initial["text"] = confidential_outcome_text(contact)
    else:
        initial["text"] = outcome_text(contact)
        if closes_with_advice(contact):
            initial["advice"] = contact.closing_summary
    return initial


def _feedback_blocked(contact: Contact, kind: str) -> str:
    """Why this feedback is not to be given now, in words for the page (empty when it is)."""
    if kind == FeedbackKind.ACKNOWLEDGEMENT:
        if contact.referrer_kind == "anonymous":
            return "The referrer is anonymous: there is nobody to acknowledge."
        return "" if contact.acknowledgement_outstanding else "The referrer has already been acknowledged."
    why_not = outcome_feedback_why_not(contact)
    if why_not:
        return why_not
    if contact.decided_at is None or contact.status not in ("decided", "closed"):
        return "The outcome can be given once a manager has made the decision."
    given = outcome_feedback_given(contact)
    if given is not None:
        return f"The referrer was told the outcome by {given.sent_by.display_name} on {given.sent_at:%-d %B %Y}."
    return ""


@require_http_methods(["GET", "POST"])
def feedback_give(request: AuthedRequest, reference: str, kind: str) -> HttpResponse:
    """R-FB-1, R-FB-2, R-DEC-2: the acknowledgement or the outcome, pre-filled for the worker to check and send."""
    if kind not in KINDS:
        raise Http404("Not found")
    contact = _contact(request, reference)
    kind = KINDS[kind]
    title = "Acknowledge the referrer" if kind == FeedbackKind.ACKNOWLEDGEMENT else "Tell the referrer the outcome"
    blocked = _feedback_blocked(contact, kind)
    if blocked:
        return _page(request, contact, None, title=title, intro=[blocked])
    with_advice = kind == FeedbackKind.OUTCOME and outcome_feedback_rule(contact) != CONFIDENTIAL
    with_advice = with_advice and closes_with_advice(contact)
    form = f.FeedbackForm(request.POST or None, initial=_feedback_initial(contact, kind), with_advice=with_advice)
    sent = _submit(
        request, form, lambda data: services.feedback_give(contact=contact, by=request.user, kind=kind, **data)
    )
    if sent is not None:
        if sent.email_held:
            messages.warning(
                request,
                f"The email is held and not sent ({sent.held_reason}). Tell the referrer by phone or letter, "
                "and record that here too.",
            )
        else:
            messages.success(
                request, "Feedback recorded." if sent.method != Method.EMAIL else "Email sent to the outbox."
            )
        return redirect("contacts:detail", reference=contact.reference)
    intro = []
    if kind == FeedbackKind.OUTCOME:
        intro.append(f"Due by {outcome_feedback_due_at(contact):%-d %B %Y, %H:%M}.")
        if outcome_feedback_rule(contact) == CONFIDENTIAL:
            intro.append(
                "This referrer is not a professional: the text says only what the child's confidentiality allows. "
                "Do not add details of the assessment."
            )
        else:
            intro.append("The text is written from the decision. Check it, then send it.")
    return _page(request, contact, form, title=title, intro=intro, button="Record and send")


@require_http_methods(["GET", "POST"])
def family_told_view(request: AuthedRequest, reference: str) -> HttpResponse:
    """R-FB-3: who in the family was told what will happen, when, how and what; or why they were not told."""
    contact = _contact(request, reference)
    title = "Tell the child and family what will happen"
    existing = family_told(contact)
    if existing is not None or contact.decided_at is None:
        why = (
            "What the family was told about this decision is already recorded."
            if existing
            else ("The family is told what will happen once a manager has made the decision.")
        )
        return _page(request, contact, None, title=title, intro=[why])
    initial = {"what": family_text(contact)}
    if contact.parents_not_told_reason:
        initial["not_told_reason"] = contact.parents_not_told_reason
    form = f.FamilyToldForm(request.POST or None, initial=initial)
    done = _submit(
        request,
        form,
        lambda data: services.family_told_record(
            contact=contact, by=request.user, **{**data, "told": data["told"] == "yes"}
        ),
    )
    if done is not None:
        messages.success(request, "What the family was told is recorded.")
        return redirect("contacts:detail", reference=contact.reference)
    intro = ["Do not say who made the referral unless they are a professional or have agreed to it."]
    return _page(request, contact, form, title=title, intro=intro, button="Save")


@require_http_methods(["GET", "POST"])
def child_seen(request: AuthedRequest, reference: str, child_id: int) -> HttpResponse:
    """R-FB-3 (004): the child decided for assessment is seen as soon as possible: when, and by whom."""
    contact = _contact(request, reference)
    owed = next((c for c in children_to_see(contact) if c.child_id == child_id), None)
    if owed is None:
        raise Http404("Not found")
    title = f"Record that {owed.name} was seen"
    if owed.seen is not None:
        seen = owed.seen
        done = f"{owed.name} was seen by {seen.seen_by} on {timezone.localtime(seen.seen_at):%-d %B %Y, %H:%M}."
        return _page(request, contact, None, title=title, intro=[done])
    form = f.ChildSeenForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.child_seen_record(contact=contact, by=request.user, child_id=child_id, **data),
    )
    if done is not None:
        messages.success(request, f"Recorded that {owed.name} was seen.")
        return redirect("contacts:detail", reference=contact.reference)
    intro = [
        f"Decided for {owed.decision.get_outcome_display().lower()} {owed.waiting} ago. 004: the child should be "
        "seen as soon as possible if the referral needs further assessment."
    ]
    return _page(request, contact, form, title=title, intro=intro, button="Save")


@require_http_methods(["GET", "POST"])
def challenge_new(request: AuthedRequest, reference: str) -> HttpResponse:
    """R-ESC-1: a referrer disagrees with the decision; the first step is with the social worker."""
    contact = _contact(request, reference)
    initial = {"raised_by": ", ".join(p for p in (contact.referrer_name, contact.referrer_agency) if p.strip())}
    form = f.ChallengeForm(request.POST or None, initial=initial)
    challenge = _submit(request, form, lambda data: services.challenge_raise(contact=contact, by=request.user, **data))
    if challenge is not None:
        messages.success(request, "Challenge recorded: the social worker answers it first.")
        return redirect("followup:challenge", reference=contact.reference, challenge_id=challenge.pk)
    intro = [
        "A referrer who disagrees with the decision talks first with the social worker, then the team manager, "
        "the service manager and finally the safeguarding children partnership."
    ]
    return _page(request, contact, form, title="Record a challenge to the decision", intro=intro, button="Save")


def challenge_detail(request: AuthedRequest, reference: str, challenge_id: int) -> HttpResponse:
    if not can(request.user, Can.FOLLOW_UP):
        raise Http404("Not found")
    challenge = access_challenge(request.user, reference, challenge_id)
    steps = list(challenge.steps.select_related("outcome_recorded_by"))
    current = next((s for s in steps if s.is_open), None)
    return render(
        request,
        "followup/challenge.html",
        {"contact": challenge.contact, "challenge": challenge, "steps": steps, "current": current},
    )


@require_http_methods(["GET", "POST"])
def challenge_step(request: AuthedRequest, reference: str, challenge_id: int) -> HttpResponse:
    """R-ESC-1: the outcome of the current step: upheld, changed, or escalated to the next level."""
    if not can(request.user, Can.FOLLOW_UP):
        raise Http404("Not found")
    challenge = access_challenge(request.user, reference, challenge_id, log=request.method == "GET")
    current = challenge.steps.filter(outcome="").first()
    title = "Record the outcome of this step"
    if current is None or not challenge.is_open:
        return _page(request, challenge.contact, None, title=title, intro=["No step of this challenge is waiting."])
    form = f.StepForm(request.POST or None, level=current.level, initial={"handled_by": request.user.display_name})
    step = _submit(
        request, form, lambda data: services.challenge_step_record(challenge=challenge, by=request.user, **data)
    )
    if step is not None:
        messages.success(request, "Outcome recorded.")
        return redirect("followup:challenge", reference=reference, challenge_id=challenge.pk)
    intro = [
        f"Step: {current.get_level_display()}. Raised {current.raised_at:%-d %B %Y, %H:%M}; "
        f"due {current.due_at:%-d %B %Y, %H:%M}."
    ]
    if current.level < Level.PARTNERSHIP:
        intro.append(f"Escalating passes it to the {Level(current.level + 1).label.lower()}.")
    return _page(request, challenge.contact, form, title=title, intro=intro, button="Save outcome", challenge=challenge)


@require_http_methods(["GET", "POST"])
def challenge_resolve(request: AuthedRequest, reference: str, challenge_id: int) -> HttpResponse:
    """R-ESC-1 (003): the solution agreed, and when it was reached."""
    if not can(request.user, Can.FOLLOW_UP):
        raise Http404("Not found")
    challenge = access_challenge(request.user, reference, challenge_id, log=request.method == "GET")
    title = "Record the solution agreed"
    if not challenge.is_open:
        return _page(request, challenge.contact, None, title=title, intro=["This challenge is already resolved."])
    form = f.ResolveForm(request.POST or None)
    done = _submit(request, form, lambda data: services.challenge_resolve(challenge=challenge, by=request.user, **data))
    if done is not None:
        messages.success(request, "Challenge resolved.")
        return redirect("followup:challenge", reference=reference, challenge_id=challenge.pk)
    return _page(request, challenge.contact, form, title=title, intro=[], button="Save", challenge=challenge)
