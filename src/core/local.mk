## src/core/local.mk
noinst_LIBRARIES += src/core/libescore.a
src_core_libescore_a_CPPFLAGS = $(AM_CPPFLAGS) 
src_core_libescore_a_SOURCES = \
	src/core/core.h \
	src/core/core_version.c
