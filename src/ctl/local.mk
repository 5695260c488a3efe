## src/ctl/local.mk: esealctl's verbs, one file each.
noinst_LIBRARIES += src/ctl/libesctl.a
src_ctl_libesctl_a_SOURCES = \
	src/ctl/ctl.c src/ctl/ctl.h src/ctl/verbs.h \
	src/ctl/ctl_info.c
