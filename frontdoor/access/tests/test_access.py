"""Who may see and do what (R-ACC-1, R-CON-8); the matrix over every page is test_matrix.py."""

import pytest

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs

pytestmark = pytest.mark.django_db

# Every page × every role × every kind of record is asked in test_matrix.py.


def test_superuser_flag_grants_nothing_on_case_records(client, make_user, record) -> None:
    contact = record()
    admin = make_user(Role.SYSTEM_ADMIN, is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(f"/contacts/{contact.reference}/").status_code == 404


def test_r_acc_1_every_view_of_a_contact_and_a_person_is_logged(client, record, officer) -> None:
    contact = record()
    client.force_login(officer)
    client.get(f"/contacts/{contact.reference}/")
    client.get(f"/people/{contact.people.get().person_id}/")
    assert AuditEvent.objects.filter(action="viewed", object_type="contacts.contact", actor=officer).count() == 1
    assert AuditEvent.objects.filter(action="viewed", object_type="people.person", actor=officer).count() == 1


def test_r_con_8_partner_never_sees_a_non_professional_referrer(client, make_user, record, officer) -> None:
    contact = record(
        referrer_kind="family_member",
        referrer_name="Auntie Val Secret",
        referrer_agency="",
        consent_status="obtained",
        consent_given_by="Mum",
    )
    check = cs.agency_check_request(contact=contact, by=officer, agency="police")
    partner = make_user(Role.MASH_PARTNER, agency="police")
    client.force_login(partner)
    assert client.get(f"/contacts/{contact.reference}/").status_code == 404
    page = client.get(f"/contacts/{contact.reference}/checks/{check.pk}/respond/").content.decode()
    assert "Auntie Val Secret" not in page
    client.force_login(officer)
    assert "Auntie Val Secret" in client.get(f"/contacts/{contact.reference}/").content.decode()


def test_r_route_3_partner_answers_only_a_check_for_their_agency(client, make_user, record, officer) -> None:
    contact = record(consent_status="obtained", consent_given_by="Mum")
    partner = make_user(Role.MASH_PARTNER, agency="health")
    client.force_login(partner)
    check = cs.agency_check_request(contact=contact, by=officer, agency="health")
    # The check opens its own page; the contact itself stays closed to the partner.
    assert client.get(f"/contacts/{contact.reference}/").status_code == 404
    assert client.get(f"/contacts/{contact.reference}/checks/{check.pk}/respond/").status_code == 200
    response = client.post(f"/contacts/{contact.reference}/checks/{check.pk}/respond/", {"response": "Known to the GP"})
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.response == "Known to the GP"
    assert check.responded_by == partner


@pytest.mark.parametrize("outcome", ["strategy_discussion", "single_assessment_strategy", "cfa"])
def test_business_support_see_no_contact_itself(make_user, record, manager, outcome) -> None:  # noqa: ANN001
    """002 s6: business support organise and minute strategy meetings and see only those, through the
    meeting's own page (frontdoor.strategy); not the contact, even one going to a strategy discussion."""
    from django.utils import timezone

    from frontdoor.access.policy import contacts_visible_to
    from frontdoor.decisions.models import ThresholdDecision

    contact = record()
    child = contact.people.get(role="subject").person
    ThresholdDecision.objects.create(
        contact=contact,
        child=child,
        need_level="significant_harm",
        outcome=outcome,
        rating="red",
        rationale="Strategy discussion needed.",
        authorised_by=manager,
        authorised_at=timezone.now(),
    )
    assert not contacts_visible_to(make_user(Role.BUSINESS_SUPPORT)).filter(pk=contact.pk).exists()
