"""The person search form."""

from django import forms

from frontdoor.core.forms import GovukDateField, char


class PersonSearchForm(forms.Form):
    given_names = char("Given names", max_length=100)
    family_name = char("Family name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True)
    postcode = char("Postcode", max_length=10)

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if not (data.get("given_names") or data.get("family_name") or data.get("date_of_birth")) and not self.errors:
            raise forms.ValidationError("Enter a name or a date of birth to search")
        return data
