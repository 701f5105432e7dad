# make run  - set up, import seeds/ and serve admin and API on 127.0.0.1:8000
# make test - set up and run the whole test suite

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Local settings: a generated secret key, and plain HTTP on 127.0.0.1.
.env: | $(BIN)/python
	@echo "DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@printf '%s\n' DJANGO_SERVE_MEDIA=1 DJANGO_SECURE_SSL_REDIRECT=0 \
		DJANGO_SESSION_COOKIE_SECURE=0 DJANGO_CSRF_COOKIE_SECURE=0 \
		DJANGO_SECURE_HSTS_SECONDS=0 >> $@
	@echo "Wrote local settings to .env"

run: $(VENV)/.installed .env
	set -a && . ./.env && set +a && \
	$(BIN)/python manage.py migrate --no-input && \
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0 && \
	{ $(BIN)/python manage.py import_seeds || echo "Some seed files were not imported (see above)."; } && \
	$(BIN)/python manage.py create_local_editor && \
	echo "Admin: http://$(HOST)/admin/   API: http://$(HOST)/api/   Docs: http://$(HOST)/api/docs/" && \
	$(BIN)/python manage.py runserver $(HOST)

test: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
