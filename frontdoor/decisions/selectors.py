"""Reads for the threshold decision: which outcomes to offer and whom a removal is discussed with."""

from typing import Any

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.selectors import checklist_status, contact_warnings, household_questions
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


def decision_page(contact: Contact) -> dict[str, Any]:
    """What a manager needs on the decision page itself: the children with their age and flags, the
    warnings, the household questions (R-INT-4), what the checklist still misses (R-INT-3), and the
    flags that change the decision (R-INT-7, R-DEC-6)."""
    today = timezone.localdate()
    links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    children = [{"person": link.person, "age": link.person.age_on(today)} for link in links]
    checklist = checklist_status(contact)
    flags = []
    if contact.staff_related:
        flags.append("about a member of staff or their family: the head of service is consulted on a referral")
    if contact.suspected_crime:
        told = contact.police_notified_at
        flags.append(
            f"a crime may have been committed; the police were told {timezone.localtime(told):%-d %b %Y %H:%M}"
            if told
            else "a crime may have been committed; the police have not yet been told"
        )
    if contact.parent_under_18:
        flags.append("a parent or carer is under 18")
    kind = contact.get_referrer_kind_display().lower()
    agency = contact.referrer_agency if contact.referrer_is_professional and contact.referrer_agency else ""
    return {
        "children": children,
        "warnings": contact_warnings(contact),
        "household": household_questions(contact),
        "checklist_missing": [line.label for line in checklist if line.missing],
        "checklist_total": len(checklist),
        "flags": flags,
        "referrer": f"{kind} ({agency})" if agency else kind,
        # R-INT-7, R-DEC-7: a consultation the head of service recorded counts as their being consulted.
        "consultations": list(contact.consultations.select_related("consulted").order_by("-consulted_at", "-id")),
    }
