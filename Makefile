# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
# Extra requirements for pip, e.g. PIP_EXTRA="Django~=5.2.0 wagtail~=7.4.0" for the oldest corner.
PIP_EXTRA ?=
PYTEST_ARGS ?=

BIN := $(VENV)/bin
MANAGE := $(BIN)/python example_site/manage.py

.PHONY: install demo test lint messages compilemessages clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" $(PIP_EXTRA)
	touch $@

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --admin
	@echo "Site: http://127.0.0.1:$(PORT)/  admin: http://127.0.0.1:$(PORT)/admin/"
# The task worker of large imports runs beside the site and stops with it.
	$(MANAGE) db_worker --backend imports --no-reload & trap 'kill $$!' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Refresh the Russian catalogues after changing user-facing strings, then translate and compile.
messages: install
	cd wagtail_mentorship && ../$(BIN)/django-admin makemessages -l ru --no-location
	cd example_site && ../$(BIN)/python manage.py makemessages -l ru --no-location -i "static_collected/*"

compilemessages: install
	cd wagtail_mentorship && ../$(BIN)/django-admin compilemessages
	cd example_site && ../$(BIN)/python manage.py compilemessages -i ".venv*"

clean:
	rm -rf build dist *.egg-info example_site/db.sqlite3 example_site/media
