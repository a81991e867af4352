"""A subject access export (UK GDPR art. 15): everything Front Door holds about one person, redacted.

`subject_access(person)` reads the person's record, every contact they are on (with its screening,
consent, ratings, decisions and their rationale, notes, agency checks, sharing decisions, feedback, the
family told, challenges, consultations and handovers), the strategy meetings on those contacts, and
the list of documents (names, dates, kinds; never the files). Each contact's text passes through its
`Redactor` (redaction.py), which lists every redaction for the reviewing officer.

Read by the officer's review page and by the download (`services.subject_access_export`); visibility is
decided before, by `access/policy.py:access_subject_access_person`.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Prefetch

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.people.models import Person, Relationship
from frontdoor.procedures.loader import get_profile
from frontdoor.strategy.models import Invitee, StrategyMeeting

from .redaction import (
    CONTACT_DETAILS_WHY,
    OTHER_CHILD_WHY,
    OTHER_PERSON_WHY,
    REFERRER_WHY,
    Redaction,
    Redactor,
    redactor_for,
    referrer_is_protected,
)

LONDON = ZoneInfo("Europe/London")
Rows = list[tuple[str, str]]


@dataclass
class Section:
    title: str
    rows: Rows = field(default_factory=list)
    parts: list["Section"] = field(default_factory=list)


@dataclass
class SubjectAccess:
    person: Person
    made_at: datetime.datetime
    sections: list[Section]
    redactions: list[Redaction]
    counts: dict[str, int]


def when(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return f"{value.astimezone(LONDON):%-d %B %Y, %H:%M}"
    return f"{value:%-d %B %Y}"


def _filled(rows: Rows) -> Rows:
    return [(label, value) for label, value in rows if value not in ("", None)]


def _staff(user: object) -> str:
    return getattr(user, "display_name", "") if user is not None else ""


# --- the person ------------------------------------------------------------------------------------------


def _person_section(person: Person, redactor: Redactor) -> Section:
    rows: Rows = [
        ("Name", person.full_name),
        ("Other names", ", ".join(str(n) for n in person.other_names.all())),
        ("Date of birth", when(person.date_of_birth)),
        ("Expected date of delivery", when(person.expected_delivery_date) if person.is_unborn else ""),
        ("Sex", person.get_sex_display()),
        ("Gender", person.gender),
        ("Ethnicity", person.ethnicity),
        ("First language", person.first_language),
        ("Religion", person.religion),
        ("Disability", person.disability),
        ("Nationality", person.nationality),
        ("Immigration status", person.immigration_status),
        ("Communication needs", person.communication_needs),
        ("NHS number", person.nhs_number),
        ("Unique pupil number", person.upn),
        ("School or nursery", person.school),
    ]
    rows += [(f"Address{' (current)' if a.is_current else ''}", str(a)) for a in person.addresses.all()]
    for rel in Relationship.objects.filter(person=person).select_related("other"):
        other = redactor.withhold(
            rel.other.full_name, "Another person's name", "The person's relationships", OTHER_PERSON_WHY
        )
        rows.append(("Relationship", f"{rel.get_kind_display()} {other}"))
    for rel in Relationship.objects.filter(other=person).select_related("person"):
        other = redactor.withhold(
            rel.person.full_name, "Another person's name", "The person's relationships", OTHER_PERSON_WHY
        )
        rows.append(("Relationship", f"{other}: {rel.get_kind_display().lower()} this person"))
    return Section("The person's record", _filled(rows))


# --- a contact -------------------------------------------------------------------------------------------


def _referrer_rows(contact: Contact, red: Redactor, where: str) -> Rows:
    why = REFERRER_WHY
    if referrer_is_protected(contact):
        return [
            ("Who made the contact", contact.get_referrer_kind_display()),
            ("Referrer's name", red.withhold(contact.referrer_name, "The referrer's name", where, why)),
            ("Referrer's phone", red.withhold(contact.referrer_phone, "The referrer's phone number", where, why)),
            ("Referrer's email", red.withhold(contact.referrer_email, "The referrer's email address", where, why)),
            (
                "Relationship to the child",
                red.withhold(contact.referrer_relationship, "The referrer's relationship to the child", where, why),
            ),
        ]
    return [
        ("Who made the contact", contact.get_referrer_kind_display()),
        ("Referrer's name", contact.referrer_name),
        ("Organisation", contact.referrer_agency),
        ("Role", contact.referrer_role),
        ("Referrer's phone", red.withhold(contact.referrer_phone, "A phone number", where, CONTACT_DETAILS_WHY)),
        ("Referrer's email", red.withhold(contact.referrer_email, "An email address", where, CONTACT_DETAILS_WHY)),
        ("Relationship to the child", red.text(contact.referrer_relationship, where)),
    ]


def _checklist_rows(contact: Contact, red: Redactor, where: str) -> Rows:
    labels = {item.key: item.label for item in get_profile().checklist}
    rows: Rows = []
    for key, value in (contact.checklist or {}).items():
        label = labels.get(key, key.replace("_", " ").capitalize())
        text = str(value)
        if key == "referrer_relationship" and referrer_is_protected(contact):
            text = red.withhold(text, "What the referrer said of their relationship", where, REFERRER_WHY)
        else:
            text = red.text(text, where)
        rows.append((label, text))
    return rows


def _contact_rows(contact: Contact, link: ContactPerson, red: Redactor) -> Rows:
    where = f"Contact {contact.reference}"
    child_words = contact.child_words
    if child_words and link.role != ContactPerson.Role.SUBJECT:
        child_words = red.withhold(child_words, "A child's own words", where, OTHER_CHILD_WHY)
    rows: Rows = [
        ("Received", when(contact.received_at)),
        ("How", contact.get_channel_display()),
        ("This person's part in it", link.get_role_display()),
        ("Where it stands", contact.get_status_display()),
        *_referrer_rows(contact, red, where),
        ("Anonymity asked for", "Yes" if contact.anonymity_requested else ""),
        ("Reason for contact", red.text(contact.reason, where)),
        ("The child's own words", red.text(child_words, where)),
        ("Level of help asked for", contact.get_requested_level_display() if contact.requested_level else ""),
        ("Risks to staff visiting", red.text(contact.staff_risk, where)),
        ("Domestic abuse in the household", contact.get_hh_domestic_abuse_display()),
        ("Mental illness in the household", contact.get_hh_mental_illness_display()),
        ("Substance misuse in the household", contact.get_hh_substance_misuse_display()),
        ("Learning difficulties in the household", contact.get_hh_learning_difficulties_display()),
        ("Domestic abuse risk level", contact.get_da_risk_display() if contact.da_risk else ""),
        *_checklist_rows(contact, red, where),
    ]
    return _filled(rows)


def _screening_rows(contact: Contact, red: Redactor) -> Rows:
    where = f"Contact {contact.reference}, screening and consent"
    rows: Rows = [
        ("Nature of the concern", red.text(contact.screening_nature, where)),
        ("How and why it arose", red.text(contact.screening_how_why, where)),
        ("The child's apparent needs", red.text(contact.screening_needs, where)),
        ("Involves significant harm", contact.get_screening_significant_harm_display()),
        ("Recommended outcome", contact.get_recommendation_display() if contact.recommendation else ""),
        ("Why", red.text(contact.recommendation_reason, where)),
        ("First rating", contact.initial_rating.capitalize()),
        ("Rating", contact.rating.capitalize()),
        ("Parents aware", contact.get_parents_aware_display()),
        ("Why the parents were not told", red.text(contact.parents_not_told_reason, where)),
        ("The parents' response", red.text(contact.parents_response, where)),
        ("Consent", contact.get_consent_status_display()),
        ("Consent given by", red.text(contact.consent_given_by, where)),
        ("Consent recorded", when(contact.consent_at)),
        ("About consent", red.text(contact.consent_reason, where)),
        ("Shared without consent, because", red.text(contact.share_without_consent_reason, where)),
        ("Police told", when(contact.police_notified_at)),
        ("Police reference", contact.police_reference),
        ("Closed", when(contact.closed_at)),
        ("Closing summary", red.text(contact.closing_summary, where)),
    ]
    return _filled(rows)


def _decision_sections(contact: Contact, person: Person, red: Redactor) -> list[Section]:
    where = f"Contact {contact.reference}, decisions"
    sections = []
    for decision in ThresholdDecision.objects.filter(contact=contact).select_related("child", "authorised_by"):
        child = (
            "This person"
            if decision.child_id == person.pk
            else red.withhold(decision.child.full_name, "Another child's name", where, OTHER_CHILD_WHY)
        )
        rows: Rows = [
            ("About", child),
            ("Outcome", decision.get_outcome_display()),
            ("Rating", decision.rating.capitalize()),
            ("Rationale", red.text(decision.rationale, where)),
            ("Proceeding without consent, because", red.text(decision.without_consent_reason, where)),
            ("Services required", red.text(decision.services_required, where)),
            ("Specialist assessments", ", ".join(decision.specialist_assessment_labels)),
            ("Authorised by", _staff(decision.authorised_by)),
            ("Authorised", when(decision.authorised_at)),
            ("Still the current decision", "Yes" if decision.is_current else "No, replaced on review"),
        ]
        sections.append(Section(f"Decision, {when(decision.authorised_at)}", _filled(rows)))
    for consultation in contact.consultations.select_related("consulted"):
        rows = [
            ("Consulted", _staff(consultation.consulted)),
            ("When", when(consultation.consulted_at)),
            ("Advice", red.text(consultation.advice, where)),
        ]
        sections.append(Section(f"Head of service consulted: {consultation.get_about_display().lower()}", rows))
    return sections


def _record_sections(contact: Contact, red: Redactor) -> list[Section]:
    """Notes, agency checks, sharing decisions and out-of-hours handovers."""
    where = f"Contact {contact.reference}, notes and checks"
    sections = [
        Section(
            f"Note, {when(note.created_at)}",
            _filled([("By", _staff(note.created_by)), ("Note", red.text(note.text, where))]),
        )
        for note in contact.notes.select_related("created_by").order_by("created_at", "id")
    ]
    for check in contact.agency_checks.order_by("due_at", "id"):
        rows = [
            ("Asked", when(check.created_at)),
            ("Question", red.text(check.question, where)),
            ("Answered", when(check.responded_at)),
            ("Answer", red.text(check.response, where)),
        ]
        sections.append(Section(f"Check with {check.agency_name}", _filled(rows)))
    for sharing in contact.sharing_decisions.order_by("created_at", "id"):
        rows = [
            ("When", when(sharing.created_at)),
            ("Shared", "Yes" if sharing.shared else "No"),
            ("Information", red.text(sharing.information, where)),
            ("Reason", red.text(sharing.reason, where)),
            ("Email address", red.withhold(sharing.destination_email, "An email address", where, CONTACT_DETAILS_WHY)),
        ]
        sections.append(Section(f"Sharing with {red.text(sharing.shared_with, where)}", _filled(rows)))
    for handover in contact.handovers.order_by("handed_over_at"):
        rows = [
            ("When", when(handover.handed_over_at)),
            ("What was passed", red.text(handover.passed, where)),
            ("What they did", red.text(handover.outcome, where)),
        ]
        sections.append(Section(f"Passed to {handover.team}", _filled(rows)))
    return sections


def _followup_sections(contact: Contact, red: Redactor) -> list[Section]:
    """What the referrer and the family were told, and challenges (R-FB-1..3, R-ESC-1)."""
    where = f"Contact {contact.reference}, after the decision"
    protected = referrer_is_protected(contact)
    sections = []
    for fb in contact.feedback.select_related("sent_by").order_by("sent_at", "id"):
        to_whom = red.withhold(fb.to_whom, "The referrer's name", where, REFERRER_WHY) if protected else fb.to_whom
        rows = [
            ("To", to_whom),
            ("How", fb.get_method_display()),
            ("When", when(fb.sent_at)),
            ("By", _staff(fb.sent_by)),
            ("Address", red.withhold(fb.address, "The address it was sent to", where, CONTACT_DETAILS_WHY)),
            ("What was said", red.text(fb.text, where)),
        ]
        sections.append(Section(f"{fb.get_kind_display()} sent to the referrer", _filled(rows)))
    for told in contact.family_told.order_by("recorded_at", "id"):
        rows = [
            ("Told", "Yes" if told.told else "No"),
            ("Who", red.text(told.who, where)),
            ("When", when(told.told_at)),
            ("How", told.get_method_display() if told.method else ""),
            ("What they were told", red.text(told.what, where)),
            ("Why not", red.text(told.not_told_reason, where)),
        ]
        sections.append(Section("The family told", _filled(rows)))
    for challenge in contact.challenges.prefetch_related("steps").order_by("raised_at", "id"):
        rows = [
            ("Who disagrees", red.text(challenge.raised_by, where)),
            ("What they disagree with", red.text(challenge.disagreement, where)),
            ("Raised", when(challenge.raised_at)),
            *[
                (f"{s.get_level_display()}", red.text(f"{s.get_outcome_display()}: {s.reasons}", where))
                for s in challenge.steps.all()
                if s.outcome
            ],
            ("Solution", red.text(challenge.solution, where)),
            ("Reached", when(challenge.resolved_at)),
        ]
        sections.append(Section("A challenge to the decision", _filled(rows)))
    return sections


def _documents_section(contact: Contact, red: Redactor) -> Section:
    where = f"Contact {contact.reference}, documents"
    rows = [
        (
            f"{doc.get_kind_display()}, {when(doc.created_at)}",
            red.text(f"{doc.name}{f' ({doc.description})' if doc.description else ''}", where),
        )
        for doc in contact.documents.order_by("created_at", "id")
    ]
    return Section("Documents (listed; the files are not part of this export)", rows)


def _meeting_sections(contact: Contact, person: Person, red: Redactor) -> list[Section]:
    where = f"Contact {contact.reference}, strategy meeting"
    sections = []
    meetings = StrategyMeeting.objects.filter(contact=contact).select_related("chair", "social_worker")
    for meeting in meetings.prefetch_related("invitees", "outcomes__child", "actions"):
        rows: Rows = [
            ("Meeting", when(meeting.meeting_at)),
            ("Chair", _staff(meeting.chair)),
            ("Social worker", _staff(meeting.social_worker)),
            ("Chronology", red.text(meeting.chronology, where)),
            ("Initial analysis", red.text(meeting.initial_analysis, where)),
        ]
        rows += [
            (f"Invited: {_invitee(i, contact, red, where)}", i.get_reply_display()) for i in meeting.invitees.all()
        ]
        rows += [("Minutes", red.text(meeting.minutes, where)), ("Minutes signed off", when(meeting.signed_off_at))]
        for outcome in meeting.outcomes.all():
            child = (
                "this person"
                if outcome.child_id == person.pk
                else red.withhold(outcome.child.full_name, "Another child's name", where, OTHER_CHILD_WHY)
            )
            decided = "a section 47 enquiry" if outcome.section_47 else "no section 47 enquiry"
            rows.append((f"Decided for {child}", red.text(f"{decided}: {outcome.reasons}", where)))
        rows += [
            ("Action", red.text(f"{a.what} ({a.owner}, by {when(a.due_on)})", where)) for a in meeting.actions.all()
        ]
        sections.append(Section(f"Strategy meeting, {when(meeting.meeting_at or meeting.allocated_at)}", _filled(rows)))
    return sections


def _invitee(invitee: Invitee, contact: Contact, red: Redactor, where: str) -> str:
    if invitee.agency == Invitee.REFERRER and referrer_is_protected(contact):
        return red.withhold(invitee.name, "The referrer's name", where, REFERRER_WHY)
    if invitee.email:
        red.note("An email address", where, CONTACT_DETAILS_WHY)
    return red.text(invitee.name, where)


def _contact_section(link: ContactPerson, person: Person) -> tuple[Section, Redactor, int]:
    contact = link.contact
    links = list(contact.people.select_related("person"))
    red = redactor_for(contact, person, links)
    parts = [
        Section("Screening, consent and ratings", _screening_rows(contact, red)),
        *_decision_sections(contact, person, red),
        *_record_sections(contact, red),
        *_followup_sections(contact, red),
        *_meeting_sections(contact, person, red),
        _documents_section(contact, red),
    ]
    others = [lk for lk in links if lk.person_id != person.pk]
    for other in others:
        mark = "Another child's name" if other.role == ContactPerson.Role.SUBJECT else "Another person's name"
        red.note(
            mark,
            f"Contact {contact.reference}, the people on it",
            OTHER_CHILD_WHY if other.role == ContactPerson.Role.SUBJECT else OTHER_PERSON_WHY,
        )
    people = Section(
        "Other people on the contact",
        [(other.get_role_display(), "[name removed]") for other in others],
    )
    section = Section(
        f"Contact {contact.reference}, received {when(contact.received_at)}",
        _contact_rows(contact, link, red),
        [people, *parts] if others else parts,
    )
    return section, red, len(parts)


def subject_access(person: Person, *, now: datetime.datetime) -> SubjectAccess:
    """Everything held about `person`, redacted, with the redactions listed (UK GDPR art. 15, R-CON-8)."""
    own = Redactor()
    sections = [_person_section(person, own)]
    redactions = list(own.redactions)
    links = (
        ContactPerson.objects.filter(person=person)
        .select_related("contact")
        .prefetch_related(Prefetch("contact__people", queryset=ContactPerson.objects.select_related("person")))
        .order_by("contact__received_at", "contact_id")
    )
    seen: set[int] = set()
    for link in links:
        if link.contact_id in seen:
            continue
        seen.add(link.contact_id)
        section, red, _ = _contact_section(link, person)
        sections.append(section)
        redactions.extend(red.redactions)
    contacts = Contact.objects.filter(pk__in=seen)
    counts = {
        "contacts": len(seen),
        "decisions": ThresholdDecision.objects.filter(contact__in=contacts).count(),
        "notes": sum(c.notes.count() for c in contacts),
        "strategy_meetings": StrategyMeeting.objects.filter(contact__in=contacts).count(),
        "documents": sum(c.documents.count() for c in contacts),
    }
    return SubjectAccess(person=person, made_at=now, sections=sections, redactions=redactions, counts=counts)
