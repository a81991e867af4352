"""Plain multi-row INSERTs for bulk loads, where building a model instance per row costs more than
the database's own work (a million-person import writes several million key rows)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (values in `columns` order, already in database form) into `model`'s table.

    No signals, no model validation: for callers that have validated the values themselves.
    """
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names come from the model's own metadata
        quote(model._meta.db_table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def bulk_insert_dicts(model: type[models.Model], values: Sequence[dict[str, object]]) -> int:
    """Insert one row per dict into `model`'s table; fields a dict leaves out take their defaults."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    # Dates are the only values this backend-neutral path has to adapt itself.
    dates = [f for f in fields if isinstance(f, models.DateField | models.DateTimeField)]
    rows = []
    for given in values:
        row = {**defaults, **given}
        for field in dates:
            if row[field.attname] is not None:
                row[field.attname] = field.get_db_prep_save(row[field.attname], connection)
        rows.append([row[f.attname] for f in fields])
    return bulk_insert(model, [str(f.column) for f in fields], rows)


def bulk_update_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Set `columns` on the row whose primary key ends each of `rows` (values in database form), as one
    prepared UPDATE run for every row: far cheaper than Django's bulk_update, whose CASE per column
    grows with the batch. No signals, no model validation, as for bulk_insert."""
    rows = list(rows)
    if not rows:
        return 0
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names come from the model's own metadata
        quote(model._meta.db_table),
        ", ".join(f"{quote(c)} = %s" for c in columns),
        quote(str(model._meta.pk.column)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)  # type: ignore[arg-type]  # values already in database form
    return len(rows)
