"""The two newsroom roles as groups: reporters write, editors publish and manage the vocabularies."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial.roles import EDITOR_GROUP, EDITOR_PERMISSIONS, REPORTER_GROUP, REPORTER_PERMISSIONS


def groups_create(apps, schema_editor):
    # Permissions are normally created after all migrations run; make them now so the groups get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in [(REPORTER_GROUP, REPORTER_PERMISSIONS), (EDITOR_GROUP, EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in wanted
        ]
        group.permissions.add(*permissions)


def groups_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REPORTER_GROUP, EDITOR_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_search_vector"),
        ("tagging", "0001_initial"),
        ("authors", "0001_initial"),
        ("curation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(groups_create, groups_delete)]
