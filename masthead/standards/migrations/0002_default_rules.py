"""Fill the table from the catalogue so publishers find every rule ready to edit.

Rules added to the catalogue later need no migration: the policy falls back to the
catalogue's defaults for any code without a row.
"""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from masthead.standards.catalogue import CATALOGUE

    RuleSetting = apps.get_model("standards", "RuleSetting")
    for rule in CATALOGUE:
        RuleSetting.objects.get_or_create(
            code=rule.code,
            defaults={
                "title": rule.title,
                "explanation": rule.explanation,
                "action": rule.action.value,
                "threshold": rule.threshold,
                "enabled": rule.enabled,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
