"""Forms for the registers: what the worker types. The rules are in `services.py`."""

from typing import Any

from django import forms

from frontdoor.core.forms import GovukDateField, GovukDateTimeField, GovukForm, char, choice, tick
from frontdoor.people.models import Sex
from frontdoor.procedures.loader import get_profile

from .models import EscalationLevel, Fact, Residence, Verification

ANOTHER_AGENCY = "another"


class ConsultationForm(GovukForm):
    consulted_at = GovukDateTimeField(label="When did they consult us?", what="they consulted us")
    professional_name = char("Professional's name", max_length=120, required=True)
    professional_role = char("Their role", max_length=120)
    agency = char("Agency or organisation", max_length=200, required=True, error="Enter the professional's agency")
    phone = char("Phone number", max_length=40)
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    child_given_names = char("Child's given names", max_length=100)
    child_family_name = char(
        "Child's family name", max_length=100, required=True, error="Enter the child's family name, or 'Not known'"
    )
    child_date_of_birth = GovukDateField(
        label="Child's date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    family_details = char("Others in the family, and where they live", max_length=5000, textarea=True, rows=3)
    concern = char(
        "What are they worried about?",
        max_length=20000,
        required=True,
        textarea=True,
        rows=5,
        error="Enter what the professional is worried about",
    )
    caller_told_not_recorded = tick(
        "I told the caller this is not recorded on the child's social care record, but kept in a confidential log"
    )
    advice = char(
        "Advice given",
        max_length=20000,
        textarea=True,
        rows=5,
        help_text="Leave this empty if a colleague will give the advice and record it",
    )


class AdviceForm(GovukForm):
    advice = char(
        "Advice given", max_length=20000, required=True, textarea=True, rows=6, error="Enter the advice given"
    )


def agency_choices() -> list[tuple[str, str]]:
    return [*((a, a) for a in get_profile().checks_allow_list), (ANOTHER_AGENCY, "Another agency")]


class ChecksRequestForm(GovukForm):
    received_at = GovukDateTimeField(label="When was the request made?", what="the request was made")
    agency = choice("Which agency is asking?", [], radios=True, error="Select the caller's agency")
    other_agency = char("Name of the agency", max_length=200)
    caller_name = char("Caller's name", max_length=120, required=True, error="Enter the caller's name")
    caller_role = char("Caller's role", max_length=120)
    verification = choice(
        "How did you confirm who is calling?",
        Verification.choices,
        radios=True,
        help_text="If in any doubt, take their name and their organisation's switchboard number and call them back",
        error="Select how the caller's identity was confirmed",
    )
    caller_phone = char("Switchboard number you called back", max_length=40)
    active_involvement_confirmed = choice(
        "Did they confirm an active involvement with the child or family?",
        [("yes", "Yes"), ("no", "No")],
        radios=True,
        error="Select whether they confirmed an active involvement",
    )
    child_given_names = char("Child's given names", max_length=100)
    child_family_name = char(
        "Child's family name", max_length=100, required=True, error="Enter the family name of the child asked about"
    )
    child_date_of_birth = GovukDateField(label="Child's date of birth", required=False, past_only=True)
    detailed = choice(
        "What are they asking for?",
        [("basic", "Basic checks only"), ("detailed", "More detailed information")],
        radios=True,
        initial="basic",
        error="Select what they are asking for",
    )
    in_writing = tick("The request is in writing")
    very_urgent = tick("It is very urgent: an immediate child protection issue")
    legal_advice = char(
        "Advice from Legal Services and the Data Protection Team", max_length=5000, textarea=True, rows=3
    )
    purpose = char("What is the information needed for?", max_length=5000, textarea=True, rows=3)
    consent_obtained = tick("The adults concerned have consented")
    consent_attempts = char(
        "If not, what attempts were made to get their consent?", max_length=5000, textarea=True, rows=3
    )
    assists_s47 = tick("It is to assist a section 47 enquiry")

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = agency_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agency") == ANOTHER_AGENCY and not data.get("other_agency"):
            self.add_error("other_agency", "Enter the name of the agency")
        return data

    def service_input(self) -> dict[str, Any]:
        from .services import DetailedRequest

        data = dict(self.cleaned_data)
        agency = data.pop("other_agency") if data["agency"] == ANOTHER_AGENCY else data["agency"]
        detail_names = ("in_writing", "very_urgent", "legal_advice", "purpose", "consent_obtained", "consent_attempts")
        detail = {name: data.pop(name) for name in (*detail_names, "assists_s47")}
        return {
            **data,
            "agency": agency,
            "active_involvement_confirmed": data["active_involvement_confirmed"] == "yes",
            "detailed": DetailedRequest(**detail) if data["detailed"] == "detailed" else None,
        }


class AnswerForm(GovukForm):
    """R-CHK-2: the worker ticks the facts told to the caller; the values come from the person index."""

    share = forms.MultipleChoiceField(
        label="What did you tell the caller?",
        required=True,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
        error_messages={"required": "Tick what you told the caller"},
    )

    def __init__(self, *args: Any, facts: dict[str, str], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["share"].choices = [(k, f"{Fact(k).label}: {v}") for k, v in facts.items()]


class AuthoriseForm(GovukForm):
    authorise = choice(
        "Do you authorise this request?",
        [("yes", "Yes"), ("no", "No")],
        radios=True,
        error="Select whether you authorise the request",
    )
    note = char(
        "What is authorised, or why not",
        max_length=5000,
        required=True,
        textarea=True,
        rows=4,
        help_text="For example: a worker from the agency may view our files and take notes; only our own documents "
        "may be copied",
        error="Say what is authorised, or why not",
    )


class TransferNotifyForm(GovukForm):
    notified_at = GovukDateTimeField(label="When did they tell us?", what="they told us")
    authority = char(
        "Which authority told us?", max_length=200, required=True, error="Enter the authority that told us"
    )
    notifier_name = char("Who told us?", max_length=120, required=True, error="Enter who told us")
    notifier_contact = char("Their phone number or email address", max_length=200)
    conference_requested = tick("They are asking for a transfer-in child protection conference")


class TransferRecordForm(GovukForm):
    form_document = forms.FileField(label="Attach the completed form", required=False)
    form_received_at = GovukDateTimeField(
        label="Or: when was the completed form received?", what="the form was received", required=False
    )
    residence = choice(
        "Is the family's move here permanent?",
        Residence.choices,
        radios=True,
        error="Select whether the family's move is permanent or temporary",
    )
    address = char("The family's address here", max_length=300, required=True, error="Enter the family's address here")
    postcode = char("Postcode", max_length=10)
    plan_details = char(
        "The child protection plan: categories, dates and the current authority's worker",
        max_length=10000,
        textarea=True,
        rows=4,
    )


class FamilyMemberForm(GovukForm):
    given_names = char("Given names", max_length=100)
    family_name = char("Family name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True)
    sex = choice("Sex", Sex.choices, radios=True, initial=Sex.UNKNOWN, required=False)
    is_child = choice(
        "Child or adult",
        [("child", "Child"), ("adult", "Parent or carer")],
        radios=True,
        initial="child",
        required=False,
    )

    def is_empty(self) -> bool:
        return not (self.data.get(self.add_prefix("family_name")) or self.data.get(self.add_prefix("given_names")))


class ForwardForm(GovukForm):
    forwarded_to = char(
        "Who was it forwarded to?",
        max_length=200,
        required=True,
        help_text="The team that arranges child protection conferences",
        error="Enter who it was forwarded to",
    )
    forwarded_at = GovukDateTimeField(label="When?", what="it was forwarded")


class EscalateForm(GovukForm):
    level = choice(
        "Who is it escalated to?", EscalationLevel.choices, radios=True, error="Select who it is escalated to"
    )
    escalated_to = char("Their names", max_length=200, required=True, error="Enter who it is escalated to")
    reason = char(
        "What is disputed?", max_length=5000, required=True, textarea=True, rows=4, error="Say what is disputed"
    )
    urgent = tick("This is urgent: delay could harm the child")
    respond_by = GovukDateTimeField(label="Answer needed by", what="an answer is needed", required=False)
