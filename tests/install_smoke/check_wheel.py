"""Fails unless the wheel holds the templates, static files, migrations and the Russian .mo."""

import sys
import zipfile

REQUIRED = [
    "wagtail_mentorship/templates/wagtail_mentorship/roadmap_page.html",
    "wagtail_mentorship/templates/wagtail_mentorship/stage_page.html",
    "wagtail_mentorship/templates/wagtail_mentorship/best_practice_page.html",
    "wagtail_mentorship/templates/wagtail_mentorship/best_practice_index_page.html",
    "wagtail_mentorship/static/wagtail_mentorship/css/mentorship.css",
    "wagtail_mentorship/static/wagtail_mentorship/js/print.js",
    "wagtail_mentorship/migrations/0001_initial.py",
    "wagtail_mentorship/migrations/0002_default_mentorship_forms.py",
    "wagtail_mentorship/locale/ru/LC_MESSAGES/django.po",
    "wagtail_mentorship/locale/ru/LC_MESSAGES/django.mo",
]

names = set(zipfile.ZipFile(sys.argv[1]).namelist())
missing = [name for name in REQUIRED if name not in names]
leaked = sorted(n for n in names if n.split("/")[0] in {"tests", "example_site", "benchmarks"})
print(f"{sys.argv[1]}: {len(names)} files")
if missing or leaked:
    sys.exit(f"missing from the wheel: {missing}; not meant for it: {leaked}")
