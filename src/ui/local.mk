## src/ui/local.mk: the ncursesw interface.  Only term.c, draw.c and
## loop.c include <curses.h>; the other files draw through draw.h.
noinst_LIBRARIES += src/ui/libesui.a
src_ui_libesui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSESW_CFLAGS) $(CAIRO_CFLAGS)
src_ui_libesui_a_SOURCES = \
	src/ui/ui.h src/ui/ui.c \
	src/ui/term.c src/ui/term.h \
	src/ui/draw.c src/ui/draw.h \
	src/ui/loop.c src/ui/loop.h \
	src/ui/keybytes.c src/ui/keybytes.h \
	src/ui/command.c src/ui/command.h \
	src/ui/field.c src/ui/field.h \
	src/ui/editor.c src/ui/editor.h \
	src/ui/list.c src/ui/list.h \
	src/ui/dialog.c src/ui/dialog.h \
	src/ui/help.c src/ui/help.h \
	src/ui/formview.c src/ui/formview.h \
	src/ui/entry.c src/ui/entry.h \
	src/ui/app.c src/ui/app.h src/ui/screens.h \
	src/ui/login.c src/ui/passwd.c src/ui/lock.c \
	src/ui/home.c \
	src/ui/admin_users.c src/ui/admin_roles.c src/ui/admin_depts.c \
	src/ui/admin_policy.c src/ui/admin_audit.c \
	src/ui/admin_audit_search.c src/ui/admin_audit_export.c \
	src/ui/mediumpick.c src/ui/mediumpick.h \
	src/ui/docs.h src/ui/docfmt.c src/ui/doclist.c src/ui/docscreen.c \
	src/ui/draft.c src/ui/flowask.c src/ui/flowask.h src/ui/flowdlg.c \
	src/ui/importdlg.c \
	src/ui/sealdlg.c src/ui/printdlg.c src/ui/copiesdlg.c \
	src/ui/printlogview.c src/ui/seals.c \
	src/ui/sealadd.c \
	src/ui/verify.c \
	src/ui/station.c \
	src/ui/standalones.c \
	src/ui/custodydlg.c src/ui/custodydlg.h \
	src/ui/tableview.c src/ui/tableview.h \
	src/ui/reports.c src/ui/reports.h src/ui/reportexport.c \
	src/ui/admin_printers.c src/ui/admin_media.c
