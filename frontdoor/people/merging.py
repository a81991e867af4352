"""A manager merges a duplicate person record into the one kept, and can undo it exactly.

Nothing is deleted: the duplicate keeps its row and points at the kept record, and
`PersonMerge.moved` lists every row re-pointed and every field copied, so undo puts each one back.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.access.services import (
    bars_carry_back,
    bars_carry_over,
    lock_down_requests_check,
    restriction_carry_back,
    restriction_carry_over,
)
from frontdoor.accounts.models import User
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import ContactPerson
from frontdoor.core.errors import ServiceError, StaleEdit, required_text
from frontdoor.decisions.models import ThresholdDecision

from .keys import person_keys_refresh
from .labels import label_record, record_details
from .models import (
    Address,
    DistinctPair,
    MatchLabel,
    Person,
    PersonMerge,
    PersonName,
    Relationship,
    normalise_name,
)

# Copied onto the kept record only when it has none (an open case keeps its worker and team).
IDENTIFIERS = ("nhs_number", "upn", "date_of_birth", "allocated_worker", "allocated_team_key")
# Kept as the OR of both records: a child protection plan or a restriction (R-ACC-2) is never lost.
FLAGS = ("open_case", "cp_plan", "looked_after", "restricted")


@dataclass(frozen=True)
class Link:
    """Rows of `model` that point at a person through `field`, and what would clash on re-pointing."""

    key: str
    model: type[models.Model]
    field: str
    unique: tuple[str, ...] = ()  # with `field`, unique among rows matching `scope`
    scope: Q = Q()
    self_field: str = ""  # a row linking the two records themselves cannot be re-pointed


LINKS = (
    Link("contact_links", ContactPerson, "person", unique=("contact_id", "role")),
    Link("threshold_decisions", ThresholdDecision, "child", unique=("contact_id",), scope=Q(is_current=True)),
    Link("other_names", PersonName, "person"),
    Link("addresses", Address, "person"),
    Link("relationships_from", Relationship, "person", unique=("other_id", "kind"), self_field="other_id"),
    Link("relationships_to", Relationship, "other", unique=("person_id", "kind"), self_field="person_id"),
)


def _lock_pair(first_id: int, second_id: int) -> tuple[Person, Person]:
    """Lock both rows in id order, so that two managers merging the same pair cannot deadlock."""
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[first_id, second_id]).order_by("pk")}
    return locked[first_id], locked[second_id]


def _save_person(person: Person, by: User) -> None:
    person.version += 1
    person.updated_by = by
    person.full_clean()
    person.save()


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _check_merge(duplicate: Person, kept: Person, expected_versions: tuple[int, int] | None) -> None:
    for person in (duplicate, kept):
        if person.merged_into_id is not None:
            into = Person.objects.get(pk=person.merged_into_id)
            raise ServiceError(
                f"The record of {person.described} has already been merged into the record of {into.described}. "
                "Nothing has been merged."
            )
    if expected_versions is not None and (duplicate.version, kept.version) != tuple(expected_versions):
        raise StaleEdit(
            "Someone changed one of these records after you opened this page. Nothing has been merged: "
            "check the records again, then merge them."
        )


def _kept_back(link: Link, duplicate: Person, kept: Person) -> set[int]:
    """The duplicate's rows that would break a constraint if re-pointed: they stay with the duplicate."""
    rows = link.model._default_manager.filter(**{link.field: duplicate})
    back: set[int] = set()
    if link.self_field:
        back.update(rows.filter(**{link.self_field: kept.pk}).values_list("pk", flat=True))
    if link.unique:
        taken = set(link.model._default_manager.filter(link.scope, **{link.field: kept}).values_list(*link.unique))
        for pk, *key in rows.filter(link.scope).values_list("pk", *link.unique):
            if tuple(key) in taken:
                back.add(pk)
    return back


def _repoint_all(duplicate: Person, kept: Person) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    moved: dict[str, list[int]] = {}
    kept_back: dict[str, list[int]] = {}
    for link in LINKS:
        back = _kept_back(link, duplicate, kept)
        ids = sorted(set(link.model._default_manager.filter(**{link.field: duplicate}).values_list("pk", flat=True)))
        moved[link.key] = [pk for pk in ids if pk not in back]
        kept_back[link.key] = sorted(back)
        link.model._default_manager.filter(pk__in=moved[link.key]).update(**{link.field: kept})
    return moved, kept_back


def _addresses_to_history(duplicate: Person, kept: Person) -> list[int]:
    """The kept record's current address stays current; the duplicate's become history.

    If the kept record has no current address, the duplicate's current one stays current rather
    than leaving the child with no known address.
    """
    if not kept.addresses.filter(is_current=True).exists():
        return []
    ids = sorted(duplicate.addresses.filter(is_current=True).values_list("pk", flat=True))
    Address.objects.filter(pk__in=ids).update(is_current=False)
    return ids


def _add_alias(duplicate: Person, kept: Person) -> int | None:
    """The duplicate's spelling as an alias of the kept record, so a search under it still finds the child."""
    spelling = (normalise_name(duplicate.given_names), normalise_name(duplicate.family_name))
    known = {(normalise_name(kept.given_names), kept.family_name_norm)}
    known.update((normalise_name(n.given_names), n.family_name_norm) for n in kept.other_names.all())
    if spelling in known:
        return None
    alias = PersonName(
        person=kept,
        kind=PersonName.Kind.ALIAS,
        given_names=duplicate.given_names,
        family_name=duplicate.family_name,
        family_name_norm=spelling[1],
    )
    alias.full_clean()
    alias.save()
    return alias.pk


def _copy_identifiers(duplicate: Person, kept: Person) -> dict[str, list[Any]]:
    copied: dict[str, list[Any]] = {}
    for name in IDENTIFIERS:
        mine, theirs = getattr(kept, name), getattr(duplicate, name)
        if mine not in (None, "") or theirs in (None, ""):
            continue
        if name == "date_of_birth" and kept.is_unborn:
            continue  # an unborn child has an expected date of delivery, not a date of birth
        copied[name] = [_as_json(mine), _as_json(theirs)]
        setattr(kept, name, theirs)
    return copied


def _combine_flags(duplicate: Person, kept: Person) -> dict[str, list[Any]]:
    changed: dict[str, list[Any]] = {}
    for name in FLAGS:
        if getattr(duplicate, name) and not getattr(kept, name):
            changed[name] = [False, True]
            setattr(kept, name, True)
    return changed


def _counts(rows: dict[str, list[int]]) -> dict[str, int]:
    return {key: len(ids) for key, ids in rows.items()}


@service
@transaction.atomic
def person_merge(
    *,
    duplicate: Person,
    kept: Person,
    merged_by: User,
    reason: str,
    expected_versions: tuple[int, int] | None = None,
) -> PersonMerge:
    """Merge `duplicate` into `kept`: every row re-pointed, both histories kept, audited.

    `expected_versions` are the (duplicate, kept) versions the manager saw; a change since is refused.
    """
    if duplicate.pk == kept.pk:
        raise ServiceError("A record cannot be merged with itself: choose two different records.")
    required_text(reason, "Enter the reason for merging these records.", field="reason")
    duplicate, kept = _lock_pair(duplicate.pk, kept.pk)
    _check_merge(duplicate, kept, expected_versions)
    # The duplicate as the manager judged it, before anything moves: a labelled pair (same person).
    label_record(
        source=MatchLabel.Source.MERGED,
        same=True,
        query=record_details(duplicate),
        person=kept,
        other=duplicate,
        by=merged_by,
    )
    history = _addresses_to_history(duplicate, kept)
    rows, kept_back = _repoint_all(duplicate, kept)
    alias = _add_alias(duplicate, kept)
    # R-ACC-2: the duplicate's contacts are now the kept record's; so are its bars and its lock-down (read
    # before the flags are combined: a record restricted only by the case system keeps that).
    restriction = restriction_carry_over(duplicate=duplicate, kept=kept, by=merged_by)
    bars = bars_carry_over(duplicate=duplicate, kept=kept, by=merged_by)
    fields = {**_copy_identifiers(duplicate, kept), **_combine_flags(duplicate, kept)}
    duplicate.merged_into = kept
    _save_person(duplicate, merged_by)
    _save_person(kept, merged_by)
    moved = {
        "rows": rows,
        "kept_back": kept_back,
        "addresses_made_history": history,
        "alias": alias,
        "fields": fields,
        "bars": bars,
        "restriction": restriction,
    }
    merge = PersonMerge(
        duplicate=duplicate,
        kept=kept,
        reason=reason.strip(),
        merged_at=timezone.now(),
        merged_by=merged_by,
        moved=moved,
    )
    merge.full_clean()
    merge.save()
    person_keys_refresh([duplicate.pk, kept.pk])
    # R-ACC-2: the kept record now holds both records' names and dates, so it may be the child of a lock-down
    # request that was waiting for a record (neither record alone matched it when it was kept waiting).
    lock_down_requests_check([kept.pk])
    audit_record(
        actor=merged_by,
        action=AuditAction.PERSON_MERGED,
        obj=kept,
        detail={
            "merge": merge.pk,
            "duplicate": duplicate.pk,
            "kept": kept.pk,
            "moved": _counts(rows),
            "kept_back": _counts(kept_back),
            "copied": sorted(fields),
            "alias_added": alias is not None,
            "bars_carried": bars,
            "restriction_carried": restriction,
        },
    )
    return merge


def _check_undo(merge: PersonMerge, duplicate: Person, kept: Person) -> None:
    if merge.undone_at is not None:
        when = timezone.localtime(merge.undone_at)
        raise ServiceError(f"This merge was already undone on {when.day} {when:%B %Y}.")
    if kept.merged_into_id is not None:
        into = Person.objects.get(pk=kept.merged_into_id)
        raise ServiceError(
            f"The record of {kept.described} has since been merged into the record of {into.described}. "
            "Undo that merge first, then undo this one."
        )
    if duplicate.merged_into_id != kept.pk:
        raise ServiceError("This merge cannot be undone: the merged record no longer points at the kept one.")


def _restore_fields(kept: Person, fields: dict[str, list[Any]]) -> tuple[list[str], list[str]]:
    """Put back what the merge copied, unless someone has changed that field since (then it is left)."""
    restored, left = [], []
    for name, (old, new) in fields.items():
        if _as_json(getattr(kept, name)) != new:
            left.append(name)
            continue
        field = Person._meta.get_field(name)
        assert isinstance(field, models.Field)  # noqa: S101 - merges record concrete fields only
        setattr(kept, name, field.to_python(old))
        restored.append(name)
    return restored, left


def _repoint_back(moved: dict[str, Any], duplicate: Person) -> None:
    try:
        with transaction.atomic():
            for link in LINKS:
                ids = moved["rows"].get(link.key, [])
                link.model._default_manager.filter(pk__in=ids).update(**{link.field: duplicate})
    except IntegrityError:
        raise ServiceError(
            "This merge cannot be undone automatically: records added since the merge would clash. "
            "Nothing has been changed."
        ) from None
    Address.objects.filter(pk__in=moved.get("addresses_made_history", [])).update(is_current=True)


@service
@transaction.atomic
def person_merge_undo(*, merge: PersonMerge, undone_by: User, reason: str) -> PersonMerge:
    """Reverse a merge exactly from what it recorded in `moved`; audited."""
    required_text(reason, "Enter the reason for undoing this merge.", field="reason")
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    duplicate, kept = _lock_pair(merge.duplicate_id, merge.kept_id)
    _check_undo(merge, duplicate, kept)
    moved = merge.moved
    if moved.get("alias"):
        PersonName.objects.filter(pk=moved["alias"], person=kept).delete()
    _repoint_back(moved, duplicate)
    bars_carry_back(bar_ids=moved.get("bars", []), by=undone_by)
    restriction_carry_back(carried=moved.get("restriction", {}), by=undone_by)
    restored, left = _restore_fields(kept, moved.get("fields", {}))
    duplicate.merged_into = None
    _save_person(duplicate, undone_by)
    _save_person(kept, undone_by)
    merge.undone_at, merge.undone_by, merge.undo_reason = timezone.now(), undone_by, reason.strip()
    merge.full_clean()
    merge.save()
    # The manager now judges them different people: a labelled pair.
    label_record(
        source=MatchLabel.Source.MERGE_UNDONE,
        same=False,
        query=record_details(duplicate),
        person=kept,
        other=duplicate,
        by=undone_by,
    )
    person_keys_refresh([duplicate.pk, kept.pk])
    audit_record(
        actor=undone_by,
        action=AuditAction.PERSON_MERGE_UNDONE,
        obj=kept,
        detail={
            "merge": merge.pk,
            "duplicate": duplicate.pk,
            "kept": kept.pk,
            "moved_back": _counts(moved.get("rows", {})),
            "restored": restored,
            "left_as_changed_since": left,
        },
    )
    return merge


@service
@transaction.atomic
def people_confirm_distinct(
    *, first: Person, second: Person, confirmed_by: User, reason: str, label: bool = True
) -> DistinctPair:
    """Record that two records are different people, so duplicate checks stop offering the pair.

    Idempotent: confirming a pair again returns the first confirmation. The first confirmation is a
    labelled pair (DISTINCT) unless `label` is off because the caller labels the judgement itself.
    """
    if first.pk == second.pk:
        raise ServiceError("A record cannot be a different person from itself.")
    required_text(reason, "Enter why these are different people.", field="reason")
    low, high = sorted((first.pk, second.pk))
    existing = DistinctPair.objects.select_for_update().filter(first_id=low, second_id=high).first()
    if existing is not None:
        # The pair stands as first confirmed; the repeat and its reason are kept in the log.
        audit_record(
            actor=confirmed_by,
            action=AuditAction.PEOPLE_CONFIRMED_DISTINCT_AGAIN,
            obj=existing,
            detail={"reason": reason.strip()},
        )
        return existing
    pair = DistinctPair(
        first_id=low, second_id=high, reason=reason.strip(), confirmed_at=timezone.now(), confirmed_by=confirmed_by
    )
    pair.full_clean()
    pair.save()
    if label:
        low_person, high_person = (first, second) if first.pk == low else (second, first)
        label_record(
            source=MatchLabel.Source.DISTINCT,
            same=False,
            query=record_details(high_person),
            person=low_person,
            other=high_person,
            by=confirmed_by,
        )
    audit_record(
        actor=confirmed_by,
        action=AuditAction.PEOPLE_CONFIRMED_DISTINCT,
        obj=pair,
        detail={"first": low, "second": high},
    )
    return pair
