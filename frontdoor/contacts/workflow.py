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


def check_transition(current: str, target: str) -> None:
    if (current, target) not in TRANSITIONS:
        raise TransitionNotAllowed(
            f"A contact that is {Status(current).label.lower()} cannot be moved to "
            f"“{Status(target).label.lower()}”. It may have been changed by someone else: "
            "reload the page to see where it is now."
        )


def next_steps(current: str) -> list[str]:
    return [target for (source, target) in TRANSITIONS if source == current]
