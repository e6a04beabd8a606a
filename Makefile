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
	@scripts/build_bundle.sh

# Builds the bundle (~1 min) and runs it: --version, then --self-test (one demo generation, offscreen).
.PHONY: bundle-test
bundle-test:
	@scripts/setup.sh test
	@scripts/setup.sh bundle
	@SEEDREAM_TEST_BUNDLE=1 .venv/bin/python -m pytest tests/packaging/test_bundle.py $(ARGS)
