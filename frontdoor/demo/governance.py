"""Demo data for information governance: two professional consultations taken years ago, past the
profile's retention period, so the retention review has something to review; one of them reviewed
already (kept until a later date), the other waiting. Written through the services at the moment each
step happened."""

import datetime
from typing import TYPE_CHECKING

import time_machine
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.procedures.loader import get_profile
from frontdoor.records.models import RetentionReview
from frontdoor.records.services import retention_review_record
from frontdoor.registers import services as rs

if TYPE_CHECKING:
    from .loader import Staff


def load_governance(staff: "Staff") -> None:
    if RetentionReview.objects.exists():
        return
    officer, governance = staff.roles[Role.INFORMATION_OFFICER], staff.roles[Role.INFORMATION_GOVERNANCE]
    now = timezone.now()
    years = get_profile().retention.consultation_years
    taken = []
    for extra_days, name, agency, child, concern in (
        (400, "Marion Pike", "Hillside Nursery", "Oscar", "Oscar often arrives hungry; is this for early help?"),
        (40, "Dev Patel", "Brook Lane Surgery", "Maya", "Maya's father has asked about parenting support."),
    ):
        moment = now - datetime.timedelta(days=365 * years + extra_days)
        with time_machine.travel(moment, tick=False):
            taken.append(
                rs.consultation_record(
                    by=officer,
                    consulted_at=moment,
                    professional_name=name,
                    agency=agency,
                    child_given_names=child,
                    child_family_name="Whitlow",
                    concern=concern,
                    caller_told_not_recorded=True,
                    advice="Talk to the family about early help; call back if anything changes.",
                )
            )
    with time_machine.travel(now - datetime.timedelta(days=20), tick=False):
        retention_review_record(
            kind="consultation",
            object_id=str(taken[0].pk),
            by=governance,
            decision="keep",
            keep_until=timezone.localdate() + datetime.timedelta(days=365),
            reason="The nursery has asked for a copy for a complaint still open.",
        )
