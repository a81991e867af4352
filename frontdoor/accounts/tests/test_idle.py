"""The idle sign-out: done by the server alone (the page's warning only tells the user before)."""

import datetime

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)


def at(minutes: float) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


@override_settings(FRONTDOOR_IDLE_TIMEOUT_SECONDS=30 * 60)
def test_after_30_minutes_without_a_request_the_user_is_signed_out_and_told_why(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    client = Client()
    with time_machine.travel(at(0), tick=False):
        client.force_login(user)
        assert client.get("/contacts/").status_code == 200
    with time_machine.travel(at(29), tick=False):
        assert client.get("/contacts/").status_code == 200  # activity: the clock starts again
    with time_machine.travel(at(58), tick=False):
        assert client.get("/contacts/").status_code == 200
    with time_machine.travel(at(88.5), tick=False):
        answer = client.get("/contacts/?queue=duty")
        assert answer.status_code == 302
        assert answer.url.startswith(reverse("accounts:sign-in"))
        page = client.get(answer.url).content.decode()
    assert "You were signed out after 30 minutes without activity." in page
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(actor=user, action=AuditAction.SIGNED_OUT)
    assert event.detail == {"reason": "idle"}


@override_settings(FRONTDOOR_IDLE_TIMEOUT_SECONDS=30 * 60)
def test_stay_signed_in_counts_as_activity(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    with time_machine.travel(at(0), tick=False):
        client.force_login(user)
        client.get("/")
    with time_machine.travel(at(26), tick=False):
        page = client.get(reverse("home"), follow=True).content.decode()
        assert 'data-app-idle-timeout="1800"' in page
        assert 'data-app-idle-warning="300"' in page
        assert client.post(reverse("accounts:keep-alive")).status_code == 204
    with time_machine.travel(at(50), tick=False):
        assert client.get("/contacts/").status_code == 200


def test_with_no_idle_timeout_set_there_is_no_warning_on_the_page(make_user, settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_IDLE_TIMEOUT_SECONDS = 0
    client = Client()
    client.force_login(make_user(Role.TEAM_MANAGER))
    assert "data-app-idle-timeout" not in client.get("/contacts/").content.decode()
