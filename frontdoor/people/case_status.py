"""What the council's case-management system knows about a person (R-CHK-1): open case, allocated
worker and team, child protection plan, looked after, restricted.

Read from optional columns of `frontdoor people import` and from the daily delta that
`frontdoor people status FILE.csv` applies. A cell left empty leaves the value as it is.

`restricted` is the case system's to set and to lift (R-ACC-2): what it says is kept apart
(`access.CaseSystemRestriction`), and the record stays restricted while a manager here has locked it down
too. A manager here cannot lift the case system's restriction (see docs/ACCESS.md).
"""

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from frontdoor.access.permissions import service
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.services import audit_operation
from frontdoor.core.bulk import bulk_update_rows
from frontdoor.procedures.loader import get_profile

from .models import Person

# CSV column -> Person field.
CASE_COLUMNS = {
    "open_case": "open_case",
    "allocated_worker": "allocated_worker",
    "allocated_team": "allocated_team_key",
    "cp_plan": "cp_plan",
    "looked_after": "looked_after",
    "restricted": "restricted",
}
CASE_FIELDS = tuple(CASE_COLUMNS.values())
BOOLEANS = ("open_case", "cp_plan", "looked_after", "restricted")
TRUE = frozenset({"true", "yes", "y", "1"})
FALSE = frozenset({"false", "no", "n", "0"})
BATCH = 5000


def _boolean(name: str, text: str) -> bool:
    value = text.lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(f"{name} {text!r} must be true or false (also yes/no, y/n, 1/0)")


def parse_case_values(raw: Mapping[str, str | None]) -> dict[str, object]:
    """The Person fields a row sets: only its non-empty case columns (an empty cell changes nothing)."""
    values: dict[str, object] = {}
    for column, name in CASE_COLUMNS.items():
        text = (raw.get(column) or "").strip()
        if not text:
            continue
        if column in BOOLEANS:
            values[name] = _boolean(column, text)
        elif column == "allocated_team":
            keys = [t.key for t in get_profile().teams]
            if text not in keys:
                raise ValueError(f"allocated_team {text!r} is not a team of this authority ({', '.join(keys)})")
            values[name] = text
        else:
            if len(text) > 120:
                raise ValueError("allocated_worker is longer than 120 characters")
            values[name] = text
    return values


@dataclass
class StatusResult:
    rows: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class StatusRow:
    line: int
    person_id: str
    values: dict[str, object]


def _read(path: Path, result: StatusResult) -> Iterator[StatusRow]:
    from .importer import ImportFileError

    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        try:
            names = reader.fieldnames or []
            if "person_id" not in names or not set(CASE_COLUMNS) & set(names):
                raise ImportFileError(
                    f"{path.name}: needs person_id and at least one of {', '.join(CASE_COLUMNS)}; nothing was changed"
                )
            for raw in reader:
                result.rows += 1
                person_id = (raw.get("person_id") or "").strip()
                try:
                    if not person_id:
                        raise ValueError("person_id is empty")
                    yield StatusRow(reader.line_num, person_id, parse_case_values(raw))
                except ValueError as error:
                    result.errors.append((reader.line_num, str(error)))
        except UnicodeDecodeError as error:
            raise ImportFileError(f"{path.name}: not UTF-8 text (byte {error.start}); nothing was changed") from None
        except csv.Error as error:
            raise ImportFileError(f"{path.name}: line {reader.line_num}: {error}; nothing was changed") from None


def _batches(rows: Iterator[StatusRow]) -> Iterator[list[StatusRow]]:
    batch: list[StatusRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _current_values(rows: list[StatusRow]) -> dict[str, dict]:
    """Each row's record, or for a record merged into another the record kept (its status belongs there)."""
    found = {
        p["source_id"]: p
        for p in Person.objects.filter(source_id__in=[r.person_id for r in rows]).values(
            "pk", "source_id", "merged_into_id", *CASE_FIELDS
        )
    }
    merged = {p["merged_into_id"] for p in found.values() if p["merged_into_id"]}
    kept = {p["pk"]: p for p in Person.objects.filter(pk__in=merged).values("pk", *CASE_FIELDS)}
    return {k: kept[p["merged_into_id"]] if p["merged_into_id"] else p for k, p in found.items()}


@dataclass
class _Locks:
    """Who restricts each record of a batch (R-ACC-2): the case system (its own row, kept apart) and a
    manager here (a current `Restriction`). The record is restricted while either does, so the file
    lifting the case system's restriction leaves a manager's lock-down in place (docs/ACCESS.md)."""

    case: set[int]
    here: set[int]
    added: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, pks: list[int]) -> "_Locks":
        from frontdoor.access.models import CaseSystemRestriction, Restriction

        if not pks:
            return cls(set(), set())
        case = CaseSystemRestriction.objects.filter(person_id__in=pks).values_list("person_id", flat=True)
        here = Restriction.objects.filter(person_id__in=pks, lifted_at__isnull=True).values_list("person_id", flat=True)
        return cls(set(case), set(here))

    def case_says(self, pk: int, restricted: object) -> bool:
        """Record what the case system says; answer whether the record is restricted here."""
        if restricted and pk not in self.case:
            self.case.add(pk)
            self.added.add(pk)
            self.removed.discard(pk)
        elif not restricted and pk in self.case:
            self.case.discard(pk)
            self.removed.add(pk)
            self.added.discard(pk)
        return pk in self.case or pk in self.here

    def save(self) -> None:
        from frontdoor.access.models import CaseSystemRestriction

        now = timezone.now()
        if self.removed:
            CaseSystemRestriction.objects.filter(person_id__in=self.removed).delete()
        if self.added:
            CaseSystemRestriction.objects.bulk_create(
                [CaseSystemRestriction(person_id=pk, since=now) for pk in sorted(self.added)], ignore_conflicts=True
            )


def _apply_batch(rows: list[StatusRow], result: StatusResult) -> None:
    current = _current_values(rows)
    # Read only for a batch that says something about restriction (two small reads, none otherwise).
    touched = any("restricted" in row.values for row in rows)
    locks = _Locks.read([p["pk"] for p in current.values()] if touched else [])
    changed: dict[int, tuple] = {}
    for row in rows:
        old = current.get(row.person_id)
        if old is None:
            result.errors.append((row.line, f"person_id {row.person_id} is not in the person index"))
            continue
        values = dict(row.values)
        if "restricted" in values:
            values["restricted"] = locks.case_says(old["pk"], values["restricted"])
        new = {**{f: old[f] for f in CASE_FIELDS}, **values}
        if all(old[f] == new[f] for f in CASE_FIELDS):
            result.unchanged += 1
            continue
        old.update(new)  # a later row about the same record starts from this one
        changed[old["pk"]] = tuple(new[f] for f in CASE_FIELDS)
        result.updated += 1
    _update(changed)
    locks.save()


def _update(changed: dict[int, tuple]) -> None:
    """One prepared UPDATE run over every changed row (see bulk_update_rows for why not bulk_update)."""
    now = Person._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    columns = [str(Person._meta.get_field(f).column) for f in CASE_FIELDS]  # type: ignore[union-attr]  # concrete fields
    bulk_update_rows(Person, [*columns, "updated_at"], ((*values, now, pk) for pk, values in changed.items()))


@service
def people_status_apply(*, path: Path) -> StatusResult:
    """Apply a delta of case-system columns keyed by person_id, in one transaction, audited."""
    result = StatusResult()
    with transaction.atomic():
        for batch in _batches(_read(path, result)):
            _apply_batch(batch, result)
        audit_operation(
            action=AuditAction.PEOPLE_CASE_STATUS_APPLIED,
            object_type="people.status",
            object_id=path.name,
            detail={"rows": result.rows, "updated": result.updated, "errors": len(result.errors)},
        )
    return result
