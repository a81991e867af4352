"""The manager's dashboard: overdue first, the next four hours, later today; counts per team; only what
the user may see (R-TIME-1, R-ROUTE-3)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.core import due
from frontdoor.core.due import SOURCES, DueItem
from frontdoor.dashboard.selectors import SHOWN, UNALLOCATED, dashboard
from frontdoor.dashboard.sources import agency_check_due_items, contact_due_items

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CONSENTED = {"consent_status": "obtained", "consent_given_by": "Mum"}


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


FAKE: list[DueItem] = []


def fake_source(user: object, until: datetime.datetime) -> list[DueItem]:
    return [item for item in FAKE if item.due_at <= until]


@pytest.fixture
def fake(monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setattr(due, "SOURCES", [f"{__name__}.fake_source"])
    FAKE.clear()

    def add(when: datetime.datetime, label: str, team: str = "unit-cambridge", kind: str = "Decision") -> None:
        FAKE.append(DueItem(kind=kind, label=label, due_at=when, url=f"/{label}/", team=team))

    yield add
    FAKE.clear()


def sections(user) -> dict[str, list[str]]:  # noqa: ANN001
    return {s.key: [row.item.label for row in s.rows] for s in dashboard(user).sections}


def test_r_time_1_office_hours_overdue_next_four_hours_and_later_today(fake, manager) -> None:  # noqa: ANN001
    fake(at(2026, 12, 1, 9, 0), "late")
    fake(at(2026, 12, 1, 9, 59), "just-late")
    fake(at(2026, 12, 1, 10, 0), "now")
    fake(at(2026, 12, 1, 13, 59), "soon")
    fake(at(2026, 12, 1, 14, 0), "after-four-hours")
    fake(at(2026, 12, 1, 23, 59), "before-midnight")
    fake(at(2026, 12, 2, 0, 0), "tomorrow")
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        found = sections(manager)
    assert found == {
        "overdue": ["late", "just-late"],
        "soon": ["now", "soon"],
        "today": ["after-four-hours", "before-midnight"],
    }


def test_r_time_1_late_evening_the_next_four_hours_run_past_midnight(fake, manager) -> None:  # noqa: ANN001
    fake(at(2026, 12, 1, 22, 59), "late")
    fake(at(2026, 12, 1, 23, 30), "tonight")
    fake(at(2026, 12, 2, 2, 59), "small-hours")
    fake(at(2026, 12, 2, 3, 0), "too-far")
    with time_machine.travel(at(2026, 12, 1, 23, 0), tick=False):
        found = sections(manager)
    assert found == {"overdue": ["late"], "soon": ["tonight", "small-hours"], "today": []}


def test_r_time_1_just_after_midnight_today_is_the_new_day(fake, manager) -> None:  # noqa: ANN001
    fake(at(2026, 12, 1, 23, 59), "yesterday")
    fake(at(2026, 12, 2, 4, 29), "soon")
    fake(at(2026, 12, 2, 4, 30), "today")
    fake(at(2026, 12, 2, 23, 59), "tonight")
    fake(at(2026, 12, 3, 0, 0), "tomorrow")
    with time_machine.travel(at(2026, 12, 2, 0, 30), tick=False):
        found = sections(manager)
    assert found == {"overdue": ["yesterday"], "soon": ["soon"], "today": ["today", "tonight"]}


def test_counts_per_team_name_the_teams_and_work_not_yet_allocated(fake, manager) -> None:  # noqa: ANN001
    fake(at(2026, 12, 1, 8, 0), "a", team="unit-fenland")
    fake(at(2026, 12, 1, 9, 0), "b", team="ifd-mash")
    fake(at(2026, 12, 1, 11, 0), "c", team="ifd-mash", kind="Agency check")
    fake(at(2026, 12, 1, 20, 0), "d", team="")
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        teams = [(t.name, t.overdue, t.soon, t.today) for t in dashboard(manager).teams]
        checks = [(t.name, t.total) for t in dashboard(manager, kind="Agency check").teams]
        mash_only = dashboard(manager, team="ifd-mash")
        unallocated = dashboard(manager, team=UNALLOCATED)
    assert teams == [
        ("MASH (Integrated Front Door)", 1, 1, 0),
        ("Fenland Social Work Unit", 1, 0, 0),
        ("Not yet allocated", 0, 0, 1),
    ]
    assert checks == [("MASH (Integrated Front Door)", 1)]
    assert [[r.item.label for r in s.rows] for s in mash_only.sections] == [["b"], ["c"], []]
    assert [[r.item.label for r in s.rows] for s in unallocated.sections] == [[], [], ["d"]]
    assert unallocated.sections[2].rows[0].team_name == "Not yet allocated"


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE])
def test_managers_reach_the_dashboard_from_the_menu(client, make_user, role) -> None:  # noqa: ANN001
    client.force_login(make_user(role))
    home = client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{reverse("dashboard:index")}"' in home
    assert client.get(reverse("dashboard:index")).status_code == 200


@pytest.mark.parametrize(
    "role",
    [Role.INFORMATION_OFFICER, Role.DUTY_SOCIAL_WORKER, Role.MASH_PARTNER, Role.BUSINESS_SUPPORT, Role.REFERRER],
)
def test_only_managers_open_the_dashboard(client, make_user, role) -> None:  # noqa: ANN001
    client.force_login(make_user(role, agency="police" if role == Role.MASH_PARTNER else ""))
    assert client.get(reverse("dashboard:index")).status_code == 404
    assert f'href="{reverse("dashboard:index")}"' not in client.get(reverse("home"), follow=True).content.decode()


@pytest.fixture
def red_with_check(record, officer):  # noqa: ANN001, ANN201
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        contact = record(received_at=at(2026, 12, 1, 10, 0), initial_rating="red", **CONSENTED)
        contact = cs.contact_acknowledge(contact=contact, by=officer)
        check = cs.agency_check_request(contact=contact, by=officer, agency="police", question="Call-outs?")
    return contact, check


def test_r_route_3_an_overdue_check_is_on_the_duty_managers_dashboard(client, manager, red_with_check) -> None:  # noqa: ANN001
    contact, check = red_with_check
    assert check.due_at == at(2026, 12, 1, 14, 0)
    client.force_login(manager)
    with time_machine.travel(at(2026, 12, 1, 13, 0), tick=False):
        board = dashboard(manager)
        assert [(r.item.kind, r.item.due_at) for r in board.sections[1].rows] == [
            ("Action for the rating", at(2026, 12, 1, 14, 0)),
            ("Agency check", at(2026, 12, 1, 14, 0)),
        ]
    with time_machine.travel(at(2026, 12, 1, 14, 1), tick=False):
        page = client.get(reverse("dashboard:index")).content.decode()
        overdue = dashboard(manager).sections[0]
    [item] = [r.item for r in overdue.rows if r.item.kind == "Agency check"]
    assert item.label == f"{contact.reference}, Alfie Smith (Cambridgeshire Police)"
    assert item.url == reverse("contacts:detail", args=[contact.reference])
    assert item.team == contact.team_key
    assert "Overdue (2)" in page
    assert 'govuk-tag--red">Overdue' in page
    assert f'href="{item.url}"' in page


def test_r_route_3_an_answered_check_is_no_longer_due(make_user, manager, red_with_check) -> None:  # noqa: ANN001
    _, check = red_with_check
    cs.agency_check_respond(check=check, by=make_user(Role.MASH_PARTNER, agency="police"), response="None")
    with time_machine.travel(at(2026, 12, 1, 15, 0), tick=False):
        assert agency_check_due_items(manager, at(2026, 12, 2, 0, 0)) == []


def test_r_route_3_a_partner_sees_only_their_agencys_checks_due(make_user, red_with_check) -> None:  # noqa: ANN001
    contact, check = red_with_check
    until = at(2026, 12, 2, 0, 0)
    police = make_user(Role.MASH_PARTNER, username="pc", agency="police")
    health = make_user(Role.MASH_PARTNER, username="nurse", agency="health")
    [item] = agency_check_due_items(police, until)
    assert item.url == reverse("contacts:check-respond", args=[contact.reference, check.pk])
    assert agency_check_due_items(health, until) == []
    assert contact_due_items(police, until) == []


def test_r_con_4_consent_review_due_by_the_end_of_its_day(record, manager) -> None:  # noqa: ANN001
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        contact = record(received_at=at(2026, 12, 1, 9, 0), consent_status="not_yet_sought")
    review = contact.consent_review_date
    assert review is not None
    end = datetime.datetime.combine(review, datetime.time(23, 59), LONDON)
    kinds = [i.kind for i in contact_due_items(manager, end) if i.label.startswith(contact.reference)]
    assert "Review of the need for consent" in kinds
    before = [i.kind for i in contact_due_items(manager, end - datetime.timedelta(minutes=1))]
    assert "Review of the need for consent" not in before


def test_r_dec_6_the_police_clock_is_left_to_its_own_task(record, manager) -> None:  # noqa: ANN001
    with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
        record(received_at=at(2026, 12, 1, 9, 0), suspected_crime=True, **CONSENTED)
        kinds = {i.kind for i in contact_due_items(manager, at(2026, 12, 2, 0, 0))}
    assert "Police notified of a suspected crime" not in kinds
    assert "Acknowledgement to the referrer" in kinds


def test_the_dashboard_reads_a_fixed_number_of_queries(client, manager, record, officer) -> None:  # noqa: ANN001
    """One query per source and a few for the page (the contacts' clocks: the count of every open clock, of
    those still to come, the first rows, the clocks computed from receipt, the children's names), however
    many items are due."""
    client.force_login(manager)

    def add(count: int) -> None:
        with time_machine.travel(at(2026, 12, 1, 10, 0), tick=False):
            for n in range(count):
                contact = record(received_at=at(2026, 12, 1, 9, n), initial_rating="red", **CONSENTED)
                cs.agency_check_request(contact=contact, by=officer, agency="health")

    def read() -> tuple[int, str]:
        with time_machine.travel(at(2026, 12, 1, 16, 0), tick=False), CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("dashboard:index"))
        assert page.status_code == 200
        return len(queries), page.content.decode()

    add(1)
    few, page = read()
    assert "Overdue (2)" in page
    add(5)
    many, page = read()
    assert "Overdue (12)" in page
    assert many == few <= 5 + 2 * len(SOURCES)


def test_r_time_1_a_long_section_lists_the_soonest_and_says_how_many_and_where_the_rest_are(
    client,  # noqa: ANN001
    fake,  # noqa: ANN001
    manager,  # noqa: ANN001
) -> None:
    """With a backlog, each section lists its SHOWN soonest items (the longest overdue first), gives the full
    count, and points to the duty queue for every overdue contact; a short section says nothing more."""
    now = at(2026, 12, 1, 10, 0)
    for n in range(SHOWN + 5):
        fake(now - datetime.timedelta(minutes=n + 1), f"FD-26-{n:03}")
    fake(now + datetime.timedelta(hours=1), "FD-26-soon")
    client.force_login(manager)
    with time_machine.travel(now, tick=False):
        board = dashboard(manager)
        page = client.get(reverse("dashboard:index")).content.decode()
    overdue, soon, _ = board.sections
    assert (overdue.total, len(overdue.rows), soon.total, len(soon.rows)) == (SHOWN + 5, SHOWN, 1, 1)
    assert overdue.rows[0].item.label == f"FD-26-{SHOWN + 4:03}"  # the longest overdue first
    assert f"Showing the {SHOWN} soonest of {SHOWN + 5}. Choose a team or what is due to narrow the list" in page
    assert f'href="{reverse("contacts:queue")}?queue=duty&amp;overdue=on"' in page
    assert page.count("soonest of") == 1
