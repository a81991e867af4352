"""Which roles a user holds. Cached on the user object for the length of one request."""

from .models import Role, User


def user_roles(user: User) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_frontdoor_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & frozenset(Role.values)
        user._frontdoor_roles = cached  # type: ignore[attr-defined]  # per-request cache
    return cached


def primary_role(user: User) -> Role | None:
    roles = user_roles(user)
    for role in Role:
        if role.value in roles:
            return role
    return None
