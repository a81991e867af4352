"""The "Record a contact" form under pressure: every error at once in page order, one message per field,
dates and times in boxes with "Now", conditional reveals and keeping the worker's place."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.contacts.models import Contact
from frontdoor.contacts.testing import contact_form_data

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def signed_in(client, officer):  # noqa: ANN001, ANN201
    client.force_login(officer)
    return client


def summary(page: str) -> list[tuple[str, str]]:
    """(link target, message) of each item of the error summary, in order."""
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    assert match, "no error summary"
    return [(a, html.unescape(m)) for a, m in re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', match.group(0))]


def assert_summary_in_page_order(page: str) -> list[str]:
    """Every link of the summary goes to an element of the page, in the order they appear on it."""
    items = summary(page)
    assert page.count('class="govuk-error-summary"') == 1
    positions = []
    for anchor, message in items:
        assert f'id="{anchor}"' in page, anchor
        positions.append(page.index(f'id="{anchor}"'))
        assert html.unescape(page).count(message) == 2, message  # in the summary, and once beside its field
    assert positions == sorted(positions), items
    return [message for _, message in items]


def test_every_error_on_the_page_is_in_one_summary_in_page_order(signed_in) -> None:
    data = contact_form_data(
        **{
            "referrer_agency": "",  # professional: agency needed
            "child-0-date_of_birth_1": "13",  # not a month
            "child-1-given_names": "Tom",  # a second child with no family name
            "person-0-given_names": "Kerry",  # a person with no role or family name
            "reason": "",
            "parents_aware": "no",  # with no reason why not
            "consent_given_by": "",  # consent obtained from no one
        }
    )
    data.pop("received_at")
    data.update({"received_at_0": "24", "received_at_1": "11", "received_at_2": "2026", "received_at_3": "25:00"})
    page = signed_in.post("/contacts/new/", data).content.decode()
    assert Contact.objects.count() == 0
    assert assert_summary_in_page_order(page) == [
        "The time the contact was received must be like 14:30",
        "Enter the professional's agency",
        "Date of birth must be a real date",
        "Enter the child's family name, or 'Not known'",
        "Select the person's role",
        "Enter the person's family name, or 'Not known'",
        "Enter why they are contacting us",
        "Say why the parents have not been told",
        "Enter who gave consent",
    ]
    assert "<title>Error: " in page


def test_a_missing_child_is_reported_with_the_other_errors(signed_in) -> None:
    blank = {f"child-0-{k}": "" for k in ("given_names", "family_name", "date_of_birth_0", "date_of_birth_1")}
    blank["child-0-date_of_birth_2"] = ""
    page = signed_in.post("/contacts/new/", contact_form_data(reason="", **blank)).content.decode()
    assert assert_summary_in_page_order(page) == [
        "Enter the details of at least one child",
        "Enter why they are contacting us",
    ]


@pytest.mark.parametrize(
    ("typed", "message", "not_also"),
    [
        ({"child-0-date_of_birth_0": "x"}, "must be a real date", "Enter the"),
        (
            {
                "child-0-is_unborn": "on",
                "child-0-given_names": "",
                "child-0-date_of_birth_0": "",
                "child-0-date_of_birth_1": "",
                "child-0-date_of_birth_2": "",
                "child-0-expected_delivery_date_0": "40",
                "child-0-expected_delivery_date_1": "1",
                "child-0-expected_delivery_date_2": "2027",
            },
            "Expected date of delivery must be a real date",
            "Enter the expected date of delivery",
        ),
        ({"referrer_name": "x" * 200}, "120 characters or fewer", "Enter the referrer's name"),
        ({"consent_given_by": "x" * 200}, "120 characters or fewer", "Enter who gave consent"),
    ],
)
def test_a_format_error_never_comes_with_a_second_enter_message(signed_in, typed, message, not_also) -> None:  # noqa: ANN001
    page = signed_in.post("/contacts/new/", contact_form_data(**typed)).content.decode()
    messages = assert_summary_in_page_order(page)
    assert len(messages) == 1
    assert message in messages[0]
    assert not_also not in page


def test_an_expected_date_is_ignored_for_a_child_who_is_not_unborn(signed_in) -> None:
    data = contact_form_data(**{"child-0-expected_delivery_date_0": "99"})
    assert signed_in.post("/contacts/new/", data).status_code == 302


@time_machine.travel(datetime.datetime(2026, 11, 24, 9, 47, tzinfo=LONDON), tick=False)
def test_now_fills_the_time_received_and_nothing_typed_is_lost(signed_in) -> None:
    data = contact_form_data(reason="Typed before pressing Now", action="now:received_at")
    data.pop("received_at")
    data.update({"received_at_0": "", "received_at_1": "", "received_at_2": "", "received_at_3": ""})
    response = signed_in.post("/contacts/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert Contact.objects.count() == 0
    assert "There is a problem" not in page
    assert "govuk-error-message" not in page
    for box, value in enumerate(("24", "11", "2026", "09:47")):
        assert f'id="id_received_at_{box}" name="received_at_{box}" type="text"' in page
        assert re.search(rf'id="id_received_at_{box}"[^>]*value="{value}"', page)
    assert "Typed before pressing Now" in page
    assert 'value="Bella"' in page
    data.update({"received_at_0": "24", "received_at_1": "11", "received_at_2": "2026", "received_at_3": "09:47"})
    data["action"] = "record"
    assert signed_in.post("/contacts/new/", data).status_code == 302
    assert Contact.objects.get().received_at == datetime.datetime(2026, 11, 24, 9, 47, tzinfo=LONDON)


def test_the_date_and_time_are_boxes_in_uk_order_with_now_and_today(signed_in) -> None:
    page = signed_in.get("/contacts/new/").content.decode()
    assert "datetime-local" not in page
    labels = re.findall(
        r'<label class="govuk-label govuk-date-input__label" for="id_received_at_\d">(\w+)</label>', page
    )
    assert labels == ["Day", "Month", "Year", "Time"]
    assert 'name="action" value="now:received_at" formaction="#id_received_at-group"' in page
    assert 'name="action" value="today:received_at"' in page
    assert 'id="id_received_at-group"' in page


@time_machine.travel(datetime.datetime(2026, 11, 24, 10, 30, tzinfo=LONDON), tick=False)
def test_now_on_another_form_fills_without_saving(signed_in, record) -> None:
    contact = record(suspected_crime=True)
    url = f"/contacts/{contact.reference}/police-notified/"
    response = signed_in.post(url, {"action": "now:at", "to": ""})
    assert response.status_code == 200
    assert re.search(r'id="id_at_3"[^>]*value="10:30"', response.content.decode())
    contact.refresh_from_db()
    assert contact.police_notified_at is None
    response = signed_in.post(url, {"at_0": "24", "at_1": "11", "at_2": "2026", "at_3": "10:20"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.police_notified_at == datetime.datetime(2026, 11, 24, 10, 20, tzinfo=LONDON)


def test_a_professionals_details_are_revealed_only_for_a_professional(signed_in) -> None:
    page = signed_in.get("/contacts/new/").content.decode()
    radio = re.search(r'<input[^>]*name="referrer_kind"[^>]*value="professional"[^>]*>', page).group(0)
    assert 'data-aria-controls="referrer-professional"' in radio
    reveal = re.search(
        r'<div class="([^"]*)" id="referrer-professional">(.*?)</div>\s*<div class="govuk-radios__item"', page, re.S
    )
    assert "govuk-radios__conditional--hidden" in reveal.group(1)  # hidden until chosen (shown without JavaScript)
    for name in ("referrer_agency", "referrer_agency_kind", "referrer_role"):
        assert f'name="{name}"' in reveal.group(2)
    assert 'name="referrer_name"' not in reveal.group(2)
    chosen = signed_in.post("/contacts/new/", contact_form_data(action="search")).content.decode()
    assert re.search(r'<div class="govuk-radios__conditional" id="referrer-professional">', chosen)


def test_an_expected_date_is_revealed_by_unborn_and_other_details_by_their_answer(signed_in) -> None:
    page = signed_in.get("/contacts/new/").content.decode()
    assert 'data-aria-controls="child-0-unborn"' in page
    assert re.search(r'id="child-0-unborn">.*?name="child-0-expected_delivery_date_0"', page, re.S)
    assert re.search(r'id="parents-not-told">.*?name="parents_not_told_reason"', page, re.S)
    assert re.search(r'id="domestic-abuse-details">.*?name="da_risk_tool"', page, re.S)
    assert re.search(r'id="anonymity-warning">.*?name="anonymity_warning_given"', page, re.S)


def test_the_second_child_waits_behind_add_another_child(signed_in) -> None:
    page = signed_in.get("/contacts/new/").content.decode()
    assert '<div id="child-0">' in page
    assert '<div id="child-1" data-app-spare="child">' in page  # hidden by the script; shown without it
    assert 'data-app-add="child"' in page
    typed = signed_in.post("/contacts/new/", contact_form_data(**{"child-1-given_names": "Tom", "action": "search"}))
    assert '<div id="child-1">' in typed.content.decode()
    added = signed_in.post("/contacts/new/", contact_form_data(child_slots="2", action="add-child")).content.decode()
    assert '<div id="child-2">' in added
    assert "data-app-spare" not in added
    assert 'formaction="#child-3"' in added  # the next "Add another child" goes to the slot it adds


def test_checking_the_person_index_returns_to_the_same_child(signed_in, record) -> None:
    record()  # Alfie Smith
    page = signed_in.get("/contacts/new/").content.decode()
    assert 'value="search" formaction="#child-0"' in page
    assert 'value="search" formaction="#child-1"' in page
    assert 'value="search" formaction="#person-0"' in page
    data = contact_form_data(**{"child-1-given_names": "Alfie", "child-1-family_name": "Smith", "action": "search"})
    page = signed_in.post("/contacts/new/", data).content.decode()
    second = page[page.index('<div id="child-1">') : page.index('<div id="person-0">')]
    assert "Possible matches" in second
    assert "There is a problem" not in page
