"""The forms of the import flow: the upload, and the columns a curator maps by hand."""

from django import forms
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .. import conf
from ..access.scope import scope_for
from ..models import Organization
from ..spreadsheets.columns import normalize_header
from ..spreadsheets.errors import SpreadsheetError
from ..spreadsheets.safety import check_size_limit


class UploadForm(forms.Form):
    """The file of an import. Its help says what the file is, with the true size limit."""

    file_help = _(
        "xlsx, ods or csv, up to %(limit)s. Nothing changes until you confirm the preview."
    )

    file = forms.FileField(label=_("Spreadsheet"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = self.file_help % {
            "limit": filesizeformat(conf.import_max_bytes())
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size_limit(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(error.message) from error
        return upload


class RoadmapUploadForm(UploadForm):
    file_help = _(
        "docx, xlsx, ods or csv, up to %(limit)s: the roadmap's Word document itself, or its "
        "table as in the document. Nothing changes until you confirm the preview."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".docx,.xlsx,.ods,.csv"


def organizations_for(user):
    """The organisations ``user`` may import for: their scope."""
    return Organization.objects.filter(scope_for(user).q("pk"))


class PeopleUploadForm(UploadForm):
    """The upload of people or pairs, with the organisation new records go to: one of the
    user's, or chosen in the preview if the file names none (``OrganizationChoiceForm``).
    (The roadmap's table has no organisation: it keeps ``UploadForm``.)"""

    file_help = _(
        "xlsx, ods or csv, up to %(limit)s: a Google or Yandex Forms export, or a sheet kept "
        "in Excel. Nothing changes until you confirm the preview."
    )

    organization = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_(
            "New people and pairs go to this organisation, unless the file's column "
            "«Организация» names another one of yours. Left blank, the preview asks for it "
            "if the file names none."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(self.user)
        field = self.fields["organization"]
        field.queryset = organizations_for(self.user)
        if not scope.everything and len(scope.organization_ids) == 1:
            field.initial = next(iter(scope.organization_ids))
            field.disabled = True  # shown, but there is nothing to choose


class OrganizationChoiceForm(forms.Form):
    """The one organisation, of the user's, that the people and pairs of a file with none
    go to: asked in the preview, sent with the confirmation. An organisation outside the
    user's scope is not among the choices, so a forged one is refused."""

    organization = forms.ModelChoiceField(
        label=_("Organisation for the whole file"),
        queryset=Organization.objects.none(),
        empty_label=_("Choose the organisation"),
        # Sent with the confirmation, whose form is further down the page.
        widget=forms.Select(attrs={"form": "import-confirm"}),
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        scope = scope_for(user)
        field = self.fields["organization"]
        field.queryset = organizations_for(user)
        if scope.everything:  # a coordinator may leave them without one, knowingly
            field.required = False
            field.empty_label = _("Leave without an organisation")
        elif len(scope.organization_ids) == 1:
            field.initial = next(iter(scope.organization_ids))


class ColumnMappingForm(forms.Form):
    """The columns the preview found no field for, each with the field the curator gives it
    ("" keeps it with the questionnaire answers), and the sheet to read.

    The headers travel signed, as Wagtail's redirects importer signs its file's name: a
    submission maps only the columns the preview showed, to fields of the upload's kind.
    """

    SALT = "wagtail_mentorship.column_mapping"
    KEEP_AS_ANSWER = ""
    keep_label = _("keep with the questionnaire answers")  # what "" does with the column
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
        choices = [(self.KEEP_AS_ANSWER, self.keep_label), *fields]
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


class SurveyAnswersUploadForm(UploadForm):
    file_help = _(
        "xlsx, ods or csv, up to %(limit)s: the answers exported from Google Forms or Yandex "
        "Forms. Nothing changes until you confirm the preview."
    )


class SurveyColumnMappingForm(ColumnMappingForm):
    """A survey's columns: a column that answers no question is not saved anywhere."""

    keep_label = _("ignore: nothing is saved")
