"""The permission matrix (R-ACC-1, R-ACC-2, R-ROUTE-3, R-CON-8): every URL of the service, GET and POST,
for every role, on a child's record that is unrestricted, restricted with the user named, restricted
without, with the user barred, and for a barred superuser, answers the status written in EXPECTED.

The URLs come from the URL configuration (every named pattern), their parameters filled in from one
contact taken to a strategy meeting (with a check, a document, a challenge and an invitee). EXPECTED is
written out by hand, apart from the code: the status each role gets on the unrestricted record. A record
the user may not open (restricted and not named, or barred) answers 404 wherever that role would have
got anything but 404, except a method refused before any record is read (405), and a partner's check
about a restricted child (answered without the child's details, R-ROUTE-3). Restrictions only narrow:
where a role gets 404 on the open record it gets 404 on every other, so those pairs are asked once.

Every request runs in a transaction rolled back afterwards, so a form sent empty that still acts (say
"start screening") leaves the world as it was for the next one. One test collects every mismatch.
"""

import datetime
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from frontdoor.access.models import Bar, LockDownRequest, Restriction
from frontdoor.accounts.models import Role, User
from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput
from frontdoor.core.testing import named_routes
from frontdoor.documents.services import document_attach
from frontdoor.followup.services import challenge_raise
from frontdoor.people.models import Person
from frontdoor.strategy import services as ss
from frontdoor.strategy.testing import decide_for_strategy, requested_meeting

pytestmark = pytest.mark.django_db

SHORT = {
    "io": Role.INFORMATION_OFFICER,
    "dsw": Role.DUTY_SOCIAL_WORKER,
    "ap": Role.ADVANCED_PRACTITIONER,
    "tm": Role.TEAM_MANAGER,
    "hos": Role.HEAD_OF_SERVICE,
    "mp": Role.MASH_PARTNER,
    "bs": Role.BUSINESS_SUPPORT,
    "ref": Role.REFERRER,
    "pa": Role.PERFORMANCE_ANALYST,
    "ig": Role.INFORMATION_GOVERNANCE,
    "adm": Role.SYSTEM_ADMIN,
    "bsm": Role.BUSINESS_SUPPORT_MANAGER,
}
# Of the contact page's actions, those that differ in who may use them.
ACTIONS = ("start-screening", "close", "share-without-consent")
# A subject access export is never made of a locked-down record, whoever is named on it (R-ACC-2).
NEVER_RESTRICTED = {"records:subject-access-review", "records:subject-access-download"}
# URL parameters that name a child's record: a URL with one of them is asked in every scenario.
RECORD_PARAMS = {"reference", "person_id", "meeting_id", "lock_down_id"}

# The status each role gets on the open record, GET then POST (sent empty); a role not named gets 404.
# Written as "status role role; status role": "*" is every role.
CASEWORK = "io dsw ap tm"
EXPECTED: dict[str, tuple[str, str]] = {
    "home": ("200 ref pa adm bsm; 302 CASEWORK hos mp bs ig", "200 ref pa adm bsm; 302 CASEWORK hos mp bs ig"),
    "landing:checks": ("200 mp", "200 mp"),
    "landing:strategy": ("200 CASEWORK bs", "200 CASEWORK bs"),
    "landing:consultations": ("200 hos", "200 hos"),
    "landing:consultation-record": ("200 hos", "200 hos"),
    "accounts:sign-in": ("302 *", "302 *"),
    "accounts:sign-out": ("405 *", "302 *"),
    # two-factor: a signed-in user already verified is sent on; "Stay signed in" answers with no content
    "accounts:two-factor": ("302 *", "302 *"),
    "accounts:two-factor-set-up": ("302 *", "302 *"),
    "accounts:keep-alive": ("405 *", "204 *"),
    "accounts:two-factor-replace": ("200 *", "200 *"),
    "accounts:two-factor-reset": ("200 hos adm", "200 hos adm"),
    # an administrator's changes to another account (an empty form answers with its errors)
    "accounts:manage": ("200 adm", "405 *"),
    "accounts:deactivate": ("200 adm", "200 adm"),
    "accounts:reactivate": ("200 adm", "200 adm"),
    "accounts:set-password": ("200 adm", "200 adm"),
    "decisions:decide": ("200 tm", "200 tm"),
    "decisions:review": ("200 tm", "200 tm"),
    "documents:new": ("200 CASEWORK", "200 CASEWORK"),
    "documents:download": ("200 CASEWORK", "200 CASEWORK"),
    "followup:feedback": ("200 CASEWORK", "200 CASEWORK"),
    "followup:family-told": ("200 CASEWORK", "200 CASEWORK"),
    "followup:child-seen": ("200 CASEWORK", "200 CASEWORK"),
    "followup:challenge-new": ("200 CASEWORK", "200 CASEWORK"),
    "followup:challenge": ("200 CASEWORK", "200 CASEWORK"),
    "followup:challenge-step": ("200 CASEWORK", "200 CASEWORK"),
    "followup:challenge-resolve": ("200 CASEWORK", "200 CASEWORK"),
    "contacts:queue": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "contacts:new": ("200 CASEWORK", "200 CASEWORK"),
    "contacts:detail": ("200 CASEWORK hos", "200 CASEWORK hos"),
    "contacts:screening": ("200 CASEWORK", "200 CASEWORK"),
    "contacts:add-person": ("200 CASEWORK", "200 CASEWORK"),
    "contacts:young-parent-refer": ("405 *", "302 io dsw ap tm"),
    "contacts:young-parent-declined": ("200 tm", "200 tm"),
    "contacts:check-respond": ("200 mp", "200 mp"),
    "contacts:action[start-screening]": ("200 CASEWORK", "302 io dsw ap tm"),
    "contacts:action[close]": ("200 dsw ap tm", "200 dsw ap tm"),
    "contacts:action[share-without-consent]": ("200 tm", "200 tm"),
    "people:search": ("200 CASEWORK hos bsm", "200 CASEWORK hos bsm"),
    "people:detail": ("200 CASEWORK hos bsm", "200 CASEWORK hos bsm"),
    "people:born": ("302 io dsw ap tm", "302 io dsw ap tm"),
    "people:merge": ("200 tm", "200 tm"),
    "people:merge-compare": ("200 tm", "200 tm"),
    "people:merge-undo": ("", ""),
    "notices:read": ("405 *", ""),
    "dashboard:index": ("200 tm hos", "200 tm hos"),
    "registers:index": ("200 CASEWORK", "200 CASEWORK"),
    "registers:consultations": ("200 CASEWORK", "200 CASEWORK"),
    "registers:consultation-new": ("200 CASEWORK", "200 CASEWORK"),
    "registers:consultation": ("", ""),
    "registers:consultation-advice": ("", ""),
    "registers:checks": ("200 CASEWORK", "200 CASEWORK"),
    "registers:checks-new": ("200 CASEWORK", "200 CASEWORK"),
    "registers:checks-request": ("", ""),
    "registers:checks-answer": ("", ""),
    "registers:checks-authorise": ("", ""),
    "registers:transfers": ("200 CASEWORK", "200 CASEWORK"),
    "registers:transfer-new": ("200 CASEWORK", "200 CASEWORK"),
    "registers:transfer": ("", ""),
    "registers:transfer-record": ("", ""),
    "registers:transfer-forward": ("", ""),
    "registers:transfer-escalate": ("", ""),
    "outbox:held": ("200 tm", "200 tm"),
    "outbox:sent-another-way": ("", ""),
    "strategy:allocate": ("200 tm", "200 tm"),
    "strategy:detail": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:request": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:time": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:invite": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:reply": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:referrer-not-invited": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:minutes": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:sign-off": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:outcome": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "strategy:action-add": ("200 CASEWORK hos bs", "200 CASEWORK hos bs"),
    "ops:healthz": ("200 *", "405 *"),
    "ops:readyz": ("200 *", "405 *"),
    "records:index": ("200 ig", "200 ig"),
    "records:subject-access": ("200 ig", "200 ig"),
    "records:subject-access-review": ("200 ig", "200 ig"),
    "records:subject-access-download": ("405 *", "200 ig"),
    "records:retention": ("200 ig", "200 ig"),
    "records:retention-review": ("", ""),  # no such record to review
    "audit:contact-changes": ("200 CASEWORK hos", "200 CASEWORK hos"),
    "audit:person-changes": ("200 CASEWORK hos bsm", "200 CASEWORK hos bsm"),
    "audit:report": ("200 tm hos ig", "200 tm hos ig"),
    "access:manage": ("200 tm hos", "200 tm hos"),
    "access:restrict": ("200 tm hos", "200 tm hos"),
    "access:lift": ("200 tm hos", "200 tm hos"),
    "access:bar": ("200 tm hos", "200 tm hos"),
    "access:bar-lift": ("405 *", "302 tm hos"),
    "access:emergency": ("", ""),
    # 002 s2: a business support manager (or any manager) asks for a lock-down; the managers decide
    "access:request-new": ("200 tm hos bsm", "200 tm hos bsm"),
    "access:requests": ("200 tm hos bsm", "405 *"),
    "access:request-described": ("200 tm hos bsm", "200 tm hos bsm"),
    "access:lock-down-request": ("200 tm hos", "200 tm hos"),
}


def _parse(spec: str) -> dict[str, int]:
    answer = {role: 404 for role in SHORT.values()}
    for group in filter(None, (g.strip() for g in spec.split(";"))):
        status, *roles = group.split()
        for short in [r for token in roles for r in (CASEWORK.split() if token == "CASEWORK" else [token])]:
            for role in SHORT.values() if short == "*" else [SHORT[short]]:
                answer[role] = int(status)
    return answer


def _user(username: str, role: str, **extra: object) -> User:
    user = User.objects.create(username=username, first_name=username, last_name="Matrix", **extra)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _world(record, officer, manager, settings, tmp_path) -> dict:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path
    worker = _user("m-worker", Role.DUTY_SOCIAL_WORKER, email="w@cambridgeshire.gov.uk")
    support = _user("m-support", Role.BUSINESS_SUPPORT)
    child = ChildInput(
        given_names="Mira",
        family_name="Matrix",
        date_of_birth=datetime.date(2016, 5, 4),
        postcode="CB1 2AB",
        address="1 Mill Road, Cambridge",
    )
    contact = record(children=[child], consent_status="obtained", consent_given_by="Mum", initial_rating="red")
    check = cs.agency_check_request(contact=contact, by=officer, agency="police", question="Call-outs?")
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    upload = SimpleUploadedFile("note.pdf", pdf, content_type="application/pdf")
    document = document_attach(contact=contact, by=officer, kind="other", upload=upload, description="Note")
    contact = decide_for_strategy(contact, officer, manager)
    meeting = requested_meeting(contact, manager, worker)
    invitee = ss.strategy_partner_invite(meeting=meeting, by=support, agency="police", name="DS Kerry Cole")
    challenge = challenge_raise(contact=contact, by=officer, raised_by="Ms Oak", disagreement="Should be assessed.")
    other = record(children=[ChildInput(given_names="Olga", family_name="Matrix", date_of_birth=None)])
    person = contact.people.get().person
    victim = _user("m-victim", Role.DUTY_SOCIAL_WORKER)
    bar = Bar.objects.create(person=person, user=victim, reason="x", set_by=manager, set_at=contact.received_at)
    asker = _user("m-bsm", Role.BUSINESS_SUPPORT_MANAGER)
    lock_down = LockDownRequest.objects.create(
        person=person, requested_by=asker, requested_at=contact.received_at, reason="x", restrict=True
    )
    return {
        "reference": contact.reference,
        "person_id": person.pk,
        "other_id": other.people.get().person_id,
        "meeting_id": meeting.pk,
        "invitee_id": invitee.pk,
        "child_id": person.pk,
        "challenge_id": challenge.pk,
        "check_id": check.pk,
        "document_id": document.pk,
        "link_id": contact.people.get().pk,
        "bar_id": bar.pk,
        "lock_down_id": lock_down.pk,
        "kind": "outcome",
        "merge_id": 999999,
        "token": "no-such-token",
        "person": person,
        "manager": manager,
    }


def _paths(world: dict) -> Iterator[tuple[str, str, bool]]:
    """(key, path, about the child's record) for every named URL, parameters filled in."""
    for name, route in named_routes():
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        values = [{}] if "action" not in params else [{"action": slug} for slug in ACTIONS]
        for extra in values:
            path = route
            for param in params:
                value = extra.get(param, world.get(param, 1))
                path = re.sub(rf"<(?:\w+:)?{param}>", str(value), path, count=1)
            key = f"{name}[{extra['action']}]" if extra else name
            yield key, "/" + path, bool(RECORD_PARAMS & set(params))


def _ask(client: Client, user: User, method: str, path: str) -> int:
    with transaction.atomic():
        status = (client.get(path) if method == "GET" else client.post(path, {})).status_code
        transaction.set_rollback(True)
    if path.startswith("/accounts/"):  # signing in or out changes the session: sign the user in again
        client.force_login(user)
    return status


def test_r_acc_2_every_url_every_role_every_kind_of_record(record, officer, manager, settings, tmp_path) -> None:  # noqa: ANN001, C901
    world = _world(record, officer, manager, settings, tmp_path)
    person: Person = world["person"]
    paths = list(_paths(world))
    assert {key for key, _, _ in paths} == set(EXPECTED), "every URL needs its row in EXPECTED"
    expected = {key: (_parse(EXPECTED[key][0]), _parse(EXPECTED[key][1])) for key in EXPECTED}
    extra = {Role.MASH_PARTNER: {"agency": "police"}}
    plain = {role: _user(f"plain-{role}", role, **extra.get(role, {})) for role in SHORT.values()}
    named = {role: _user(f"named-{role}", role, **extra.get(role, {})) for role in SHORT.values()}
    barred = {role: _user(f"barred-{role}", role, **extra.get(role, {})) for role in SHORT.values()}
    root = _user("barred-root", Role.TEAM_MANAGER, is_superuser=True, is_staff=True)
    for user in [*barred.values(), root]:
        Bar.objects.create(
            person=person, user=user, reason="x", set_by=manager, set_at=datetime.datetime.now(datetime.UTC)
        )
    wrong: list[str] = []
    client = Client()

    def methods(key: str, role: str, about_record: bool, *, everything: bool) -> Iterator[tuple[int, str]]:
        """Which of GET and POST to ask: both on the open record; in the other scenarios GET where the role
        reaches the page, and POST where the URL takes only POST (a form's page answers for its POST)."""
        get, post = expected[key][0][role], expected[key][1][role]
        if everything:
            yield 0, "GET"
            if about_record or get != 404:
                yield 1, "POST"
            return
        if get not in (404, 405):
            yield 0, "GET"
        if get == 405 and post != 404:
            yield 1, "POST"

    def run(scenario: str, user: User, role: str, *, hidden: bool) -> None:
        client.force_login(user)
        everything = scenario == "unrestricted"
        for key, path, about_record in paths:
            if not (about_record or everything):
                continue
            for index, method in methods(
                key, role, about_record, everything=everything or scenario == "barred superuser"
            ):
                base = expected[key][index][role]
                want = base
                partner_check = key == "contacts:check-respond" and scenario == "restricted, not named"
                if hidden and base != 405 and not partner_check:
                    want = 404
                if key in NEVER_RESTRICTED and scenario == "restricted, named" and base != 405:
                    want = 404
                got = _ask(client, user, method, path)
                if got != want:
                    wrong.append(f"{scenario}, {role}, {method} {key}: {got}, expected {want}")

    for role, user in plain.items():
        run("unrestricted", user, role, hidden=False)
        run("barred", barred[role], role, hidden=True)
    run("barred superuser", root, Role.TEAM_MANAGER, hidden=True)
    Person.objects.filter(pk=person.pk).update(restricted=True)
    restriction = Restriction.objects.create(
        person=person, reason="x", manager=manager, set_by=manager, set_at=datetime.datetime.now(datetime.UTC)
    )
    restriction.named_users.set(list(named.values()))
    for role in SHORT.values():
        run("restricted, named", named[role], role, hidden=False)
        run("restricted, not named", plain[role], role, hidden=True)
    assert not wrong, "\n".join(wrong)
