# Xuncha: `make run` to try it, `make test` to check it. Both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000

.PHONY: run test install lint messages bench clean

install: $(VENV)/.installed node_modules/.installed var/.messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

var/.messages: $(VENV)/.installed $(wildcard xuncha/locale/*/LC_MESSAGES/django.po)
	@mkdir -p var
	$(BIN)/xuncha i18n
	@touch $@

run: install
	$(BIN)/xuncha migrate --noinput
	$(BIN)/xuncha demo
	@echo "Serving on http://$(ADDRESS)/ — log in with a demo account above (Ctrl-C to stop)."
	$(BIN)/xuncha serve $(ADDRESS)

lint: install
	$(BIN)/ruff check .

test: install lint
	bash scripts/test-suite

messages: $(VENV)/.installed
	$(BIN)/xuncha i18n --extract

bench: install
	bash scripts/bench

clean:
	rm -rf $(VENV) node_modules var/.messages
