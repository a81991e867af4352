"""Every kind of audit event, by name. A service writes exactly one event of its own kind."""

from enum import StrEnum


class AuditAction(StrEnum):
    VIEWED = "viewed"
    # contacts
    CONTACT_RECORDED = "contact.recorded"
    CONTACT_RESUBMITTED = "contact.resubmitted"
    CONTACT_UPDATED = "contact.updated"
    CONTACT_SCREENING_STARTED = "contact.screening_started"
    CONTACT_ASSIGNED = "contact.assigned"
    CONTACT_RATED = "contact.rated"
    CONTACT_SUBMITTED_FOR_DECISION = "contact.submitted_for_decision"
    CONTACT_RETURNED_FOR_SCREENING = "contact.returned_for_screening"
    CONTACT_PASSED_ON = "contact.passed_on"
    CONTACT_TEAM_ACKNOWLEDGED = "contact.team_acknowledged"
    CONTACT_CLOSED = "contact.closed"
    CONTACT_DASH_REQUESTED = "contact.dash_requested"
    CONTACT_ACKNOWLEDGED = "contact.acknowledged"
    CONTACT_WRITTEN_FOLLOW_UP_RECEIVED = "contact.written_follow_up_received"
    CONTACT_POLICE_NOTIFIED = "contact.police_notified"
    CONTACT_SHARE_WITHOUT_CONSENT_AUTHORISED = "contact.share_without_consent_authorised"
    CONTACT_SHARING_DECISION = "contact.sharing_decision"
    CONTACT_AGENCY_CHECK_REQUESTED = "contact.agency_check_requested"
    CONTACT_AGENCY_CHECK_ANSWERED = "contact.agency_check_answered"
    CONTACT_NOTE_ADDED = "contact.note_added"
    CONTACT_PERSON_ADDED = "contact.person_added"
    CONTACT_YOUNG_PARENT_DECLINED = "contact.young_parent_declined"
    CONTACT_DOCUMENT_ATTACHED = "contact.document_attached"
    CONTACT_DOCUMENT_DOWNLOADED = "contact.document_downloaded"
    # deadlines: out of hours and raised ratings
    CONTACT_HANDED_OUT_OF_HOURS = "contact.handed_out_of_hours"
    CONTACT_OUT_OF_HOURS_OUTCOME = "contact.out_of_hours_outcome"
    CONTACT_ALERT_ACKNOWLEDGED = "contact.alert_acknowledged"
    # decisions
    CONTACT_DECIDED = "contact.decided"
    CONTACT_DECISION_REVIEW_OPENED = "contact.decision_review_opened"
    CONTACT_PROGRESSED_TO_REFERRAL = "contact.progressed_to_referral"
    CONTACT_HEAD_OF_SERVICE_CONSULTED = "contact.head_of_service_consulted"
    # the person index
    PERSON_CREATED = "person.created"
    PERSON_BORN = "person.born"
    PERSON_CREATED_DESPITE_LIKELY_MATCH = "person.created_despite_likely_match"
    PERSON_MERGED = "person.merged"
    PERSON_MERGE_UNDONE = "person.merge_undone"
    PEOPLE_CONFIRMED_DISTINCT = "people.confirmed_distinct"
    PEOPLE_CONFIRMED_DISTINCT_AGAIN = "people.confirmed_distinct_again"
    PEOPLE_IMPORTED = "people.imported"
    PEOPLE_CASE_STATUS_APPLIED = "people.case_status_applied"
    PEOPLE_MATCHED = "people.matched"
    PEOPLE_DUPLICATES_LISTED = "people.duplicates_listed"
    PEOPLE_MODEL_TRAINED = "people.model_trained"
    # in-app notices
    NOTICE_READ = "notice.read"
    # registers beside contacts
    CHECKS_REQUEST_RECORDED = "checks_request.recorded"
    # the outbox
    OUTBOX_SENT_ANOTHER_WAY = "outbox.sent_another_way"
    CHECKS_REQUEST_REFUSED = "checks_request.refused"
    CHECKS_REQUEST_ANSWERED = "checks_request.answered"
    CHECKS_REQUEST_AUTHORISED = "checks_request.authorised"
    CHECKS_REQUEST_NOT_AUTHORISED = "checks_request.not_authorised"
    CONSULTATION_RECORDED = "consultation.recorded"
    CONSULTATION_ADVICE_RECORDED = "consultation.advice_recorded"
    CONSULTATION_CONVERTED = "consultation.converted"
    TRANSFER_IN_NOTIFIED = "transfer_in.notified"
    TRANSFER_IN_RECORDED = "transfer_in.recorded"
    TRANSFER_IN_FORWARDED = "transfer_in.forwarded"
    TRANSFER_IN_ESCALATED = "transfer_in.escalated"
    # after the decision: feedback, the family told, challenges
    FEEDBACK_GIVEN = "contact.feedback_given"
    FAMILY_TOLD_RECORDED = "contact.family_told_recorded"
    CHILD_SEEN_RECORDED = "contact.child_seen_recorded"
    CHALLENGE_RAISED = "contact.challenge_raised"
    CHALLENGE_STEP_RECORDED = "contact.challenge_step_recorded"
    CHALLENGE_RESOLVED = "contact.challenge_resolved"
    # strategy meetings (R-STRAT-1)
    STRATEGY_WORKER_ALLOCATED = "strategy.worker_allocated"
    STRATEGY_REQUESTED = "strategy.requested"
    STRATEGY_MEETING_TIME_SET = "strategy.meeting_time_set"
    STRATEGY_PARTNER_INVITED = "strategy.partner_invited"
    STRATEGY_REPLY_RECORDED = "strategy.reply_recorded"
    STRATEGY_REFERRER_NOT_INVITED = "strategy.referrer_not_invited"
    STRATEGY_MINUTES_RECORDED = "strategy.minutes_recorded"
    STRATEGY_MINUTES_SIGNED_OFF = "strategy.minutes_signed_off"
    STRATEGY_CHILD_OUTCOME_RECORDED = "strategy.child_outcome_recorded"
    STRATEGY_ACTION_ADDED = "strategy.action_added"
    # trust: searches, exports, denied attempts, lock-down and break-glass (R-ACC-1, R-ACC-2)
    SEARCHED = "searched"
    EXPORTED = "exported"
    DENIED = "denied"
    ACCESS_RESTRICTED = "access.restricted"
    ACCESS_RESTRICTION_LIFTED = "access.restriction_lifted"
    ACCESS_BREAK_GLASS = "access.break_glass"
    ACCESS_BARRED = "access.barred"
    ACCESS_BAR_LIFTED = "access.bar_lifted"
    ACCESS_LOCK_DOWN_REQUESTED = "access.lock_down_requested"
    ACCESS_LOCK_DOWN_APPLIED = "access.lock_down_applied"
    ACCESS_LOCK_DOWN_DECLINED = "access.lock_down_declined"
    ACCESS_LOCK_DOWN_WAITING = "access.lock_down_waiting"
    ACCESS_LOCK_DOWN_CLOSED = "access.lock_down_closed"
    ACCESS_LOCK_DOWN_FOUND_LIKELY = "access.lock_down_found_likely"
    ACCESS_LOCK_DOWN_FOUND_POSSIBLE = "access.lock_down_found_possible"
    ACCESS_LOCK_DOWN_CONFIRMED = "access.lock_down_confirmed"
    # records: subject access and retention
    SUBJECT_ACCESS_EXPORTED = "records.subject_access_exported"
    RETENTION_REVIEWED = "records.retention_reviewed"
    # sign-in
    SIGNED_IN = "account.signed_in"
    SIGNED_OUT = "account.signed_out"
    TWO_FACTOR_SET_UP = "account.two_factor_set_up"
    RECOVERY_CODES_ISSUED = "account.recovery_codes_issued"
    RECOVERY_CODE_USED = "account.recovery_code_used"
    TWO_FACTOR_RESET = "account.two_factor_reset"
    ACCOUNT_DEACTIVATED = "account.deactivated"
    ACCOUNT_REACTIVATED = "account.reactivated"
    ACCOUNT_PASSWORD_SET = "account.password_set"  # noqa: S105 - an event name, not a password


# What each event is called on a page ("Sent for decision by Sam Patel, 14:03"): one label per action,
# in words a worker uses. Every action has one (tested), so a new action cannot reach a page as code.
LABELS: dict[AuditAction, str] = {
    AuditAction.VIEWED: "Viewed",
    AuditAction.CONTACT_RECORDED: "Contact recorded",
    AuditAction.CONTACT_RESUBMITTED: "Same contact submitted again",
    AuditAction.CONTACT_UPDATED: "Screening details updated",
    AuditAction.CONTACT_SCREENING_STARTED: "Screening started",
    AuditAction.CONTACT_ASSIGNED: "Worker assigned",
    AuditAction.CONTACT_RATED: "Rating given",
    AuditAction.CONTACT_SUBMITTED_FOR_DECISION: "Sent for decision",
    AuditAction.CONTACT_RETURNED_FOR_SCREENING: "Returned for more screening",
    AuditAction.CONTACT_PASSED_ON: "Passed to the allocated team",
    AuditAction.CONTACT_TEAM_ACKNOWLEDGED: "Receipt acknowledged by the allocated team",
    AuditAction.CONTACT_CLOSED: "Contact closed",
    AuditAction.CONTACT_DASH_REQUESTED: "DASH risk assessment requested",
    AuditAction.CONTACT_ACKNOWLEDGED: "Referrer acknowledged",
    AuditAction.CONTACT_WRITTEN_FOLLOW_UP_RECEIVED: "Written follow-up received",
    AuditAction.CONTACT_POLICE_NOTIFIED: "Police notification recorded",
    AuditAction.CONTACT_SHARE_WITHOUT_CONSENT_AUTHORISED: "Sharing without consent authorised",
    AuditAction.CONTACT_SHARING_DECISION: "Information-sharing decision recorded",
    AuditAction.CONTACT_AGENCY_CHECK_REQUESTED: "Agency check requested",
    AuditAction.CONTACT_AGENCY_CHECK_ANSWERED: "Agency check answered",
    AuditAction.CONTACT_NOTE_ADDED: "Note added",
    AuditAction.CONTACT_PERSON_ADDED: "Person added to the contact",
    AuditAction.CONTACT_YOUNG_PARENT_DECLINED: "Young parent's own assessment declined",
    AuditAction.CONTACT_DOCUMENT_ATTACHED: "Document attached",
    AuditAction.CONTACT_DOCUMENT_DOWNLOADED: "Document downloaded",
    AuditAction.CONTACT_HANDED_OUT_OF_HOURS: "Handed to the out-of-hours team",
    AuditAction.CONTACT_OUT_OF_HOURS_OUTCOME: "Out-of-hours outcome recorded",
    AuditAction.CONTACT_ALERT_ACKNOWLEDGED: "Alert seen by a manager",
    AuditAction.CONTACT_DECIDED: "Threshold decision made",
    AuditAction.CONTACT_DECISION_REVIEW_OPENED: "Decision reopened for review",
    AuditAction.CONTACT_PROGRESSED_TO_REFERRAL: "Progressed to a referral",
    AuditAction.CONTACT_HEAD_OF_SERVICE_CONSULTED: "Head of service consultation recorded",
    AuditAction.PERSON_CREATED: "Record created",
    AuditAction.PERSON_BORN: "Birth recorded",
    AuditAction.PERSON_CREATED_DESPITE_LIKELY_MATCH: "Record created despite a likely match",
    AuditAction.PERSON_MERGED: "Records merged",
    AuditAction.PERSON_MERGE_UNDONE: "Merge undone",
    AuditAction.PEOPLE_CONFIRMED_DISTINCT: "Confirmed as different people",
    AuditAction.PEOPLE_CONFIRMED_DISTINCT_AGAIN: "Confirmed again as different people",
    AuditAction.PEOPLE_IMPORTED: "People imported",
    AuditAction.PEOPLE_CASE_STATUS_APPLIED: "Case status imported",
    AuditAction.PEOPLE_MATCHED: "People matched in bulk",
    AuditAction.PEOPLE_DUPLICATES_LISTED: "Possible duplicates listed",
    AuditAction.PEOPLE_MODEL_TRAINED: "Matching model trained",
    AuditAction.NOTICE_READ: "Notice read",
    AuditAction.FEEDBACK_GIVEN: "Feedback given to the referrer",
    AuditAction.FAMILY_TOLD_RECORDED: "What the family was told recorded",
    AuditAction.CHILD_SEEN_RECORDED: "Child seen after the decision recorded",
    AuditAction.CHALLENGE_RAISED: "Challenge to the decision recorded",
    AuditAction.CHALLENGE_STEP_RECORDED: "Outcome of a challenge step recorded",
    AuditAction.CHALLENGE_RESOLVED: "Challenge resolved",
    AuditAction.OUTBOX_SENT_ANOTHER_WAY: "Held email sent another way",
    AuditAction.CHECKS_REQUEST_RECORDED: "Request for checks recorded",
    AuditAction.CHECKS_REQUEST_REFUSED: "Request for checks refused",
    AuditAction.CHECKS_REQUEST_ANSWERED: "Request for checks answered",
    AuditAction.CHECKS_REQUEST_AUTHORISED: "Detailed request for checks authorised",
    AuditAction.CHECKS_REQUEST_NOT_AUTHORISED: "Detailed request for checks not authorised",
    AuditAction.CONSULTATION_RECORDED: "Consultation recorded",
    AuditAction.CONSULTATION_ADVICE_RECORDED: "Advice recorded on the consultation",
    AuditAction.CONSULTATION_CONVERTED: "Consultation made into a contact",
    AuditAction.TRANSFER_IN_NOTIFIED: "Transfer in notified",
    AuditAction.TRANSFER_IN_RECORDED: "Transfer in details recorded",
    AuditAction.TRANSFER_IN_FORWARDED: "Forwarded for a transfer-in conference",
    AuditAction.TRANSFER_IN_ESCALATED: "Case responsibility escalated",
    AuditAction.STRATEGY_WORKER_ALLOCATED: "Social worker allocated for a strategy meeting",
    AuditAction.STRATEGY_REQUESTED: "Strategy meeting requested",
    AuditAction.STRATEGY_MEETING_TIME_SET: "Strategy meeting time changed",
    AuditAction.STRATEGY_PARTNER_INVITED: "Partner invited to the strategy meeting",
    AuditAction.STRATEGY_REPLY_RECORDED: "Reply to a strategy meeting invitation recorded",
    AuditAction.STRATEGY_REFERRER_NOT_INVITED: "Reason the referrer is not invited recorded",
    AuditAction.STRATEGY_MINUTES_RECORDED: "Strategy meeting minutes recorded",
    AuditAction.STRATEGY_MINUTES_SIGNED_OFF: "Strategy meeting minutes signed off",
    AuditAction.STRATEGY_CHILD_OUTCOME_RECORDED: "Strategy meeting decision on a child recorded",
    AuditAction.STRATEGY_ACTION_ADDED: "Strategy meeting action recorded",
    AuditAction.SEARCHED: "Searched",
    AuditAction.EXPORTED: "Exported",
    AuditAction.DENIED: "Access refused",
    AuditAction.ACCESS_RESTRICTED: "Record restricted",
    AuditAction.ACCESS_RESTRICTION_LIFTED: "Restriction lifted",
    AuditAction.ACCESS_BREAK_GLASS: "Emergency access used",
    AuditAction.ACCESS_BARRED: "Member of staff barred from the record",
    AuditAction.ACCESS_BAR_LIFTED: "Bar on a member of staff lifted",
    AuditAction.ACCESS_LOCK_DOWN_REQUESTED: "Lock-down requested",
    AuditAction.ACCESS_LOCK_DOWN_APPLIED: "Lock-down request applied",
    AuditAction.ACCESS_LOCK_DOWN_DECLINED: "Lock-down request declined",
    AuditAction.ACCESS_LOCK_DOWN_WAITING: "Lock-down request kept waiting for a record",
    AuditAction.ACCESS_LOCK_DOWN_CLOSED: "Waiting lock-down request closed",
    AuditAction.ACCESS_LOCK_DOWN_FOUND_LIKELY: "Waiting lock-down request applied to a new record (likely match)",
    AuditAction.ACCESS_LOCK_DOWN_FOUND_POSSIBLE: "Waiting lock-down request: a new record may match",
    AuditAction.ACCESS_LOCK_DOWN_CONFIRMED: "Lock-down applied to a new record confirmed",
    AuditAction.SUBJECT_ACCESS_EXPORTED: "Subject access export made",
    AuditAction.RETENTION_REVIEWED: "Retention review recorded",
    AuditAction.SIGNED_IN: "Signed in",
    AuditAction.SIGNED_OUT: "Signed out",
    AuditAction.TWO_FACTOR_SET_UP: "Two-factor authentication set up",
    AuditAction.RECOVERY_CODES_ISSUED: "Recovery codes issued",
    AuditAction.RECOVERY_CODE_USED: "Recovery code used to sign in",
    AuditAction.TWO_FACTOR_RESET: "Authenticator app reset by someone else",
    AuditAction.ACCOUNT_DEACTIVATED: "Account deactivated by an administrator",
    AuditAction.ACCOUNT_REACTIVATED: "Account reactivated by an administrator",
    AuditAction.ACCOUNT_PASSWORD_SET: "Password set by an administrator",
}


def action_label(action: str) -> str:
    """The words for an event on a page; an action no longer named reads as its own words, never as code."""
    try:
        return LABELS[AuditAction(action)]
    except (ValueError, KeyError):
        words = action.rsplit(".", 1)[-1].replace("_", " ")
        return words[:1].upper() + words[1:]
