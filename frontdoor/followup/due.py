"""What falls due after the decision, for the manager's dashboard (`frontdoor/core/due.py`): the outcome
owed to a referrer (R-FB-1, R-REF-2) and each open step of a challenge (R-ESC-1)."""

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse

from frontdoor.access.policy import challenges_visible_to, followup_contacts_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson, ReferrerKind, Status
from frontdoor.core.due import DueItem
from frontdoor.procedures.loader import get_profile

from .models import ChallengeStep, Feedback
from .selectors import OUTCOME_KINDS, outcome_feedback_due_at


def _label(contact: Contact) -> str:
    links = [link for link in contact.people.all() if link.role == ContactPerson.Role.SUBJECT]
    names = [link.person.full_name for link in links if not link.person.restricted]
    return f"{contact.reference} {names[0]}" if names else contact.reference


def _outcome_feedback(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    """Decided contacts whose referrer is owed the outcome and has not been told it; closed ones too, since
    the advice is copied to the referrer when a contact is closed (001 s1)."""
    profile = get_profile()
    kinds: list[str] = [ReferrerKind.PROFESSIONAL]
    if profile.feedback_non_professional != "none":
        kinds += [k for k in ReferrerKind.values if k not in (ReferrerKind.PROFESSIONAL, ReferrerKind.ANONYMOUS)]
    visible = followup_contacts_visible_to(user)
    told = Feedback.objects.filter(
        contact=OuterRef("pk"), kind__in=OUTCOME_KINDS, created_at__gte=OuterRef("decided_at"), email_held=False
    )
    contacts = (
        visible.filter(status__in=(Status.DECIDED, Status.CLOSED), decided_at__isnull=False, referrer_kind__in=kinds)
        .exclude(Exists(told))
        .prefetch_related("people__person")
    )
    for contact in contacts:
        due = outcome_feedback_due_at(contact)
        if due <= until:
            url = reverse("followup:feedback", args=[contact.reference, "outcome"])
            yield DueItem("Outcome to the referrer", _label(contact), due, url, contact.team_key)


def _challenge_steps(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    steps = (
        ChallengeStep.objects.filter(
            challenge__in=challenges_visible_to(user),
            challenge__resolved_at__isnull=True,
            outcome="",
            due_at__lte=until,
        )
        .select_related("challenge__contact")
        .prefetch_related("challenge__contact__people__person")
    )
    for step in steps:
        contact = step.challenge.contact
        url = reverse("followup:challenge", args=[contact.reference, step.challenge_id])
        kind = f"Challenge: answer from the {step.get_level_display().lower()}"
        yield DueItem(kind, _label(contact), step.due_at, url, contact.team_key)


def due_items(user: User, until: datetime.datetime) -> list[DueItem]:
    """R-TIME-1: every open feedback and challenge step due by `until` (overdue included) that `user` may see."""
    return [*_outcome_feedback(user, until), *_challenge_steps(user, until)]
