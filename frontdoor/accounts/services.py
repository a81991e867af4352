"""Signing in and out, two-factor set-up and recovery codes, an administrator's changes to an account: each
writes one audit event.

Whatever changes how a user signs in (a new or reset authenticator app, new recovery codes, a password set
by an administrator, the account deactivated) ends every session the user has, in the same transaction
(`User.end_sessions`); a view acting on the signed-in user's own account keeps that one session
(`update_session_auth_hash`).

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
from frontdoor.core.errors import ServiceError, required_text
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
    user.end_sessions()
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_SET_UP, obj=user)


@service
def recovery_codes_issue(*, user: User, reason: str) -> list[str]:
    """Ten new single-use recovery codes, replacing any earlier ones. Shown to the user once.
    `reason`: "two-factor set up" or "replaced" (the user asked for new ones)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    user.end_sessions()
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
    reason = required_text(reason, "Enter why the authenticator app is being reset.")
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
    user.end_sessions()
    from frontdoor.procedures.loader import get_profile

    when = timezone.localtime().strftime("%H:%M on %d %B %Y")
    body = RESET_EMAIL.format(by=by.display_name, service=get_profile().service_name, when=when)
    outbox_enqueue(to=user, subject="Your two-factor sign-in was reset", body=body, kind="two_factor_reset", about=user)
    detail = {"reason": reason, "authenticator_apps_removed": apps, "recovery_codes_revoked": codes}
    audit_record(actor=by, action=AuditAction.TWO_FACTOR_RESET, obj=user, detail=detail)


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


@service
def account_deactivate(*, user: User, by: User | None, reason: str) -> None:
    """An administrator deactivates an account (someone who has left, or an account thought compromised):
    it signs in no more and every session it has ends at its next request. `by` is None when run as an
    operator's command (`frontdoor account deactivate`)."""
    reason = required_text(reason)
    if by is not None and user.pk == by.pk:
        raise ServiceError("You cannot deactivate your own account: ask another administrator.", field="username")
    if not _locked(user).is_active:
        raise ServiceError(f"{user.username} is already deactivated.", field="username")
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.end_sessions()
    audit_record(actor=by, action=AuditAction.ACCOUNT_DEACTIVATED, obj=user, detail={"reason": reason})


@service
def account_reactivate(*, user: User, by: User | None, reason: str) -> None:
    """An administrator lets a deactivated account sign in again (back from a long absence, or deactivated by
    mistake), with a reason. Its sessions stay ended: the user signs in afresh, with their password and
    authenticator app (reset either first if it may be known to someone else)."""
    reason = required_text(reason)
    if _locked(user).is_active:
        raise ServiceError(f"{user.username} is not deactivated.", field="username")
    user.is_active = True
    user.save(update_fields=["is_active"])
    user.end_sessions()
    audit_record(actor=by, action=AuditAction.ACCOUNT_REACTIVATED, obj=user, detail={"reason": reason})


@service
def account_password_set(*, user: User, by: User | None, password: str, reason: str) -> None:
    """An administrator sets a user's password (a forgotten or leaked one): checked against the password
    rules, and every session the user has ends. The password is never in the audit event."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    reason = required_text(reason)
    if by is not None and user.pk == by.pk:
        raise ServiceError("You cannot set your own password here: ask another administrator.", field="username")
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages), field="password") from error
    _locked(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    user.end_sessions()
    audit_record(actor=by, action=AuditAction.ACCOUNT_PASSWORD_SET, obj=user, detail={"reason": reason})
