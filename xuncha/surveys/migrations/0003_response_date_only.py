"""A response keeps the day it was submitted, not the time: a timestamp would tie a response to
whoever was seen answering then. Existing responses keep their (local) date."""

import django.utils.timezone
from django.db import migrations, models


def keep_the_date(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    for pk, submitted_at in Response.objects.values_list("pk", "submitted_at").iterator():
        Response.objects.filter(pk=pk).update(submitted_on=django.utils.timezone.localdate(submitted_at))


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0002_shipped_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="submitted_on",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="submitted on"),
        ),
        migrations.RunPython(keep_the_date, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="response",
            name="submitted_at",
        ),
        migrations.AlterModelOptions(
            name="response",
            options={
                "ordering": ["submitted_on", "id"],
                "verbose_name": "questionnaire response",
                "verbose_name_plural": "questionnaire responses",
            },
        ),
    ]
