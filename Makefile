# The two commands of the README. Each installs what it needs first and skips what is already there.
.PHONY: run test bench bundle translations

run:
	@scripts/run.sh $(ARGS)

test:
	@scripts/test.sh $(ARGS)

bench:
	@scripts/setup.sh test && .venv/bin/python -m bench

translations:
	@scripts/setup.sh test && .venv/bin/python scripts/build_translations.py

bundle:
	@echo "bundle: not wired yet"
