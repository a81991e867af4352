"""Deployment checks for signing in (`frontdoor check --deploy`)."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

TWO_FACTOR_OPTIONAL_MESSAGE = (
    "FRONTDOOR_TWO_FACTOR_OPTIONAL is set: staff could sign in with a password alone. "
    "It is for the demo only; unset it in production."
)


@register(Tags.security, deploy=True)
def two_factor_required(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.FRONTDOOR_TWO_FACTOR_OPTIONAL:
        return [Error(TWO_FACTOR_OPTIONAL_MESSAGE, id="frontdoor.E010")]
    return []
