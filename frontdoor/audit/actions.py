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
    # in-app notices
    NOTICE_READ = "notice.read"
    # registers beside contacts
    CHECKS_REQUEST_RECORDED = "checks_request.recorded"
