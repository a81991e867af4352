"""Two-factor sign-in with django-otp: which session is verified, checking a code, the set-up QR code.

A session is verified once a code was accepted in it: django-otp's `login` keeps the device's id in the
(server-side) session. The check reads only the session, so it costs no query on any page.
"""

import base64
from urllib.parse import quote

import django_otp
import segno
from django.conf import settings
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

APP_DEVICE_NAME = "Authenticator app"


def two_factor_required() -> bool:
    return not settings.FRONTDOOR_TWO_FACTOR_OPTIONAL


def is_verified(request: HttpRequest) -> bool:
    return DEVICE_ID_SESSION_KEY in request.session


def mark_verified(request: HttpRequest, device: Device) -> None:
    """Keep the device in the session (django-otp's login) under a new session key (no fixation)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verify_code(user: User, code: str) -> Device | None:
    """The device that accepts `code`: the authenticator app first, then a recovery code (used up as it is
    accepted). django-otp slows guessing down: after a wrong code each device refuses for a growing time."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    for device in [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]:
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


def pending_authenticator(user: User) -> TOTPDevice:
    """The key being set up: kept unconfirmed until the user enters a code their app made from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in: base32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice, user: User) -> str:
    """The otpauth address as an inline SVG QR code (markup, no script or style: allowed by the CSP)."""
    issuer = settings.OTP_TOTP_ISSUER
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    label = quote(f"{issuer}:{user.username}")
    uri = f"otpauth://totp/{label}?secret={key}&issuer={quote(issuer)}&digits={device.digits}&period={device.step}"
    return str(segno.make(uri, error="m").svg_inline(scale=5, light="#fff", title="QR code to scan"))
