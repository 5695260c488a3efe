## tests/ui/local.mk: the interface.  check_ui tests the editing, list
## and command logic without a terminal; demo.sh drives the real program
## in tmux (tests/lib/tmux.sh).
check_PROGRAMS += tests/ui/check_ui
TESTS += tests/ui/check_ui tests/ui/demo.sh tests/ui/screens.sh
TESTS += tests/ui/docflow.sh
TESTS += tests/ui/formcontent.sh
EXTRA_DIST += tests/ui/formcontent.sh
TESTS += tests/ui/verify.sh
# The editor key, a GB18030 terminal, and the keystroke fuzzer (its key
# streams come from fuzzkeys, the same for a seed on every machine).
check_PROGRAMS += tests/ui/fuzzkeys
tests_ui_fuzzkeys_SOURCES = tests/ui/fuzzkeys.c
TESTS += tests/ui/editor.sh tests/ui/gb18030.sh tests/ui/fuzz.sh
EXTRA_DIST += tests/ui/editor.sh tests/ui/gb18030.sh tests/ui/fuzz.sh
TESTS += tests/ui/reports.sh
TESTS += tests/ui/auditui.sh
tests_ui_check_ui_CPPFLAGS = $(TEST_CPPFLAGS)
tests_ui_check_ui_SOURCES = tests/ui/check_ui.c tests/ui/suites.h \
	tests/ui/test_field.c tests/ui/test_keybytes.c \
	tests/ui/test_list.c \
	tests/ui/test_command.c \
	tests/ui/test_entry.c \
	tests/ui/test_home.c \
	tests/ui/test_docfmt.c \
	tests/ui/test_tableview.c
tests_ui_check_ui_LDADD = $(TEST_LIBS)
EXTRA_DIST += tests/ui/demo.sh tests/lib/tmux.sh tests/ui/screens.sh \
	tests/ui/ws.sh
EXTRA_DIST += tests/ui/docflow.sh
EXTRA_DIST += tests/ui/verify.sh
EXTRA_DIST += tests/ui/reports.sh
EXTRA_DIST += tests/ui/auditui.sh
TESTS += tests/ui/standalone.sh
EXTRA_DIST += tests/ui/standalone.sh
TESTS += tests/ui/custody.sh
EXTRA_DIST += tests/ui/custody.sh
TESTS += tests/ui/sealadd.sh
EXTRA_DIST += tests/ui/sealadd.sh
TESTS += tests/ui/import.sh
EXTRA_DIST += tests/ui/import.sh
TESTS += tests/ui/approvequeue.sh
EXTRA_DIST += tests/ui/approvequeue.sh
