"""Checking the audit log's hash chain from the first event to the last, streamed in chunks."""

from dataclasses import dataclass

from .chain import GENESIS, event_hash
from .models import AuditChainHead, AuditEvent

CHUNK = 5000
COLUMNS = ("id", "seq", "at", "actor_id", "action", "object_type", "object_id", "detail", "prev_hash", "hash")


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    head_hash: str
    problem: str = ""  # empty when the chain is intact; otherwise the first altered, inserted or missing event

    @property
    def intact(self) -> bool:
        return not self.problem


def audit_verify() -> ChainCheck:
    """Recompute every event's hash in chain order. A gap in the numbers is a missing event, a link that does
    not match the event before is an inserted one, and a hash that does not match its own columns an altered
    one. The chain head must name the last event, or events were removed from (or added to) the end."""
    checked, expected_seq, prev = 0, 1, GENESIS
    rows = AuditEvent.objects.order_by("seq").values_list(*COLUMNS).iterator(chunk_size=CHUNK)
    for pk, seq, at, actor_id, action, object_type, object_id, detail, prev_hash, stored in rows:
        name = f"event {seq} (id {pk}, {action} at {at:%Y-%m-%d %H:%M:%S})"
        if seq != expected_seq:
            return ChainCheck(
                checked, prev, f"Missing event {expected_seq}: the log goes from event {expected_seq - 1} to {name}."
            )
        if prev_hash != prev:
            return ChainCheck(checked, prev, f"Inserted {name}: it does not link to the event before it.")
        fields = {"actor_id": actor_id, "action": action, "object_type": object_type, "object_id": object_id}
        if event_hash(seq=seq, at=at, detail=detail, prev_hash=prev_hash, **fields) != stored:
            return ChainCheck(checked, prev, f"Altered {name}: its hash does not match its columns.")
        checked, expected_seq, prev = checked + 1, seq + 1, stored
    head = AuditChainHead.objects.filter(pk=AuditChainHead.ROW).values_list("seq", "hash").first() or (0, GENESIS)
    if head[0] > checked:
        return ChainCheck(
            checked,
            prev,
            f"Missing event {checked + 1}: the chain head names event {head[0]} but the log ends at event {checked}.",
        )
    if head[0] < checked:
        return ChainCheck(
            checked,
            prev,
            f"Inserted event {head[0] + 1}: the chain head names event {head[0]} as the last one written.",
        )
    if head[1] != prev:
        return ChainCheck(checked, prev, f"Inserted event {checked}: it is not the last event the chain head records.")
    return ChainCheck(checked, prev)
