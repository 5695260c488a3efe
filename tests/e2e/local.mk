## tests/e2e/local.mk: whole-product scenarios.
TESTS += tests/e2e/demo-workspace.sh tests/e2e/month.sh
EXTRA_DIST += tests/e2e/demo-workspace.sh tests/e2e/make-demo.sh \
	tests/e2e/month.sh tests/e2e/month-lib.sh tests/e2e/month-setup.sh \
	tests/e2e/month-days.sh tests/e2e/month-demo.sh
