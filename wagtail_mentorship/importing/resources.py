"""django-import-export resources for the mentor and mentee bases, and for their pairs.

Which person a row of people is about is worked out by ``matching``; what a row changes, and
which organisations it may touch, by ``columns_resource``. Rows are saved in bulk. Answers
from columns that match no field are kept in the person's questionnaire answers.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, IntegerField, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources

from ..insert_select import insert_selected
from ..models import Mentee, Mentor, MentorshipPair
from ..people.consent import ConsentGiver
from ..people.identity import normalize_name
from ..people.pair_rules import pair_errors
from ..spreadsheets import values
from ..spreadsheets.columns import MENTEE_COLUMNS, MENTOR_COLUMNS, PAIR_COLUMNS
from .columns_resource import ANSWER_PREFIX, NOT_YOURS, ColumnsResource, importer_scope
from .indexing import index_later
from .matching import PeopleMatchingResource
from .rows import ANSWERS, ROW
from .widgets import PersonWidget

# The names ``pipeline`` imports from here.
__all__ = [
    "ANSWER_PREFIX",
    "NOT_YOURS",
    "MenteeResource",
    "MentorResource",
    "PairResource",
    "importer_scope",
]

MENTOR_MESSAGES = {
    "missing": gettext_lazy("There is no mentor «%(name)s» in the base."),
    "ambiguous": gettext_lazy("Several mentors are called «%(name)s»: give the e-mail instead."),
    "shared": gettext_lazy(
        "Several mentors have the e-mail %(email)s: %(names)s. Write the full name with the "
        "e-mail, as «%(example)s»."
    ),
}
MENTEE_MESSAGES = {
    "missing": gettext_lazy("There is no mentee «%(name)s» in the base."),
    "ambiguous": gettext_lazy("Several mentees are called «%(name)s»: give the e-mail instead."),
    "shared": gettext_lazy(
        "Several mentees have the e-mail %(email)s: %(names)s. Write the full name with the "
        "e-mail, as «%(example)s»."
    ),
}
IN_BASE_ALREADY = gettext_lazy(
    "%(name)s with the e-mail %(email)s is in the base of «%(organization)s» already: one "
    "organisation cannot have the same person twice."
)
OPEN_PAIR_ALREADY = gettext_lazy(
    "%(mentor)s and one of these mentees are already in another forming or active pair."
)


class PersonResource(PeopleMatchingResource):
    """People are read once, before the first row, and saved in bulk."""

    written_besides = ("organization", "processing_consent_by", "questionnaire_answers")
    reported_at = {
        "processing_consent_by": ("is_minor", "processing_consent_date"),
        "processing_consent_withdrawn": ("processing_consent_date",),
        "publication_consent_by": ("is_minor",),
    }
    # (organisation, e-mail, full name) as the database's unique constraint compares them
    # → the people of the whole base with them, whoever may change them; read once.
    identities = None

    class Meta(PeopleMatchingResource.Meta):
        abstract = True
        use_bulk = True
        batch_size = 1000

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if self.identities is None:
            self.identities = {}
            everyone = self._meta.model.objects.exclude(email="")
            for pk, *person in everyone.values_list("pk", "organization", "email", "full_name"):
                self.identities.setdefault(self.identity(*person), set()).add(pk)

    @staticmethod
    def identity(organization_id, email, full_name) -> tuple:
        """A person as ``identity.one_person_per_organisation`` compares them (LOWER())."""
        return (organization_id, email.lower(), full_name.lower())

    def check_unique(self, instance, errors) -> None:
        """A row that would give an organisation a second person with the same e-mail and
        full name, which the database refuses, is refused with its row and column."""
        identity = self.identity(instance.organization_id, instance.email, instance.full_name)
        if self.identities.get(identity, set()) - {instance.pk}:
            errors["email"] = IN_BASE_ALREADY % {
                "name": instance.full_name,
                "email": instance.email,
                "organization": instance.organization,
            }

    def import_instance(self, instance, row, **kwargs):
        errors = self.row_errors.pop(row[ROW], {})
        if not values.text(row.get("full_name", "")) and instance.pk is None:
            errors["full_name"] = _("The full name is empty.")
        before = self.snapshot(instance) if instance.pk else None
        try:
            super().import_instance(instance, row, **kwargs)
        except resources.ValidationError as error:
            errors.update(error.message_dict)
        self.place(instance, errors)
        for field, messages in self.field_errors(instance).items():
            errors.setdefault(field, messages)
        if not errors and instance.email:
            self.check_unique(instance, errors)
        if instance.processing_consent_date and not instance.processing_consent_by:
            instance.processing_consent_by = self.consent_giver(instance)
        answers = {q: a for q, a in (row.get(ANSWERS) or {}).items() if a}
        if answers:
            instance.questionnaire_answers = {**instance.questionnaire_answers, **answers}
        if not errors:  # the rules of the admin's form: the model's own ``clean``
            try:
                instance.clean()
            except DjangoValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
        if before is not None:
            self.changes[row[ROW]] = self.changed(before, self.snapshot(instance))
        if errors:
            raise resources.ValidationError(errors)

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

    def bulk_create(self, *args, **kwargs):
        self.save_in_bulk(self.create_instances, super().bulk_create, *args, **kwargs)

    def bulk_update(self, *args, **kwargs):
        self.save_in_bulk(self.update_instances, super().bulk_update, *args, **kwargs)

    def save_in_bulk(self, instances, save, using_transactions, dry_run, *args, **kwargs):
        """``save`` of a batch, then what the batch still needs, so that no batch outlives
        its save: its forms, its search index entries and its audit trail. A preview writes
        nothing: every rule the database would enforce (the unique person, the fields'
        lengths) is checked row by row already, with its cell."""
        batch = list(instances)
        if dry_run or not batch:
            instances.clear()
            return
        save(using_transactions, dry_run, *args, **kwargs)
        self.save_forms(batch)
        # Saved without the signals that would index or log them one by one.
        saved = [person.pk for person in batch]
        index_later(self._meta.model, saved)
        self.log_imported(self._meta.model.objects.filter(pk__in=saved))

    def save_forms(self, batch) -> None:
        """The forms of the people just saved: the links each person had are replaced, and
        the database makes the new ones, one statement a form."""
        chosen = [(p, p._imported_forms) for p in batch if hasattr(p, "_imported_forms")]
        if not chosen:
            return
        model = self._meta.model
        through = getattr(model, self.m2m_field).through
        owner = f"{model._meta.model_name}_id"
        through.objects.filter(**{f"{owner}__in": [person.pk for person, _ in chosen]}).delete()
        holders = {}  # form's id → the people who chose it
        for person, forms in chosen:
            for form in forms:
                holders.setdefault(form.pk, []).append(person.pk)
        for form_id, people in holders.items():
            link = {owner: F("pk"), "mentorshipform_id": Value(form_id, IntegerField())}
            insert_selected(through, model.objects.filter(pk__in=people), link)


class MentorResource(PersonResource):
    columns = MENTOR_COLUMNS
    m2m_field = "mentorship_forms"
    kept_as = {m2m_field: "_imported_forms"}  # linked once the person is saved

    class Meta(PersonResource.Meta):
        model = Mentor


class MenteeResource(PersonResource):
    columns = MENTEE_COLUMNS
    m2m_field = "preferred_forms"
    kept_as = {m2m_field: "_imported_forms"}  # linked once the person is saved

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
        # Partners are named among the people the importer may see, pairs kept among theirs.
        if column.field == "mentor":
            mentors = self.within_reach(Mentor, ["view", "change"])
            return PersonWidget(mentors, many=False, messages=MENTOR_MESSAGES)
        if column.field == "mentees":
            mentees = self.within_reach(Mentee, ["change"])  # as the admin's pair form
            return PersonWidget(mentees, many=True, messages=MENTEE_MESSAGES)
        return super().widget_for(column)

    def before_import(self, dataset, **kwargs):
        if getattr(self, "index", None) is not None:
            return
        pairs = self.within_reach(MentorshipPair, ["change"])
        self.index = {
            self.key(pair.mentor_id, pair.mentees.all(), pair.form_id): pair
            for pair in pairs.prefetch_related("mentees")
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
        self.place(instance, errors)
        mentees = list(instance.mentees.all())
        if not instance.mentor_id and "mentor" not in errors:
            errors["mentor"] = [_("No mentor is named.")]
        if not mentees and "mentees" not in errors:
            errors["mentees"] = [_("No mentee is named.")]
        for field, messages in self.field_errors(instance).items():
            errors.setdefault(field, messages)
        if not errors:
            for field, messages in pair_errors(instance, mentees).items():
                errors.setdefault(field, []).extend(messages)
        self.changes[row[ROW]] = self.changed(before, self.snapshot(instance))
        if errors:
            raise resources.ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """A second open pair of the mentor and a mentee that ``pair_errors`` could not see
        (saved by someone else at the same moment) is refused by the database: so is the row."""
        try:
            with transaction.atomic():
                super().save_instance(instance, is_create, row, **kwargs)
        except IntegrityError as error:
            if not MentorshipPair.refused_as_second_open_pair(error):
                raise
            message = OPEN_PAIR_ALREADY % {"mentor": instance.mentor.full_name}
            raise resources.ValidationError({"mentees": [message]}) from error
        if not self._is_dry_run(kwargs):
            self.log_imported([instance])
