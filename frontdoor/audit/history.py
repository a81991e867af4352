"""Field history of case records (django-simple-history, ADR 0013): each change to a tracked record keeps a
copy of the row as it was after the change, with who changed it and when.

The user is the acting user of the service making the change (set by `audit_frame` for the service call in
progress), so a change made outside a request (a command, the worker) names its actor too; failing that,
the signed-in user of the request (`HistoryRequestMiddleware`); failing that, nobody (the system)."""

from typing import Any

from simple_history.models import HistoricalRecords

from .services import current_actor


def history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:  # noqa: ARG001
    found, actor = current_actor()
    if found:
        return actor if getattr(actor, "pk", None) else None
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def case_history(**kwargs: Any) -> HistoricalRecords:
    """The `history` of a case model. Bulk writes (`bulk_create`, `QuerySet.update`) keep no history: the
    person index import and the case system's daily delta are recorded by their audit events instead."""
    return HistoricalRecords(get_user=history_user, **kwargs)
