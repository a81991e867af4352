"""Bulk import of people from another system's CSV export, keyed by the source `person_id`.

Bad rows are reported with their line number and reason and the rest still load; a re-import
updates people by `person_id` (a changed address is added as the current one, the old kept).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from frontdoor.audit.services import audit_record

from .identifiers import nhs_number_valid
from .keys import match_columns, person_keys, person_keys_refresh
from .models import Address, Person, PersonKey, PersonName, normalise_name, normalise_postcode

COLUMNS = (
    "person_id",
    "given_names",
    "family_name",
    "previous_family_names",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "nhs_number",
)
REQUIRED = ("person_id", "given_names", "family_name", "date_of_birth", "sex", "postcode")
BATCH = 5000
LIMITS = {"person_id": 64, "given_names": 100, "family_name": 100, "postcode": 10, "address": 300}


class ImportFileError(Exception):
    """The file as a whole cannot be read: nothing was imported."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    line: int
    person_id: str
    given_names: str
    family_name: str
    previous: tuple[str, ...]
    date_of_birth: datetime.date | None
    sex: str
    postcode: str
    address: str
    nhs_number: str


def _date(text: str) -> datetime.date | None:
    if not text:
        return None
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date_of_birth {text!r} is not a real date in the form YYYY-MM-DD") from None
    if value > datetime.date.today():  # noqa: DTZ011 - a calendar date, compared as one
        raise ValueError(f"date_of_birth {text} is in the future")
    return value


def parse_row(line: int, raw: dict[str, str]) -> Row:
    values = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
    if not values["person_id"]:
        raise ValueError("person_id is empty")
    if not values["family_name"] and not values["given_names"]:
        raise ValueError("both given_names and family_name are empty")
    sex = values["sex"].upper() or "U"
    if sex not in ("M", "F", "U"):
        raise ValueError(f"sex {values['sex']!r} must be M, F or U")
    nhs = "".join(values["nhs_number"].split())
    if nhs and not nhs_number_valid(nhs):
        raise ValueError(f"nhs_number {values['nhs_number']!r} fails its check digit")
    previous = tuple(p.strip() for p in values["previous_family_names"].split(";") if p.strip())
    return Row(
        line,
        values["person_id"],
        values["given_names"],
        values["family_name"],
        previous,
        _date(values["date_of_birth"]),
        sex,
        values["postcode"].upper(),
        values["address"],
        nhs,
    )


def read_rows(path: Path, result: ImportResult) -> Iterator[Row]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror}") from None
    with handle:
        try:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(f"{path.name}: missing column(s): {', '.join(missing)}; nothing was imported")
            for raw in reader:
                try:
                    yield parse_row(reader.line_num, raw)
                except ValueError as error:
                    result.errors.append((reader.line_num, str(error)))
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"{path.name}: not UTF-8 text (byte {error.start}); save it as UTF-8 and import again"
            ) from None
        except csv.Error as error:
            raise ImportFileError(f"{path.name}: line {reader.line_num}: {error}") from None


def _person_fields(row: Row) -> dict:
    return {
        "given_names": row.given_names,
        "family_name": row.family_name,
        "date_of_birth": row.date_of_birth,
        "sex": row.sex,
        "nhs_number": row.nhs_number,
        "given_names_norm": normalise_name(row.given_names),
        "family_name_norm": normalise_name(row.family_name),
    }


def _new_person(row: Row) -> Person:
    return Person(source_id=row.person_id, **_person_fields(row), **match_columns(row.previous, [row.postcode]))


def _save_batch(rows: list[Row], result: ImportResult) -> None:
    fields = list(_person_fields(rows[0]))
    existing = {
        p["source_id"]: p
        for p in Person.objects.filter(source_id__in=[r.person_id for r in rows]).values(
            "pk", "source_id", "match_other_names", *fields
        )
    }
    new = [_new_person(r) for r in rows if r.person_id not in existing]
    Person.objects.bulk_create(new, batch_size=BATCH)
    _new_keys(new, rows)
    # Only rows whose values changed are written: a repeated import of the same file is cheap.
    updates = []
    for r in rows:
        old = existing.get(r.person_id)
        if old is not None and any(old[k] != v for k, v in _person_fields(r).items()):
            updates.append(Person(pk=old["pk"], source_id=r.person_id, **_person_fields(r)))
    Person.objects.bulk_update(updates, fields, batch_size=500)
    result.created += len(new)
    result.updated += len(updates)
    result.unchanged += len(rows) - len(new) - len(updates)
    ids = {**{k: v["pk"] for k, v in existing.items()}, **{p.source_id: p.pk for p in new}}
    moved = _save_names_and_addresses(rows, ids)
    renamed = {
        v["pk"]
        for r in rows
        if (v := existing.get(r.person_id))
        and v["match_other_names"] != match_columns(r.previous, [])["match_other_names"]
    }
    person_keys_refresh({u.pk for u in updates} | renamed | (moved - {p.pk for p in new}))


def _new_keys(people: list[Person], rows: list[Row]) -> None:
    """Keys for people new in this batch, straight from their rows (no read back)."""
    by_id = {r.person_id: r for r in rows}
    PersonKey.objects.bulk_create(
        [
            PersonKey(person_id=p.pk, key=key)
            for p in people
            for key in person_keys(
                given_names=p.given_names,
                family_name=p.family_name,
                other_names=by_id[p.source_id].previous,
                dob=p.date_of_birth,
                postcodes=[by_id[p.source_id].postcode],
            )
        ],
        batch_size=BATCH,
    )


def _save_names_and_addresses(rows: list[Row], ids: dict[str, int]) -> set[int]:
    """Replace previous names and add changed addresses; returns the people whose address changed."""
    pks = [ids[r.person_id] for r in rows]
    PersonName.objects.filter(person_id__in=pks, kind=PersonName.Kind.PREVIOUS).delete()
    PersonName.objects.bulk_create(
        [
            PersonName(
                person_id=ids[r.person_id],
                kind=PersonName.Kind.PREVIOUS,
                family_name=name,
                family_name_norm=normalise_name(name),
            )
            for r in rows
            for name in r.previous
        ],
        batch_size=BATCH,
    )
    current = {a.person_id: a for a in Address.objects.filter(person_id__in=pks, is_current=True)}
    moved, added = [], []
    for r in rows:
        if not (r.postcode or r.address):
            continue
        pk, old = ids[r.person_id], current.get(ids[r.person_id])
        if old and old.postcode_norm == normalise_postcode(r.postcode) and old.line == (r.address or old.line):
            continue
        if old:
            moved.append(old.pk)
        added.append(
            Address(
                person_id=pk,
                line=r.address or "Address not known",
                postcode=r.postcode,
                postcode_norm=normalise_postcode(r.postcode),
            )
        )
    Address.objects.filter(pk__in=moved).update(is_current=False)
    Address.objects.bulk_create(added, batch_size=BATCH)
    return {a.person_id for a in added}


def _dedupe(rows: Iterable[Row], result: ImportResult) -> Iterator[list[Row]]:
    seen: set[str] = set()
    batch: list[Row] = []
    for row in rows:
        if row.person_id in seen:
            result.errors.append((row.line, f"person_id {row.person_id} appears more than once in the file"))
            continue
        seen.add(row.person_id)
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def people_import(*, path: Path, actor: object = None) -> ImportResult:
    """Import every good row in one transaction: a file-level error leaves nothing half-imported."""
    result = ImportResult()
    with transaction.atomic():
        for batch in _dedupe(read_rows(path, result), result):
            _save_batch(batch, result)
        audit_record(
            actor=actor,
            action="people.imported",
            object_type="people.import",
            object_id=path.name,
            detail={"created": result.created, "updated": result.updated, "errors": len(result.errors)},
        )
    return result


def format_errors(result: ImportResult, limit: int = 50) -> str:
    out = io.StringIO()
    for line, reason in result.errors[:limit]:
        out.write(f"line {line}: {reason}\n")
    if len(result.errors) > limit:
        out.write(f"… and {len(result.errors) - limit} more\n")
    return out.getvalue()
