"""The words a worker checks and sends: the acknowledgement, the outcome in plain words (R-FB-1), a
text for a non-professional that keeps the child's confidentiality (R-FB-2), and what the family is
told (R-FB-3). None of them names a non-professional referrer to anyone else (R-CON-8)."""

from django.utils import timezone

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.decisions.choices import Outcome
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.procedures.loader import get_profile

# What each outcome means, for someone outside social care.
OUTCOME_WORDS: dict[str, str] = {
    Outcome.INFORMATION_ADVICE: "we have given information and advice, and are not taking any further action",
    Outcome.SIGNPOSTING: "we have pointed the family to another service that can help them",
    Outcome.NFA: "we are not taking any further action",
    Outcome.EARLY_HELP: "we have passed this to the early help service, who will offer the family support",
    Outcome.CFA: "a social worker will carry out a Child and Family Assessment",
    Outcome.STRATEGY_DISCUSSION: (
        "we are holding a strategy discussion with the police and other agencies to decide whether to make "
        "child protection enquiries"
    ),
    Outcome.IMMEDIATE_PROTECTION: "we have taken action to keep the child safe now",
    Outcome.MASH_ENQUIRIES: (
        "we are making enquiries with partner agencies to decide whether an assessment or child protection "
        "enquiries are needed"
    ),
    Outcome.PASSED_TO_ALLOCATED_WORKER: "we have passed your information to the child's allocated social worker",
    Outcome.SINGLE_ASSESSMENT_STRATEGY: (
        "a social worker will carry out an assessment, with a view to a strategy discussion with other agencies"
    ),
    Outcome.REFERRER_TO_SEEK_CONSENT: (
        "we have not accepted this as a referral yet: please talk to the parents (or to the young person, if "
        "they are old enough to consent) about it, and contact us again"
    ),
    Outcome.NOT_OPENED: "we are not opening a case for this child",
}

# What the family is told will happen, in the words a worker would use with them.
FAMILY_WORDS: dict[str, str] = {
    Outcome.INFORMATION_ADVICE: "we gave information and advice and are taking no further action",
    Outcome.SIGNPOSTING: "we suggested another service that can help",
    Outcome.NFA: "we are taking no further action",
    Outcome.EARLY_HELP: "the early help service will contact them to offer support",
    Outcome.CFA: "a social worker will visit to carry out a Child and Family Assessment and will see the child soon",
    Outcome.STRATEGY_DISCUSSION: "we are discussing with other agencies how best to keep the child safe",
    Outcome.IMMEDIATE_PROTECTION: "we have acted to keep the child safe and what happens next",
    Outcome.MASH_ENQUIRIES: "we are finding out more from other agencies before deciding what help is needed",
    Outcome.PASSED_TO_ALLOCATED_WORKER: "the child's social worker has the information and will be in touch",
    Outcome.SINGLE_ASSESSMENT_STRATEGY: (
        "a social worker will visit to carry out an assessment and will see the child soon"
    ),
    Outcome.REFERRER_TO_SEEK_CONSENT: "no action is being taken by us for now",
    Outcome.NOT_OPENED: "we are not opening a case for this child",
}


def current_decisions(contact: Contact) -> list[ThresholdDecision]:
    return list(
        ThresholdDecision.objects.filter(contact=contact, is_current=True).select_related("child").order_by("child_id")
    )


def _children(contact: Contact) -> list[str]:
    links = contact.people.filter(role=ContactPerson.Role.SUBJECT).select_related("person").order_by("id")
    return [link.person.full_name for link in links if not link.person.restricted]


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else "the child"
    return ", ".join(names[:-1]) + " and " + names[-1]


def _received(contact: Contact) -> str:
    return timezone.localtime(contact.received_at).strftime("%-d %B %Y")


def _greeting(contact: Contact) -> str:
    """A professional by name; a non-professional referrer is never named in a message, which others may
    see on its way (R-CON-8)."""
    if contact.referrer_is_professional and contact.referrer_name.strip():
        return f"Dear {contact.referrer_name},"
    return "Hello,"


def acknowledgement_text(contact: Contact) -> str:
    """R-DEC-2, R-REF-2: the referrer is acknowledged and given the reference."""
    profile = get_profile()
    if contact.referrer_is_professional:
        promise = "We will tell you the outcome."
    elif profile.feedback_non_professional == "none":
        promise = "To protect the family's confidentiality we will not be able to tell you what happens next."
    else:
        promise = "We will let you know when we have decided, as far as we can while keeping the child's privacy."
    return (
        f"{_greeting(contact)}\n\n"
        f"Thank you for contacting the {profile.service_name} on {_received(contact)}. "
        f"Our reference is {contact.reference}: please quote it if you contact us about this again.\n\n"
        f"A manager will decide what happens next. {promise}\n\n"
        f"{profile.display_name}, {profile.service_name}"
    )


def _outcome_lines(decisions: list[ThresholdDecision]) -> list[str]:
    by_outcome: dict[str, list[str]] = {}
    for decision in decisions:
        name = "the child" if decision.child.restricted else decision.child.full_name
        by_outcome.setdefault(decision.outcome, []).append(name)
    return [
        f"For {_names(names)}, {OUTCOME_WORDS.get(outcome, Outcome(outcome).label.lower())}."
        for outcome, names in by_outcome.items()
    ]


def outcome_text(contact: Contact) -> str:
    """R-FB-1: the outcome in plain words, from the decision, so the worker only checks and sends it."""
    profile = get_profile()
    lines = _outcome_lines(current_decisions(contact))
    return (
        f"{_greeting(contact)}\n\n"
        f"Thank you for your referral of {_received(contact)} about {_names(_children(contact))} "
        f"(our reference {contact.reference}).\n\n"
        "A manager has decided what happens next:\n"
        + "\n".join(lines)
        + "\n\nIf you disagree with this decision, please contact us so that we can talk it through with you.\n\n"
        f"{profile.display_name}, {profile.service_name}"
    )


def confidential_outcome_text(contact: Contact) -> str:
    """R-FB-2 (000, 001): feedback "in a manner consistent with respecting the confidentiality of the child":
    that the concern was looked at and acted on as needed, and nothing of the assessment."""
    profile = get_profile()
    return (
        f"{_greeting(contact)}\n\n"
        f"Thank you for contacting the {profile.service_name} on {_received(contact)} "
        f"(our reference {contact.reference}).\n\n"
        "We have looked carefully at what you told us and a manager has decided what needs to happen. "
        "To protect the child's and the family's privacy we cannot tell you more than this.\n\n"
        "If you are worried about the child again, please contact us.\n\n"
        f"{profile.display_name}, {profile.service_name}"
    )


def family_text(contact: Contact) -> str:
    """R-FB-3 (004): what the child and family are told will happen. It never says who made the referral."""
    by_outcome: dict[str, list[str]] = {}
    for decision in current_decisions(contact):
        by_outcome.setdefault(decision.outcome, []).append(decision.child.given_names or "the child")
    lines = [
        f"For {_names(names)}: {FAMILY_WORDS.get(o, Outcome(o).label.lower())}." for o, names in by_outcome.items()
    ]
    return "\n".join(lines)
