"""Forms for recording and screening contacts. They validate and render; services decide."""

import uuid
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.core.forms import ErrorPart, GovukDateField, GovukDateTimeField, GovukForm, char, choice, tick
from frontdoor.core.models import YesNoUnknown
from frontdoor.decisions.choices import offered_outcome_choices
from frontdoor.decisions.routing import open_case_routings
from frontdoor.people.models import Sex
from frontdoor.procedures.loader import get_profile

from .models import (
    DA_RESULT_LABELS,
    AgencyKind,
    Channel,
    ConsentForm,
    ConsentGiver,
    ConsentStatus,
    ContactPerson,
    DARisk,
    DARiskTool,
    PoliceContact,
    ReferrerKind,
    RequestedLevel,
    YoungParentOffer,
)
from .tasks import close_outstanding

# The recording form opens with this many blank children and other people; "Add another" adds more.
CHILD_SLOTS = 2
PERSON_SLOTS = 1
MAX_SLOTS = 40
# What says who a child or person is: a slot with none of these typed or chosen is unused.
IDENTIFYING = ("given_names", "family_name", "date_of_birth", "person_id", "is_unborn")


def rating_choices(blank: str = "Not rated yet") -> list[tuple[str, str]]:
    return [("", blank), *get_profile().rating_choices()]


def policy_choices() -> list[tuple[str, str]]:
    return [("", "None applies"), *[(p.key, p.title) for p in get_profile().policies]]


def agency_kind_field() -> forms.Field:
    return choice(
        "Kind of agency",
        [("", "Choose, for professionals"), *AgencyKind.choices[1:]],
        required=False,
        help_text="A referral from the police about domestic abuse needs a DASH risk assessment",
    )


def da_risk_fields() -> tuple[forms.Field, forms.Field]:
    """R-INT-5: which risk assessment, and its result, as data."""
    tool = choice("Which risk assessment?", DARiskTool.choices, required=False)
    result = choice(
        "Its result",
        [("", "None"), *DA_RESULT_LABELS.items()],
        required=False,
        help_text="Police and CAADA: standard, medium or high. Barnardo's matrix: scale 1 to 4",
    )
    return tool, result


def parents_response_field() -> forms.Field:
    return char(
        "The parents' or carers' response",
        max_length=10000,
        textarea=True,
        rows=3,
        help_text="Where a local policy asks the setting to talk to the parents: what they said",
    )


def consent_hint(field: forms.Field) -> None:
    """R-CON-2: consent is the parent's, or the child's from the profile's consent age."""
    field.help_text = f"The parent, or the child if {get_profile().consent_age} or over"


def consent_giver_field() -> forms.ChoiceField:
    return choice("Consent given by a parent or the child?", ConsentGiver.choices[1:], radios=True, required=False)


def consent_at_field() -> GovukDateTimeField:
    return GovukDateTimeField(
        label="When was consent given?",
        what="consent was given",
        required=False,
        help_text="For example, 24 11 2026 and 14:30. Leave empty if it was given when the contact was received",
    )


class ReceivedAtMixin(GovukForm):
    def clean_received_at(self):  # noqa: ANN201
        value = self.cleaned_data["received_at"]
        if value and value > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError("The time the contact was received cannot be in the future")
        return value.replace(second=0, microsecond=0) if value else value


class ContactForm(ReceivedAtMixin):
    """R-INT-1, R-INT-2, R-INT-4..8, R-CON-1/2/8: everything taken at the point of contact."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    received_at = GovukDateTimeField(label="When was the contact received?", what="the contact was received")
    channel = choice(
        "How was the contact made?", [("", "Choose"), *Channel.choices], error="Select how the contact was made"
    )
    referrer_kind = choice(
        "Who is making the contact?", ReferrerKind.choices, radios=True, error="Select who is making the contact"
    )
    # A professional's details are revealed under "Professional", above the name (the order of the page).
    referrer_agency = char("Agency or organisation", max_length=120)
    referrer_agency_kind = agency_kind_field()
    referrer_role = char("Role", max_length=120)
    referrer_name = char("Referrer's name", max_length=120)
    referrer_phone = char("Phone number", max_length=40)
    referrer_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    referrer_relationship = char("Referrer's relationship to and knowledge of the child", max_length=200)
    anonymity_requested = tick("The referrer asked for their details not to be shared with the family")
    anonymity_warning_given = tick(
        "I explained that we will not share their details but anonymity cannot be guaranteed"
    )
    reason = char(
        "Why are they contacting us?",
        max_length=20000,
        required=True,
        textarea=True,
        rows=6,
        help_text="The cause for concern: what happened, when, where, and how the referrer knows",
        error="Enter why they are contacting us",
    )
    child_words = char("What has the child said, in their own words?", max_length=10000, textarea=True)
    requested_level = choice(
        "What level of help is the referrer asking for?",
        RequestedLevel.choices,
        required=False,
        help_text="The lowest level that would meet the child's needs",
    )
    staff_risk = char(
        "Are there any risks to staff visiting the family?",
        max_length=5000,
        textarea=True,
        rows=2,
        help_text="For example, a family member who has been aggressive, or a dangerous dog",
    )
    hh_domestic_abuse = choice("Domestic abuse in the household?", YesNoUnknown.choices, radios=True, initial="unknown")
    hh_mental_illness = choice("Mental illness in the household?", YesNoUnknown.choices, radios=True, initial="unknown")
    hh_substance_misuse = choice(
        "Substance misuse in the household?", YesNoUnknown.choices, radios=True, initial="unknown"
    )
    hh_learning_difficulties = choice(
        "Learning difficulties in the household?", YesNoUnknown.choices, radios=True, initial="unknown"
    )
    domestic_abuse = tick("This is a domestic-abuse contact")
    da_risk_tool, da_risk_result = da_risk_fields()
    da_risk = choice(
        "Domestic-abuse risk level",
        DARisk.choices,
        required=False,
        help_text="From the DASH / CAADA RIC or the police risk assessment",
    )
    dash_attached = tick("A DASH risk assessment is attached")
    staff_related = tick("The contact concerns a member of staff or their family")
    parent_under_18 = tick("A parent or carer is under 18")
    suspected_crime = tick("A crime may have been committed (sexual or physical assault, neglect)")
    parents_aware = choice(
        "Do the parents know about this contact?", YesNoUnknown.choices, radios=True, initial="unknown"
    )
    parents_not_told_reason = char(
        "If not, why not?",
        max_length=5000,
        textarea=True,
        rows=2,
        help_text="Parents should know unless telling them would increase the risk of significant harm",
    )
    consent_status = choice("Consent", ConsentStatus.choices, initial=ConsentStatus.NOT_YET_SOUGHT)
    consent_given_by = char("Consent given by", max_length=120, help_text="The parent, or the child if 16 or over")
    consent_given_by_kind = consent_giver_field()
    consent_at = consent_at_field()
    initial_rating = choice("Initial rating", [], required=False)
    policy_key = choice("Special circumstance (local policy)", [], required=False)

    # The page shows the children and other people after this field, and the rest of the form after them.
    people_after = "anonymity_warning_given"

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["initial_rating"].choices = rating_choices()
        self.fields["policy_key"].choices = policy_choices()
        consent_hint(self.fields["consent_given_by"])
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4())
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean(self):  # noqa: ANN201, C901
        data = super().clean()
        kind = data.get("referrer_kind")
        if kind == ReferrerKind.PROFESSIONAL:
            for name, message in (
                ("referrer_name", "Enter the referrer's name"),
                ("referrer_agency", "Enter the professional's agency"),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        if kind in (ReferrerKind.FAMILY_MEMBER, ReferrerKind.PUBLIC) and not data.get("referrer_name"):
            self.add_error(
                "referrer_name", "Enter the referrer's name and contact details; if they refuse, choose Anonymous"
            )
        if data.get("anonymity_requested") and not data.get("anonymity_warning_given"):
            self.add_error("anonymity_warning_given", "Confirm you explained that anonymity cannot be guaranteed")
        if data.get("parents_aware") == YesNoUnknown.NO and not data.get("parents_not_told_reason"):
            self.add_error("parents_not_told_reason", "Say why the parents have not been told")
        if data.get("consent_status") == ConsentStatus.OBTAINED and not data.get("consent_given_by"):
            self.add_error("consent_given_by", "Enter who gave consent")
        return data

    def page_parts(self, child_forms: list, person_forms: list) -> list[ErrorPart]:
        """The forms of the recording page in the order the page shows their fields, for the error summary."""
        names = list(self.fields)
        split = names.index(self.people_after) + 1
        return [(self, names[:split]), *child_forms, *person_forms, (self, names[split:])]


class ChildForm(GovukForm):
    """One child the contact is about (R-INT-3, R-INT-9). Empty extra slots are ignored."""

    person_id = forms.TypedChoiceField(
        label="Is this a child already known to us?",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=[],
    )
    not_same_reason = char(
        "If none of the likely matches is this child, why not?",
        max_length=2000,
        help_text="For example: a different child of the same name at another address",
    )
    given_names = char("Given names", max_length=100)
    family_name = char("Family name", max_length=100)
    # A date in the future is searched (people/query.py), never refused before the search has run.
    date_of_birth = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 2015")
    is_unborn = tick("Unborn child")
    expected_delivery_date = GovukDateField(label="Expected date of delivery", required=False, future_only=True)
    sex = choice("Sex", Sex.choices, radios=True, initial=Sex.UNKNOWN, required=False)
    address = char("Address", max_length=300)
    postcode = char("Postcode", max_length=10)
    school = char("School or nursery", max_length=200)

    def __init__(self, *args, candidates=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.candidates = candidates if candidates is not None else []
        self.fields["person_id"].choices = [
            ("", "No, a new person"),
            *[(c.person.pk, f"{c.person.full_name}") for c in self.candidates],
        ]

    def is_empty(self) -> bool:
        """Nothing that says who this is was typed or chosen (even badly typed): an unused slot."""
        return not any(self._typed(name) for name in IDENTIFYING)

    def has_input(self) -> bool:
        """Anything at all was typed or chosen in this slot, beyond what it starts with."""
        return any(self._typed(name) for name in self.fields)

    def _typed(self, name: str) -> bool:
        if not self.is_bound:
            return False
        value = self[name].data
        if isinstance(value, list | tuple):
            return any(str(v or "").strip() for v in value)
        if isinstance(value, bool):
            return value
        initial = self.fields[name].initial
        return bool(str(value or "").strip()) and (initial is None or str(value) != str(initial))

    def clean_date_of_birth(self):  # noqa: ANN201
        # Kept for the search even when the date cannot be a new record's (see search_date_of_birth).
        self.typed_date_of_birth = self.cleaned_data.get("date_of_birth")
        return self.typed_date_of_birth

    def search_date_of_birth(self) -> Any:
        """The date to search with: the date of birth as typed, even in the future, or an unborn child's
        expected date of delivery (R-INT-9; people/query.py decides how a future date is used)."""
        data = getattr(self, "cleaned_data", {})
        typed = getattr(self, "typed_date_of_birth", None)
        return typed or (data.get("expected_delivery_date") if data.get("is_unborn") else None)

    def _check_future_birth(self, data: dict) -> None:
        """A new record cannot be born in the future (the search has still run on the date)."""
        born = data.get("date_of_birth")
        if born and born > timezone.localdate():
            self.add_error(
                "date_of_birth",
                "Date of birth is in the future: check the year, choose a record found, or for an unborn child "
                "tick Unborn child and give the expected date of delivery instead",
            )

    def likely_ids(self) -> tuple[int, ...]:
        return tuple(c.person.pk for c in self.candidates if c.band == "likely")

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if not data.get("is_unborn") and "expected_delivery_date" in self._errors:
            # Only an unborn child has an expected date: when the box is unticked, what it holds is ignored.
            del self._errors["expected_delivery_date"]
            data["expected_delivery_date"] = None
        if self.is_empty() or data.get("person_id"):
            return data
        if self.likely_ids() and not data.get("not_same_reason"):
            self.add_error(
                "person_id",
                "A likely match is already in the index: choose it, or say why this is not the same child",
            )
        if not data.get("family_name"):
            self.add_error("family_name", "Enter the child's family name, or 'Not known'")
        if data.get("is_unborn"):
            if not data.get("expected_delivery_date"):
                self.add_error("expected_delivery_date", "Enter the expected date of delivery for an unborn child")
            if data.get("date_of_birth"):
                self.add_error("date_of_birth", "An unborn child has no date of birth: leave it empty")
        else:
            self._check_future_birth(data)
            if not data.get("given_names"):
                self.add_error("given_names", "Enter the child's given names, or 'Not known'")
        return data


OTHER_ROLES = [c for c in ContactPerson.Role.choices if c[0] != ContactPerson.Role.SUBJECT]


class PersonForm(ChildForm):
    """A person on a contact (R-CHK-1): a child, or a parent, carer, household member or alleged perpetrator.

    Searched in the person index like a child: an existing record is chosen, or a new one created
    with a reason when a likely match is set aside. `roles` limits the roles offered.
    """

    role = choice("Role", [], required=False)
    parental_responsibility = tick("Holds parental responsibility for the children")
    relationship = char(
        "Relationship to the children", max_length=120, help_text="For example: mother, stepfather, grandmother"
    )

    def __init__(self, *args, roles=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Choose"), *(roles or OTHER_ROLES)]
        self.fields["person_id"].label = "Is this person already known to us?"
        self.fields["not_same_reason"].label = "If none of the likely matches is this person, why not?"
        self.fields["not_same_reason"].help_text = "For example: a different person of the same name at another address"

    field_order = ("person_id", "not_same_reason", "role", "relationship", "parental_responsibility")

    def clean(self):  # noqa: ANN201
        data = forms.Form.clean(self)
        if self.is_empty():
            return data
        role = data.get("role")
        if not role:
            self.add_error("role", "Select the person's role")
        if role == ContactPerson.Role.SUBJECT:
            return ChildForm.clean(self)
        if data.get("is_unborn"):
            self.add_error("is_unborn", "Only a child the contact is about can be unborn")
        if data.get("person_id"):
            return data
        if self.likely_ids() and not data.get("not_same_reason"):
            self.add_error(
                "person_id",
                "A likely match is already in the index: choose it, or say why this is not the same person",
            )
        if not data.get("family_name"):
            self.add_error("family_name", "Enter the person's family name, or 'Not known'")
        self._check_future_birth(data)
        return data

    def service_input(self) -> dict:
        """The cleaned data as the service's person input, with likely matches set aside when new."""
        data = {k: v for k, v in self.cleaned_data.items() if v is not None or k == "person_id"}
        data["sex"] = data.get("sex") or "U"
        data["not_same_as"] = () if data.get("person_id") else self.likely_ids()
        return data


class ScreeningForm(GovukForm):
    """R-DEC-4, R-INT-3, R-INT-4, R-CON-1/2, R-POL: what the screening establishes. Versioned."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    screening_nature = char("Nature of the concern", max_length=20000, textarea=True)
    screening_how_why = char("How and why it arose", max_length=20000, textarea=True)
    screening_needs = char("What the child's needs appear to be", max_length=20000, textarea=True)
    screening_significant_harm = choice("Does the concern involve significant harm?", YesNoUnknown.choices, radios=True)
    screening_urgent_action = choice(
        "Is urgent action needed to protect this or any child in the household?", YesNoUnknown.choices, radios=True
    )
    requested_level = choice("Level of help the referrer asked for", RequestedLevel.choices, required=False)
    staff_risk = char("Risks to staff visiting the family", max_length=5000, textarea=True, rows=2)
    hh_domestic_abuse = choice("Domestic abuse in the household?", YesNoUnknown.choices, radios=True)
    hh_mental_illness = choice("Mental illness in the household?", YesNoUnknown.choices, radios=True)
    hh_substance_misuse = choice("Substance misuse in the household?", YesNoUnknown.choices, radios=True)
    hh_learning_difficulties = choice("Learning difficulties in the household?", YesNoUnknown.choices, radios=True)
    domestic_abuse = tick("This is a domestic-abuse contact")
    da_risk = choice("Domestic-abuse risk level", DARisk.choices, required=False)
    da_risk_tool, da_risk_result = da_risk_fields()
    dash_attached = tick("A DASH risk assessment is attached")
    staff_related = tick("The contact concerns a member of staff or their family")
    parent_under_18 = tick("A parent or carer is under 18")
    young_parent_offer = choice("Young parent's own assessment", YoungParentOffer.choices, required=False)
    suspected_crime = tick("A crime may have been committed")
    parents_aware = choice("Do the parents know about this contact?", YesNoUnknown.choices, radios=True)
    parents_not_told_reason = char("If not, why not?", max_length=5000, textarea=True, rows=2)
    consent_status = choice("Consent", ConsentStatus.choices)
    consent_form = choice("Verbal or written", ConsentForm.choices, required=False)
    consent_given_by = char("Consent given by", max_length=120, help_text="The parent, or the child if 16 or over")
    consent_given_by_kind = consent_giver_field()
    consent_at = consent_at_field()
    consent_recorded_by = char("Consent taken by", max_length=120, help_text="Leave empty if you took it")
    consent_reason = char("Reason consent was not sought or was dispensed with", max_length=5000, textarea=True, rows=2)
    consent_review_date = GovukDateField(
        label="Review the need for consent by",
        required=False,
        future_only=True,
        help_text="While consent is missing, when to consider again whether it can be sought. For example, 27 3 2027",
    )
    policy_key = choice("Special circumstance (local policy)", [], required=False)
    parents_response = parents_response_field()
    referrer_agency_kind = agency_kind_field()

    def __init__(self, *args, consent_recorded: bool = False, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["policy_key"].choices = policy_choices()
        consent_hint(self.fields["consent_given_by"])
        if consent_recorded:
            # R-CON-2: consent once recorded is shown, not edited again.
            for name in ("consent_form", "consent_given_by", "consent_given_by_kind", "consent_at"):
                self.fields[name].disabled = True
            self.fields["consent_recorded_by"].disabled = True
        for item in get_profile().checklist:
            self.fields[f"checklist_{item.key}"] = char(item.label, max_length=10000, textarea=True, rows=2)

    def clean(self):  # noqa: ANN201
        data = super().clean()
        status = data.get("consent_status")
        if status == ConsentStatus.OBTAINED and not data.get("consent_given_by"):
            self.add_error("consent_given_by", "Enter who gave consent")
        if status in (ConsentStatus.NOT_SOUGHT, ConsentStatus.DISPENSED_WITH) and not data.get("consent_reason"):
            self.add_error("consent_reason", "Give the reason consent was not sought or was dispensed with")
        if data.get("parents_aware") == YesNoUnknown.NO and not data.get("parents_not_told_reason"):
            self.add_error("parents_not_told_reason", "Say why the parents have not been told")
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["checklist"] = {
            key.removeprefix("checklist_"): data.pop(key) for key in list(data) if key.startswith("checklist_")
        }
        return data


class RateForm(forms.Form):
    rating = choice("Rating", [])

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = get_profile().rating_choices()
        self.fields["rating"].widget = forms.RadioSelect()


class SubmitForDecisionForm(forms.Form):
    recommendation = choice("Recommended outcome", [])
    recommendation_reason = char("Why?", max_length=20000, required=True, textarea=True)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # Only the outcomes the authority offers (R-DEC-5, the profile's `outcomes`).
        self.fields["recommendation"].choices = [("", "Choose"), *offered_outcome_choices()]


class ReasonForm(forms.Form):
    reason = char("Reason", max_length=20000, required=True, textarea=True)


class PassOnForm(forms.Form):
    """R-ROUTE-1: only a team with an open case for a child on the contact is offered."""

    takes_contact = True
    team_key = choice("Team", [], help_text="The team of a child on this contact who has an open case")
    reason = char("Why is it being passed on?", max_length=20000, required=True, textarea=True)

    def __init__(self, *args, contact: Any = None, **kwargs) -> None:  # noqa: ANN002, ANN003, ANN401
        super().__init__(*args, **kwargs)
        routings = open_case_routings(contact) if contact is not None else []
        teams = list(dict.fromkeys((r.team_key, r.team_name) for r in routings))
        self.fields["team_key"].choices = [("", "Choose"), *teams]


class CloseForm(forms.Form):
    takes_contact = True
    summary = char(
        "What was done to carry out the outcome?",
        max_length=20000,
        required=True,
        textarea=True,
        help_text="Say what, by whom and when; not 'continue to monitor' without what, for how long and next steps",
    )
    outstanding_reason = char(
        "Why close it with these still outstanding?",
        max_length=20000,
        required=True,
        textarea=True,
        rows=3,
        help_text="For example, the check is no longer needed, or the follow-up was asked for twice",
        error="Say why the contact is being closed with these still outstanding",
    )

    def __init__(self, *args, contact: Any = None, **kwargs) -> None:  # noqa: ANN002, ANN003, ANN401
        super().__init__(*args, **kwargs)
        # Asked only when something is still outstanding; the service enforces it either way.
        if contact is None or not close_outstanding(contact):
            del self.fields["outstanding_reason"]


class NoteForm(forms.Form):
    text = char("Note", max_length=20000, required=True, textarea=True, help_text="Who spoke to whom, when and why")


class OutOfHoursOutcomeForm(forms.Form):
    outcome = char(
        "What did the out-of-hours team do?",
        max_length=20000,
        required=True,
        textarea=True,
        help_text="Who they spoke to, what they decided and anything the office must do now",
    )


class PoliceNotifiedForm(GovukForm):
    at = GovukDateTimeField(label="When were the police notified?", what="the police were notified")
    to = choice(
        "Who in the police was told?",
        [("", "As the local policy says, or the police"), *PoliceContact.choices[1:]],
        required=False,
    )
    reference = char("Police reference", max_length=60, help_text="The reference the police gave, if they gave one")
    officer = char("Officer's name", max_length=120, help_text="The officer you spoke to, if you know")


class SharingForm(forms.Form):
    shared_with = char("Shared with (agency and person)", max_length=200, required=True)
    destination_email = forms.EmailField(
        label="Secure email address, if sent electronically",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format"},
    )
    information = char("What information", max_length=20000, required=True, textarea=True)
    shared = choice("Decision", [("yes", "Shared"), ("no", "Not shared")], radios=True)
    reason = char(
        "Reason: necessary, proportionate, relevant, accurate, timely, secure",
        max_length=20000,
        required=True,
        textarea=True,
    )


class AgencyCheckForm(forms.Form):
    agency = choice("Agency", [])
    question = char("What do you need to know?", max_length=5000, textarea=True)

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "Choose"), *get_profile().check_agency_choices()]


class AgencyResponseForm(forms.Form):
    response = char("Your agency's information", max_length=20000, required=True, textarea=True)


class QueueFilterForm(forms.Form):
    rating = forms.ChoiceField(required=False, label="Rating")
    status = forms.ChoiceField(required=False, label="Status")
    team = forms.ChoiceField(required=False, label="Team")
    overdue = forms.BooleanField(required=False, label="Overdue only")
    consent_review = forms.BooleanField(required=False, label="Consent review due only")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        from .models import Status

        super().__init__(*args, **kwargs)
        profile = get_profile()
        self.fields["rating"].choices = [("", "Any"), *profile.rating_choices()]
        self.fields["status"].choices = [("", "Any open"), *Status.choices]
        self.fields["team"].choices = [("", "Any"), *[(t.key, t.name) for t in profile.teams]]
