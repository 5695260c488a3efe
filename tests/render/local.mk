## tests/render/local.mk
check_PROGRAMS += tests/render/check_render
TESTS += tests/render/check_render
tests_render_check_render_CPPFLAGS = $(TEST_CPPFLAGS) $(CAIRO_CFLAGS)
tests_render_check_render_SOURCES = tests/render/check_render.c \
	tests/render/test_impression.c tests/render/test_impression_check.c \
	tests/render/test_linebreak.c tests/render/test_layout.c \
	tests/render/measure.c tests/render/measure.h tests/render/suites.h \
	tests/render/test_report_pdf.c tests/render/test_splice.c
tests_render_check_render_LDADD = $(TEST_LIBS)
