"""R-ROUTE-3: when the front door asks an agency for a check, the agency's partner users are emailed
that a check is waiting, with a link to it. The email names nobody: no child, no family, no address,
no referrer and not the question (R-CON-7, R-CON-8); the details are read after signing in."""

from django.utils import timezone

from frontdoor.access.policy import agency_partners
from frontdoor.outbox.links import email_link
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.procedures.loader import get_profile

from .models import AgencyCheck

KIND = "agency_check_request"


def check_request_words(check: AgencyCheck) -> tuple[str, str]:
    """The subject and body: which agency, when it is due, where to answer it."""
    due = timezone.localtime(check.due_at)
    service = get_profile().service_name
    link = email_link("contacts:check-respond", check.contact.reference, check.pk)
    subject = f"A check is waiting for {check.agency_name}"
    body = "\n".join(
        [
            f"{service} has asked {check.agency_name} for an agency check.",
            f"Please answer it by {due:%H:%M} on {due:%A} {due.day} {due:%B %Y}.",
            "",
            f"Sign in to {service} to read the question and the child's details and to answer: {link}",
            f"All your agency's checks: {email_link('landing:checks')}",
            "",
            "For the family's privacy this email holds no names, addresses or details of the concern.",
        ]
    )
    return subject, body


def email_check_request(check: AgencyCheck) -> int:
    """One email to each partner user of the check's agency, once per user and check; the number written.
    Runs inside the requesting service's transaction."""
    subject, body = check_request_words(check)
    partners = agency_partners(check.agency)
    for partner in partners:
        outbox_enqueue(
            to=partner, subject=subject, body=body, kind=KIND, about=check, once_key=f"{KIND}:{check.pk}:{partner.pk}"
        )
    return len(partners)
