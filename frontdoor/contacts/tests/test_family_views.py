"""The family pages: recording a family without JavaScript, adding people later, the young parent's own
contact, the baby born and the decision's services and assessments (R-CHK-1, R-SIB-1, R-INT-8, R-INT-9)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact, ContactPerson, Status
from frontdoor.contacts.testing import contact_form_data
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.people.models import Person
from frontdoor.people.services import person_create

pytestmark = pytest.mark.django_db
Role = ContactPerson.Role


@pytest.fixture
def signed_in(client, officer):  # noqa: ANN001, ANN201
    client.force_login(officer)
    return client


def family_form(**overrides: str) -> dict:
    data = contact_form_data(
        **{
            "child-1-given_names": "Tom",
            "child-1-family_name": "Jones",
            "child-1-sex": "M",
            "child-2-given_names": "Ava",
            "child-2-family_name": "Jones",
            "child-2-sex": "F",
            "child_slots": "3",
            "person-0-role": "parent",
            "person-0-relationship": "Mother",
            "person-0-parental_responsibility": "on",
            "person-0-given_names": "Kerry",
            "person-0-family_name": "Jones",
            "person-0-date_of_birth_0": "3",
            "person-0-date_of_birth_1": "4",
            "person-0-date_of_birth_2": "1991",
            "person-0-sex": "F",
            "requested_level": "s17",
            "staff_risk": "Dog in the house",
        }
    )
    data.update(overrides)
    return data


def test_r_sib_1_the_recording_form_adds_child_slots_without_javascript(signed_in) -> None:
    page = signed_in.get("/contacts/new/").content.decode()
    assert 'name="child-1-given_names"' in page
    assert 'name="child-2-given_names"' not in page
    response = signed_in.post("/contacts/new/", contact_form_data(child_slots="2", action="add-child"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="child-2-given_names"' in page
    assert 'value="Bella"' in page  # typed input survives
    assert Contact.objects.count() == 0


def test_r_chk_1_a_family_of_a_parent_and_three_children_is_recorded_from_the_form(signed_in) -> None:
    response = signed_in.post("/contacts/new/", family_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    contact = Contact.objects.get()
    assert contact.people.filter(role=Role.SUBJECT).count() == 3
    mum = contact.people.get(role=Role.PARENT)
    assert mum.parental_responsibility
    assert mum.relationship == "Mother"
    assert contact.requested_level == "s17"
    page = signed_in.get(response.url).content.decode()
    assert "Parents, carers and others" in page
    assert "Kerry Jones" in page
    assert "Dog in the house" in page
    assert "child in need assessment (section 17)" in page


def test_r_chk_1_a_parent_with_a_likely_match_is_offered_and_can_be_chosen(signed_in, officer) -> None:
    known = person_create(
        created_by=officer, given_names="Kerry", family_name="Jones", date_of_birth=datetime.date(1991, 4, 3), sex="F"
    )
    response = signed_in.post("/contacts/new/", family_form(action="search"))
    page = response.content.decode()
    assert 'name="person-0-person_id"' in page
    assert f'value="{known.pk}"' in page
    response = signed_in.post("/contacts/new/", family_form())
    assert response.status_code == 200
    assert "say why this is not the same person" in response.content.decode()
    response = signed_in.post("/contacts/new/", family_form(**{"person-0-person_id": str(known.pk)}))
    assert response.status_code == 302
    link = Contact.objects.get().people.get(role=Role.PARENT)
    assert link.person == known
    assert link.matched_existing
    assert Person.objects.filter(given_names="Kerry").count() == 1


def test_r_chk_1_other_people_need_a_role(signed_in) -> None:
    response = signed_in.post("/contacts/new/", family_form(**{"person-0-role": ""}))
    assert response.status_code == 200
    assert "Select the person&#x27;s role" in response.content.decode()


def test_r_sib_1_a_child_added_from_the_contact_page(signed_in, record) -> None:
    contact = record()
    page = signed_in.get(f"/contacts/{contact.reference}/").content.decode()
    assert f"/contacts/{contact.reference}/people/add/" in page
    url = f"/contacts/{contact.reference}/people/add/"
    assert signed_in.get(url).status_code == 200
    data = {"role": "subject", "given_names": "Amy", "family_name": "Smith", "sex": "F", "action": "add"}
    response = signed_in.post(url, data)
    assert response.status_code == 302
    assert contact.people.filter(role=Role.SUBJECT).count() == 2
    response = signed_in.post(url, {"role": "", "given_names": "Gary", "family_name": "Smith", "action": "add"})
    assert "Select the person&#x27;s role" in response.content.decode()
    response = signed_in.post(
        url, {"role": "alleged_perpetrator", "given_names": "Gary", "family_name": "Stone", "action": "add"}
    )
    assert response.status_code == 302
    assert contact.people.get(role=Role.ALLEGED_PERPETRATOR).person.family_name == "Stone"


def test_r_int_8_young_parent_referred_and_refusal_recorded_from_the_contact_page(client, record, officer, manager):  # noqa: ANN001, ANN201
    young = cs.PersonInput(
        given_names="Jade",
        family_name="Smith",
        date_of_birth=timezone.localdate() - datetime.timedelta(days=16 * 366),
        role=Role.PARENT,
    )
    contact = record(people=[young])
    link = contact.people.get(role=Role.PARENT)
    client.force_login(officer)
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Parent under 18" in page
    response = client.post(f"/contacts/{contact.reference}/people/{link.pk}/own-contact/")
    own = Contact.objects.exclude(pk=contact.pk).get()
    assert response.url == f"/contacts/{own.reference}/"
    assert own.people.get().person == link.person

    other = record(people=[young])
    other_link = other.people.get(role=Role.PARENT)
    declined = f"/contacts/{other.reference}/people/{other_link.pk}/declined/"
    assert client.get(declined).status_code == 404  # a manager records the refusal
    client.force_login(manager)
    response = client.post(declined, {"reason": "Jade said no to the worker."})
    assert response.status_code == 302
    other_link.refresh_from_db()
    assert other_link.own_assessment_declined_reason == "Jade said no to the worker."


def test_r_int_9_baby_born_from_the_contact_page(signed_in, record) -> None:
    edd = timezone.localdate() + datetime.timedelta(days=5)
    contact = record(children=[cs.ChildInput(family_name="Smith", is_unborn=True, expected_delivery_date=edd)])
    baby = contact.people.get().person
    page = signed_in.get(f"/contacts/{contact.reference}/").content.decode()
    assert f"/people/{baby.pk}/born/" in page
    url = f"/people/{baby.pk}/born/?contact={contact.reference}"
    assert signed_in.get(url).status_code == 200
    born = timezone.localdate()
    response = signed_in.post(url, {"version": baby.version, "sex": "M"})
    assert "Enter the baby&#x27;s date of birth" in response.content.decode()
    data = {
        "version": baby.version,
        "date_of_birth_0": born.day,
        "date_of_birth_1": born.month,
        "date_of_birth_2": born.year,
        "sex": "M",
        "given_names": "Leo",
    }
    response = signed_in.post(url, data)
    assert response.url == f"/contacts/{contact.reference}/"
    baby.refresh_from_db()
    assert (baby.is_unborn, baby.date_of_birth, baby.given_names, baby.expected_delivery_date) == (
        False,
        born,
        "Leo",
        edd,
    )


def test_r_dec_5_services_and_assessments_chosen_on_the_decision_page(client, record, officer, manager) -> None:
    contact = record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum")
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="cfa", recommendation_reason="x"
    )
    child = contact.people.get().person_id
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.reference}/decide/").content.decode()
    assert f'name="assessments_{child}"' in page
    response = client.post(
        f"/contacts/{contact.reference}/decide/",
        {
            "version": contact.version,
            "rating": "amber",
            "rationale": "Assess",
            f"opened_{child}": "on",
            f"need_{child}": "cin_moderate",
            f"outcome_{child}": "cfa",
            f"services_{child}": "Family support",
            f"assessments_{child}": ["paediatric", "parenting"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = ThresholdDecision.objects.get()
    assert decision.specialist_assessments == ["paediatric", "parenting"]
    contact.refresh_from_db()
    assert contact.status == Status.DECIDED
    client.force_login(officer)
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Paediatric or medical assessment" in page
    assert "Family support" in page
