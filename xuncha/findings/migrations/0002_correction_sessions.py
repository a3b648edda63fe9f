"""Correction sessions: a revision opens, gathers edits and closes with one reason; the tree
before and after is kept. Revisions made before sessions existed are closed when they were made."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def close_earlier_revisions(apps, schema_editor):
    FeedbackRevision = apps.get_model("findings", "FeedbackRevision")
    FeedbackRevision.objects.filter(closed_at__isnull=True).update(closed_at=models.F("made_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('findings', '0001_initial'),
        ('inspections', '0002_indicator_target_not_negative'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='feedbackrevision',
            name='after',
            field=models.JSONField(blank=True, null=True, verbose_name='tree after'),
        ),
        migrations.AddField(
            model_name='feedbackrevision',
            name='before',
            field=models.JSONField(blank=True, null=True, verbose_name='tree before'),
        ),
        migrations.AddField(
            model_name='feedbackrevision',
            name='closed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='closed at'),
        ),
        migrations.AddField(
            model_name='feedbackrevision',
            name='opened_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by'),
        ),
        migrations.AlterField(
            model_name='feedbackrevision',
            name='reason',
            field=models.TextField(blank=True, verbose_name='reason'),
        ),
        migrations.RunPython(close_earlier_revisions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='feedbackrevision',
            constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True)), fields=('inspection',), name='findings_one_open_correction'),
        ),
        migrations.AddConstraint(
            model_name='feedbackrevision',
            constraint=models.CheckConstraint(condition=models.Q(('closed_at__isnull', True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='findings_closed_correction_has_reason'),
        ),
    ]
