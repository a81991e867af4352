"""Forms for strategy meetings: each validates what is typed, and the service decides the rules."""

from typing import Any

from django import forms

from frontdoor.accounts.models import User
from frontdoor.core.forms import GovukDateField, GovukDateTimeField, GovukForm, char, choice
from frontdoor.documents.models import ContactDocument
from frontdoor.people.models import Person

from .models import Reply, StrategyMeeting
from .services import SOCIAL_WORKER_ROLES, invitee_agencies, known_partners, strategy_children


def _name(user: User) -> str:
    return user.display_name


class AllocateForm(GovukForm):
    social_worker = forms.ModelChoiceField(
        label="Which social worker will complete the request and attend the meeting?",
        queryset=User.objects.none(),
        empty_label="Choose a social worker",
        error_messages={"required": "Choose a social worker", "invalid_choice": "Choose a social worker"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField = self.fields["social_worker"]  # type: ignore[assignment]
        field.queryset = (
            User.objects.filter(is_active=True, groups__name__in=SOCIAL_WORKER_ROLES)
            .distinct()
            .order_by("last_name", "first_name")
        )
        field.label_from_instance = _name  # type: ignore[method-assign,assignment]


class RequestForm(GovukForm):
    meeting_at = GovukDateTimeField(label="When is the meeting?", what="of the meeting")
    chronology = char(
        "Chronology",
        max_length=20000,
        textarea=True,
        rows=8,
        help_text="The case chronology you reviewed, or choose the document below that holds it",
    )
    initial_analysis = char(
        "Your initial analysis",
        max_length=20000,
        textarea=True,
        rows=8,
        help_text="To inform the discussion, or choose the document below that holds it",
    )
    documents = forms.ModelMultipleChoiceField(
        label="Documents on the contact to share with the meeting",
        queryset=ContactDocument.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, meeting: StrategyMeeting, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        field: forms.ModelMultipleChoiceField = self.fields["documents"]  # type: ignore[assignment]
        field.queryset = meeting.contact.documents.all()
        field.label_from_instance = lambda d: f"{d.name} ({d.get_kind_display().lower()})"  # type: ignore[method-assign,assignment]
        if not field.queryset.exists():
            del self.fields["documents"]


class TimeForm(GovukForm):
    meeting_at = GovukDateTimeField(label="When is the meeting?", what="of the meeting")


class InviteForm(GovukForm):
    agency = choice("Who are you inviting?", [], radios=True, required=False, error="Choose who is being invited")
    user = forms.ModelChoiceField(
        label="A partner known to Front Door (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not on the list: type their name below",
        help_text="The partners who answer checks in Front Door, by agency. Their name and email are filled in "
        "for you, and their agency if you have not chosen one.",
        error_messages={"invalid_choice": "Choose a partner from the list, or type a name below"},
    )
    name = char("Name", max_length=200, help_text="The person attending for the agency, if not chosen above")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="A secure email address, for the invitation",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )

    def __init__(self, *args: Any, meeting: StrategyMeeting, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        agencies = invitee_agencies()
        if meeting.contact.referrer_kind != "professional":
            agencies = [a for a in agencies if a[0] != "referrer"]  # R-CON-8
        self.fields["agency"].choices = agencies
        names = dict(agencies)
        field: forms.ModelChoiceField = self.fields["user"]  # type: ignore[assignment]
        field.queryset = known_partners()
        field.label_from_instance = lambda u: f"{names.get(u.agency, u.agency)}: {u.display_name}"  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user, agency = data.get("user"), data.get("agency")
        if not agency and user is not None:
            data["agency"] = user.agency  # a known partner: their agency
        elif not agency and "agency" not in self.errors:
            self.add_error("agency", self.fields["agency"].error_messages["required"])
        return data


class ReplyForm(GovukForm):
    reply = choice("What did they reply?", Reply.choices, radios=True)
    at = GovukDateTimeField(label="When did they reply?", what="they replied", required=False)


class ReasonForm(GovukForm):
    reason = char("Why is the professional who made the referral not invited?", max_length=2000, textarea=True)


class MinutesForm(GovukForm):
    minutes = char(
        "Minutes",
        max_length=50000,
        textarea=True,
        rows=14,
        help_text="Who attended, what was shared and what was decided",
    )


class OutcomeForm(GovukForm):
    section_47 = choice(
        "Will there be a section 47 enquiry?",
        [("yes", "Yes, a section 47 enquiry"), ("no", "No section 47 enquiry")],
        radios=True,
    )
    reasons = char("Reasons", max_length=20000, textarea=True, required=True)


class ActionForm(GovukForm):
    what = char("Action", max_length=2000, textarea=True, required=True, rows=3)
    owner = char("Who owns it?", max_length=200, required=True, help_text="A person and their agency")
    due_on = GovukDateField(
        label="Due by",
        required=True,
        future_only=True,
        error_messages={
            "required": "Enter the date the action is due",
            "incomplete": "Enter the date the action is due",
        },
    )
    child = forms.ModelChoiceField(
        label="Which child is it for? (optional)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="The family",
    )

    def __init__(self, *args: Any, meeting: StrategyMeeting, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField = self.fields["child"]  # type: ignore[assignment]
        children = strategy_children(meeting.contact)
        field.queryset = Person.objects.filter(pk__in=[c.pk for c in children])
        field.label_from_instance = lambda p: "Restricted record" if p.restricted else p.full_name  # type: ignore[method-assign,assignment]
