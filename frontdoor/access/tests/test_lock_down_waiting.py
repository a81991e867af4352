"""R-ACC-2, 002 s2: "This may include preventing a member of staff from accessing their own child's record." A
lock-down asked for by description for a child with no record yet is kept waiting for one: whichever path
creates the record (a contact, the CSV import, a merge's kept record), a likely match is locked down as asked
from its first moment and the manager who kept the request is told to confirm it; a possible match applies
nothing and the manager is told to look. The requester is told only that it was dealt with, before and after
(ADR 0016)."""

import datetime
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.access import services as acs
from frontdoor.access.models import Bar, LockDownRequest
from frontdoor.access.tests.test_every_page_markup import problems
from frontdoor.accounts.models import Role, User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.services import ChildInput
from frontdoor.core.errors import ServiceError
from frontdoor.outbox.models import OutboxMessage
from frontdoor.people.importer import people_import
from frontdoor.people.merging import person_merge
from frontdoor.people.models import Person
from frontdoor.people.services import person_create, person_record_birth

pytestmark = pytest.mark.django_db

BORN = datetime.date(2015, 3, 27)


@pytest.fixture
def bsm(make_user) -> User:  # noqa: ANN001
    return make_user(Role.BUSINESS_SUPPORT_MANAGER, "bs-manager", email="bsm@cambridgeshire.gov.uk")


@pytest.fixture
def parent(make_user) -> User:  # noqa: ANN001
    """A duty social worker whose own child is described: no record of the child is held yet."""
    return make_user(Role.DUTY_SOCIAL_WORKER, "parent")


@pytest.fixture
def head(make_user) -> User:  # noqa: ANN001
    return make_user(Role.HEAD_OF_SERVICE, "head", email="head@cambridgeshire.gov.uk")


@pytest.fixture
def keeper(make_user) -> User:  # noqa: ANN001
    """The team manager who keeps the request waiting for a record."""
    return make_user(Role.TEAM_MANAGER, "keeper", email="keeper@cambridgeshire.gov.uk")


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _asked(bsm: User, parent: User, *, restrict: bool = False, named: list[User] = ()) -> LockDownRequest:  # type: ignore[assignment]
    return acs.access_lock_down_request(
        described=acs.Described("Alfie", "Smith", BORN, "Her son, who lives with her on Mill Road."),
        by=bsm,
        reason="A colleague's own son.",
        restrict=restrict,
        named=list(named),
        barred=[parent],
    )


def _kept_waiting(bsm: User, parent: User, keeper: User, **asked: object) -> LockDownRequest:
    request = _asked(bsm, parent, **asked)  # type: ignore[arg-type]
    answer = _signed_in(keeper).post(
        reverse("access:lock-down-request", args=[request.pk]),
        {"family_name": "Smith", "given_names": "Alfie", "outcome": "wait", "reason": "No record held yet."},
    )
    assert answer.status_code == 302
    request.refresh_from_db()
    return request


def _requester_sees(client: Client) -> str:
    page = client.get(reverse("access:requests")).content.decode()
    return page[page.index("Your requests") :]


def _alfie(**extra: object) -> ChildInput:
    values = {"given_names": "Alfie", "family_name": "Smith", "date_of_birth": BORN, "sex": "M", "postcode": "CB1 2AB"}
    return ChildInput(**{**values, **extra})  # type: ignore[arg-type]


def test_r_acc_2_a_request_for_a_child_with_no_record_waits_and_is_shown_to_deciders(
    bsm, parent, keeper, head  # noqa: ANN001
) -> None:
    waiting = _kept_waiting(bsm, parent, keeper)
    assert (waiting.status, waiting.decided_by, waiting.person) == (LockDownRequest.Status.WAITING, keeper, None)
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_WAITING)
    assert (event.actor, event.object_id) == (keeper, str(waiting.pk))
    told = OutboxMessage.objects.get(kind="lock_down_outcome")
    assert told.subject == "Your lock-down request has been dealt with"
    page = _signed_in(head).get(reverse("access:requests")).content.decode()
    section = page[page.index("Waiting for a record") : page.index("Your requests")]
    assert "Alfie Smith, born 27 March 2015" in section
    assert "Her son, who lives with her on Mill Road." in section
    assert "Asked 0" in section  # its age ("0 minutes ago")
    request_page = _signed_in(head).get(reverse("access:lock-down-request", args=[waiting.pk])).content.decode()
    assert "Waiting for a record since" in request_page
    assert problems("waiting", page) + problems("waiting request", request_page) == []  # CSP, CSRF
    assert "Dealt with" in _requester_sees(_signed_in(bsm))
    with pytest.raises(ServiceError, match="waiting for a record"):
        acs.access_lock_down_decline(lock_down=waiting, by=head, reason="x")


def test_r_acc_2_a_barred_worker_gets_404_on_their_childs_new_record_at_once(
    bsm, parent, keeper, record  # noqa: ANN001
) -> None:
    waiting = _kept_waiting(bsm, parent, keeper, restrict=True)
    # the worker records a contact about their own child: the record is created, and barred to them in the same call
    contact = record(children=[_alfie()], by=parent)
    child = contact.people.get().person
    assert Bar.objects.filter(person=child, user=parent, lifted_at__isnull=True).exists()
    worker = _signed_in(parent)
    assert worker.get(reverse("people:detail", args=[child.pk])).status_code == 404
    assert worker.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    waiting.refresh_from_db()
    assert (waiting.status, waiting.person, waiting.to_confirm) == (LockDownRequest.Status.APPLIED, child, True)
    assert acs.current_restriction(child) is not None
    assert keeper in acs.current_restriction(child).named_users.all()  # type: ignore[union-attr]
    found = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_FOUND_LIKELY)
    assert (found.actor, found.object_id, found.detail["request"]) == (keeper, str(child.pk), waiting.pk)
    assert AuditEvent.objects.get(action=AuditAction.ACCESS_BARRED).actor == keeper
    email = OutboxMessage.objects.get(kind="lock_down_found")
    assert email.to_address == keeper.email
    assert "likely the child" in email.body
    assert "Alfie" not in email.body
    assert "Smith" not in email.body


def test_r_acc_2_the_requester_sees_the_same_whether_or_not_a_record_appeared(
    bsm, parent, keeper, record  # noqa: ANN001
) -> None:
    _kept_waiting(bsm, parent, keeper)
    asking = _signed_in(bsm)
    before = _requester_sees(asking)
    emails = list(OutboxMessage.objects.filter(recipient=bsm).values_list("pk", flat=True))
    record(children=[_alfie()])
    assert Bar.objects.filter(user=parent).exists()  # the record appeared and was locked down
    assert _requester_sees(asking) == before
    assert list(OutboxMessage.objects.filter(recipient=bsm).values_list("pk", flat=True)) == emails
    assert "Dealt with" in before
    assert "Applied" not in before
    assert "Waiting for a record" not in before


def test_r_acc_2_a_possible_match_applies_nothing_and_the_manager_is_told_to_look(
    bsm, parent, keeper, record  # noqa: ANN001
) -> None:
    waiting = _kept_waiting(bsm, parent, keeper, restrict=True)
    contact = record(children=[_alfie(date_of_birth=datetime.date(2015, 7, 27))])  # four months out: possible
    child = contact.people.get().person
    assert not Bar.objects.exists()
    assert not child.restricted
    waiting.refresh_from_db()
    assert (waiting.status, waiting.person) == (LockDownRequest.Status.WAITING, None)
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_FOUND_POSSIBLE)
    assert (event.actor, event.object_id, event.detail["person"]) == (keeper, str(waiting.pk), child.pk)
    email = OutboxMessage.objects.get(kind="lock_down_found")
    assert "may be the child" in email.body
    assert "Nothing has been applied" in email.body
    assert _signed_in(parent).get(reverse("people:detail", args=[child.pk])).status_code == 200
    # the manager finds it from the request and applies it; the requester is told nothing more
    deciding = _signed_in(keeper)
    page = deciding.get(reverse("access:lock-down-request", args=[waiting.pk])).content.decode()
    assert f'name="person" type="radio" value="{child.pk}"' in page
    told = OutboxMessage.objects.filter(kind="lock_down_outcome").count()
    deciding.post(
        reverse("access:lock-down-request", args=[waiting.pk]),
        {"family_name": "Smith", "given_names": "Alfie", "outcome": "apply", "person": child.pk},
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.person, waiting.decided_by) == (LockDownRequest.Status.APPLIED, child, keeper)
    assert not waiting.to_confirm
    assert Bar.objects.filter(person=child, user=parent).exists()
    assert OutboxMessage.objects.filter(kind="lock_down_outcome").count() == told


@pytest.mark.parametrize("scored_alone", [100, 0], ids=["each record scored alone first", "searched at once"])
def test_r_acc_2_a_record_from_the_csv_import_is_checked_against_waiting_requests(
    bsm, parent, keeper, tmp_path: Path, scored_alone: int, monkeypatch  # noqa: ANN001
) -> None:
    from frontdoor.access.services import waiting

    monkeypatch.setattr(waiting, "SCORED_ALONE", scored_alone)  # a small import, or one as large as a file's
    _kept_waiting(bsm, parent, keeper)
    path = tmp_path / "people.csv"
    path.write_text(
        "person_id,given_names,family_name,date_of_birth,sex,postcode\n"
        "CS-1,Maisie,Jones,2014-01-02,F,CB1 1AA\n"
        "CS-2,Alfie,Smith,2015-03-27,M,CB1 2AB\n"
    )
    people_import(path=path, actor=None)
    child = Person.objects.get(source_id="CS-2")
    assert list(Bar.objects.filter(lifted_at__isnull=True).values_list("person_id", "user_id")) == [
        (child.pk, parent.pk)
    ]
    assert _signed_in(parent).get(reverse("people:detail", args=[child.pk])).status_code == 404
    people_import(path=path, actor=None)  # imported again: nothing new, nothing more applied
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_LOCK_DOWN_FOUND_LIKELY).count() == 1


def test_r_acc_2_a_merges_kept_record_is_checked_against_waiting_requests(
    bsm, parent, keeper, manager, officer  # noqa: ANN001
) -> None:
    kept = person_create(created_by=officer, given_names="Alfie", family_name="Smith", postcode="CB1 2AB")
    duplicate = person_create(created_by=officer, given_names="Baby", family_name="Smith", date_of_birth=BORN)
    _kept_waiting(bsm, parent, keeper)  # neither record alone is likely the child
    assert not Bar.objects.exists()
    person_merge(duplicate=duplicate, kept=kept, merged_by=manager, reason="The same child.")
    assert Bar.objects.filter(person=kept, user=parent, lifted_at__isnull=True).exists()


def test_r_acc_2_a_baby_born_is_checked_against_waiting_requests(
    bsm, parent, keeper, officer, social_worker  # noqa: ANN001
) -> None:
    due = datetime.date(2015, 3, 20)
    unborn = person_create(
        created_by=officer, given_names="Baby", family_name="Smith", is_unborn=True, expected_delivery_date=due
    )
    _kept_waiting(bsm, parent, keeper)  # the unborn record alone is not likely the child
    assert not Bar.objects.exists()
    person_record_birth(person=unborn, by=social_worker, date_of_birth=BORN, sex="M", given_names="Alfie")
    assert Bar.objects.filter(person=unborn, user=parent, lifted_at__isnull=True).exists()


def test_r_acc_2_the_manager_confirms_a_record_found_or_lifts_what_was_applied(
    bsm, parent, keeper, record  # noqa: ANN001
) -> None:
    waiting = _kept_waiting(bsm, parent, keeper)
    child = record(children=[_alfie()]).people.get().person
    deciding = _signed_in(keeper)
    listed = deciding.get(reverse("access:requests")).content.decode()
    assert "Applied to a new record: to confirm" in listed
    page = deciding.get(reverse("access:lock-down-request", args=[waiting.pk])).content.decode()
    assert "Confirm it is the child" in page
    assert problems("to confirm", page) + problems("to confirm list", listed) == []  # CSP, CSRF
    assert reverse("access:manage", args=[child.pk]) in page  # where its bars are lifted
    deciding.post(reverse("access:lock-down-request", args=[waiting.pk]), {"outcome": "confirm"})
    waiting.refresh_from_db()
    assert (waiting.confirmed_by, waiting.to_confirm) == (keeper, False)
    assert AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_CONFIRMED).actor == keeper
    assert "Applied to a new record: to confirm" not in deciding.get(reverse("access:requests")).content.decode()
    with pytest.raises(ServiceError, match="nothing to confirm"):
        acs.access_lock_down_confirm(lock_down=waiting, by=keeper)


def test_r_acc_2_a_closed_request_no_longer_waits_and_its_requester_is_not_told(
    bsm, parent, keeper, record  # noqa: ANN001
) -> None:
    waiting = _kept_waiting(bsm, parent, keeper)
    asking = _signed_in(bsm)
    before = _requester_sees(asking)
    deciding = _signed_in(keeper)
    url = reverse("access:lock-down-request", args=[waiting.pk])
    blank = deciding.post(url, {"family_name": "Smith", "outcome": "close", "reason": " "})
    assert 'id="id_reason-error"' in blank.content.decode()
    assert "Enter why you are closing the request" in blank.content.decode()
    deciding.post(url, {"family_name": "Smith", "outcome": "close", "reason": "The family moved away."})
    waiting.refresh_from_db()
    assert (waiting.status, waiting.closed_by, waiting.close_reason) == (
        LockDownRequest.Status.CLOSED,
        keeper,
        "The family moved away.",
    )
    assert AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_CLOSED).actor == keeper
    record(children=[_alfie()])
    assert not Bar.objects.exists()
    assert _requester_sees(asking) == before


def test_r_acc_2_a_request_kept_by_a_manager_who_has_left_is_applied_by_a_head_of_service(
    bsm, parent, keeper, head, record  # noqa: ANN001
) -> None:
    _kept_waiting(bsm, parent, keeper)
    User.objects.filter(pk=keeper.pk).update(is_active=False)
    child = record(children=[_alfie()]).people.get().person
    bar = Bar.objects.get(person=child, user=parent)
    assert bar.set_by == head
    assert OutboxMessage.objects.get(kind="lock_down_found").to_address == head.email


def test_r_acc_2_only_a_request_that_describes_the_person_waits(bsm, parent, keeper, record) -> None:  # noqa: ANN001
    person = record().people.get().person
    asked = acs.access_lock_down_request(person=person, by=bsm, reason="x", restrict=False, named=[], barred=[parent])
    with pytest.raises(ServiceError, match="can wait for a record"):
        acs.access_lock_down_wait(lock_down=asked, by=keeper)


def test_declining_without_a_reason_is_refused_by_the_service_next_to_the_reason(bsm, parent, keeper) -> None:  # noqa: ANN001
    asked = _asked(bsm, parent)
    with pytest.raises(ServiceError, match="Enter why you are declining the request") as refused:
        acs.access_lock_down_decline(lock_down=asked, by=keeper, reason="  ")
    assert refused.value.field == "reason"
    answer = _signed_in(keeper).post(
        reverse("access:lock-down-request", args=[asked.pk]), {"family_name": "Smith", "outcome": "decline"}
    )
    page = answer.content.decode()
    assert 'id="id_reason-error"' in page
    assert len(re.findall("Enter why you are declining the request", page)) == 2  # the summary and the field
    assert LockDownRequest.objects.get().status == LockDownRequest.Status.OPEN
