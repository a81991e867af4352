"""Forms of the person pages: search, and a manager's merge, "different people" and undo."""

from django import forms

from frontdoor.core.forms import GovukDateField, char, choice

from .identifiers import nhs_number_valid, upn_valid
from .models import Person, Sex


class PersonSearchForm(forms.Form):
    given_names = char("Given names", max_length=100)
    family_name = char("Family name", max_length=100)
    # A date in the future is searched as people/query.py says, not refused.
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    postcode = char("Postcode", max_length=10)
    nhs_number = char("NHS number (optional)", max_length=20, help_text="10 digits, for example 943 476 5919")
    upn = char("Unique Pupil Number (optional)", max_length=20, help_text="13 characters, for example A123456789012")

    def clean_upn(self) -> str:
        value = "".join(self.cleaned_data["upn"].split()).upper()
        if value and not upn_valid(value):
            raise forms.ValidationError(
                "A Unique Pupil Number is a letter then 12 characters, and the letter checks the rest: "
                "check it was copied correctly"
            )
        return value

    def clean_nhs_number(self) -> str:
        value = "".join(self.cleaned_data["nhs_number"].split())
        if value and not (len(value) == 10 and value.isdigit()):
            raise forms.ValidationError("An NHS number is 10 digits, like 943 476 5919")
        if value and not nhs_number_valid(value):
            raise forms.ValidationError("This NHS number's last digit does not match: check it was copied correctly")
        return value

    def clean(self):  # noqa: ANN201
        data = super().clean()
        named = data.get("given_names") or data.get("family_name") or data.get("date_of_birth")
        if named or data.get("nhs_number") or data.get("upn") or self.errors:
            return data
        if data.get("postcode"):
            raise forms.ValidationError("A postcode alone is not enough: add a name or a date of birth")
        raise forms.ValidationError("Enter a name, a date of birth or an NHS number to search")


class MergeFindForm(forms.Form):
    """Another record to compare with this one, found by name, for when the duplicate was not offered."""

    given_names = char("Given names of the other record (optional)", max_length=100)
    family_name = char(
        "Family name of the other record",
        max_length=100,
        required=True,
        help_text="The records found are listed below, to compare with this one",
        error="Enter the family name of the other record",
    )


class MergeForm(forms.Form):
    """Which of the two records to keep, and why they are the same person."""

    keep = choice("Which record do you want to keep?", [], radios=True, error="Select which record to keep")
    reason = char(
        "Why are these the same person?",
        max_length=2000,
        required=True,
        textarea=True,
        help_text="For example, the evidence that shows it: same NHS number, confirmed by the school",
        error="Enter the reason for merging these records",
    )
    # The versions the manager saw: a change since is refused rather than merged blind.
    first_version = forms.IntegerField(widget=forms.HiddenInput)
    second_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, first: Person, second: Person, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"first_version": first.version, "second_version": second.version})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["keep"].choices = [
            (str(first.pk), f"Keep the first record: {first.described}"),
            (str(second.pk), f"Keep the second record: {second.described}"),
        ]


class DistinctForm(forms.Form):
    reason = char(
        "Why are they different people?",
        max_length=2000,
        required=True,
        textarea=True,
        rows=3,
        error="Enter why these are different people",
    )


class MergeUndoForm(forms.Form):
    reason = char(
        "Why are you undoing this merge?",
        max_length=2000,
        required=True,
        textarea=True,
        error="Enter the reason for undoing this merge",
    )


class BirthForm(forms.Form):
    """R-INT-9: the baby is born."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    date_of_birth = GovukDateField(
        label="Date of birth", required=True, past_only=True, help_text="For example, 27 3 2026"
    )
    sex = choice("Sex", Sex.choices, radios=True, error="Select the baby's sex, or Not known")
    given_names = char("Given names", max_length=100, help_text="Leave empty if the baby has not been named yet")

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].error_messages["required"] = "Enter the baby's date of birth"
