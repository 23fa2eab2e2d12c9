"""One import, from the uploaded bytes to a report: read, find the header row, match the
columns, and run the resource as a dry run (the preview) or for real (all or nothing)."""

from django.db import transaction
from import_export.results import RowResult

from ..models import Organization
from ..spreadsheets.columns import MENTEE_COLUMNS, MENTOR_COLUMNS, PAIR_COLUMNS, header_match
from ..spreadsheets.errors import SpreadsheetError
from ..spreadsheets.reading import open_spreadsheet
from ..spreadsheets.values import text
from . import audit, rows
from .preview import column_uses, display, field_label, preview_resource
from .reports import Change, ImportReport, Problem
from .resources import (
    NOT_YOURS,
    MenteeResource,
    MentorResource,
    PairResource,
    importer_scope,
)
from .roadmap import parse_roadmap_table, save_as_drafts
from .survey_answers import (
    NEW,
    UPDATED,
    UPDATED_UNDATED,
    SurveyAnswersReader,
    answer_columns,
    preview_rows,
    recognise_forms_columns,
    save_answers,
)

ROADMAP_TARGET = "activities"  # a roadmap's stages and activities, into its draft pages
SURVEY_TARGET = "answers"  # a survey round's answers collected by Google or Yandex Forms
TARGETS = {
    "mentors": (MentorResource, MENTOR_COLUMNS),
    "mentees": (MenteeResource, MENTEE_COLUMNS),
    "pairs": (PairResource, PAIR_COLUMNS),
}
COUNTED = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "invalid",
}


CHUNK_ROWS = 2000  # rows per dataset: memory stays bounded whatever the file's size


def datasets(match, numbered_rows, size=CHUNK_ROWS, ignored=None):
    """The rows as the resource reads them, ``size`` at a time; empty rows are passed over.
    The indexes of the columns without a header that hold something are added to ``ignored``."""
    fields = [column.field for column in match.fields.values()]
    dataset = rows.new_dataset(fields)
    ignored = set() if ignored is None else ignored
    headed = {*match.fields, *match.unmatched}
    unheaded = {}  # a row's width → the indexes of its columns without a header
    for number, cells in numbered_rows:
        if not any(text(cell) for cell in cells):
            continue
        width = len(cells)
        if width not in unheaded:
            unheaded[width] = [i for i in range(width) if i not in headed]
        ignored.update(i for i in unheaded[width] if i not in ignored and text(cells[i]))
        answers = {match.unmatched[i]: text(cells[i]) for i in match.unmatched if i < width}
        values = [cells[i] if i < width else "" for i in match.fields]
        dataset.append(rows.dataset_row(values, answers, number))
        if len(dataset) == size:
            yield dataset
            dataset = rows.new_dataset(fields)
    if len(dataset):
        yield dataset


def run_import(
    data,
    filename,
    target,
    *,
    dry_run,
    sheet=None,
    mapping=None,
    user=None,
    upload=None,
    organization=None,
    defer_organization=False,
    on_progress=None,
):
    """Reads and imports a file; nothing is written unless every row is valid.

    ``mapping`` holds the columns a curator matched by hand (normalised header → field);
    ``upload`` is the pending ``SpreadsheetImport`` the file came from, if any. The import
    acts for ``user``'s organisations (for every one without a user: the command line);
    new records go to ``organization`` (by default the upload's) unless a row names one.
    A preview with ``defer_organization`` counts the new records that have none, as a
    caution (``preview``), instead of refusing them: the curator chooses it before confirming.
    ``on_progress``, if given, is called after each chunk with the number of its last row.
    """
    resource_class, columns = TARGETS[target]
    report = ImportReport(target=target, filename=filename)
    if organization is None and upload is not None:
        organization = upload.organization
    organization = default_organization(user, organization)
    if organization is not None and organization.pk not in importer_scope(user):
        report.problems.append(Problem(None, "", NOT_YOURS % {"organization": organization}))
        return report
    try:
        table = open_spreadsheet(data, filename, sheet)
        report.sheet, report.sheet_names = table.name, table.sheet_names
        match, numbered_rows = header_match(table, columns, mapping)
    except SpreadsheetError as error:
        report.problems.append(Problem(None, "", error.message))
        return report
    report.matched, report.unmatched = match.written, list(match.unmatched.values())

    audit_data = {"file": filename, "target": target}
    resource = preview_resource(resource_class)(
        user=user,
        organization=organization,
        audit_data=audit_data,
        defer_organization=defer_organization and dry_run,
    )
    ignored = set()
    with transaction.atomic():
        try:
            for dataset in datasets(match, numbered_rows, ignored=ignored):
                result = resource.import_data(
                    dataset,
                    dry_run=dry_run,
                    use_transactions=True,
                    rollback_on_validation_errors=True,
                )
                _collect(report, result, dataset, resource)
                if on_progress is not None:
                    on_progress(rows.row_numbers(dataset)[-1])
        except SpreadsheetError as error:  # a row the reader refuses midway through the file
            report.problems.append(Problem(None, "", error.message))
            transaction.set_rollback(True)
            return report
        _collect_changes(report, resource)
        _collect_preview(report, resource, match, ignored)
        if dry_run:
            return report
        if not report.ok:
            transaction.set_rollback(True)
            return report
        audit.record_import(report, user, upload, organization)
        report.applied = True
    return report


def run_roadmap_import(data, filename, roadmap, *, dry_run, user=None, upload=None):
    """Reads a roadmap's table; unless ``dry_run``, and only if every row fits, saves its
    stages and activities as draft revisions of ``roadmap``'s stage pages. The report
    carries the stages found as ``stages``."""
    report = ImportReport(target=ROADMAP_TARGET, filename=filename)
    report.stages = []
    try:
        report.stages, report.problems = parse_roadmap_table(
            open_spreadsheet(data, filename, word_table=True)
        )
    except SpreadsheetError as error:
        report.problems.append(Problem(None, "", error.message))
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        report.counts = save_as_drafts(roadmap, report.stages, user)
        audit.record_import(report, user, upload, subject=roadmap)
        report.applied = True
    return report


def run_survey_import(
    data, filename, survey_round, *, dry_run, sheet=None, mapping=None, user=None, upload=None
):
    """Reads a Forms export of ``survey_round``'s answers; unless ``dry_run``, and only if
    every row fits, saves each row's answers in place of its invitation's. The report's
    ``rows`` show who answered what; its ``notes``, the rows left out and why."""
    report = ImportReport(target=SURVEY_TARGET, filename=filename)
    questions = list(survey_round.survey.questions.all())
    columns = answer_columns(questions)
    fields = {column.field for column in columns}
    # A column remembered for another survey's question means nothing here.
    mapping = {h: f for h, f in (mapping or {}).items() if f in fields or not f}
    try:
        table = open_spreadsheet(data, filename, sheet)
        report.sheet, report.sheet_names = table.name, table.sheet_names
        match, numbered_rows = header_match(table, columns, mapping)
        recognise_forms_columns(match, columns, mapping)
        report.matched, report.unmatched = match.written, list(match.unmatched.values())
        answers = SurveyAnswersReader(survey_round, questions, match).read(numbered_rows)
    except SpreadsheetError as error:
        report.problems.append(Problem(None, "", error.message))
        return report
    report.columns, report.problems, report.notes = answers.columns, answers.problems, answers.notes
    report.rows = preview_rows(answers, questions)
    report.counts = {
        "new": sum(row.state == NEW for row in report.rows),
        "updated": sum(row.state in (UPDATED, UPDATED_UNDATED) for row in report.rows),
        "replaced": len(answers.replaced),
        "withdrawn": len(answers.withdrawn),
        "answered_later": len(answers.answered_later),
        "invalid": len({problem.row for problem in answers.problems if problem.row}),
    }
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        report.counts.update(save_answers(answers.rows, questions))
        audit.record_import(
            report, user, upload, organization=survey_round.organization, subject=survey_round
        )
        participants = [row.invitation.participant for row in answers.rows]
        audit.log_for_each(
            participants,
            audit.IMPORT_ACTION,
            user,
            {"file": filename, "target": SURVEY_TARGET, "survey_round": survey_round.pk},
        )
        report.applied = True
    return report


def default_organization(user, organization):
    """The organisation new records go to: a curator of one organisation imports for it."""
    scope = importer_scope(user)
    if organization is None and not scope.everything and len(scope.organization_ids) == 1:
        return Organization.objects.filter(pk__in=scope.organization_ids).first()
    return organization


def _column(report, field_name, resource) -> str:
    """A field's column as the file writes it; a column the file lacks by its usual header.
    A field no column writes is reported at the column that decided it."""
    columns = resource.columns
    deciding = resource.reported_at.get(field_name, (field_name,))
    field_name = next((name for name in deciding if name in report.matched), deciding[0])
    if field_name in report.matched:
        return report.matched[field_name]
    return next((c.russian for c in columns if c.field == field_name), field_name)


def _collect(report, result, dataset, resource) -> None:
    """Counts and problems of one dataset."""
    for import_type, count in result.totals.items():
        kind = COUNTED.get(import_type)
        if kind and count:
            report.counts[kind] = report.counts.get(kind, 0) + count
    numbers = rows.row_numbers(dataset)
    for invalid in result.invalid_rows:
        number = numbers[invalid.number - 1]
        for field_name, messages in invalid.error_dict.items():
            column = _column(report, field_name, resource)
            report.problems.extend(Problem(number, column, message) for message in messages)
    for failed in result.error_rows:
        report.problems.extend(
            Problem(numbers[failed.number - 1], "", str(e.error)) for e in failed.errors
        )
    report.problems.extend(Problem(None, "", str(error.error)) for error in result.base_errors)


def _collect_changes(report, resource) -> None:
    model = resource._meta.model
    report.counts.setdefault("invalid", 0)
    report.notes = [
        Problem(number, _column(report, field_name, resource), message)
        for number, field_name, message in resource.notes
    ]
    for number, name in resource.updated:
        changed = resource.changes.get(number, {})
        fields = [(label(model, field), old, new) for field, (old, new) in changed.items()]
        shown = [
            (label(model, field), display(model, field, old), display(model, field, new))
            for field, (old, new) in changed.items()
        ]
        report.changes.append(Change(number, name, fields, shown))


def _collect_preview(report, resource, match, ignored) -> None:
    """The columns as recognised, the first rows as they will be saved (their organisation
    first, then the fields the file fills) and the cautions."""
    model = resource._meta.model
    report.columns = column_uses(match, ignored, model)
    fields = [name for name in report.matched if name != "organization"]
    if any(f.name == "organization" for f in model._meta.fields):
        fields.insert(0, "organization")
    report.rows = resource.preview_rows(fields)
    report.cautions = resource.cautions()


label = field_label  # the name the command line and the tests know it by
