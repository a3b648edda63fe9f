"""Every event now has its place in the chain (seq required and unique); and TRUNCATE of the
audit table is refused on PostgreSQL, where TRUNCATE fires no row trigger. On SQLite the
UPDATE trigger is put back: rebuilding the table for the new columns dropped it.

The TRUNCATE trigger lets superusers through: Django's test runner empties tables with TRUNCATE
as one, and a superuser can disable any trigger anyway (the chain and its anchors are what catch
a superuser, docs/security.md). The application's own role has no TRUNCATE privilege at all
(`xuncha audit grants`).
"""

from django.db import migrations, models

from xuncha.audit.migrations import _triggers

PG_UP = """
CREATE OR REPLACE FUNCTION audit_no_truncate() RETURNS trigger AS $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN RETURN NULL; END IF;
  RAISE EXCEPTION 'the audit log is append-only: TRUNCATE is refused';
END; $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_auditevent
FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
"""
PG_DOWN = "DROP TRIGGER IF EXISTS audit_no_truncate ON audit_auditevent; DROP FUNCTION IF EXISTS audit_no_truncate();"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)
    else:  # SQLite rebuilt the table for 0003 and the field change above, dropping its trigger
        _triggers.restore(schema_editor, schema_editor.connection.vendor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_events")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="sequence number"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
