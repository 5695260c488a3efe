## tests/cli/local.mk: the command-line programs, run for real.
TESTS += tests/cli/options.sh
EXTRA_DIST += tests/cli/options.sh tests/lib/sh.sh
