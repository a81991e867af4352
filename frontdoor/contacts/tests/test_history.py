"""A child's history at screening (R-CHK-1): earlier contacts and decisions, and re-referrals."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.history import child_chronology, contact_re_referrals, months_before
from frontdoor.contacts.selectors import contact_warnings
from frontdoor.contacts.services import ChildInput
from frontdoor.decisions.services import ChildDecision, decision_authorise

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def decided(record, officer, manager):  # noqa: ANN001, ANN201
    def make(*, received_at: datetime.datetime, outcome: str = "cfa", need: str = "cin_moderate", children=None):  # noqa: ANN001, ANN202
        contact = record(
            received_at=received_at,
            initial_rating="amber",
            consent_status="obtained",
            consent_given_by="Mum",
            children=children,
        )
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
        contact = cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation=outcome, recommendation_reason="As seen"
        )
        child = contact.people.first().person
        decision_authorise(
            contact=contact,
            manager=manager,
            rating="amber",
            rationale="Assess the family.",
            children=[ChildDecision(person_id=child.pk, opened=True, need_level=need, outcome=outcome)],
            version=contact.version,
        )
        contact.refresh_from_db()
        return contact, child

    return make


def test_months_before_is_calendar_months_in_london_time() -> None:
    assert months_before(at(2026, 12, 1, 9, 30), 12) == at(2025, 12, 1, 9, 30)
    assert months_before(at(2024, 2, 29, 10), 12) == at(2023, 2, 28, 10)
    assert months_before(at(2026, 5, 31, 10), 3) == at(2026, 2, 28, 10)


def test_r_chk_1_screening_shows_the_childs_earlier_contacts_and_decisions(
    decided,
    record,
    officer,
    make_user,
    client,  # noqa: ANN001
) -> None:
    first, child = decided(received_at=at(2026, 3, 2, 10))
    second = record(children=[ChildInput(person_id=child.pk)], received_at=at(2026, 11, 30, 9))
    later = record(children=[ChildInput(person_id=child.pk)])

    entries = child_chronology(user=officer, contact=second)
    assert [e.contact.reference for e in entries] == [first.reference]
    assert [d.outcome for d in entries[0].decisions] == ["cfa"]
    assert later.reference not in [e.contact.reference for e in child_chronology(user=officer, contact=second)]
    # Visibility comes from the access rules: a partner agency with no check on the earlier contact sees nothing.
    partner = make_user(Role.MASH_PARTNER, agency="police")
    assert child_chronology(user=partner, contact=second) == []

    client.force_login(officer)
    for name in ("contacts:detail", "contacts:screening"):
        page = client.get(reverse(name, args=[second.reference])).content.decode()
        assert "Earlier contacts about this child" in page
        assert first.reference in page
        assert "Child and Family Assessment" in page


def test_r_chk_1_re_referral_within_12_months_of_a_previous_referral(decided, record) -> None:  # noqa: ANN001
    first, child = decided(received_at=at(2025, 12, 1, 9, 0))
    within = record(children=[ChildInput(person_id=child.pk)], received_at=at(2026, 11, 30, 17, 0))
    assert [d.contact_id for d in contact_re_referrals(within)] == [first.pk]
    warning = next(w for w in contact_warnings(within) if "re-referral" in w)
    assert "Alfie Smith" in warning
    assert "1 December 2025" in warning
    assert "R-" not in warning

    # Just over 12 months after the earlier referral was received: not a re-referral.
    outside = record(children=[ChildInput(person_id=child.pk)], received_at=at(2026, 12, 1, 9, 1))
    assert contact_re_referrals(outside) == []
    assert not any("re-referral" in w for w in contact_warnings(outside))

    # Once this contact is itself a referral, the warning says so.
    second, _ = decided(received_at=at(2026, 11, 30, 18, 0), children=[ChildInput(person_id=child.pk)])
    assert any(
        w.startswith("This is a re-referral: Alfie Smith was referred on 1 December 2025")
        for w in contact_warnings(second)
    )


def test_r_chk_1_a_previous_contact_that_was_not_a_referral_does_not_count(decided, record) -> None:  # noqa: ANN001
    _, child = decided(received_at=at(2026, 6, 1, 9), outcome="early_help", need="not_cin")
    again = record(children=[ChildInput(person_id=child.pk)], received_at=at(2026, 11, 30, 9))
    assert contact_re_referrals(again) == []
    assert child_chronology(user=again.created_by, contact=again)[0].decisions[0].outcome == "early_help"
