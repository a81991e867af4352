"""Reads for a contact's page: the people on it, the candidates for those recorded as new, and the
records kept about it (decisions, notes, checks, sharing, history). Views only render what these return."""

from typing import Any

from django.db.models import QuerySet

from frontdoor.access.policy import Can, can, hidden_people
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.selectors import audit_events_for
from frontdoor.people.selectors import people_search_logged

from .models import Contact, ContactPerson


def contact_subjects(contact: Contact) -> QuerySet[ContactPerson]:
    return contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person")


def _unmatched_candidates(user: User, links: list[ContactPerson]) -> dict[int, list[Any]]:
    """R-CHK-1: for each person recorded as new, the existing records that might be them."""
    if not can(user, Can.SEARCH_PEOPLE):
        return {}
    return {
        link.pk: [
            c
            for c in people_search_logged(  # R-ACC-1: logged like any search
                user=user,
                source="contact page",
                given_names=link.person.given_names,
                family_name=link.person.family_name,
                # An unborn child is searched on its expected date (R-INT-9; people/query.py).
                date_of_birth=link.person.date_of_birth
                or (link.person.expected_delivery_date if link.person.is_unborn else None),
                limit=5,
            )
            if c.person.pk != link.person_id
        ]
        for link in links
        if not link.matched_existing
    }


def contact_page_records(*, user: User, contact: Contact) -> dict[str, Any]:
    links = contact.links()
    return {
        "children": [link for link in links if link.role == ContactPerson.Role.SUBJECT],
        "others": [link for link in links if link.role != ContactPerson.Role.SUBJECT],
        "unmatched": _unmatched_candidates(user, links),
        # R-ACC-2: through the access module, so a user named on a restriction sees the child
        "hidden": hidden_people(user, [link.person_id for link in links if link.person.restricted]),
        "handovers": contact.handovers.select_related("outcome_recorded_by"),
        "decisions": contact.decisions.filter(is_current=True).select_related("child", "authorised_by"),
        "past_decisions": contact.decisions.filter(is_current=False).select_related("child", "authorised_by"),
        "notes": contact.notes.select_related("created_by"),
        "checks": contact.agency_checks.all(),
        "sharing": contact.sharing_decisions.select_related("created_by"),
        "events": audit_events_for(contact).exclude(action=AuditAction.VIEWED)[:50],
    }
