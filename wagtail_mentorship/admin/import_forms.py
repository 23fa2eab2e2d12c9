"""The forms of the import flow: the upload, and the columns a curator maps by hand."""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ..access.scope import scope_for
from ..models import Organization
from ..spreadsheets.columns import normalize_header
from ..spreadsheets.errors import SpreadsheetError
from ..spreadsheets.safety import check_size_limit


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "xlsx, ods or csv: a Google or Yandex Forms export, or a sheet kept in Excel. "
            "Nothing changes until you confirm the preview."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size_limit(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(error.message) from error
        return upload


class RoadmapUploadForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "xlsx, ods or csv: the roadmap's table as in its document. "
            "Nothing changes until you confirm the preview."
        )


class PeopleUploadForm(UploadForm):
    """The upload of people or pairs, with the organisation new records go to: one of the
    user's. (The roadmap's table has no organisation: it keeps ``UploadForm``.)"""

    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_(
            "New people and pairs go to this organisation, unless the file's column "
            "«Организация» names another one of yours."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(self.user)
        field = self.fields["organization"]
        field.queryset = Organization.objects.filter(scope.q("pk"))
        if scope.everything:
            field.help_text = _(
                "New people and pairs go to this organisation, unless the file's column "
                "«Организация» names another. Left blank, they get the column's organisation, "
                "or none."
            )
            return
        field.required = True
        if len(scope.organization_ids) == 1:  # shown, but there is nothing to choose
            field.initial = next(iter(scope.organization_ids))
            field.disabled = True


class ColumnMappingForm(forms.Form):
    """The columns the preview found no field for, each with the field the curator gives it
    ("" keeps it with the questionnaire answers), and the sheet to read.

    The headers travel signed, as Wagtail's redirects importer signs its file's name: a
    submission maps only the columns the preview showed, to fields of the upload's kind.
    """

    SALT = "wagtail_mentorship.column_mapping"
    KEEP_AS_ANSWER = ""
    prefix = "mapping"

    headers = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, fields, headers=(), sheet_names=(), sheet="", **kwargs):
        super().__init__(data, **kwargs)
        if data is not None:
            headers = self._signed_headers(data.get(self.add_prefix("headers"), ""))
        self.header_list = list(headers)
        self.fields["headers"].initial = signing.dumps(self.header_list, salt=self.SALT)
        if len(sheet_names) > 1:
            self.fields["sheet"] = forms.ChoiceField(
                label=_("Sheet"), choices=[(name, name) for name in sheet_names], initial=sheet
            )
        choices = [(self.KEEP_AS_ANSWER, _("keep with the questionnaire answers")), *fields]
        for index, header in enumerate(self.header_list):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"«{header}»", choices=choices, required=False
            )

    def _signed_headers(self, value) -> list:
        try:
            headers = signing.loads(value, salt=self.SALT)
        except signing.BadSignature:
            return []
        return headers if isinstance(headers, list) else []

    def clean_headers(self):
        value = self.cleaned_data["headers"]
        if not self._signed_headers(value):
            raise forms.ValidationError(
                _("The list of columns was changed outside the preview: open the preview again.")
            )
        return self.header_list

    @property
    def column_fields(self):
        return [self[f"column_{index}"] for index in range(len(self.header_list))]

    def clean(self):
        cleaned = super().clean()
        mapping, seen = {}, {}
        for index, header in enumerate(self.header_list):
            field = cleaned.get(f"column_{index}", self.KEEP_AS_ANSWER)
            if field and field in seen:
                self.add_error(
                    f"column_{index}",
                    _("The field is already given to the column «%(header)s».")
                    % {"header": seen[field]},
                )
            seen.setdefault(field, header)
            mapping[normalize_header(header)] = field
        cleaned["mapping"] = mapping
        return cleaned
