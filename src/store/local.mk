## src/store/local.mk: the storage layer (the only one that sees <db.h>).
noinst_LIBRARIES += src/store/libesstore.a
src_store_libesstore_a_CPPFLAGS = $(AM_CPPFLAGS) $(ZLIB_CFLAGS)
src_store_libesstore_a_SOURCES = \
	src/store/store.h src/store/records.h \
	src/store/store_int.h src/store/codec.h src/store/store_test.h \
	src/store/store.c src/store/batch.c src/store/env.c src/store/wslock.c src/store/prepare.c \
	src/store/regions.c src/store/holders.c \
	src/store/control.c src/store/schema.c \
	src/store/record.c src/store/index.c src/store/grams.c \
	src/store/postings.c src/store/postings_build.c \
	src/store/postings_seek.c \
	src/store/counts.c src/store/steps.c src/store/daysum.c \
	src/store/audtime.c src/store/check_audtime.c \
	src/store/codec.c src/store/zip.c src/store/dict.c \
	src/store/pack.c src/store/compact.c src/store/splice.c \
	src/store/prefix.c \
	src/store/records.c \
	src/store/rec_meta.c src/store/rec_dept.c src/store/rec_user.c \
	src/store/rec_seal.c src/store/rec_printer.c src/store/rec_medium.c \
	src/store/rec_doc.c src/store/rec_version.c src/store/rec_approval.c \
	src/store/rec_application.c src/store/rec_printjob.c \
	src/store/rec_recall.c src/store/rec_custody.c src/store/rec_grant.c \
	src/store/rec_audit.c \
	src/store/backup.c src/store/check.c src/store/check_postings.c \
	src/store/check_int.h src/store/testhook.c \
	src/store/home.c
