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
LISTEN ?= 127.0.0.1
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

.PHONY: instance
instance: $(VENV)/.installed ## Write the Zope instance's configuration under var/instance (data in var/filestorage, var/blobstorage)
	$(BIN)/python scripts/make_instance.py $(INSTANCE) --listen $(LISTEN) --port $(PORT)

# create_site.py runs again (upgrades) when what it depends on changed since its
# last run, or when there is no database yet: otherwise `make start` skips it.
SITE_STAMP := var/filestorage/.create_site.stamp
SITE_INPUTS := $(VENV)/.installed scripts/create_site.py \
	$(shell find src/imio/pressbook/profiles src/imio/pressbook/upgrades src/imio/pressbook/setuphandlers -type f -not -name '*.pyc' 2>/dev/null)
ifeq ($(wildcard var/filestorage/Data.fs),)
.PHONY: $(SITE_STAMP)
endif

define create_site
	@$(BIN)/python scripts/make_instance.py $(INSTANCE) --check database
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py
	@touch $(SITE_STAMP)
endef

$(SITE_STAMP): $(SITE_INPUTS)
	$(create_site)

.PHONY: site
site: instance ## Create the Plone site with demo content (keeps an existing one, runs its upgrades)
	$(create_site)

.PHONY: start
start: instance ## Create everything if needed and serve the demo site on http://localhost:8080/Plone
	@$(BIN)/python scripts/make_instance.py $(INSTANCE) --listen $(LISTEN) --port $(PORT) --check database --check port
	@if $(MAKE) --question $(SITE_STAMP) 2>/dev/null; then \
		echo "create_site: nothing it depends on changed: the site is kept as it is (make site runs it anyway)"; \
	else $(MAKE) --no-print-directory $(SITE_STAMP); fi
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/Plone"
	@echo "  Login: admin / admin"
	@echo "  Stop:  Ctrl+C"
	@echo ""
	exec $(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

# Two instances on one database (scripts/serve_cluster.py): a ZEO server, or a
# throwaway PostgreSQL cluster through RelStorage. Data in var/zeo, var/relstorage;
# the site is created on the first run and upgraded when what it depends on changed.
PORT2 ?= $(shell echo $$(($(PORT) + 1)))
ZEO_PORT ?= 8100
PG_PORT ?= 5433
ZEO_STAMP := var/zeo/.create_site.stamp
RELSTORAGE_STAMP := var/relstorage/.create_site.stamp
ifeq ($(wildcard var/zeo/filestorage/Data.fs),)
.PHONY: $(ZEO_STAMP)
endif
ifeq ($(wildcard var/relstorage/postgresql/PG_VERSION),)
.PHONY: $(RELSTORAGE_STAMP)
endif
# only asked with `make --question`: serve_cluster.py --create-site touches them
$(ZEO_STAMP) $(RELSTORAGE_STAMP): $(SITE_INPUTS)
	@echo "$@ is written by make start-zeo / make start-relstorage"

define serve_cluster
	@if $(MAKE) --no-print-directory --question $(2) 2>/dev/null; then site=""; else site="--create-site --site-stamp $(2)"; fi; \
	exec $(BIN)/python scripts/serve_cluster.py $(1) --root var/$(1) --listen $(LISTEN) --host $(HOST) \
		--ports $(PORT) $(PORT2) --zeo-port $(ZEO_PORT) --pg-port $(PG_PORT) $$site
endef

.PHONY: start-zeo
start-zeo: $(VENV)/.installed ## Serve the demo site from a ZEO server and two instances on http://localhost:8080 and :8081 (data in var/zeo)
	$(call serve_cluster,zeo,$(ZEO_STAMP))

.PHONY: start-relstorage
start-relstorage: $(VENV)/.installed postgresql ## The same on PostgreSQL through RelStorage (a cluster in var/relstorage, port PG_PORT=5433)
	$(call serve_cluster,relstorage,$(RELSTORAGE_STAMP))

.PHONY: postgresql
postgresql: ## Install Debian's PostgreSQL for make start-relstorage and its tests (needs root or sudo)
	bash scripts/install_postgresql.sh

.PHONY: browser
browser: ## Install Debian's chromium for the browser tests (needs root or sudo)
	bash scripts/install_chromium.sh

# axe-core, the accessibility checker the browser tests inject into chromium:
# the exact version of tests/acceptance/package.json, from npm (Debian's), no
# lock file (tests/acceptance/.npmrc), node_modules/ left out of git.
AXE := tests/acceptance/node_modules/axe-core/axe.min.js

.PHONY: axe
axe: $(AXE) ## Install axe-core (npm) for the browser tests' accessibility checks (Debian's npm, needs root or sudo if missing)

$(AXE): tests/acceptance/package.json
	bash scripts/install_node.sh
	cd tests/acceptance && npm install --no-package-lock --no-audit --no-fund
	@test -f $@ || { echo "axe: npm installed no $@"; exit 1; }
	@touch $@

.PHONY: weasyprint
weasyprint: ## Install Debian's pango and DejaVu fonts for the press review's PDF (WeasyPrint; needs root or sudo)
	bash scripts/install_weasyprint.sh

.PHONY: spreadsheet
spreadsheet: ## Install Debian's LibreOffice Calc (headless) for the CSV export tests (needs root or sudo)
	bash scripts/install_libreoffice.sh

# One after the other: two apt-get at once fight over dpkg's lock; axe-core
# (npm) once npm is there.
.PHONY: test-packages
test-packages: ## Install what the tests need: Debian's chromium, pango and fonts (WeasyPrint), LibreOffice Calc, PostgreSQL and npm, then axe-core (needs root or sudo)
	bash scripts/install_chromium.sh
	bash scripts/install_weasyprint.sh
	bash scripts/install_libreoffice.sh
	bash scripts/install_postgresql.sh
	bash scripts/install_node.sh
	@$(MAKE) --no-print-directory axe

# Side by side once .venv exists: chromium, LibreOffice and PostgreSQL, then pytest; buildout.
.PHONY: test
test: ## Install what the tests need, run the whole pytest suite and check the buildout (side by side)
	@$(MAKE) --no-print-directory -j3 test-pytest test-buildout

.PHONY: test-pytest
test-pytest: $(VENV)/.installed test-packages
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/pytest

# The real `make buildout` from PyPI (about 4 to 8 minutes the first time, mostly
# downloads: run beside pytest, niced), then the instance it built is checked:
# its Python finds the add-on and Plone, its zope.conf has blobs and the .po compilation.
# After .venv: both run setuptools' egg_info in src/, never at the same time.
# Read $ZOPE_CONF with Zope's own schema (unknown keys fail) and compare its main
# database with $EXPECTED: (cache-size, storage, then ZEO's server, server-sync,
# shared-blob-dir, blob-dir, or RelStorage's dsn, keep-history, blob-dir).
# (A buildout interpreter's -c sees no arguments: they come by the environment.)
define CHECK_ZOPE_CONF
import ast, os, sys
from Zope2.Startup.options import ZopeWSGIOptions
conf = os.environ["ZOPE_CONF"]
db = ZopeWSGIOptions(configfile=conf)().configroot.databases[0].config
storage = db.storage.config
kind = type(db.storage).__name__
if kind == "ClientStorageConfig":
    details = (["%s:%s" % s.address for s in storage.server], storage.server_sync, storage.shared_blob_dir, storage.blob_dir)
else:
    details = (storage.adapter.config.dsn, storage.keep_history, storage.blob_dir)
found = (db.cache_size, kind, *details)
expected = ast.literal_eval(os.environ["EXPECTED"])
if found != expected:
    sys.exit(f"{conf}: {found} instead of {expected}")
endef
export CHECK_ZOPE_CONF

.PHONY: test-buildout
test-buildout: | $(VENV)/.installed ## Build with buildout like `make buildout` and check bin/instance's setup (log: var/log/buildout.log)
	@mkdir -p var/log
	@echo "buildout: building (log: var/log/buildout.log)..."
	@nice -n 10 $(MAKE) --no-print-directory buildout > var/log/buildout.log 2>&1 \
		|| { tail -n 40 var/log/buildout.log; echo "buildout: FAILED (full log: var/log/buildout.log)"; exit 1; }
	@test -x bin/instance || { echo "buildout: bin/instance is missing"; exit 1; }
	@parts/instance/bin/interpreter -c "import imio.pressbook, Products.CMFPlone, plonetheme.barceloneta, plone.app.contenttypes" \
		|| { echo "buildout: the instance cannot import the add-on or Plone"; exit 1; }
	@grep -q "zope_i18n_compile_mo_files true" parts/instance/etc/zope.conf \
		&& grep -q "blob-dir $(CURDIR)/var/blobstorage" parts/instance/etc/zope.conf \
		|| { echo "buildout: parts/instance/etc/zope.conf lacks blob-dir or zope_i18n_compile_mo_files"; exit 1; }
	@ZOPE_CONF=parts/zeoclient/etc/zope.conf \
		EXPECTED="(30000, 'ClientStorageConfig', ['127.0.0.1:8100'], True, True, '$(CURDIR)/var/zeo/blobstorage')" \
		parts/zeoclient/bin/interpreter -c "$$CHECK_ZOPE_CONF" \
		|| { echo "buildout: parts/zeoclient/etc/zope.conf is not ZEO's clientstorage with server-sync on"; exit 1; }
	@grep -q "write-turn-lock-file $(CURDIR)/var/zeo/write-turn.lock" parts/zeoclient2/etc/zope.conf \
		&& grep -q "write-turn-lock-file $(CURDIR)/var/relstorage/write-turn.lock" parts/relstorage/etc/zope.conf \
		|| { echo "buildout: the zeoclient2 and relstorage parts lack their write-turn-lock-file"; exit 1; }
	@ZOPE_CONF=parts/relstorage/etc/zope.conf \
		EXPECTED="(30000, 'RelStorageFactory', \"dbname='pressbook' user='postgres' host='127.0.0.1' port='5433'\", False, '$(CURDIR)/var/relstorage/blobcache')" \
		parts/relstorage/bin/interpreter -c "$$CHECK_ZOPE_CONF" \
		&& parts/relstorage/bin/interpreter -c "import relstorage, psycopg2" \
		|| { echo "buildout: parts/relstorage/etc/zope.conf is not RelStorage on the PostgreSQL of make start-relstorage"; exit 1; }
	@grep -q "address 127.0.0.1:8100" parts/zeoserver/etc/zeo.conf \
		&& grep -q "path $(CURDIR)/var/zeo/filestorage/Data.fs" parts/zeoserver/etc/zeo.conf \
		&& grep -q "blob-dir $(CURDIR)/var/zeo/blobstorage" parts/zeoserver/etc/zeo.conf \
		|| { echo "buildout: parts/zeoserver/etc/zeo.conf does not serve var/zeo on 127.0.0.1:8100"; exit 1; }
	@echo "buildout: OK (bin/instance fg serves the same var/ as make start; bin/zeoserver, bin/zeoclient, bin/zeoclient2 and bin/relstorage those of make start-zeo and make start-relstorage)"

.PHONY: bench
bench: $(VENV)/.installed ## Benchmark the press section at 2,000 and 20,000 items (builds var/bench once): prints a table
	$(BIN)/python scripts/bench.py $(if $(SIZES),--sizes $(SIZES)) $(if $(RUNS),--runs $(RUNS))

.PHONY: bench-review
bench-review: $(VENV)/.installed weasyprint ## The press review as PDF: 200 items, 50 scanned pages (builds var/bench-review once; RUNS=3): prints a table
	$(BIN)/python scripts/bench_review.py $(if $(RUNS),--runs $(RUNS))

.PHONY: bench-writes
bench-writes: $(VENV)/.installed postgresql ## Writers creating articles at once on one process, two ZEO clients, two RelStorage instances (WRITERS=8 DURATION=60 SETUPS=...): prints a table
	$(BIN)/python scripts/bench_writes.py $(if $(WRITERS),--writers $(WRITERS)) $(if $(DURATION),--seconds $(DURATION)) $(if $(SETUPS),--setups $(SETUPS))

.PHONY: bench-import
bench-import: $(VENV)/.installed ## Bulk import of 5,000 and 20,000 rows into an empty press section (SIZES=...): items/s, memory, facet check
	$(BIN)/python scripts/bench_import.py $(if $(SIZES),--sizes $(SIZES))

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
pins: $(UV) ## Re-resolve constraints.txt and versions.cfg from scripts/pins.in (UPGRADE=1 to take newer releases)
	$(UV) pip compile scripts/pins.in --python-version 3.11 --no-annotate --no-header $(if $(UPGRADE),--upgrade) --output-file constraints.txt
	$(BIN)/python scripts/make_versions_cfg.py constraints.txt versions.cfg

.buildout-venv/bin/buildout: constraints.txt
	$(PYTHON) -m venv .buildout-venv
	.buildout-venv/bin/python -m pip install --quiet --constraint constraints.txt zc.buildout setuptools wheel
	@touch $@

.PHONY: buildout
# Eggs and downloads are shared by every clone of this user (a second build needs
# no network); a package index read that times out is retried once.
BUILDOUT_CACHE ?= $(HOME)/.cache/imio.pressbook/buildout
BUILDOUT_OPTIONS = buildout:eggs-directory=$(BUILDOUT_CACHE)/eggs \
	buildout:download-cache=$(BUILDOUT_CACHE)/downloads buildout:socket-timeout=60

buildout: .buildout-venv/bin/buildout ## Build the same instance with buildout: then bin/instance run scripts/create_site.py, bin/instance fg
	@mkdir -p $(BUILDOUT_CACHE)/eggs $(BUILDOUT_CACHE)/downloads
	.buildout-venv/bin/buildout -N $(BUILDOUT_OPTIONS) \
		|| { echo "buildout: failed, trying once more (a package index may have timed out)"; \
		     .buildout-venv/bin/buildout -N $(BUILDOUT_OPTIONS); }

.PHONY: clean
clean: ## Remove the environment (keeps var/ with the site's data)
	rm -rf $(VENV) .buildout-venv bin develop-eggs parts .installed.cfg

.PHONY: clean-all
clean-all: clean ## Remove the environment and the site's data
	rm -rf var
