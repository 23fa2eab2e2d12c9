"""Set up Django for a benchmark on a throw-away SQLite database of its own.

The database is migrated by a separate process: migrations hold some 30 MB of model states
that no app server or task worker carries, and a benchmark's peak memory is about its work.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    migrate = [sys.executable, str(ROOT / "example_site" / "manage.py"), "migrate", "-v0"]
    subprocess.run(migrate, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    import django

    django.setup()
