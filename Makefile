# Front Door: `make demo` to try it (`make demo PROFILE=kent` for another authority), `make test` for everything CI checks.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NODE_STAMP := node_modules/.installed
PYTEST := $(PY) -m pytest
# The authority profile for `make demo`; each profile keeps its own database under data/<profile>/.
PROFILE ?= $(or $(FRONTDOOR_PROFILE),cambridgeshire)
DEMO_ENV = FRONTDOOR_PROFILE=$(PROFILE) FRONTDOOR_DATA_DIR=$(CURDIR)/data/$(notdir $(basename $(PROFILE)))
# Where `make demo`'s worker sends email: nothing listens there unless you start a mail server, e.g.
# `.venv/bin/python -m aiosmtpd -n -l 127.0.0.1:1025` (prints each message); until then emails wait and retry.
DEMO_MAIL = FRONTDOOR_EMAIL_HOST=$(or $(FRONTDOOR_EMAIL_HOST),127.0.0.1) FRONTDOOR_EMAIL_PORT=$(or $(FRONTDOOR_EMAIL_PORT),1025)

.PHONY: demo test lint test-sqlite test-postgres test-browser bench assets migrate venv chromium clean screenshots

venv: $(VENV_STAMP)
$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(NODE_STAMP)
	npm run --silent build

migrate: venv
	$(DEMO_ENV) .venv/bin/frontdoor migrate --noinput

demo: venv assets migrate
	$(DEMO_ENV) $(DEMO_MAIL) .venv/bin/frontdoor demo-data
	$(DEMO_ENV) $(DEMO_MAIL) .venv/bin/frontdoor worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(DEMO_ENV) $(DEMO_MAIL) FRONTDOOR_DEBUG=1 FRONTDOOR_TWO_FACTOR_OPTIONAL=1 .venv/bin/frontdoor runserver 127.0.0.1:8000

lint: venv
	.venv/bin/ruff check .
	.venv/bin/mypy frontdoor

test-sqlite: venv assets
	$(PYTEST) -m "not browser" -n 2

test-postgres: venv assets
	scripts/with-postgres.sh $(PYTEST) -m "not browser" -n 2

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test-browser: venv assets chromium
	$(PYTEST) -m browser -p no:xdist

test: lint test-sqlite test-postgres test-browser

# docs/screenshots/: the main pages with the demo data, from the real server in Chromium (PROFILE=...).
screenshots: venv assets chromium
	@command -v pngquant >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pngquant >/dev/null; } || true
	$(PY) scripts/screenshots.py --profile $(PROFILE)

BENCH_STAMP := .venv/.bench-installed
$(BENCH_STAMP): $(VENV_STAMP)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: venv assets $(BENCH_STAMP)
	$(PY) benchmarks/run.py
	scripts/with-postgres.sh $(PY) benchmarks/run.py --postgres
	$(PY) benchmarks/matching.py
	$(PY) benchmarks/databases.py
	$(PY) benchmarks/compare.py
	$(PY) benchmarks/labels.py

clean:
	rm -rf .venv node_modules frontdoor/static/build data
