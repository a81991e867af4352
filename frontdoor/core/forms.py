"""GOV.UK Design System form rendering and fields with GOV.UK-style error messages."""

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict
from django.utils import timezone

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
PART_NAMES = ("day", "month", "year")
TIME_EXAMPLE = "14:30"


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


def _part_error(message: str, parts: Iterable[str]) -> ValidationError:
    """A message that also says which boxes to highlight (day, month, year, time)."""
    return ValidationError(message, params={"parts": tuple(parts)})


def date_from_parts(subject: str, day: str, month: str, year: str) -> datetime.date:
    """A real date from the three boxes, or a GOV.UK message naming what is wrong: "<subject> must ..."."""
    values = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    missing = [name for name in PART_NAMES if not values[name]]
    if missing:
        raise _part_error(f"{subject} must include a {' and '.join(missing)}", missing)
    month_number = values["month"]
    if not month_number.isdigit():
        month_number = str(MONTHS.get(month_number.lower().rstrip("."), ""))
    bad = [name for name, v in (("day", values["day"]), ("month", month_number)) if not v.isdigit()]
    if not values["year"].isdigit() or len(values["year"]) != 4:
        bad.append("year")
    if bad:
        raise _part_error(f"{subject} must be a real date, with a 4-digit year", bad)
    try:
        return datetime.date(int(values["year"]), int(month_number), int(values["day"]))
    except ValueError:
        raise _part_error(f"{subject} must be a real date", PART_NAMES) from None


def parse_time(text: str) -> datetime.time | None:
    """A time of day as a worker types it: 14:30, 14.30, 1430, 2.30pm, 2pm, 9, midday, midnight."""
    value = re.sub(r"\s+", "", text.lower()).replace("a.m.", "am").replace("p.m.", "pm")
    if value in ("midday", "noon", "12noon"):
        return datetime.time(12, 0)
    if value == "midnight":
        return datetime.time(0, 0)
    match = re.fullmatch(r"(\d{1,2})(?:[:.h]?(\d{2}))?(am|pm)?", value)
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


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
        value = date_from_parts(label, day, month, year)
        today = datetime.date.today()  # noqa: DTZ011 - calendar dates are local to the authority
        if self.past_only and value > today:
            raise ValidationError(f"{label} must be today or in the past")
        if self.future_only and value < today - datetime.timedelta(days=31):
            raise ValidationError(f"{label} must be in the future or recent past")
        if value.year < 1900:
            raise ValidationError(f"{label} must be after 1900")
        return value


def split_datetime_text(text: str) -> list[str]:
    """The four boxes from one typed date and time (2026-11-24T09:30, 24/11/2026 14:30), for callers
    that post a single value rather than the boxes."""
    text = text.strip()
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})[ T,]+(.+)", text) or re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(.+)", text
        )
        if match is None:
            return [text, "", "", ""]
        first, second, third, time = match.groups()
        return [first, second, third, time] if len(third) == 4 else [third, second, first, time]
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return [str(value.day), str(value.month), str(value.year), value.strftime("%H:%M")]


class GovukDateTimeWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input) and a time box, in UK order whatever the browser."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__([forms.TextInput() for _ in range(4)], attrs)

    def decompress(self, value: object) -> list:
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return [local.day, local.month, local.year, local.strftime("%H:%M")]
        return [None, None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list:  # noqa: ANN401
        if not any(f"{name}_{i}" in data for i in range(4)) and data.get(name):
            return split_datetime_text(str(data.get(name)))
        return super().value_from_datadict(data, files, name)


class GovukDateTimeField(forms.MultiValueField):
    """A timezone-aware date and time (Europe/London) from the date input and a time box.

    `what` ends the messages: "the contact was received" gives "The date the contact was received
    must include a month" and "The time the contact was received must be like 14:30".
    """

    widget = GovukDateTimeWidget

    def __init__(self, *, what: str = "", **kwargs: Any) -> None:  # noqa: ANN401
        self.what = what or "this happened"
        fields = tuple(forms.CharField(required=False) for _ in range(4))
        kwargs.setdefault("require_all_fields", False)
        kwargs.setdefault("help_text", f"For example, 24 11 2026 and {TIME_EXAMPLE}")
        super().__init__(fields=fields, **kwargs)
        self.error_messages["required"] = f"Enter the date and time {self.what}"
        self.error_messages["incomplete"] = self.error_messages["required"]

    def compress(self, data_list: list) -> datetime.datetime | None:
        if not data_list or not any(data_list):
            return None
        day, month, year, time_text = [*(str(v or "").strip() for v in data_list), "", "", "", ""][:4]
        if not (day or month or year):
            raise _part_error(f"Enter the date {self.what}", PART_NAMES)
        date = date_from_parts(f"The date {self.what}", day, month, year)
        if not time_text:
            raise _part_error(f"Enter the time {self.what}, like {TIME_EXAMPLE}", ["time"])
        time = parse_time(time_text)
        if time is None:
            raise _part_error(f"The time {self.what} must be like {TIME_EXAMPLE}", ["time"])
        return datetime.datetime.combine(date, time, tzinfo=timezone.get_current_timezone())


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


FILL_ACTIONS = ("now", "today")


class GovukForm(forms.Form):
    """A form that shows one message per field, and whose "Now" and "Today" buttons fill a date and
    time without submitting: the form comes back with that field filled and nothing else lost."""

    filling: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        action = str(self.data.get("action", "")) if self.is_bound else ""
        how, _, target = action.partition(":")
        if how not in FILL_ACTIONS:
            return
        for name, field in self.fields.items():
            if isinstance(field, GovukDateTimeField) and self.add_prefix(name) == target and not field.disabled:
                self.filling = name
                self.data = fill_now(self.data, target, how)

    def full_clean(self) -> None:
        super().full_clean()
        if self.filling:
            hide_errors(self)

    def is_valid(self) -> bool:
        return not self.filling and super().is_valid()

    def add_error(self, field: str | None, error: Any) -> None:  # noqa: ANN401
        # A field that already has a message (its format, say) does not get a second one from clean().
        if isinstance(field, str) and self._errors is not None and field in self._errors:
            return
        super().add_error(field, error)


def fill_now(data: Any, html_name: str, how: str = "now") -> Any:  # noqa: ANN401
    """A copy of the posted data with today's date (and for "now", the time) in the boxes of html_name."""
    now = timezone.localtime()
    data = data.copy()
    parts = [str(now.day), str(now.month), str(now.year)]
    if how == "now":
        parts.append(now.strftime("%H:%M"))
    elif not any(f"{html_name}_{i}" in data for i in range(4)) and data.get(html_name):
        data[f"{html_name}_3"] = split_datetime_text(str(data[html_name]))[3]
    for index, value in enumerate(parts):
        data[f"{html_name}_{index}"] = value
    return data


def hide_errors(form: forms.Form) -> None:
    """Validate the form but show no messages: for re-renders that are not a submission."""
    form.errors  # noqa: B018 - runs full_clean once
    form._errors = ErrorDict()  # noqa: SLF001


def error_anchor(field: forms.BoundField) -> str:
    """The id the error summary links to: the first box of a date, the first radio or checkbox, else the field."""
    if field.widget_type in ("govukdate", "govukdatetime"):
        data = field.form.errors.as_data().get(field.name, [])
        parts = data[0].params.get("parts", ()) if data and data[0].params else ()
        names = (*PART_NAMES, "time")
        index = names.index(parts[0]) if parts and parts[0] in names else 0
        return f"{field.auto_id}_{index}"
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return str(field.auto_id)


ErrorPart = forms.Form | tuple[forms.Form, Sequence[str]]


def error_summary_items(parts: Iterable[ErrorPart]) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary, one per field, in the order given.

    Each part is a form (its fields in order) or (form, field names) for pages that show one form's
    fields in several places, with other forms between them.
    """
    items: list[tuple[str, str]] = []
    seen: set[int] = set()
    for part in parts:
        form, names = part if isinstance(part, tuple) else (part, None)
        if id(form) not in seen:
            seen.add(id(form))
            items.extend(("main-content", str(error)) for error in form.non_field_errors())
        for name in names if names is not None else form.fields:
            if name in form.errors and name in form.fields:
                items.append((error_anchor(form[name]), str(form.errors[name][0])))
    return items
