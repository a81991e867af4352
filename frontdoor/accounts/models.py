"""Staff and referrer accounts. Roles are Django groups named after `Role` values."""

from django.contrib.auth.models import AbstractUser
from django.db import models


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

    class Meta:
        ordering = ["username"]

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
