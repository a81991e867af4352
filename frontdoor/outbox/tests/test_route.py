"""R-ROUTE-1: when a contact is passed on, the allocated worker and their manager are emailed too, in the
same transaction as the notice, and the notice records when its email was sent."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services
from frontdoor.core.errors import ServiceError
from frontdoor.notices.models import Notice
from frontdoor.outbox.delivery import deliver
from frontdoor.outbox.models import OutboxMessage
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


def _child(team: str, worker: str) -> Person:
    return Person.objects.create(
        given_names="Mia",
        family_name="Cole",
        family_name_norm="cole",
        date_of_birth=datetime.date(2014, 5, 1),
        open_case=bool(team),
        allocated_worker=worker,
        allocated_team_key=team,
    )


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    worker = make_user(
        Role.DUTY_SOCIAL_WORKER, username="jworker", team_key="cla", email="jo.worker@cambridgeshire.gov.uk"
    )
    worker.first_name, worker.last_name = "Jo", "Worker"
    worker.save()
    manager = make_user(Role.TEAM_MANAGER, username="cla-manager", team_key="cla", email="")
    return worker, manager


def test_r_route_1_the_worker_and_manager_are_emailed_with_the_notice(record, officer, team, mail_server) -> None:  # noqa: ANN001
    worker, manager = team
    contact = record(children=[services.ChildInput(person_id=_child("cla", "Jo Worker").pk)])
    services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="Mum called")
    emails = {m.recipient: m for m in OutboxMessage.objects.all()}
    assert set(emails) == {worker, manager}
    notice = Notice.objects.get(recipient=worker)
    assert (emails[worker].subject, emails[worker].body) == (notice.subject, notice.body)
    assert emails[worker].about == notice
    assert emails[worker].about_label == f"Contact {contact.reference}"
    assert emails[worker].status == OutboxMessage.Status.PENDING
    # R-CON-7: the manager has no email address: held for a person to tell them another way.
    assert emails[manager].status == OutboxMessage.Status.HELD
    mail_server.start()
    deliver()
    assert [m["Subject"] for m in mail_server.recorder.messages] == [notice.subject]
    notice.refresh_from_db()
    assert notice.emailed_at is not None
    assert notice.emailed_at <= timezone.now()
    assert Notice.objects.get(recipient=manager).emailed_at is None


def test_r_route_1_no_email_when_passing_on_is_refused(record, officer, team) -> None:  # noqa: ANN001
    contact = record(children=[services.ChildInput(person_id=_child("", "").pk)])
    with pytest.raises(ServiceError):
        services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="Mum called")
    assert not OutboxMessage.objects.exists()
