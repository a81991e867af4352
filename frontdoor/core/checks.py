"""Deployment checks: what a production server refuses to start with (`frontdoor check --deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_MESSAGE = (
    "FRONTDOOR_SECRET_KEY is not set: the development secret key would sign production sessions. "
    'Set FRONTDOOR_SECRET_KEY to a long random value (for example `python -c "import secrets; '
    'print(secrets.token_urlsafe(50))"`).'
)


def uses_development_key() -> bool:
    return bool(settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY)


@register(Tags.security, deploy=True)
def development_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Only under `check --deploy`: operator commands run with the development key and debug off."""
    if uses_development_key():
        return [Error(DEVELOPMENT_KEY_MESSAGE, id="frontdoor.E001")]
    return []


def refuse_development_key_in_production() -> None:
    """Called by the production WSGI entry point: a server with debug off never starts on the development key."""
    if not settings.DEBUG and uses_development_key():
        raise ImproperlyConfigured(DEVELOPMENT_KEY_MESSAGE)


def refuse_another_profile() -> None:
    """Called by the production WSGI entry point: a server never starts on a database set up for
    another authority profile (the `frontdoor` command refuses it too, see frontdoor.cli)."""
    from frontdoor.procedures.setup import profile_mismatch

    message = profile_mismatch()
    if message:
        raise ImproperlyConfigured(message)
