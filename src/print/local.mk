## src/print/local.mk
noinst_LIBRARIES += src/print/libesprint.a
src_print_libesprint_a_CPPFLAGS = $(AM_CPPFLAGS) $(CUPS_CFLAGS) $(CAIRO_CFLAGS)
src_print_libesprint_a_SOURCES = \
	src/print/print.h src/print/print_int.h \
	src/print/compose.c \
	src/print/cups.c \
	src/print/direct.c \
	src/print/folder.c \
	src/print/job.c \
	src/print/original.c \
	src/print/pfile.c \
	src/print/settle.c \
	src/print/stamp.c
