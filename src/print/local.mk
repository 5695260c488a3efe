## src/print/local.mk
noinst_LIBRARIES += src/print/libesprint.a
src_print_libesprint_a_CPPFLAGS = $(AM_CPPFLAGS) $(CUPS_CFLAGS) $(CAIRO_CFLAGS)
src_print_libesprint_a_SOURCES = \
	src/print/print.h \
	src/print/print_version.c
