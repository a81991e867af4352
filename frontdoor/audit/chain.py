"""The audit log's hash chain: each event's hash covers its own columns and the hash of the event before it.

The functions here take plain values so the migration that chains rows written before the chain existed
computes exactly what `audit_record` computes.
"""

import datetime
import hashlib
import json
from typing import Any

# The first event links to this value instead of a previous hash.
GENESIS = ""


def canonical_json(value: Any) -> str:
    """One spelling for one JSON value: keys sorted, no spaces, non-ASCII kept as it is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    *,
    seq: int,
    at: datetime.datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    detail: Any,
    prev_hash: str,
) -> str:
    """SHA-256 over every column of one event (the database id aside) and the previous event's hash."""
    moment = at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    columns = [seq, moment, actor_id, action, object_type, object_id, canonical_json(detail), prev_hash]
    return hashlib.sha256(canonical_json(columns).encode("utf-8")).hexdigest()
