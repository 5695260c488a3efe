#!/bin/sh
# editor.sh -- a long text written in the user's editor (F4 in a form):
# EDITOR is a small script of this test's own.  The text it writes, in
# Chinese, lands in the field and is saved with the draft; the file it
# was given was private (mode 600) and is gone afterwards; an editor
# that fails or is killed, or writes more than the field holds, leaves
# the field as it was with a message saying why; with no editor set the
# message says what to set.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
TEXT='为保证电子签章文件按规定彩色打印，拟购置彩色激光打印机一台。'
LONG='一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十多'

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1

# The request form with a body of at most 40 characters.
cp -R "$abs_top_srcdir/forms" "$T/forms"
chmod -R u+w "$T/forms"
awk '{ print } /^field: body$/ { print "max-chars: 40" }' \
    "$abs_top_srcdir/forms/request.form" >"$T/forms/request.form"

# The editor: what it does is in $T/ed-mode; it notes the file it was
# given, that file's mode and what it held.
cat >"$T/ed.sh" <<'EOS'
#!/bin/sh
d=$(dirname "$0")
printf '%s\n' "$1" >"$d/ed-path"
stat -c %a "$1" >"$d/ed-perm"
cp "$1" "$d/ed-seen"
case $(cat "$d/ed-mode") in
write)	printf '%s\n%s\n' "$(cat "$d/ed-text")" '妥否，请批示。' >"$1" ;;
fail)	printf 'lost\n' >"$1"; exit 1 ;;
kill)	printf 'lost\n' >"$1"; kill -KILL $$ ;;
long)	cat "$d/ed-long" >"$1" ;;
hang)	# Note which eseal runs this editor (the shell between may be
	# one process or two), then wait to be killed.
	printf 'secret\n' >"$1"
	p=$PPID
	while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != eseal ]; do
		p=$(sed 's/^.*) [A-Za-z] \([0-9]*\) .*$/\1/' /proc/$p/stat)
	done
	echo $$ >"$d/ed-pid"
	echo "$p" >"$d/ed-eseal"
	sleep 60 ;;
esac
exit 0
EOS
chmod +x "$T/ed.sh"
printf '%s\n' "$TEXT" >"$T/ed-text"
printf '%s\n' "$LONG" >"$T/ed-long"

start() {	# VAR=VALUE...: eseal as liu, in the request form's body
	eseal_start 80 24 C.UTF-8 ESEAL_FORMS_DIR="$T/forms" TMPDIR="$T" "$@"
	tmux_wait "User name"
	ui_login liu "$PW"
	tmux_wait "eseal: home of"
	tmux_keys /
	tmux_type "Draft a document"
	tmux_keys Enter Enter
	tmux_wait "choose its form"
	tmux_keys /
	tmux_type request
	tmux_keys Enter Enter
	tmux_wait "Addressed to"
}

start EDITOR="$T/ed.sh" VISUAL=
expect_line "the keys line offers the editor" 24 "F4 Editor"
tmux_keys F4
expect_screen "F4 in a line field says to type it here" \
	"Only a text of several lines is written in the editor"
tmux_type '关于申请配置彩色打印机的请示'
tmux_keys Tab
tmux_type '示例市司法局'
tmux_keys Tab
tmux_type '初稿'
echo write >"$T/ed-mode"
tmux_keys F4
expect_screen "the editor's Chinese text lands in the field" "为保证电子签章文件"
expect_screen "both of its lines" "妥否，请批示。"
expect_screen "the message line says so" "The text from the editor is in the field."
expect_eq "the editor was given the field's text" "初稿" "$(cat "$T/ed-seen")"
expect_eq "the editor's file was private (mode 600)" 600 "$(cat "$T/ed-perm")"
if [ -e "$(cat "$T/ed-path")" ] || [ -e "$(dirname "$(cat "$T/ed-path")")" ]; then
	not_ok "the editor's file and folder are removed afterwards"
else
	ok "the editor's file and folder are removed afterwards"
fi

echo fail >"$T/ed-mode"
tmux_keys F4
expect_screen "an editor that fails is reported" \
	"The editor ended with status 1; the field keeps its text."
expect_screen "the field keeps its text after a failed editor" \
	"为保证电子签章文件"
expect_absent "nothing of the failed editor's file is taken" "lost"
[ -e "$(dirname "$(cat "$T/ed-path")")" ] &&
	not_ok "the file is removed after a failed editor" ||
	ok "the file is removed after a failed editor"

echo kill >"$T/ed-mode"
tmux_keys F4
expect_screen "an editor killed is reported" \
	"The editor was stopped (signal 9); the field keeps its text."
expect_screen "the field keeps its text after a killed editor" \
	"为保证电子签章文件"

echo long >"$T/ed-mode"
tmux_keys F4
expect_screen "too long a text is refused with the limit" \
	"The text has 41 characters, but this field holds at most 40"
expect_screen "the field keeps its text after a refusal" "为保证电子签章文件"

# The draft saved holds exactly the editor's text as its body.
tmux_keys Tab Tab Tab
tmux_type '示例市司法局办公室'
tmux_keys F2
expect_screen "F2 saves the draft" "State: draft"
id=$(as liu "$PW" doc list 2>/dev/null | awk 'NR > 0 && $1 ~ /^[0-9]+$/ { print $1; exit }')
as liu "$PW" doc show "${id:-1}" --body >"$T/show" 2>&1
printf '%s\n%s\n' "$TEXT" '妥否，请批示。' >"$T/want"
if sed '1,/^$/d' "$T/show" | sed '/^$/d' | cmp -s - "$T/want"; then
	ok "the stored body is the editor's text, exactly"
else
	not_ok "the stored body differs:"; sed 's/^/    |/' "$T/show"
fi
tmux_keys F10
tmux_wait_exit
tmux_stop

# eseal killed (kill -9) while its editor is open leaves the text in its
# private folder; the next eseal removes it, and leaves alone a folder
# of an eseal that still runs (here, this test's shell stands for one).
mkdir "$T/eseal-edit-$$-live0" && echo keep >"$T/eseal-edit-$$-live0/text.txt"
echo hang >"$T/ed-mode"
start EDITOR="$T/ed.sh" VISUAL=
tmux_keys Tab Tab
tmux_keys F4
i=0
while [ ! -s "$T/ed-eseal" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
ESEAL_PID=$(cat "$T/ed-eseal" 2>/dev/null)
kill -KILL "$ESEAL_PID" 2>/dev/null
kill "$(cat "$T/ed-pid" 2>/dev/null)" 2>/dev/null
tmux_wait_exit
tmux_stop
left=$(ls -d "$T/eseal-edit-$ESEAL_PID-"* 2>/dev/null | wc -l)
expect_eq "a killed eseal leaves its editor folder" 1 "$left"
echo write >"$T/ed-mode"
start EDITOR="$T/ed.sh" VISUAL=
left=$(ls -d "$T/eseal-edit-$ESEAL_PID-"* 2>/dev/null | wc -l)
expect_eq "the next eseal removes the folder of the killed one" 0 "$left"
expect_eq "and keeps the folder of an eseal still running" keep \
    "$(cat "$T/eseal-edit-$$-live0/text.txt" 2>/dev/null)"
tmux_keys F10
tmux_wait "]   [" && tmux_keys y
tmux_wait_exit
tmux_stop

# A paste holding a byte that is no character (0xff, and a lone lead
# byte 0xe5) loses that byte only, not the rest of the paste.
start EDITOR="$T/ed.sh" VISUAL=
tmux_keys -H e5 85 b3 e4 ba 8e ff e8 af b7 e7 a4 ba e5 e6 89 93 e5 8d b0 \
    e6 9c ba
expect_screen "a bad byte in a paste costs only that byte" "关于请示打印机"
tmux_keys F10
tmux_wait "]   [" && tmux_keys y
tmux_wait_exit
tmux_stop

# No VISUAL, no EDITOR and no vi: the message says what to set.
mkdir "$T/bin"
start EDITOR= VISUAL= PATH="$T/bin"
tmux_keys Tab Tab
tmux_keys F4
expect_screen "with no editor the message says what to set" \
	"No editor is set: set VISUAL or EDITOR"
tmux_keys F10
tmux_wait "]   [" && tmux_keys y
tmux_wait_exit
tmux_stop

finish
