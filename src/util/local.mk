## src/util/local.mk: libc-only helpers shared by every layer.
noinst_LIBRARIES += src/util/libesutil.a
src_util_libesutil_a_SOURCES = \
	src/util/util.h \
	src/util/buf.c src/util/buf.h \
	src/util/clock.c src/util/clock.h \
	src/util/i18n.c src/util/i18n.h \
	src/util/log.c src/util/log.h \
	src/util/media.c src/util/media.h \
	src/util/mem.c src/util/mem.h \
	src/util/safefile.c src/util/safefile.h \
	src/util/status.c src/util/status.h \
	src/util/testhook.c src/util/testhook.h \
	src/util/text.c src/util/text.h
