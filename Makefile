# Assist 坐席助手. The two commands a new user needs: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint venv lock clean doctor translations package screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install -q --upgrade "pip>=23"
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e ".[test,hq]"
	touch $(STAMP)

# Translations: one .ts per UI area under resources/i18n/<lang>/, merged into one .qm.
TS_ZH := $(wildcard resources/i18n/zh_CN/*.ts)
QM := resources/i18n/assist_zh_CN.qm

$(QM): $(TS_ZH) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS_ZH) -qm $@

venv: $(STAMP) $(QM)

# `make run BASEDIR=/tmp/try` keeps everything (settings, database, logs) in that folder.
run: $(STAMP) $(QM)
	$(BIN)/assist $(if $(BASEDIR),--basedir "$(BASEDIR)") $(ARGS)

# The main screens at 1366x768 and 1920x1080, Chinese and English, into docs/screenshots/ (needs Xvfb).
screenshots: $(STAMP) $(QM)
	$(BIN)/python docs/screenshots/render.py

# Refresh the translation sources from the code (then translate new strings in Qt Linguist).
translations: $(STAMP)
	$(BIN)/python -m resources.i18n.update
	$(MAKE) $(QM)

doctor: $(STAMP) $(QM)
	$(BIN)/assist doctor

# The gates first (ruff and mypy, configured in pyproject.toml; both must be clean), then the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Strict mode (CI, or ASSIST_STRICT=1): a test that needs a missing tool fails instead of skipping.
test: lint $(QM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

PKG_STAMP := $(VENV)/.installed-package

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e ".[package]"
	touch $@

# Installers (packaging/README.md): one-folder app, .deb, portable archive, makensis compile-check
package: $(PKG_STAMP) $(QM)
	VENV=$(VENV) packaging/build.sh

lock:
	rm -rf /tmp/assist-lock && $(PY) -m venv /tmp/assist-lock
	/tmp/assist-lock/bin/pip install -q -r requirements/constraints.in
	{ head -2 $(CONSTRAINTS); /tmp/assist-lock/bin/pip freeze; } > $(CONSTRAINTS).new && mv $(CONSTRAINTS).new $(CONSTRAINTS)

clean:
	rm -rf $(VENV) build dist *.egg-info
