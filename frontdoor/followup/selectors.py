"""Reads for the work after the decision: what the referrer is owed (R-FB-1, R-FB-2), whether the family
has been told (R-FB-3), and a contact's challenges (R-ESC-1)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.timesince import timesince

from frontdoor.contacts.models import Contact, ReferrerKind, Status
from frontdoor.contacts.selectors import referrer_feedback
from frontdoor.decisions.choices import REFERRAL_OUTCOMES, Outcome
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .models import Challenge, ChildSeen, FamilyTold, Feedback, FeedbackKind
from .texts import current_decisions

# R-FB-1 (001 s1): a contact closed "following the provision of advice, information or signposting":
# the referrer gets a copy of the advice given.
ADVICE_OUTCOMES = frozenset({Outcome.INFORMATION_ADVICE, Outcome.SIGNPOSTING})
OUTCOME_KINDS = (FeedbackKind.OUTCOME, FeedbackKind.ADVICE)
DECIDED = (Status.DECIDED, Status.CLOSED)

# What the referrer gets on the outcome: the professional's outcome, a confidential text, or nothing.
PROFESSIONAL, CONFIDENTIAL, NONE, ANONYMOUS = "professional", "confidential", "none", "anonymous"


def outcome_feedback_rule(contact: Contact) -> str:
    """R-FB-1, R-FB-2: which feedback on the outcome this referrer gets; for non-professionals the profile says."""
    if contact.referrer_kind == ReferrerKind.ANONYMOUS:
        return ANONYMOUS
    if contact.referrer_is_professional:
        return PROFESSIONAL
    return NONE if get_profile().feedback_non_professional == "none" else CONFIDENTIAL


def outcome_feedback_why_not(contact: Contact) -> str:
    """Why no outcome feedback is given, in the words the contact page uses (empty when it is given)."""
    return referrer_feedback(contact) if outcome_feedback_rule(contact) in (NONE, ANONYMOUS) else ""


def is_decided(contact: Contact) -> bool:
    return contact.status in DECIDED and contact.decided_at is not None


def closes_with_advice(contact: Contact) -> bool:
    """R-FB-1: every child's outcome is advice or signposting, so the referrer gets a copy of the advice."""
    outcomes = {d.outcome for d in current_decisions(contact) if d.outcome != Outcome.NOT_OPENED}
    return bool(outcomes) and outcomes <= ADVICE_OUTCOMES


def outcome_feedback_due_at(contact: Contact) -> datetime.datetime:
    """R-REF-2 (003): the referrer hears the outcome within the profile's time of the contact being received."""
    profile = get_profile()
    return due_at(contact.received_at, profile.outcome_feedback_deadline, profile)


def outcome_feedback_given(contact: Contact) -> Feedback | None:
    """The outcome feedback for the current decision (a decision reviewed since needs telling again)."""
    if contact.decided_at is None:
        return None
    return (
        Feedback.objects.filter(
            contact=contact, kind__in=OUTCOME_KINDS, created_at__gte=contact.decided_at, email_held=False
        )
        .order_by("-sent_at", "-id")
        .first()
    )


def outcome_feedback_outstanding(contact: Contact) -> bool:
    return (
        is_decided(contact)
        and outcome_feedback_rule(contact) in (PROFESSIONAL, CONFIDENTIAL)
        and outcome_feedback_given(contact) is None
    )


def family_told(contact: Contact) -> FamilyTold | None:
    """R-FB-3: what was recorded about telling the family since the current decision."""
    if contact.decided_at is None:
        return None
    return FamilyTold.objects.filter(contact=contact, recorded_at__gte=contact.decided_at).first()


def family_told_outstanding(contact: Contact) -> bool:
    return is_decided(contact) and family_told(contact) is None


# R-FB-3 (004): "The child should be seen as soon as possible if the decision is taken that the Referral
# requires further assessment": the referral outcomes that are an assessment or lead to one. MASH enquiries
# decide whether an assessment is needed (002 s5), so they do not yet owe a visit.
ASSESSMENT_OUTCOMES = REFERRAL_OUTCOMES - {Outcome.MASH_ENQUIRIES}


@dataclass(frozen=True)
class ChildToSee:
    """A child whose current decision on this contact leads to assessment, and whether they were seen."""

    decision: ThresholdDecision
    seen: ChildSeen | None

    @property
    def child_id(self) -> int:
        return self.decision.child_id

    @property
    def name(self) -> str:
        return self.decision.child.full_name

    @property
    def waiting(self) -> str:
        """How long since the decision, in words ("2 days, 3 hours"): 004 sets no deadline to count down to."""
        return timesince(self.decision.authorised_at, timezone.now()).replace("\xa0", " ")


def children_to_see(contact: Contact) -> list[ChildToSee]:
    """R-FB-3: each child decided for assessment on this contact, with when and by whom they were seen."""
    if not is_decided(contact):
        return []
    # an unborn child is not seen: the pre-birth assessment sees the parents
    decisions = [d for d in current_decisions(contact) if d.outcome in ASSESSMENT_OUTCOMES and not d.child.is_unborn]
    if not decisions:
        return []
    seen = {s.child_id: s for s in ChildSeen.objects.filter(contact=contact)}
    return [ChildToSee(decision=d, seen=seen.get(d.child_id)) for d in decisions]


def followup_outstanding(contact: Contact) -> list[str]:
    """What the closing page lists as still outstanding from the work after the decision."""
    items = []
    if outcome_feedback_outstanding(contact):
        items.append("The referrer has not been told the outcome.")
    if family_told_outstanding(contact):
        items.append("The child and family have not been told what will happen.")
    for owed in children_to_see(contact):
        if owed.seen is None:
            items.append(
                f"{owed.name} has not been seen: decided for assessment {owed.waiting} ago, to be seen as soon as "
                "possible."
            )
    return items


@dataclass(frozen=True)
class FollowupTask:
    key: str
    title: str
    done: bool
    status: str  # words for the tag: "Done", "To do", "Not needed"
    detail: str
    href: str
    due: datetime.datetime | None = None


def contact_feedback(contact: Contact) -> list[Feedback]:
    return list(Feedback.objects.filter(contact=contact).select_related("sent_by").order_by("-sent_at", "-id"))


def contact_challenges(contact: Contact) -> list[Challenge]:
    return list(Challenge.objects.filter(contact=contact).prefetch_related("steps").order_by("-raised_at", "-id"))
