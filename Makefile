# Two commands for a newcomer: `make demo` and `make test`. Both create the virtual
# environment and install what they need on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# setuptools warns about editable installs in a long banner on every install: not news to a user.
PIP := PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip
# Extra flags for JupyterLab, e.g. `make lab LAB_FLAGS="--no-browser --port 8899"`.
# As root (a container, a fresh server) --allow-root is added: JupyterLab refuses root otherwise.
LAB_FLAGS ?=
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: demo test lint bench lab clean i18n

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev,milvus]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/fazhi demo

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -n 2 --nbmake tests notebooks  # both cores: about 5 min instead of 13

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

lab: $(STAMP)
	$(PIP) install --quiet -e '.[dev,milvus,lab]'
	$(VENV)/bin/jupyter lab $(LAB_ROOT_FLAG) $(LAB_FLAGS) notebooks/

i18n: $(STAMP)
	$(PY) -m scripts.i18n

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .fazhi .pytest_cache
