"""Helpers for tests: a contact decided for a strategy discussion, and a meeting at each stage."""

import datetime
from typing import Any

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact
from frontdoor.decisions.services import ChildDecision, decision_authorise

from . import services as ss
from .models import StrategyMeeting


def decide_for_strategy(contact: Contact, officer: User, manager: User) -> Contact:
    """Screen, send and decide a recorded contact: a strategy discussion for every child, rated red."""
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="strategy_discussion", recommendation_reason="Significant harm"
    )
    children = [
        ChildDecision(
            person_id=link.person_id, opened=True, need_level="significant_harm", outcome="strategy_discussion"
        )
        for link in contact.people.filter(role="subject")
    ]
    decision_authorise(
        contact=contact,
        manager=manager,
        rating="red",
        rationale="Disclosure of physical harm: strategy discussion with the police.",
        children=children,
        version=contact.version,
        consent_reason="Telling the parents could put the child at risk.",
    )
    return Contact.objects.get(pk=contact.pk)


def requested_meeting(
    contact: Contact, manager: User, worker: User, meeting_at: datetime.datetime | None = None, **extra: Any
) -> StrategyMeeting:
    meeting = ss.strategy_worker_allocate(contact=contact, manager=manager, social_worker=worker)
    return ss.strategy_request_record(
        meeting=meeting,
        by=worker,
        meeting_at=meeting_at or timezone.now() + datetime.timedelta(hours=2),
        chronology=extra.get("chronology", "2024: one earlier contact, advice given."),
        initial_analysis=extra.get("initial_analysis", "A disclosure of physical harm by the father."),
    )
