"""Deadlines that are safe: clock hours, out of hours, every clock counted, alerts for a manager
(R-DEC-2, R-DEC-3, R-DEC-6, R-INT-5, R-INT-6, R-ROUTE-3, R-SIB-1, R-TIME-1)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import alerts
from frontdoor.contacts import services as cs
from frontdoor.contacts.alerts import contact_alert_acknowledge, out_of_hours_outcome_record, out_of_hours_sweep
from frontdoor.contacts.models import Contact, OutOfHoursHandover, Status
from frontdoor.contacts.selectors import clock_lines, overdue_count, queue_contacts, queue_page
from frontdoor.core.errors import PermissionDenied
from frontdoor.decisions.services import ChildDecision, decision_authorise, decision_reopen_for_review

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


CONSENTED = {"consent_status": "obtained", "consent_given_by": "Mum"}


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


FRIDAY_4PM = at(2026, 11, 27, 16, 0)
FRIDAY_7PM = at(2026, 11, 27, 19, 0)


def submit(contact, officer, recommendation="cfa"):  # noqa: ANN001, ANN201
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    return cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation=recommendation, recommendation_reason="Needs assessment"
    )


def decide(contact, manager, rating="amber", outcome="cfa", need="cin_moderate"):  # noqa: ANN001, ANN201
    child = contact.people.filter(role="subject").first().person_id
    decision_authorise(
        contact=contact,
        manager=manager,
        rating=rating,
        rationale="Assess the family.",
        children=[ChildDecision(person_id=child, opened=True, need_level=need, outcome=outcome)],
        version=contact.version,
    )
    return Contact.objects.get(pk=contact.pk)


def red_friday_evening(record):  # noqa: ANN001, ANN201
    return record(received_at=FRIDAY_7PM, initial_rating="red", **CONSENTED)


def test_r_dec_3_red_contact_is_due_four_clock_hours_after_receipt(record) -> None:
    with time_machine.travel(at(2026, 11, 27, 16, 5), tick=False):
        contact = record(received_at=FRIDAY_4PM, initial_rating="red")
    assert contact.action_due_at == at(2026, 11, 27, 20, 0)
    assert contact.due_at == at(2026, 11, 27, 20, 0)
    assert contact.due_reason == "Action for the rating"


def test_r_dec_3_amber_contact_is_due_24_clock_hours_after_receipt(record) -> None:
    with time_machine.travel(at(2026, 11, 27, 16, 5), tick=False):
        contact = record(received_at=FRIDAY_4PM, initial_rating="amber")
    assert contact.due_at.astimezone(LONDON).isoformat() == "2026-11-28T16:00:00+00:00"


def test_r_time_1_red_received_friday_evening_passes_to_the_emergency_duty_team(record, manager, officer) -> None:
    with time_machine.travel(at(2026, 11, 27, 19, 5), tick=False):
        contact = red_friday_evening(record)
        assert contact.out_of_hours_at == at(2026, 11, 27, 19, 5)  # known urgent when recorded
        out = io.StringIO()
        call_command("deadlines", "sweep", stdout=out)
        assert f"{contact.reference} passed to Emergency Duty Team" in out.getvalue()
        assert out_of_hours_sweep() == []  # once only
    handover = OutOfHoursHandover.objects.get(contact=contact)
    assert handover.team == "Emergency Duty Team"
    assert handover.handed_over_at == at(2026, 11, 27, 19, 5)
    assert handover.handed_over_by is None
    assert contact.reference in handover.passed
    assert "Red" in handover.passed
    assert "Alfie Smith" in handover.passed
    assert AuditEvent.objects.filter(action="contact.handed_out_of_hours", object_id=str(contact.pk)).count() == 1

    other = record(received_at=at(2026, 11, 30, 8, 0), initial_rating="amber")
    cs.contact_update(contact=other, by=officer, version=other.version, screening_nature="Bruise")
    with time_machine.travel(at(2026, 11, 30, 9, 0), tick=False):
        out_of_hours_outcome_record(contact=contact, by=officer, outcome="EDT visited; child safe with grandmother.")
        first = list(queue_contacts(user=manager, queue="authorise", filters={}))
    assert first[0] == contact  # at the top of the manager's view when the office opens
    assert "Passed to the Emergency Duty Team out of hours" in first[0].alert_reason
    assert first[0].handovers.get().outcome == "EDT visited; child safe with grandmother."


def test_r_time_1_red_due_after_the_close_passes_at_the_close(record) -> None:
    with time_machine.travel(at(2026, 11, 27, 16, 5), tick=False):
        contact = record(received_at=FRIDAY_4PM, initial_rating="red")
        assert out_of_hours_sweep() == []
    assert contact.out_of_hours_at == at(2026, 11, 27, 17, 0)
    with time_machine.travel(at(2026, 11, 27, 17, 1), tick=False):
        assert [h.contact for h in out_of_hours_sweep()] == [contact]


def test_r_time_1_the_sweep_reads_only_contacts_still_to_pass_out_of_hours(record, officer) -> None:
    """Every page opened out of hours sweeps: it reads the contacts still to pass (a pending time, kept by the
    clocks and cleared by the handover) from their own partial index, never the contacts already handed over
    or their handovers. Re-rated urgent later, a contact already passed is due to pass again, and does."""
    with time_machine.travel(at(2026, 11, 27, 19, 5), tick=False):
        passed = red_friday_evening(record)
        waiting = red_friday_evening(record)
        assert passed.out_of_hours_pending_at == passed.out_of_hours_at == at(2026, 11, 27, 19, 5)
        Contact.objects.filter(pk=waiting.pk).update(out_of_hours_pending_at=at(2026, 11, 27, 21, 0))
        assert [h.contact for h in out_of_hours_sweep()] == [passed]
    passed.refresh_from_db()
    assert passed.out_of_hours_pending_at is None  # handed over: no longer read
    assert passed.out_of_hours_at == at(2026, 11, 27, 19, 5)  # the time it passed is kept
    due = alerts.contacts_due_out_of_hours(at(2026, 11, 27, 22, 0))
    assert "outofhourshandover" not in str(due.query).lower()  # no look at the handovers of those passed
    assert list(due) == [waiting]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            sql, params = due.query.sql_with_params()
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "SEARCH contacts_contact USING INDEX contact_ooh_pending (out_of_hours_pending_at>? AND" in plan, plan

    with time_machine.travel(at(2026, 11, 28, 10, 0), tick=False):  # Saturday: re-rated amber, then red again
        cs.contact_rate_initial(contact=passed, by=officer, rating="amber")
        assert Contact.objects.get(pk=passed.pk).out_of_hours_pending_at is None
        again = cs.contact_rate_initial(contact=passed, by=officer, rating="red")
        assert again.out_of_hours_pending_at == again.out_of_hours_at == at(2026, 11, 28, 10, 0)
        assert [h.contact for h in out_of_hours_sweep()] == [waiting, passed]  # the longest waiting first
        assert out_of_hours_sweep() == []
    assert passed.handovers.count() == 2


def test_r_time_1_a_decided_or_re_rated_contact_is_not_handed_over(record, officer, manager) -> None:
    with time_machine.travel(at(2026, 11, 27, 16, 5), tick=False):
        decided = record(received_at=FRIDAY_4PM, initial_rating="red", **CONSENTED)
        decide(submit(decided, officer), manager, rating="red")
        rerated = record(received_at=FRIDAY_4PM, initial_rating="red")
        cs.contact_rate_initial(contact=rerated, by=officer, rating="amber")
    with time_machine.travel(at(2026, 11, 27, 17, 30), tick=False):
        assert out_of_hours_sweep() == []


def test_r_time_1_nothing_passes_out_of_hours_while_the_office_is_open(record) -> None:
    """Recorded on Monday morning about a Friday evening call: the office deals with it."""
    with time_machine.travel(at(2026, 11, 30, 10, 0), tick=False):
        contact = red_friday_evening(record)
        assert out_of_hours_sweep() == []
    assert contact.out_of_hours_at is None


def test_r_dec_2_decided_on_time_without_an_action_clock_is_not_overdue(record, officer, manager) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = record(initial_rating="green", **CONSENTED)
        contact = cs.contact_acknowledge(contact=contact, by=officer)
        contact = decide(submit(contact, officer, "early_help"), manager, "green", "early_help", "not_cin")
        cs.contact_record_written_follow_up(contact=contact, by=officer)
    contact.refresh_from_db()
    assert contact.status == Status.DECIDED
    assert contact.due_at is None
    with time_machine.travel(at(2026, 12, 10, 10, 0), tick=False):
        assert overdue_count(user=manager) == 0


def test_r_sib_1_a_reopened_decision_is_due_again_from_the_reopening(record, officer, manager) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = decide(submit(record(initial_rating="green", **CONSENTED), officer), manager, "green")
    with time_machine.travel(at(2026, 12, 2, 11, 0), tick=False):
        contact = decision_reopen_for_review(contact=contact, manager=manager, reason="New information")
    assert contact.review_opened_at == at(2026, 12, 2, 11, 0)
    assert contact.decision_due_at == at(2026, 12, 3, 11, 0)  # 24 hours from the reopening
    assert contact.due_at <= contact.decision_due_at


@pytest.mark.parametrize(
    ("fields", "reason", "now"),
    [
        ({"referrer_kind": "professional", "channel": "email"}, "Acknowledgement to the referrer", (2026, 11, 26)),
        ({"referrer_kind": "professional", "channel": "phone"}, "Written follow-up from the referrer", (2026, 11, 27)),
    ],
)
def test_r_dec_2_r_int_6_referrer_clocks_count_after_the_decision(
    record, officer, manager, fields: dict, reason: str, now: tuple
) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = record(received_at=at(2026, 11, 24, 10, 0), initial_rating="green", **CONSENTED, **fields)
        if reason != "Acknowledgement to the referrer":
            contact = cs.contact_acknowledge(contact=contact, by=officer)
        contact = decide(submit(contact, officer, "early_help"), manager, "green", "early_help", "not_cin")
    assert contact.due_reason == reason
    with time_machine.travel(at(*now, 12, 0), tick=False):
        assert overdue_count(user=manager) == 1
        assert list(queue_contacts(user=manager, queue="duty", filters={"overdue": True})) == [contact]


def test_r_int_5_a_missing_dash_has_a_clock_until_requested(record, officer) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = record(
            received_at=at(2026, 11, 24, 10, 0),
            channel="police_notification",
            domestic_abuse=True,
            initial_rating="amber",
            referrer_kind="professional",
        )
        assert contact.due_reason == "Request for the missing DASH"
        assert contact.due_at == at(2026, 11, 24, 14, 0)
        contact = cs.contact_request_dash(contact=contact, by=officer)
    assert contact.due_reason != "Request for the missing DASH"


def test_r_dec_6_police_notification_is_due_at_once_and_shown_as_the_time_taken(record, officer, manager) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 30), tick=False):
        contact = record(received_at=at(2026, 11, 24, 10, 0), suspected_crime=True, initial_rating="amber")
        assert contact.due_at == at(2026, 11, 24, 10, 0)
        assert overdue_count(user=manager) == 1
        [line] = [c for c in clock_lines(contact) if c.key == "police"]
        assert line.note == "Not yet notified: 30 minutes since the contact was received"
        contact = cs.contact_record_police_notified(contact=contact, by=officer, at=at(2026, 11, 24, 10, 20))
        [line] = [c for c in clock_lines(contact) if c.key == "police"]
    assert line.note == "Notified 20 minutes after the contact was received"
    assert contact.due_at > at(2026, 11, 24, 10, 0)


def test_r_route_3_agency_check_due_follows_the_rating_and_counts(record, officer) -> None:
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):
        contact = record(received_at=at(2026, 11, 24, 10, 0), initial_rating="amber", **CONSENTED)
        contact = cs.contact_acknowledge(contact=contact, by=officer)
        check = cs.agency_check_request(contact=contact, by=officer, agency="health")
        assert check.due_at == at(2026, 11, 25, 10, 0)
        cs.contact_rate_initial(contact=contact, by=officer, rating="red")
    check.refresh_from_db()
    assert check.due_at == at(2026, 11, 24, 14, 0)
    contact.refresh_from_db()
    assert contact.due_at == at(2026, 11, 24, 14, 0)
    assert f"{check.agency_name} check" in [line.label for line in clock_lines(contact)]


def test_r_dec_2_mash_keeps_the_level_of_response_and_disposal_clocks(record, officer, settings) -> None:
    settings.FRONTDOOR_PROFILE = "mash"
    with time_machine.travel(at(2026, 11, 27, 16, 5), tick=False):
        contact = record(received_at=FRIDAY_4PM, initial_rating="standard", **CONSENTED)
        contact = cs.contact_acknowledge(contact=contact, by=officer)
        contact.refresh_from_db()
        assert (contact.due_at, contact.due_reason) == (at(2026, 11, 28, 16, 0), "Decision on the level of response")
        assert contact.disposal_due_at == at(2026, 11, 30, 16, 0)
        contact = submit(contact, officer)
    assert contact.due_reason in ("Decision on the disposal", "Action for the rating")
    assert contact.due_at == at(2026, 11, 30, 16, 0)


def test_r_dec_1_raising_the_rating_alerts_a_manager_at_once(record, officer, manager) -> None:
    green = record(initial_rating="green")
    assert not green.alert_open
    raised = record(initial_rating="green")
    raised = cs.contact_rate_initial(contact=raised, by=officer, rating="amber")
    assert raised.alert_open
    assert raised.alert_reason.startswith("Rated Amber by ")
    first = list(queue_contacts(user=manager, queue="authorise", filters={}))
    assert first == [raised]  # received, not yet sent for decision, and still in the manager's queue
    with pytest.raises(PermissionDenied):
        contact_alert_acknowledge(contact=raised, manager=officer)
    contact_alert_acknowledge(contact=raised, manager=manager)
    assert list(queue_contacts(user=manager, queue="authorise", filters={})) == []
    lowered = cs.contact_rate_initial(contact=Contact.objects.get(pk=raised.pk), by=officer, rating="green")
    assert not lowered.alert_open


def test_r_dec_1_the_managers_decision_answers_the_alert(record, officer, manager) -> None:
    contact = record(initial_rating="amber", **CONSENTED)
    assert contact.alert_open
    decided = decide(submit(contact, officer), manager)
    assert not decided.alert_open
    assert decided.alert_acknowledged_by == manager
    assert contact.pk not in {c.pk for c in queue_contacts(user=manager, queue="authorise", filters={})}


def test_r_dec_1_alert_and_out_of_hours_shown_on_the_pages(client, record, manager) -> None:
    with time_machine.travel(at(2026, 11, 27, 19, 5), tick=False):
        contact = red_friday_evening(record)
        client.force_login(manager)
        queue = client.get("/contacts/?queue=authorise").content.decode()
        detail = client.get(f"/contacts/{contact.reference}/").content.decode()
        response = client.post(f"/contacts/{contact.reference}/acknowledge-alert/", follow=True)
    assert "Alert marked as seen." in response.content.decode()
    assert "Passed to the Emergency Duty Team out of hours" in queue
    assert "For a manager now" in detail
    assert "Out of hours" in detail
    assert "Emergency Duty Team" in detail
    assert '<time datetime="2026-11-27T23:00:00+00:00">' in detail  # Red: 4 clock hours from 19:00
    assert not Contact.objects.get(pk=contact.pk).alert_open


def test_r_time_1_alerts_first_then_soonest_due_across_pages(record, officer, manager) -> None:
    """The duty queue puts a manager's alerts first and pages the rest by due time, with no row lost or
    repeated across a page boundary, going forward or back."""
    quiet = [record(initial_rating="green") for _ in range(4)]
    alerted = [
        cs.contact_rate_initial(contact=record(initial_rating="green"), by=officer, rating="amber") for _ in range(2)
    ]
    rows = queue_contacts(user=manager, queue="duty", filters={})
    assert rows.count() == 6
    expected = [
        *sorted(alerted, key=lambda c: (c.alert_raised_at, c.pk)),
        *sorted(quiet, key=lambda c: (c.due_at, c.pk)),
    ]
    assert list(rows) == expected
    # A page of three holds both alerts and the first of the rest; no row is lost or repeated.
    for size in (3, 2, 1):
        pages = [queue_page(user=manager, queue="duty", filters={}, size=size)]
        while pages[-1].next:
            pages.append(queue_page(user=manager, queue="duty", filters={}, cursor=pages[-1].next, size=size))
        assert [c for page in pages for c in page] == expected, size
        assert [len(page) for page in pages] == [size] * (6 // size)
        back = [pages[-1]]
        while back[-1].previous:
            back.append(queue_page(user=manager, queue="duty", filters={}, cursor=back[-1].previous, size=size))
        assert [c for page in reversed(back) for c in page] == expected, size
    assert rows[2] == expected[2]
    assert overdue_count(user=manager, queue="duty") == 0


def test_r_time_1_a_sweep_that_listed_a_contact_another_request_just_handed_over_leaves_it(record, monkeypatch) -> None:
    """Two pages opened at the same moment both sweep: the one that locks the contact second finds it
    handed over already, and leaves it (before, the service refused to write no event: a 500)."""
    from frontdoor.contacts import alerts

    with time_machine.travel(at(2026, 11, 27, 19, 5), tick=False):
        contact = red_friday_evening(record)
        listed = [c.pk for c in alerts.contacts_due_out_of_hours(timezone.now())]  # read by the second request
        assert [h.contact for h in out_of_hours_sweep()] == [contact]  # the first request hands it over
        monkeypatch.setattr(alerts, "contacts_due_out_of_hours", lambda now: Contact.objects.filter(pk__in=listed))
        assert out_of_hours_sweep() == []
    assert OutOfHoursHandover.objects.filter(contact=contact).count() == 1


def test_r_time_1_a_page_hands_over_a_backlog_in_steps_the_longest_waiting_first(record, officer, client) -> None:
    """A backlog of contacts due to pass out of hours (the first evening after contacts were brought in, a
    scheduler that stopped) is not handed over in one page request that runs for minutes: each page opened
    hands over at most `PAGE_SWEEP`, the longest waiting first; the contact whose page is opened is handed
    over whatever its place; the worker hands over the rest (`frontdoor worker --once`)."""
    with time_machine.travel(at(2026, 11, 27, 19, 0), tick=False):
        backlog = [red_friday_evening(record) for _ in range(2 * alerts.PAGE_SWEEP + 3)]
    for minutes, contact in enumerate(reversed(backlog)):  # the first recorded has waited the longest
        Contact.objects.filter(pk=contact.pk).update(out_of_hours_pending_at=at(2026, 11, 27, 19, 0 + minutes))
    client.force_login(officer)

    def passed() -> set[int]:
        return set(OutOfHoursHandover.objects.values_list("contact_id", flat=True))

    with time_machine.travel(at(2026, 11, 27, 20, 0), tick=False):
        assert client.get("/contacts/?queue=duty").status_code == 200
        assert passed() == {c.pk for c in backlog[-alerts.PAGE_SWEEP :]}
        last = backlog[0]  # waited the least: not among the first handed over
        assert client.get(f"/contacts/{last.reference}/").status_code == 200
        assert last.pk in passed()
        assert passed() == {c.pk for c in [last, *backlog[-2 * alerts.PAGE_SWEEP :]]}
        call_command("worker", "--once", stdout=io.StringIO(), stderr=io.StringIO())
        assert passed() == {c.pk for c in backlog}
        assert out_of_hours_sweep() == []
