"""Staff and referrer accounts. Roles are Django groups named after `Role` values."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F
from django.utils.crypto import salted_hmac


class Role(models.TextChoices):
    INFORMATION_OFFICER = "information_officer", "Information officer"
    DUTY_SOCIAL_WORKER = "duty_social_worker", "Duty social worker"
    ADVANCED_PRACTITIONER = "advanced_practitioner", "Advanced practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    MASH_PARTNER = "mash_partner", "MASH partner"
    BUSINESS_SUPPORT = "business_support", "Business support"
    # 002 s2: "A manager or relevant business support manager may request ACL": locks records down.
    BUSINESS_SUPPORT_MANAGER = "business_support_manager", "Business support manager"
    REFERRER = "referrer", "Professional referrer"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    # Subject access requests, the retention review and the report of views with no link to the case.
    INFORMATION_GOVERNANCE = "information_governance", "Information governance officer"
    SYSTEM_ADMIN = "system_admin", "System administrator"


class User(AbstractUser):
    team_key = models.CharField("team", max_length=60, blank=True)
    # A MASH partner's agency: a key of the profile's `check_agencies` (see clean()).
    agency = models.CharField(max_length=40, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    # Raised to end every session the user has (docs/SECURITY.md, "Ending a user's sessions"): it is part
    # of the session hash Django checks on every request, as the password is.
    session_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["username"]

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, with `session_version` folded in once it has been raised (so
        the sessions open before this field existed stay valid until something ends them)."""
        if not self.session_version:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        key_salt = "frontdoor.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_version}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def end_sessions(self) -> None:
        """End every session of this user, on every device: the next request of each is signed out. Called
        inside the service that changes the user's sign-in (which writes the audit event); the view of a
        user changing their own keeps its own session with `update_session_auth_hash`."""
        User.objects.filter(pk=self.pk).update(session_version=F("session_version") + 1)
        self.refresh_from_db(fields=["session_version"])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from frontdoor.procedures.loader import get_profile

        super().clean()
        keys = [a.key for a in get_profile().check_agencies]
        if self.agency and self.agency not in keys:
            raise ValidationError({"agency": f"Choose one of the agencies for checks: {', '.join(keys)}."})

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
