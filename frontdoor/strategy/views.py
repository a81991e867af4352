"""Thin views for strategy meetings: find the meeting through the access module, call one service."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import access_contact, access_strategy_meeting, can_authorise
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest
from frontdoor.people.models import Person

from . import forms as f
from . import services
from .models import StrategyMeeting
from .selectors import meeting_page, strategy_children


def detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = access_strategy_meeting(request.user, meeting_id)
    return render(request, "strategy/detail.html", meeting_page(request.user, meeting))


def _form_page(
    request: AuthedRequest,
    *,
    form: forms.Form,
    run: Callable[[dict[str, Any]], object],
    title: str,
    button: str,
    done: str,
    back: str,
    caption: str,
    intro: str = "",
    then: Callable[[Any], str] | None = None,
    quoted: str = "",
) -> HttpResponse:
    """Show the form; on a valid post run the service, showing its refusal next to the field it names."""
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            result = run(form.cleaned_data)
            messages.success(request, done)
            return redirect(then(result) if then else back)
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "title": title,
            "button": button,
            "back": back,
            "caption": caption,
            "intro": intro,
            "quoted": quoted,
        },
    )


def _meeting(request: AuthedRequest, meeting_id: int) -> StrategyMeeting:
    return access_strategy_meeting(request.user, meeting_id, log=request.method == "GET")


def _back(meeting: StrategyMeeting) -> str:
    return reverse("strategy:detail", args=[meeting.pk])


@require_http_methods(["GET", "POST"])
def allocate(request: AuthedRequest, reference: str) -> HttpResponse:
    if not can_authorise(request.user):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=request.method == "GET")

    return _form_page(
        request,
        form=f.AllocateForm(request.POST or None),
        run=lambda data: services.strategy_worker_allocate(
            contact=contact, manager=request.user, social_worker=data["social_worker"]
        ),
        title="Allocate a social worker for the strategy meeting",
        button="Allocate",
        done="Social worker allocated. You will chair the meeting and sign off its minutes.",
        back=reverse("contacts:detail", args=[contact.reference]),
        caption=contact.reference,
        intro="The social worker completes the request for the meeting, with its time, the chronology and their "
        "initial analysis, and business support organise it.",
        then=_back,
    )


@require_http_methods(["GET", "POST"])
def request_meeting(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    initial = {
        "chronology": meeting.chronology,
        "initial_analysis": meeting.initial_analysis,
        "meeting_at": meeting.meeting_at,
        "documents": list(meeting.documents.all()),
    }
    return _form_page(
        request,
        form=f.RequestForm(request.POST or None, meeting=meeting, initial=initial),
        run=lambda data: services.strategy_request_record(
            meeting=meeting,
            by=request.user,
            meeting_at=data["meeting_at"],
            chronology=data["chronology"],
            initial_analysis=data["initial_analysis"],
            documents=list(data.get("documents") or []),
        ),
        title="Request the strategy meeting",
        button="Send the request",
        done="Request sent to business support, with the time of the meeting.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def meeting_time(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.TimeForm(request.POST or None, initial={"meeting_at": meeting.meeting_at}),
        run=lambda data: services.strategy_meeting_time_set(
            meeting=meeting, by=request.user, meeting_at=data["meeting_at"]
        ),
        title="Change the time of the meeting",
        button="Save",
        done="Time of the meeting saved.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def invite(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.InviteForm(request.POST or None, meeting=meeting),
        run=lambda data: services.strategy_partner_invite(meeting=meeting, by=request.user, **data),
        title="Invite a partner",
        button="Invite",
        done="Invitation recorded.",
        back=_back(meeting),
        caption=meeting.contact.reference,
        intro="Invite the police at least, health, and normally the professional who made the referral. "
        "Leave the name blank to invite the referrer as recorded.",
    )


@require_http_methods(["GET", "POST"])
def reply(request: AuthedRequest, meeting_id: int, invitee_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None:
        raise Http404("Not found")
    return _form_page(
        request,
        form=f.ReplyForm(request.POST or None, initial={"reply": invitee.reply}),
        run=lambda data: services.strategy_reply_record(
            invitee=invitee, by=request.user, reply=data["reply"], at=data["at"] or timezone.now()
        ),
        title=f"Record the reply from {invitee.name}",
        button="Save",
        done="Reply recorded.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def referrer_not_invited(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.ReasonForm(request.POST or None),
        run=lambda data: services.strategy_referrer_not_invited(meeting=meeting, by=request.user, **data),
        title="Record why the referrer is not invited",
        button="Save",
        done="Reason recorded.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def minutes(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.MinutesForm(request.POST or None, initial={"minutes": meeting.minutes}),
        run=lambda data: services.strategy_minutes_record(meeting=meeting, by=request.user, **data),
        title="Record the minutes",
        button="Save the minutes",
        done="Minutes recorded. The chair signs them off.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def sign_off(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.GovukForm(request.POST or None),
        run=lambda data: services.strategy_minutes_sign_off(meeting=meeting, manager=request.user),
        title="Sign off the minutes",
        button="Sign off the minutes",
        done="Minutes signed off.",
        back=_back(meeting),
        caption=meeting.contact.reference,
        intro="You chair this meeting: signing off the minutes makes them ready to send to those who attended.",
        quoted=meeting.minutes,
    )


def _child(meeting: StrategyMeeting, child_id: int) -> Person:
    for child in strategy_children(meeting.contact):
        if child.pk == child_id:
            return child
    raise Http404("Not found")


@require_http_methods(["GET", "POST"])
def outcome(request: AuthedRequest, meeting_id: int, child_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    child = _child(meeting, child_id)
    found = meeting.outcomes.filter(child=child).first()
    initial = {"section_47": "yes" if found.section_47 else "no", "reasons": found.reasons} if found else {}
    return _form_page(
        request,
        form=f.OutcomeForm(request.POST or None, initial=initial),
        run=lambda data: services.strategy_child_outcome_record(
            meeting=meeting,
            manager=request.user,
            child=child,
            section_47=data["section_47"] == "yes",
            reasons=data["reasons"],
        ),
        title=f"The meeting's decision for {'this child' if child.restricted else child.full_name}",
        button="Save the decision",
        done="Decision recorded.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )


@require_http_methods(["GET", "POST"])
def action_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    return _form_page(
        request,
        form=f.ActionForm(request.POST or None, meeting=meeting),
        run=lambda data: services.strategy_action_add(meeting=meeting, by=request.user, **data),
        title="Add an action the meeting agreed",
        button="Add the action",
        done="Action recorded.",
        back=_back(meeting),
        caption=meeting.contact.reference,
    )
