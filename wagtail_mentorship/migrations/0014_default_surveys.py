"""The methodology's default surveys, and the curators' and coordinators' rights over surveys
and rounds."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from wagtail_mentorship.monitoring.surveys.defaults import SURVEYS

GROUPS = ("Кураторы наставничества", "Координаторы наставничества")
MODELS = ("survey", "surveyround")
ACTIONS = ("add", "change", "delete", "view")


def create_defaults(apps, schema_editor):
    Survey = apps.get_model("wagtail_mentorship", "Survey")
    SurveyQuestion = apps.get_model("wagtail_mentorship", "SurveyQuestion")
    for title, stage, audience, description, questions in SURVEYS:
        survey, created = Survey.objects.get_or_create(
            title=title,
            defaults={"stage": stage, "audience": audience, "description": description},
        )
        if created:
            SurveyQuestion.objects.bulk_create(
                SurveyQuestion(survey=survey, sort_order=n, kind=kind, text=text)
                for n, (kind, text) in enumerate(questions)
            )
    # An open answer may be left empty.
    SurveyQuestion.objects.filter(kind="text").update(required=False)


def grant_rights(apps, schema_editor):
    app_config = apps.get_app_config("wagtail_mentorship")
    app_config.models_module = True  # permissions are otherwise made after migrating
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtail_mentorship",
        codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("wagtail_mentorship", "0013_surveys")]

    operations = [
        migrations.RunPython(create_defaults, migrations.RunPython.noop),
        migrations.RunPython(grant_rights, migrations.RunPython.noop),
    ]
