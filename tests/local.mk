## tests/local.mk: one libcheck runner per layer (each holds one suite
## per module), plus the shell tests that drive the real programs.
##
## The runners print libcheck's summary line into their .log files;
## ./quickstart check collects those lines so CI shows the counts.
## A test case's timeout only catches a hang; on a loaded machine (a
## build beside the suite, a sanitizer build) a case can take three
## times its quiet run, so the timeouts are tripled unless the caller
## sets CK_TIMEOUT_MULTIPLIER.

TESTS_ENVIRONMENT_COMMON = top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	abs_top_builddir='$(abs_top_builddir)' abs_top_srcdir='$(abs_top_srcdir)' \
	CK_VERBOSITY=normal LC_ALL=C.UTF-8 ESEAL_TEST_KDF=1 \
	CK_TIMEOUT_MULTIPLIER=$${CK_TIMEOUT_MULTIPLIER:-3}
AM_TESTS_ENVIRONMENT = $(TESTS_ENVIRONMENT_COMMON); export top_srcdir top_builddir \
	abs_top_builddir abs_top_srcdir CK_VERBOSITY LC_ALL ESEAL_TEST_KDF \
	CK_TIMEOUT_MULTIPLIER;

noinst_LIBRARIES += tests/lib/libestest.a
tests_lib_libestest_a_CPPFLAGS = $(TEST_CPPFLAGS)
tests_lib_libestest_a_SOURCES = tests/lib/testlib.c tests/lib/testlib.h

TEST_LIBS = tests/lib/libestest.a $(ESEAL_LIBS) $(CHECK_LIBS)
TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests $(CHECK_CFLAGS)

include tests/util/local.mk
include tests/store/local.mk
include tests/crypto/local.mk
include tests/core/local.mk
include tests/ui/local.mk
include tests/render/local.mk
include tests/print/local.mk
include tests/cli/local.mk
include tests/e2e/local.mk
