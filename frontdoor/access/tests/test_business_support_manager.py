"""R-ACC-2, 002 s2: "A manager or relevant business support manager may request 'ACL' (Access Control List)
via the Business Support Helpdesk to be applied to relevant records ... to limit access to named individuals.
This may include preventing a member of staff from accessing their own child's record."

A business support manager (or any manager) asks: whom to name, whom to bar, why. A team manager or the head
of service applies the request or declines it with a reason, never their own; the requester is told the
outcome by email (never the child's name) and on their requests page. The requester sees no contact."""

import pytest
from django.urls import reverse

from frontdoor.access import services as acs
from frontdoor.access.models import Bar, LockDownRequest
from frontdoor.access.policy import Can, can, contacts_visible_to, people_visible_to
from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def bsm(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.BUSINESS_SUPPORT_MANAGER, "bs-manager", email="bsm@cambridgeshire.gov.uk")


def _no_child_in(message: OutboxMessage, person) -> None:  # noqa: ANN001
    for word in [person.given_names, person.family_name, str(person.date_of_birth or "")]:
        assert not word or word not in f"{message.subject} {message.body}"


def test_r_acc_2_a_business_support_manager_asks_and_a_team_manager_applies_the_lock_down(
    record, make_user, manager, social_worker, bsm, client
) -> None:
    contact = record()
    person = contact.people.get().person
    relative = make_user(Role.DUTY_SOCIAL_WORKER, "relative")
    head = make_user(Role.HEAD_OF_SERVICE, "head", email="head@cambridgeshire.gov.uk")
    assert can(bsm, Can.REQUEST_LOCK_DOWN)
    assert not can(bsm, Can.MANAGE_ACCESS)
    assert not can(bsm, Can.BREAK_GLASS)
    with pytest.raises(PermissionDenied):
        acs.access_restrict(person=person, by=bsm, reason="x", manager=manager, named=[])
    client.force_login(bsm)
    found = client.post(reverse("people:search"), {"family_name": "Smith", "given_names": "Alfie"}).content.decode()
    assert reverse("people:detail", args=[person.pk]) in found
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert reverse("access:request-new", args=[person.pk]) in page
    assert f'href="{reverse("access:manage", args=[person.pk])}"' not in page
    assert client.get(reverse("access:manage", args=[person.pk])).status_code == 404
    # a request with nothing asked for is refused next to the field, with what was typed kept
    refused = client.post(reverse("access:request-new", args=[person.pk]), {"reason": "Her own grandchild."})
    assert refused.status_code == 200
    assert "or choose a member of staff to bar" in refused.content.decode()
    assert "Her own grandchild." in refused.content.decode()
    answer = client.post(
        reverse("access:request-new", args=[person.pk]),
        {"reason": "Her own grandchild.", "restrict": "on", "named": [social_worker.pk], "barred": [relative.pk]},
    )
    assert answer.status_code == 302
    asked = LockDownRequest.objects.get()
    assert asked.status == LockDownRequest.Status.OPEN
    person.refresh_from_db()
    assert not person.restricted  # asking changes nothing until a manager decides
    assert people_visible_to(relative).filter(pk=person.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_REQUESTED)
    assert (event.actor, event.object_id, event.detail["barred"]) == (bsm, str(person.pk), [relative.pk])
    # no team holds the child's case: the heads of service are told, without the child's name
    waiting = OutboxMessage.objects.get(kind="lock_down_request")
    assert waiting.to_address == head.email
    assert reverse("access:lock-down-request", args=[asked.pk]) in waiting.body
    _no_child_in(waiting, person)
    # the requester never reaches the contact
    assert not contacts_visible_to(bsm).exists()
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    assert "Waiting for a decision" in client.get(reverse("access:requests")).content.decode()
    # the team manager sees it in the list and on the record's "Who may open this record" page
    client.force_login(manager)
    listed = client.get(reverse("access:requests")).content.decode()
    assert reverse("access:lock-down-request", args=[asked.pk]) in listed
    assert person.full_name in listed
    managed = client.get(reverse("access:manage", args=[person.pk])).content.decode()
    assert reverse("access:lock-down-request", args=[asked.pk]) in managed
    applied = client.post(
        reverse("access:lock-down-request", args=[asked.pk]), {"outcome": "apply", "manager": manager.pk}
    )
    assert applied.status_code == 302
    person.refresh_from_db()
    assert person.restricted
    restriction = acs.current_restriction(person)
    assert restriction is not None
    assert set(restriction.named_users.all()) == {social_worker, manager}
    assert Bar.objects.filter(person=person, user=relative, lifted_at__isnull=True).exists()
    assert not people_visible_to(relative).filter(pk=person.pk).exists()
    assert not people_visible_to(bsm).filter(pk=person.pk).exists()  # the requester was not named
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (LockDownRequest.Status.APPLIED, manager)
    actions = set(AuditEvent.objects.filter(object_id=str(person.pk)).values_list("action", flat=True))
    assert {AuditAction.ACCESS_LOCK_DOWN_APPLIED, AuditAction.ACCESS_RESTRICTED, AuditAction.ACCESS_BARRED} <= actions
    told = OutboxMessage.objects.get(kind="lock_down_outcome")
    assert told.to_address == bsm.email
    assert "applied your request" in told.body
    _no_child_in(told, person)
    # the requester's page says so, without the child's name now the record is restricted to others
    client.force_login(bsm)
    mine = client.get(reverse("access:requests")).content.decode()
    assert "Applied" in mine
    assert "Restricted record" in mine
    assert person.full_name not in mine


def test_r_acc_2_a_request_declined_with_a_reason_is_told_to_the_requester(
    record, make_user, bsm, client  # noqa: ANN001
) -> None:
    person = record().people.get().person
    relative = make_user(Role.INFORMATION_OFFICER, "relative")
    head = make_user(Role.HEAD_OF_SERVICE, "head")
    asked = acs.access_lock_down_request(
        person=person, by=bsm, reason="Staff member's nephew.", restrict=False, named=[], barred=[relative]
    )
    client.force_login(head)
    page = client.get(reverse("access:lock-down-request", args=[asked.pk])).content.decode()
    assert "Staff member&#x27;s nephew." in page
    empty = client.post(reverse("access:lock-down-request", args=[asked.pk]), {"outcome": "decline"})
    assert "Enter why you are declining the request" in empty.content.decode()
    declined = client.post(
        reverse("access:lock-down-request", args=[asked.pk]),
        {"outcome": "decline", "reason": "Not related: a different family of the same name."},
    )
    assert declined.status_code == 302
    asked.refresh_from_db()
    assert asked.status == LockDownRequest.Status.DECLINED
    assert not Bar.objects.filter(person=person).exists()
    event = AuditEvent.objects.get(action=AuditAction.ACCESS_LOCK_DOWN_DECLINED)
    assert event.detail["reason"].startswith("Not related")
    told = OutboxMessage.objects.get(kind="lock_down_outcome")
    assert "declined your request" in told.body
    assert "different family" not in told.body  # the reason is on the page, never in the email
    _no_child_in(told, person)
    client.force_login(bsm)
    mine = client.get(reverse("access:requests")).content.decode()
    assert "Declined" in mine
    assert "a different family of the same name" in mine
    assert person.full_name in mine  # the record is still open to them
    with pytest.raises(ServiceError, match="already been declined"):
        acs.access_lock_down_apply(lock_down=asked, by=head)


def test_r_acc_2_nobody_decides_their_own_request_and_applying_adds_to_those_named(
    record, make_user, manager, social_worker, client  # noqa: ANN001
) -> None:
    person = record().people.get().person
    head = make_user(Role.HEAD_OF_SERVICE, "head")
    acs.access_restrict(person=person, by=head, reason="Sensitive.", manager=head, named=[])
    asked = acs.access_lock_down_request(
        person=person, by=manager, reason="I work the case with her.", restrict=True, named=[social_worker], barred=[]
    )
    with pytest.raises(ServiceError, match="another manager decides it"):
        acs.access_lock_down_apply(lock_down=asked, by=manager)
    client.force_login(manager)  # not named on the restricted record: its requests are not theirs to see
    assert client.get(reverse("access:lock-down-request", args=[asked.pk])).status_code == 404
    acs.access_lock_down_apply(lock_down=asked, by=head)
    restriction = acs.current_restriction(person)
    assert restriction is not None
    assert restriction.manager == head  # the record's manager to ask is kept
    assert set(restriction.named_users.all()) == {head, social_worker}


def test_r_acc_2_the_team_managers_of_the_team_holding_the_case_are_told_of_a_request(
    record, make_user, bsm  # noqa: ANN001
) -> None:
    person = record().people.get().person
    type(person).objects.filter(pk=person.pk).update(allocated_team_key="unit-cambridge")
    person.refresh_from_db()
    theirs = make_user(Role.TEAM_MANAGER, "theirs", team_key="unit-cambridge", email="tm@cambridgeshire.gov.uk")
    make_user(Role.TEAM_MANAGER, "elsewhere", team_key="unit-fenland", email="tm2@cambridgeshire.gov.uk")
    make_user(Role.HEAD_OF_SERVICE, "head", email="head@cambridgeshire.gov.uk")
    relative = make_user(Role.TEAM_MANAGER, "relative", team_key="unit-cambridge", email="tm3@cambridgeshire.gov.uk")
    acs.access_lock_down_request(person=person, by=bsm, reason="x", restrict=False, named=[], barred=[relative])
    assert acs.request_deciders(person, exclude={bsm.pk}) == [theirs, relative]
    told = OutboxMessage.objects.filter(kind="lock_down_request").values_list("to_address", flat=True)
    assert list(told) == [theirs.email]  # not the relative to be barred, another team, or the head of service


def test_r_acc_2_a_request_says_why_and_asks_for_something(record, make_user, bsm) -> None:  # noqa: ANN001
    person = record().people.get().person
    worker = make_user(Role.DUTY_SOCIAL_WORKER, "worker")
    with pytest.raises(ServiceError, match="Enter the reason"):
        acs.access_lock_down_request(person=person, by=bsm, reason=" ", restrict=True, named=[], barred=[])
    with pytest.raises(ServiceError, match="both named and barred"):
        acs.access_lock_down_request(person=person, by=bsm, reason="x", restrict=True, named=[worker], barred=[worker])
    with pytest.raises(ServiceError, match="only when asking for the record to be restricted"):
        acs.access_lock_down_request(person=person, by=bsm, reason="x", restrict=False, named=[worker], barred=[])
    assert not LockDownRequest.objects.exists()


def test_r_acc_2_business_support_without_the_manager_role_cannot(make_user) -> None:  # noqa: ANN001
    support = make_user(Role.BUSINESS_SUPPORT)
    assert not can(support, Can.MANAGE_ACCESS)
    assert not can(support, Can.REQUEST_LOCK_DOWN)
    assert not can(support, Can.SEARCH_PEOPLE)
