## src/render/local.mk
noinst_LIBRARIES += src/render/libesrender.a
src_render_libesrender_a_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
src_render_libesrender_a_SOURCES = \
	src/render/render.h \
	src/render/font.c src/render/font.h \
	src/render/impression.c \
	src/render/impression_check.c \
	src/render/layout.c src/render/layout.h \
	src/render/layout_paragraph.c src/render/layout_paragraph.h \
	src/render/layout_table.c src/render/layout_table.h \
	src/render/linebreak.c src/render/linebreak.h \
	src/render/pdfsplice.c src/render/pdfsplice.h \
	src/render/picture.c \
	src/render/png.c src/render/png.h \
	src/render/render.c \
	src/render/report_pdf.c
