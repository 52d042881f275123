# make demo: set up .venv and check a bundled sample filing.
# make test: set up .venv and run the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@ocr=; browser=; \
	  command -v tesseract >/dev/null 2>&1 && [ -n "$$(ls /usr/share/tesseract-ocr/*/tessdata/eng.traineddata 2>/dev/null)" ] || ocr=1; \
	  [ -x /usr/bin/chromium ] || browser=1; \
	  if [ -n "$$ocr$$browser" ]; then $(SUDO) apt-get update -qq || exit 1; fi; \
	  if [ -n "$$ocr" ]; then echo "installing Debian's tesseract-ocr (OCR of scanned pages)"; \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >/dev/null || exit 1; fi; \
	  if [ -n "$$browser" ]; then echo "installing Debian's chromium (the browser the review page's tests drive)"; \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null || exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@touch $@

demo: setup
	@$(BIN)/python samples/generate.py --out samples --quiet
	@mkdir -p demo-output
	@echo "== 1. check before filing: redactor check samples/motion-to-seal.pdf"
	@$(BIN)/redactor check samples/motion-to-seal.pdf --report demo-output/motion-to-seal-check.html; \
	  echo "(exit code $$?: 0 clean, 1 something to fix before filing)"
	@echo
	@echo "== 2. redact: redactor redact samples/motion-to-seal.pdf -o demo-output/motion-to-seal-public.pdf"
	@$(BIN)/redactor redact samples/motion-to-seal.pdf -o demo-output/motion-to-seal-public.pdf \
	  --log demo-output/motion-to-seal-redaction-log.csv
	@echo
	@echo "== 3. check the public copy again"
	@$(BIN)/redactor check demo-output/motion-to-seal-public.pdf | tail -n 1
	@echo
	@echo "Results in demo-output/:"
	@echo "  motion-to-seal-check.html          every page with each finding boxed (open in a browser; holds the values)"
	@echo "  motion-to-seal-public.pdf          the public copy, redactions burned in and verified"
	@echo "  motion-to-seal-redaction-log.csv   one row per redaction (never the value)"

test: setup lint
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff format --check redactor tests samples bench conftest.py
	$(BIN)/ruff check redactor tests samples bench conftest.py

bench: setup
	$(BIN)/python bench/check_speed.py

clean:
	rm -rf $(VENV) demo-output
