"""Demo data for lock-down (R-ACC-2; 002 s2: "limit access to named individuals. This may include preventing
a member of staff from accessing their own child's record"). The restricted child's record is named to the
duty team's manager, a duty social worker and the head of service, who work the contact about the child; one
colleague, the child's relative in the story, is barred from it. Everyone else finds "Restricted record" and
whom to ask."""

from typing import TYPE_CHECKING

from frontdoor.access.services import access_bar, access_restrict
from frontdoor.accounts.models import Role
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
