"""The five forms of mentorship of the methodology (Р-145 of 25.12.2019).

They are data, not choices: a school edits them and adds its own local variants.
"""

from django.db import migrations

DEFAULT_FORMS = [
    ("Ученик – ученик", "Ученик", "Ученик"),
    ("Студент – ученик", "Студент", "Ученик"),
    ("Работодатель – ученик", "Представитель работодателя", "Ученик"),
    ("Работодатель – студент", "Представитель работодателя", "Студент"),
    ("Учитель – учитель", "Учитель", "Учитель"),
]


def create_forms(apps, schema_editor):
    MentorshipForm = apps.get_model("wagtail_mentorship", "MentorshipForm")
    for name, mentor_role, mentee_role in DEFAULT_FORMS:
        MentorshipForm.objects.get_or_create(
            name=name, defaults={"mentor_role": mentor_role, "mentee_role": mentee_role}
        )


def remove_untouched_forms(apps, schema_editor):
    MentorshipForm = apps.get_model("wagtail_mentorship", "MentorshipForm")
    for name, mentor_role, mentee_role in DEFAULT_FORMS:
        MentorshipForm.objects.filter(
            name=name, mentor_role=mentor_role, mentee_role=mentee_role, description=""
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("wagtail_mentorship", "0001_initial")]

    operations = [migrations.RunPython(create_forms, remove_untouched_forms)]
