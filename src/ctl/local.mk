## src/ctl/local.mk: esealctl's verbs, one file each.
noinst_LIBRARIES += src/ctl/libesctl.a
# The seal verb draws impressions: render.h needs cairo's headers.
src_ctl_libesctl_a_CPPFLAGS = $(AM_CPPFLAGS) $(CAIRO_CFLAGS)
src_ctl_libesctl_a_SOURCES = \
	src/ctl/ctl.c src/ctl/ctl.h src/ctl/verbs.h \
	src/ctl/ctl_info.c \
	src/ctl/ctl_check.c src/ctl/ctl_backup.c src/ctl/ctl_dump.c \
	src/ctl/ctl_compact.c \
	src/ctl/ctl_audit.c \
	src/ctl/ctl_init.c src/ctl/ctl_policy.c \
	src/ctl/ctl_session.c src/ctl/ctl_session.h src/ctl/ctl_user.c \
	src/ctl/ctl_doc.c src/ctl/ctl_doc.h src/ctl/ctl_docflow.c \
	src/ctl/ctl_print.c src/ctl/ctl_printer.c \
	src/ctl/ctl_seal.c src/ctl/ctl_seal.h src/ctl/ctl_seal_custody.c \
	src/ctl/ctl_seal_trust.c src/ctl/ctl_verify.c \
	src/ctl/ctl_standalone.c \
	src/ctl/ctl_report.c src/ctl/ctl_media.c
