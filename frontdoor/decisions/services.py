"""The manager's threshold decision per child (R-DEC-1, R-DEC-5, R-SIB-1) and its review."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.policy import can_authorise
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.contacts.deadlines import refresh_deadlines
from frontdoor.contacts.models import ConsentStatus, Contact, ContactPerson, Status
from frontdoor.contacts.workflow import check_transition
from frontdoor.core.errors import PermissionDenied, ServiceError, StaleEdit
from frontdoor.notices.models import Notice
from frontdoor.notices.services import OpenCaseChild, notices_for_allocated_team
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile

from .choices import REFERRAL_OUTCOMES, NeedLevel, Outcome, SpecialistAssessment, allowed_outcomes
from .models import ThresholdDecision
from .routing import has_allocated_team, team_for_decision


@dataclass(frozen=True)
class ChildDecision:
    person_id: int
    opened: bool
    need_level: str = ""
    outcome: str = ""
    removal_considered: bool = False
    head_of_service_consulted: str = ""
    head_of_service_consulted_at: datetime.datetime | None = None
    # 004: the services the child and family need, and any further specialist assessments.
    services_required: str = ""
    specialist_assessments: tuple[str, ...] = ()
    specialist_assessments_other: str = ""


@dataclass(frozen=True)
class _Planned:
    """A child's decision before it is saved, shaped as routing reads a ThresholdDecision."""

    decision: ChildDecision
    child: Person

    @property
    def opened(self) -> bool:
        return self.decision.opened

    @property
    def outcome(self) -> str:
        return self.decision.outcome if self.decision.opened else Outcome.NOT_OPENED


def _check_child(decision: ChildDecision, child: Person) -> None:
    """R-DEC-5: the outcome is one the profile allows for the level of need; R-ROUTE-1: passing to
    the allocated worker needs an open case with a team."""
    unknown = set(decision.specialist_assessments) - set(SpecialistAssessment.values)
    if unknown:
        raise ServiceError(
            "Choose the specialist assessments from the list.", field=f"assessments_{decision.person_id}"
        )
    if not decision.opened:
        return
    if decision.need_level not in NeedLevel.values:
        raise ServiceError("Choose the level of need for each child opened.", field=f"need_{decision.person_id}")
    open_case = has_allocated_team(child)
    allowed = allowed_outcomes(decision.need_level, open_case=open_case)
    if decision.outcome == Outcome.PASSED_TO_ALLOCATED_WORKER and not open_case:
        raise ServiceError(
            f"{child.full_name} has no open case with an allocated team, so the contact cannot be passed "
            "to an allocated worker.",
            field=f"outcome_{decision.person_id}",
        )
    if decision.outcome not in allowed:
        labels = ", ".join(Outcome(o).label.lower() for o in sorted(allowed))
        raise ServiceError(
            f"For “{NeedLevel(decision.need_level).label.lower()}” the outcome must be: {labels}.",
            field=f"outcome_{decision.person_id}",
        )
    if decision.removal_considered and not decision.head_of_service_consulted.strip():
        raise ServiceError(
            "A decision to remove a child must be discussed with the head of service: record who (R-DEC-7).",
            field=f"hos_{decision.person_id}",
        )


def _check_consent(contact: Contact, rating_key: str, decisions: Sequence[ChildDecision], reason: str) -> bool:
    """R-CON-4: without consent a referral goes ahead only when safeguarding concerns justify it."""
    referral = any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in decisions)
    consent = contact.consent_status in (ConsentStatus.OBTAINED, ConsentStatus.DISPENSED_WITH)
    if not referral or consent:
        return False
    if not get_profile().rating(rating_key).safeguarding:
        raise ServiceError(
            "Consent has not been obtained and the rating shows no safeguarding concern: ask the referrer "
            "to discuss it with the parent, forward it to early help or close it (R-CON-4).",
            field="rating",
        )
    if not reason.strip():
        raise ServiceError("Record why it is right to proceed without consent (R-CON-4).", field="consent_reason")
    return True


def _check_contact_rules(contact: Contact, decisions: Sequence[ChildDecision], policy_override_reason: str) -> None:
    referral = any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in decisions)
    if contact.suspected_crime and contact.police_notified_at is None:
        raise ServiceError("A crime is suspected: record when the police were notified (R-DEC-6).", field="police")
    if contact.staff_related and referral and not any(d.head_of_service_consulted for d in decisions):
        raise ServiceError(
            "This contact concerns a member of staff: record the head of service consulted (R-INT-7).",
            field="staff",
        )
    if contact.policy_key:
        policy = get_profile().policy(contact.policy_key)
        differs = any(d.opened and d.outcome != policy.recommended_outcome for d in decisions)
        if differs and not policy_override_reason.strip():
            raise ServiceError(
                f"The local policy “{policy.title}” recommends {Outcome(policy.recommended_outcome).label.lower()}: "
                "give a reason for deciding otherwise.",
                field="policy_override_reason",
            )
    if not any(d.opened for d in decisions):
        raise ServiceError("Open the contact on at least one child, or choose no further action.", field="children")


def _open_cases(decisions: Sequence[ThresholdDecision], team_key: str, manager: User) -> list[int]:
    """R-ROUTE-1: a referral opens the child's involvement with the receiving team at once, so the
    next contact about the child routes there the same day, before the case system's next delta.
    A child already open to a team keeps the allocation the case system gave."""
    ids = [d.child_id for d in decisions if d.opened and d.outcome in REFERRAL_OUTCOMES]
    opened = []
    unallocated = Q(open_case=False) | Q(allocated_team_key="")
    for person in Person.objects.select_for_update().filter(unallocated, pk__in=ids).order_by("pk"):
        if not person.open_case:
            person.allocated_worker = ""
        person.open_case = True
        person.allocated_team_key = team_key
        person.version += 1
        person.updated_by = manager
        person.full_clean()
        person.save()
        opened.append(person.pk)
    return opened


def _tell_allocated_worker(
    contact: Contact, made: Sequence[ThresholdDecision], people: dict[int, Person], rationale: str
) -> list[dict[str, str]]:
    """R-ROUTE-1: "passed to the allocated worker": the worker and their manager are told."""
    to_worker = [
        people[d.child_id]
        for d in made
        if d.outcome == Outcome.PASSED_TO_ALLOCATED_WORKER and people[d.child_id].allocated_team_key == contact.team_key
    ]
    if not to_worker:
        return []
    notices = notices_for_allocated_team(
        contact=contact,
        kind=Notice.Kind.ALLOCATED_WORKER,
        team_key=contact.team_key,
        team_name=get_profile().team(contact.team_key).name,
        children=[OpenCaseChild(p.full_name, p.allocated_worker) for p in to_worker],
        reason=rationale,
    )
    return [{"user": n.recipient.username, "why": n.why} for n in notices]


@transaction.atomic
def decision_authorise(
    *,
    contact: Contact,
    manager: User,
    rating: str,
    rationale: str,
    children: Sequence[ChildDecision],
    version: int,
    consent_reason: str = "",
    policy_override_reason: str = "",
    team_key: str = "",
) -> list[ThresholdDecision]:
    """R-DEC-1/5, R-SIB-1: the manager confirms the rating and authorises an outcome for each child.

    `team_key` is the manager's choice of team, used only when the family's address does not show
    the area team (R-ROUTE-2); the choice is recorded on each decision and in the audit event.
    """
    profile = get_profile()
    if not can_authorise(manager, "threshold_decision"):
        raise PermissionDenied("Only a manager can authorise a threshold decision.")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.version != version:
        raise StaleEdit("Someone else changed this contact after you opened it: review it and decide again.")
    check_transition(contact.status, Status.DECIDED)
    profile.rating(rating)
    if not rationale.strip():
        raise ServiceError("Record the rationale for the decision (R-DEC-5).", field="rationale")
    subject_ids = set(contact.people.filter(role=ContactPerson.Role.SUBJECT).values_list("person_id", flat=True))
    if {d.person_id for d in children} != subject_ids:
        raise ServiceError("Decide for every child on the contact.", field="children")
    people = Person.objects.in_bulk([d.person_id for d in children])
    for decision in children:
        _check_child(decision, people[decision.person_id])
    _check_contact_rules(contact, children, policy_override_reason)
    without_consent = _check_consent(contact, rating, children, consent_reason)

    routing = team_for_decision(
        contact,
        [_Planned(d, people[d.person_id]) for d in children],
        rating=rating,
        chosen_team=team_key,
    )

    now = timezone.now()
    # Retire the current decisions first: one current decision per child is a constraint.
    previous = {d.child_id: d for d in contact.decisions.filter(is_current=True)}
    ThresholdDecision.objects.filter(pk__in=[d.pk for d in previous.values()]).update(is_current=False)
    made = []
    for child in children:
        row = ThresholdDecision(
            contact=contact,
            child_id=child.person_id,
            opened=child.opened,
            need_level=child.need_level if child.opened else "",
            outcome=child.outcome if child.opened else Outcome.NOT_OPENED,
            rating=rating,
            rationale=rationale,
            policy_key=contact.policy_key,
            policy_override_reason=policy_override_reason,
            proceed_without_consent=without_consent,
            removal_considered=child.removal_considered,
            head_of_service_consulted=child.head_of_service_consulted,
            head_of_service_consulted_at=child.head_of_service_consulted_at
            or (now if child.head_of_service_consulted else None),
            services_required=child.services_required.strip(),
            specialist_assessments=sorted(set(child.specialist_assessments)),
            specialist_assessments_other=child.specialist_assessments_other.strip(),
            team_key=routing.team_key,
            team_chosen_by_manager=routing.chosen_by_manager,
            authorised_by=manager,
            authorised_at=now,
        )
        row.full_clean(exclude=["superseded_by"])
        row.save()
        made.append(row)
        if child.person_id in previous:
            ThresholdDecision.objects.filter(pk=previous[child.person_id].pk).update(superseded_by=row)

    contact.status = Status.DECIDED
    contact.rating = rating
    contact.decided_at, contact.decided_by = now, manager
    contact.team_key = routing.team_key
    refresh_deadlines(contact)
    contact.version += 1
    contact.updated_by = manager
    contact.full_clean()
    contact.save()
    cases_opened = _open_cases(made, contact.team_key, manager)
    told = _tell_allocated_worker(contact, made, people, rationale)
    audit_record(
        actor=manager,
        action="contact.decided",
        obj=contact,
        detail={
            "rating": rating,
            "outcomes": {str(d.child_id): d.outcome for d in made},
            "without_consent": without_consent,
            "cases_opened": cases_opened,
            "team": routing.team_key,
            "team_chosen_by_manager": routing.chosen_by_manager,
            "told": told,
        },
    )
    return made


@transaction.atomic
def decision_reopen_for_review(*, contact: Contact, manager: User, reason: str) -> Contact:
    """R-SIB-1: a decision (e.g. which siblings to open) is reviewable at any time."""
    if not can_authorise(manager, "threshold_decision"):
        raise PermissionDenied("Only a manager can review a threshold decision.")
    if not reason.strip():
        raise ServiceError("Say why the decision is being reviewed.", field="reason")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    check_transition(contact.status, Status.AWAITING_DECISION)
    contact.status = Status.AWAITING_DECISION
    # A reopened decision gets a new clock from the reopening.
    contact.review_opened_at = timezone.now()
    refresh_deadlines(contact)
    contact.version += 1
    contact.updated_by = manager
    contact.save()
    audit_record(actor=manager, action="contact.decision_review_opened", obj=contact, detail={"reason": reason})
    return contact
