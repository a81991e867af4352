"""Demo data for lock-down (R-ACC-2; 002 s2: "limit access to named individuals. This may include preventing
a member of staff from accessing their own child's record"). The restricted child's record is named to the
duty team's manager, a duty social worker and the head of service, who work the contact about the child; one
colleague, the child's relative in the story, is barred from it. Everyone else finds "Restricted record" and
whom to ask. The business support manager has asked for another child's record to be locked down (a colleague
is the child's relative), waiting on *Lock-down requests* for a manager to decide."""

from typing import TYPE_CHECKING

from frontdoor.access.services import access_bar, access_lock_down_request, access_restrict
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

    load_lock_down_request(staff, [*colleagues[:-1], staff.roles[Role.ADVANCED_PRACTITIONER]][0])


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
