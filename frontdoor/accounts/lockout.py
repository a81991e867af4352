"""Who is locked out after wrong passwords (django-axes), and the client's address behind the TLS proxy.

django-axes keeps one row of failures per username and address (`AccessAttempt`); these functions are its
`AXES_CLIENT_IP_CALLABLE` and `AXES_FAILURE_LIMIT` (docs/SECURITY.md, "Lock-out"):

- one username from one address: `FRONTDOOR_SIGN_IN_FAILURE_LIMIT` (5) wrong passwords lock that pair, so
  an attacker guessing one account is stopped and the real user at their own desk is not;
- one username from any addresses: `FRONTDOOR_SIGN_IN_ACCOUNT_FAILURE_LIMIT` (20) lock the username, so
  guessing spread over many addresses is stopped too (high enough that a colleague's typing does not);
- one address, any usernames (password spraying): `FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT` (20) lock
  the address, except the addresses in `FRONTDOOR_SIGN_IN_SHARED_ADDRESSES` (an office's NAT that many
  staff share, where one person's mistakes must not lock everyone out).

The address is the connection's, or, when the connection comes from a trusted proxy
(`FRONTDOOR_FORWARDED_ALLOW_IPS`, the same list `frontdoor serve` believes X-Forwarded-Proto from), the
nearest address in X-Forwarded-For that is not itself a trusted proxy: a client cannot forge it by sending
its own header, because only what the proxies appended is believed.
"""

import ipaddress
import sys
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

NOT_LOCKED = sys.maxsize


def _trusted(address: str) -> bool:
    proxies = settings.FRONTDOOR_TRUSTED_PROXIES
    if "*" in proxies:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def client_address(request: HttpRequest) -> str:
    """The browser's address, as the trusted proxies saw it."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for hop in reversed(forwarded):
        address = hop
        if not _trusted(hop):
            break
    return address


def _failures(request: HttpRequest, **where: str) -> int:
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request), **where)
    return int(recent.aggregate(n=Sum("failures_since_start"))["n"] or 0)


def lockout_reason(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """"pair", "account" or "address" when this sign-in is locked out, else ""."""
    username = get_client_username(request, credentials) or ""
    address = client_address(request)
    if _failures(request, username=username, ip_address=address) >= settings.FRONTDOOR_SIGN_IN_FAILURE_LIMIT:
        return "pair"
    if _failures(request, username=username) >= settings.FRONTDOOR_ACCOUNT_FAILURE_LIMIT:
        return "account"
    shared = address in settings.FRONTDOOR_SHARED_ADDRESSES
    if not shared and _failures(request, ip_address=address) >= settings.FRONTDOOR_ADDRESS_FAILURE_LIMIT:
        return "address"
    return ""


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """django-axes locks out when its count reaches this limit: 0 when a rule above is met, else never."""
    reason = lockout_reason(request, credentials)
    request.frontdoor_lockout = reason  # type: ignore[attr-defined]  # which message the page shows
    return 0 if reason else NOT_LOCKED
