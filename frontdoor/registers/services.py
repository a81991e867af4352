"""Writes for the registers beside contacts: consultations (R-CONS-1), requests for checks (R-CHK-2)
and transfers in (R-TRF-1). None of them is a contact; a consultation may become one."""

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.policy import can_authorise, consultations_visible_to
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import ChildInput, contact_record
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.documents.services import _check_upload, _file_name
from frontdoor.people.models import Person, Relationship
from frontdoor.people.services import person_create
from frontdoor.procedures.loader import get_profile

from .models import (
    ChecksRequest,
    ChecksStatus,
    Consultation,
    EscalationLevel,
    Fact,
    Residence,
    TransferEscalation,
    TransferIn,
    TransferStatus,
    Verification,
)
from .selectors import shareable_facts


def _required(value: str, message: str, field: str) -> str:
    if not (value or "").strip():
        raise ServiceError(message, field=field)
    return value.strip()


def _not_future(when: datetime.datetime, field: str) -> None:
    if when > timezone.now() + datetime.timedelta(minutes=5):
        raise ServiceError("The time cannot be in the future.", field=field)


# Consultations (R-CONS-1, 002 s3) ---------------------------------------------------------------------


@service
@transaction.atomic
def consultation_record(
    *,
    by: User,
    consulted_at: datetime.datetime,
    professional_name: str,
    agency: str,
    child_family_name: str,
    concern: str,
    caller_told_not_recorded: bool,
    professional_role: str = "",
    phone: str = "",
    email: str = "",
    child_given_names: str = "",
    child_date_of_birth: datetime.date | None = None,
    family_details: str = "",
    advice: str = "",
) -> Consultation:
    """R-CONS-1: a professional's consultation, in the confidential log and not on the child's record.

    002 s3: the caller is told the information is not recorded on social care records but kept in a
    confidential log; the advice may be recorded now or by whoever gives it (`consultation_record_advice`).
    """
    _not_future(consulted_at, "consulted_at")
    if not caller_told_not_recorded:
        raise ServiceError(
            "Tell the caller the consultation is kept in a confidential log, not on the child's record.",
            field="caller_told_not_recorded",
        )
    now = timezone.now()
    consultation = Consultation(
        consulted_at=consulted_at,
        professional_name=_required(professional_name, "Enter the professional's name", "professional_name"),
        professional_role=professional_role.strip(),
        agency=_required(agency, "Enter the professional's agency", "agency"),
        phone=phone.strip(),
        email=email.strip(),
        child_given_names=child_given_names.strip(),
        child_family_name=_required(
            child_family_name, "Enter the child's family name, or 'Not known'", "child_family_name"
        ),
        child_date_of_birth=child_date_of_birth,
        family_details=family_details.strip(),
        concern=_required(concern, "Enter what the professional is worried about", "concern"),
        caller_told_not_recorded=True,
        advice=advice.strip(),
        advice_by=by if advice.strip() else None,
        advice_at=now if advice.strip() else None,
        created_by=by,
        updated_by=by,
    )
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=by,
        action=AuditAction.CONSULTATION_RECORDED,
        obj=consultation,
        detail={"agency": consultation.agency, "advice_given": bool(consultation.advice)},
    )
    return consultation


def _visible_for_update(by: User, consultation: Consultation) -> Consultation:
    found = consultations_visible_to(by).select_for_update().filter(pk=consultation.pk).first()
    if found is None:
        raise PermissionDenied("Only the worker who took the call and the managers can use this consultation.")
    return found


@service
@transaction.atomic
def consultation_record_advice(*, by: User, consultation: Consultation, advice: str) -> Consultation:
    """R-CONS-1: the advice given to the professional, recorded on the consultation by whoever gave it."""
    consultation = _visible_for_update(by, consultation)
    consultation.advice = _required(advice, "Enter the advice given", "advice")
    consultation.advice_by, consultation.advice_at, consultation.updated_by = by, timezone.now(), by
    consultation.full_clean()
    consultation.save()
    audit_record(actor=by, action=AuditAction.CONSULTATION_ADVICE_RECORDED, obj=consultation)
    return consultation


def consultation_contact_initial(consultation: Consultation) -> tuple[dict[str, Any], dict[str, Any]]:
    """R-CONS-1: what a consultation carries over to the contact form: (the contact's fields, the child's)."""
    contact = {
        "referrer_kind": "professional",
        "referrer_name": consultation.professional_name,
        "referrer_role": consultation.professional_role,
        "referrer_agency": consultation.agency,
        "referrer_phone": consultation.phone,
        "referrer_email": consultation.email,
        "reason": consultation.concern,
    }
    child = {
        "given_names": consultation.child_given_names,
        "family_name": consultation.child_family_name,
        "date_of_birth": consultation.child_date_of_birth,
    }
    return contact, child


@service
@transaction.atomic
def consultation_convert(
    *,
    recorded_by: User,
    consultation: Consultation,
    children: Sequence[ChildInput],
    people: Sequence[ChildInput] = (),
    idempotency_key: uuid.UUID | None = None,
    **fields: Any,
) -> Contact:
    """R-CONS-1: the professional decides to refer, or is advised to: the consultation becomes a contact.

    The contact is recorded as any other (`contact_record`), and the two are linked; the contact page
    shows nothing of the consultation (it stays in the confidential log).
    """
    consultation = _visible_for_update(recorded_by, consultation)
    existing = consultation.contact
    if existing is not None:
        if idempotency_key is None or existing.idempotency_key != idempotency_key:
            raise ServiceError(f"This consultation is already contact {existing.reference}.")
        audit_record(
            actor=recorded_by,
            action=AuditAction.CONSULTATION_CONVERTED,
            obj=consultation,
            detail={"contact": existing.reference, "repeated": True},
        )
        return existing
    contact = contact_record(
        recorded_by=recorded_by, children=children, people=people, idempotency_key=idempotency_key, **fields
    )
    consultation.contact = contact
    consultation.converted_at, consultation.converted_by, consultation.updated_by = (
        timezone.now(),
        recorded_by,
        recorded_by,
    )
    consultation.full_clean()
    consultation.save()
    audit_record(
        actor=recorded_by,
        action=AuditAction.CONSULTATION_CONVERTED,
        obj=consultation,
        detail={"contact": contact.reference},
    )
    return contact


# Requests for checks (R-CHK-2, 002 s2) ----------------------------------------------------------------


def _listed_agency(agency: str) -> str | None:
    """002 s2: "Information can only be shared with the following professionals" (the profile's list)."""
    allowed = get_profile().checks_allow_list
    return next((a for a in allowed if a.casefold() == agency.strip().casefold()), None)


def _refusal(agency: str, listed: str | None, verification: str, involved: bool) -> str:
    """Why nothing may be shared, in words for the record; "" when the request may be answered."""
    if listed is None:
        return (
            f"{agency} is not one of the agencies we may share information with "
            f"({', '.join(get_profile().checks_allow_list)})."
        )
    if verification == Verification.NOT_CONFIRMED:
        return "The caller's identity could not be confirmed, even by calling back on their switchboard number."
    if not involved:
        return "The caller could not confirm an active involvement with the child or family."
    return ""


@dataclass(frozen=True)
class DetailedRequest:
    """002 s2: a request for more than the basic facts."""

    in_writing: bool = False
    very_urgent: bool = False
    legal_advice: str = ""
    purpose: str = ""
    consent_obtained: bool = False
    consent_attempts: str = ""
    assists_s47: bool = False


def _check_detailed(detail: DetailedRequest) -> None:
    """002 s2: detailed requests in writing (unless very urgent, when Legal Services and the Data
    Protection Team advise), with the purpose and the consent or the attempts made; without consent,
    shared only to assist a section 47 enquiry."""
    if not detail.in_writing and not detail.very_urgent:
        raise ServiceError("Ask the agency to put a detailed request in writing.", field="in_writing")
    if not detail.in_writing and not detail.legal_advice.strip():
        raise ServiceError(
            "A very urgent request not in writing needs the advice of Legal Services and the Data Protection Team.",
            field="legal_advice",
        )
    if not detail.purpose.strip():
        raise ServiceError("Record the purpose the information is needed for.", field="purpose")
    if not detail.consent_obtained and not detail.consent_attempts.strip():
        raise ServiceError(
            "The request must include the adults' consent, or the attempts made to get it.", field="consent_attempts"
        )
    if not detail.consent_obtained and not detail.assists_s47:
        raise ServiceError(
            "Without consent, detailed information is shared only to assist a section 47 enquiry.",
            field="assists_s47",
        )


@service
@transaction.atomic
def checks_request_record(
    *,
    by: User,
    agency: str,
    caller_name: str,
    verification: str,
    active_involvement_confirmed: bool,
    child_family_name: str,
    child_given_names: str = "",
    child_date_of_birth: datetime.date | None = None,
    caller_role: str = "",
    caller_phone: str = "",
    received_at: datetime.datetime | None = None,
    detailed: DetailedRequest | None = None,
) -> ChecksRequest:
    """R-CHK-2: a request for checks. An agency not on the profile's list, or a caller whose identity or
    involvement cannot be confirmed, is refused and the refusal kept with its reason. Otherwise a basic
    check waits for the facts to be shared (`checks_request_answer`), and a detailed request for a
    manager's authorisation (`checks_request_authorise`)."""
    _required(agency, "Select the caller's agency", "agency")
    _required(caller_name, "Enter the caller's name", "caller_name")
    _required(child_family_name, "Enter the family name of the child asked about", "child_family_name")
    if verification not in Verification.values:
        raise ServiceError("Select how the caller's identity was confirmed", field="verification")
    if verification == Verification.CALLED_BACK and not caller_phone.strip():
        raise ServiceError("Enter the switchboard number you called back", field="caller_phone")
    listed = _listed_agency(agency)
    reason = _refusal(agency.strip(), listed, verification, active_involvement_confirmed)
    if not reason and detailed is not None:
        _check_detailed(detailed)
    now = timezone.now()
    received_at = received_at or now
    _not_future(received_at, "received_at")
    detail = detailed or DetailedRequest()
    status = ChecksStatus.REFUSED if reason else ChecksStatus.OPEN
    if not reason and detailed is not None:
        status = ChecksStatus.AWAITING_AUTHORISATION
    request = ChecksRequest(
        received_at=received_at,
        status=status,
        agency=listed or agency.strip(),
        agency_on_list=listed is not None,
        caller_name=caller_name.strip(),
        caller_role=caller_role.strip(),
        caller_phone=caller_phone.strip(),
        verification=verification,
        called_back_at=now if verification == Verification.CALLED_BACK else None,
        active_involvement_confirmed=active_involvement_confirmed,
        child_given_names=child_given_names.strip(),
        child_family_name=child_family_name.strip(),
        child_date_of_birth=child_date_of_birth,
        refused_reason=reason,
        detailed=detailed is not None,
        in_writing=detail.in_writing,
        very_urgent=detail.very_urgent,
        legal_advice=detail.legal_advice.strip(),
        purpose=detail.purpose.strip(),
        consent_obtained=detail.consent_obtained,
        consent_attempts=detail.consent_attempts.strip(),
        assists_s47=detail.assists_s47,
        created_by=by,
        updated_by=by,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        action=AuditAction.CHECKS_REQUEST_REFUSED if reason else AuditAction.CHECKS_REQUEST_RECORDED,
        obj=request,
        detail={"agency": request.agency, "detailed": request.detailed, "reason": reason},
    )
    return request


def _lock_request(request: ChecksRequest, *expected: str) -> ChecksRequest:
    request = ChecksRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in expected:
        raise ServiceError(f"This request is {request.get_status_display().lower()}: it cannot be changed now.")
    return request


@service
@transaction.atomic
def checks_request_answer(
    *, by: User, request: ChecksRequest, person: Person | None, share: Sequence[str]
) -> ChecksRequest:
    """R-CHK-2: exactly the shareable facts and nothing more. The facts are looked up from the person
    index for the child found (or "not known" when none is); only the ones the worker ticked as told
    to the caller are kept, as data."""
    request = _lock_request(request, ChecksStatus.OPEN)
    unknown = sorted(set(share) - set(Fact.values))
    if unknown:
        raise ServiceError(
            "Only whether the child is known, open or closed, the allocated worker and manager, "
            "and siblings may be shared.",
            field="share",
        )
    if person is not None and person.restricted:
        # R-ACC-2: a restricted record is answered by a team manager, not from the register.
        raise ServiceError("This child's record is restricted: ask a team manager.", field="share")
    facts = shareable_facts(person)
    chosen = {key: facts[key] for key in Fact.values if key in share and key in facts}
    if not chosen:
        raise ServiceError("Tick what you told the caller", field="share")
    request.person = person
    request.facts_shared = chosen
    request.status = ChecksStatus.ANSWERED
    request.answered_at = timezone.now()
    request.updated_by = by
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        action=AuditAction.CHECKS_REQUEST_ANSWERED,
        obj=request,
        detail={"facts": sorted(chosen), "person": person.pk if person else None},
    )
    return request


@service
@transaction.atomic
def checks_request_authorise(*, manager: User, request: ChecksRequest, authorise: bool, note: str) -> ChecksRequest:
    """R-CHK-2 (002 s2): a detailed request is passed to a manager (the profile's `checks_request`
    authorisers), who authorises it (for example, a worker from the agency may view our files) or not."""
    request = _lock_request(request, ChecksStatus.AWAITING_AUTHORISATION)
    if authorise:
        _check_detailed(
            DetailedRequest(
                in_writing=request.in_writing,
                very_urgent=request.very_urgent,
                legal_advice=request.legal_advice,
                purpose=request.purpose,
                consent_obtained=request.consent_obtained,
                consent_attempts=request.consent_attempts,
                assists_s47=request.assists_s47,
            )
        )
    note = _required(
        note,
        "Say what is authorised and any limits" if authorise else "Say why the request is not authorised",
        "note",
    )
    request.status = ChecksStatus.AUTHORISED if authorise else ChecksStatus.NOT_AUTHORISED
    request.authorised_by, request.authorised_at, request.authorisation_note = manager, timezone.now(), note
    request.updated_by = manager
    request.full_clean()
    request.save()
    audit_record(
        actor=manager,
        action=AuditAction.CHECKS_REQUEST_AUTHORISED if authorise else AuditAction.CHECKS_REQUEST_NOT_AUTHORISED,
        obj=request,
        detail={"note": note},
    )
    return request


# Transfers in (R-TRF-1, 002 s8) -----------------------------------------------------------------------


@service
@transaction.atomic
def transfer_in_notify(
    *,
    by: User,
    notified_at: datetime.datetime,
    authority: str,
    notifier_name: str,
    notifier_contact: str = "",
    conference_requested: bool = False,
) -> TransferIn:
    """R-TRF-1: another authority tells us a family is moving in. Only who told us is recorded: the
    family's details wait for the authority's form (the profile's `transfer_in_form`)."""
    _not_future(notified_at, "notified_at")
    transfer = TransferIn(
        notified_at=notified_at,
        authority=_required(authority, "Enter the authority that told us", "authority"),
        notifier_name=_required(notifier_name, "Enter who told us", "notifier_name"),
        notifier_contact=notifier_contact.strip(),
        conference_requested=conference_requested,
        form_name=get_profile().transfer_in_form,
        created_by=by,
        updated_by=by,
    )
    transfer.full_clean()
    transfer.save()
    audit_record(
        actor=by,
        action=AuditAction.TRANSFER_IN_NOTIFIED,
        obj=transfer,
        detail={"authority": transfer.authority, "form": transfer.form_name},
    )
    return transfer


@dataclass(frozen=True)
class FamilyMember:
    given_names: str
    family_name: str
    date_of_birth: datetime.date | None = None
    sex: str = "U"
    is_child: bool = True


def _create_family(by: User, transfer: TransferIn, family: Sequence[FamilyMember]) -> tuple[list[Person], list[Person]]:
    children: list[Person] = []
    adults: list[Person] = []
    for member in family:
        person = person_create(
            created_by=by,
            given_names=member.given_names,
            family_name=member.family_name,
            date_of_birth=member.date_of_birth,
            sex=member.sex,
            address=transfer.address,
            postcode=transfer.postcode,
        )
        (children if member.is_child else adults).append(person)
    for child in children:
        for other in children:
            if other is not child:
                Relationship.objects.get_or_create(person=child, other=other, kind=Relationship.Kind.SIBLING)
        for adult in adults:
            Relationship.objects.get_or_create(
                person=adult, other=child, kind=Relationship.Kind.PARENTAL_RESPONSIBILITY
            )
    transfer.people.add(*children, *adults)
    return children, adults


def _open_involvement(by: User, children: list[Person]) -> None:
    """002 s8: "open an involvement": the children are open cases here, waiting for a team to be allocated."""
    for child in Person.objects.select_for_update().filter(pk__in=[c.pk for c in children]).order_by("pk"):
        child.open_case = True
        child.version += 1
        child.updated_by = by
        child.full_clean()
        child.save()


@service
@transaction.atomic
def transfer_in_record(
    *,
    by: User,
    transfer: TransferIn,
    residence: str,
    family: Sequence[FamilyMember],
    address: str,
    postcode: str = "",
    plan_details: str = "",
    form_received_at: datetime.datetime | None = None,
    form_document: UploadedFile | None = None,
) -> TransferIn:
    """R-TRF-1 (002 s8): the form has arrived (a copy attached, or its receipt recorded), so the details
    are recorded: the family's records in the person index; a permanent move also opens an involvement,
    to be forwarded for a transfer-in conference (`transfer_in_forward`)."""
    transfer = TransferIn.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.AWAITING_FORM:
        raise ServiceError("The details of this transfer are already recorded.")
    if form_document is None and form_received_at is None:
        raise ServiceError(
            f"Ask {transfer.authority} to complete {transfer.form_name} first: nothing about the family is "
            "recorded until it arrives. Attach it, or record when it was received.",
            field="form_received_at",
        )
    if residence not in Residence.values:
        raise ServiceError("Select whether the family's move is permanent or temporary", field="residence")
    if not any(m.is_child for m in family):
        raise ServiceError("Enter at least one child", field="family")
    for member in family:
        if not member.family_name.strip():
            raise ServiceError("Enter each person's family name, or 'Not known'", field="family")
    now = timezone.now()
    if form_received_at is not None:
        _not_future(form_received_at, "form_received_at")
    if form_document is not None:
        upload, found = _check_upload(form_document)
        transfer.form_document_name = _file_name(upload.name or "", found)
        transfer.form_document.save(transfer.form_document_name, upload, save=False)
    transfer.form_received_at = form_received_at or now
    transfer.residence = residence
    transfer.address = _required(address, "Enter the family's address here", "address")
    transfer.postcode = postcode.strip()
    transfer.plan_details = plan_details.strip()
    transfer.status = TransferStatus.RECORDED
    transfer.updated_by = by
    transfer.full_clean()
    transfer.save()
    children, adults = _create_family(by, transfer, family)
    if residence == Residence.PERMANENT:
        _open_involvement(by, children)
        transfer.involvement_opened_at = now
        transfer.save(update_fields=["involvement_opened_at"])
    audit_record(
        actor=by,
        action=AuditAction.TRANSFER_IN_RECORDED,
        obj=transfer,
        detail={
            "residence": residence,
            "children": [c.pk for c in children],
            "adults": [a.pk for a in adults],
            "form_attached": bool(transfer.form_document),
            "involvement_opened": residence == Residence.PERMANENT,
        },
    )
    return transfer


@service
@transaction.atomic
def transfer_in_forward(
    *, by: User, transfer: TransferIn, forwarded_to: str, forwarded_at: datetime.datetime | None = None
) -> TransferIn:
    """R-TRF-1: a permanent move is forwarded for a transfer-in conference to be arranged: when, and to whom."""
    transfer = TransferIn.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.RECORDED or transfer.residence != Residence.PERMANENT:
        raise ServiceError("Only a permanent move, once its details are recorded, is forwarded for a conference.")
    forwarded_at = forwarded_at or timezone.now()
    _not_future(forwarded_at, "forwarded_at")
    transfer.forwarded_to = _required(forwarded_to, "Enter who it was forwarded to", "forwarded_to")
    transfer.forwarded_at = forwarded_at
    transfer.status = TransferStatus.FORWARDED
    transfer.updated_by = by
    transfer.full_clean()
    transfer.save()
    audit_record(actor=by, action=AuditAction.TRANSFER_IN_FORWARDED, obj=transfer, detail={"to": transfer.forwarded_to})
    return transfer


@service
@transaction.atomic
def transfer_in_escalate(
    *,
    by: User,
    transfer: TransferIn,
    level: str,
    escalated_to: str,
    reason: str,
    urgent: bool = False,
    respond_by: datetime.datetime | None = None,
) -> TransferEscalation:
    """R-TRF-1 (002 s8): managers who cannot agree who holds the case refer it to both authorities' child
    protection managers; if they still disagree, to more senior managers as a matter of urgency."""
    transfer = TransferIn.objects.select_for_update().get(pk=transfer.pk)
    if level not in EscalationLevel.values:
        raise ServiceError("Select who it is escalated to", field="level")
    if level == EscalationLevel.SENIOR_MANAGERS:
        if not transfer.escalations.filter(level=EscalationLevel.CP_MANAGERS).exists():
            raise ServiceError(
                "Refer it to the child protection managers first; senior managers decide if they cannot agree.",
                field="level",
            )
        if not urgent:
            raise ServiceError("An escalation to senior managers is urgent: mark it so.", field="urgent")
    escalation = TransferEscalation(
        transfer=transfer,
        level=level,
        escalated_at=timezone.now(),
        escalated_to=_required(escalated_to, "Enter who it is escalated to", "escalated_to"),
        reason=_required(reason, "Say what is disputed", "reason"),
        urgent=urgent,
        respond_by=respond_by,
        created_by=by,
        updated_by=by,
    )
    escalation.full_clean()
    escalation.save()
    transfer.responsibility_disputed = True
    transfer.updated_by = by
    transfer.save(update_fields=["responsibility_disputed", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action=AuditAction.TRANSFER_IN_ESCALATED,
        obj=transfer,
        detail={"level": level, "to": escalation.escalated_to, "urgent": urgent},
    )
    return escalation


def may_authorise_checks(user: User) -> bool:
    return can_authorise(user, "checks_request")
