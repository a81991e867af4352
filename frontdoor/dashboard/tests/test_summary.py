"""The dashboard's quick summaries (counted in the database, items built only for the rows listed) give
exactly what the sources' own `due_items` give, counted and cut the plain way (R-TIME-1)."""

import dataclasses
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact
from frontdoor.core.due import SECTIONS, Summary, Window, summary_of
from frontdoor.dashboard.sources import contact_due_items
from frontdoor.followup import due as followup_due
from frontdoor.followup.models import Feedback
from frontdoor.followup.services import feedback_give
from frontdoor.followup.tests.conftest import decided  # noqa: F401  # the fixture
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def _plain(found: Summary, window: Window) -> tuple[dict, list]:
    """The counts, and the items the dashboard would list: the first `limit` of each section."""
    counts = {key: n for key, n in found.counts.items() if n}
    items = sorted(
        (window.section(i.due_at), i.due_at, i.kind, i.label, i.url, i.team)
        for i in found.items
        if i.due_at < window.until and window.chosen(i)
    )
    return counts, [item for section in SECTIONS for item in [i for i in items if i[0] == section][: window.limit]]


def test_r_time_1_the_quick_summaries_agree_with_the_items_counted_one_by_one(
    record,  # noqa: ANN001
    decided,  # noqa: ANN001, F811
    officer,  # noqa: ANN001
    manager,  # noqa: ANN001
) -> None:
    with time_machine.travel(at(2026, 11, 30, 9, 0), tick=False):
        red = record(received_at=at(2026, 11, 30, 8, 30), initial_rating="red", consent_status="not_yet_sought")
        record(
            received_at=at(2026, 11, 30, 8, 40),
            initial_rating="amber",
            consent_status="obtained",
            consent_given_by="Mum",
        )
        record(
            received_at=at(2026, 11, 30, 8, 50),
            channel="police_notification",
            domestic_abuse=True,
            referrer_kind="anonymous",
            referrer_name="",
            referrer_agency="",
        )
        cs.contact_acknowledge(contact=red, by=officer)
        decided(received_at=at(2026, 11, 30, 8, 0))
        decided(received_at=at(2026, 11, 27, 16, 0), rating="green")
    failures, kinds, sections = [], set(), set()
    moments = [at(2026, 11, 30, 9, 30), at(2026, 11, 30, 13, 0), at(2026, 12, 1, 10, 0), at(2026, 12, 3, 17, 0)]
    for now in moments:
        midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), LONDON)
        choices = (
            ("", None, 100),
            ("", None, 1),
            ("Action for the rating", None, 100),
            ("", "ifd-mash", 1),
            ("", "", 100),
        )
        for kind, team, limit in choices:  # a limit of one: each source's cut to the first of each section
            soon = now + datetime.timedelta(hours=4)
            window = Window(now=now, soon=soon, until=midnight, kind=kind, team=team, limit=limit)
            with time_machine.travel(now, tick=False):
                for source in (contact_due_items, followup_due.due_items):
                    quick = _plain(source.summary(manager, window), window)  # type: ignore[attr-defined]
                    plain = _plain(summary_of(source(manager, window.until), window), window)
                    if quick != plain:
                        failures.append((now, kind, team, source.__name__, quick, plain))
                    kinds |= {item_kind for item_kind, _, _ in plain[0]}
                    sections |= {section for _, _, section in plain[0]}
    assert not failures
    assert sections == set(SECTIONS)
    assert kinds == {
        "Acknowledgement to the referrer",
        "Action for the rating",
        "Outcome to the referrer",
        "Request for the missing DASH",
        "Review of the need for consent",
        "Threshold decision",
        "Written follow-up from the referrer",
    }


def test_r_time_1_the_quick_summary_follows_each_clock_by_status_and_leaves_out_a_restricted_child(
    record,  # noqa: ANN001
    officer,  # noqa: ANN001
    manager,  # noqa: ANN001
    settings,  # noqa: ANN001
) -> None:
    """The contacts' clocks are counted per team and status: under a profile with a separate disposal clock
    (004), the level of response stops counting once the contact is sent for a decision and the disposal
    goes on; a contact about a restricted child the manager may not see is counted nowhere (R-ACC-1)."""
    settings.FRONTDOOR_PROFILE = "mash"
    with time_machine.travel(at(2026, 11, 30, 9, 0), tick=False):
        screening = record(received_at=at(2026, 11, 30, 8, 30), initial_rating="standard")
        sent = record(received_at=at(2026, 11, 30, 8, 40), initial_rating="standard")
        sent = cs.contact_update(contact=sent, by=officer, version=sent.version, screening_nature="Bruise")
        sent = cs.contact_submit_for_decision(
            contact=sent, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )
        hidden = record(received_at=at(2026, 11, 30, 8, 50), initial_rating="standard")
        Person.objects.filter(pk__in=hidden.people.values("person_id")).update(restricted=True)
    assert sent.status == "awaiting_decision"
    assert screening.status == "received"
    failures, labels = [], set()
    for now in (at(2026, 11, 30, 9, 30), at(2026, 12, 1, 10, 0), at(2026, 12, 2, 17, 0)):
        midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), LONDON)
        window = Window(now=now, soon=now + datetime.timedelta(hours=4), until=midnight)
        with time_machine.travel(now, tick=False):
            quick = _plain(contact_due_items.summary(manager, window), window)  # type: ignore[attr-defined]
            plain = _plain(summary_of(contact_due_items(manager, window.until), window), window)
        if quick != plain:
            failures.append((now, quick, plain))
        labels |= {label for _, _, _, label, _, _ in plain[1]}
    assert not failures
    assert {"Decision on the level of response", "Decision on the disposal"} <= {kind for kind, _, _ in plain[0]} | {
        kind for _, _, kind, _, _, _ in plain[1]
    }
    assert not any(label.startswith(hidden.reference) for label in labels)
    assert any(label.startswith(sent.reference) for label in labels)


def test_r_fb_1_the_outcome_is_owed_again_after_a_later_decision_and_while_its_email_is_held(
    decided,  # noqa: ANN001, F811
    social_worker,  # noqa: ANN001
    manager,  # noqa: ANN001
) -> None:
    """Only an outcome sent since the contact's latest decision, and not held back, settles what is owed: the
    quick summary and the items counted one by one agree at each step."""
    received = at(2026, 11, 24, 10, 0)
    with time_machine.travel(received + datetime.timedelta(minutes=10), tick=False):
        told, held = decided(received_at=received), decided(received_at=received)
    with time_machine.travel(received + datetime.timedelta(hours=2), tick=False):
        for contact in (told, held):
            feedback_give(
                contact=contact, by=social_worker, kind="outcome", method="phone", to_whom="Sam", text="Outcome"
            )
    Feedback.objects.filter(contact=held).update(email_held=True)
    now = at(2026, 11, 30, 10, 0)
    window = Window(now=now, soon=now + datetime.timedelta(hours=4), until=at(2026, 12, 1, 0, 0))

    def owed() -> tuple[set[str], set[str]]:
        with time_machine.travel(now, tick=False):
            quick = followup_due.due_items.summary(manager, window)  # type: ignore[attr-defined]
            plain = summary_of(followup_due.due_items(manager, window.until), window)
        return {i.label.split()[0] for i in quick.items}, {i.label.split()[0] for i in plain.items}

    assert owed() == ({held.reference}, {held.reference})
    Contact.objects.filter(pk=told.pk).update(decided_at=received + datetime.timedelta(hours=3))  # decided again
    assert owed() == ({told.reference, held.reference}, {told.reference, held.reference})


def test_r_int_6_the_written_follow_ups_are_counted_and_cut_as_one_by_one_with_equal_due_times(
    record,  # noqa: ANN001
    manager,  # noqa: ANN001
) -> None:
    """The clocks computed from receipt are put in order of receipt and found by halving: with several due at
    the same moment (received while the office was closed, recorded latest first so that the order of receipt
    is not the order of reference) and some in another team, every section's count and its first items (by
    due time, then what, then which) are those counted one by one (R-INT-6, R-TIME-1)."""
    received = [at(2026, 11, 30, 8, 30), at(2026, 11, 28, 11, 0), at(2026, 11, 27, 22, 0), at(2026, 11, 27, 18, 0)]
    received += [at(2026, 11, 30, 10, 0), at(2026, 11, 30, 11, 0), at(2026, 11, 30, 11, 0), at(2026, 11, 30, 14, 0)]
    contacts = []
    for moment in received:
        with time_machine.travel(moment, tick=False):
            contacts.append(record(received_at=moment, initial_rating="green"))
    assert all(contact.written_follow_up_required for contact in contacts)
    Contact.objects.filter(pk__in=[contacts[1].pk, contacts[5].pk]).update(team_key="early-help-hub")
    follow_up = "Written follow-up from the referrer"
    failures, sections, longest = [], set(), 0
    for now in (at(2026, 12, 2, 7, 0), at(2026, 12, 2, 10, 30), at(2026, 12, 2, 11, 0), at(2026, 12, 2, 20, 0)):
        midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), LONDON)
        for kind, team, limit in (
            ("", None, 1),
            (follow_up, None, 1),
            (follow_up, None, 2),
            ("", "early-help-hub", 1),
            (follow_up, "ifd-mash", 3),
            ("", None, 100),
        ):
            window = Window(now=now, soon=now + datetime.timedelta(hours=4), until=midnight, kind=kind, team=team)
            window = dataclasses.replace(window, limit=limit)
            with time_machine.travel(now, tick=False):
                quick = _plain(contact_due_items.summary(manager, window), window)  # type: ignore[attr-defined]
                plain = _plain(summary_of(contact_due_items(manager, window.until), window), window)
            if quick != plain:
                failures.append((now, kind, team, limit, quick, plain))
            counted = [(s, n) for (k, _, s), n in plain[0].items() if k == follow_up]
            sections |= {s for s, _ in counted}
            longest = max([longest, *(n for _, n in counted)])
    assert not failures
    assert sections == set(SECTIONS)
    assert longest >= 4
