"""On PostgreSQL no one can UPDATE or DELETE an audit event: a trigger refuses it for every role (the owner
included), and PUBLIC holds no UPDATE, DELETE or TRUNCATE. Nothing to do on SQLite.

TRUNCATE is left to the table's owner (the test suite empties tables that way); the application should
run as a role granted only SELECT and INSERT on the log (docs/ARCHITECTURE.md)."""

from django.db import migrations

TABLE = "audit_auditevent"

FORWARD = f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON {TABLE} FROM PUBLIC;
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE};
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def forward(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_seq_required")]

    operations = [migrations.RunPython(forward, backward)]
