## src/ui/local.mk
noinst_LIBRARIES += src/ui/libesui.a
src_ui_libesui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS)
src_ui_libesui_a_SOURCES = \
	src/ui/ui.h \
	src/ui/ui_version.c
