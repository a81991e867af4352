"""The contact workflow as data: every allowed (from, to) pair and the service that performs it."""

from frontdoor.core.errors import TransitionNotAllowed

from .models import Status

# (from, to) -> name of the service function in frontdoor.contacts.services /
# frontdoor.decisions.services that performs the move. Anything absent is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.RECEIVED, Status.SCREENING): "contact_start_screening",
    (Status.RECEIVED, Status.AWAITING_DECISION): "contact_submit_for_decision",
    (Status.SCREENING, Status.AWAITING_DECISION): "contact_submit_for_decision",
    (Status.AWAITING_DECISION, Status.SCREENING): "contact_return_for_screening",
    (Status.AWAITING_DECISION, Status.DECIDED): "decision_authorise",
    (Status.DECIDED, Status.AWAITING_DECISION): "decision_reopen_for_review",
    (Status.DECIDED, Status.CLOSED): "contact_close",
    (Status.RECEIVED, Status.PASSED_ON): "contact_pass_to_allocated_team",
    (Status.SCREENING, Status.PASSED_ON): "contact_pass_to_allocated_team",
    (Status.PASSED_ON, Status.TEAM_ACKNOWLEDGED): "contact_acknowledge_receipt",
}


# Where a contact is, and what it cannot then be: a refused move reads "This contact has already been
# decided, so it cannot be sent for a decision", never as a pair of states.
WHERE_IT_IS: dict[str, str] = {
    Status.RECEIVED: "This contact has not been screened or sent for a decision yet",
    Status.SCREENING: "This contact is already being screened",
    Status.AWAITING_DECISION: "This contact is already waiting for a manager's decision",
    Status.DECIDED: "This contact has already been decided",
    Status.CLOSED: "This contact has already been closed",
    Status.PASSED_ON: "This contact has already been passed to the allocated team",
    Status.TEAM_ACKNOWLEDGED: "The allocated team has already acknowledged this contact",
}
WHAT_IT_CANNOT_BE: dict[str, str] = {
    Status.RECEIVED: "go back to being newly received",
    Status.SCREENING: "be screened now",
    Status.AWAITING_DECISION: "be sent for a decision",
    Status.DECIDED: "be decided now",
    Status.CLOSED: "be closed now",
    Status.PASSED_ON: "be passed to the allocated team now",
    Status.TEAM_ACKNOWLEDGED: "be acknowledged by the allocated team",
}


def check_transition(current: str, target: str) -> None:
    if (current, target) not in TRANSITIONS:
        where = WHERE_IT_IS[current]
        refused = f"{where}." if current == target else f"{where}, so it cannot {WHAT_IT_CANNOT_BE[target]}."
        raise TransitionNotAllowed(
            f"{refused} Someone else may have changed it: reload the page to see where it is now."
        )


def next_steps(current: str) -> list[str]:
    return [target for (source, target) in TRANSITIONS if source == current]
