"""Signing in and out, two-factor set-up and recovery codes: each writes one audit event.

A code is checked by django-otp outside these services (`frontdoor.accounts.two_factor.verify_code`), so
that its record of wrong attempts (which slows guessing down) is kept even though no event is written
for a wrong code; these services record what happened once a code was right.
"""

from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access.permissions import service
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError
from frontdoor.outbox.services import outbox_enqueue

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


RESET_EMAIL = """{by} reset your two-factor sign-in for {service} at {when}.

Your authenticator app no longer signs you in, and your recovery codes no longer work. The next time you
sign in, you will be asked to add {service} to an authenticator app again and you will be given new
recovery codes.

If you did not ask for this, tell your manager and the system administrators today.
"""


@service
def two_factor_reset(*, user: User, by: User, reason: str) -> None:
    """A lost or stolen phone: remove another user's authenticator app and revoke their recovery codes, so
    that they set one up again at their next sign-in; they are told by email. An administrator or the head
    of service does it (the table in frontdoor.access.permissions), never the user alone."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("Enter why the authenticator app is being reset.", field="reason")
    if user.pk == by.pk:
        raise ServiceError(
            "You cannot reset your own: ask another administrator or the head of service. If you still have "
            "your authenticator app, replace it from your own two-factor page instead.",
            field="username",
        )
    User.objects.select_for_update().filter(pk=user.pk).first()
    apps = TOTPDevice.objects.filter(user=user).delete()[0]
    codes = StaticToken.objects.filter(device__user=user).delete()[0]
    StaticDevice.objects.filter(user=user).delete()
    from frontdoor.procedures.loader import get_profile

    when = timezone.localtime().strftime("%H:%M on %d %B %Y")
    body = RESET_EMAIL.format(by=by.display_name, service=get_profile().service_name, when=when)
    outbox_enqueue(to=user, subject="Your two-factor sign-in was reset", body=body, kind="two_factor_reset", about=user)
    detail = {"reason": reason, "authenticator_apps_removed": apps, "recovery_codes_revoked": codes}
    audit_record(actor=by, action=AuditAction.TWO_FACTOR_RESET, obj=user, detail=detail)
