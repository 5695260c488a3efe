#!/bin/sh
# demo.sh -- the interface in a real terminal (tmux): a drafter logs in
# and opens drafting, the list of document forms, from the home screen;
# help generated from the commands, typing Chinese into a form field,
# moving over and deleting wide characters, a resize, Esc and F10 with
# the confirmation for unsaved work, and the form saved as a draft; then
# the same start and quit under each TERM clerks use, and the refusal of
# a non-UTF-8 locale.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "示范市示范区司法局" --prefix "示范" >/dev/null 2>&1
ws_user liu '刘洋' drafter Desk-Work-2026
as secadmin "$SEC" user roles liu drafter --dept "示范市示范区司法局" \
    >/dev/null 2>&1

FORMS="$abs_top_srcdir/forms"
# Chinese where the machine has the locale, else English; ESEAL_TEST_LANG
# chooses.
lang=C.UTF-8
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	lang=zh_CN.UTF-8
fi
lang=${ESEAL_TEST_LANG:-$lang}
if [ "$lang" = zh_CN.UTF-8 ]; then
	form_title=请示 title_label=标题 forms_entry=拟稿 login_label=用户名
	saved=拟稿
else
	form_title=Request title_label=Title forms_entry="Draft a document"
	login_label="User name" saved="State: draft"
fi
echo "# locale $lang"

# The keys column of the help screen, one "KEYS" per row, joined by |.
help_keys() {
	tmux_capture | sed -n '3,$p' | sed '/^─/,$d' | cut -c2-17 |
		sed 's/ *$//' | tr '\n' '|' | sed 's/|*$//'
}

# start_eseal COLS LINES [VAR=VALUE...]
start_eseal() {
	_cols=$1 _lines=$2
	shift 2
	eseal_start "$_cols" "$_lines" "$lang" "$@"
}

# -- The demo, step by step ------------------------------------------------
start_eseal 80 24
expect_screen "the login screen comes first" "$login_label"
ui_login liu Desk-Work-2026
expect_screen "the drafter's home offers drafting" "$forms_entry"
tmux_keys /
tmux_type "$forms_entry"
tmux_keys Enter Enter
expect_screen "drafting lists the forms" "$form_title"
expect_screen "the keys line offers help" "F1 "

tmux_keys '?'
expect_screen "? opens help" "F1, ?"
expect_eq "help lists every key of the list screen (its first page)" \
	"Enter|b|Up, k|Down, j|PgUp|PgDn, Space|Home, g|End, G|/|n|N|l|s|S|F1, ?|Esc, q|F10" \
	"$(help_keys)"
tmux_keys End
expect_screen "the last line of help is the redraw key" "Ctrl-L"
tmux_keys Escape
expect_no_screen "Esc closes help" "F1, ?"

tmux_keys /
tmux_type request
tmux_keys Enter
expect_screen "/ finds a form" " 5/6"
tmux_keys n
expect_screen "n finds the next match again" " 5/6"
tmux_keys Enter
expect_screen "Enter opens the form" "$form_title"
expect_screen "the form shows its fields" "$title_label"

set -- $(tmux_cursor)
x0=$1 y0=$2
tmux_type '关于申请打印机的请示'
expect_screen "Chinese typed into the field lands intact" "关于申请打印机的请示"
expect_cursor "the cursor is after the text (10 wide characters)" \
	$((x0 + 20)) "$y0"
tmux_keys Home
expect_cursor "Home goes to the start of the field" "$x0" "$y0"
tmux_keys End
expect_cursor "End goes right after the wide text, not past it" \
	$((x0 + 20)) "$y0"
tmux_keys Left Left Left
expect_cursor "Left moves over one wide character at a time" \
	$((x0 + 14)) "$y0"
tmux_keys BSpace
expect_screen "Backspace deletes one wide character" "关于申请打印的请示"
expect_cursor "the cursor moves back two columns" $((x0 + 12)) "$y0"
tmux_keys End
tmux_type 'x'
expect_screen "typing at End appends, without blanks" "关于申请打印的请示x"

tmux_keys F1
expect_screen "F1 opens help in the form" "Ctrl-L"
expect_eq "help lists every key of the form, and no letter key" \
	"Tab|Shift-Tab|F2, Ctrl-S|F4, Ctrl-X|Up|Down|Left|Right|Home, Ctrl-A|End, Ctrl-E|Backspace|Del, Ctrl-D|Enter|F1|Esc|F10|Ctrl-L" \
	"$(help_keys)"
tmux_keys Escape
expect_screen "the text is still there after help" "关于申请打印的请示x"

tmux_resize 100 30
expect_line "after a resize the keys line is the new last line" 30 "F10"
expect_screen "after a resize the form is drawn again" "关于申请打印的请示x"
tmux_resize 60 20
expect_screen "a window below 80x24 says so" "60 x 20"
tmux_resize 80 24
expect_screen "back at 80x24 the form returns" "关于申请打印的请示x"

# F2 checks the form with the core's rule: the cursor goes to the first
# field in error and each one shows its message under it.
tmux_keys F2
expect_cursor "F2 goes to the first field in error (recipients)" "$x0" $((y0 + 1))
message_under() {	# LINE (0-based): the text from the field column on
	tmux_capture | sed -n "$(($1 + 1))p" | cut -c$((x0 + 1))- | sed 's/ *$//'
}
if [ -n "$(message_under $((y0 + 2)))" ]; then
	ok "the field in error shows its message next to it"
else
	not_ok "no message under the recipients field:"; tmux_capture | sed 's/^/    |/'
fi
tmux_type '局机关各科室'
expect_screen "typing fills the field" "局机关各科室"
tmux_keys Tab
tmux_type '妥否，请批示。'
tmux_keys Enter
tmux_type '联系人：刘洋'
expect_screen "a text field takes several lines" "联系人：刘洋"
expect_cursor "the second line's cursor is after 6 wide characters" \
	$((x0 + 12)) $((y0 + 3))
tmux_keys Tab Tab Tab
tmux_type '示范市示范区司法局'
expect_screen "the issuing body is filled" "示范市示范区司法局"
tmux_keys Escape
expect_screen "Esc with unsaved work asks before discarding" "]   ["
tmux_keys Escape
expect_no_screen "Esc in the question keeps the form" "]   ["
expect_screen "the form is still open" "联系人：刘洋"

tmux_keys F10
expect_screen "F10 with unsaved work asks first" "]   ["
tmux_keys n
expect_no_screen "n keeps working" "]   ["
expect_screen "the work is still there" "关于申请打印的请示x"

tmux_keys F2
expect_screen "a complete form is saved as a draft" "$saved"
expect_screen "the draft shows the text typed" "联系人：刘洋"
tmux_keys F10
if tmux_wait_exit; then ok "F10 quits at once: nothing is unsaved"; else not_ok "F10 quits"; fi
expect_eq "eseal exits with status 0" 0 "$(tmux_status)"
tmux_stop

# -- Every terminal clerks use: start, help, quit at once (nothing unsaved)
for term in xterm-256color screen tmux-256color linux; do
	if ! infocmp "$term" >/dev/null 2>&1; then
		not_ok "TERM=$term: no terminfo entry (install ncurses-base)"
		continue
	fi
	TMUX_TERM=$term start_eseal 80 24 TERM="$term" NO_COLOR=
	expect_screen "TERM=$term: the login screen starts" "$login_label"
	ui_login liu Desk-Work-2026
	expect_screen "TERM=$term: the home screen opens" "$forms_entry"
	tmux_keys '?'
	expect_screen "TERM=$term: help opens" "Ctrl-L"
	tmux_keys Escape F10
	if tmux_wait_exit; then ok "TERM=$term: F10 quits"; else not_ok "TERM=$term: F10 quits"; fi
	tmux_stop
done
start_eseal 80 24 NO_COLOR=1
expect_screen "monochrome (NO_COLOR) starts too" "$login_label"
tmux_keys Escape
if [ "$lang" = zh_CN.UTF-8 ]; then esc_hint="按 F10 退出 eseal"; else esc_hint="F10 quits eseal"; fi
expect_screen "Esc on the login screen stays, saying how to quit" "$esc_hint"
tmux_keys F10
if tmux_wait_exit; then ok "F10 on the login screen quits"; else not_ok "F10 quits"; fi
tmux_stop

# -- A locale that would drop typed Chinese is refused, saying what to set
LC_ALL=C "$ESEAL" --home "$T/home" >"$T/out" 2>&1
expect_eq "eseal refuses LC_ALL=C" 1 $?
expect_grep "the refusal names a locale to set" "LANG=zh_CN.UTF-8" "$T/out"
expect_grep "the refusal names the English one too" "LANG=C.UTF-8" "$T/out"

finish
