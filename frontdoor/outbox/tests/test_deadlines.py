"""Managers are warned once when a deadline is about to be missed (the worker's scan of frontdoor.core.due)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.core import due
from frontdoor.core.due import DueItem
from frontdoor.outbox.deadlines import KIND, warn_managers
from frontdoor.outbox.links import absolute
from frontdoor.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
ITEMS: list[DueItem] = []


def fake_source(user: object, until: datetime.datetime) -> list[DueItem]:
    return [item for item in ITEMS if item.due_at <= until]


@pytest.fixture
def due_soon(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setattr(due, "SOURCES", [f"{__name__}.fake_source"])
    ITEMS.clear()
    yield ITEMS
    ITEMS.clear()


def _item(minutes: int, label: str = "C-0001 Alfie Smith") -> DueItem:
    return DueItem(kind="Decision", label=label, due_at=NOW + datetime.timedelta(minutes=minutes), url="/contacts/C-1/")


def test_a_manager_is_warned_once_of_each_item_due_within_the_window(due_soon, make_user, settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_DEADLINE_WARNING_MINUTES = 60
    manager = make_user(Role.TEAM_MANAGER, email="pat.manager@cambridgeshire.gov.uk")
    make_user(Role.DUTY_SOCIAL_WORKER, email="sam@cambridgeshire.gov.uk")  # not a manager: not warned
    due_soon.extend([_item(45), _item(-30, "C-0002 Overdue"), _item(90, "C-0003 Later")])
    with time_machine.travel(NOW, tick=False):
        first = warn_managers()
        again = warn_managers()
    assert again == []
    assert sorted(m.subject for m in first) == ["Due soon: Decision by 09:45", "Overdue: Decision by 08:30"]
    assert {m.recipient for m in first} == {manager}
    message = next(m for m in first if "09:45" in m.subject)
    assert message.kind == KIND
    assert "Decision is due by 09:45 on Tuesday 1 December 2026." in message.body
    assert "Open it: " + absolute("/contacts/C-1/") in message.body
    # No child's name in an email: the page behind the link says who it is about.
    assert not any("Alfie" in m.subject + m.body for m in first)
    assert message.status == OutboxMessage.Status.PENDING


def test_the_warning_window_is_a_setting(due_soon, make_user, settings) -> None:  # noqa: ANN001
    make_user(Role.TEAM_MANAGER, email="pat.manager@cambridgeshire.gov.uk")
    due_soon.append(_item(90))
    settings.FRONTDOOR_DEADLINE_WARNING_MINUTES = 60
    with time_machine.travel(NOW, tick=False):
        assert warn_managers() == []
    settings.FRONTDOOR_DEADLINE_WARNING_MINUTES = 120
    with time_machine.travel(NOW, tick=False):
        assert len(warn_managers()) == 1


def test_whoever_authorises_threshold_decisions_and_the_head_of_service_are_warned(due_soon, make_user) -> None:  # noqa: ANN001
    head = make_user(Role.HEAD_OF_SERVICE, email="head@cambridgeshire.gov.uk")
    manager = make_user(Role.TEAM_MANAGER, email="tm@cambridgeshire.gov.uk")
    make_user(Role.BUSINESS_SUPPORT, email="bs@cambridgeshire.gov.uk")
    due_soon.append(_item(10))
    with time_machine.travel(NOW, tick=False):
        assert {m.recipient for m in warn_managers()} == {head, manager}


def test_a_new_due_time_is_a_new_warning(due_soon, make_user) -> None:  # noqa: ANN001
    make_user(Role.TEAM_MANAGER, email="tm@cambridgeshire.gov.uk")
    due_soon.append(_item(10))
    with time_machine.travel(NOW, tick=False):
        assert len(warn_managers()) == 1
        due_soon[0] = _item(20)  # raised rating: due sooner or later than before
        assert len(warn_managers()) == 1
    assert OutboxMessage.objects.filter(kind=KIND).count() == 2


def test_the_worker_once_warns_before_it_sends(due_soon, make_user, mail_server) -> None:  # noqa: ANN001
    make_user(Role.TEAM_MANAGER, email="tm@cambridgeshire.gov.uk")
    due_soon.append(_item(10))
    mail_server.start()
    with time_machine.travel(timezone.localtime(NOW), tick=True):
        call_command("worker", "--once")
    assert [m["Subject"] for m in mail_server.recorder.messages] == ["Due soon: Decision by 09:10"]


def test_the_link_in_a_warning_is_the_whole_address_staff_open(due_soon, make_user, settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_BASE_URL = "https://frontdoor.example.gov.uk"
    make_user(Role.TEAM_MANAGER, email="tm@cambridgeshire.gov.uk")
    due_soon.append(_item(10))
    with time_machine.travel(NOW, tick=False):
        (message,) = warn_managers()
    assert f"Open it: https://frontdoor.example.gov.uk{due_soon[0].url}" in message.body
