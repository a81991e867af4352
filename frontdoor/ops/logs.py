"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

Nothing personal goes in: the formatter writes only the fields named here (never a record's own
`request` or arguments objects, whose text can carry a query string), access lines name the URL
pattern rather than the path, and the user by id. docs/OPERATIONS.md, "Logs"; docs/adr/0012.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# An incoming X-Request-ID is kept only when it looks like an id, so a header cannot write into the logs.
WELL_FORMED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

# What an access line may add to the standard fields, set through `extra=`.
EXTRA_FIELDS = ("method", "route", "status", "duration_ms", "user_id", "worker")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and WELL_FORMED.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, request id, and the access fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
        }
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
