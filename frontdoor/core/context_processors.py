"""Values every page needs: the service name, the signed-in user's role and the navigation."""

from django.http import HttpRequest
from django.urls import reverse

from frontdoor.accounts.roles import primary_role
from frontdoor.procedures.loader import get_profile


def frontdoor(request: HttpRequest) -> dict:
    from frontdoor.access.policy import Can, can
    from frontdoor.landing.selectors import landing_nav

    profile = get_profile()
    user = request.user
    nav = []
    role = primary_role(user) if user.is_authenticated else None
    if user.is_authenticated:
        # Each role's own landing page first: the queues for those who work contacts, a partner's checks,
        # business support's strategy meetings, the head of service's consultations.
        nav.extend(landing_nav(user))
        if can(user, Can.RECORD_CONTACT):
            nav.append(("Record a contact", reverse("contacts:new")))
        if can(user, Can.SEARCH_PEOPLE):
            nav.append(("Find a person", reverse("people:search")))
        if can(user, Can.MANAGE_ACCOUNTS):  # an administrator's *Accounts* page links to the reset too
            nav.append(("Accounts", reverse("accounts:manage")))
        elif can(user, Can.RESET_TWO_FACTOR):
            nav.append(("Reset an authenticator", reverse("accounts:two-factor-reset")))
    return {
        "service_name": profile.service_name,
        "authority_name": profile.display_name,
        "user_role": role.label if role else "",
        "service_nav": nav,
        "current_path": request.path,
        # The menu item for this page: a queue link carries its tab (?queue=...), so compare paths only.
        "nav_current": next((url for _, url in nav if url.split("?")[0] == request.path), ""),
    }
