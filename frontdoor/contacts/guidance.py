"""What the profile advises for a contact: domestic-abuse risk (R-INT-5, R-POL-4) and the local
policies (R-POL-1..3). Reads only; the services and the decision enforce what these say."""

from dataclasses import dataclass

from django.db.models import Q

from frontdoor.decisions.choices import REFERRAL_OUTCOMES, Outcome
from frontdoor.procedures.loader import get_profile
from frontdoor.procedures.schema import Policy

from .models import DA_RESULT_LABELS, Contact, ContactPerson, DARisk, DARiskTool, PoliceContact, RecordHeldOn

# The outcome each domestic-abuse action pre-selects. 002 s1: "MASH enquiries will be undertaken";
# 004: "Those incidents rated as high risk will automatically have a strategy meeting". A triage
# pre-selects nothing: the manager decides.
DA_ACTION_OUTCOME: dict[str, str | None] = {
    "strategy_meeting": Outcome.STRATEGY_DISCUSSION,
    "mash_enquiries": Outcome.MASH_ENQUIRIES,
    "manager_triage": None,
}
DA_ACTION_TEXT = {
    "strategy_meeting": "a strategy meeting is held",
    "mash_enquiries": "MASH enquiries are undertaken",
    "manager_triage": "a manager triages it and decides the next actions",
}
# 004: medium risk "will be triaged and a decision as to next actions taken by a manager, the outcome
# may be a strategy discussion, Children & Families Assessment, or Early Help support."
TRIAGE_OUTCOMES = (Outcome.STRATEGY_DISCUSSION, Outcome.CFA, Outcome.EARLY_HELP)


@dataclass(frozen=True)
class DAGuidance:
    level: str
    action: str
    outcome: str | None
    offered: tuple[str, ...]
    text: str

    @property
    def triage(self) -> bool:
        return self.action == "manager_triage"


def _assessment(contact: Contact) -> str:
    if contact.da_risk_tool:
        return f" ({DARiskTool(contact.da_risk_tool).label}: {DA_RESULT_LABELS[contact.da_risk_result].lower()})"
    return ""


def da_guidance(contact: Contact) -> DAGuidance | None:
    """R-INT-5, R-POL-4: high and medium domestic-abuse risk follow the profile's actions."""
    if not contact.domestic_abuse or contact.da_risk not in (DARisk.HIGH, DARisk.MEDIUM):
        return None
    profile = get_profile()
    high = contact.da_risk == DARisk.HIGH
    action = profile.da_high_risk_action if high else profile.da_medium_risk_action
    outcome = DA_ACTION_OUTCOME[action]
    offered = TRIAGE_OUTCOMES if outcome is None else (outcome,)
    text = f"{'High' if high else 'Medium'}-risk domestic abuse{_assessment(contact)}: {DA_ACTION_TEXT[action]}"
    if outcome is None:
        text += ": " + ", ".join(Outcome(o).label.lower() for o in offered[:-1])
        text += f" or {Outcome(offered[-1]).label.lower()}. None is chosen in advance."
    else:
        text += f". Recommended outcome: {Outcome(outcome).label.lower()}."
    return DAGuidance(contact.da_risk, action, outcome, offered, text)


@dataclass(frozen=True)
class PolicyGuidance:
    policy: Policy
    earlier: list[Contact]
    outcome: str | None
    record_on: str

    @property
    def repeat(self) -> bool:
        return bool(self.earlier)

    @property
    def police_contact_label(self) -> str:
        return PoliceContact(self.policy.police_contact or PoliceContact.POLICE).label

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome else ""


def earlier_policy_contacts(contact: Contact) -> list[Contact]:
    """R-POL-1: earlier contacts under the same local policy about any of the same children."""
    if not contact.policy_key or contact.pk is None:
        return []
    children = ContactPerson.objects.filter(contact=contact, role=ContactPerson.Role.SUBJECT).values("person_id")
    return list(
        Contact.objects.filter(
            policy_key=contact.policy_key,
            people__role=ContactPerson.Role.SUBJECT,
            people__person_id__in=children,
        )
        .filter(Q(received_at__lt=contact.received_at) | Q(received_at=contact.received_at, pk__lt=contact.pk))
        .exclude(pk=contact.pk)
        .distinct()
        .order_by("received_at")
    )


def policy_guidance(contact: Contact) -> PolicyGuidance | None:
    """R-POL-1..3: the local policy chosen for the contact, and whether this is a repeat.

    004 (belt/stick): "should there be a second allegation ... CSC will become involved": where the
    profile gives a `repeat_recommended_outcome`, a repeat recommends it and the record is statutory."""
    if not contact.policy_key:
        return None
    policy = get_profile().policy(contact.policy_key)
    earlier = earlier_policy_contacts(contact)
    outcome: str | None = policy.recommended_outcome
    record_on: str = policy.record_on
    if earlier and policy.repeat_recommended_outcome:
        outcome, record_on = policy.repeat_recommended_outcome, RecordHeldOn.STATUTORY
    return PolicyGuidance(policy, earlier, outcome, record_on)


def recommended_outcome(contact: Contact) -> str | None:
    """The outcome pre-selected for the worker's recommendation and the manager's decision."""
    da = da_guidance(contact)
    if da is not None and da.outcome is not None:
        return da.outcome
    guidance = policy_guidance(contact)
    if guidance is not None and guidance.outcome is not None:
        return guidance.outcome
    return None


def record_held_on(contact: Contact, outcomes: list[str] | None = None) -> str:
    """R-POL-1, R-POL-2: the record is held on early help only while the policy says so and no child
    is referred on (a referral is statutory work)."""
    guidance = policy_guidance(contact)
    if guidance is None or guidance.record_on != RecordHeldOn.EARLY_HELP:
        return RecordHeldOn.STATUTORY
    if outcomes and any(o in REFERRAL_OUTCOMES for o in outcomes):
        return RecordHeldOn.STATUTORY
    return RecordHeldOn.EARLY_HELP
