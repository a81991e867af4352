"""Retention: the profile's periods (`[retention]`) list records past them, newest-due first, for the
information governance officer to keep longer or mark for deletion; nothing is ever deleted."""

import datetime
import pathlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

import frontdoor
from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import ChildInput
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.procedures.loader import get_profile
from frontdoor.records.models import RetentionReview
from frontdoor.records.retention import retention_list
from frontdoor.records.services import retention_review_record
from frontdoor.strategy.testing import decide_for_strategy

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
THEN = datetime.datetime(2012, 5, 14, 10, 0, tzinfo=LONDON)
BORN = datetime.date(2011, 3, 27)  # Alfie, a baby in 2012: a child until 2029, 25 in 2036


@pytest.fixture
def ig(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.INFORMATION_GOVERNANCE)


def _decided_no_further(contact: Contact, officer, manager) -> Contact:  # noqa: ANN001
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Worry")
    contact = cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="nfa", recommendation_reason="No concerns found"
    )
    child = contact.people.get(role="subject").person_id
    decision_authorise(
        contact=contact,
        manager=manager,
        rating="green",
        rationale="No concerns found on checking.",
        children=[ChildDecision(person_id=child, opened=True, need_level="not_cin", outcome="nfa")],
        version=contact.version,
    )
    return Contact.objects.get(pk=contact.pk)


@pytest.fixture
def old_records(record, officer, manager):  # noqa: ANN001, ANN201
    """A contact closed with no further action and a referral, both in 2012, about Alfie, born in 2011."""
    with time_machine.travel(THEN, tick=False):
        alfie = [ChildInput(given_names="Alfie", family_name="Smith", date_of_birth=BORN, sex="M", postcode="CB1 2AB")]
        went_no_further = _decided_no_further(
            record(children=alfie, received_at=THEN, initial_rating="green"), officer, manager
        )
        cs.contact_close(contact=went_no_further, by=manager, summary="Advice given.", outstanding_reason="Test.")
        referral = decide_for_strategy(record(children=alfie, received_at=THEN, initial_rating="red"), officer, manager)
    return went_no_further, referral


def _titles(items: list) -> list[str]:
    return [item.title for item in items]


def test_retention_a_contact_that_went_no_further_is_due_after_the_profiles_years(old_records, settings) -> None:
    went_no_further, referral = old_records
    years = get_profile().retention.contact_years
    due_on = datetime.date(2012 + years, 5, 14)
    assert f"Contact {went_no_further.reference}" not in _titles(
        retention_list(due_on - datetime.timedelta(days=1))["due"]
    )
    listed = retention_list(due_on)["due"]
    assert [(i.title, i.due_on) for i in listed] == [(f"Contact {went_no_further.reference}", due_on)]
    # the audit log and the referral have longer periods
    assert f"Referral {referral.reference}" not in _titles(listed)


def test_retention_a_referral_is_kept_until_its_youngest_child_is_the_profiles_age(old_records) -> None:
    _, referral = old_records
    age = get_profile().retention.referral_until_age
    birthday = BORN.replace(year=BORN.year + age)
    before = retention_list(birthday - datetime.timedelta(days=1))["due"]
    assert f"Referral {referral.reference}" not in _titles(before)
    after = retention_list(birthday)["due"]
    assert f"Referral {referral.reference}" in _titles(after)
    assert f"Contact {old_records[0].reference}" in _titles(after)


def test_retention_the_list_is_newest_due_first_and_includes_the_audit_log(old_records) -> None:
    listed = retention_list(datetime.date(2045, 1, 1))["due"]
    dues = [item.due_on for item in listed]
    assert dues == sorted(dues, reverse=True)
    assert "Audit events of May 2012" in _titles(listed)


def test_retention_a_decision_is_recorded_and_audited_and_deletes_nothing(old_records, ig) -> None:
    went_no_further, _ = old_records
    counts = (Contact.objects.count(), AuditEvent.objects.count())
    with time_machine.travel(datetime.datetime(2019, 6, 1, 9, tzinfo=LONDON), tick=False):
        review = retention_review_record(
            kind="contact", object_id=str(went_no_further.pk), by=ig, decision="delete", reason="No further need."
        )
        assert review.due_on == datetime.date(2018, 5, 14)
        listed = retention_list()
    assert _titles(listed["marked"]) == [f"Contact {went_no_further.reference}"]
    assert f"Contact {went_no_further.reference}" not in _titles(listed["due"])
    assert Contact.objects.filter(pk=went_no_further.pk).exists()
    assert Contact.objects.count() == counts[0]
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_REVIEWED).count() == 1
    assert AuditEvent.objects.count() == counts[1] + 1


def test_retention_kept_until_a_date_comes_back_on_that_date(old_records, ig) -> None:
    went_no_further, _ = old_records
    with time_machine.travel(datetime.datetime(2019, 6, 1, 9, tzinfo=LONDON), tick=False):
        with pytest.raises(ServiceError) as raised:
            retention_review_record(
                kind="contact", object_id=str(went_no_further.pk), by=ig, decision="keep", reason="Court case."
            )
        assert raised.value.field == "keep_until"
        retention_review_record(
            kind="contact",
            object_id=str(went_no_further.pk),
            by=ig,
            decision="keep",
            keep_until=datetime.date(2021, 1, 1),
            reason="A court case is pending.",
        )
        assert [i for i in retention_list()["due"] if i.kind == "contact"] == []
    assert f"Contact {went_no_further.reference}" in _titles(retention_list(datetime.date(2021, 1, 1))["due"])


def test_retention_only_a_record_past_its_period_and_only_information_governance(old_records, ig, manager) -> None:
    went_no_further, referral = old_records
    with time_machine.travel(datetime.datetime(2019, 6, 1, 9, tzinfo=LONDON), tick=False):
        with pytest.raises(ServiceError, match="not past its retention period"):
            retention_review_record(kind="referral", object_id=str(referral.pk), by=ig, decision="delete", reason="x")
        with pytest.raises(PermissionDenied):
            retention_review_record(
                kind="contact", object_id=str(went_no_further.pk), by=manager, decision="delete", reason="x"
            )


def test_retention_the_officer_reviews_from_the_list(old_records, ig) -> None:
    went_no_further, _ = old_records
    client = Client()
    client.force_login(ig)
    with time_machine.travel(datetime.datetime(2019, 6, 1, 9, tzinfo=LONDON), tick=False):
        page = client.get("/records/retention/").content.decode()
        url = f"/records/retention/contact/{went_no_further.pk}/"
        assert url in page
        sent = client.post(url, {"decision": "keep", "keep_until_0": "1", "keep_until_1": "1", "keep_until_2": "2018"})
        assert sent.status_code == 200
        assert "Keep it until" in sent.content.decode()
        sent = client.post(url, {"decision": "delete", "reason": "Closed, no further need."})
        assert sent.status_code == 302
    assert RetentionReview.objects.get().reviewed_by == ig


def test_retention_nothing_in_front_door_deletes_a_record_by_itself() -> None:
    """Nothing is deleted automatically, ever: no module of the records app and no command deletes rows."""
    root = pathlib.Path(frontdoor.__file__).parent
    modules = [*root.glob("records/**/*.py"), *root.glob("*/management/commands/*.py")]
    offenders = [
        str(path.relative_to(root))
        for path in modules
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and (".delete(" in (text := path.read_text()) or "DELETE FROM" in text.upper())
    ]
    assert len(modules) > 10
    assert not offenders, offenders


def test_retention_every_period_is_the_profiles(old_records, officer, manager, social_worker) -> None:
    """Each `[retention]` key moves its own kind of record on the list, and nothing else."""
    from unittest import mock

    from frontdoor.registers.services import consultation_record
    from frontdoor.strategy.services import strategy_worker_allocate

    _, referral = old_records
    with time_machine.travel(THEN, tick=False):
        strategy_worker_allocate(contact=referral, manager=manager, social_worker=social_worker)
        consultation_record(
            by=officer,
            consulted_at=THEN,
            professional_name="Helen Marsh",
            agency="St Mary's Primary School",
            child_family_name="Ashworth",
            concern="Late most mornings.",
            caller_told_not_recorded=True,
        )
    profile = get_profile()
    day = datetime.date(2034, 1, 1)  # Alfie (born 2011) is 22; the referral and its meeting are kept until 25
    kinds = {item.kind for item in retention_list(day)["due"]}
    assert kinds == {"contact", "consultation", "audit_month"}
    changed = profile.retention.model_copy(
        update={"consultation_years": 40, "strategy_meeting_until_age": 18, "audit_event_years": 50}
    )
    with mock.patch(
        "frontdoor.records.retention.get_profile", return_value=profile.model_copy(update={"retention": changed})
    ):
        kinds = {item.kind for item in retention_list(day)["due"]}
    assert kinds == {"contact", "strategy_meeting"}
