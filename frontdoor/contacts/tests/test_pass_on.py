"""A contact about an open case goes to the allocated team, which is told and acknowledges it (R-ROUTE-1)."""

import datetime

import pytest

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services
from frontdoor.contacts.models import Status
from frontdoor.contacts.selectors import queue_contacts
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.decisions.routing import open_case_routings
from frontdoor.notices.models import Notice
from frontdoor.notices.selectors import unread_notices
from frontdoor.notices.services import notice_mark_read
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


def child(given: str, team: str = "", worker: str = "") -> Person:
    return Person.objects.create(
        given_names=given,
        family_name="Cole",
        family_name_norm="cole",
        date_of_birth=datetime.date(2014, 5, 1),
        open_case=bool(team),
        allocated_worker=worker,
        allocated_team_key=team,
    )


@pytest.fixture
def team_cla(make_user):  # noqa: ANN001, ANN201
    worker = make_user(Role.DUTY_SOCIAL_WORKER, username="jworker", team_key="cla")
    worker.first_name, worker.last_name = "Jo", "Worker"
    worker.save()
    manager = make_user(Role.TEAM_MANAGER, username="cla-manager", team_key="cla")
    other_manager = make_user(Role.TEAM_MANAGER, username="other-manager", team_key="disability")
    return worker, manager, other_manager


def test_r_route_1_pass_on_is_refused_when_no_child_has_an_open_case(record, officer) -> None:
    contact = record()
    with pytest.raises(ServiceError, match="No child on this contact has an open case") as raised:
        services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="Open case")
    assert raised.value.field == "team_key"
    contact.refresh_from_db()
    assert contact.status == Status.RECEIVED


def test_r_route_1_pass_on_is_refused_to_a_team_without_the_open_case(record, officer) -> None:
    mia = child("Mia", team="cla", worker="Jo Worker")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    with pytest.raises(ServiceError, match="Children in Care Team"):
        services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="disability", reason="x")


def test_r_route_1_every_child_with_an_open_case_is_considered(record, officer) -> None:
    ann, mia, leo = child("Ann"), child("Mia", team="cla"), child("Leo", team="disability", worker="Sam Lee")
    contact = record(children=[services.ChildInput(person_id=p.pk) for p in (ann, mia, leo)])
    assert [r.team_key for r in open_case_routings(contact)] == ["cla", "disability"]
    contact = services.contact_pass_to_allocated_team(
        contact=contact, by=officer, team_key="disability", reason="Leo's worker needs this"
    )
    assert contact.team_key == "disability"
    assert AuditEvent.objects.get(action="contact.passed_on").detail["children"] == [leo.pk]


def test_r_route_1_passed_on_contact_stays_in_the_teams_queue_until_someone_there_acknowledges_it(
    record, officer, team_cla
) -> None:
    worker, manager, other_manager = team_cla
    mia = child("Mia", team="cla", worker="Jo Worker")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    contact = services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="New info")
    assert contact.status == Status.PASSED_ON
    assert contact in queue_contacts(user=worker, queue="team", filters={})
    assert contact not in queue_contacts(user=other_manager, queue="team", filters={})
    with pytest.raises(PermissionDenied, match="Only someone in Children in Care Team"):
        services.contact_acknowledge_receipt(contact=contact, by=other_manager)
    with pytest.raises(PermissionDenied):
        services.contact_acknowledge_receipt(contact=contact, by=officer)  # no team
    contact = services.contact_acknowledge_receipt(contact=contact, by=worker)
    assert contact.status == Status.TEAM_ACKNOWLEDGED
    assert contact.team_acknowledged_by == worker
    assert contact.team_acknowledged_at is not None
    assert contact not in queue_contacts(user=worker, queue="team", filters={})
    assert AuditEvent.objects.filter(action="contact.team_acknowledged").count() == 1
    with pytest.raises(ServiceError):
        services.contact_acknowledge_receipt(contact=contact, by=worker)


def test_r_route_1_the_allocated_worker_and_their_manager_are_told(record, officer, team_cla) -> None:
    worker, manager, other_manager = team_cla
    mia = child("Mia", team="cla", worker="  jo   WORKER ")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="Mum called")
    told = {n.recipient: n.why for n in Notice.objects.filter(contact=contact)}
    assert told == {worker: Notice.Why.ALLOCATED_WORKER, manager: Notice.Why.TEAM_MANAGER}
    notice = Notice.objects.get(recipient=worker)
    assert contact.reference in notice.subject
    assert "Mia Cole" in notice.body
    assert "Mum called" in notice.body
    assert notice.emailed_at is None  # waiting for an outbox
    event = AuditEvent.objects.get(action="contact.passed_on")
    assert {t["user"] for t in event.detail["told"]} == {"jworker", "cla-manager"}


def test_r_route_1_an_unmatched_worker_name_leaves_the_manager_to_pass_it_on(record, officer, team_cla) -> None:
    worker, manager, _ = team_cla
    mia = child("Mia", team="cla", worker="Pat Nobody")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="New info")
    notice = Notice.objects.get()
    assert notice.recipient == manager
    assert "No account in Children in Care Team matches Pat Nobody" in notice.body


def test_r_route_1_a_notice_is_marked_read_only_by_its_recipient(record, officer, team_cla) -> None:
    worker, manager, _ = team_cla
    mia = child("Mia", team="cla", worker="Jo Worker")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="New info")
    notice = unread_notices(worker).get()
    with pytest.raises(PermissionDenied):
        notice_mark_read(notice=notice, by=manager)
    notice_mark_read(notice=notice, by=worker)
    assert not unread_notices(worker).exists()
    assert unread_notices(manager).count() == 1


def test_r_route_1_the_team_is_told_on_its_queue_and_acknowledges_from_the_contact_page(
    client, record, officer, team_cla
) -> None:
    worker, _, _ = team_cla
    mia = child("Mia", team="cla", worker="Jo Worker")
    contact = record(children=[services.ChildInput(person_id=mia.pk)])
    client.force_login(officer)
    form = client.get(f"/contacts/{contact.reference}/pass-on/?team_key=cla").content.decode()
    assert "Children in Care Team" in form
    assert "Disability Social Care" not in form
    response = client.post(f"/contacts/{contact.reference}/pass-on/", {"team_key": "cla", "reason": "Mum called"})
    assert response.status_code == 302
    client.force_login(worker)
    queue = client.get("/contacts/?queue=team").content.decode()
    assert "For you" in queue
    assert contact.reference in queue
    page = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Acknowledge receipt for your team" in page
    assert client.post(f"/contacts/{contact.reference}/acknowledge-receipt/").status_code == 302
    contact.refresh_from_db()
    assert contact.status == Status.TEAM_ACKNOWLEDGED
    notice = Notice.objects.get(recipient=worker)
    assert client.post(f"/notices/{notice.pk}/read/").status_code == 302
    assert "For you" not in client.get("/contacts/?queue=team").content.decode()
