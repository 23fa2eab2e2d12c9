"""django-import-export resources for the mentor and mentee bases.

A row is the person already in the base with the same e-mail and normalised full name; when
the row or the person has no e-mail, the one with the same name and organisation (and class,
for mentees). Siblings share the e-mail of the parent who filled in the form and namesakes
share a name, so neither alone makes two records one person; the preview notes both. Rows
are compared with the earlier rows of the file by the same rule, so importing a file twice
creates no one twice.

An import acts for the importer's organisations only: it sees and changes only the people
they may change, and every record it writes belongs to one of their organisations. The
people of the base are read once, before the first row; rows are saved in bulk. Answers from
columns that match no field are kept in the person's questionnaire answers.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.results import Result
from wagtail.search.backends import get_search_backend

from ..access.policies import policy_for
from ..access.scope import Scope, scope_for
from ..models import Mentee, Mentor, MentorshipForm, MentorshipPair, Organization
from ..people.consent import ConsentGiver
from ..people.identity import normalize_email, normalize_name
from ..people.pair_rules import pair_errors
from ..spreadsheets import values
from ..spreadsheets.columns import MENTEE_COLUMNS, MENTOR_COLUMNS, ORGANIZATION, PAIR_COLUMNS
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
NOT_YOURS = gettext_lazy(
    "You do not act for «%(organization)s»: ask its curator or the municipal coordinator."
)
NO_ORGANIZATION = gettext_lazy(
    "The row names no organisation: fill in the column «%(column)s» or choose the "
    "organisation when you upload the file."
)
ELSEWHERE = gettext_lazy(
    "%(name)s is in the base of another organisation: ask the municipal coordinator."
)
SAME_ROW = gettext_lazy("The same person as in row %(row)s of this file.")
AMBIGUOUS_ROWS = gettext_lazy(
    "Rows %(rows)s are different people called «%(name)s»: add the e-mail of the one this "
    "row is about."
)
AMBIGUOUS_PEOPLE = gettext_lazy(
    "Several people called «%(name)s» are in the base: %(people)s. Add the e-mail of the one "
    "this row is about."
)
NAMESAKE_IN_BASE = gettext_lazy(
    "Namesake of %(name)s (%(email)s) already in the base: imported as a different person, "
    "since the e-mails differ."
)
NAMESAKE_IN_FILE = gettext_lazy(
    "Namesake of %(name)s (%(email)s) in row %(row)s: imported as a different person, since "
    "the e-mails differ."
)
SIBLING_IN_BASE = gettext_lazy(
    "Shares the e-mail %(email)s with %(name)s already in the base: imported as a different "
    "person, since the names differ."
)
SIBLING_IN_FILE = gettext_lazy(
    "Shares the e-mail %(email)s with %(name)s (row %(row)s): imported as a different person, "
    "since the names differ."
)


def importer_scope(user) -> Scope:
    """The organisations ``user`` imports for. Without a user, the import is the command
    line's, run by the site's administrator: every organisation."""
    return Scope(everything=True) if user is None else scope_for(user)


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

    def __init__(self, user=None, organization=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user  # who imports; None for the command line
        self.scope = importer_scope(user)
        self.organization = organization  # where new records go unless their row names one
        self.fields = {column.field: self.field_for(column) for column in self.columns}
        self.changes = {}  # row number → {field: (old, new)}, for rows of existing records
        self.updated = []  # (row number, the record as text) of each updated row
        self.notes = []  # (row number, field, message): worth knowing, nothing to fix

    def within_reach(self, model, actions):
        """The records of ``model`` the importer may do any of ``actions`` to."""
        queryset = model.objects.all()
        if self.user is None:
            return queryset
        return policy_for(model).filter_for_user(self.user, queryset, actions)

    def widget_for(self, column):
        model_field = self._meta.model._meta.get_field(column.field)
        if column.field == "organization":
            # Organisations' names are no personal data; adding one is for coordinators.
            return OrganizationWidget(Organization.objects.all(), create=self.scope.everything)
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

    def row_organization(self, row):
        """The organisation a row names, else the default one; ValueError if it names none
        the base has and the importer may not add it."""
        if "organization" in row:
            return self.fields["organization"].clean(row) or self.organization
        return self.organization

    def place(self, instance, errors) -> None:
        """A new record goes to the default organisation unless its row names one, and
        every record stays within the organisations the importer acts for."""
        if "organization" in errors:
            return  # the cell is reported already
        if instance.pk is None and instance.organization_id is None:
            instance.organization = self.organization
        if self.scope.everything:
            return
        if instance.organization_id is None:
            errors["organization"] = NO_ORGANIZATION % {"column": ORGANIZATION.russian}
        elif instance.organization_id not in self.scope:
            errors["organization"] = NOT_YOURS % {"organization": instance.organization}


class PersonResource(ColumnsResource):
    """People are read once, before the first row, and saved in bulk."""

    m2m_field = ""  # the mentorship forms, saved after the people are created in bulk

    class Meta(ColumnsResource.Meta):
        abstract = True
        use_bulk = True
        batch_size = 1000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The people of the base the importer may change, read once for the whole file.
        self.by_email = None  # e-mail → the people with it
        self.by_name = {}  # name key → the people with it
        # E-mail → the names of the people of organisations the importer does not act for.
        self.elsewhere = {}
        # The rows read so far, compared with each next row by the same rule.
        self.rows_by_email = {}  # e-mail → [(row number, name, full name)]
        self.rows_by_name = {}  # name key → [(row number, e-mail, full name)]
        self.row_errors = {}  # row number → {field: message} found while matching the row

    # Matching rows to people -----------------------------------------------------------

    def person_extra(self, person) -> tuple:
        return ()

    def row_extra(self, row) -> tuple:
        return ()

    def before_import(self, dataset, **kwargs):
        """The base, read once for all the datasets of a file."""
        if self.by_email is not None:
            return
        self.by_email = {}
        people = self.within_reach(self._meta.model, ["change"])
        for person in people.prefetch_related(self.m2m_field):
            if person.email:
                self.by_email.setdefault(normalize_email(person.email), []).append(person)
            key = (normalize_name(person.full_name), person.organization_id)
            self.by_name.setdefault((*key, *self.person_extra(person)), []).append(person)
        if not self.scope.everything:
            others = self._meta.model.objects.exclude(pk__in=people.values("pk"))
            for email, name in others.exclude(email="").values_list("email", "full_name"):
                self.elsewhere.setdefault(normalize_email(email), set()).add(normalize_name(name))

    def get_instance(self, instance_loader, row):
        try:
            organization = self.row_organization(row)
        except ValueError:
            return None  # import_instance reports the cell
        number, full_name = row[ROW], values.text(row.get("full_name", ""))
        email, name = normalize_email(values.text(row.get("email", ""))), normalize_name(full_name)
        key = (name, organization.pk if organization else None, *self.row_extra(row))
        errors = {}
        self.match_earlier_rows(number, email, name, key, full_name, errors)
        person = self.match_base(number, email, name, key, full_name, errors)
        if email:
            self.rows_by_email.setdefault(email, []).append((number, name, full_name))
        self.rows_by_name.setdefault(key, []).append((number, email, full_name))
        if errors:
            self.row_errors[number] = errors
        return person

    def match_earlier_rows(self, number, email, name, key, full_name, errors) -> None:
        """An earlier row of the same person is an error; namesakes and siblings are noted."""
        same, emails = [], set()
        if email:
            for row, other_name, other_full_name in self.rows_by_email.get(email, ()):
                if other_name == name:
                    same.append(row)
                else:
                    about = {"email": email, "name": other_full_name, "row": row}
                    self.notes.append((number, "email", SIBLING_IN_FILE % about))
        for row, other_email, other_full_name in self.rows_by_name.get(key, ()):
            if not (email and other_email):  # one of them has no e-mail: the name decides
                same.append(row)
                emails.add(other_email)
            elif other_email != email:
                about = {"name": other_full_name, "email": other_email, "row": row}
                self.notes.append((number, "full_name", NAMESAKE_IN_FILE % about))
        if len(emails - {""}) > 1:  # a row without e-mail, and namesakes with theirs
            rows = ", ".join(str(row) for row in sorted(set(same)))
            errors["full_name"] = AMBIGUOUS_ROWS % {"rows": rows, "name": full_name}
        elif same:
            errors["full_name"] = SAME_ROW % {"row": min(same)}

    def match_base(self, number, email, name, key, full_name, errors):
        """The person of the base the row is about, if any; namesakes and siblings are noted."""
        person = None
        for other in self.by_email.get(email, ()):
            if normalize_name(other.full_name) == name:
                person = person or other
            else:
                about = {"email": other.email, "name": other.full_name}
                self.notes.append((number, "email", SIBLING_IN_BASE % about))
        namesakes = self.by_name.get(key, ())
        if person is None:
            # One of the two has no e-mail: the name within the organisation decides.
            candidates = [other for other in namesakes if not (email and other.email)]
            if len(candidates) == 1:
                person = candidates[0]
            elif candidates:
                people = ", ".join(self.described(other) for other in candidates)
                errors.setdefault(
                    "full_name", AMBIGUOUS_PEOPLE % {"name": full_name, "people": people}
                )
        for other in namesakes:
            if email and other.email and normalize_email(other.email) != email:
                about = {"name": other.full_name, "email": other.email}
                self.notes.append((number, "full_name", NAMESAKE_IN_BASE % about))
        if person is None and name in self.elsewhere.get(email, ()):
            # Never another organisation's person, and no more said of them than this.
            errors["email"] = ELSEWHERE % {"name": full_name}
        return person

    @staticmethod
    def described(person) -> str:
        """A person as told apart from their namesakes."""
        return f"{person.full_name} ({person.email or person.phone or _('no e-mail')})"

    # Importing a row ---------------------------------------------------------------------

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
        if not errors:
            for field, messages in pair_errors(instance, list(instance.mentees.all())).items():
                errors.setdefault(field, []).extend(messages)
        self.changes[row[ROW]] = self.changed(before, self.snapshot(instance))
        if errors:
            raise resources.ValidationError(errors)
