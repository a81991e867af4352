"""The manager's threshold decision per child (R-DEC-1, R-DEC-5, R-SIB-1) and its review."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.policy import can_authorise
from frontdoor.accounts.models import Role, User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.deadlines import refresh_deadlines
from frontdoor.contacts.guidance import da_guidance, policy_guidance, record_held_on
from frontdoor.contacts.models import Contact, ContactNote, ContactPerson, RecordHeldOn, Status
from frontdoor.contacts.services import check_parents_response
from frontdoor.contacts.workflow import check_transition
from frontdoor.core.errors import PermissionDenied, ServiceError, StaleEdit, required_text
from frontdoor.notices.models import Notice
from frontdoor.notices.services import OpenCaseChild, notices_for_allocated_team
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile

from .choices import NO_CONSENT_OUTCOMES, REFERRAL_OUTCOMES, NeedLevel, Outcome, SpecialistAssessment, allowed_outcomes
from .models import ConsultationAbout, HeadOfServiceConsultation, ThresholdDecision
from .routing import Routing, has_allocated_team, team_for_decision


@dataclass(frozen=True)
class ChildDecision:
    person_id: int
    opened: bool
    need_level: str = ""
    outcome: str = ""
    removal_considered: bool = False
    # R-DEC-7, R-INT-7: the user consulted, who must hold a role of the profile's `removal_consultee`.
    consultee_id: int | None = None
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


def without_consent_and_safeguarding(contact: Contact, rating_key: str) -> bool:
    """002 s4: no consent and no safeguarding concern: the contact is not accepted as a referral."""
    return not contact.consent_obtained and not get_profile().rating(rating_key).safeguarding


def _role_labels(what: str) -> str:
    return " or ".join(Role(r).label.lower() for r in getattr(get_profile().authorisers, what))


def _check_outcome(decision: ChildDecision, child: Person, no_consent_case: bool, consent_obtained: bool) -> None:
    """R-DEC-5: the outcome is one the profile allows for the level of need; R-ROUTE-1: passing to
    the allocated worker needs an open case with a team; R-CON-4: without consent and safeguarding
    concerns, only the outcomes 002 s4 allows."""
    field = f"outcome_{decision.person_id}"
    if no_consent_case:
        if decision.outcome not in NO_CONSENT_OUTCOMES:
            raise ServiceError(
                "Consent has not been obtained and the rating shows no safeguarding concern, so this is not "
                "accepted as a referral: ask the referrer to discuss it with the parent or child and contact "
                "us again, forward it to early help, or close it.",
                field=field,
            )
        return
    if decision.outcome == Outcome.REFERRER_TO_SEEK_CONSENT:
        if consent_obtained:
            raise ServiceError("Consent has already been obtained.", field=field)
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
        raise ServiceError(  # R-DEC-5
            f"For “{NeedLevel(decision.need_level).label.lower()}” the outcome must be one of: {labels}.",
            field=field,
        )


@dataclass(frozen=True)
class _Consulted:
    user: User
    at: datetime.datetime | None


def _consultee(decision: ChildDecision, recorded: HeadOfServiceConsultation | None) -> _Consulted | None:
    """R-DEC-7: "Any decision to remove a child must be discussed with the relevant head of service" (001).
    A consultation the head of service recorded on the contact themselves counts as well (`recorded`)."""
    field = f"hos_{decision.person_id}"
    if decision.consultee_id is None:
        if recorded is not None:
            return _Consulted(recorded.consulted, recorded.consulted_at)
        if decision.removal_considered:
            raise ServiceError(
                f"A decision to remove a child must be discussed with the {_role_labels('removal_consultee')}: "
                "record who was consulted.",
                field=field,
            )
        return None
    consultee = User.objects.filter(pk=decision.consultee_id, is_active=True).first()
    if consultee is None or not can_authorise(consultee, "removal_consultee"):
        raise ServiceError(f"The person consulted must be a {_role_labels('removal_consultee')}.", field=field)
    return _Consulted(consultee, decision.head_of_service_consulted_at)


def _recorded_consultations(contact: Contact) -> dict[str, HeadOfServiceConsultation]:
    """The latest consultation the head of service recorded on the contact, by what it was about."""
    latest: dict[str, HeadOfServiceConsultation] = {}
    for consultation in contact.consultations.select_related("consulted").order_by("consulted_at", "id"):
        latest[consultation.about] = consultation
    return latest


def _recorded_for(
    decision: ChildDecision, contact: Contact, recorded: dict[str, HeadOfServiceConsultation]
) -> HeadOfServiceConsultation | None:
    """R-DEC-7: a removal needs a consultation about removal; R-INT-7: a staff-related referral one about staff."""
    if decision.removal_considered:
        return recorded.get(ConsultationAbout.REMOVAL)
    if contact.staff_related and decision.opened and decision.outcome in REFERRAL_OUTCOMES:
        return recorded.get(ConsultationAbout.STAFF)
    return None


def _check_child(
    decision: ChildDecision,
    child: Person,
    no_consent_case: bool,
    consent_obtained: bool,
    recorded: HeadOfServiceConsultation | None = None,
) -> _Consulted | None:
    unknown = set(decision.specialist_assessments) - set(SpecialistAssessment.values)
    if unknown:
        raise ServiceError(
            "Choose the specialist assessments from the list.", field=f"assessments_{decision.person_id}"
        )
    if decision.opened:
        _check_outcome(decision, child, no_consent_case, consent_obtained)
    return _consultee(decision, recorded)


def _check_consent(
    contact: Contact, rating_key: str, decisions: Sequence[ChildDecision], reason: str, manager: User
) -> bool:
    """R-CON-4: without consent a referral goes ahead only under the ratings the profile allows
    (002 s4: Amber or Red), decided by a role the profile names, with the reason recorded."""
    referral = any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in decisions)
    if not referral or contact.consent_obtained:
        return False
    profile = get_profile()
    if rating_key not in profile.proceed_without_consent_ratings:
        allowed = [profile.rating(k).label for k in profile.proceed_without_consent_ratings]
        raise ServiceError(
            "Consent has not been obtained. A referral can go ahead without it only when rated "
            f"{' or '.join(allowed) or 'never'}: otherwise ask the referrer to discuss it with the parent "
            "or child and contact us again, forward it to early help or close it.",
            field="rating",
        )
    if not can_authorise(manager, "proceed_without_consent"):
        raise PermissionDenied(
            f"Only a {_role_labels('proceed_without_consent')} can decide to proceed without consent."
        )
    required_text(reason, "Record why it is right to proceed without consent.", field="consent_reason")
    return True


def _check_authority(manager: User, decisions: Sequence[ChildDecision]) -> None:
    """R-DEC-5: the profile may separate who decides a contact from who authorises a referral's outcome
    (001 s3 and s5). Who decides at all is the permission table's `threshold_decision`."""
    referral = any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in decisions)
    if referral and not can_authorise(manager, "referral_outcome"):
        raise PermissionDenied(
            f"The outcome of a referral is authorised by a {_role_labels('referral_outcome')}. "
            "You can progress the contact to a referral for them to decide."
        )


def _check_police(contact: Contact) -> None:
    """R-DEC-6: a suspected crime is notified to the police first, unless the local policy says the
    police are not informed (004, under 10: "below the age of criminal responsibility"); R-POL-3: a
    policy that shares the matter with the police needs that recorded."""
    guidance = policy_guidance(contact)
    policy = guidance.policy if guidance else None
    if contact.police_notified_at is not None or (policy is not None and policy.notify_police is False):
        return
    if guidance is not None and policy is not None and policy.notify_police:
        raise ServiceError(
            f"The local policy “{policy.title}” shares this with {guidance.police_contact_label.lower()}: "
            "record when they were told.",
            field="police",
        )
    if contact.suspected_crime:
        raise ServiceError("A crime is suspected: record when the police were notified.", field="police")  # R-DEC-6


def _check_recommendations(contact: Contact, decisions: Sequence[ChildDecision], override_reason: str) -> None:
    """R-INT-5, R-POL-1..4: deciding otherwise than the risk or the local policy recommends needs a reason."""
    opened = [d for d in decisions if d.opened]
    da = da_guidance(contact)
    if da is not None and da.outcome is not None:
        if any(d.outcome != da.outcome for d in opened) and not override_reason.strip():
            raise ServiceError(f"{da.text} Give a reason for deciding otherwise.", field="policy_override_reason")
    guidance = policy_guidance(contact)
    if guidance is None:
        return
    check_parents_response(contact)
    if guidance.outcome is not None and da is None:
        differs = any(d.outcome != guidance.outcome for d in opened)
        if differs and not override_reason.strip():
            raise ServiceError(
                f"The local policy “{guidance.policy.title}” recommends "
                f"{Outcome(guidance.outcome).label.lower()}: give a reason for deciding otherwise.",
                field="policy_override_reason",
            )


def _check_contact_rules(
    contact: Contact, decisions: Sequence[ChildDecision], policy_override_reason: str, staff_consulted: bool = False
) -> None:
    referral = any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in decisions)
    _check_police(contact)
    if contact.staff_related and referral and not staff_consulted and not any(d.consultee_id for d in decisions):
        raise ServiceError(  # R-INT-7
            "This contact concerns a member of staff: record the head of service consulted.",
            field="staff",
        )
    _check_recommendations(contact, decisions, policy_override_reason)
    if not any(d.opened for d in decisions):
        raise ServiceError("Open the contact on at least one child, or choose no further action.", field="children")


def _open_cases(decisions: Sequence[ThresholdDecision], team_key: str, manager: User) -> list[int]:
    """R-ROUTE-1: a referral opens the child's involvement with the receiving team at once, so the
    next contact about the child routes there the same day, before the case system's next delta.
    A child already open to a team keeps the allocation the case system gave."""
    ids = [d.child_id for d in decisions if d.opened and d.outcome in REFERRAL_OUTCOMES - {Outcome.MASH_ENQUIRIES}]
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


def _policy_routing(contact: Contact, decisions: Sequence[ChildDecision]) -> Routing | None:
    """MASH enquiries stay in the MASH (002 s5: "further action will be taken within MASH"); a record
    held on early help goes to the early-help team (R-POL-1, R-POL-2)."""
    profile = get_profile()
    outcomes = {d.outcome for d in decisions if d.opened}
    if Outcome.MASH_ENQUIRIES in outcomes and not outcomes & (REFERRAL_OUTCOMES - {Outcome.MASH_ENQUIRIES}):
        return Routing(profile.duty_team().key)
    hubs = profile.teams_of_kind("early_help")
    if hubs and record_held_on(contact, list(outcomes)) == RecordHeldOn.EARLY_HELP:
        return Routing(hubs[0].key)
    return None


@service
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
    _check_authority(manager, children)
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.version != version:
        raise StaleEdit("Someone else changed this contact after you opened it: review it and decide again.")
    check_transition(contact.status, Status.DECIDED)
    profile.rating(rating)
    if not rationale.strip():
        raise ServiceError("Record the rationale for the decision.", field="rationale")  # R-DEC-5
    subject_ids = set(contact.people.filter(role=ContactPerson.Role.SUBJECT).values_list("person_id", flat=True))
    if {d.person_id for d in children} != subject_ids:
        raise ServiceError("Decide for every child on the contact.", field="children")
    people = Person.objects.in_bulk([d.person_id for d in children])
    no_consent_case = without_consent_and_safeguarding(contact, rating)
    recorded = _recorded_consultations(contact)
    consultees = {
        d.person_id: _check_child(
            d, people[d.person_id], no_consent_case, contact.consent_obtained, _recorded_for(d, contact, recorded)
        )
        for d in children
    }
    _check_contact_rules(contact, children, policy_override_reason, ConsultationAbout.STAFF in recorded)
    without_consent = _check_consent(contact, rating, children, consent_reason, manager)

    routing = _policy_routing(contact, children) or team_for_decision(
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
            without_consent_reason=consent_reason.strip() if without_consent else "",
            removal_considered=child.removal_considered,
            consultee=consulted.user if (consulted := consultees[child.person_id]) else None,
            head_of_service_consulted=consulted.user.display_name if consulted else "",
            head_of_service_consulted_at=(consulted.at or now) if consulted else None,
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
    if any(d.opened and d.outcome in REFERRAL_OUTCOMES for d in made) and contact.progressed_to_referral_at is None:
        contact.progressed_to_referral_by, contact.progressed_to_referral_at = manager, now
    contact.decided_at, contact.decided_by = now, manager
    if contact.alert_open:
        # The decision is the manager's answer to the alert: the contact leaves the top of their queue.
        contact.alert_acknowledged_at, contact.alert_acknowledged_by = now, manager
    contact.record_held_on = record_held_on(contact, [d.outcome for d in made if d.opened])
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
        action=AuditAction.CONTACT_DECIDED,
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


@service
@transaction.atomic
def decision_reopen_for_review(*, contact: Contact, manager: User, reason: str) -> Contact:
    """R-SIB-1: a decision (e.g. which siblings to open) is reviewable at any time."""
    required_text(reason, "Say why the decision is being reviewed.", field="reason")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    check_transition(contact.status, Status.AWAITING_DECISION)
    contact.status = Status.AWAITING_DECISION
    # A reopened decision gets a new clock from the reopening.
    contact.review_opened_at = timezone.now()
    refresh_deadlines(contact)
    contact.version += 1
    contact.updated_by = manager
    contact.save()
    audit_record(
        actor=manager, action=AuditAction.CONTACT_DECISION_REVIEW_OPENED, obj=contact, detail={"reason": reason}
    )
    return contact


@service
@transaction.atomic
def contact_progress_to_referral(*, contact: Contact, by: User, reason: str) -> Contact:
    """R-DEC-5, 001 s3: "A Contact will be progressed to a referral where a team manager or advanced
    practitioner ... considers an assessment and/or services may be required"; the referral's initial
    outcome is then authorised by the profile's `referral_outcome` roles (001 s5)."""
    required_text(reason, "Say why an assessment or services may be required.", field="reason")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.status != Status.AWAITING_DECISION:
        raise ServiceError("Only a contact awaiting a decision can be progressed to a referral.")
    if contact.progressed_to_referral_at is not None:
        raise ServiceError("This contact has already been progressed to a referral.")
    contact.progressed_to_referral_by, contact.progressed_to_referral_at = by, timezone.now()
    contact.version += 1
    contact.updated_by = by
    contact.full_clean()
    contact.save()
    ContactNote.objects.create(
        contact=contact, text=f"Progressed to a referral: {reason}", created_by=by, updated_by=by
    )
    audit_record(actor=by, action=AuditAction.CONTACT_PROGRESSED_TO_REFERRAL, obj=contact, detail={"reason": reason})
    return contact


@service
@transaction.atomic
def head_of_service_consultation_record(
    *, contact: Contact, by: User, about: str, consulted_at: datetime.datetime, advice: str
) -> HeadOfServiceConsultation:
    """R-INT-7 (002), R-DEC-7 (001): the head of service records that they were consulted on the contact,
    when, and the advice they gave. A threshold decision then accepts it (see `_recorded_for`)."""
    if about not in ConsultationAbout.values:
        raise ServiceError("Choose what you were consulted about.", field="about")
    if not advice.strip():
        raise ServiceError("Enter the advice you gave.", field="advice")
    now = timezone.now()
    if consulted_at > now:
        raise ServiceError("The time you were consulted must be in the past.", field="consulted_at")
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if consulted_at < contact.received_at:
        raise ServiceError(
            "The time you were consulted must be after the contact was received "
            f"({timezone.localtime(contact.received_at):%-d %B %Y, %H:%M}).",
            field="consulted_at",
        )
    if about == ConsultationAbout.STAFF and not contact.staff_related:
        raise ServiceError("This contact is not about a member of staff or their family.", field="about")
    consultation = HeadOfServiceConsultation(
        contact=contact, about=about, consulted=by, consulted_at=consulted_at, advice=advice.strip(), recorded_at=now
    )
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_HEAD_OF_SERVICE_CONSULTED,
        obj=contact,
        detail={"about": about, "consulted_at": consulted_at.isoformat()},
    )
    return consultation
