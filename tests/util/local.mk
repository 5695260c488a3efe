## tests/util/local.mk
check_PROGRAMS += tests/util/check_util
TESTS += tests/util/check_util
tests_util_check_util_CPPFLAGS = $(TEST_CPPFLAGS)
tests_util_check_util_SOURCES = tests/util/check_util.c \
	tests/util/test_text.c tests/util/test_buf.c tests/util/suites.h \
	tests/util/test_safefile.c tests/util/test_media.c
tests_util_check_util_LDADD = $(TEST_LIBS)
