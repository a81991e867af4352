"""R-ACC-2: a user named on a restriction sees the restricted child on the contact page; the page asks the
access module, not the record's flag. Everyone else gets "not found" for the contact."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as acs
from frontdoor.contacts.page_selectors import contact_page_records
from frontdoor.contacts.services import ChildInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(record, manager, officer):  # noqa: ANN001, ANN201
    """Two contacts about Alfie (the earlier one in his history), then his record locked down to the officer."""
    earlier = record(received_at=timezone.now() - datetime.timedelta(days=3))
    person = earlier.people.get().person
    contact = record(children=[ChildInput(person_id=person.pk)])
    acs.access_restrict(person=person, by=manager, reason="Sensitive.", manager=manager, named=[officer])
    return contact, person


def test_r_acc_2_a_named_user_sees_the_restricted_child_on_the_contact_page(restricted, officer, client) -> None:
    contact, person = restricted
    client.force_login(officer)
    page = client.get(reverse("contacts:detail", args=[contact.reference])).content.decode()
    assert "Restricted record" not in page
    assert f'href="{reverse("people:detail", args=[person.pk])}"' in page
    assert page.count("Alfie Smith") >= 2  # the child's card and the earlier contact in the history
    assert "27 March 2015" in page
    assert ">Restricted</strong>" in page  # told the record is locked down
    screening = client.get(reverse("contacts:screening", args=[contact.reference])).content.decode()
    assert "Restricted record" not in screening
    assert "Alfie Smith" in screening


def test_r_acc_2_a_user_not_named_gets_not_found_and_the_page_would_hide_the_child(
    restricted, social_worker, client
) -> None:
    contact, person = restricted
    client.force_login(social_worker)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    # were the contact shown (it is not), the page's own reads would show the child as "Restricted record"
    assert contact_page_records(user=social_worker, contact=contact)["hidden"] == {person.pk}
