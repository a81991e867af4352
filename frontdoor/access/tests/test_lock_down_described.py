"""R-ACC-2, 002 s2: "A manager or relevant business support manager may request 'ACL' ... This may include
preventing a member of staff from accessing their own child's record." A requester who may not open the child's
record (a business support manager sees no contact; a restricted record) asks without it: they describe the
person, and the manager who decides finds the record (every search logged, R-ACC-1) and applies the request to
it, or declines it. The requester is told only that it was dealt with: never whether a record matched, so the
request tells them nothing about whether a child is known, or restricted, that they may not know."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.access import services as acs
from frontdoor.access.models import Bar, LockDownRequest
from frontdoor.accounts.models import Role, User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import ServiceError
from frontdoor.outbox.models import OutboxMessage
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db

DESCRIBED = reverse("access:request-described")
BORN = {"date_of_birth_0": "27", "date_of_birth_1": "3", "date_of_birth_2": "2015"}


@pytest.fixture
def bsm(make_user) -> User:  # noqa: ANN001
    return make_user(Role.BUSINESS_SUPPORT_MANAGER, "bs-manager", email="bsm@cambridgeshire.gov.uk")


@pytest.fixture
def parent(make_user) -> User:  # noqa: ANN001
    """A member of staff whose own child the record is about."""
    return make_user(Role.DUTY_SOCIAL_WORKER, "parent")


@pytest.fixture
def head(make_user) -> User:  # noqa: ANN001
    return make_user(Role.HEAD_OF_SERVICE, "head", email="head@cambridgeshire.gov.uk")


@pytest.fixture
def child(record, manager) -> Person:  # noqa: ANN001
    """Alfie Smith, born 27 March 2015, locked down to the team manager: the business support manager may not
    open the record (nor would they see the contact if it were open)."""
    person = record().people.get().person
    acs.access_restrict(person=person, by=manager, reason="Sensitive.", manager=manager, named=[])
    return person


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ask(client: Client, family: str, barred: User, **extra: str) -> int:
    form = {"given_names": "Alfie", "family_name": family, **BORN, "reason": "Her colleague's son.", **extra}
    return client.post(DESCRIBED, {**form, "barred": [barred.pk]}).status_code


def _requester_sees(client: Client) -> str:
    """The requester's list with the request numbers, dates and times taken out: what is left is what they learn."""
    page = client.get(reverse("access:requests")).content.decode()
    page = re.sub(r"Request \d+|\d{1,2} \w{3} \d{4}, \d{2}:\d{2}", "", page)
    return page[page.index("Your requests") :]


def test_r_acc_2_a_business_support_manager_asks_without_the_record_and_a_manager_finds_and_applies_it(
    child, manager, bsm, parent, head  # noqa: ANN001
) -> None:
    asking = _signed_in(bsm)
    search = asking.post(reverse("people:search"), {"given_names": "Alfie", "family_name": "Smith"}).content.decode()
    assert f'href="{DESCRIBED}"' in search  # offered whatever the search found
    assert reverse("people:detail", args=[child.pk]) not in search
    form = asking.get(DESCRIBED).content.decode()
    assert "not whether a record was found" in form
    assert _ask(asking, "Smith", parent, details="Lives with his mother on Mill Road.") == 302
    asked = LockDownRequest.objects.get()
    assert (asked.person, asked.described_name, asked.described_date_of_birth) == (
        None,
        "Alfie Smith",
        datetime.date(2015, 3, 27),
    )
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_REQUESTED)
    assert (event.actor, event.object_type, event.object_id) == (bsm, "access.lockdownrequest", str(asked.pk))
    assert event.detail["described"]["family_name"] == "Smith"
    assert event.detail["barred"] == [parent.pk]
    # with no record named, the heads of service are told; never the child's name, never whom it would bar
    waiting = OutboxMessage.objects.get(kind="lock_down_request")
    assert waiting.to_address == head.email
    assert "Alfie" not in waiting.body
    assert "Smith" not in waiting.body
    # the requester's list shows what they typed and nothing from the record
    mine = _requester_sees(asking)
    assert "As you described: Alfie Smith, born 27 March 2015" in mine
    assert reverse("people:detail", args=[child.pk]) not in mine
    assert "Restricted record" not in mine
    # the manager named on the record finds it: the page's search is logged, and the record is a choice
    deciding = _signed_in(manager)
    assert "To be found: Alfie Smith" in deciding.get(reverse("access:requests")).content.decode()
    page = deciding.get(reverse("access:lock-down-request", args=[asked.pk])).content.decode()
    assert f'name="person" type="radio" value="{child.pk}"' in page
    searched = AuditEvent.objects.filter(action=AuditAction.SEARCHED, actor=manager).latest("pk")
    assert searched.detail["source"] == "lock-down request"
    assert searched.detail["terms"]["family_name"] == "Smith"
    answer = deciding.post(
        reverse("access:lock-down-request", args=[asked.pk]),
        {"given_names": "Alfie", "family_name": "Smith", **BORN, "outcome": "apply", "person": child.pk},
    )
    assert answer.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.person) == (LockDownRequest.Status.APPLIED, child)
    assert Bar.objects.filter(person=child, user=parent, lifted_at__isnull=True).exists()
    applied = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_APPLIED)
    assert applied.object_id == str(child.pk)
    # the requester is told only that it was dealt with
    told = OutboxMessage.objects.get(kind="lock_down_outcome")
    assert told.subject == "Your lock-down request has been dealt with"
    assert "applied" not in told.body
    assert "Smith" not in told.body
    mine = _requester_sees(asking)
    assert "Dealt with" in mine
    assert "Applied" not in mine
    assert reverse("people:detail", args=[child.pk]) not in mine


def test_r_acc_2_the_requester_learns_the_same_whether_a_record_matched_or_not(
    child, manager, bsm, parent, head  # noqa: ANN001
) -> None:
    asking = _signed_in(bsm)
    assert _ask(asking, "Smith", parent) == 302  # Alfie Smith: a restricted record is held
    held = LockDownRequest.objects.latest("pk")
    deciding = _signed_in(manager)
    deciding.post(
        reverse("access:lock-down-request", args=[held.pk]),
        {"family_name": "Smith", "outcome": "apply", "person": child.pk},
    )
    before = _requester_sees(asking)
    assert _ask(asking, "Nobody", parent) == 302  # no such child: nothing is held
    none = LockDownRequest.objects.latest("pk")
    deciding.post(
        reverse("access:lock-down-request", args=[none.pk]),
        {"family_name": "Nobody", "outcome": "decline", "reason": "No record of this child is held."},
    )
    rows = _requester_sees(asking)
    assert rows.count("Dealt with") == 2
    assert "No record of this child is held" not in rows
    assert "Declined" not in rows
    assert "Applied" not in rows
    assert rows.replace("Alfie Nobody", "Alfie Smith").count("Alfie Smith, born 27 March 2015") == 2
    assert before.count("Dealt with") == 1
    first, second = OutboxMessage.objects.filter(kind="lock_down_outcome").order_by("pk")
    assert first.subject == second.subject
    strip = re.compile(r"request \d+|\d{2}:\d{2} on \d{2} \w+ \d{4}|of \d{2} \w+ \d{4}")
    assert strip.sub("", first.body) == strip.sub("", second.body)


def test_r_acc_2_a_manager_who_may_not_open_the_record_is_shown_only_whom_to_ask(
    child, make_user, manager, bsm, parent  # noqa: ANN001
) -> None:
    other = make_user(Role.TEAM_MANAGER, "other-manager")
    _ask(_signed_in(bsm), "Smith", parent)
    asked = LockDownRequest.objects.get()
    deciding = _signed_in(other)
    page = deciding.get(reverse("access:lock-down-request", args=[asked.pk])).content.decode()
    assert "Restricted record" in page
    assert 'name="person" type="radio"' not in page  # no record to choose
    assert "27 March 2015" in page  # as described, not from the record
    refused = deciding.post(
        reverse("access:lock-down-request", args=[asked.pk]),
        {"family_name": "Smith", "outcome": "apply", "person": child.pk},
    )
    assert refused.status_code == 200
    assert 'id="id_person-error"' in refused.content.decode()
    with pytest.raises(ServiceError, match="You may not open that record"):
        acs.access_lock_down_apply(lock_down=asked, by=other, person=child)
    assert LockDownRequest.objects.get().status == LockDownRequest.Status.OPEN
    assert not Bar.objects.filter(user=parent).exists()


def test_r_acc_2_a_manager_the_request_would_bar_never_sees_it_nor_decides_it(
    child, make_user, manager, bsm  # noqa: ANN001
) -> None:
    colleague = make_user(Role.TEAM_MANAGER, "colleague")
    _ask(_signed_in(bsm), "Smith", colleague)
    asked = LockDownRequest.objects.get()
    barred = _signed_in(colleague)
    assert "Alfie" not in barred.get(reverse("access:requests")).content.decode()
    assert barred.get(reverse("access:lock-down-request", args=[asked.pk])).status_code == 404
    with pytest.raises(ServiceError, match="asks for you to be barred"):
        acs.access_lock_down_apply(lock_down=asked, by=colleague, person=child)


def test_a_request_without_the_record_needs_a_family_name_and_keeps_what_was_typed(bsm, parent) -> None:  # noqa: ANN001
    answer = _signed_in(bsm).post(
        DESCRIBED, {"given_names": "Alfie", "family_name": " ", "reason": "Her colleague's son.", "barred": [parent.pk]}
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    assert 'id="id_family_name-error"' in page
    assert "Enter their family name" in page
    assert "Her colleague&#x27;s son." in page
    assert 'value="Alfie"' in page
    assert not LockDownRequest.objects.exists()
    with pytest.raises(ServiceError, match="family name"):
        acs.access_lock_down_request(
            by=bsm, reason="x", restrict=False, named=[], barred=[parent], described=acs.Described("Alfie", " ")
        )
