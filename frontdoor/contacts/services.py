"""Writes to contacts. Each function is one transaction that records its own audit event."""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import PermissionDenied, ServiceError, StaleEdit, required_text
from frontdoor.decisions.routing import RoutingSuggestion, open_case_routings
from frontdoor.notices.models import Notice
from frontdoor.notices.services import OpenCaseChild, notices_for_allocated_team
from frontdoor.people.labels import label_record, typed_details
from frontdoor.people.merging import people_confirm_distinct
from frontdoor.people.models import MatchLabel, Person, Relationship
from frontdoor.people.services import person_create
from frontdoor.procedures.deadlines import due_at
from frontdoor.procedures.loader import get_profile

from .alerts import rating_raise_alert
from .check_emails import email_check_request
from .deadlines import refresh_deadlines
from .guidance import record_held_on
from .models import (
    DA_TOOL_RESULTS,
    AgencyCheck,
    AgencyKind,
    Channel,
    ConsentGiver,
    ConsentStatus,
    Contact,
    ContactNote,
    ContactPerson,
    PoliceContact,
    ReferrerKind,
    SharingDecision,
    Status,
)
from .tasks import close_outstanding
from .workflow import check_transition


@dataclass(frozen=True)
class ChildInput:
    """A person on the contact: an existing record, or the details of a new one.

    By default a child the contact is about; `role` records a parent or carer, a household member
    or an alleged perpetrator instead (R-CHK-1: "is the child or family known").
    """

    person_id: int | None = None
    given_names: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    sex: str = "U"
    is_unborn: bool = False
    expected_delivery_date: datetime.date | None = None
    address: str = ""
    postcode: str = ""
    school: str = ""
    # Likely matches the worker judged to be someone else, and why (audited).
    not_same_as: tuple[int, ...] = ()
    not_same_reason: str = ""
    role: str = ContactPerson.Role.SUBJECT
    parental_responsibility: bool = False
    relationship: str = ""


# The same input describes any person on a contact.
PersonInput = ChildInput

# R-INT-3: what each role on a contact says about the person's relationship to the children.
_RELATIONSHIP_KINDS: dict[str, str] = {
    ContactPerson.Role.HOUSEHOLD: Relationship.Kind.HOUSEHOLD_MEMBER,
    ContactPerson.Role.ALLEGED_PERPETRATOR: Relationship.Kind.ALLEGED_PERPETRATOR,
}


def _lock(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().get(pk=contact.pk)


def _save(contact: Contact, by: User) -> None:
    # Every change can start or meet a clock (a DASH requested, the police told, a rating raised).
    refresh_deadlines(contact)
    contact.updated_by = by
    contact.version += 1
    contact.full_clean()
    contact.save()


def _save_clocks(contact: Contact) -> None:
    """Store the contact's clocks after a change to one of its agency checks (R-ROUTE-3)."""
    refresh_deadlines(contact)
    contact.save(update_fields=["due_at", "due_reason", "out_of_hours_at", "out_of_hours_pending_at"])


def _move(contact: Contact, target: str) -> None:
    check_transition(contact.status, target)
    contact.status = target


CONSENT_DETAILS = ("consent_at", "consent_given_by", "consent_given_by_kind", "consent_recorded_by", "consent_form")


def _derive(contact: Contact) -> None:
    """Facts that follow from others: a police notification comes from the police; a risk
    assessment's result gives the domestic-abuse risk level (R-INT-5)."""
    if contact.channel == Channel.POLICE_NOTIFICATION and not contact.referrer_agency_kind:
        contact.referrer_agency_kind = AgencyKind.POLICE
    level = DA_TOOL_RESULTS.get(contact.da_risk_tool, {}).get(contact.da_risk_result)
    if level:
        contact.da_risk = level


def _apply_policy(contact: Contact) -> None:
    """R-POL-1..3: the chosen local policy must exist and fit the children; it decides the record."""
    if contact.policy_key:
        try:
            policy = get_profile().policy(contact.policy_key)
        except LookupError:
            raise ServiceError("Choose one of the local policies listed.", field="policy_key") from None
        if policy.children_under is not None:
            for link in contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person"):
                born = link.person.date_of_birth
                if born is not None and _age_on(born, timezone.localdate(contact.received_at)) >= policy.children_under:
                    raise ServiceError(
                        f"The local policy “{policy.title}” is for children under {policy.children_under}: "
                        f"{link.person.full_name} is older.",
                        field="policy_key",
                    )
    outcomes = list(contact.decisions.filter(is_current=True).values_list("outcome", flat=True))
    contact.record_held_on = record_held_on(contact, outcomes)


def _age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _check_child_can_consent(contact: Contact) -> None:
    """R-CON-2, 002 s4: "the consent of parent(s) or the child (if over 16)". A child consents from the
    profile's consent age (16: read as the common "over-16s", from the 16th birthday)."""
    if contact.consent_status != ConsentStatus.OBTAINED or contact.consent_given_by_kind != ConsentGiver.CHILD:
        return
    age = get_profile().consent_age
    day = timezone.localtime(contact.consent_at).date()
    for link in contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person"):
        born = link.person.date_of_birth
        if born is None or _age_on(born, day) < age:
            raise ServiceError(
                f"{link.person.full_name} is not known to be {age} or over: a parent must give consent.",
                field="consent_given_by_kind",
            )


def _apply_consent(contact: Contact, by: User) -> None:
    """R-CON-2: who gave consent (required), as parent or child, when (the worker's time, by default
    when the contact was received) and who took it (by default the signed-in worker). R-CON-4: while
    consent is missing and the contact open, its need is reviewed by a date (the profile's default)."""
    if contact.consent_status == ConsentStatus.OBTAINED:
        if not contact.consent_given_by.strip():
            raise ServiceError("Enter who gave consent.", field="consent_given_by")
        contact.consent_given_by_kind = contact.consent_given_by_kind or ConsentGiver.PARENT
        contact.consent_at = contact.consent_at or contact.received_at
        if contact.consent_at > timezone.now() + datetime.timedelta(minutes=5):
            raise ServiceError("The time consent was given cannot be in the future.", field="consent_at")
        contact.consent_recorded_by = contact.consent_recorded_by or by.display_name
        contact.consent_review_date = None
    elif contact.is_open and contact.consent_review_date is None:
        review = due_at(contact.received_at, get_profile().consent_review_within)
        contact.consent_review_date = timezone.localtime(review).date()


def _keep_recorded_consent(contact: Contact, fields: dict[str, Any]) -> None:
    """R-CON-2: consent once recorded as obtained is never overwritten by a later save."""
    if contact.consent_status != ConsentStatus.OBTAINED:
        return
    if fields.get("consent_status", ConsentStatus.OBTAINED) != ConsentStatus.OBTAINED:
        return
    for key in CONSENT_DETAILS:
        if key not in fields:
            continue
        old, new = getattr(contact, key), fields[key]
        if key == "consent_at" and old and new:
            old, new = old.replace(second=0, microsecond=0), new.replace(second=0, microsecond=0)
        if new not in (None, "") and new != old:
            raise ServiceError(
                "Consent is already recorded as given; it cannot be changed. If it has been withdrawn, "
                "record that instead, and add a note for a correction.",
                field=key,
            )
        fields.pop(key)


def _check_person_input(item: ChildInput) -> None:
    if item.role not in ContactPerson.Role.values:
        raise ServiceError("Choose the person's role on the contact.", field="role")
    if item.person_id is None and not item.family_name.strip():
        raise ServiceError("Enter the person's family name, or 'Not known'.", field="family_name")
    if item.role != ContactPerson.Role.SUBJECT and item.is_unborn:
        raise ServiceError("Only a child the contact is about can be unborn.", field="is_unborn")
    if item.role == ContactPerson.Role.SUBJECT and item.parental_responsibility:
        raise ServiceError("A child the contact is about does not hold parental responsibility here.")


def _new_person(item: ChildInput, by: User) -> Person:
    person = person_create(
        created_by=by,
        given_names=item.given_names,
        family_name=item.family_name,
        date_of_birth=item.date_of_birth,
        sex=item.sex,
        is_unborn=item.is_unborn,
        expected_delivery_date=item.expected_delivery_date,
        address=item.address,
        postcode=item.postcode,
        school=item.school,
    )
    if item.not_same_as:
        audit_record(
            actor=by,
            action=AuditAction.PERSON_CREATED_DESPITE_LIKELY_MATCH,
            obj=person,
            detail={"not_same_as": list(item.not_same_as), "reason": item.not_same_reason},
        )
        # The worker's judgement stands: `frontdoor people duplicates` does not offer these pairs again,
        # and each likely match set aside is a labelled pair (what was typed is not that record).
        for other in Person.objects.filter(pk__in=item.not_same_as):
            label_record(source=MatchLabel.Source.NOT_PICKED, same=False, query=_typed(item), person=other, by=by)
            people_confirm_distinct(
                first=person, second=other, confirmed_by=by, reason=item.not_same_reason, label=False
            )
    return person


def _typed(item: ChildInput) -> dict[str, str]:
    """What the worker typed about the person, as a match label keeps it."""
    return typed_details(
        given_names=item.given_names,
        family_name=item.family_name,
        date_of_birth=item.date_of_birth,
        postcode=item.postcode,
        sex=item.sex,
        expected_date_of_birth=item.expected_delivery_date if item.is_unborn else None,
    )


def _link_person(contact: Contact, item: ChildInput, by: User) -> ContactPerson:
    """R-CHK-1: link an existing record the worker chose, or create a new person (likely matches noted)."""
    _check_person_input(item)
    if item.person_id is not None:
        person = Person.objects.filter(pk=item.person_id, merged_into__isnull=True).first()
        if person is None:
            raise ServiceError("That person record no longer exists; search again.", field="person_id")
        matched = True
    else:
        person = _new_person(item, by)
        matched = False
    if ContactPerson.objects.filter(contact=contact, person=person, role=item.role).exists():
        raise ServiceError(f"{person.full_name} is already on this contact in that role.", field="person_id")
    if matched and (item.given_names.strip() or item.family_name.strip() or item.date_of_birth):
        # The worker picked this record for what was typed: a labelled pair for `frontdoor people train`.
        label_record(source=MatchLabel.Source.PICKED, same=True, query=_typed(item), person=person, by=by)
    return ContactPerson.objects.create(
        contact=contact,
        person=person,
        role=item.role,
        matched_existing=matched,
        parental_responsibility=item.parental_responsibility,
        relationship=item.relationship.strip(),
    )


def _relate_family(contact: Contact) -> None:
    """Record in the person index how the adults on a contact are related to its children."""
    links = list(contact.people.all())
    children = [link.person_id for link in links if link.is_subject]
    for link in links:
        kinds = [_RELATIONSHIP_KINDS[link.role]] if link.role in _RELATIONSHIP_KINDS else []
        if link.parental_responsibility:
            kinds.append(Relationship.Kind.PARENTAL_RESPONSIBILITY)
        for child_id in children:
            for kind in kinds:
                if child_id != link.person_id:
                    Relationship.objects.get_or_create(person_id=link.person_id, other_id=child_id, kind=kind)


def _has_young_parent(contact: Contact) -> bool:
    return any(link.is_young_parent for link in contact.people.select_related("person", "contact"))


def _check_record_inputs(children: Sequence[ChildInput], people: Sequence[ChildInput]) -> None:
    if not children:
        raise ServiceError("Add at least one child the contact is about.", field="children")
    if any(child.role != ContactPerson.Role.SUBJECT for child in children):
        raise ServiceError("The children the contact is about are given as children, not as other people.")
    if any(person.role == ContactPerson.Role.SUBJECT for person in people):
        raise ServiceError("Give each other person's role: parent or carer, household member or alleged perpetrator.")


# Set only by the workflow's own services (contacts/workflow.py and the clocks), never by the caller
# recording a contact: a new contact always starts "received", unrated by a manager, with its clocks computed.
WORKFLOW_FIELDS = frozenset(
    {
        "reference",
        "status",
        "version",
        "rating",
        "team_key",
        "initial_rated_by",
        "initial_rated_at",
        "decided_at",
        "decided_by",
        "closed_at",
        "closed_by",
        "team_acknowledged_at",
        "team_acknowledged_by",
        "progressed_to_referral_at",
        "progressed_to_referral_by",
        "share_without_consent_at",
        "share_without_consent_by",
        "decision_due_at",
        "action_due_at",
        "due_at",
        "disposal_due_at",
        "acknowledgement_due_at",
        "review_opened_at",
        "out_of_hours_at",
        "out_of_hours_pending_at",
        "alert_raised_at",
        "alert_acknowledged_at",
        "alert_acknowledged_by",
    }
)


def _resubmitted(contact: Contact, by: User) -> Contact:
    """The same form sent twice (a double click, a retry): the first contact stands, the repeat is logged."""
    audit_record(actor=by, action=AuditAction.CONTACT_RESUBMITTED, obj=contact)
    return contact


@service
def contact_record(
    *,
    recorded_by: User,
    children: Sequence[ChildInput],
    people: Sequence[ChildInput] = (),
    idempotency_key: uuid.UUID | None = None,
    **fields: Any,
) -> Contact:
    """R-INT-1..9: record a contact about one or more children and the family around them.

    A repeated submit returns the first. `people` are the parents, carers, household members and
    alleged perpetrators, each linked to a record of the person index or created (R-CHK-1).
    """
    if idempotency_key is not None:
        existing = Contact.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _resubmitted(existing, recorded_by)
    _check_record_inputs(children, people)
    managed = sorted(set(fields) & WORKFLOW_FIELDS)
    if managed:
        raise ServiceError(f"These are set by the workflow, not when a contact is recorded: {', '.join(managed)}.")
    try:
        with transaction.atomic():
            contact = _create_contact(recorded_by, idempotency_key, fields)
            for item in [*children, *people]:
                _link_person(contact, item, recorded_by)
            _relate_family(contact)
            if not contact.parent_under_18 and _has_young_parent(contact):
                contact.parent_under_18 = True
                contact.save(update_fields=["parent_under_18"])
            _check_child_can_consent(contact)
            if contact.policy_key:
                _apply_policy(contact)
                contact.save(update_fields=["record_held_on"])
            audit_record(
                actor=recorded_by,
                action=AuditAction.CONTACT_RECORDED,
                obj=contact,
                detail={"children": len(children), "people": len(people), "channel": contact.channel},
            )
    except IntegrityError:
        # Two submits of one form racing: the loser returns the winner's contact.
        if idempotency_key is not None:
            existing = Contact.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return _resubmitted(existing, recorded_by)
        raise
    return contact


def _create_contact(recorded_by: User, idempotency_key: uuid.UUID | None, fields: dict[str, Any]) -> Contact:
    profile = get_profile()
    contact = Contact(
        created_by=recorded_by,
        updated_by=recorded_by,
        idempotency_key=idempotency_key,
        reference=uuid.uuid4().hex[:20],
        team_key=profile.duty_team().key,
        **fields,
    )
    # R-INT-6: a professional who phoned must follow up in writing.
    contact.written_follow_up_required = bool(
        profile.written_follow_up_required
        and contact.referrer_kind == ReferrerKind.PROFESSIONAL
        and contact.channel == Channel.PHONE
    )
    if contact.initial_rating:
        profile.rating(contact.initial_rating)
        contact.initial_rated_by, contact.initial_rated_at = recorded_by, timezone.now()
        rating_raise_alert(contact, "", contact.initial_rating, recorded_by)
    _derive(contact)
    refresh_deadlines(contact)
    _apply_consent(contact, recorded_by)
    # The users are the signed-in user's own record: checking each one exists is a round trip for nothing.
    contact.full_clean(exclude=["reference", "created_by", "updated_by", "initial_rated_by"])
    contact.save()
    contact.reference = f"FD-{contact.received_at:%y}-{contact.pk:07d}"
    contact.save(update_fields=["reference"])
    return contact


@service
@transaction.atomic
def contact_add_person(*, contact: Contact, by: User, person: ChildInput) -> ContactPerson:
    """R-SIB-1, R-CHK-1: a child or another member of the family added after the contact was recorded.

    A child added to a decided contact sends it back for a decision, so the manager decides for
    that child too; the decisions already made stay until the manager authorises again.
    """
    contact = _lock(contact)
    if not contact.is_open:
        raise ServiceError("This contact is no longer open; record a new contact instead.")
    link = _link_person(contact, person, by)
    reopened = link.is_subject and contact.status == Status.DECIDED
    if reopened:
        _move(contact, Status.AWAITING_DECISION)
        refresh_deadlines(contact)
    _relate_family(contact)
    if link.is_young_parent:
        contact.parent_under_18 = True
    _save(contact, by)
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_PERSON_ADDED,
        obj=contact,
        detail={
            "person": link.person_id,
            "role": link.role,
            "new_record": not link.matched_existing,
            "decision_reopened": reopened,
        },
    )
    return link


def _young_parent_link(contact: Contact, link_id: int) -> ContactPerson:
    link = contact.people.select_related("person", "contact").filter(pk=link_id).first()
    if link is None or not link.is_young_parent:
        raise ServiceError("Only a parent or carer under 18 on this contact can be offered their own assessment.")
    return link


@service
@transaction.atomic
def contact_refer_young_parent(*, contact: Contact, by: User, link_id: int) -> Contact:
    """R-INT-8 (002): a parent under 18 becomes the subject of a referral in their own right.

    A new contact is recorded about the young parent, linked from this one; 002 says a different
    social worker normally assesses them, so the new contact starts unassigned with the duty team.
    """
    contact = _lock(contact)
    link = _young_parent_link(contact, link_id)
    if link.own_contact_id is not None:
        raise ServiceError(f"{link.person.full_name} already has a contact of their own.")
    if link.own_assessment_declined_at is not None:
        raise ServiceError(f"{link.person.full_name} declined an assessment in their own right.")
    own = _create_contact(
        by,
        None,
        {
            "received_at": timezone.now(),
            "channel": contact.channel,
            "referrer_kind": contact.referrer_kind,
            "referrer_name": contact.referrer_name,
            "referrer_agency": contact.referrer_agency,
            "referrer_role": contact.referrer_role,
            "referrer_phone": contact.referrer_phone,
            "referrer_email": contact.referrer_email,
            "anonymity_requested": contact.anonymity_requested,
            "anonymity_warning_given": contact.anonymity_warning_given,
            "reason": f"A parent under 18 on contact {contact.reference}, referred for an assessment in their own "
            f"right.\n\n{contact.reason}",
        },
    )
    ContactPerson.objects.create(
        contact=own, person=link.person, role=ContactPerson.Role.SUBJECT, matched_existing=True
    )
    link.own_contact = own
    link.save(update_fields=["own_contact"])
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_RECORDED,
        obj=own,
        detail={"children": 1, "channel": own.channel, "young_parent_of": contact.reference},
    )
    return own


@service
@transaction.atomic
def contact_record_young_parent_declined(
    *, contact: Contact, manager: User, link_id: int, reason: str
) -> ContactPerson:
    """R-INT-8 (002): a young parent's refusal of their own assessment is recorded by a manager."""

    required_text(reason, "Record what the young parent said and who offered the assessment.", field="reason")
    contact = _lock(contact)
    link = _young_parent_link(contact, link_id)
    if link.own_assessment_declined_at is not None:
        raise ServiceError("The refusal has already been recorded.")
    link.own_assessment_declined_at, link.own_assessment_declined_by = timezone.now(), manager
    link.own_assessment_declined_reason = reason.strip()
    link.save(
        update_fields=["own_assessment_declined_at", "own_assessment_declined_by", "own_assessment_declined_reason"]
    )
    audit_record(
        actor=manager, action=AuditAction.CONTACT_YOUNG_PARENT_DECLINED, obj=contact, detail={"person": link.person_id}
    )
    return link


EDITABLE_FIELDS = frozenset(
    {
        "reason",
        "child_words",
        "requested_level",
        "staff_risk",
        "referrer_name",
        "referrer_agency",
        "referrer_agency_kind",
        "referrer_role",
        "referrer_phone",
        "referrer_email",
        "referrer_relationship",
        "anonymity_requested",
        "anonymity_warning_given",
        "referrer_consents_to_disclosure",
        "hh_domestic_abuse",
        "hh_mental_illness",
        "hh_substance_misuse",
        "hh_learning_difficulties",
        "domestic_abuse",
        "da_risk",
        "da_risk_tool",
        "da_risk_result",
        "dash_attached",
        "staff_related",
        "parent_under_18",
        "young_parent_offer",
        "suspected_crime",
        "checklist",
        "parents_aware",
        "parents_not_told_reason",
        "consent_status",
        "consent_form",
        "consent_given_by",
        "consent_given_by_kind",
        "consent_recorded_by",
        "consent_at",
        "consent_reason",
        "consent_review_date",
        "screening_nature",
        "screening_how_why",
        "screening_needs",
        "screening_significant_harm",
        "screening_urgent_action",
        "recommendation",
        "recommendation_reason",
        "policy_key",
        "parents_response",
    }
)


@service
@transaction.atomic
def contact_update(*, contact: Contact, by: User, version: int, **fields: Any) -> Contact:
    """Edit the details gathered while screening. A stale version is refused, never overwritten."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ServiceError(f"These details cannot be edited here: {', '.join(sorted(unknown))}.")
    contact = _lock(contact)
    if contact.version != version:
        raise StaleEdit(
            "Someone else saved changes to this contact after you opened it. Your changes have not "
            "been saved: check what they changed, then make your changes again."
        )
    if not contact.is_open:
        raise ServiceError("This contact is closed; add a note instead.")
    _keep_recorded_consent(contact, fields)
    changed = sorted(k for k, v in fields.items() if getattr(contact, k) != v)
    for key, value in fields.items():
        setattr(contact, key, value)
    _apply_consent(contact, by)
    _check_child_can_consent(contact)
    _derive(contact)
    _apply_policy(contact)
    refresh_deadlines(contact)  # a referrer now known to be the police starts the DASH clock
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_UPDATED, obj=contact, detail={"fields": changed})
    return contact


@service
@transaction.atomic
def contact_start_screening(*, contact: Contact, by: User) -> Contact:
    contact = _lock(contact)
    _move(contact, Status.SCREENING)
    contact.assigned_to = by
    refresh_deadlines(contact)
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_SCREENING_STARTED, obj=contact)
    return contact


@service
@transaction.atomic
def contact_assign(*, contact: Contact, by: User, assignee: User | None) -> Contact:
    contact = _lock(contact)
    contact.assigned_to = assignee
    _save(contact, by)
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_ASSIGNED,
        obj=contact,
        detail={"assignee": assignee.username if assignee else None},
    )
    return contact


@service
@transaction.atomic
def contact_rate_initial(*, contact: Contact, by: User, rating: str) -> Contact:
    """R-DEC-1: an initial rating on receipt; the manager confirms or changes it later."""
    profile = get_profile()
    contact = _lock(contact)
    if not contact.is_open or contact.status == Status.DECIDED:
        raise ServiceError("The rating can only be set before the threshold decision.", field="rating")
    profile.rating(rating)
    rating_raise_alert(contact, contact.rating or contact.initial_rating, rating, by)
    contact.initial_rating = rating
    contact.initial_rated_by, contact.initial_rated_at = by, timezone.now()
    refresh_deadlines(contact)
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_RATED, obj=contact, detail={"rating": rating})
    return contact


@service
@transaction.atomic
def contact_submit_for_decision(
    *, contact: Contact, by: User, recommendation: str, recommendation_reason: str
) -> Contact:
    """R-DEC-4: screening is recorded, a rating given, and a recommendation made for the manager."""
    contact = _lock(contact)
    _move(contact, Status.AWAITING_DECISION)
    if not contact.initial_rating:
        raise ServiceError("Give the contact an initial rating before sending it for a decision.", field="rating")
    if not contact.screening_nature.strip():
        raise ServiceError(
            "Record the nature of the concern before sending it for a decision.", field="screening_nature"
        )
    required_text(recommendation_reason, "Say why you recommend this outcome.", field="recommendation_reason")
    check_parents_response(contact)
    contact.recommendation, contact.recommendation_reason = recommendation, recommendation_reason
    refresh_deadlines(contact)
    _save(contact, by)
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_SUBMITTED_FOR_DECISION,
        obj=contact,
        detail={"recommendation": recommendation},
    )
    return contact


def check_parents_response(contact: Contact) -> None:
    """R-POL-1, R-POL-2: where the policy asks the setting to talk to the parents, their response is
    noted before the decision (004: "The responses of the parents/carers should be noted")."""
    if not contact.policy_key:
        return
    policy = get_profile().policy(contact.policy_key)
    if policy.parents_response_required and not contact.parents_response.strip():
        raise ServiceError(
            f"The local policy “{policy.title}” asks the setting to talk to the parents: "
            "record the parents' or carers' response first.",
            field="parents_response",
        )


@service
@transaction.atomic
def contact_return_for_screening(*, contact: Contact, by: User, reason: str) -> Contact:
    if not reason.strip():
        raise ServiceError("Say what more information is needed.", field="reason")
    contact = _lock(contact)
    _move(contact, Status.SCREENING)
    refresh_deadlines(contact)
    _save(contact, by)
    ContactNote.objects.create(
        contact=contact, text=f"Returned for more information: {reason}", created_by=by, updated_by=by
    )
    audit_record(actor=by, action=AuditAction.CONTACT_RETURNED_FOR_SCREENING, obj=contact, detail={"reason": reason})
    return contact


def _open_case_team(contact: Contact, team_key: str) -> list[RoutingSuggestion]:
    """R-ROUTE-1: the children on the contact with an open case with `team_key` (every child is
    considered, not only the first); refused when there are none."""
    routings = open_case_routings(contact)
    if not routings:
        raise ServiceError(
            "No child on this contact has an open case with an allocated team, so it cannot be passed "
            "to one: screen it instead.",
            field="team_key",
        )
    matching = [r for r in routings if r.team_key == team_key]
    if not matching:
        teams = ", ".join(dict.fromkeys(r.team_name for r in routings))
        raise ServiceError(
            f"Pass it to a team that has an open case for a child on this contact: {teams}.", field="team_key"
        )
    return matching


@service
@transaction.atomic
def contact_pass_to_allocated_team(*, contact: Contact, by: User, team_key: str, reason: str) -> Contact:
    """R-ROUTE-1/2: significant information about an open case goes to the allocated team, which is told
    (the allocated worker and the team's managers) and keeps it in its queue until it acknowledges it."""
    team = get_profile().team(team_key) if any(t.key == team_key for t in get_profile().teams) else None
    if team is None:
        raise ServiceError("Choose a team.", field="team_key")
    required_text(reason, "Say why the contact is being passed on.", field="reason")
    contact = _lock(contact)
    _move(contact, Status.PASSED_ON)
    matching = _open_case_team(contact, team_key)
    contact.team_key, contact.passed_on_reason = team_key, reason
    contact.closed_at, contact.closed_by = timezone.now(), by
    refresh_deadlines(contact)
    _save(contact, by)
    children = [OpenCaseChild(r.child_name, r.worker) for r in matching]
    notices = notices_for_allocated_team(
        contact=contact,
        kind=Notice.Kind.PASSED_ON,
        team_key=team_key,
        team_name=team.name,
        children=children,
        reason=reason,
    )
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_PASSED_ON,
        obj=contact,
        detail={"team": team_key, "children": [r.person_id for r in matching], "told": _told(notices)},
    )
    return contact


def _told(notices: Sequence[Notice]) -> list[dict[str, str]]:
    return [{"user": n.recipient.username, "why": n.why} for n in notices]


@service
@transaction.atomic
def contact_acknowledge_receipt(*, contact: Contact, by: User) -> Contact:
    """R-ROUTE-1: someone in the receiving team acknowledges a contact passed to it; until then it
    stays in that team's queue."""
    contact = _lock(contact)
    _move(contact, Status.TEAM_ACKNOWLEDGED)
    if not by.team_key or by.team_key != contact.team_key:
        team = get_profile().team(contact.team_key).name if contact.team_key else "the receiving team"
        raise PermissionDenied(f"Only someone in {team} can acknowledge this contact.")
    contact.team_acknowledged_at, contact.team_acknowledged_by = timezone.now(), by
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_TEAM_ACKNOWLEDGED, obj=contact, detail={"team": contact.team_key})
    return contact


@service
@transaction.atomic
def contact_close(*, contact: Contact, by: User, summary: str, outstanding_reason: str = "") -> Contact:
    """Closing records that the authorised outcome has been carried out. Nothing is deleted.

    What is still outstanding (the referrer's acknowledgement, R-DEC-2; the written follow-up, R-INT-6;
    agency checks, R-ROUTE-3; a requested DASH, R-INT-5) is kept on the contact with the reason it was
    closed anyway, which is required whenever anything is outstanding."""
    if not summary.strip():
        raise ServiceError("Record what was done to carry out the outcome.", field="summary")
    contact = _lock(contact)
    _move(contact, Status.CLOSED)
    if contact.dash_missing and contact.dash_requested_at is None:
        raise ServiceError("Request the missing DASH before closing this domestic-abuse notification.", field="dash")
    outstanding = close_outstanding(contact)
    if outstanding and not outstanding_reason.strip():
        raise ServiceError(
            "Some work on this contact is still outstanding: say why it is being closed anyway.",
            field="outstanding_reason",
        )
    contact.closing_summary = summary
    contact.closed_with_outstanding = outstanding
    contact.closed_anyway_reason = outstanding_reason.strip() if outstanding else ""
    contact.closed_at, contact.closed_by = timezone.now(), by
    refresh_deadlines(contact)
    _save(contact, by)
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_CLOSED,
        obj=contact,
        detail={"outstanding": outstanding, "closed_anyway_reason": contact.closed_anyway_reason},
    )
    return contact


@service
@transaction.atomic
def contact_request_dash(*, contact: Contact, by: User) -> Contact:
    """R-INT-5: a police domestic-abuse notification without a DASH: record that it was requested."""
    contact = _lock(contact)
    if not contact.dash_missing:
        raise ServiceError("This contact does not need a DASH requesting.")
    contact.dash_requested_at = timezone.now()
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_DASH_REQUESTED, obj=contact)
    return contact


@service
@transaction.atomic
def contact_acknowledge(*, contact: Contact, by: User) -> Contact:
    """R-DEC-2, R-REF-2: the referrer has been acknowledged and given the reference."""
    contact = _lock(contact)
    if not contact.acknowledgement_outstanding:
        raise ServiceError("The referrer has already been acknowledged, or is anonymous.")
    contact.acknowledged_at = timezone.now()
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_ACKNOWLEDGED, obj=contact)
    return contact


@service
@transaction.atomic
def contact_record_written_follow_up(*, contact: Contact, by: User) -> Contact:
    """R-INT-6: the referrer's written follow-up has arrived."""
    contact = _lock(contact)
    if not contact.written_follow_up_outstanding:
        raise ServiceError("No written follow-up is outstanding for this contact.")
    contact.written_follow_up_received_at = timezone.now()
    _save(contact, by)
    audit_record(actor=by, action=AuditAction.CONTACT_WRITTEN_FOLLOW_UP_RECEIVED, obj=contact)
    return contact


@service
@transaction.atomic
def contact_record_police_notified(
    *, contact: Contact, by: User, at: datetime.datetime, to: str = "", reference: str = "", officer: str = ""
) -> Contact:
    """R-DEC-6: a suspected crime is notified to the police immediately, with the time recorded, and the
    police's reference and the officer spoken to when they give them.
    R-POL-3: who in the police was told is recorded; by default whom the local policy names."""
    if at > timezone.now():
        raise ServiceError("The time the police were told cannot be in the future.", field="at")
    if to and to not in PoliceContact.values:
        raise ServiceError("Choose who in the police was told.", field="to")
    contact = _lock(contact)
    policy = get_profile().policy(contact.policy_key) if contact.policy_key else None
    contact.police_notified_to = to or (policy.police_contact if policy and policy.police_contact else "police")
    contact.suspected_crime, contact.police_notified_at = True, at
    contact.police_reference, contact.police_officer = reference.strip(), officer.strip()
    _save(contact, by)
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_POLICE_NOTIFIED,
        obj=contact,
        detail={"at": at.isoformat(), "to": contact.police_notified_to, "reference": contact.police_reference},
    )
    return contact


@service
@transaction.atomic
def consent_authorise_share_without(*, contact: Contact, manager: User, reason: str) -> Contact:
    """R-CON-3: discussing a referral with other agencies without parental consent needs a manager."""

    required_text(reason, "Record the reasons for sharing without consent.", field="reason")
    contact = _lock(contact)
    contact.share_without_consent_by, contact.share_without_consent_at = manager, timezone.now()
    contact.share_without_consent_reason = reason
    _save(contact, manager)
    audit_record(
        actor=manager,
        action=AuditAction.CONTACT_SHARE_WITHOUT_CONSENT_AUTHORISED,
        obj=contact,
        detail={"reason": reason},
    )
    return contact


@service
@transaction.atomic
def sharing_decision_record(
    *,
    contact: Contact,
    by: User,
    shared_with: str,
    information: str,
    shared: bool,
    reason: str,
    destination_email: str = "",
) -> SharingDecision:
    """R-CON-5..7: document each decision to share or not; share only securely and lawfully."""
    profile = get_profile()
    required_text(reason, "Record the reason for the decision.", field="reason")
    if shared and destination_email:
        domain = destination_email.rsplit("@", 1)[-1].lower()
        if not any(domain == d or domain.endswith("." + d) for d in profile.secure_mail_domains):
            raise ServiceError(
                f"{domain} is not a secure destination. Use one of: {', '.join(profile.secure_mail_domains)}.",
                field="destination_email",
            )
    if shared and not contact.may_discuss_with_other_agencies:
        raise ServiceError(
            "Without consent, information is shared only for child-protection reasons with a "
            "manager's authorisation. Ask a manager to authorise it first.",
            field="shared",
        )
    decision = SharingDecision.objects.create(
        contact=contact,
        shared_with=shared_with,
        destination_email=destination_email,
        information=information,
        shared=shared,
        reason=reason,
        created_by=by,
        updated_by=by,
    )
    decision.full_clean()
    audit_record(
        actor=by,
        action=AuditAction.CONTACT_SHARING_DECISION,
        obj=contact,
        detail={"shared": shared, "with": shared_with},
    )
    return decision


def _sharing_basis(contact: Contact) -> str:
    if contact.consent_obtained:
        return f"Consent given by {contact.consent_given_by} ({contact.get_consent_given_by_kind_display().lower()})."
    manager = contact.share_without_consent_by.display_name if contact.share_without_consent_by else "a manager"
    return f"Without consent, authorised by {manager}: {contact.share_without_consent_reason}"


@service
@transaction.atomic
def agency_check_request(*, contact: Contact, by: User, agency: str, question: str = "") -> AgencyCheck:
    """R-ROUTE-3: checks with the profile's partner agencies, due within the timescale of the rating.

    Asking another agency is "the discussion of the referral with other agencies" (001 s1): it needs
    consent or a manager's authorisation with reasons (R-CON-3, R-CON-5), and is documented as a
    sharing decision (R-CON-6). Searching the council's own records needs neither.
    """
    try:
        name = get_profile().check_agency(agency).name
    except LookupError:
        raise ServiceError("Choose an agency.", field="agency") from None
    contact = _lock(contact)
    if AgencyCheck.objects.filter(contact=contact, agency=agency).exists():
        raise ServiceError("A check has already been requested from that agency.", field="agency")
    if not contact.may_discuss_with_other_agencies:
        raise ServiceError(
            "Asking another agency discusses the referral with them: record the parent's consent first, or "
            "ask a manager to authorise it without consent, with the reasons.",
            field="agency",
        )
    sharing = SharingDecision(
        contact=contact,
        shared_with=name,
        information=f"Request for an agency check. {question}".strip(),
        shared=True,
        reason=_sharing_basis(contact),
        created_by=by,
        updated_by=by,
    )
    sharing.full_clean()
    sharing.save()
    check = AgencyCheck(
        contact=contact,
        agency=agency,
        question=question,
        due_at=contact.action_due_at or contact.disposal_due_at or contact.decision_due_at,
        sharing=sharing,
        created_by=by,
        updated_by=by,
    )
    check.full_clean()
    check.save()
    _save_clocks(contact)
    email_check_request(check)
    audit_record(actor=by, action=AuditAction.CONTACT_AGENCY_CHECK_REQUESTED, obj=contact, detail={"agency": agency})
    return check


@service
@transaction.atomic
def agency_check_respond(*, check: AgencyCheck, by: User, response: str) -> AgencyCheck:
    """R-ROUTE-3: the checked agency answers; nobody else can answer for it."""
    if not by.agency or by.agency != check.agency:
        raise PermissionDenied(f"Only someone from {check.agency_name} can answer this check.")
    if not response.strip():
        raise ServiceError("Enter the information your agency holds, or say it holds none.", field="response")
    check = AgencyCheck.objects.select_for_update().get(pk=check.pk)
    if check.responded_at is not None:
        raise ServiceError("This check has already been answered.")
    check.response, check.responded_at, check.responded_by = response, timezone.now(), by
    check.updated_by = by
    check.save()
    _save_clocks(_lock(check.contact))
    audit_record(
        actor=by, action=AuditAction.CONTACT_AGENCY_CHECK_ANSWERED, obj=check.contact, detail={"agency": check.agency}
    )
    return check


@service
@transaction.atomic
def note_add(*, contact: Contact, by: User, text: str) -> ContactNote:
    if not text.strip():
        raise ServiceError("Enter the note.", field="text")
    note = ContactNote(contact=contact, text=text, created_by=by, updated_by=by)
    note.full_clean()
    note.save()
    audit_record(actor=by, action=AuditAction.CONTACT_NOTE_ADDED, obj=contact)
    return note
