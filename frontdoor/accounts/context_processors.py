"""What the idle warning needs on every page of a signed-in user (read by frontdoor/assets/js/app.js)."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def session(request: HttpRequest) -> dict:
    timeout = settings.FRONTDOOR_IDLE_TIMEOUT_SECONDS
    if not timeout or not request.user.is_authenticated:
        return {"idle_timeout": 0}
    return {
        "idle_timeout": timeout,
        # Warned this long before: the setting, or half the timeout when that is shorter.
        "idle_warning": min(settings.FRONTDOOR_IDLE_WARNING_SECONDS, timeout // 2),
        "keep_alive_url": reverse("accounts:keep-alive"),
        "sign_out_url": reverse("accounts:sign-out"),
    }
