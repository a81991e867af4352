"""Chain the events written before the chain existed, in the order they were inserted."""

from django.db import migrations

from frontdoor.audit.chain import GENESIS, event_hash

CHUNK = 2000


def chain_existing(apps, schema_editor) -> None:  # noqa: ANN001
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    seq, prev = 0, GENESIS
    batch = []
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=CHUNK):
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.hash = event_hash(
            seq=seq,
            at=event.at,
            actor_id=event.actor_id,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            detail=event.detail,
            prev_hash=prev,
        )
        prev = event.hash
        batch.append(event)
        if len(batch) >= CHUNK:
            AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev})


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
