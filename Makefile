# The two commands: `make run` (build the demo archive, start the bot) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDEX ?= var/demo-index
CONFIG ?=
CONFIG_ARG := $(if $(CONFIG),--config $(CONFIG),)

.PHONY: run test install index eval-quotes eval-questions bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## Build the bundled demo archive and start the bot: Telegram when a token is
## configured (TELEGRAM_BOT_TOKEN or CONFIG=file), otherwise the console chat.
run: install
	$(BIN)/python -m index build demo --index $(INDEX) $(CONFIG_ARG)
	$(BIN)/python -m bot --index $(INDEX) $(CONFIG_ARG) --console-if-no-token

## The whole test suite.
test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check index bot tests

clean:
	rm -rf var .pytest_cache
