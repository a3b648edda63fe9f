"""The id of the audit key each event was chained with, so that the key can rotate (the
HMAC covers the id; events chained before have "" and hash as they did). On SQLite the
UPDATE trigger is put back: rebuilding the table for the new column dropped it."""

from django.db import migrations, models

from xuncha.audit.migrations import _triggers


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _triggers.restore(schema_editor, "sqlite")


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_chain_required_no_truncate")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, db_default="", default="", editable=False, max_length=32, verbose_name="audit key"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
