# imio.pressbook: the two commands of the README are `make start` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION = 0.13.9
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
INSTANCE := var/instance
HOST ?= localhost
PORT ?= 8080

.PHONY: help
help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) setup.py constraints.txt
	$(UV) pip install --python $(BIN)/python --constraint constraints.txt --editable ".[test,dev]"
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv with the pinned Plone and this add-on

$(INSTANCE)/etc/zope.conf: | $(VENV)/.installed
	$(BIN)/python scripts/make_instance.py $(INSTANCE)

.PHONY: instance
instance: $(INSTANCE)/etc/zope.conf ## Create the Zope instance under var/

.PHONY: site
site: $(VENV)/.installed $(INSTANCE)/etc/zope.conf ## Create the Plone site with demo content (keeps an existing one)
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py

.PHONY: start
start: site ## Create everything if needed and serve the demo site on http://localhost:8080/Plone
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/Plone"
	@echo "  Login: admin / admin"
	@echo ""
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

.PHONY: browser
browser: ## Install Debian's chromium for the browser tests (needs root or sudo)
	bash scripts/install_chromium.sh

.PHONY: test
test: $(VENV)/.installed browser ## Install what the tests need and run the whole suite
	$(BIN)/pytest

.PHONY: lint
lint: $(VENV)/.installed ## Check code style
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

.PHONY: format
format: $(VENV)/.installed ## Format the code
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

.PHONY: i18n
i18n: $(VENV)/.installed ## Rebuild the .pot and sync the .po files
	$(BIN)/python -m imio.pressbook.locales

.PHONY: changelog
changelog: $(VENV)/.installed ## Preview CHANGES.rst from news/ fragments
	$(BIN)/towncrier build --draft --version "$$($(BIN)/python setup.py --version 2>/dev/null)"

.PHONY: pins
pins: $(UV) ## Re-resolve constraints.txt and versions.cfg from scripts/pins.in
	$(UV) pip compile scripts/pins.in --python-version 3.11 --no-annotate --no-header --output-file constraints.txt
	$(BIN)/python scripts/make_versions_cfg.py constraints.txt versions.cfg

.PHONY: buildout
buildout: ## Build the same instance with buildout (bin/instance fg)
	$(PYTHON) -m venv .buildout-venv
	.buildout-venv/bin/python -m pip install --quiet -c constraints.txt zc.buildout setuptools wheel
	.buildout-venv/bin/buildout -N

.PHONY: clean
clean: ## Remove the environment (keeps var/ with the site's data)
	rm -rf $(VENV) .buildout-venv bin develop-eggs parts .installed.cfg

.PHONY: clean-all
clean-all: clean ## Remove the environment and the site's data
	rm -rf var
