# The kit's two commands are `make lab` and `make test` (`make test-all` for the full tier, what CI
# runs); each sets itself up on a fresh machine. Needs only Python 3.10 or newer and make.
# Everything else is installed into .venv from the lock.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LOCK   := requirements/lock.txt
# The stamps are keyed to the lock and pyproject: when neither changed, set-up is skipped.
KEY    := $(shell cat $(LOCK) pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
STAMP_LAB  := $(VENV)/.installed-lab-$(KEY)
STAMP_TEST := $(VENV)/.installed-test-$(KEY)
STAMP_ALL  := $(VENV)/.installed-all-$(KEY)
KIT_LANG ?= en
# OFFLINE=folder: install from a wheelhouse (`make wheelhouse`, a USB stick) with no package index.
PIP_FROM := $(if $(OFFLINE),--no-index --find-links "$(abspath $(OFFLINE))")
# `make wheelhouse`: where the wheels go, and the laptop's Python release, processor and glibc
# (default: this machine's; tools/wheelhouse.py).
WHEELHOUSE ?= wheelhouse
WHEEL_ARGS = $(if $(WHEEL_PYTHON),--python $(WHEEL_PYTHON)) $(if $(WHEEL_ARCH),--arch $(WHEEL_ARCH)) $(if $(WHEEL_GLIBC),--glibc $(WHEEL_GLIBC))
# Not HOST or PORT: csh and some platforms set those for other purposes, and make would inherit them.
KIT_HOST ?= 127.0.0.1
KIT_PORT ?= 8888
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
SANITIZE := --nbval-sanitize-with tests/nbval_sanitize.cfg
# Notebooks and tests write progress into a new empty folder on every run, never into a real
# student's home folder nor into what an earlier run left (a name or answers saved there changed
# the quiz order and the hand-in message that nbval compares).
# Without the variables by which the maps recognise VS Code (helpers/maps/leaflet.py): tests and
# `make lab` started from VS Code's terminal behave as anywhere else.
NOT_VSCODE := env -u VSCODE_PID -u VSCODE_CWD
TEST_ENV := $(NOT_VSCODE) KIT_PROGRESS_DIR=$$(mktemp -d "$${TMPDIR:-/tmp}/kit-test-progress.XXXXXX")
# Test workers (pytest-xdist). A notebook's cells, and a browser test module's server, stay on one worker.
JOBS ?= auto
PYTEST := $(TEST_ENV) $(PY) -m pytest -p no:cacheprovider -n $(JOBS) --dist loadfile
# What the tests read: the unit tests, every module's doctests and every notebook (nbval).
TEST_PATHS := tests helpers tools $(wildcard kit_teacher) notebooks
TEST_ARGS := $(TEST_PATHS) --doctest-modules --nbval $(SANITIZE) --nbval-current-env

.PHONY: article wheelhouse lab lint test test-all test-unit test-notebooks test-browser notebooks html guides handouts release lite bench check-python clean help

help:
	@echo "make lab            set up, then open JupyterLab on the start notebook (KIT_LANG=id for Indonesian)"
	@echo "                    OFFLINE=folder installs from a wheelhouse, without internet"
	@echo "make wheelhouse     write every pinned wheel into WHEELHOUSE=folder (a USB stick), for make lab OFFLINE=folder"
	@echo "make test           set up, then run the quick tier: lint, unit tests, doctests, notebooks (a few minutes)"
	@echo "make test-all       set up, then run every test: browser, JupyterHub, release, full fuzzing (what CI runs)"
	@echo "make notebooks      give new cells ids, then rebuild and re-execute every notebook from notebooks/src/{en,id}/"
	@echo "make lint           ruff: lint and format check (part of make test; ruff format . fixes the format)"
	@echo "make test-browser   run only the real-browser tests"
	@echo "make html           export every notebook to a static site in site/"
	@echo "make guides         regenerate the answer keys in the teacher guides"
	@echo "make handouts       print the worksheets, teacher keys, maps and sheets to PDF in build/handouts/ (needs chromium)"
	@echo "make release        build the student edition (no answer keys) and the teacher edition in build/; BRANCH=student also commits it to that branch, PUSH_TO=URL publishes it to its own repository"
	@echo "make lite           build/lite/: the student edition as a JupyterLite site, every lesson running in the browser (PYODIDE_SOURCE=...)"
	@echo "make article        add your own article: FILE=page.html ID=C ARGS='--publisher ... --date YYYY-MM-DD --url ...'"
	@echo "make bench          print run times, memory, sizes and WCAG violations per page (benchmarks/)"

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "This kit needs Python 3.10 or newer, and '$(PYTHON)' was not found."; \
	  echo "Install Python 3 (python.org or your system's packages), or run: make PYTHON=/path/to/python3.11 ..."; \
	  exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || { \
	  echo "This kit needs Python 3.10 or newer; '$(PYTHON)' is $$($(PYTHON) -c 'import platform; print(platform.python_version())')."; \
	  echo "Install a newer Python, or point make at one: make PYTHON=/path/to/python3.11 ..."; \
	  exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "'$(PYTHON)' cannot create virtual environments (the venv/ensurepip modules are missing)."; \
	  echo "On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }

$(PY): | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(PIP_FROM) --upgrade pip

$(STAMP_LAB): | $(PY)
	$(PY) -m pip install --quiet $(PIP_FROM) -c $(LOCK) -e ".[lab]"
	rm -f $(VENV)/.installed-lab-*
	touch $@

$(STAMP_TEST): | $(PY)
	$(PY) -m pip install --quiet $(PIP_FROM) -c $(LOCK) -e ".[test]"
	rm -f $(VENV)/.installed-test-* $(VENV)/.installed-lab-*
	touch $@ $(STAMP_LAB)

# The full tier adds what only its tests need (repo2docker, for the Binder check).
$(STAMP_ALL): $(STAMP_TEST)
	$(PY) -m pip install --quiet $(PIP_FROM) -c $(LOCK) -e ".[test,binder]"
	rm -f $(VENV)/.installed-all-*
	touch $@

# The start notebook of edition KIT_LANG; each edition has its own file names (helpers/paths.py).
lab: $(STAMP_LAB)
	@# JupyterLab's settings overrides shipped with the kit (no news prompt, no update check, code lines
	@# wrap), its readable code colours, and its interface in the edition's language (KIT_LANG=id:
	@# Indonesian, from the language pack): tools/lab_settings.py
	@$(PY) -m tools.lab_settings --lang $(KIT_LANG) --prefix $(VENV) >/dev/null
	@# the server extension that opens the kit's lessons trusted (saved maps show): tools/trust_on_open.py
	$(PY) -m tools.trust install
	$(NOT_VSCODE) $(VENV)/bin/jupyter lab --ip=$(KIT_HOST) --port=$(KIT_PORT) $(ROOT_FLAG) \
	  --ServerApp.root_dir="$(CURDIR)" \
	  --LabApp.default_url=/lab/tree/$$($(PY) -c 'import sys; from pathlib import Path; from helpers.paths import notebook_path; print(notebook_path("00-start-here", sys.argv[1], Path("notebooks")).as_posix())' $(KIT_LANG))

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The quick tier, for every change: no browser, no JupyterHub, no release build, small fuzzing.
test: $(STAMP_TEST) lint
	HYPOTHESIS_PROFILE=dev $(PYTEST) $(TEST_ARGS) -m "not browser and not full"

# The full tier (.ci/run and the GitHub workflow): everything, with at least 10,000 fuzzed inputs.
test-all: $(STAMP_ALL) lint
	HYPOTHESIS_PROFILE=ci $(PYTEST) $(TEST_ARGS)

test-unit: $(STAMP_TEST)
	HYPOTHESIS_PROFILE=dev $(PYTEST) tests helpers tools $(wildcard kit_teacher) --doctest-modules -m "not browser and not full"

test-notebooks: $(STAMP_TEST)
	$(PYTEST) notebooks --nbval $(SANITIZE) --nbval-current-env

test-browser: $(STAMP_TEST)
	$(PYTEST) tests/browser tests/classroom -m browser

# Refuses (and writes nothing) when a lesson's two editions differ in cells, ids or code.
notebooks: $(STAMP_TEST)
	$(PY) -m tools.notebooks ids
	$(TEST_ENV) $(PY) -m tools.notebooks execute
	$(PY) -m tools.trust record

# Wheels only (a laptop may have no compiler), for 64-bit Linux, which Windows runs the kit in (WSL).
wheelhouse: | $(PY)
	$(PY) -m tools.wheelhouse "$(WHEELHOUSE)" $(WHEEL_ARGS)

guides: $(STAMP_TEST)
	$(PY) -m tools.guides

handouts: $(STAMP_TEST)
	$(PY) -m tools.handouts --out build/handouts

# Builds from the committed tree (HEAD), so uncommitted changes are not released. PUSH_TO publishes
# the student edition to its own repository (never the teacher's: tools/publish.py); STUDENT_REPO
# (OWNER/NAME on GitHub) is the repository its notebooks install from on Colab. Both reach the
# command through the environment, unexpanded, like make article's FILE and ARGS.
release: export RELEASE_PUSH_TO := $(value PUSH_TO)
release: export RELEASE_STUDENT_REPO := $(value STUDENT_REPO)
release: $(STAMP_LAB)
	$(PY) -m tools.release --out build $(if $(BRANCH),--branch $(BRANCH)) \
	  $(if $(PUSH_TO),--push-to "$$RELEASE_PUSH_TO") $(if $(STUDENT_REPO),--student-repo "$$RELEASE_STUDENT_REPO")

# The student edition as a JupyterLite site (tools/lite/), in build/lite/: no server, Python runs in the
# browser. PYODIDE_SOURCE: where Pyodide's packages come from (default: the official release archive;
# anything else must match its official pyodide-lock.json), passed unexpanded like make article's FILE.
lite: export KIT_PYODIDE_SOURCE := $(value PYODIDE_SOURCE)
lite: release
	$(PY) -m tools.lite --student build/student --out build/lite

html: $(STAMP_TEST)
	$(PY) -m tools.export_html --out site

# Add a news article of your own (lessons/add-your-own-article.en.md), then refresh data/README.md.
# FILE, ID and ARGS reach the command unexpanded, through the environment: no backtick or $(...) in
# them is run, every $ is kept, and ARGS is split by its quotes only (kit_teacher/article/command.py).
article: export ARTICLE_FILE := $(value FILE)
article: export ARTICLE_ID := $(value ID)
article: export ARTICLE_ARGS := $(value ARGS)
article: $(STAMP_LAB)
	$(PY) -m kit_teacher.article make
	$(PY) tools/datapackage.py

bench: $(STAMP_TEST)
	$(TEST_ENV) $(PY) -m benchmarks.run
	$(PY) -m benchmarks.a11y_report

clean:
	rm -rf $(VENV) site .pytest_cache
