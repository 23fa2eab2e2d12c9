"""The base of the import resources: a django-import-export resource whose fields are the
columns of ``columns.py``, which works out what each row changes and keeps every record within
the organisations the importer acts for.

An import acts for the importer's organisations only: it sees and changes only the records
they may change, and every record it writes belongs to one of their organisations.
"""

import collections
import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import signals
from django.db.models.base import ModelState
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.results import Result

from ..access.policies import policy_for
from ..access.scope import Scope, scope_for
from ..models import MentorshipForm, Organization
from ..spreadsheets import values
from ..spreadsheets.columns import ORGANIZATION
from . import audit
from .remembered import Remembered
from .rows import ROW
from .widgets import ChoiceWidget, ColumnWidget, NamedObjectsWidget, OrganizationWidget

ANSWER_PREFIX = "answer:"  # a questionnaire answer in a snapshot of a person
NOT_YOURS = gettext_lazy(
    "You do not act for «%(organization)s»: ask its curator or the municipal coordinator."
)
# A column's parser → the validators it runs on each cell itself.
PARSERS_VALIDATORS = {values.email: (validate_email,)}
NO_ORGANIZATION = gettext_lazy(
    "The row names no organisation: fill in the column «%(column)s» or choose the "
    "organisation when you upload the file."
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

    def __init__(self, user=None, organization=None, audit_data=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user  # who imports; None for the command line
        self.audit_data = audit_data or {}  # the file, in each imported record's trail
        self.scope = importer_scope(user)
        self.organization = organization  # where new records go unless their row names one
        self.fields = {column.field: self.field_for(column) for column in self.columns}
        self.changes = {}  # row number → {field: (old, new)}, for rows of existing records
        self.updated = []  # (row number, the record as text) of each updated row
        self.notes = []  # (row number, field, message): worth knowing, nothing to fix
        self.headers, self.headed_fields = None, []  # the fields of the file's columns
        self.blank, self.fresh_defaults = None, []  # see init_instance
        self.checked_fields = None  # see field_errors
        self.cleaned = collections.defaultdict(lambda: Remembered(errors=DjangoValidationError))

    # A row at a time, django-import-export's own steps do more than a file of thousands of
    # rows can afford; these three do the same for the fields of this resource.

    def init_instance(self, row=None):
        """A blank record, copied from one made once: ``Model.__init__`` works out thirty
        fields' defaults and ``ClusterableModel`` scans the child relations, for each row.
        A default that is made anew for each record (a dict) is made anew here too."""
        model = self._meta.model
        if self.blank is None:
            if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
                return model()  # something watches records being made: let it
            self.blank = dict(vars(model()))
            self.fresh_defaults = [
                (field.attname, field.default)
                for field in model._meta.concrete_fields
                if field.has_default() and callable(field.default)
            ]
        instance = model.__new__(model)
        instance.__dict__.update(self.blank)
        for attname, default in self.fresh_defaults:
            instance.__dict__[attname] = default()
        instance._state = ModelState()
        return instance

    def import_instance(self, instance, row, **kwargs):
        """Each field whose column the file has, a cell's error reported at its field. (The
        library's loop visits every field and formats a debug message for each column the
        file lacks.) An empty cell leaves the field as it is."""
        errors = {}
        for field, clean, attribute in self.fields_of(row):
            try:
                value = clean(row[field.column_name])
            except ValueError as error:
                errors[field.attribute] = DjangoValidationError(str(error), code="invalid")
            else:
                if value is not None:
                    setattr(instance, attribute, value)
        if errors:
            raise DjangoValidationError(errors)

    # A field → the attribute its value is kept in, when not the field itself.
    kept_as = {}

    def fields_of(self, row) -> list:
        """(field, its widget's clean, the attribute it sets) of each field whose column
        ``row`` has: the same for every row of a file."""
        headers = tuple(row)
        if headers != self.headers:
            self.headers = headers
            self.headed_fields = [
                (field, field.widget.clean, self.kept_as.get(field.attribute, field.attribute))
                for field in self.get_import_fields()
                if field.column_name in row
            ]
        return self.headed_fields

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
            named = self.fields["organization"].widget.clean(row["organization"])
            return named or self.organization
        return self.organization

    # Fields the import writes besides its columns' (who gave a consent, the answers).
    written_besides = ("organization",)
    # A field no column writes → the columns whose values decide it, the likelier first.
    reported_at = {}

    def log_imported(self, records) -> None:
        """An entry in the trail of each record the import created or changed."""
        audit.log_for_each(records, audit.IMPORT_ACTION, self.user, self.audit_data)

    def field_errors(self, instance) -> dict:
        """The validators of the fields the import writes (length, range, choices), as the
        admin's form runs them (``Model.clean_fields``); the model's other fields are as the
        database holds them. A value seen in an earlier row is not checked again."""
        if self.checked_fields is None:
            written = {field.attribute for field in self.fields.values()}
            written.update(self.written_besides)
            self.checked_fields = [
                self.unchecked_by_parser(field)
                for field in self._meta.model._meta.fields
                if field.name in written
                # Related records were found by the widgets among those that exist: asking
                # the database again, a query a row, doubled the import's time.
                and not field.is_relation
                and (field.validators or field.choices)  # else nothing to check (free text)
            ]
        errors = {}
        for field in self.checked_fields:
            raw = getattr(instance, field.attname)
            if field.blank and raw in field.empty_values:
                continue
            try:
                cleaned = self.cleaned[field.attname](field.clean, raw, instance)
            except DjangoValidationError as error:
                errors[field.name] = error.messages
            else:
                setattr(instance, field.attname, cleaned)
        return errors

    def unchecked_by_parser(self, field):
        """``field``, or a copy of it without the validators its column's parser has run
        already (an e-mail address is checked as the cell is read, with the cell's message)."""
        column = next((c for c in self.columns if c.field == field.name), None)
        run = PARSERS_VALIDATORS.get(column.parse if column else None, ())
        if not any(validator in run for validator in field.validators):
            return field
        field = copy.copy(field)
        field.validators = [v for v in field.validators if v not in run]  # a cached property
        return field

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
