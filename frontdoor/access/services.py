"""Writes for lock-down, bars and emergency access (R-ACC-2, 002 s2). Each is one transaction writing one
audit event; the rules that read these rows are in `frontdoor.access.policy`."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.outbox.links import email_link
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.models import Person

from .models import Bar, BreakGlass, CaseSystemRestriction, LockDownRequest, Restriction
from .permissions import service
from .policy import Can, break_glass_minutes, can, hidden_people, reach


def _locked(person: Person) -> Person:
    return Person.objects.select_for_update().get(pk=person.pk)


def current_restriction(person: Person) -> Restriction | None:
    return Restriction.objects.filter(person=person, lifted_at__isnull=True).prefetch_related("named_users").first()


def restricted_by_case_system(person: Person) -> bool:
    """The case-management system restricts this record: its status file said so, or the record is
    restricted with no lock-down set here (so the case system's import or file set it)."""
    if CaseSystemRestriction.objects.filter(person_id=person.pk).exists():
        return True
    return person.restricted and current_restriction(person) is None


CASE_SYSTEM_LIFT = (
    "This record is restricted by the case-management system. Lift the restriction there: the next daily "
    "status file then opens it here. You can still change who may open it."
)


def _check_people(*, named: list[User], manager: User, by: User, person: Person) -> None:
    if not user_roles(manager) & {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}:
        raise ServiceError("Choose a team manager or the head of service as the manager to ask.", field="manager")
    barred = reach_barred(person)
    if {u.pk for u in named} & barred or manager.pk in barred:
        raise ServiceError("A member of staff barred from this record cannot be named on it.", field="named")
    if by.pk in barred:
        raise ServiceError("You are barred from this record.", field="named")


def reach_barred(person: Person) -> set[int]:
    return set(Bar.objects.filter(person=person, lifted_at__isnull=True).values_list("user_id", flat=True))


@service
def access_restrict(*, person: Person, by: User, reason: str, manager: User, named: list[User]) -> Restriction:
    """Lock a person's record (and the contacts about them) down to named users, or change who is named.

    Whoever sets it and the manager to ask are always named, so the record is never left with nobody."""
    reason = required_text(reason)
    person = _locked(person)
    _check_people(named=named, manager=manager, by=by, person=person)
    everyone = {u.pk: u for u in [*named, manager, by]}
    existing = current_restriction(person)
    now = timezone.now()
    if existing is None and person.restricted:
        # Restricted by the case system alone: remember where it came from before naming people here.
        CaseSystemRestriction.objects.get_or_create(person=person, defaults={"since": now})
    if existing is None:
        existing = Restriction(person=person, set_by=by, set_at=now, manager=manager, reason=reason)
    existing.reason, existing.manager, existing.set_by, existing.set_at = reason, manager, by, now
    existing.full_clean()
    existing.save()
    existing.named_users.set(list(everyone.values()))
    if not person.restricted:
        Person.objects.filter(pk=person.pk).update(restricted=True, version=person.version + 1)
    audit_record(
        actor=by,
        action=AuditAction.ACCESS_RESTRICTED,
        obj=person,
        detail={"named": sorted(everyone), "manager": manager.pk, "reason": reason},
    )
    return existing


@service
def access_restriction_lift(*, person: Person, by: User, reason: str) -> None:
    """Lift the lock-down: the record is seen again by everyone whose role sees records.

    A restriction the case-management system set is refused here, with a message to lift it there (an
    information governance team expects the system that holds the case to decide; lifting it here alone
    would open a record the case system still protects, until its next file restricted it again)."""
    reason = required_text(reason)
    person = _locked(person)
    if not person.restricted:
        raise ServiceError("This record is not restricted.", field="reason")
    if restricted_by_case_system(person):
        raise ServiceError(CASE_SYSTEM_LIFT, field="reason")
    existing = current_restriction(person)
    if existing is not None:
        existing.lifted_by, existing.lifted_at, existing.lift_reason = by, timezone.now(), reason
        existing.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
    Person.objects.filter(pk=person.pk).update(restricted=False, version=person.version + 1)
    audit_record(actor=by, action=AuditAction.ACCESS_RESTRICTION_LIFTED, obj=person, detail={"reason": reason})


@service
def access_bar(*, person: Person, user: User, by: User, reason: str) -> Bar:
    """002 s2: bar a member of staff from a record ("their own child's record"). It overrides everything."""
    reason = required_text(reason)
    person = _locked(person)
    if user.pk == by.pk:
        raise ServiceError("Ask another manager to bar you from a record.", field="user")
    if Bar.objects.filter(person=person, user=user, lifted_at__isnull=True).exists():
        raise ServiceError(f"{user.display_name} is already barred from this record.", field="user")
    bar = Bar(person=person, user=user, set_by=by, set_at=timezone.now(), reason=reason)
    bar.full_clean()
    bar.save()
    restriction = current_restriction(person)
    if restriction is not None:
        restriction.named_users.remove(user)
    audit_record(actor=by, action=AuditAction.ACCESS_BARRED, obj=person, detail={"user": user.pk, "reason": reason})
    return bar


@service
def access_bar_lift(*, bar: Bar, by: User) -> None:
    bar = Bar.objects.select_for_update().get(pk=bar.pk)
    if bar.lifted_at is not None:
        raise ServiceError("This bar has already been lifted.")
    bar.lifted_by, bar.lifted_at = by, timezone.now()
    bar.save(update_fields=["lifted_by", "lifted_at"])
    audit_record(actor=by, action=AuditAction.ACCESS_BAR_LIFTED, obj=bar.person, detail={"user": bar.user_id})


def record_managers(person: Person) -> list[User]:
    """Who is told of emergency access: those who can act on it (open the record, name or bar people).

    The manager to ask and every other manager named on the restriction. A record restricted by the case
    system alone names nobody, and the heads of service cannot open it either: the team managers of the
    team the case system says holds the case are told (they may use emergency access themselves, then name
    who may open it), or every team manager where no team is known. Never a barred member of staff."""
    barred = reach_barred(person)
    restriction = current_restriction(person)
    if restriction is not None:
        named = [restriction.manager, *restriction.named_users.order_by("pk")]
        found = {u.pk: u for u in named if u.is_active and u.pk not in barred and can(u, Can.MANAGE_ACCESS)}
        if found:
            return list(found.values())
    managers = (
        User.objects.filter(is_active=True, groups__name=Role.TEAM_MANAGER).exclude(pk__in=barred).distinct()
    ).order_by("pk")
    team = [u for u in managers if person.allocated_team_key and u.team_key == person.allocated_team_key]
    return team or list(managers)


@service
def access_break_glass(*, person: Person, by: User, reason: str) -> BreakGlass:
    """R-ACC-2: emergency access to a restricted record, with a reason, for a limited time (the setting
    FRONTDOOR_BREAK_GLASS_MINUTES); the record's manager is emailed at once. Never for a barred user."""
    reason = required_text(reason)
    person = _locked(person)
    if person.pk in reach(by).barred:
        raise ServiceError("You are barred from this record.", field="reason")
    if not person.restricted:
        raise ServiceError("This record is not restricted: open it as usual.", field="reason")
    now = timezone.now()
    grant = BreakGlass(
        person=person,
        user=by,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(minutes=break_glass_minutes()),
    )
    grant.full_clean()
    grant.save()
    until = timezone.localtime(grant.expires_at).strftime("%H:%M on %d %B %Y")
    link = email_link("access:manage", person.pk)
    nobody_named = (
        ""
        if current_restriction(person)
        else (
            "The case-management system restricted this record and nobody is named on it here yet. Ask "
            f"{by.display_name} which record it is; you may use emergency access yourself and then name who "
            "may open it.\n\n"
        )
    )
    for manager in record_managers(person):
        # Never names the child (the email leaves the system): the record is found from the link.
        outbox_enqueue(
            to=manager,
            subject="Emergency access to a restricted record",
            body=(
                f"{by.display_name} used emergency access to a restricted record you manage, until {until}.\n\n"
                f"{nobody_named}"
                "Their reason is kept with the record's access history (it is not repeated here in case it "
                "names the child).\n\n"
                f"See who may open the record, and bar anyone who should not, at {link}\n"
            ),
            kind="break_glass",
            about=grant,
        )
    audit_record(
        actor=by,
        action=AuditAction.ACCESS_BREAK_GLASS,
        obj=person,
        detail={"reason": reason, "until": grant.expires_at.isoformat()},
    )
    return grant


def may_break_glass(user: User, person: Person) -> bool:
    return can(user, Can.BREAK_GLASS) and person.pk not in reach(user).barred


# Requests for a lock-down (002 s2: "A manager or relevant business support manager may request 'ACL'") ----


@dataclass(frozen=True)
class Described:
    """A person as a requester who may not open (or cannot find) their record knows them: the manager who
    applies the request finds the record it matches."""

    given_names: str
    family_name: str
    date_of_birth: datetime.date | None = None
    details: str = ""  # anything else they know: an address, a school, the parents' names


def _description(request: LockDownRequest, described: Described) -> dict[str, str]:
    request.described_family_name = required_text(
        described.family_name, "Enter their family name, as far as you know it.", field="family_name"
    )
    request.described_given_names = (described.given_names or "").strip()
    request.described_date_of_birth = described.date_of_birth
    request.described_details = (described.details or "").strip()
    born = described.date_of_birth.isoformat() if described.date_of_birth else ""
    kept = {"given_names": request.described_given_names, "family_name": request.described_family_name}
    return {**kept, "date_of_birth": born, "details": request.described_details}


@service
def access_lock_down_request(
    *,
    by: User,
    reason: str,
    restrict: bool,
    named: list[User],
    barred: list[User],
    person: Person | None = None,
    described: Described | None = None,
) -> LockDownRequest:
    """A manager or a business support manager asks for a person's record to be locked down to named people,
    for staff to be barred from it, or both, and says why. Those who may lock records down decide it
    (`access_lock_down_apply`, `access_lock_down_decline`); asking opens nothing to the requester.

    The person is a record the requester opened (`person`) or, for one they may not open or cannot find, a
    description (`described`): the manager who applies it chooses the record it matches. Asking by a
    description tells the requester nothing about whether a record exists, then or later."""
    if (person is None) == (described is None):
        raise ValueError("A lock-down request is about a record or a description of the person, not both")
    reason = required_text(reason)
    if not restrict and named:
        raise ServiceError("Name people only when asking for the record to be restricted.", field="named")
    if not restrict and not barred:
        raise ServiceError(
            "Ask for the record to be restricted to named people, or choose a member of staff to bar, or both.",
            field="restrict",
        )
    if {u.pk for u in named} & {u.pk for u in barred}:
        raise ServiceError("A member of staff cannot be both named and barred.", field="barred")
    if by.pk in {u.pk for u in barred}:
        raise ServiceError("Ask another manager to bar you from a record.", field="barred")
    request = LockDownRequest(person=person, requested_by=by, requested_at=timezone.now(), reason=reason)
    description = _description(request, described) if described is not None else None
    request.restrict = restrict
    request.full_clean()
    request.save()
    request.named_users.set(named)
    request.barred_users.set(barred)
    detail: dict[str, object] = {
        "request": request.pk,
        "restrict": restrict,
        "named": sorted(u.pk for u in named),
        "barred": sorted(u.pk for u in barred),
        "reason": reason,
    }
    if description is not None:
        detail["described"] = description  # the terms, as a search's are: in the audit detail only
    for decider in request_deciders(person, exclude={by.pk, *(u.pk for u in barred)}):
        # Never names the child (the email leaves the system): the request is found from the link.
        outbox_enqueue(
            to=decider,
            subject="A lock-down request is waiting for a decision",
            body=(
                f"{by.display_name} asked for a record to be locked down (request {request.pk}).\n\n"
                "Why is on the request (not repeated here in case it names the child). Apply it or decline "
                f"it with a reason at {email_link('access:lock-down-request', request.pk)}\n"
            ),
            kind="lock_down_request",
            about=request,
        )
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_REQUESTED, obj=person or request, detail=detail)
    return request


def request_deciders(person: Person | None, *, exclude: set[int]) -> list[User]:
    """Who is told of a new lock-down request: the team managers of the team the case system says holds the
    child's case, or the heads of service where no team is known (or it has no manager, or the request only
    describes the person); never a barred member of staff, nor those in `exclude` (whoever asked, whoever the
    request would bar). All who may decide see it on *Lock-down requests* in any case."""
    barred = (reach_barred(person) if person is not None else set()) | exclude
    active = User.objects.filter(is_active=True).exclude(pk__in=barred).distinct().order_by("pk")
    team = []
    if person is not None and person.allocated_team_key:
        team = list(active.filter(groups__name=Role.TEAM_MANAGER, team_key=person.allocated_team_key))
    return team or list(active.filter(groups__name=Role.HEAD_OF_SERVICE))


def _open_request(lock_down: LockDownRequest, by: User) -> LockDownRequest:
    lock_down = LockDownRequest.objects.select_for_update(of=("self",)).select_related("person").get(pk=lock_down.pk)
    if lock_down.status != LockDownRequest.Status.OPEN:
        raise ServiceError(f"This request has already been {lock_down.get_status_display().lower()}.")
    if lock_down.requested_by_id == by.pk:
        raise ServiceError("You asked for this lock-down: another manager decides it.", field="reason")
    if lock_down.barred_users.filter(pk=by.pk).exists():
        raise ServiceError("This request asks for you to be barred: another manager decides it.", field="reason")
    return lock_down


def _matched(lock_down: LockDownRequest, by: User, person: Person | None) -> Person:
    """The record a request is applied to: its own, or for a request that describes the person, the record
    the manager chose, which they must be able to open (the record's own manager decides it otherwise)."""
    if lock_down.person is not None:
        if person is not None and person.pk != lock_down.person_id:
            raise ServiceError("This request is about another record.", field="person")
        return lock_down.person
    if person is None:
        raise ServiceError("Choose the record this request is about.", field="person")
    if hidden_people(by, [person.pk]):
        raise ServiceError("You may not open that record: ask its manager to decide this request.", field="person")
    lock_down.person = person
    return person


OUTCOME_EMAIL = """{by} {outcome} your request of {asked} to lock a record down (request {number}), at {when}.

{why}See your requests and their outcome at {link}
"""


DESCRIBED_OUTCOME_EMAIL = """{by} dealt with your request of {asked} to lock a record down (request {number}), at
{when}.

You asked without a record, so you are not told whether one was found or what was done: that would tell you
whether the child is known to us. If you need to know more, ask {by}.

See your requests at {link}
"""


def _tell_requester(lock_down: LockDownRequest, by: User, outcome: str, why: str) -> None:
    """The requester is emailed the outcome; never the child's name, nor the reasons (which might name the
    child): the page shows them. A request that described the person is only "dealt with", applied or not."""
    if lock_down.described:
        body = DESCRIBED_OUTCOME_EMAIL.format(
            by=by.display_name,
            asked=timezone.localtime(lock_down.requested_at).strftime("%d %B %Y"),
            number=lock_down.pk,
            when=timezone.localtime(lock_down.decided_at).strftime("%H:%M on %d %B %Y"),
            link=email_link("access:requests"),
        )
        subject = "Your lock-down request has been dealt with"
        outbox_enqueue(to=lock_down.requested_by, subject=subject, body=body, kind="lock_down_outcome", about=lock_down)
        return
    body = OUTCOME_EMAIL.format(
        by=by.display_name,
        outcome=outcome,
        asked=timezone.localtime(lock_down.requested_at).strftime("%d %B %Y"),
        number=lock_down.pk,
        when=timezone.localtime(lock_down.decided_at).strftime("%H:%M on %d %B %Y"),
        why=why,
        link=email_link("access:requests"),
    )
    subject = f"Your lock-down request was {'applied' if outcome == 'applied' else 'not applied'}"
    outbox_enqueue(to=lock_down.requested_by, subject=subject, body=body, kind="lock_down_outcome", about=lock_down)


@service
def access_lock_down_apply(
    *,
    lock_down: LockDownRequest,
    by: User,
    manager: User | None = None,
    note: str = "",
    person: Person | None = None,
) -> LockDownRequest:
    """Apply a request as asked: bar the staff named to be barred, then restrict the record to the people
    named (added to those already named on a restriction; whoever applies it and the manager to ask are
    always named), through `access_bar` and `access_restrict`, each with its own audit event.

    A request that describes the person is applied to the record the manager chose (`person`)."""
    lock_down = _open_request(lock_down, by)
    person = _matched(lock_down, by, person)
    already = reach_barred(person)
    for user in lock_down.barred_users.order_by("pk"):
        if user.pk not in already:
            access_bar(person=person, user=user, by=by, reason=lock_down.reason)
    if lock_down.restrict:
        existing = current_restriction(person)
        named = [*(existing.named_users.all() if existing else []), *lock_down.named_users.all()]
        barred = reach_barred(person)
        chosen = manager or (existing.manager if existing else by)
        access_restrict(
            person=person,
            by=by,
            reason=lock_down.reason,
            manager=chosen,
            named=[u for u in named if u.pk not in barred],
        )
    lock_down.status = LockDownRequest.Status.APPLIED
    lock_down.decided_by, lock_down.decided_at, lock_down.decision_reason = by, timezone.now(), (note or "").strip()
    lock_down.save(update_fields=["person", "status", "decided_by", "decided_at", "decision_reason"])
    _tell_requester(lock_down, by, "applied", "")
    detail = {"request": lock_down.pk, "note": lock_down.decision_reason}
    audit_record(actor=by, action=AuditAction.ACCESS_LOCK_DOWN_APPLIED, obj=person, detail=detail)
    return lock_down


@service
def access_lock_down_decline(*, lock_down: LockDownRequest, by: User, reason: str) -> LockDownRequest:
    """Decline a request, with a reason the requester reads on their requests page."""
    reason = required_text(reason)
    lock_down = _open_request(lock_down, by)
    lock_down.status = LockDownRequest.Status.DECLINED
    lock_down.decided_by, lock_down.decided_at, lock_down.decision_reason = by, timezone.now(), reason
    lock_down.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    why = "Why is on the page (not repeated here in case it names the child). "
    _tell_requester(lock_down, by, "declined", why)
    detail = {"request": lock_down.pk, "reason": reason}
    audit_record(
        actor=by, action=AuditAction.ACCESS_LOCK_DOWN_DECLINED, obj=lock_down.person or lock_down, detail=detail
    )
    return lock_down
