"""Signing in and out, two-factor set-up and recovery codes: each writes one audit event.

A code is checked by django-otp outside these services (`frontdoor.accounts.two_factor.verify_code`), so
that its record of wrong attempts (which slows guessing down) is kept even though no event is written
for a wrong code; these services record what happened once a code was right.
"""

from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access.permissions import service
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record

from .models import User

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"


@service
def sign_in_record(*, user: User, device: Device | None) -> None:
    """A completed sign-in: password then a code (`device`), or the password alone where two-factor is
    optional (the demo). A recovery code is consumed by django-otp as it is accepted."""
    if isinstance(device, StaticDevice):
        left = StaticToken.objects.filter(device=device).count()
        audit_record(actor=user, action=AuditAction.RECOVERY_CODE_USED, obj=user, detail={"codes_left": left})
        return
    method = "authenticator app" if device is not None else "password only (two-factor optional)"
    audit_record(actor=user, action=AuditAction.SIGNED_IN, obj=user, detail={"method": method})


@service
def sign_out_record(*, user: User, reason: str) -> None:
    """`reason`: "signed out" (the button) or "idle" (no activity for the idle timeout)."""
    audit_record(actor=user, action=AuditAction.SIGNED_OUT, obj=user, detail={"reason": reason})


@service
def two_factor_set_up(*, user: User, device: TOTPDevice) -> None:
    """The user proved their authenticator app holds the key: the device becomes theirs, replacing any other."""
    if device.user_id != user.pk:
        raise ValueError("A user sets up only their own authenticator app")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.full_clean()
    device.save()
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_SET_UP, obj=user)


@service
def recovery_codes_issue(*, user: User, reason: str) -> list[str]:
    """Ten new single-use recovery codes, replacing any earlier ones. Shown to the user once.
    `reason`: "two-factor set up" or "replaced" (the user asked for new ones)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    detail = {"count": len(codes), "reason": reason}
    audit_record(actor=user, action=AuditAction.RECOVERY_CODES_ISSUED, obj=user, detail=detail)
    return codes
