"""The contact pages: recording, bad input, queues and concurrent edits."""

import pytest

from frontdoor.contacts.models import Contact
from frontdoor.contacts.testing import contact_form_data

pytestmark = pytest.mark.django_db


def form_data(**overrides: str) -> dict:
    """Two siblings: Bella (from the shared valid form) and Tom."""
    return contact_form_data(
        **{"child-1-given_names": "Tom", "child-1-family_name": "Jones", "child-1-sex": "M", **overrides}
    )


@pytest.fixture
def signed_in(client, officer):  # noqa: ANN001, ANN201
    client.force_login(officer)
    return client


def test_recording_two_siblings_from_the_form(signed_in) -> None:
    response = signed_in.post("/contacts/new/", form_data())
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.people.count() == 2
    page = signed_in.get(response.url).content.decode()
    assert "Bella Jones" in page
    assert "Tom Jones" in page
    assert "Decision due" in page


def test_double_submit_of_the_form_creates_one_contact(signed_in) -> None:
    data = form_data()
    signed_in.post("/contacts/new/", data)
    signed_in.post("/contacts/new/", data)
    assert Contact.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("child-0-date_of_birth_2", "2099", "Date of birth is in the future"),
        ("child-0-date_of_birth_0", "31", "must be a real date"),  # 31 February
        ("child-0-given_names", "x" * 100_000, "100 characters or fewer"),
        ("reason", "", "Enter why they are contacting us"),
        ("channel", "", "Select how the contact was made"),
        ("child-0-date_of_birth_0", "", "must include a day"),
        ("received_at", "2026-13-45T99:99", "The date the contact was received must be a real date"),
        ("received_at", "2026-11-24T25:99", "The time the contact was received must be like 14:30"),
        ("referrer_email", "not-an-email", "correct format"),
        ("initial_rating", "purple", "valid option"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(signed_in, field, value, message) -> None:  # noqa: ANN001
    overrides = {field: value}
    response = signed_in.post("/contacts/new/", form_data(**overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert Contact.objects.count() == 0
    assert "There is a problem" in page
    assert message in page
    assert "Oak School" in page  # what was typed survives


def test_search_button_checks_the_index_without_saving(signed_in, record) -> None:
    record()  # Alfie Smith, 27/3/2015
    data = form_data(
        **{
            "child-0-given_names": "Alfie",
            "child-0-family_name": "Smith",
            "action": "search",
            "child-0-date_of_birth_0": "27",
            "child-0-date_of_birth_1": "3",
            "child-0-date_of_birth_2": "2015",
        }
    )
    page = signed_in.post("/contacts/new/", data).content.decode()
    assert Contact.objects.count() == 1
    assert "Possible matches" in page
    assert "likely" in page


def test_screening_form_refuses_a_stale_save_and_keeps_the_text(signed_in, record, social_worker) -> None:
    from frontdoor.contacts.services import contact_update

    contact = record()
    page = signed_in.get(f"/contacts/{contact.reference}/screening/")
    assert page.status_code == 200
    contact_update(contact=contact, by=social_worker, version=contact.version, screening_nature="Theirs")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(
        version=contact.version,
        screening_nature="Mine, typed carefully",
        consent_status="not_yet_sought",
        parents_aware="unknown",
        screening_significant_harm="unknown",
        screening_urgent_action="unknown",
    )
    response = signed_in.post(f"/contacts/{contact.reference}/screening/", data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved changes" in text
    assert "Mine, typed carefully" in text
    contact.refresh_from_db()
    assert contact.screening_nature == "Theirs"


def test_queue_filters_and_overdue(signed_in, record) -> None:
    import datetime

    from django.utils import timezone

    record(received_at=timezone.now() - datetime.timedelta(days=5), initial_rating="red")
    record(initial_rating="blue")
    assert signed_in.get("/contacts/?queue=duty").context["total"] == 2
    assert signed_in.get("/contacts/?queue=duty&overdue=on").context["total"] == 1
    assert signed_in.get("/contacts/?queue=duty&rating=blue").context["total"] == 1
    assert "overdue" in signed_in.get("/contacts/").content.decode()


def test_illegal_transition_from_a_stale_page_gets_a_message_not_a_500(signed_in, record) -> None:
    contact = record()
    signed_in.post(f"/contacts/{contact.reference}/start-screening/")
    response = signed_in.post(f"/contacts/{contact.reference}/start-screening/", follow=True)
    assert response.status_code == 200
    assert "This contact is already being screened." in response.content.decode()


def test_creating_a_child_despite_a_likely_match_needs_a_reason_and_is_audited(signed_in, record) -> None:
    from frontdoor.audit.models import AuditEvent
    from frontdoor.people.models import DistinctPair, Person

    existing = record().people.get().person  # Alfie Smith, 27/3/2015
    child = {
        "child-0-given_names": "Alfie",
        "child-0-family_name": "Smith",
        "child-0-date_of_birth_0": "27",
        "child-0-date_of_birth_1": "3",
        "child-0-date_of_birth_2": "2015",
        "child-0-sex": "M",
    }
    response = signed_in.post("/contacts/new/", contact_form_data(**child))
    assert response.status_code == 200
    assert "A likely match is already in the index" in response.content.decode()
    assert Contact.objects.count() == 1

    response = signed_in.post(
        "/contacts/new/", contact_form_data(**child, **{"child-0-not_same_reason": "Lives in Leeds"})
    )
    assert response.status_code == 302
    assert Person.objects.filter(given_names="Alfie").count() == 2
    event = AuditEvent.objects.get(action="person.created_despite_likely_match")
    assert event.detail == {"not_same_as": [existing.pk], "reason": "Lives in Leeds"}
    # ... and the pair is recorded as different people, so the duplicates list does not offer it again.
    new = Person.objects.filter(given_names="Alfie").exclude(pk=existing.pk).get()
    pair = DistinctPair.objects.get()
    assert (pair.first_id, pair.second_id, pair.reason) == (existing.pk, new.pk, "Lives in Leeds")

    response = signed_in.post("/contacts/new/", contact_form_data(**child, **{"child-0-person_id": str(existing.pk)}))
    assert response.status_code == 302
    assert Contact.objects.order_by("-pk").first().people.get().person == existing
