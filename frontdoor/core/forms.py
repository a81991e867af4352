"""GOV.UK Design System form rendering and fields with GOV.UK-style error messages."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year in three boxes, as the GOV.UK date input pattern."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: object) -> list:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, *, past_only: bool = False, future_only: bool = False, **kwargs: object) -> None:
        self.past_only, self.future_only = past_only, future_only
        # The parts are optional on their own so that compress() can say which one is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields=fields, **kwargs)  # type: ignore[arg-type]

    def compress(self, data_list: list) -> datetime.date | None:
        label = str(self.label or "Date")
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [name for name, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"{label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{label} must be a real date, with a 4-digit year")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{label} must be a real date") from None
        today = datetime.date.today()  # noqa: DTZ011 - calendar dates are local to the authority
        if self.past_only and value > today:
            raise ValidationError(f"{label} must be today or in the past")
        if self.future_only and value < today - datetime.timedelta(days=31):
            raise ValidationError(f"{label} must be in the future or recent past")
        if value.year < 1900:
            raise ValidationError(f"{label} must be after 1900")
        return value


def char(
    label: str,
    *,
    max_length: int = 200,
    required: bool = False,
    help_text: str = "",
    textarea: bool = False,
    rows: int = 4,
    error: str = "",
) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput()
    field = forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=widget, strip=True
    )
    field.error_messages["required"] = error or f"Enter {label[0].lower() + label[1:]}"
    field.error_messages["max_length"] = f"{label} must be {max_length:,} characters or fewer"
    return field


def choice(
    label: str,
    choices: list | tuple,
    *,
    required: bool = True,
    radios: bool = False,
    help_text: str = "",
    initial: str | None = None,
    error: str = "",
) -> forms.ChoiceField:
    widget = forms.RadioSelect if radios else forms.Select
    field = forms.ChoiceField(
        label=label, choices=choices, required=required, widget=widget, help_text=help_text, initial=initial
    )
    field.error_messages["required"] = error or f"Select {label[0].lower() + label[1:]}"
    field.error_messages["invalid_choice"] = f"Select a valid option for {label[0].lower() + label[1:]}"
    return field


def tick(label: str, *, help_text: str = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


class GovukDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"], **kwargs)  # type: ignore[arg-type]
        label = str(kwargs.get("label", "Date and time"))
        self.error_messages["invalid"] = f"{label} must be a real date and time, like 24/11/2026 14:30"
        self.error_messages["required"] = f"Enter {label[0].lower() + label[1:]}"
