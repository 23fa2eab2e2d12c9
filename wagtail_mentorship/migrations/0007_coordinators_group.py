"""The «Координаторы наставничества» group: the curators' rights over every organisation,
and choosing who curates each one. Log entries of people and pairs move to their own table,
which knows each entry's organisation."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Кураторы наставничества"
COORDINATORS = "Координаторы наставничества"
PERSONAL_MODELS = ("mentor", "mentee", "mentorshippair")


def create_coordinators(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are otherwise made after migrating
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    curators = Group.objects.filter(name=CURATORS).first()
    if curators is not None:
        coordinators.permissions.add(*curators.permissions.all())
        for grant in GroupCollectionPermission.objects.filter(group=curators):
            GroupCollectionPermission.objects.get_or_create(
                group=coordinators, collection=grant.collection, permission=grant.permission
            )
        # The consents' collection is restricted to groups: coordinators read it too.
        CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
        for restriction in CollectionViewRestriction.objects.filter(groups=curators):
            restriction.groups.add(coordinators)
    coordinators.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtail_mentorship", codename="view_all_organizations"
        )
    )


def move_log_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    PersonalDataLogEntry = apps.get_model("wagtail_mentorship", "PersonalDataLogEntry")
    types = ContentType.objects.filter(app_label="wagtail_mentorship", model__in=PERSONAL_MODELS)
    for content_type in types:
        model = apps.get_model("wagtail_mentorship", content_type.model)
        organizations = dict(model.objects.values_list("pk", "organization_id"))
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        PersonalDataLogEntry.objects.bulk_create(
            PersonalDataLogEntry(
                content_type=entry.content_type,
                label=entry.label,
                action=entry.action,
                data=entry.data,
                timestamp=entry.timestamp,
                uuid=entry.uuid,
                user_id=entry.user_id,
                content_changed=entry.content_changed,
                deleted=entry.deleted,
                object_id=entry.object_id,
                organization_id=organizations.get(int(entry.object_id)),
            )
            for entry in entries
        )
        entries.delete()


class Migration(migrations.Migration):
    dependencies = [("wagtail_mentorship", "0006_access_by_organisation")]

    operations = [
        migrations.RunPython(create_coordinators, migrations.RunPython.noop),
        migrations.RunPython(move_log_entries, migrations.RunPython.noop),
    ]
