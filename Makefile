# Two commands for a newcomer: `make demo` and `make test`. Both create the virtual
# environment and install what they need on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench lab clean i18n

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,milvus]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/fazhi demo

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest --nbmake tests notebooks

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

lab: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,milvus,lab]'
	$(VENV)/bin/jupyter lab notebooks/

i18n: $(STAMP)
	$(PY) -m scripts.i18n

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .fazhi .pytest_cache
