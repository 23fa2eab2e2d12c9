"""The base of the import resources: a django-import-export resource whose fields are the
columns of ``columns.py``, which works out what each row changes and keeps every record within
the organisations the importer acts for.

An import acts for the importer's organisations only: it sees and changes only the records
they may change, and every record it writes belongs to one of their organisations.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy
from import_export import fields, resources
from import_export.results import Result

from ..access.policies import policy_for
from ..access.scope import Scope, scope_for
from ..models import MentorshipForm, Organization
from ..spreadsheets.columns import ORGANIZATION
from . import audit
from .rows import ROW
from .widgets import ChoiceWidget, ColumnWidget, NamedObjectsWidget, OrganizationWidget

ANSWER_PREFIX = "answer:"  # a questionnaire answer in a snapshot of a person
NOT_YOURS = gettext_lazy(
    "You do not act for «%(organization)s»: ask its curator or the municipal coordinator."
)
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

    # Fields the import writes besides its columns' (who gave a consent, the answers).
    written_besides = ("organization",)
    # A field no column writes → the columns whose values decide it, the likelier first.
    reported_at = {}

    def log_imported(self, records) -> None:
        """An entry in the trail of each record the import created or changed."""
        audit.log_for_each(records, audit.IMPORT_ACTION, self.user, self.audit_data)

    def field_errors(self, instance) -> dict:
        """The validators of the fields the import writes (length, range, choices), as the
        admin's form runs them; the model's other fields are as the database holds them."""
        written = {field.attribute for field in self.fields.values()}
        written.update(self.written_besides)
        skipped = [
            field.name
            for field in instance._meta.fields
            if field.name not in written
            # Related records were found by the widgets among those that exist: asking the
            # database again, a query a row, doubled the import's time.
            or field.is_relation
            or not (field.validators or field.choices)  # nothing to check (free text)
        ]
        try:
            instance.clean_fields(exclude=skipped)
        except DjangoValidationError as error:
            return error.message_dict
        return {}

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
