"""The head of service records their own consultation (R-INT-7, 002; R-DEC-7, 001), and the threshold
decision accepts it in place of naming the person consulted."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise, head_of_service_consultation_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(record, officer):  # noqa: ANN001, ANN201
    def make(**fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", "amber")
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Mum")
        contact = record(**fields)
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
        return cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )

    return make


@pytest.fixture
def head(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.HEAD_OF_SERVICE)


def _consult(contact, head, about="staff", minutes_ago=2, advice="Ask the neighbouring authority to assess."):  # noqa: ANN001, ANN201
    return head_of_service_consultation_record(
        contact=contact,
        by=head,
        about=about,
        consulted_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        advice=advice,
    )


def _decide(contact, manager, **child):  # noqa: ANN001, ANN003, ANN201
    person = contact.people.first().person_id
    values = {"need_level": "cin_moderate", "outcome": "cfa", **child}
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating="amber",
        rationale="Assess the family.",
        children=[ChildDecision(person_id=person, opened=True, **values)],
        version=contact.version,
    )


def test_r_int_7_a_recorded_consultation_satisfies_a_staff_related_referral(awaiting, manager, head) -> None:  # noqa: ANN001
    contact = awaiting(staff_related=True)
    with pytest.raises(ServiceError, match="head of service"):
        _decide(contact, manager)
    consultation = _consult(contact, head)
    contact.refresh_from_db()
    made = _decide(contact, manager)
    assert made[0].consultee == head
    assert made[0].head_of_service_consulted == head.display_name
    assert made[0].head_of_service_consulted_at == consultation.consulted_at


def test_r_dec_7_removal_needs_a_consultation_about_removal(awaiting, manager, head) -> None:  # noqa: ANN001
    contact = awaiting(staff_related=True)
    removal = {"need_level": "immediate_protection", "outcome": "immediate_protection", "removal_considered": True}
    _consult(contact, head, about="staff")
    with pytest.raises(ServiceError, match="must be discussed with the head of service"):
        _decide(contact, manager, **removal)
    _consult(contact, head, about="removal", minutes_ago=1, advice="Agree removal under police protection.")
    contact.refresh_from_db()
    made = _decide(contact, manager, **removal)
    assert made[0].consultee == head
    assert made[0].removal_considered


def test_only_the_head_of_service_records_a_consultation(awaiting, manager, officer) -> None:  # noqa: ANN001
    contact = awaiting(staff_related=True)
    for user in (manager, officer):
        with pytest.raises(PermissionDenied):
            _consult(contact, user)


def test_a_consultation_is_audited_once_and_needs_advice_a_past_time_and_a_staff_contact(awaiting, head) -> None:  # noqa: ANN001
    contact = awaiting(staff_related=True)
    with pytest.raises(ServiceError) as blank:
        _consult(contact, head, advice="  ")
    assert blank.value.field == "advice"
    with pytest.raises(ServiceError) as future:
        _consult(contact, head, minutes_ago=-30)
    assert future.value.field == "consulted_at"
    with pytest.raises(ServiceError) as not_staff:
        _consult(awaiting(), head, about="staff")
    assert not_staff.value.field == "about"
    _consult(contact, head)
    events = AuditEvent.objects.filter(action="contact.head_of_service_consulted")
    assert [(e.actor, e.object_id) for e in events] == [(head, str(contact.pk))]


def test_the_head_of_service_records_it_from_the_contact_and_the_manager_sees_the_advice(  # noqa: ANN001
    client, awaiting, head, manager, make_user
) -> None:
    contact = awaiting(staff_related=True)
    client.force_login(head)
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert f"/consultations/{contact.reference}/record/" in page
    form = client.get(f"/consultations/{contact.reference}/record/?about=staff").content.decode()
    assert "What were you consulted about?" in form
    when = timezone.localtime() - datetime.timedelta(minutes=2)
    response = client.post(
        f"/consultations/{contact.reference}/record/",
        {"about": "staff", "consulted_at": when.strftime("%Y-%m-%dT%H:%M"), "advice": "Another area to assess."},
    )
    assert response.status_code == 302
    client.force_login(manager)
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Head of service consulted" in page
    assert "Another area to assess." in page
    assert f"/consultations/{contact.reference}/record/" not in page
    empty = client.post(f"/consultations/{contact.reference}/record/", {"about": "staff"})
    assert empty.status_code == 404  # the form is the head of service's alone


def test_r_int_7_the_decision_page_shows_a_recorded_consultation_near_the_question(  # noqa: ANN001
    client, awaiting, manager, head
) -> None:
    contact = awaiting(staff_related=True)
    client.force_login(manager)
    url = f"/contacts/{contact.reference}/decide/"
    assert "Head of service consultation recorded" not in client.get(url).content.decode()
    _consult(contact, head, advice="Ask the neighbouring authority to assess.")
    page = client.get(url).content.decode()
    shown = page.index("Head of service consultation recorded")
    assert "Ask the neighbouring authority to assess." in page
    assert head.display_name in page[shown:]
    assert "A member of staff" in page[shown:] or "member of staff" in page[shown:].lower()
    # it sits inside the decision form, before the head of service question
    assert page.index('id="decision"') < shown < page.index("Head of service consulted</label>")
