## tests/store/local.mk: the storage layer's runner and its CLI test.
check_PROGRAMS += tests/store/check_store tests/store/mkws
TESTS += tests/store/check_store tests/store/ctl.sh
EXTRA_DIST += tests/store/ctl.sh
tests_store_check_store_CPPFLAGS = $(TEST_CPPFLAGS)
tests_store_check_store_SOURCES = tests/store/check_store.c \
	tests/store/suites.h tests/store/fixture.c tests/store/fixture.h \
	tests/store/test_codec.c tests/store/test_record.c \
	tests/store/test_index.c tests/store/test_schema.c \
	tests/store/test_check.c tests/store/test_backup.c \
	tests/store/test_fault.c tests/store/test_crash.c \
	tests/store/test_batch.c tests/store/test_regions.c \
	tests/store/test_counts.c tests/store/test_daysum.c \
	tests/store/test_postings.c tests/store/test_pack.c \
	tests/store/test_splice.c tests/store/test_compact.c \
	tests/store/test_dict.c tests/store/test_audtime.c \
	tests/store/test_prefix.c
tests_store_check_store_LDADD = $(TEST_LIBS)
tests_store_mkws_CPPFLAGS = $(TEST_CPPFLAGS)
tests_store_mkws_SOURCES = tests/store/mkws.c tests/store/fixture.c \
	tests/store/fixture.h
tests_store_mkws_LDADD = $(TEST_LIBS)
