"""The GOV.UK date and time input: day, month, year and a time box, read in UK order and London time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms

from frontdoor.core.forms import (
    GovukDateField,
    GovukDateTimeField,
    GovukForm,
    error_summary_items,
    parse_time,
    split_datetime_text,
)

LONDON = ZoneInfo("Europe/London")


class Example(GovukForm):
    at = GovukDateTimeField(label="When was the contact received?", what="the contact was received")
    born = GovukDateField(label="Date of birth", required=False)
    name = forms.CharField(required=False)

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if not data.get("born"):
            self.add_error("born", "Enter the date of birth")
        return data


def boxes(day: str = "24", month: str = "11", year: str = "2026", time: str = "14:30", **more: str) -> dict:
    return {
        "at_0": day,
        "at_1": month,
        "at_2": year,
        "at_3": time,
        "born_0": "1",
        "born_1": "2",
        "born_2": "2016",
    } | more


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", (14, 30)),
        ("14.30", (14, 30)),
        ("1430", (14, 30)),
        ("14 30", (14, 30)),
        ("930", (9, 30)),
        ("9", (9, 0)),
        ("2.30pm", (14, 30)),
        ("2:30 PM", (14, 30)),
        ("2pm", (14, 0)),
        ("12am", (0, 0)),
        ("12pm", (12, 0)),
        ("11.05 a.m.", (11, 5)),
        ("midday", (12, 0)),
        ("midnight", (0, 0)),
        ("00:00", (0, 0)),
    ],
)
def test_a_time_is_read_as_a_worker_types_it(typed: str, expected: tuple[int, int]) -> None:
    assert parse_time(typed) == datetime.time(*expected)


@pytest.mark.parametrize("typed", ["25:00", "14:60", "13pm", "0am", "half two", "14:3", "1:2:3", ""])
def test_a_time_that_is_not_a_time_is_refused(typed: str) -> None:
    assert parse_time(typed) is None


def test_date_and_time_become_an_aware_london_datetime() -> None:
    form = Example(boxes(time="2.30pm"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == datetime.datetime(2026, 11, 24, 14, 30, tzinfo=LONDON)
    assert form.cleaned_data["at"].utcoffset() == datetime.timedelta(0)
    summer = Example(boxes(day="1", month="7", time="09:00"))
    assert summer.is_valid()
    assert summer.cleaned_data["at"].astimezone(datetime.UTC).hour == 8  # British Summer Time


def test_the_date_is_in_uk_order_and_a_month_may_be_a_name() -> None:
    form = Example(boxes(day="3", month="Feb", year="2026"))
    assert form.is_valid()
    assert form.cleaned_data["at"].date() == datetime.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("typed", "message", "anchor"),
    [
        ({"at_1": ""}, "The date the contact was received must include a month", "id_at_1"),
        ({"at_0": "", "at_2": ""}, "The date the contact was received must include a day and year", "id_at_0"),
        ({"at_0": "31", "at_1": "2"}, "The date the contact was received must be a real date", "id_at_0"),
        ({"at_2": "26"}, "The date the contact was received must be a real date, with a 4-digit year", "id_at_2"),
        ({"at_3": ""}, "Enter the time the contact was received, like 14:30", "id_at_3"),
        ({"at_3": "25.75"}, "The time the contact was received must be like 14:30", "id_at_3"),
        ({"at_0": "", "at_1": "", "at_2": ""}, "Enter the date the contact was received", "id_at_0"),
        (
            {"at_0": "", "at_1": "", "at_2": "", "at_3": ""},
            "Enter the date and time the contact was received",
            "id_at_0",
        ),
    ],
)
def test_each_bad_part_gets_its_own_message_and_link(typed: dict, message: str, anchor: str) -> None:
    form = Example(boxes(**typed))
    assert not form.is_valid()
    assert form.errors["at"] == [message]
    assert error_summary_items([form]) == [(anchor, message)]


def test_a_badly_typed_date_does_not_also_say_enter_the_date() -> None:
    form = Example(boxes(born_1="13"))
    assert not form.is_valid()
    assert form.errors["born"] == ["Date of birth must be a real date"]  # not also "Enter the date of birth"


def test_a_single_posted_value_is_still_read() -> None:
    """Callers that post one value (2026-11-24T09:30, 24/11/2026 09:30) rather than the four boxes."""
    assert split_datetime_text("2026-11-24T09:30") == ["24", "11", "2026", "09:30"]
    assert split_datetime_text("24/11/2026 9.30am") == ["24", "11", "2026", "9.30am"]
    assert split_datetime_text("2026-07-01 09:30:00+00:00") == ["1", "7", "2026", "10:30"]
    form = Example({"at": "2026-11-24T09:30", "born_0": "1", "born_1": "2", "born_2": "2016"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == datetime.datetime(2026, 11, 24, 9, 30, tzinfo=LONDON)


@time_machine.travel(datetime.datetime(2026, 11, 24, 16, 5, tzinfo=LONDON), tick=False)
def test_now_fills_the_date_and_time_and_keeps_everything_else() -> None:
    form = Example(boxes(day="", month="", year="", time="", name="Kept", action="now:at"))
    assert form.filling == "at"
    assert not form.is_valid()  # not a submission
    assert not form.errors  # and nothing to complain about
    assert form["at"].value() == ["24", "11", "2026", "16:05"]
    assert form["name"].value() == "Kept"


@time_machine.travel(datetime.datetime(2026, 11, 24, 16, 5, tzinfo=LONDON), tick=False)
def test_today_fills_only_the_date() -> None:
    form = Example(boxes(day="", month="", year="", time="09:10", action="today:at"))
    assert form["at"].value() == ["24", "11", "2026", "09:10"]
    assert not form.is_valid()


def test_a_filled_form_submitted_normally_is_valid() -> None:
    assert Example(boxes(action="record")).is_valid()
