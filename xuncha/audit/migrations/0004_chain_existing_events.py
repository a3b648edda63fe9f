"""Chain the events written before the chain existed, in id order, and create the head row.

UPDATE of the audit table is refused by its trigger, so this migration (run as the table's
owner) lifts the trigger for its own transaction only. A database with events needs
XUNCHA_AUDIT_KEY (an empty one needs none).
"""

from django.conf import settings
from django.db import migrations

from xuncha.audit.chain import GENESIS, HEAD_ID, chain_unchained, parse_key
from xuncha.audit.migrations import _triggers


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    if not AuditEvent.objects.filter(seq=None).exists():
        AuditChainHead.objects.get_or_create(pk=HEAD_ID, defaults={"seq": 0, "hash": GENESIS})
        return
    key = parse_key(settings.XUNCHA_AUDIT_KEY)
    vendor = schema_editor.connection.vendor
    _triggers.lift(schema_editor, vendor)
    chain_unchained(AuditEvent, AuditChainHead, key=key)
    _triggers.restore(schema_editor, vendor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_chain_fields")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
