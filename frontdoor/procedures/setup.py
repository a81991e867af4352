"""The database remembers the profile it was set up with; starting with another profile is refused.

`frontdoor migrate` records the active profile's key (a `post_migrate` handler, so a `flush` keeps
it too). The `frontdoor` command (runserver, migrate on a database already set up, every other
command that uses the database) and the WSGI entry point compare it with FRONTDOOR_PROFILE once, at
start-up; requests never do, so tests that switch profiles in settings are unaffected.
"""

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import DatabaseError
from django.utils import timezone

from .loader import get_profile
from .models import DatabaseProfile


def remember_profile(*, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:  # noqa: ARG001 - signal arguments
    """post_migrate: record the active profile if the database has none yet (never overwrite)."""
    if not DatabaseProfile.objects.using(using).filter(pk=1).exists():
        DatabaseProfile.objects.using(using).create(pk=1, key=get_profile().key, set_up_at=timezone.now())


def remembered_profile(using: str = DEFAULT_DB_ALIAS) -> DatabaseProfile | None:
    """The recorded profile, or None for a database not migrated yet (or migrated before it was recorded)."""
    try:
        if DatabaseProfile._meta.db_table not in connections[using].introspection.table_names():
            return None
        return DatabaseProfile.objects.using(using).filter(pk=1).first()
    except DatabaseError:  # no database yet, or one that cannot be read: the command's own error says so
        return None


def mismatch_message(remembered: DatabaseProfile, active: str) -> str:
    local = timezone.localtime(remembered.set_up_at)
    return (
        f"This database was set up for the {remembered.key} profile (on {local:%-d %B %Y}); "
        f"FRONTDOOR_PROFILE is {active}. Use a separate database for each profile (FRONTDOOR_DATA_DIR or "
        f"DATABASE_URL), for example `make demo PROFILE={active}`, or set FRONTDOOR_PROFILE={remembered.key} "
        "to use this one."
    )


def profile_mismatch(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The start-up message when the database was set up for another profile, else None."""
    remembered = remembered_profile(using)
    if remembered is None or remembered.key == get_profile().key:
        return None
    return mismatch_message(remembered, settings.FRONTDOOR_PROFILE)
