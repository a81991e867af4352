"""R-ACC-1 (002: "searching or viewing"): the searches a page runs by itself are logged like any search,
their terms in the audit detail only and the number of results."""

import pytest
from django.urls import reverse

from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.testing import contact_form_data
from frontdoor.registers.services import checks_request_record

pytestmark = pytest.mark.django_db


def _searches(user, source):  # noqa: ANN001, ANN202
    return list(AuditEvent.objects.filter(action=AuditAction.SEARCHED, actor=user, detail__source=source))


def test_r_acc_1_the_contact_forms_search_for_a_typed_child_is_logged(record, officer, client) -> None:
    record()  # Alfie Smith is in the index
    client.force_login(officer)
    data = contact_form_data(**{"child-0-given_names": "Alfie", "child-0-family_name": "Smith", "action": "search"})
    response = client.post(reverse("contacts:new"), data)
    assert response.status_code == 200
    assert "Alfie" not in response.request["PATH_INFO"]
    (event,) = _searches(officer, "contact form")
    assert event.detail["terms"]["family_name"] == "Smith"
    assert event.detail["terms"]["given_names"] == "Alfie"
    assert event.detail["results"] >= 1
    assert event.object_id == ""  # the terms are in the detail alone


def test_r_acc_1_the_contact_pages_search_for_a_new_record_is_logged(record, officer, client) -> None:
    contact = record()  # the child is a new record, so the page looks for existing ones
    client.force_login(officer)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 200
    (event,) = _searches(officer, "contact page")
    assert event.detail["terms"]["family_name"] == "Smith"
    assert event.detail["results"] == 1  # the child's own record (not offered as a match to itself)


def test_r_acc_1_the_checks_registers_look_up_is_logged(record, officer, client) -> None:
    record()
    request = checks_request_record(
        by=officer,
        agency="CAFCASS",
        caller_name="Chris Guardian",
        caller_role="Family court adviser",
        verification="confirmed",
        active_involvement_confirmed=True,
        child_given_names="Alfie",
        child_family_name="Smith",
    )
    client.force_login(officer)
    assert client.get(reverse("registers:checks-request", args=[request.pk])).status_code == 200
    (event,) = _searches(officer, "checks register")
    assert event.detail["terms"] == {"given_names": "Alfie", "family_name": "Smith"}
    assert event.detail["results"] == 1


def test_r_acc_1_the_merge_pages_search_for_likely_duplicates_is_logged(record, manager, client) -> None:
    person = record().people.get().person
    client.force_login(manager)
    assert client.get(reverse("people:merge", args=[person.pk])).status_code == 200
    (event,) = _searches(manager, "likely duplicates")
    assert event.detail == {"terms": {"like_record": person.pk}, "results": 0, "source": "likely duplicates"}
