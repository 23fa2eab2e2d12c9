"""Import speed and memory: a mentor questionnaire of N rows, measured in one run.

    .venv/bin/python benchmarks/import_bench.py --rows 10000

Prints one JSON line: ``import_s`` (the confirm step), ``preview_s`` (the dry run),
``index_s`` (the task worker bringing the search index up to date after the confirmation, as
the app's task backend runs it in production: not part of the curator's wait),
``limit_s`` (reading the same file with python-calamine plus ``bulk_create`` of the same rows
into the same table: about the least any import can take), ``stock_import_export_s`` (a plain
django-import-export ``ModelResource`` import of the same file), their ratios, and
``peak_rss_mb``: the process's peak while it builds the file, previews and imports it (the two
baselines, which run after, hold the whole sheet in memory and are not counted). The sheet of
10,000 rows is read whole, by python-calamine; one of 100,000 rows (122 MB of XML) a row at a
time (``WAGTAIL_MENTORSHIP_IMPORT_STREAM_ABOVE_BYTES``).
"""

import argparse
import io
import json
import resource
import time

from _django import setup

HEADERS = [
    "Отметка времени",
    "ФИО",
    "Адрес электронной почты",
    "Телефон",
    "Образовательная организация",
    "Категория",
    "Компетенции",
    "Формы наставничества",
    "Максимум наставляемых",
    "Как вы узнали о программе?",
]


def questionnaire(rows: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ответы")
    sheet.append(HEADERS)
    for n in range(rows):
        sheet.append(
            [
                f"01.09.2026 10:{n % 60:02}:00",
                f"Наставник Номер {n}",
                f"mentor{n}@example.com",
                79000000000 + n,
                f"МБОУ «СОШ № {n % 7 + 1}»",
                "Педагог",
                "Математика, олимпиады, проектная деятельность",
                "Учитель – учитель",
                n % 3 + 1,
                "На сайте школы",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def clear() -> None:
    """Empties the mentors' tables at once: ``delete()`` would remove 10,000 people one search
    index entry at a time, and take longer than everything measured."""
    from wagtail_mentorship.models import Mentor, PersonalDataLogEntry

    for model in (Mentor.mentorship_forms.through, PersonalDataLogEntry, Mentor):
        model.objects.all()._raw_delete(model.objects.db)


def limit(data: bytes) -> float:
    """Read with calamine and bulk_create the same rows: the floor for any import."""
    import python_calamine

    from wagtail_mentorship.models import Mentor, Organization

    def run():
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = workbook.get_sheet_by_index(0).to_python()
        organizations = {o.name: o for o in Organization.objects.all()}
        Mentor.objects.bulk_create(
            (
                Mentor(
                    full_name=r[1],
                    email=r[2],
                    phone=str(int(r[3])),
                    organization=organizations.get(r[4]),
                    category="teacher",
                    competencies=r[6],
                    capacity=int(r[8]),
                    questionnaire_answers={HEADERS[0]: r[0], HEADERS[9]: r[9]},
                )
                for r in rows[1:]
            ),
            batch_size=1000,
        )

    seconds, _ = timed(run)
    clear()
    return seconds


def stock(data: bytes) -> float:
    """A plain ModelResource, the way django-import-export's documentation sets one up."""
    import tablib
    from import_export import fields, resources

    from wagtail_mentorship.models import Mentor

    class StockMentorResource(resources.ModelResource):
        full_name = fields.Field(attribute="full_name", column_name="ФИО")
        email = fields.Field(attribute="email", column_name="Адрес электронной почты")
        phone = fields.Field(attribute="phone", column_name="Телефон")
        competencies = fields.Field(attribute="competencies", column_name="Компетенции")
        capacity = fields.Field(attribute="capacity", column_name="Максимум наставляемых")

        class Meta:
            model = Mentor
            import_id_fields = ["email"]
            fields = ("full_name", "email", "phone", "competencies", "capacity")

    def run():
        dataset = tablib.Dataset().load(io.BytesIO(data), format="xlsx")
        result = StockMentorResource().import_data(dataset, dry_run=False)
        assert not result.has_errors(), result.base_errors

    seconds, _ = timed(run)
    clear()
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--skip-stock", action="store_true", help="Leave out the slow baseline.")
    args = parser.parse_args()
    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    from wagtail_mentorship.importing.pipeline import run_import
    from wagtail_mentorship.models import Mentor, Organization

    data = questionnaire(args.rows)
    # The app's tasks queued in the database, as the example site runs them, for a worker.
    tasks = {**settings.TASKS, "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(
        WAGTAIL_MENTORSHIP_IMPORT_MAX_ROWS=args.rows + 1,
        WAGTAIL_MENTORSHIP_IMPORT_MAX_BYTES=len(data) + 1,
        TASKS=tasks,
    ):
        preview_s, report = timed(lambda: run_import(data, "q.xlsx", "mentors", dry_run=True))
        assert report.ok and report.count("new") == args.rows, report.problems[:3]
        import_s, report = timed(lambda: run_import(data, "q.xlsx", "mentors", dry_run=False))
        assert report.applied and Mentor.objects.count() == args.rows
        index_s, _ = timed(
            lambda: call_command(
                "db_worker", "--backend=imports", "--batch", "--no-startup-delay", verbosity=0
            )
        )
    # The peak of building the file, the preview and the import; the baselines come after.
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clear()
    limit_s = limit(data)
    stock_s = None if args.skip_stock else stock(data)
    Organization.objects.all().delete()
    print(
        json.dumps(
            {
                "rows": args.rows,
                "import_s": round(import_s, 3),
                "preview_s": round(preview_s, 3),
                "index_s": round(index_s, 3),
                "limit_s": round(limit_s, 3),
                "stock_import_export_s": None if stock_s is None else round(stock_s, 3),
                "ratio_to_limit": round(import_s / limit_s, 2),
                "preview_ratio_to_limit": round(preview_s / limit_s, 2),
                "speedup_vs_stock": None if stock_s is None else round(stock_s / import_s, 2),
                "peak_rss_mb": round(peak_rss_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
