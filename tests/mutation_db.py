"""A pytest plugin for mutation testing only (``-p tests.mutation_db``, see README).

mutmut runs a new pytest session for every mutant, and migrating a new test database takes
most of such a session. With this plugin the first session migrates one SQLite database in
``./.mutation-db/`` (``mutants/.mutation-db/`` under mutmut), and every session works on its own
copy of it, which it deletes at the end. Changed migrations get a database of their own.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from pytest_django.plugin import blocking_manager_key

FOLDER = Path(".mutation-db")
MIGRATIONS = ("wagtail_mentorship", "example_site", "tests")  # where the migrations are
COPY = pytest.StashKey[Path]()


def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for root in MIGRATIONS for p in Path(root).glob("**/migrations/*.py")):
        digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _template(connection) -> Path:
    template = FOLDER.resolve() / f"template-{_migrations_digest()}.sqlite3"
    if template.exists():
        return template
    FOLDER.mkdir(exist_ok=True)
    building = template.with_name(f"building-{os.getpid()}.sqlite3")
    settings_dict = connection.settings_dict
    name = settings_dict["NAME"]
    settings_dict["TEST"]["NAME"] = str(building)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    connection.close()
    settings_dict["NAME"] = name  # create_test_db pointed the settings at the test database
    os.replace(building, template)
    return template


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session):
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "sqlite":
        return
    copy = FOLDER.resolve() / f"session-{os.getpid()}.sqlite3"
    with session.config.stash[blocking_manager_key].unblock():
        shutil.copyfile(_template(connection), copy)
    connection.settings_dict["TEST"]["NAME"] = str(copy)
    session.config.option.reuse_db = True  # pytest-django: use the copy as it is, keep it
    session.config.stash[COPY] = copy


def pytest_unconfigure(config):
    copy = config.stash.get(COPY, None)
    if copy is not None:
        copy.unlink(missing_ok=True)
