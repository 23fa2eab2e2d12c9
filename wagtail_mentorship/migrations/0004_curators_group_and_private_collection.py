"""The «Кураторы наставничества» group with the rights over people and pairs, and the private
collection, visible to that group only, in which scanned consents are kept."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Кураторы наставничества"
COLLECTION = "Согласия на обработку персональных данных"
MODELS = ("mentor", "mentee", "mentorshippair", "mentorshipform", "organization")
ACTIONS = ("add", "change", "delete", "view")
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
IMAGE_PERMISSIONS = ("add_image", "choose_image")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _child_path(parent, last_child):
    """The treebeard path of a new last child (historical models have no tree methods)."""
    number = int(last_child.path[-4:], 36) + 1 if last_child else 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(4, "0")


def create_group_and_collection(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are otherwise made after migrating
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtail_mentorship",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        ),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    collection = Collection.objects.filter(name=COLLECTION).first()
    if collection is None:
        last = Collection.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
        collection = Collection.objects.create(
            name=COLLECTION, path=_child_path(root, last), depth=2, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type="groups"
    )
    restriction.groups.add(group)
    for codename in DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )
    for codename in IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_mentorship", "0003_people_and_pairs"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_group_and_collection, migrations.RunPython.noop)]
