"""Creates one group per role (PRODUCT.md section 1)."""

from django.db import migrations

ROLES = [
    "information_officer", "duty_social_worker", "advanced_practitioner", "team_manager",
    "head_of_service", "mash_partner", "business_support", "referrer", "performance_analyst",
    "system_admin",
]


def create_groups(apps, schema_editor):  # noqa: ANN001, ANN201
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
