"""Demo data for lock-down (R-ACC-2; 002 s2: "limit access to named individuals. This may include preventing
a member of staff from accessing their own child's record"). The restricted child's record is named to the
duty team's manager, a duty social worker and the head of service, who work the contact about the child; one
colleague, the child's relative in the story, is barred from it. Everyone else finds "Restricted record" and
whom to ask. The business support manager has asked for another child's record to be locked down (a colleague
is the child's relative), waiting on *Lock-down requests* for a manager to decide, and two more without the
record, by a description: one of a child who has a record (for a manager to find), and one of a colleague's
baby born since no contact was made, so no record is held: a manager kept it waiting for a record, and a contact
recorded about the baby locks the record down from its first moment (ADR 0016)."""

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from frontdoor.access.services import (
    Described,
    access_bar,
    access_lock_down_request,
    access_lock_down_wait,
    access_restrict,
)
from frontdoor.accounts.models import Role, User
from frontdoor.contacts.models import ContactPerson
from frontdoor.people.models import Person

if TYPE_CHECKING:
    from .loader import Staff


def load_lock_down(staff: "Staff") -> None:
    manager = staff.roles[Role.TEAM_MANAGER]
    named = [staff.roles[Role.DUTY_SOCIAL_WORKER], staff.roles[Role.HEAD_OF_SERVICE]]
    colleagues = [u for u in staff.by_role[Role.DUTY_SOCIAL_WORKER] if u not in named]
    for person in Person.objects.filter(restricted=True, merged_into__isnull=True).order_by("pk"):
        access_restrict(
            person=person,
            by=manager,
            manager=manager,
            reason="The child's mother works in children's services: the record is seen only by those on the case.",
            named=named,
        )
        if colleagues:
            access_bar(person=person, user=colleagues[-1], by=manager, reason="A relative of the child.")

    relative = [*colleagues[:-1], staff.roles[Role.ADVANCED_PRACTITIONER]][0]
    load_lock_down_request(staff, relative)
    load_described_requests(staff, relative)


def load_lock_down_request(staff: "Staff", relative: User) -> None:
    """002 s2: "A manager or relevant business support manager may request 'ACL'": an open request."""
    child = (
        Person.objects.filter(
            restricted=False,
            merged_into__isnull=True,
            contact_links__role=ContactPerson.Role.SUBJECT,
            contact_links__contact__staff_related=False,
        )
        .order_by("pk")
        .first()
    )
    if child is None:
        return
    access_lock_down_request(
        person=child,
        by=staff.roles[Role.BUSINESS_SUPPORT_MANAGER],
        reason=f"{relative.display_name} told the helpdesk this child is a relative of theirs: they should not "
        "open the record.",
        restrict=False,
        named=[],
        barred=[relative],
    )


# A baby no record is held for (the name is the demo's own, not drawn from the synthetic population's lists).
BABY = ("Wren", "Ashdown-Keble")


def load_described_requests(staff: "Staff", relative: User) -> None:
    """Two lock-down requests made by description (asked for without the record): one for a manager to find and
    decide, one kept waiting for a record of a child not yet known to the front door."""
    asking = staff.roles[Role.BUSINESS_SUPPORT_MANAGER]
    child = (
        Person.objects.filter(restricted=False, merged_into__isnull=True, is_unborn=False, date_of_birth__isnull=False)
        .exclude(contact_links__contact__staff_related=True)
        .order_by("-pk")
        .first()
    )
    if child is not None:
        access_lock_down_request(
            described=Described(child.given_names.split()[0], child.family_name, child.date_of_birth),
            by=asking,
            reason=f"{relative.display_name}'s nephew, they told the helpdesk: they should not open his record.",
            restrict=False,
            named=[],
            barred=[relative],
        )
    born = timezone.localdate() - datetime.timedelta(days=19)
    baby = access_lock_down_request(
        described=Described(*BABY, born, "Born last month; lives with her mother in Chesterton, Cambridge."),
        by=asking,
        reason=f"{relative.display_name}'s own daughter. No contact has been made about her: if one is, they "
        "should not open her record.",
        restrict=False,
        named=[],
        barred=[relative],
    )
    access_lock_down_wait(
        lock_down=baby, by=staff.roles[Role.TEAM_MANAGER], note="No record is held yet: kept waiting for one."
    )
