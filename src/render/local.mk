## src/render/local.mk
noinst_LIBRARIES += src/render/libesrender.a
src_render_libesrender_a_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
src_render_libesrender_a_SOURCES = \
	src/render/render.h \
	src/render/render_version.c
