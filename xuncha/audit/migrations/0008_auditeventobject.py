"""The records an event about several records names (issue 19), append-only like the events:
the same trigger functions refuse UPDATE (both backends), DELETE and TRUNCATE (PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models

PG_UP = """
CREATE TRIGGER audit_object_no_update BEFORE UPDATE OR DELETE ON audit_auditeventobject
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_object_no_truncate BEFORE TRUNCATE ON audit_auditeventobject
FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS audit_object_no_update ON audit_auditeventobject;
DROP TRIGGER IF EXISTS audit_object_no_truncate ON audit_auditeventobject;
"""
SQLITE_UP = """
CREATE TRIGGER audit_object_no_update BEFORE UPDATE ON audit_auditeventobject
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_object_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_audit_key_id_index")]  # after 0005: audit_no_truncate()

    operations = [
        migrations.CreateModel(
            name="AuditEventObject",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(db_index=True, max_length=64, verbose_name="object id")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="named",
                        to="audit.auditevent",
                        verbose_name="audit event",
                    ),
                ),
            ],
            options={
                "verbose_name": "record named by an audit event",
                "verbose_name_plural": "records named by audit events",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
