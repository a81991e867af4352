"""Queue rows a duty team can triage without opening them: the children, the concern, the flags,
per-queue overdue counts and a next clock that is honest after the decision (R-TIME-1, R-INT-9, ...)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact, Status
from frontdoor.contacts.queue_rows import child_line, concern_line, row_clock
from frontdoor.contacts.selectors import overdue_count
from frontdoor.contacts.services import ChildInput
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CONSENTED = {"consent_status": "obtained", "consent_given_by": "Mum"}


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


TUESDAY_10AM = at(2026, 12, 1, 10, 0)


def rows(response) -> list[str]:  # noqa: ANN001
    """The text of each body row of the queue table."""
    html = response.content.decode()
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in body.split('<tr class="govuk-table__row">')[1:]]


def decided_green(record, officer, manager) -> Contact:  # noqa: ANN001
    """A Green contact (no action clock), decided with the referrer acknowledged: nothing left to run."""
    contact = cs.contact_acknowledge(contact=record(initial_rating="green", **CONSENTED), by=officer)
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="early_help", recommendation_reason="Support for the family"
    )
    child = contact.people.get(role="subject").person_id
    decision_authorise(
        contact=contact,
        manager=manager,
        rating="green",
        rationale="Early help will support the family.",
        children=[ChildDecision(person_id=child, opened=True, need_level="not_cin", outcome="early_help")],
        version=contact.version,
    )
    contact = Contact.objects.get(pk=contact.pk)
    return cs.contact_record_written_follow_up(contact=contact, by=officer)


@pytest.fixture
def manager_client(client, manager):  # noqa: ANN001, ANN201
    client.force_login(manager)
    return client


def test_r_int_9_a_child_is_named_with_an_age_and_an_unborn_child_with_the_expected_date() -> None:
    today = datetime.date(2026, 12, 1)
    alfie = Person(given_names="Alfie", family_name="Smith", date_of_birth=datetime.date(2015, 3, 27))
    baby = Person(given_names="Maya", family_name="Smith", date_of_birth=datetime.date(2026, 8, 10))
    unborn = Person(family_name="Smith", is_unborn=True, expected_delivery_date=datetime.date(2027, 3, 3))
    named_unborn = Person(given_names="Rose", family_name="Smith", is_unborn=True, expected_delivery_date=None)
    assert child_line(alfie, today) == "Alfie Smith, age 11"
    assert child_line(baby, today) == "Maya Smith, 3 months"
    assert child_line(unborn, today) == "Unborn Smith, due 3 Mar 2027"
    assert child_line(named_unborn, today) == "Rose Smith, unborn, expected date not known"


def test_r_acc_2_a_restricted_child_is_not_named_in_a_queue_row() -> None:
    hidden = Person(given_names="Ella", family_name="Brown", date_of_birth=datetime.date(2014, 1, 1), restricted=True)
    assert child_line(hidden, datetime.date(2026, 12, 1)) == "Restricted record"


def test_the_concern_is_one_line_cut_at_a_word() -> None:
    long_reason = "Child came to school with a bruise on his arm\nand said dad hit him with a belt " + "again " * 20
    line = concern_line(Contact(reason=long_reason))
    assert "\n" not in line
    assert line.endswith("…")
    assert len(line) <= 91
    assert line.startswith("Child came to school with a bruise on his arm and said dad hit him")
    assert concern_line(Contact(reason=long_reason, screening_nature="Physical abuse by father")) == (
        "Physical abuse by father"
    )


def test_r_chk_1_r_int_5_r_int_7_a_row_shows_children_concern_and_the_flags_that_change_the_response(
    record, manager_client
) -> None:
    with time_machine.travel(TUESDAY_10AM, tick=False):
        contact = record(
            children=[
                ChildInput(given_names="Alfie", family_name="Smith", date_of_birth=datetime.date(2015, 3, 27), sex="M"),
                ChildInput(family_name="Smith", is_unborn=True, expected_delivery_date=datetime.date(2027, 3, 3)),
            ],
            domestic_abuse=True,
            staff_related=True,
            reason="Mum says dad hit Alfie and she is frightened for the baby.",
        )
        alfie = contact.people.get(person__given_names="Alfie").person
        Person.objects.filter(pk=alfie.pk).update(open_case=True, cp_plan=True, looked_after=True)
        [row] = rows(manager_client.get("/contacts/?queue=duty"))
    assert contact.reference in row
    assert "Alfie Smith, age 11" in row
    assert "Unborn Smith, due 3 Mar 2027" in row
    assert "Mum says dad hit Alfie and she is frightened for the baby." in row
    assert "&lt;" not in row  # the row's markup is not shown as text
    for flag in ("CP plan", "Looked after", "Open case", "Staff-related", "Unborn", "Domestic abuse"):
        assert f">{flag}" in row, flag


def test_r_time_1_the_overdue_banner_counts_only_the_queue_it_is_on(record, officer, manager, manager_client) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        mine = record(initial_rating="amber")
        record(initial_rating="amber")
        cs.contact_assign(contact=mine, by=officer, assignee=manager)
    with time_machine.travel(TUESDAY_10AM, tick=False):
        assert overdue_count(user=manager, queue="duty", filters={}) == 2
        assert overdue_count(user=manager, queue="mine", filters={}) == 1
        assert overdue_count(user=manager, queue="duty", filters={"rating": "red"}) == 0
        page = manager_client.get("/contacts/?queue=mine")
        assert page.context["overdue"] == 1
        assert "1 open contact overdue in this queue" in page.content.decode()
        link = page.context["overdue_query"]
        assert "queue=mine" in link
        assert "overdue=on" in link
        followed = manager_client.get(f"/contacts/?{link}")
        assert [c.reference for c in followed.context["page"]] == [mine.reference]
        assert manager_client.get("/contacts/?queue=duty").context["overdue"] == 2


def test_r_time_1_a_decided_contact_shows_when_it_was_decided_and_is_never_overdue(
    record, officer, manager, manager_client
) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = decided_green(record, officer, manager)
    assert contact.status == Status.DECIDED
    with time_machine.travel(TUESDAY_10AM, tick=False):  # a week after its decision deadline
        clock = row_clock(contact)
        assert (clock.headline, clock.countdown, clock.overdue) == ("Decided 24 Nov, 10:00", "", False)
        [row] = rows(manager_client.get("/contacts/?queue=duty"))
        assert manager_client.get("/contacts/?queue=duty").context["overdue"] == 0
    assert "Decided 24 Nov, 10:00" in row
    assert "Overdue" not in row
    assert "left" not in row


def test_r_dec_2_a_decided_contact_lists_a_clock_still_open_without_a_countdown(record, officer, manager) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = decided_green(record, officer, manager)
    contact.acknowledged_at = None  # the referrer not yet acknowledged: R-DEC-2's clock still runs
    contact.due_at, contact.due_reason = at(2026, 11, 25, 10, 0), "Acknowledgement to the referrer"
    with time_machine.travel(at(2026, 11, 24, 15, 0), tick=False):
        clock = row_clock(contact)
        assert (clock.countdown, clock.overdue, clock.reason) == ("", False, "Acknowledgement to the referrer")
    with time_machine.travel(TUESDAY_10AM, tick=False):
        assert row_clock(contact).overdue


def test_r_time_1_a_closed_contact_shows_closed_and_no_clock(record, officer, manager, manager_client) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = decided_green(record, officer, manager)
    with time_machine.travel(at(2026, 11, 25, 14, 3), tick=False):
        cs.contact_close(
            contact=contact, by=manager, summary="Passed to the early help hub.", outstanding_reason="Told by phone"
        )
    with time_machine.travel(TUESDAY_10AM, tick=False):
        [row] = rows(manager_client.get("/contacts/?queue=duty&status=closed"))
    assert "Closed 25 Nov, 14:03" in row
    assert "Overdue" not in row
    assert "left" not in row


def test_r_time_1_an_undecided_contact_counts_down_to_its_next_clock(record) -> None:
    with time_machine.travel(TUESDAY_10AM, tick=False):
        contact = record(initial_rating="red", received_at=TUESDAY_10AM)
        clock = row_clock(contact)
        assert clock.headline == ""
        assert clock.countdown.endswith("left")
    with time_machine.travel(at(2026, 12, 3, 10, 0), tick=False):
        assert row_clock(contact).countdown.startswith("Overdue by")


def _queries_for_queue(client) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/contacts/?queue=duty").status_code == 200
    return len(queries)


def test_a_page_of_25_rows_with_several_children_each_takes_a_bounded_number_of_queries(
    record, manager_client, django_assert_max_num_queries
) -> None:
    with time_machine.travel(TUESDAY_10AM, tick=False):
        record(
            children=[
                ChildInput(given_names=name, family_name="Okafor", date_of_birth=datetime.date(2012 + i, 5, 1))
                for i, name in enumerate(("Ada", "Ben", "Chi"))
            ]
        )
        family = list(Person.objects.filter(family_name="Okafor").values_list("pk", flat=True))
        assert len(family) == 3
        few = _queries_for_queue(manager_client)
        for _ in range(29):
            record(children=[ChildInput(person_id=pk) for pk in family])
        with django_assert_max_num_queries(12):
            page = manager_client.get("/contacts/?queue=duty")
        assert len(page.context["page"]) == 25
        assert all(len(c.subject_links) == 3 for c in page.context["page"])
        # The cost of the page does not grow with its rows or their children.
        assert _queries_for_queue(manager_client) == few


def test_r_con_4_the_consent_review_reminder_counts_only_the_queue_it_is_on(
    record, officer, manager, manager_client
) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        mine = record()  # consent not yet sought: its need is reviewed from a date
        record()
        cs.contact_assign(contact=mine, by=officer, assignee=manager)
    with time_machine.travel(TUESDAY_10AM, tick=False):
        assert manager_client.get("/contacts/?queue=duty").context["consent_reviews_due"] == 2
        page = manager_client.get("/contacts/?queue=mine")
        assert page.context["consent_reviews_due"] == 1
        followed = manager_client.get(f"/contacts/?{page.context['consent_review_query']}")
    assert [c.reference for c in followed.context["page"]] == [mine.reference]
