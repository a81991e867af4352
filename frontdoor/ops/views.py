"""The health checks: open to anyone (no sign-in), plain one-word answers, nothing about the records."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import not_ready_reason


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering. Touches no database, so a database outage does not restart it."""
    return _plain("ok")


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready for traffic: 200 "ready", or 503 with one word saying what is missing."""
    reason = not_ready_reason()
    if reason:
        return _plain(reason, status=503)
    return _plain("ready")
