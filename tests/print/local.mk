## tests/print/local.mk: the print layer's runner (with the printer
## register, src/core/printer.c, whose rules show when printing), and
## the command line's printing against a private cupsd.
check_PROGRAMS += tests/print/check_print
TESTS += tests/print/check_print
tests_print_check_print_CPPFLAGS = $(TEST_CPPFLAGS) $(CAIRO_CFLAGS) \
	$(CUPS_CFLAGS)
tests_print_check_print_SOURCES = tests/print/check_print.c \
	tests/print/suites.h \
	tests/print/print_fixture.c tests/print/print_fixture.h \
	tests/print/cupsd_fixture.c tests/print/cupsd_fixture.h \
	tests/print/test_printer.c tests/print/test_compose.c \
	tests/print/test_original.c tests/print/test_folder.c \
	tests/print/test_cups.c tests/print/test_direct.c \
	tests/print/test_stamp.c \
	tests/core/accounts_fixture.c tests/core/accounts_fixture.h \
	tests/core/wf_fixture.c tests/core/wf_fixture.h \
	tests/core/seal_fixture.c tests/core/seal_fixture.h \
	tests/render/measure.c tests/render/measure.h
tests_print_check_print_LDADD = $(TEST_LIBS)
TESTS += tests/print/print.sh tests/print/settle.sh
EXTRA_DIST += tests/print/settle.sh
EXTRA_DIST += tests/print/print.sh tests/lib/cupsd.sh
