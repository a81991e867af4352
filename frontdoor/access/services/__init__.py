"""Writes for lock-down (R-ACC-2, 002 s2), by topic: restricting a record, bars and emergency access
(`lock_down`), requests for a lock-down (`requests`), and described requests kept waiting for a record
(`waiting`). Each service is one transaction writing one audit event; the rules that read these rows are
in `frontdoor.access.policy`."""

from .lock_down import (
    CASE_SYSTEM_LIFT,
    access_bar,
    access_bar_lift,
    access_break_glass,
    access_restrict,
    access_restriction_lift,
    bars_carry_back,
    bars_carry_over,
    current_restriction,
    may_break_glass,
    reach_barred,
    record_managers,
    restricted_by_case_system,
    restriction_carry_back,
    restriction_carry_over,
)
from .requests import (
    Described,
    access_lock_down_apply,
    access_lock_down_decline,
    access_lock_down_request,
    request_deciders,
)
from .waiting import (
    access_lock_down_close,
    access_lock_down_confirm,
    access_lock_down_record_found,
    access_lock_down_wait,
    lock_down_requests_check,
)

__all__ = [
    "CASE_SYSTEM_LIFT",
    "Described",
    "access_bar",
    "access_bar_lift",
    "access_break_glass",
    "access_lock_down_apply",
    "access_lock_down_close",
    "access_lock_down_confirm",
    "access_lock_down_decline",
    "access_lock_down_record_found",
    "access_lock_down_request",
    "access_lock_down_wait",
    "access_restrict",
    "access_restriction_lift",
    "bars_carry_back",
    "bars_carry_over",
    "current_restriction",
    "lock_down_requests_check",
    "may_break_glass",
    "reach_barred",
    "record_managers",
    "request_deciders",
    "restricted_by_case_system",
    "restriction_carry_back",
    "restriction_carry_over",
]
