# Khabar: two commands do all the set-up (see README.md).
#   make run   install, migrate, load demo content, start site + worker on http://127.0.0.1:8000
#   make test  install test tools, lint, run every test (SQLite unless DATABASE_URL says otherwise)

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
KHABAR := $(BIN)/khabar
FONTS  := khabar/static/khabar/fonts
VENDOR := khabar/static/khabar/vendor
BIND   ?= 127.0.0.1:8000
# Canonical links, sitemaps, feeds and /api/search name the address the site is served on.
export KHABAR_BASE_URL ?= http://$(BIND)

.PHONY: install install-test assets run test lint migrate demo clean distclean

install: $(VENV)/.installed assets

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Fonts and scripts come from the npm registry at build time and are served by the site.
# The Latin subset of the same face gives Latin digits and words the shape of the Arabic text.
NASKH := node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic
assets: node_modules/.package-lock.json
	mkdir -p $(FONTS) $(VENDOR)
	cp $(NASKH)-arabic-400-normal.woff2 $(NASKH)-arabic-700-normal.woff2 \
	   $(NASKH)-latin-400-normal.woff2 $(NASKH)-latin-700-normal.woff2 \
	   node_modules/@fontsource/noto-naskh-arabic/LICENSE $(FONTS)/
	# ALTCHA's "external" build: no inline styles or blob: workers, so CSP stays 'self'.
	mkdir -p $(VENDOR)/altcha
	cp node_modules/altcha/dist/external/altcha.min.js node_modules/altcha/dist/external/altcha.css \
	   node_modules/altcha/dist/workers/pbkdf2.js node_modules/altcha/LICENSE.txt $(VENDOR)/altcha/

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install-test: install $(VENV)/.installed-test

$(VENV)/.installed-test: requirements-test.lock
	$(BIN)/pip install --quiet -r requirements-test.lock
	touch $@

migrate: install
	$(KHABAR) migrate --noinput

demo: migrate
	$(KHABAR) load-demo

run: demo
	$(KHABAR) collectstatic --noinput --verbosity 0
	$(KHABAR) ensure-admin
	$(KHABAR) wire schedule
	@echo "Khabar: http://$(BIND)/  (admin: http://$(BIND)/admin/) — Ctrl-C stops the site and the worker"
	@trap 'kill 0' INT TERM EXIT; \
	 $(KHABAR) db_worker & \
	 $(KHABAR) serve --bind $(BIND) & \
	 wait

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test lint
	$(BIN)/pytest -q

# Build products only: the site's data in var/ (database, secret key, media) stays.
clean:
	rm -rf $(VENV) node_modules $(FONTS) $(VENDOR) var/static

# Everything, the site's data included.
distclean: clean
	rm -rf var
