"""R-CHK-1, R-INT-9: the contact form searches the person index on a date of birth in the future (a
baby's year typed one too high, an unborn child's expected date) instead of refusing it first."""

import datetime

import pytest
import time_machine

from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import ChildInput
from frontdoor.contacts.testing import contact_form_data
from frontdoor.people.models import MatchLabel

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)


@time_machine.travel(NOW, tick=False)
def test_r_chk_1_a_future_date_of_birth_is_searched_and_a_record_found_can_be_chosen(client, officer, record) -> None:  # noqa: ANN001
    record([ChildInput(given_names="Ivy", family_name="Okafor", date_of_birth=datetime.date(2026, 10, 9), sex="F")])
    client.force_login(officer)
    typed = {
        "child-0-given_names": "Ivy",
        "child-0-family_name": "Okafor",
        "child-0-date_of_birth_0": "9",
        "child-0-date_of_birth_1": "10",
        "child-0-date_of_birth_2": "2027",
    }
    page = client.post("/contacts/new/", contact_form_data(**typed, action="search")).content.decode()
    assert "Possible matches" in page
    assert "is in the future: it was compared with expected dates" in page
    # Recorded as a new child, the future date is refused next to the field; chosen, the record is linked.
    page = client.post("/contacts/new/", contact_form_data(**typed)).content.decode()
    assert "Date of birth is in the future" in page
    assert Contact.objects.count() == 1
    ivy = Contact.objects.get().people.get().person
    response = client.post("/contacts/new/", contact_form_data(**typed, **{"child-0-person_id": str(ivy.pk)}))
    assert response.status_code == 302
    assert Contact.objects.latest("pk").people.get().person == ivy
    # The form passes what was typed along with the choice: the pick is a labelled pair for training.
    label = MatchLabel.objects.get()
    assert (label.source, label.same, label.person) == (MatchLabel.Source.PICKED, True, ivy)
    assert label.query["date_of_birth"] == "2027-10-09"


@time_machine.travel(NOW, tick=False)
def test_r_int_9_an_unborn_childs_expected_date_is_searched(client, officer, record) -> None:  # noqa: ANN001
    expected = datetime.date(2027, 4, 20)
    record([ChildInput(family_name="Adeyemi", is_unborn=True, expected_delivery_date=expected, sex="U")])
    client.force_login(officer)
    typed = {
        "child-0-given_names": "",
        "child-0-family_name": "Adeyemi",
        "child-0-date_of_birth_0": "",
        "child-0-date_of_birth_1": "",
        "child-0-date_of_birth_2": "",
        "child-0-is_unborn": "on",
        "child-0-expected_delivery_date_0": "20",
        "child-0-expected_delivery_date_1": "4",
        "child-0-expected_delivery_date_2": "2027",
        "action": "search",
    }
    page = client.post("/contacts/new/", contact_form_data(**typed)).content.decode()
    assert "Possible matches" in page
    assert "unborn, due 20 Apr 2027" in page
