"""The contact page's panel for the work after the decision: feedback, the family told, challenges."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import Can, can, referrer_identity_visible
from frontdoor.contacts.models import Contact

from ..selectors import (
    ANONYMOUS,
    OUTCOME_KINDS,
    FollowupTask,
    children_to_see,
    contact_challenges,
    contact_feedback,
    family_told,
    is_decided,
    outcome_feedback_due_at,
    outcome_feedback_given,
    outcome_feedback_rule,
    outcome_feedback_why_not,
)

register = template.Library()


def _acknowledgement(contact: Contact) -> FollowupTask:
    href = reverse("followup:feedback", args=[contact.reference, "acknowledgement"])
    if contact.referrer_kind == "anonymous":
        return FollowupTask("acknowledgement", "Acknowledge the referrer", True, "Not needed", "Anonymous referrer", "")
    if contact.acknowledged_at:
        return FollowupTask("acknowledgement", "Acknowledge the referrer", True, "Done", "", "")
    return FollowupTask(
        "acknowledgement", "Acknowledge the referrer", False, "To do", "", href, contact.acknowledgement_due_at
    )


def _outcome(contact: Contact) -> FollowupTask:
    title = "Tell the referrer the outcome"
    why_not = outcome_feedback_why_not(contact)
    if why_not:
        return FollowupTask("outcome", title, True, "Not needed", why_not, "")
    given = outcome_feedback_given(contact)
    if given is not None:
        sent = f"{given.get_method_display()}, {timezone.localtime(given.sent_at):%-d %b %Y %H:%M}"
        return FollowupTask("outcome", title, True, "Done", sent, "")
    if not is_decided(contact):
        return FollowupTask("outcome", title, False, "Cannot start yet", "After the decision", "")
    href = reverse("followup:feedback", args=[contact.reference, "outcome"])
    held = contact.feedback.filter(kind__in=OUTCOME_KINDS, email_held=True).exists()
    detail = ". The email was held: tell the referrer another way" if held else ""
    return FollowupTask("outcome", title, False, "To do", detail, href, outcome_feedback_due_at(contact))


def _family(contact: Contact) -> FollowupTask:
    title = "Tell the child and family what will happen"
    record = family_told(contact)
    if record is not None:
        detail = f"Told {record.who}" if record.told else "Not told: " + record.not_told_reason
        return FollowupTask("family", title, True, "Done", detail, "")
    if not is_decided(contact):
        return FollowupTask("family", title, False, "Cannot start yet", "After the decision", "")
    return FollowupTask("family", title, False, "To do", "", reverse("followup:family-told", args=[contact.reference]))


def _seen(contact: Contact) -> list[FollowupTask]:
    """R-FB-3 (004): each child decided for assessment is seen "as soon as possible": no clock, so the task
    says how long it has been since the decision."""
    tasks = []
    for owed in children_to_see(contact):
        key, title = f"seen-{owed.child_id}", f"See {owed.name}"
        if owed.seen is not None:
            detail = f"Seen by {owed.seen.seen_by}, {timezone.localtime(owed.seen.seen_at):%-d %b %Y %H:%M}"
            tasks.append(FollowupTask(key, title, True, "Done", detail, ""))
            continue
        href = reverse("followup:child-seen", args=[contact.reference, owed.child_id])
        detail = f"As soon as possible: decided for assessment {owed.waiting} ago"
        tasks.append(FollowupTask(key, title, False, "To do", detail, href))
    return tasks


@register.inclusion_tag("followup/_panel.html", takes_context=True)
def followup_panel(context: dict[str, Any], contact: Contact) -> dict[str, Any]:
    """R-FB-1..3, R-ESC-1: what is owed to the referrer and the family, and any challenge, for those who follow up."""
    user = context["request"].user
    if (
        not can(user, Can.FOLLOW_UP)
        or not referrer_identity_visible(user, contact)
        and (outcome_feedback_rule(contact) != ANONYMOUS)
    ):
        return {"show": False}
    return {
        "show": True,
        "contact": contact,
        "tasks": [_acknowledgement(contact), _outcome(contact), _family(contact), *_seen(contact)],
        "feedback": contact_feedback(contact),
        "told": family_told(contact),
        "challenges": contact_challenges(contact),
        "can_challenge": contact.decided_at is not None and not any(c.is_open for c in contact_challenges(contact)),
    }
