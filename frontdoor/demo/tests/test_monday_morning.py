"""The demo reads like a real Monday morning at the front door, relative to the moment it is loaded:
most open work in time, some due within the hour, a few overdue; several workers and teams; stories
that agree with their fields; a restricted record; partner checks waiting; history in order."""

import datetime
from collections import Counter
from collections.abc import Iterator

import pytest
import time_machine
from django.db import transaction

from frontdoor.access.models import Bar, LockDownRequest
from frontdoor.access.policy import contacts_visible_to
from frontdoor.accounts.models import Role, User
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import OPEN_STATUSES, AgencyCheck, AgencyKind, Contact, ReferrerKind
from frontdoor.decisions.choices import STRATEGY_OUTCOMES, NeedLevel, Outcome
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.demo.loader import load_demo
from frontdoor.demo.stories import CLOSING
from frontdoor.people.models import Person
from frontdoor.procedures.calendar import LONDON
from frontdoor.procedures.loader import get_profile

pytestmark = pytest.mark.django_db
MONDAY_MORNING = datetime.datetime(2026, 11, 30, 9, 40, tzinfo=LONDON)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[datetime.datetime]:  # noqa: ANN001
    """The demo loaded once for the module, in a transaction rolled back at its end (each test's own
    transaction is a savepoint inside it), so every test reads the same Monday morning."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(MONDAY_MORNING, tick=False):
            load_demo(people=150, contacts=40)
        yield MONDAY_MORNING
        transaction.set_rollback(True)


def _level(rating: str) -> int:
    return [r.key for r in get_profile().ratings].index(rating)


def test_most_open_work_is_in_time_some_due_within_the_hour_a_few_overdue(demo: datetime.datetime) -> None:
    dues = [c.due_at - demo for c in Contact.objects.filter(status__in=OPEN_STATUSES, due_at__isnull=False)]
    assert len(dues) >= 15
    overdue = [d for d in dues if d < datetime.timedelta(0)]
    within_hour = [d for d in dues if datetime.timedelta(0) <= d <= datetime.timedelta(hours=1)]
    in_time = [d for d in dues if d > datetime.timedelta(hours=1)]
    assert within_hour, "something is due within the hour"
    assert overdue, "a few are overdue"
    assert len(overdue) <= len(dues) * 0.25
    assert len(in_time) >= len(dues) * 0.55


def test_several_workers_and_teams_share_the_work(demo: datetime.datetime) -> None:
    open_contacts = Contact.objects.filter(status__in=OPEN_STATUSES, assigned_to__isnull=False)
    assert len(set(open_contacts.values_list("assigned_to", flat=True))) >= 3
    assert len(set(Contact.objects.values_list("team_key", flat=True))) >= 3
    deciders = set(ThresholdDecision.objects.values_list("authorised_by", flat=True))
    recorders = set(Contact.objects.values_list("created_by", flat=True))
    assert len(deciders) >= 2
    assert len(recorders) >= 2


def test_stories_agree_with_their_fields(demo: datetime.datetime) -> None:
    for contact in Contact.objects.all():
        if contact.referrer_agency_kind == AgencyKind.EDUCATION:
            assert contact.referrer_kind == ReferrerKind.PROFESSIONAL
            assert contact.referrer_agency.endswith(("School", "Academy", "Nursery")), contact.referrer_agency
            assert "safeguarding lead" in contact.referrer_role or contact.referrer_role in (
                "Class teacher",
                "Attendance officer",
                "Head of year",
            )
        if "school" in contact.reason.lower() and contact.referrer_kind == ReferrerKind.PROFESSIONAL:
            assert contact.referrer_agency_kind in (AgencyKind.EDUCATION, AgencyKind.HEALTH), contact.reason
        if contact.domestic_abuse:
            assert contact.from_police, contact.reason
            assert contact.da_risk
    for decision in ThresholdDecision.objects.select_related("contact"):
        level, rating = _level(decision.rating), get_profile().rating(decision.rating)
        if not rating.safeguarding:  # a Green (or Blue) never goes to a strategy discussion
            assert decision.outcome not in STRATEGY_OUTCOMES
            assert decision.need_level not in (NeedLevel.SIGNIFICANT_HARM, NeedLevel.IMMEDIATE_PROTECTION)
        if level == 0:
            assert decision.outcome in (Outcome.INFORMATION_ADVICE, Outcome.SIGNPOSTING, Outcome.NFA)
        if decision.outcome in STRATEGY_OUTCOMES:
            assert decision.need_level in (NeedLevel.SIGNIFICANT_HARM, NeedLevel.IMMEDIATE_PROTECTION)
        if decision.contact.status == "closed":
            assert decision.contact.closing_summary == CLOSING[decision.outcome]


def test_history_is_in_order_and_nothing_is_in_the_future(demo: datetime.datetime) -> None:
    for contact in Contact.objects.all():
        events = list(
            AuditEvent.objects.filter(object_type="contacts.contact", object_id=str(contact.pk))
            .order_by("id")
            .values_list("at", flat=True)
        )
        assert events == sorted(events), contact.reference
        assert contact.received_at <= events[0] <= events[-1] <= demo
        assert contact.received_at <= contact.created_at <= demo
        moments = [contact.received_at, contact.decided_at, contact.closed_at]
        known = [m for m in moments if m is not None]
        assert known == sorted(known)
        assert known[-1] <= demo
    assert not AuditEvent.objects.filter(at__gt=demo).exists()


def test_a_restricted_record_with_a_contact_about_it(demo: datetime.datetime) -> None:
    restricted = Person.objects.filter(restricted=True)
    assert restricted.exists()
    about = Contact.objects.filter(people__person__in=restricted).distinct()
    assert about.exists()
    # R-ACC-2: named to those who work the contact, a relative barred, hidden from the other colleagues
    named = User.objects.filter(username__in=[Role.TEAM_MANAGER, Role.DUTY_SOCIAL_WORKER, Role.HEAD_OF_SERVICE])
    for user in named:
        # a contact about staff (R-INT-7) is further kept to the managers, its recorder and its worker
        expected = about if user.username != Role.DUTY_SOCIAL_WORKER else about.filter(staff_related=False)
        assert set(contacts_visible_to(user).filter(pk__in=about)) >= set(expected), user.username
    assert about.filter(staff_related=False).exists()
    barred = Bar.objects.get(person__in=restricted, lifted_at__isnull=True).user
    others = User.objects.filter(groups__name=Role.DUTY_SOCIAL_WORKER).exclude(pk__in=named)
    assert barred in others
    for user in others:
        assert not contacts_visible_to(user).filter(pk__in=about).exists(), user.username


def test_a_business_support_managers_lock_down_request_waits_for_a_manager(demo: datetime.datetime) -> None:
    # R-ACC-2, 002 s2: "A manager or relevant business support manager may request 'ACL'"
    waiting = LockDownRequest.objects.get(status=LockDownRequest.Status.OPEN, person__isnull=False)
    assert waiting.requested_by.username == Role.BUSINESS_SUPPORT_MANAGER
    assert not waiting.person.restricted
    assert waiting.barred_users.exists()


def test_lock_down_requests_made_by_description_wait_for_a_manager_and_for_a_record(
    demo: datetime.datetime,
) -> None:
    # R-ACC-2 (ADR 0016): asked for without the record; one for a manager to find, one waiting for a record
    described = LockDownRequest.objects.filter(
        person__isnull=True, requested_by__username=Role.BUSINESS_SUPPORT_MANAGER
    )
    to_find = described.get(status=LockDownRequest.Status.OPEN)
    assert Person.objects.filter(family_name=to_find.described_family_name).exists()
    for_record = described.get(status=LockDownRequest.Status.WAITING)
    assert for_record.decided_by.username == Role.TEAM_MANAGER
    assert not Person.objects.filter(family_name=for_record.described_family_name).exists()
    assert for_record.barred_users.exists()


def test_every_partner_agency_has_a_check_waiting_for_it(demo: datetime.datetime) -> None:
    partners = User.objects.exclude(agency="")
    assert set(partners.values_list("agency", flat=True)) == {a.key for a in get_profile().check_agencies}
    waiting = Counter(AgencyCheck.objects.filter(responded_at__isnull=True).values_list("agency", flat=True))
    for partner in partners:
        assert waiting[partner.agency] >= 1, partner.agency
    assert AgencyCheck.objects.filter(responded_at__isnull=False).exists()
