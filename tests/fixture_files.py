"""The real-world spreadsheets under ``fixtures/`` that the import tests read."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
MENTEE_FILES = [
    "google_forms_mentees.csv",
    "excel_cp1251_mentees.csv",
    "utf8_bom_tab_mentees.csv",
    "yandex_forms_mentees.xlsx",
]
MENTOR_FILES = ["mentors_base.xlsx", "mentors_base.ods"]
ROADMAP_FILES = ["roadmap_school.xlsx"]
