# Rusus Desktop — the README's two commands:
#   make run    set up .venv (if missing), install the app, open the window on the bundled corpus
#   make test   the same set-up plus the test extras, then the whole test suite with Qt offscreen
# Both work on a fresh Debian/Ubuntu machine with Python >= 3.10: missing system libraries that Qt
# needs are installed (as root) or named exactly (otherwise) by packaging/system-deps.sh.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PYTEST_ARGS ?=

.PHONY: run test lint bench clean venv deps-run deps-test

$(PY):
	@bash packaging/ensure-python.sh "$(PYTHON)" "$(VENV)"

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install --upgrade --quiet pip
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(PIP) install --quiet -e ".[test]"
	@touch $@

venv: $(VENV)/.installed-run

deps-run: $(VENV)/.installed-run
	@bash packaging/system-deps.sh run "$(PY)"

deps-test: $(VENV)/.installed-test
	@bash packaging/system-deps.sh test "$(PY)"

run: deps-run
	$(VENV)/bin/rusus-desktop

test: deps-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/lint-imports
	$(PY) -m ruff check rusus_desktop tests benchmarks || true

bench: deps-test
	@for b in benchmarks/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

clean:
	rm -rf build dist .pytest_cache .hypothesis

# The ready-to-run build (issue 7): PyInstaller one-folder build into dist/rusus-desktop/, then a
# smoke test of it against the installed package (version, analyze --json, offscreen screenshot)
# that also prints the build's size. Linux builds need objdump/strip (binutils) besides Qt's libraries.
.PHONY: package
$(VENV)/.installed-package: pyproject.toml $(VENV)/.installed-run
	$(PIP) install --quiet -e ".[package]"
	@touch $@

package: $(VENV)/.installed-package
	@bash packaging/system-deps.sh run "$(PY)"
	@command -v objdump >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils; \
	  else echo "make package needs binutils (objdump, strip): sudo apt-get install binutils" >&2; exit 1; fi; }
	rm -rf dist/rusus-desktop
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/rusus-desktop.spec
	QT_QPA_PLATFORM=offscreen $(PY) packaging/smoke_test.py --dist dist/rusus-desktop
