## tests/e2e/local.mk: whole-product scenarios.
TESTS += tests/e2e/demo-workspace.sh
EXTRA_DIST += tests/e2e/demo-workspace.sh tests/e2e/make-demo.sh
