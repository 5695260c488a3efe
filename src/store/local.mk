## src/store/local.mk
noinst_LIBRARIES += src/store/libesstore.a
src_store_libesstore_a_CPPFLAGS = $(AM_CPPFLAGS) 
src_store_libesstore_a_SOURCES = \
	src/store/store.h \
	src/store/store_version.c
