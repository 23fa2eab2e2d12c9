"""django-import-export resources for the mentor and mentee bases.

A row is matched to a person already in the base by e-mail, else by normalised full name and
organisation (and class, for mentees), so importing a file twice creates no one twice. The
people of the base are read once, before the first row; rows are saved in bulk. Answers from
columns that match no field are kept in the person's questionnaire answers.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.results import Result
from wagtail.search.backends import get_search_backend

from ..consent import ConsentGiver
from ..identity import normalize_name
from ..models import Mentee, Mentor, MentorshipForm, MentorshipPair, Organization
from ..pair_rules import pair_errors
from . import values
from .columns import MENTEE_COLUMNS, MENTOR_COLUMNS, PAIR_COLUMNS
from .widgets import (
    ChoiceWidget,
    ColumnWidget,
    NamedObjectsWidget,
    OrganizationWidget,
    PersonWidget,
)

ANSWERS = "_answers"  # the dataset column holding {header: answer} of unmatched columns
ROW = "_row"  # the dataset column holding the spreadsheet's row number
ANSWER_PREFIX = "answer:"  # a questionnaire answer in a snapshot of a person
MENTOR_MESSAGES = {
    "missing": gettext_lazy("There is no mentor «%(name)s» in the base."),
    "ambiguous": gettext_lazy("Several mentors are called «%(name)s»: give the e-mail instead."),
}
MENTEE_MESSAGES = {
    "missing": gettext_lazy("There is no mentee «%(name)s» in the base."),
    "ambiguous": gettext_lazy("Several mentees are called «%(name)s»: give the e-mail instead."),
}


class CountingResult(Result):
    """Counts the rows by kind instead of keeping a result per row: a 100,000-row file
    would otherwise keep 100,000 of them. Invalid and failed rows are kept as usual."""

    def append_row_result(self, row_result):
        pass


class ColumnsResource(resources.ModelResource):
    """A resource whose fields are the ``columns`` of ``columns.py``, parsed as they say.

    What a row changes is worked out from snapshots of the instance, in the curator's terms;
    a row that changes nothing is reported as unchanged and not saved.
    """

    columns = ()

    class Meta:
        abstract = True
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # the changes are worked out by snapshot(), for what they mean
        clean_model_instances = False
        fields = ()

    def get_result_class(self):
        return CountingResult

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {column.field: self.field_for(column) for column in self.columns}
        self.changes = {}  # row number → {field: (old, new)}, for rows of existing records
        self.updated = []  # (row number, the record as text) of each updated row

    def widget_for(self, column):
        model_field = self._meta.model._meta.get_field(column.field)
        if column.field == "organization":
            return OrganizationWidget(Organization.objects.all())
        if column.field == "form" or (
            model_field.many_to_many and model_field.related_model is MentorshipForm
        ):
            return NamedObjectsWidget(MentorshipForm.objects.all(), many=model_field.many_to_many)
        if model_field.choices:
            return ChoiceWidget(model_field.choices)
        return ColumnWidget(column.parse)

    def field_for(self, column):
        return fields.Field(
            attribute=column.field,
            column_name=column.field,
            widget=self.widget_for(column),
            saves_null_values=False,
        )

    def snapshot(self, instance) -> dict:
        return {name: getattr(instance, name, None) for name in self.fields}

    @staticmethod
    def changed(before: dict, after: dict) -> dict:
        return {
            name: (before.get(name, ""), after[name])
            for name in after
            if before.get(name, "") != after[name]
        }

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return instance.pk is not None and not self.changes.get(row[ROW])

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            self.updated.append((row[ROW], row_result.object_repr))


class PersonResource(ColumnsResource):
    """People are read once, before the first row, and saved in bulk."""

    m2m_field = ""  # the mentorship forms, saved after the people are created in bulk

    class Meta(ColumnsResource.Meta):
        abstract = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.index = None  # identity key → person already in the base
        self.seen = {}  # identity key → the row of this file that first named the person
        self.duplicates = {}  # row number → the earlier row number of the same person

    # Matching rows to people -----------------------------------------------------------

    @staticmethod
    def identity_keys(email: str, full_name: str, organization_id, extra: tuple) -> list:
        """E-mail first, else normalised name within the organisation (and class)."""
        keys = [("email", email.strip().lower())] if email.strip() else []
        return [*keys, ("name", normalize_name(full_name), organization_id, *extra)]

    def person_extra(self, person) -> tuple:
        return ()

    def row_extra(self, row) -> tuple:
        return ()

    def before_import(self, dataset, **kwargs):
        """The base, read once for all the datasets of a file."""
        if self.index is not None:
            return
        self.index = {}
        for person in self._meta.model.objects.prefetch_related(self.m2m_field):
            keys = self.identity_keys(
                person.email, person.full_name, person.organization_id, self.person_extra(person)
            )
            for key in keys:
                self.index.setdefault(key, person)

    def row_keys(self, row) -> list:
        organization = self.fields["organization"].clean(row) if "organization" in row else None
        return self.identity_keys(
            values.text(row.get("email", "")),
            values.text(row.get("full_name", "")),
            organization.pk if organization else None,
            self.row_extra(row),
        )

    def get_instance(self, instance_loader, row):
        keys = self.row_keys(row)
        earlier = next((self.seen[key] for key in keys if key in self.seen), None)
        if earlier is not None:
            self.duplicates[row[ROW]] = earlier
        for key in keys:
            self.seen.setdefault(key, row[ROW])
        return next((self.index[key] for key in keys if key in self.index), None)

    # Importing a row ---------------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        if row[ROW] in self.duplicates:
            errors["full_name"] = _("The same person as in row %(row)s of this file.") % {
                "row": self.duplicates[row[ROW]]
            }
        if not values.text(row.get("full_name", "")) and instance.pk is None:
            errors["full_name"] = _("The full name is empty.")
        before = self.snapshot(instance) if instance.pk else None
        try:
            super().import_instance(instance, row, **kwargs)
        except resources.ValidationError as error:
            errors.update(error.message_dict)
        if instance.processing_consent_date and not instance.processing_consent_by:
            instance.processing_consent_by = self.consent_giver(instance)
        answers = {q: a for q, a in (row.get(ANSWERS) or {}).items() if a}
        if answers:
            instance.questionnaire_answers = {**instance.questionnaire_answers, **answers}
        if before is not None:
            self.changes[row[ROW]] = self.changed(before, self.snapshot(instance))
        if errors:
            raise resources.ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == self.m2m_field:
            forms = field.clean(row) if field.column_name in row else None
            if forms is not None:
                instance._imported_forms = forms
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def snapshot(self, instance) -> dict:
        state = {f: getattr(instance, f, None) for f in self.fields if f != self.m2m_field}
        for question, answer in (instance.questionnaire_answers or {}).items():
            state[ANSWER_PREFIX + question] = answer
        forms = getattr(instance, "_imported_forms", None)
        if forms is None and instance.pk:
            forms = getattr(instance, self.m2m_field).all()
        state[self.m2m_field] = sorted(form.pk for form in forms or [])
        return state

    def consent_giver(self, instance) -> str:
        """Who gave a consent whose date a questionnaire records."""
        return ConsentGiver.PERSON

    def get_bulk_update_fields(self):
        return [
            *[f for f in self.fields if f != self.m2m_field],
            "questionnaire_answers",
            "processing_consent_by",
        ]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        batch = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size, result)
        self.after_batch(batch, dry_run)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        batch = list(self.update_instances)
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size, result)
        self.after_batch(batch, dry_run)

    def after_batch(self, batch, dry_run) -> None:
        """What a batch saved in bulk still needs, so that no batch outlives its save."""
        if not batch or batch[0].pk is None:
            return
        self.save_forms(batch)
        if not dry_run:  # saved without the signals that would index them one by one
            get_search_backend().add_bulk(self._meta.model, batch)

    def save_forms(self, batch) -> None:
        """The forms of the people just saved, in two queries."""
        chosen = [(p, p._imported_forms) for p in batch if hasattr(p, "_imported_forms")]
        if not chosen:
            return
        through = getattr(self._meta.model, self.m2m_field).through
        owner = f"{self._meta.model._meta.model_name}_id"
        through.objects.filter(**{f"{owner}__in": [person.pk for person, _ in chosen]}).delete()
        through.objects.bulk_create(
            through(**{owner: person.pk, "mentorshipform_id": form.pk})
            for person, forms in chosen
            for form in forms
        )


class MentorResource(PersonResource):
    columns = MENTOR_COLUMNS
    m2m_field = "mentorship_forms"

    class Meta(PersonResource.Meta):
        model = Mentor


class MenteeResource(PersonResource):
    columns = MENTEE_COLUMNS
    m2m_field = "preferred_forms"

    class Meta(PersonResource.Meta):
        model = Mentee

    def consent_giver(self, instance) -> str:
        return ConsentGiver.REPRESENTATIVE if instance.is_minor else ConsentGiver.PERSON

    def person_extra(self, person) -> tuple:
        return (normalize_name(person.class_name),)

    def row_extra(self, row) -> tuple:
        return (normalize_name(values.text(row.get("class_name", ""))),)


class PairResource(ColumnsResource):
    """Pairs and groups: a mentor and mentees named by e-mail or full name. A row is the pair
    already in the base with the same mentor, mentees and form; every row keeps the rules of
    ``pair_rules``."""

    columns = PAIR_COLUMNS

    class Meta(ColumnsResource.Meta):
        model = MentorshipPair

    def widget_for(self, column):
        if column.field == "mentor":
            return PersonWidget(Mentor, many=False, messages=MENTOR_MESSAGES)
        if column.field == "mentees":
            return PersonWidget(Mentee, many=True, messages=MENTEE_MESSAGES)
        return super().widget_for(column)

    def before_import(self, dataset, **kwargs):
        if getattr(self, "index", None) is not None:
            return
        self.index = {
            self.key(pair.mentor_id, pair.mentees.all(), pair.form_id): pair
            for pair in MentorshipPair.objects.prefetch_related("mentees")
        }

    @staticmethod
    def key(mentor_id, mentees, form_id) -> tuple:
        return (mentor_id, frozenset(mentee.pk for mentee in mentees), form_id)

    def get_instance(self, instance_loader, row):
        try:
            mentor = self.fields["mentor"].clean(row)
            mentees = self.fields["mentees"].clean(row) or []
            form = self.fields["form"].clean(row) if "form" in row else None
        except ValueError:
            return None  # import_instance reports the cell
        if mentor is None:
            return None
        return self.index.get(self.key(mentor.pk, mentees, form.pk if form else None))

    def snapshot(self, instance) -> dict:
        state = super().snapshot(instance)
        state["mentees"] = sorted(mentee.pk for mentee in instance.mentees.all())
        return state

    def import_instance(self, instance, row, **kwargs):
        before = self.snapshot(instance)
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except resources.ValidationError as error:
            errors.update(error.message_dict)
        if not errors:
            for field, messages in pair_errors(instance, list(instance.mentees.all())).items():
                errors.setdefault(field, []).extend(messages)
        self.changes[row[ROW]] = self.changed(before, self.snapshot(instance))
        if errors:
            raise resources.ValidationError(errors)
