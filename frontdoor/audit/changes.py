"""What a record said before each change, who changed it and when: read from its field history."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

# Kept by the system for itself, not what the record says.
SKIPPED = {"id", "created_at", "created_by", "updated_at", "updated_by", "version"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Change:
    at: datetime.datetime
    by: str
    created: bool
    fields: list[FieldChange] = field(default_factory=list)


def _shown_fields(model: type[models.Model], hidden: set[str]) -> list[models.Field]:
    user_model = get_user_model()
    shown = []
    for f in model._meta.concrete_fields:
        if f.name in SKIPPED or f.name in hidden or isinstance(f, models.JSONField) or not f.editable:
            continue
        if f.is_relation and f.related_model is not user_model:
            continue  # links to other records are shown on their own pages
        shown.append(f)
    return shown


def _words(f: models.Field, value: Any, users: dict[int, str]) -> str:
    if value is None or value == "":
        return "Not recorded"
    if f.is_relation:
        return users.get(value, "A former member of staff")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    return str(value)


def record_changes(obj: models.Model, *, hidden: set[str] | None = None) -> list[Change]:
    """Newest first: each change with the fields it changed, as they were and as they became. Fields named in
    `hidden` (what this reader may not see) are left out. Two queries, whatever the number of changes."""
    shown = _shown_fields(type(obj), hidden or set())
    rows = list(obj.history.order_by("history_date", "history_id").select_related("history_user"))  # type: ignore[attr-defined]
    user_ids = {getattr(row, f.attname) for row in rows for f in shown if f.is_relation} - {None}
    users = {u.pk: u.display_name for u in get_user_model().objects.filter(pk__in=user_ids)} if user_ids else {}
    changes: list[Change] = []
    previous = None
    for row in rows:
        by = row.history_user.display_name if row.history_user else "Front Door (automatic)"
        change = Change(at=row.history_date, by=by, created=previous is None or row.history_type == "+")
        if previous is not None:
            for f in shown:
                old, new = getattr(previous, f.attname), getattr(row, f.attname)
                if old != new:
                    change.fields.append(
                        FieldChange(str(f.verbose_name).capitalize(), _words(f, old, users), _words(f, new, users))
                    )
        if change.created or change.fields:
            changes.append(change)
        previous = row
    return changes[::-1]
