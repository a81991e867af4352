"""R-ACC-1 (issue 10): the report of who viewed which records without a link to the case, for managers and
information governance, by date range, exportable (the export itself audited)."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.report import unlinked_views
from frontdoor.audit.services import audit_view
from frontdoor.contacts.services import note_add
from frontdoor.procedures.loader import get_profile

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
DAY = datetime.date(2026, 11, 24)


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, tzinfo=LONDON)


def view(user, obj, when: datetime.datetime) -> None:  # noqa: ANN001
    with time_machine.travel(when, tick=False):
        audit_view(actor=user, obj=obj)


@pytest.fixture
def views(record, make_user):  # noqa: ANN001, ANN201
    duty = get_profile().duty_team().key
    with time_machine.travel(at(23, 9), tick=False):
        contact = record()
    person = contact.people.first().person
    in_team = make_user(Role.DUTY_SOCIAL_WORKER, "in-team", team_key=duty)
    curious = make_user(Role.DUTY_SOCIAL_WORKER, "curious", team_key="elsewhere")
    curious.first_name, curious.last_name = "Casey", "Curious"
    curious.save()
    noted = make_user(Role.DUTY_SOCIAL_WORKER, "noted", team_key="elsewhere")
    with time_machine.travel(at(24, 8), tick=False):
        note_add(contact=contact, by=noted, text="Spoke to the school.")
    view(in_team, contact, at(24, 10))  # with their team
    view(noted, contact, at(24, 11))  # wrote a note on it
    view(curious, contact, at(24, 12))
    view(curious, contact, at(24, 15))
    view(curious, person, at(24, 13))
    view(curious, contact, at(20, 9))  # before the range
    return contact, person, curious


def test_r_acc_1_report_lists_only_views_without_a_link(views, make_user) -> None:  # noqa: ANN001
    contact, _person, curious = views
    rows = unlinked_views(user=make_user(Role.INFORMATION_GOVERNANCE), start=DAY, end=DAY)
    assert [(r.viewer, r.record, r.views) for r in rows] == [
        ("Casey Curious", f"Contact {contact.reference}", 2),
        ("Casey Curious", "A person's record (name not shown)", 1),
    ]
    assert rows[0].first_at == at(24, 12)
    assert rows[0].last_at == at(24, 15)
    assert not rows[0].url  # information governance do not open the contact itself


def test_r_acc_1_report_names_a_child_only_to_who_may_see_them(views, manager) -> None:  # noqa: ANN001
    _contact, person, _curious = views
    rows = unlinked_views(user=manager, start=DAY, end=DAY)
    assert f"Person: {person.full_name}" in [r.record for r in rows]
    assert all(r.url for r in rows)


def test_r_acc_1_report_is_a_fixed_number_of_queries(views, record, make_user, django_assert_max_num_queries) -> None:  # noqa: ANN001
    contact, person, _curious = views
    for n in range(10):
        user = make_user(Role.DUTY_SOCIAL_WORKER, f"viewer-{n}", team_key="elsewhere")
        view(user, contact, at(24, 16))
        view(user, person, at(24, 16))
    officer = make_user(Role.INFORMATION_GOVERNANCE)
    with django_assert_max_num_queries(10):
        rows = unlinked_views(user=officer, start=DAY, end=DAY)
    assert len(rows) == 22


def test_r_acc_1_report_page_and_audited_export(views, make_user) -> None:  # noqa: ANN001
    contact, person, _curious = views
    client = Client()
    ig = make_user(Role.INFORMATION_GOVERNANCE)
    client.force_login(ig)
    query = {"start_0": "24", "start_1": "11", "start_2": "2026", "end_0": "24", "end_1": "11", "end_2": "2026"}
    with time_machine.travel(at(25, 9), tick=False):
        page = client.get(reverse("audit:report"), query).content.decode()
        assert "Views without a link" in client.get("/", follow=True).content.decode()  # in the menu
        assert f"Contact {contact.reference}" in page
        assert person.family_name not in page
        with transaction.atomic():
            response = client.get(reverse("audit:report"), {**query, "download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0][:3] == ["Viewed by", "Team", "Record"]
    assert len(lines) == 3
    event = AuditEvent.objects.get(action="exported", actor=ig)
    assert event.detail == {
        "report": "views without a link to the case",
        "from": "2026-11-24",
        "to": "2026-11-24",
        "rows": 2,
    }


def test_r_acc_1_report_only_for_those_who_may_see_it(social_worker) -> None:  # noqa: ANN001
    client = Client()
    client.force_login(social_worker)
    assert client.get(reverse("audit:report")).status_code == 404
    assert "Views without a link" not in client.get("/", follow=True).content.decode()


def test_r_acc_1_report_refuses_a_backwards_range(make_user) -> None:  # noqa: ANN001
    client = Client()
    client.force_login(make_user(Role.INFORMATION_GOVERNANCE))
    query = {"start_0": "24", "start_1": "11", "start_2": "2026", "end_0": "20", "end_1": "11", "end_2": "2026"}
    with time_machine.travel(at(25, 9), tick=False):
        page = client.get(reverse("audit:report"), query).content.decode()
    assert "The end of the range must be the same as or after its start" in page
