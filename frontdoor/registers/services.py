"""Recording requests for checks from other professionals (R-CHK-2, 002 s2). They are not contacts."""

import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.policy import can_authorise
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.procedures.loader import get_profile

from .models import ChecksRequest


def _allowed_agency(agency: str) -> str:
    """002 s2: "Information can only be shared with the following professionals" (the profile's list)."""
    allowed = get_profile().checks_allow_list
    match = next((a for a in allowed if a.casefold() == agency.strip().casefold()), None)
    if match is None:
        raise ServiceError(
            f"Information can only be shared with: {', '.join(allowed)}. Nothing may be shared with {agency}.",
            field="agency",
        )
    return match


def _check_detailed(
    *, in_writing: bool, purpose: str, consent_obtained: bool, consent_attempts: str, assists_s47: bool
) -> None:
    """002 s2: detailed requests in writing, with the purpose and the consent or the attempts made;
    without consent, shared only to assist a section 47 enquiry."""
    if not in_writing:
        raise ServiceError("Ask the agency to put a detailed request in writing.", field="in_writing")
    if not purpose.strip():
        raise ServiceError("Record the purpose the information is needed for.", field="purpose")
    if not consent_obtained and not consent_attempts.strip():
        raise ServiceError(
            "The request must include the adults' consent, or the attempts made to get it.", field="consent_attempts"
        )
    if not consent_obtained and not assists_s47:
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
    about: str,
    identity_verified: bool,
    active_involvement_confirmed: bool,
    information_shared: str,
    caller_phone: str = "",
    received_at: datetime.datetime | None = None,
    detailed: bool = False,
    in_writing: bool = False,
    purpose: str = "",
    consent_obtained: bool = False,
    consent_attempts: str = "",
    assists_s47: bool = False,
    authorised_by: User | None = None,
) -> ChecksRequest:
    """R-CHK-2: answer only an allow-listed agency, after checking who is calling and their involvement;
    a detailed request also needs a manager's authorisation (the profile's `checks_request` roles)."""
    agency = _allowed_agency(agency)
    if not (identity_verified and active_involvement_confirmed):
        raise ServiceError(
            "Confirm the caller's identity and their active involvement first; if in doubt, call them back "
            "on their switchboard number.",
            field="identity_verified",
        )
    if detailed:
        _check_detailed(
            in_writing=in_writing,
            purpose=purpose,
            consent_obtained=consent_obtained,
            consent_attempts=consent_attempts,
            assists_s47=assists_s47,
        )
        if authorised_by is None or not can_authorise(authorised_by, "checks_request"):
            raise PermissionDenied("A detailed request must be authorised by a manager.")
    now = timezone.now()
    request = ChecksRequest(
        received_at=received_at or now,
        agency=agency,
        caller_name=caller_name,
        caller_phone=caller_phone,
        about=about,
        identity_verified=identity_verified,
        active_involvement_confirmed=active_involvement_confirmed,
        information_shared=information_shared,
        detailed=detailed,
        in_writing=in_writing,
        purpose=purpose,
        consent_obtained=consent_obtained,
        consent_attempts=consent_attempts,
        assists_s47=assists_s47,
        authorised_by=authorised_by if detailed else None,
        authorised_at=now if detailed else None,
        created_by=by,
        updated_by=by,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=by,
        action=AuditAction.CHECKS_REQUEST_RECORDED,
        obj=request,
        detail={"agency": agency, "detailed": detailed},
    )
    return request
