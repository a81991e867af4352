"""Every request of a signed-in user: the idle sign-out, then two-factor before anything else.

- Idle: the time of the last request is kept in the session (rewritten at most once a minute, so pages
  cost no extra write); past `FRONTDOOR_IDLE_TIMEOUT_SECONDS` without one, the user is signed out and
  sent to the sign-in page with a message saying why. The page's warning (frontdoor/assets/js) only
  tells the user before it happens; the server alone does it.
- Two-factor: a user who has given only their password reaches the two-factor pages and nothing else.
Static files and the health checks (/healthz, /readyz) are left alone.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from .services import sign_out_record
from .two_factor import is_verified, two_factor_required

EXEMPT_PREFIXES = ("/static/", "/healthz", "/readyz")
LAST_ACTIVITY = "frontdoor_last_activity"
# The pages a user who has given only their password may reach.
TWO_FACTOR_PAGES = ("accounts:sign-in", "accounts:sign-out", "accounts:two-factor", "accounts:two-factor-set-up")


def duration_words(seconds: int) -> str:
    if seconds % 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._two_factor_paths: frozenset[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(EXEMPT_PREFIXES) and request.user.is_authenticated:
            response = self._idle(request) or self._two_factor(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _idle(self, request: HttpRequest) -> HttpResponse | None:
        timeout = settings.FRONTDOOR_IDLE_TIMEOUT_SECONDS
        if not timeout:
            return None
        now = time.time()
        last = request.session.get(LAST_ACTIVITY)
        if last is not None and now - last > timeout:
            sign_out_record(user=request.user, reason="idle")  # type: ignore[arg-type]
            logout(request)
            messages.info(request, f"You were signed out after {duration_words(timeout)} without activity.")
            return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
        if last is None or now - last >= min(60, timeout / 4) or request.path_info == reverse("accounts:keep-alive"):
            request.session[LAST_ACTIVITY] = now
        return None

    def _two_factor(self, request: HttpRequest) -> HttpResponse | None:
        if not two_factor_required() or is_verified(request):
            return None
        if self._two_factor_paths is None:
            self._two_factor_paths = frozenset(reverse(name) for name in TWO_FACTOR_PAGES)
        if request.path_info in self._two_factor_paths:
            return None
        return redirect_to_login(request.get_full_path(), resolve_url("accounts:two-factor"))
