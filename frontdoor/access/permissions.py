"""The permission table: which role may call each service, and the audit event each one writes.

Every service function is declared here and wrapped by `@service`, so the rule holds for any caller
(a page today, an API tomorrow), not only for the views that happen to check it first. A call by a
role that may not act raises `PermissionDenied` before anything is read or written. The wrapper also
runs the service in one transaction and refuses to commit unless the call wrote exactly one audit
event of the service's own kind (events written by services it calls are theirs, not its).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import transaction

from frontdoor.audit.actions import AuditAction as A
from frontdoor.audit.services import audit_frame
from frontdoor.core.errors import PermissionDenied

from .policy import Can, can, can_authorise

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Permission:
    actor: str  # the keyword argument that names who is acting
    actions: tuple[A, ...]  # the audit event(s) of the service's own kind: exactly one is written
    capability: Can | None = None  # a role capability (frontdoor.access.policy.ROLE_CAPABILITIES)
    authoriser: str | None = None  # or a key of the profile's [authorisers] (who authorises is the profile's)
    operator: bool = False  # may also run with no user: an operator's command or a bulk load
    own_account: bool = False  # any active user, acting on their own account (signing in, two-factor)

    @property
    def refusal(self) -> str:
        if self.authoriser is not None:
            return REFUSALS.get(self.authoriser, "Only a manager can authorise this.")
        return "Your role does not allow you to do this."


# What a user is told when the profile's authorisers do not include their role.
REFUSALS = {
    "threshold_decision": "Only a manager can authorise or review a threshold decision.",
    "share_without_consent": "Only a manager can authorise sharing without consent.",
    "proceed_without_consent": "Only a manager can authorise proceeding without consent.",
    "removal_consultee": "Only the head of service records their own consultation.",
    "checks_request": "Only a manager can authorise a detailed request for checks.",
}


def _by(capability: Can, *actions: A, actor: str = "by", operator: bool = False) -> Permission:
    return Permission(actor=actor, actions=actions, capability=capability, operator=operator)


def _authorised(what: str, *actions: A, actor: str = "manager") -> Permission:
    return Permission(actor=actor, actions=actions, authoriser=what)


SERVICES: dict[str, Permission] = {
    # contacts: intake and screening
    "contact_record": _by(Can.RECORD_CONTACT, A.CONTACT_RECORDED, A.CONTACT_RESUBMITTED, actor="recorded_by"),
    "contact_update": _by(Can.SCREEN_CONTACT, A.CONTACT_UPDATED),
    "contact_start_screening": _by(Can.SCREEN_CONTACT, A.CONTACT_SCREENING_STARTED),
    "contact_assign": _by(Can.SCREEN_CONTACT, A.CONTACT_ASSIGNED),
    "contact_rate_initial": _by(Can.RATE_CONTACT, A.CONTACT_RATED),
    "contact_submit_for_decision": _by(Can.SCREEN_CONTACT, A.CONTACT_SUBMITTED_FOR_DECISION),
    "contact_return_for_screening": _authorised("threshold_decision", A.CONTACT_RETURNED_FOR_SCREENING, actor="by"),
    "contact_pass_to_allocated_team": _by(Can.ROUTE_CONTACT, A.CONTACT_PASSED_ON),
    "contact_acknowledge_receipt": _by(Can.SCREEN_CONTACT, A.CONTACT_TEAM_ACKNOWLEDGED),
    "contact_close": _by(Can.CLOSE_CONTACT, A.CONTACT_CLOSED),
    "contact_request_dash": _by(Can.SCREEN_CONTACT, A.CONTACT_DASH_REQUESTED),
    "contact_acknowledge": _by(Can.SCREEN_CONTACT, A.CONTACT_ACKNOWLEDGED),
    "contact_record_written_follow_up": _by(Can.SCREEN_CONTACT, A.CONTACT_WRITTEN_FOLLOW_UP_RECEIVED),
    "contact_record_police_notified": _by(Can.SCREEN_CONTACT, A.CONTACT_POLICE_NOTIFIED),
    "note_add": _by(Can.SCREEN_CONTACT, A.CONTACT_NOTE_ADDED),
    # the family on a contact, and documents
    "contact_add_person": _by(Can.SCREEN_CONTACT, A.CONTACT_PERSON_ADDED),
    "contact_refer_young_parent": _by(Can.RECORD_CONTACT, A.CONTACT_RECORDED),
    "contact_record_young_parent_declined": _authorised("threshold_decision", A.CONTACT_YOUNG_PARENT_DECLINED),
    "document_attach": _by(Can.SCREEN_CONTACT, A.CONTACT_DOCUMENT_ATTACHED),
    # whoever may open the contact may download its documents (access_contact decides which contacts)
    "document_download_record": _by(Can.VIEW_QUEUES, A.CONTACT_DOCUMENT_DOWNLOADED),
    # deadlines: out of hours (the sweep hands over with no user) and raised ratings
    "out_of_hours_handover": Permission(actor="by", actions=(A.CONTACT_HANDED_OUT_OF_HOURS,), operator=True),
    "out_of_hours_outcome_record": _by(Can.SCREEN_CONTACT, A.CONTACT_OUT_OF_HOURS_OUTCOME),
    "contact_alert_acknowledge": _authorised("threshold_decision", A.CONTACT_ALERT_ACKNOWLEDGED),
    # consent and sharing
    "consent_authorise_share_without": _authorised("share_without_consent", A.CONTACT_SHARE_WITHOUT_CONSENT_AUTHORISED),
    "sharing_decision_record": _by(Can.SCREEN_CONTACT, A.CONTACT_SHARING_DECISION),
    "agency_check_request": _by(Can.SCREEN_CONTACT, A.CONTACT_AGENCY_CHECK_REQUESTED),
    "agency_check_respond": _by(Can.RESPOND_AGENCY_CHECK, A.CONTACT_AGENCY_CHECK_ANSWERED),
    # threshold decisions
    "decision_authorise": _authorised("threshold_decision", A.CONTACT_DECIDED),
    "decision_reopen_for_review": _authorised("threshold_decision", A.CONTACT_DECISION_REVIEW_OPENED),
    "contact_progress_to_referral": _authorised("threshold_decision", A.CONTACT_PROGRESSED_TO_REFERRAL, actor="by"),
    # R-INT-7, R-DEC-7: the head of service (the profile's `removal_consultee`) records their own consultation
    "head_of_service_consultation_record": _authorised(
        "removal_consultee", A.CONTACT_HEAD_OF_SERVICE_CONSULTED, actor="by"
    ),
    # registers beside contacts (R-CONS-1, R-CHK-2, R-TRF-1), kept by the front door's own staff
    "consultation_record": _by(Can.RECORD_REGISTER, A.CONSULTATION_RECORDED),
    "consultation_record_advice": _by(Can.RECORD_REGISTER, A.CONSULTATION_ADVICE_RECORDED),
    "consultation_convert": _by(Can.RECORD_REGISTER, A.CONSULTATION_CONVERTED, actor="recorded_by"),
    "checks_request_record": _by(Can.RECORD_REGISTER, A.CHECKS_REQUEST_RECORDED, A.CHECKS_REQUEST_REFUSED),
    "checks_request_answer": _by(Can.RECORD_REGISTER, A.CHECKS_REQUEST_ANSWERED),
    "checks_request_authorise": _authorised(
        "checks_request", A.CHECKS_REQUEST_AUTHORISED, A.CHECKS_REQUEST_NOT_AUTHORISED
    ),
    "transfer_in_notify": _by(Can.RECORD_REGISTER, A.TRANSFER_IN_NOTIFIED),
    "transfer_in_record": _by(Can.RECORD_REGISTER, A.TRANSFER_IN_RECORDED),
    "transfer_in_forward": _by(Can.RECORD_REGISTER, A.TRANSFER_IN_FORWARDED),
    # 002 s8: the managers who cannot agree refer it on (the profile's managers)
    "transfer_in_escalate": _authorised("threshold_decision", A.TRANSFER_IN_ESCALATED, actor="by"),
    # after the decision: feedback to the referrer, the family told, challenges (R-FB-1..3, R-ESC-1)
    "feedback_give": _by(Can.FOLLOW_UP, A.FEEDBACK_GIVEN),
    "family_told_record": _by(Can.FOLLOW_UP, A.FAMILY_TOLD_RECORDED),
    "child_seen_record": _by(Can.FOLLOW_UP, A.CHILD_SEEN_RECORDED),
    "challenge_raise": _by(Can.FOLLOW_UP, A.CHALLENGE_RAISED),
    "challenge_step_record": _by(Can.FOLLOW_UP, A.CHALLENGE_STEP_RECORDED),
    "challenge_resolve": _by(Can.FOLLOW_UP, A.CHALLENGE_RESOLVED),
    # strategy meetings (R-STRAT-1, 002 s6): the manager allocates and chairs, the social worker requests,
    # business support (or the worker) organise and minute; the chair signs off and records the outcome
    "strategy_worker_allocate": _authorised("threshold_decision", A.STRATEGY_WORKER_ALLOCATED),
    "strategy_request_record": _by(Can.SCREEN_CONTACT, A.STRATEGY_REQUESTED),
    "strategy_meeting_time_set": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_MEETING_TIME_SET),
    "strategy_partner_invite": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_PARTNER_INVITED),
    "strategy_reply_record": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_REPLY_RECORDED),
    "strategy_referrer_not_invited": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_REFERRER_NOT_INVITED),
    "strategy_minutes_record": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_MINUTES_RECORDED),
    "strategy_minutes_sign_off": _authorised("threshold_decision", A.STRATEGY_MINUTES_SIGNED_OFF),
    "strategy_child_outcome_record": _authorised("threshold_decision", A.STRATEGY_CHILD_OUTCOME_RECORDED),
    "strategy_action_add": _by(Can.ORGANISE_STRATEGY, A.STRATEGY_ACTION_ADDED),
    # in-app notices: read by whoever they were sent to
    "notice_mark_read": _by(Can.VIEW_QUEUES, A.NOTICE_READ),
    # the outbox: a held email sent another way (R-CON-7)
    "outbox_mark_sent_another_way": _by(Can.MANAGE_OUTBOX, A.OUTBOX_SENT_ANOTHER_WAY),
    # lock-down, bars and emergency access (R-ACC-2, 002 s2)
    "access_restrict": _by(Can.MANAGE_ACCESS, A.ACCESS_RESTRICTED),
    "access_restriction_lift": _by(Can.MANAGE_ACCESS, A.ACCESS_RESTRICTION_LIFTED),
    "access_bar": _by(Can.MANAGE_ACCESS, A.ACCESS_BARRED),
    "access_bar_lift": _by(Can.MANAGE_ACCESS, A.ACCESS_BAR_LIFTED),
    "access_break_glass": _by(Can.BREAK_GLASS, A.ACCESS_BREAK_GLASS),
    # 002 s2: "A manager or relevant business support manager may request ACL": they ask, managers decide
    "access_lock_down_request": _by(Can.REQUEST_LOCK_DOWN, A.ACCESS_LOCK_DOWN_REQUESTED),
    "access_lock_down_apply": _by(Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_APPLIED),
    "access_lock_down_decline": _by(Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_DECLINED),
    # a described request for a child with no record yet waits for one; a record created later that matches it
    # is locked down under the authority of the manager who kept it waiting, who is told (ADR 0016)
    "access_lock_down_wait": _by(Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_WAITING),
    "access_lock_down_close": _by(Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_CLOSED),
    "access_lock_down_record_found": _by(
        Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_FOUND_LIKELY, A.ACCESS_LOCK_DOWN_FOUND_POSSIBLE
    ),
    "access_lock_down_confirm": _by(Can.MANAGE_ACCESS, A.ACCESS_LOCK_DOWN_CONFIRMED),
    # the person index
    "person_create": _by(Can.RECORD_CONTACT, A.PERSON_CREATED, actor="created_by", operator=True),
    "person_record_birth": _by(Can.SCREEN_CONTACT, A.PERSON_BORN),
    "person_merge": _by(Can.MERGE_PEOPLE, A.PERSON_MERGED, actor="merged_by"),
    "person_merge_undo": _by(Can.MERGE_PEOPLE, A.PERSON_MERGE_UNDONE, actor="undone_by"),
    "people_confirm_distinct": _by(
        Can.RECORD_CONTACT, A.PEOPLE_CONFIRMED_DISTINCT, A.PEOPLE_CONFIRMED_DISTINCT_AGAIN, actor="confirmed_by"
    ),
    "people_import": Permission(actor="actor", actions=(A.PEOPLE_IMPORTED,), operator=True),
    "people_status_apply": Permission(actor="actor", actions=(A.PEOPLE_CASE_STATUS_APPLIED,), operator=True),
    # information governance: a subject access export (UK GDPR art. 15) and the retention review
    "subject_access_export": _by(Can.SUBJECT_ACCESS, A.SUBJECT_ACCESS_EXPORTED),
    "retention_review_record": _by(Can.RETENTION_REVIEW, A.RETENTION_REVIEWED),
    # signing in and out, two-factor and recovery codes: every user, for their own account
    "sign_in_record": Permission(actor="user", actions=(A.SIGNED_IN, A.RECOVERY_CODE_USED), own_account=True),
    "sign_out_record": Permission(actor="user", actions=(A.SIGNED_OUT,), own_account=True),
    "two_factor_set_up": Permission(actor="user", actions=(A.TWO_FACTOR_SET_UP,), own_account=True),
    "recovery_codes_issue": Permission(actor="user", actions=(A.RECOVERY_CODES_ISSUED,), own_account=True),
    # a lost authenticator app: reset by an administrator or the head of service, never by the user alone
    "two_factor_reset": _by(Can.RESET_TWO_FACTOR, A.TWO_FACTOR_RESET),
    # an administrator deactivates an account or sets its password (or an operator's `frontdoor account`)
    "account_deactivate": _by(Can.MANAGE_ACCOUNTS, A.ACCOUNT_DEACTIVATED, operator=True),
    "account_reactivate": _by(Can.MANAGE_ACCOUNTS, A.ACCOUNT_REACTIVATED, operator=True),
    "account_password_set": _by(Can.MANAGE_ACCOUNTS, A.ACCOUNT_PASSWORD_SET, operator=True),
}

# name -> the wrapped service, filled as the service modules are imported
REGISTRY: dict[str, Callable[..., Any]] = {}


def may_call(user: Any, name: str) -> bool:
    """Whether `user` (None for an operator's command) may call the service `name`."""
    rule = SERVICES[name]
    if user is None:
        return rule.operator
    if rule.own_account:
        return bool(getattr(user, "is_active", False))
    if rule.capability is not None and can(user, rule.capability):
        return True
    return rule.authoriser is not None and can_authorise(user, rule.authoriser)


class NothingToDo(Exception):  # noqa: N818 - an outcome, not a failure
    """Raised by a service that rightly finds nothing to do (say, a contact another request has just
    handed over): the call writes nothing, no event is due, and the service returns None."""


def service(fn: Callable[P, R]) -> Callable[P, R]:
    """Declare a service: checked against the table, one transaction, exactly one event of its kind
    (or none at all, when it raises `NothingToDo`)."""
    name = fn.__name__
    if name not in SERVICES:
        raise LookupError(f"The service {name} has no row in frontdoor.access.permissions.SERVICES")
    rule = SERVICES[name]

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not may_call(kwargs.get(rule.actor), name):
            raise PermissionDenied(rule.refusal)
        try:
            with transaction.atomic(), audit_frame(actor=kwargs.get(rule.actor)) as written:
                result = fn(*args, **kwargs)
                own = [a for a in written if a in rule.actions]
                if len(own) != 1:
                    raise RuntimeError(f"{name} wrote {len(own)} audit events of its kind, not exactly one")
        except NothingToDo:
            return None  # type: ignore[return-value]  # a service that may do nothing is typed `X | None`
        return result

    REGISTRY[name] = wrapper
    return wrapper
