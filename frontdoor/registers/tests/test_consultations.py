"""R-CONS-1: professional consultations, a confidential log kept off children's records, that can become a contact."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.access.policy import consultations_visible_to
from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import ChildInput
from frontdoor.contacts.testing import contact_form_data
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.people.models import Person
from frontdoor.people.selectors import people_search
from frontdoor.registers.models import Consultation
from frontdoor.registers.services import consultation_convert, consultation_record, consultation_record_advice

pytestmark = pytest.mark.django_db

CONTACT = {
    "received_at": timezone.now(),
    "channel": "phone",
    "referrer_kind": "professional",
    "referrer_name": "Priya Nurse",
    "referrer_agency": "Oak Primary School",
    "reason": "Hungry at school.",
}
ADVICE = "Talk to the parents about a referral to the Early Help Hub; call back if the marks recur."


def consult(by, **overrides) -> Consultation:  # noqa: ANN001
    values = {
        "by": by,
        "consulted_at": timezone.now() - datetime.timedelta(minutes=30),
        "professional_name": "Priya Nurse",
        "professional_role": "School nurse",
        "agency": "Oak Primary School",
        "phone": "01223 555 010",
        "child_given_names": "Zebedee",
        "child_family_name": "Quarrington",
        "child_date_of_birth": datetime.date(2017, 5, 4),
        "concern": "Zebedee has come to school hungry three times this week.",
        "caller_told_not_recorded": True,
        "advice": ADVICE,
    }
    values.update(overrides)
    return consultation_record(**values)


def test_r_cons_1_a_consultation_is_logged_with_the_advice_given(officer) -> None:
    consultation = consult(officer)
    assert consultation.advice == ADVICE
    assert consultation.advice_by == officer
    assert AuditEvent.objects.filter(action=AuditAction.CONSULTATION_RECORDED, object_id=str(consultation.pk)).exists()


def test_r_cons_1_the_caller_is_told_it_is_not_on_the_childs_record(officer) -> None:
    with pytest.raises(ServiceError, match="confidential log"):
        consult(officer, caller_told_not_recorded=False)


def test_r_cons_1_advice_can_be_recorded_later_by_whoever_gives_it(officer, manager) -> None:
    consultation = consult(officer, advice="")
    assert consultation.advice_by is None
    consultation = consultation_record_advice(by=manager, consultation=consultation, advice=ADVICE)
    assert (consultation.advice, consultation.advice_by) == (ADVICE, manager)


def test_r_cons_1_the_log_is_seen_by_whoever_took_it_and_the_managers_only(officer, manager, make_user, client) -> None:
    consultation = consult(officer)
    other_officer = make_user(Role.INFORMATION_OFFICER, "officer2")
    allowed = [officer, manager]
    refused = [other_officer, *(make_user(r) for r in (Role.HEAD_OF_SERVICE, Role.BUSINESS_SUPPORT, Role.REFERRER))]
    for user in allowed:
        assert consultation in consultations_visible_to(user)
        client.force_login(user)
        assert client.get(f"/registers/consultations/{consultation.pk}/").status_code == 200
    for user in refused:
        assert consultation not in consultations_visible_to(user)
        client.force_login(user)
        assert client.get(f"/registers/consultations/{consultation.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        consultation_record_advice(by=other_officer, consultation=consultation, advice="No")


def test_r_cons_1_never_in_a_person_search(officer, client) -> None:
    consult(officer)
    assert not Person.objects.exists()
    assert people_search(user=officer, given_names="Zebedee", family_name="Quarrington") == []
    client.force_login(officer)
    page = client.post("/people/", {"given_names": "Zebedee", "family_name": "Quarrington"}).content.decode()
    assert "Quarrington" not in page.replace('value="Quarrington"', "")


def test_r_cons_1_the_contact_form_opens_filled_in_from_the_consultation(officer, client) -> None:
    consultation = consult(officer)
    client.force_login(officer)
    page = client.get(f"/contacts/new/?consultation={consultation.pk}").content.decode()
    for value in ("Priya Nurse", "Oak Primary School", "School nurse", "Zebedee", "Quarrington", consultation.concern):
        assert value in page
    assert f'name="consultation" value="{consultation.pk}"' in page
    assert ADVICE not in page


def test_r_cons_1_converting_links_the_two_records_it_and_keeps_the_advice_off_the_childs_record(
    officer, client
) -> None:
    consultation = consult(officer)
    client.force_login(officer)
    data = contact_form_data(
        consultation=str(consultation.pk),
        referrer_name="Priya Nurse",
        referrer_agency="Oak Primary School",
        reason=consultation.concern,
        **{"child-0-given_names": "Zebedee", "child-0-family_name": "Quarrington"},
    )
    response = client.post("/contacts/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contact = Contact.objects.get()
    consultation.refresh_from_db()
    assert consultation.contact == contact
    assert consultation.converted_by == officer
    event = AuditEvent.objects.get(action=AuditAction.CONSULTATION_CONVERTED)
    assert event.detail["contact"] == contact.reference
    # The contact and the child's record show nothing of the confidential log.
    child = contact.people.get().person
    for url in (f"/contacts/{contact.reference}/", f"/people/{child.pk}/"):
        page = client.get(url).content.decode()
        assert ADVICE not in page
        assert f"/registers/consultations/{consultation.pk}/" not in page
        assert "Priya Nurse" not in page or url.startswith("/contacts/")  # the referrer is on the contact only
    # A second contact cannot be made from the same consultation; the same form sent twice is the same contact.
    child_input = ChildInput(given_names="Zebedee", family_name="Quarrington")
    with pytest.raises(ServiceError, match="already contact"):
        consultation_convert(recorded_by=officer, consultation=consultation, children=[child_input], **CONTACT)
    same = consultation_convert(
        recorded_by=officer,
        consultation=consultation,
        children=[child_input],
        idempotency_key=contact.idempotency_key,
        **CONTACT,
    )
    assert same == contact
    assert Contact.objects.count() == 1


def test_r_cons_1_only_those_who_see_the_consultation_may_convert_it(officer, make_user, client) -> None:
    consultation = consult(officer)
    client.force_login(make_user(Role.DUTY_SOCIAL_WORKER))
    assert client.get(f"/contacts/new/?consultation={consultation.pk}").status_code == 404
