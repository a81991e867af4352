"""Who is told about a contact for an open case, and what each member of staff has not yet read."""

from django.db.models import QuerySet

from frontdoor.accounts.models import Role, User

from .models import Notice


def normal_name(name: str) -> str:
    return " ".join(name.casefold().split())


def allocated_recipients(*, team_key: str, workers: list[str]) -> list[tuple[User, str]]:
    """R-ROUTE-1: the allocated worker(s) and the managers of the allocated team.

    The case-management system gives the allocated worker as a name, so a worker is matched by name
    only among the active accounts of the allocated team: the account's full name, or its username,
    equal to the name ignoring case and extra spaces. A name shared by two people in one team tells
    both; a name matching nobody leaves the team's managers (role team manager, same team) to pass
    it on. Each person is told once.
    """
    team = User.objects.filter(team_key=team_key, is_active=True).order_by("username")
    wanted = {normal_name(w) for w in workers if w.strip()}
    told: list[tuple[User, str]] = []
    for user in team:
        if wanted & {normal_name(user.get_full_name()), normal_name(user.username)}:
            told.append((user, Notice.Why.ALLOCATED_WORKER))
    seen = {user.pk for user, _ in told}
    for user in team.filter(groups__name=Role.TEAM_MANAGER).distinct():
        if user.pk not in seen:
            told.append((user, Notice.Why.TEAM_MANAGER))
    return told


def unread_notices(user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).select_related("contact")
