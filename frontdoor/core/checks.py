"""Deployment checks: what a production server refuses to start with (`frontdoor check --deploy`)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register  # noqa: A004 - Django's check message
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


@register(Tags.security, deploy=True)
def email_links_leave_this_machine(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Links in emails are made from FRONTDOOR_BASE_URL: on a server they must not point at itself."""
    host = urlsplit(settings.FRONTDOOR_BASE_URL).hostname or ""
    if host in {"127.0.0.1", "localhost", "::1", "testserver"}:
        return [
            Warning(
                f"Links in emails would point at {settings.FRONTDOOR_BASE_URL}. Set FRONTDOOR_BASE_URL to the "
                "address staff open Front Door at (for example https://frontdoor.example.gov.uk).",
                id="frontdoor.W011",
            )
        ]
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
