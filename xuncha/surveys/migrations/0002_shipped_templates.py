from django.db import migrations


def create(apps, schema_editor):
    from xuncha.surveys.starters import ensure_shipped_templates

    ensure_shipped_templates(
        apps.get_model("surveys", "Questionnaire"), apps.get_model("surveys", "Question"), apps.get_model("surveys", "Option")
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
