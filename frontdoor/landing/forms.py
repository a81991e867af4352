"""The head of service's record of a consultation (R-INT-7, R-DEC-7)."""

from typing import Any

from django import forms

from frontdoor.contacts.models import Contact
from frontdoor.core.forms import GovukDateTimeField, char, choice
from frontdoor.decisions.models import ConsultationAbout


class ConsultationForm(forms.Form):
    about = choice("What were you consulted about?", ConsultationAbout.choices, radios=True)
    consulted_at = GovukDateTimeField(label="When were you consulted?")
    advice = char("The advice you gave", max_length=5000, required=True, textarea=True, rows=6)

    def __init__(self, *args: Any, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = ConsultationAbout.choices
        if not contact.staff_related:
            choices = [c for c in choices if c[0] != ConsultationAbout.STAFF]
        self.fields["about"].choices = choices
        if len(choices) == 1:
            self.fields["about"].initial = choices[0][0]
