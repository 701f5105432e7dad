"""Create the "Reporter" and "Editor" groups with their permissions."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Reporters write and edit drafts; publishing, withdrawing, scheduling and
# merging credits need the Editor group's custom permissions.
REPORTER = [
    "add_article", "change_article", "view_article",
    "add_photo", "change_photo", "delete_photo", "view_photo",
    "add_quote", "change_quote", "delete_quote", "view_quote",
    "add_credit", "view_credit", "view_creditalias", "view_correction",
    "view_historicalarticle", "view_historicalphoto", "view_historicalquote",
    "view_historicalcredit",
]
EDITOR_CUSTOM = ["publish_article", "withdraw_article", "merge_credits"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # them now so the groups can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    articles_perms = Permission.objects.filter(content_type__app_label="articles")
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    reporter.permissions.add(*articles_perms.filter(codename__in=REPORTER))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*articles_perms)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Reporter", "Editor"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow_permissions_and_photo_taken_at"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
