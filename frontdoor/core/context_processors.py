"""Values every page needs: the service name, the signed-in user's role and the navigation."""

from django.http import HttpRequest
from django.urls import reverse

from frontdoor.accounts.roles import primary_role
from frontdoor.procedures.loader import get_profile


def frontdoor(request: HttpRequest) -> dict:
    from frontdoor.access.policy import Can, can

    profile = get_profile()
    user = request.user
    nav = []
    role = primary_role(user) if user.is_authenticated else None
    if user.is_authenticated:
        if can(user, Can.VIEW_QUEUES):
            nav.append(("Queues", reverse("contacts:queue")))
        if can(user, Can.RECORD_CONTACT):
            nav.append(("Record a contact", reverse("contacts:new")))
        if can(user, Can.SEARCH_PEOPLE):
            nav.append(("Find a person", reverse("people:search")))
    return {
        "service_name": profile.service_name,
        "authority_name": profile.display_name,
        "user_role": role.label if role else "",
        "service_nav": nav,
        "current_path": request.path,
    }
