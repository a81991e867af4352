"""Writes for lock-down, bars and emergency access (R-ACC-2, 002 s2). Each is one transaction writing one
audit event; the rules that read these rows are in `frontdoor.access.policy`."""

import datetime
from typing import Any

from django.utils import timezone

from frontdoor.accounts.models import Role, User
from frontdoor.accounts.roles import user_roles
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.core.errors import ServiceError, required_text
from frontdoor.outbox.links import email_link
from frontdoor.outbox.services import outbox_enqueue
from frontdoor.people.models import Person

from ..models import Bar, BreakGlass, CaseSystemRestriction, Restriction
from ..permissions import service
from ..policy import Can, break_glass_minutes, can, reach


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


def bars_carry_over(*, duplicate: Person, kept: Person, by: User) -> list[int]:
    """R-ACC-2 on a merge: the duplicate's contacts move to the kept record, so every member of staff barred
    from the duplicate is barred from the kept record too. Written in the merge's transaction and recorded by
    its audit event (not a service of its own); returns the bars set, which undoing the merge lifts."""
    already, now, made = reach_barred(kept), timezone.now(), []
    for bar in Bar.objects.filter(person=duplicate, lifted_at__isnull=True).order_by("pk"):
        if bar.user_id in already:
            continue
        carried = Bar(person=kept, user_id=bar.user_id, set_by=by, set_at=now, reason=bar.reason)
        carried.full_clean()
        carried.save()
        made.append(carried.pk)
    return made


def restriction_carry_over(*, duplicate: Person, kept: Person, by: User) -> dict[str, Any]:
    """R-ACC-2 on a merge: a lock-down set here on the duplicate follows its contacts to the kept record, with
    the people named on it (a barred one left out), so that they still open it and it can still be lifted
    here. Added to a restriction the kept record already has; set as the duplicate's where it has none and
    is not restricted (a record the case system restricts keeps that, and its named people are added only
    where it has a restriction here). Returns what it did, which undoing the merge reverses."""
    theirs = current_restriction(duplicate)
    if theirs is None:
        return {}
    barred = reach_barred(kept)
    named = [u for u in theirs.named_users.order_by("pk") if u.pk not in barred]
    mine = current_restriction(kept)
    if mine is not None:
        held = set(mine.named_users.values_list("pk", flat=True))
        added = [u.pk for u in named if u.pk not in held]
        mine.named_users.add(*added)
        return {"named_added": added, "restriction": mine.pk}
    if kept.restricted:
        return {}
    made = Restriction(person=kept, reason=theirs.reason, manager=theirs.manager, set_by=by, set_at=timezone.now())
    made.full_clean()
    made.save()
    made.named_users.set(named)
    return {"restriction_set": made.pk}


def restriction_carry_back(*, carried: dict[str, Any], by: User) -> None:
    """Undoing a merge: the people it named on the kept record's restriction are taken off, and a restriction
    it set there is lifted (the kept record's own `restricted` flag is put back by the merge's undo)."""
    if carried.get("named_added"):
        Restriction.objects.get(pk=carried["restriction"]).named_users.remove(*carried["named_added"])
    made = Restriction.objects.filter(pk=carried.get("restriction_set", 0), lifted_at__isnull=True).first()
    if made is not None:
        made.lifted_by, made.lifted_at, made.lift_reason = by, timezone.now(), "The merge that set it was undone."
        made.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])


def bars_carry_back(*, bar_ids: list[int], by: User) -> None:
    """Undoing a merge lifts the bars it carried over to the kept record (the duplicate's own bars stand)."""
    for bar in Bar.objects.filter(pk__in=bar_ids, lifted_at__isnull=True).order_by("pk"):
        bar.lifted_by, bar.lifted_at = by, timezone.now()
        bar.save(update_fields=["lifted_by", "lifted_at"])  # saved one by one: `policy.reach` hears of each


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
