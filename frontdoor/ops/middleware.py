"""The request id and the access log: the outermost middleware, so every log line of a request carries
its id and the duration covers the whole of it."""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .logs import new_request_id, request_id_var

access_log = logging.getLogger("frontdoor.access")

# Health checks are asked every few seconds by the load balancer: logged only at DEBUG.
QUIET_ROUTES = {"healthz", "readyz"}


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log(request, response.status_code, started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _log(request: HttpRequest, status: int, started: float) -> None:
        match = request.resolver_match
        # The URL pattern ("contacts/<str:reference>/"), never the path with its values or query string.
        route = match.route if match else "(no page)"
        level = logging.DEBUG if route in QUIET_ROUTES else logging.INFO
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        access_log.log(
            level,
            "%s %s %s",
            request.method,
            route,
            status,
            extra={
                "method": request.method,
                "route": route,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": _user_id(request) if level == logging.INFO else None,
            },
        )
