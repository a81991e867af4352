"""What is left to do on a contact: the screening task list (R-DEC-4, R-INT-3, R-INT-4, R-CON-1/2),
what stops it going for a decision, and what is still outstanding when it is closed. Reads only: the
services enforce the rules, these say where on the pages the missing answer is given."""

from dataclasses import dataclass, field

from django.urls import reverse

from frontdoor.core.models import YesNoUnknown
from frontdoor.procedures.loader import get_profile

from .models import ConsentStatus, Contact, Status
from .selectors import checklist_status

COMPLETED, INCOMPLETE, NOT_STARTED, CANNOT_START = "completed", "incomplete", "not_started", "cannot_start"
STATUS_LABELS = {
    COMPLETED: "Completed",
    INCOMPLETE: "Incomplete",
    NOT_STARTED: "Not started",
    CANNOT_START: "Cannot start yet",
}

CONCERN_FIELDS = ("screening_nature", "screening_how_why", "screening_needs")
CONCERN_ANSWERS = ("screening_significant_harm", "screening_urgent_action")
# The fields of the screening page (contacts.forms.ScreeningForm) a missing answer can link to.
SCREENING_FIELDS = frozenset(
    {
        *("screening_nature", "screening_how_why", "screening_needs", "screening_significant_harm"),
        *("screening_urgent_action", "parents_aware", "consent_status", "consent_given_by", "consent_reason"),
        *("domestic_abuse", "da_risk", "parents_response", "policy_key", "young_parent_offer"),
        *("hh_domestic_abuse", "hh_mental_illness", "hh_substance_misuse", "hh_learning_difficulties"),
    }
)
HOUSEHOLD_FIELDS = ("hh_domestic_abuse", "hh_mental_illness", "hh_substance_misuse", "hh_learning_difficulties")


def field_link(contact: Contact, name: str) -> str:
    """The page and the field on it where `name` is answered: a blocked action links straight to it."""
    ref = contact.reference
    screening = reverse("contacts:screening", args=[ref])
    radios = {"screening_significant_harm", "screening_urgent_action", "parents_aware", *HOUSEHOLD_FIELDS}
    if name == "rating":
        return reverse("contacts:action", args=[ref, "rate"]) + "#id_rating_0"
    if name == "police":
        return reverse("contacts:action", args=[ref, "police-notified"]) + "#id_at_0"
    if name == "dash":
        return reverse("contacts:action", args=[ref, "request-dash"])
    if name == "checklist":
        return f"{screening}#checklist"
    if name == "young_parent":
        return reverse("contacts:detail", args=[ref]) + "#parents-carers"
    if name.startswith("checklist_") or name in SCREENING_FIELDS:
        return f"{screening}#id_{name}{'_0' if name in radios else ''}"
    return ""


@dataclass(frozen=True)
class Missing:
    """An answer something needs, and the link to the field that holds it."""

    text: str
    href: str


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    status: str
    href: str
    hint: str = ""
    missing: list[Missing] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _count_status(done: int, total: int) -> str:
    if done == total:
        return COMPLETED
    return NOT_STARTED if done == 0 else INCOMPLETE


def _concern_task(contact: Contact) -> Task:
    """R-DEC-4: the nature of the concern, how and why it arose, the needs, significant harm, urgency."""
    labels = {
        "screening_nature": "the nature of the concern",
        "screening_how_why": "how and why it arose",
        "screening_needs": "the child's apparent needs",
        "screening_significant_harm": "whether it involves significant harm",
        "screening_urgent_action": "whether urgent action is needed",
    }
    missing = [n for n in CONCERN_FIELDS if not getattr(contact, n).strip()]
    missing += [n for n in CONCERN_ANSWERS if getattr(contact, n) == YesNoUnknown.UNKNOWN]
    status = _count_status(len(labels) - len(missing), len(labels))
    hint = "Still to record: " + "; ".join(labels[n] for n in missing) if missing else ""
    href = field_link(contact, missing[0]) if missing else field_link(contact, "screening_nature")
    return Task(
        "concern", "The concern", status, href, hint, [Missing(labels[n], field_link(contact, n)) for n in missing]
    )


def _household_task(contact: Contact) -> Task:
    """R-INT-4: each of the four questions is answered; "Not known" leaves the task incomplete, so the
    worker sees that it is still to be found out."""
    unknown = [n for n in HOUSEHOLD_FIELDS if getattr(contact, n) == YesNoUnknown.UNKNOWN]
    status = _count_status(len(HOUSEHOLD_FIELDS) - len(unknown), len(HOUSEHOLD_FIELDS))
    names = [str(getattr(Contact._meta.get_field(n), "verbose_name", n)).lower() for n in unknown]
    hint = ("Not known yet: " + "; ".join(names)) if unknown and status == INCOMPLETE else ""
    href = field_link(contact, unknown[0] if unknown else HOUSEHOLD_FIELDS[0])
    return Task("household", "Household questions", status, href, hint)


def _consent_task(contact: Contact) -> Task:
    """R-CON-1, R-CON-2: whether the parents know, and where consent stands (given by whom, when)."""
    aware = contact.parents_aware != YesNoUnknown.UNKNOWN
    sought = contact.consent_status != ConsentStatus.NOT_YET_SOUGHT
    status = _count_status(int(aware) + int(sought), 2)
    missing = []
    if not aware:
        missing.append(Missing("whether the parents know", field_link(contact, "parents_aware")))
    if not sought:
        missing.append(Missing("consent", field_link(contact, "consent_status")))
    hint = "" if status == NOT_STARTED else f"Consent: {contact.get_consent_status_display().lower()}"
    href = missing[0].href if missing else field_link(contact, "parents_aware")
    return Task("consent", "Consent", status, href, hint, missing)


def _checklist_task(contact: Contact) -> Task:
    """R-INT-3: gather as much as possible; items answered elsewhere on the contact count as gathered."""
    lines = checklist_status(contact)
    gaps = [line for line in lines if line.missing]
    status = _count_status(len(lines) - len(gaps), len(lines))
    hint = f"{len(gaps)} of {len(lines)} items still missing" if gaps else ""
    href = field_link(contact, f"checklist_{gaps[0].key}") if gaps else field_link(contact, "checklist")
    return Task("checklist", "Information checklist", status, href, hint)


def flag_follow_ups(contact: Contact) -> list[Missing]:
    """What a flag still needs: the domestic-abuse risk level and the DASH (R-INT-5), the police told of
    a suspected crime (R-DEC-6), the parents' response a local policy asks for (R-POL-1/2), a young
    parent's own assessment (R-INT-8)."""
    missing = []
    if contact.domestic_abuse and not contact.da_risk:
        missing.append(Missing("the domestic-abuse risk level", field_link(contact, "da_risk")))
    if contact.dash_missing and contact.dash_requested_at is None:
        missing.append(Missing("request the DASH risk assessment from the police", field_link(contact, "dash")))
    if contact.suspected_crime and contact.police_notified_at is None:
        policy = get_profile().policy(contact.policy_key) if contact.policy_key else None
        if policy is None or policy.notify_police is not False:
            missing.append(Missing("when the police were notified", field_link(contact, "police")))
    if contact.policy_key:
        policy = get_profile().policy(contact.policy_key)
        if policy.parents_response_required and not contact.parents_response.strip():
            missing.append(Missing("the parents' or carers' response", field_link(contact, "parents_response")))
    young = [link for link in contact.people.all() if link.is_young_parent]
    if contact.parent_under_18 and not (young and all(y.own_contact_id or y.own_assessment_declined_at for y in young)):
        missing.append(
            Missing("offer the young parent an assessment in their own right", field_link(contact, "young_parent"))
        )
    return missing


def _flags_task(contact: Contact, screened: bool) -> Task:
    names = [
        label
        for flag, label in (
            (contact.domestic_abuse, "domestic abuse"),
            (contact.staff_related, "about a member of staff"),
            (contact.suspected_crime, "suspected crime"),
            (contact.parent_under_18, "parent under 18"),
            (bool(contact.policy_key), "local policy"),
        )
        if flag
    ]
    missing = flag_follow_ups(contact)
    if missing:
        status = INCOMPLETE
    else:
        status = COMPLETED if screened or names else NOT_STARTED
    hint = ("Flagged: " + ", ".join(names)) if names else ("None flagged" if status == COMPLETED else "")
    href = missing[0].href if missing else field_link(contact, "domestic_abuse")
    return Task("flags", "Flags", status, href, hint, missing)


def submit_blockers(contact: Contact) -> list[Missing]:
    """R-DEC-4: what `contact_submit_for_decision` refuses without, each linked to where it is given."""
    missing = []
    if not contact.initial_rating:
        missing.append(Missing("Give the contact an initial rating", field_link(contact, "rating")))
    if not contact.screening_nature.strip():
        missing.append(Missing("Record the nature of the concern", field_link(contact, "screening_nature")))
    if contact.policy_key and get_profile().policy(contact.policy_key).parents_response_required:
        if not contact.parents_response.strip():
            missing.append(Missing("Record the parents' or carers' response", field_link(contact, "parents_response")))
    return missing


def screening_tasks(contact: Contact) -> list[Task]:
    """The screening task list: each section's status computed from what is recorded."""
    concern = _concern_task(contact)
    tasks = [
        concern,
        _household_task(contact),
        _consent_task(contact),
        _checklist_task(contact),
        _flags_task(contact, screened=concern.status != NOT_STARTED),
    ]
    rated = bool(contact.initial_rating)
    tasks.append(
        Task(
            "rating",
            "Initial rating",
            COMPLETED if rated else NOT_STARTED,
            field_link(contact, "rating"),
            get_profile().rating(contact.initial_rating).label if rated else "",
        )
    )
    submitted = contact.status not in (Status.RECEIVED, Status.SCREENING)
    blockers = [] if submitted else submit_blockers(contact)
    status = COMPLETED if submitted else (CANNOT_START if blockers else NOT_STARTED)
    hint = "First: " + "; ".join(b.text[0].lower() + b.text[1:] for b in blockers) if blockers else ""
    if submitted:
        href = reverse("contacts:detail", args=[contact.reference])
    else:
        href = reverse("contacts:action", args=[contact.reference, "submit"])
    tasks.append(
        Task(
            "submit",
            "Send for a manager's decision",
            status,
            href,
            hint,
            blockers,
        )
    )
    return tasks


def close_outstanding(contact: Contact) -> list[str]:
    """What is still outstanding when a contact is closed: the referrer not acknowledged (R-DEC-2), a
    professional's written follow-up not received (R-INT-6), agency checks not answered (R-ROUTE-3), a
    DASH requested from the police not yet attached (R-INT-5)."""
    items = []
    if contact.acknowledgement_outstanding:
        items.append("The referrer has not been acknowledged.")
    if contact.written_follow_up_outstanding:
        items.append("The referrer's written follow-up has not been received.")
    for check in contact.agency_checks.filter(responded_at__isnull=True).order_by("due_at", "pk"):
        items.append(f"The {check.agency_name} check has not been answered.")
    if contact.dash_requested_at and not contact.dash_attached:
        items.append("The DASH risk assessment requested from the police has not arrived.")
    # R-FB-1, R-FB-2, R-FB-3: the referrer not told the outcome, the family not told what will happen.
    from frontdoor.followup.selectors import followup_outstanding

    return items + followup_outstanding(contact)
