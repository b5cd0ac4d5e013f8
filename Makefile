# Two commands on a fresh machine (Python 3.11 + make): `make run` and `make test`.
PYTHON ?= python3.11
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
STORE ?= .store
PORT ?= 8501
# test modules run on this many processes (pytest-xdist); a module's tests stay in one process, in order
TEST_WORKERS ?= 2

.PHONY: run test lint format env bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	UV_PYTHON=$(PYTHON) $(UV) sync --locked --quiet
	touch $@

env: $(VENV)/.synced

# The sample corpus goes into the default store only; `make run STORE=DIR` opens DIR as it is.
run: env
ifeq ($(STORE),.store)
	$(PY) -m dashboard ingest data/articles --store $(STORE)
endif
	DDD_STORE=$(STORE) $(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: env
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadscope

bench: env
	$(PY) bench/statements_quality.py
	$(PY) bench/numbers_quality.py
	$(PY) bench/topics_quality.py
	$(PY) bench/stances_quality.py
	$(PY) bench/loader_speed.py
	$(PY) bench/cluster_speed.py
	$(PY) bench/dashboard_speed.py
	$(PY) bench/corrections_speed.py --statements 200000 --corrections 20000
	$(PY) bench/web_speed.py --pages 200

clean:
	rm -rf $(VENV) $(TOOLS) $(STORE)
