"""Reads for the threshold decision: which outcomes to offer and whom a removal is discussed with."""

from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile

from .choices import NO_CONSENT_OUTCOMES, REFERRAL_OUTCOMES, Outcome, offered_outcome_choices
from .routing import has_allocated_team
from .services import without_consent_and_safeguarding


def offered_outcomes(
    contact: Contact, children: list[Person], *, may_authorise_referral: bool
) -> dict[int, list[tuple[str, str]]]:
    """Each child's outcome choices. R-CON-4 (002 s4): without consent and without safeguarding
    concerns only the three outcomes 002 allows; otherwise the profile's, with asking the referrer to
    seek consent while it is missing; R-DEC-5 (001 s3, s5): referral outcomes only to those who may
    authorise them."""
    rating = contact.rating or contact.initial_rating
    if rating and without_consent_and_safeguarding(contact, rating):
        only = [c for c in Outcome.choices if c[0] in NO_CONSENT_OUTCOMES]
        return {child.pk: only for child in children}
    offered = {}
    for child in children:
        choices = offered_outcome_choices(open_case=has_allocated_team(child))
        if not may_authorise_referral:
            choices = [c for c in choices if c[0] not in REFERRAL_OUTCOMES]
        if not contact.consent_obtained:
            choices.append((Outcome.REFERRER_TO_SEEK_CONSENT, Outcome.REFERRER_TO_SEEK_CONSENT.label))
        offered[child.pk] = choices
    return offered


def removal_consultees() -> list[User]:
    """R-DEC-7: the people who hold a role of the profile's `removal_consultee` (a head of service)."""
    roles = get_profile().authorisers.removal_consultee
    return list(User.objects.filter(is_active=True, groups__name__in=roles).distinct().order_by("last_name"))
