#!/bin/sh
# fuzz.sh -- the keystroke fuzzer: for every role's account of the demo
# workspace (tests/e2e/make-demo.sh), every screen its home menu offers
# (found on the screen, so a new screen is fuzzed without a change here),
# and the login screen, a long reproducible stream of random keys
# (tests/ui/fuzzkeys.c: letters, Chinese, movement, Tab, Enter, Esc,
# F-keys, Ctrl-keys, resizes) is fed to the real eseal.  Each run starts
# on its own copy of the workspace, so what the keys do (an account
# disabled, a document approved) never stops the next run.
#
# Asserts for each run: eseal ends only cleanly (status 0: F10 and y are
# keys like any other; it is started again and the stream goes on);
# after the stream it still answers (Esc and F10 get it to quit within
# the time allowed: no hang); and no sanitizer report (in a build with
# --enable-sanitizers; tests/lib/sh.sh collects them).
#
#   ESEAL_FUZZ_KEYS=N     keys per screen (default 500)
#   ESEAL_FUZZ_SEED=S     the first seed (default 1); each run's seed is
#                         printed, with the account and the screen
#   ESEAL_FUZZ_ONLY="ACCOUNT INDEX SEED"  one run only, to reproduce it
#                         (INDEX counts the home menu's lines from 0;
#                         "login" fuzzes the login screen)
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"

KEYS=${ESEAL_FUZZ_KEYS:-500}
SEED0=${ESEAL_FUZZ_SEED:-1}
FUZZKEYS="$abs_top_builddir/tests/ui/fuzzkeys"
PW='Demo#2026seal'
BATCH=40		# events sent before looking whether eseal is alive
QUIT_SECONDS=30		# to quit after the stream, under the sanitizers

# Seeds that once found a fault, kept as regression cases, one a line:
# ACCOUNT SEED KEYS and the home menu's line (Chinese|English).
#  - Two resizes close together left curses with the older size: the
#    window said "too small" at 80x24 and took no key (term_size_changed).
REGRESSIONS='
zhouwei 12 500 待审批的申请|Applications to decide
liuyang 9 300 修改我的密码|Change my password
'

# One account for each set of roles.
ACCOUNTS='liuyang zhouwei zhaoli wuhao sysadmin secadmin auditor'

# The messages are in Chinese: the wide text is what most needs fuzzing.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	LANG_UI=zh_CN.UTF-8 LOGIN_LABEL=用户名
else
	LANG_UI=C.UTF-8 LOGIN_LABEL="User name"
fi

# The catalogue, where a test build's ESEAL_LOCALEDIR finds it.
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/eseal.mo" \
    "$abs_top_srcdir/po/zh_CN.po" 2>/dev/null

if ! ESEALCTL="$ESEALCTL" "$abs_top_srcdir/tests/e2e/make-demo.sh" \
    "$T/demo/ws" >"$T/make-demo.out" 2>&1; then
	not_ok "make-demo.sh builds the workspace to fuzz:"
	sed 's/^/    /' "$T/make-demo.out"
	finish
	exit 1
fi

# -- One eseal ----------------------------------------------------------------

RUNS=0

# eseal's own exit status, kept by a shell that Ctrl-C cannot end: once
# eseal has quit, the terminal is back in its normal mode and the next
# random Ctrl-C would otherwise end the shell before it wrote the status.
cat >"$T/wrap" <<EOF2
#!/bin/sh
trap '' INT QUIT TSTP
"\$@"
echo \$? >"$T/status"
EOF2
chmod +x "$T/wrap"

ui_login() {
	tmux_type "$1"
	tmux_keys Enter
	tmux_type "$2"
	tmux_keys Enter
}

# start ACCOUNT INDEX: eseal on a fresh copy of the workspace, logged in
# as ACCOUNT, on the home menu's line INDEX (or the login screen).
start() {
	tmux_stop
	# A new copy each time: an eseal ended by tmux_stop may still be
	# closing the last one.
	RUNS=$((RUNS + 1))
	rm -rf "$T/run-$((RUNS - 1))" 2>/dev/null
	cp -R "$T/demo" "$T/run-$RUNS"
	rm -f "$T/status" "$T/eseal.log"
	tmux_start 80 24 "$T/wrap" env LC_ALL="$LANG_UI" LANGUAGE= \
		ESEAL_LOCALEDIR="$T/locale" ESEAL_FORMS_DIR="$abs_top_srcdir/forms" \
		EDITOR=true VISUAL= TMPDIR="$T" \
		"$ESEAL" --home "$T/run-$RUNS/ws" -vv --log "$T/eseal.log"
	tmux_wait "$LOGIN_LABEL" 20 || return 1
	[ "$2" = login ] && return 0
	ui_login "$1" "$PW"
	tmux_wait "F1 " 20 && tmux_wait_gone "$LOGIN_LABEL" 20 || return 1
	tmux_keys g
	_i=0
	while [ "$_i" -lt "$2" ]; do
		tmux_keys Down
		_i=$((_i + 1))
	done
	tmux_keys Enter
}

# The home menu's lines of ACCOUNT: the list between the title and the
# rule over the footer.
menu() {
	start "$1" login || return 1
	ui_login "$1" "$PW"
	tmux_wait "F1 " 20 && tmux_wait_gone "$LOGIN_LABEL" 20 || return 1
	tmux_capture | sed -n '2,$p' | sed '/^─/,$d' | sed '/^ *$/d' >"$T/menu"
	WHAT="$1 on the home screen"
	quit
}

dead() {
	[ -s "$T/status" ] || [ -s "$TMUX_EXIT" ]
}

# Send the events on standard input, BATCH at a time; when eseal has
# exited, check it exited cleanly and start it again.  Returns 1 on an
# unclean exit (the test has failed then).
feed() {
	_n=0
	set --
	while read -r _kind _a _b; do
		case $_kind in
		k)	set -- "$@" "$_a" ;;
		t)	[ $# -gt 0 ] && tmux_keys -- "$@"
			set --
			tmux_type "$_a" ;;
		r)	[ $# -gt 0 ] && tmux_keys -- "$@"
			set --
			tmux_resize "$_a" "$_b" ;;
		esac
		_n=$((_n + 1))
		[ $((_n % BATCH)) -eq 0 ] || continue
		[ $# -gt 0 ] && tmux_keys -- "$@"
		set --
		dead || continue
		check_exit "after $_n keys" || return 1
		start "$ACCOUNT" "$INDEX" || return 1
	done
	[ $# -gt 0 ] && tmux_keys -- "$@"
	return 0
}

check_exit() {
	sleep 0.1
	_st=$(cat "$T/status" 2>/dev/null)
	[ "$_st" = 0 ] && return 0
	not_ok "$WHAT: eseal exited with status $_st $1:"
	tmux_capture | sed 's/^/    |/'
	tail -n 15 "$T/eseal.log" | sed 's/^/    log: /'
	return 1
}

# After the stream: back to 80x24 (a smaller window takes no keys),
# then Esc, F10 and y until eseal has quit.
quit() {
	_end=$(( $(date +%s) + QUIT_SECONDS ))
	tmux_resize 80 24
	while ! dead; do
		if [ "$(date +%s)" -gt "$_end" ]; then
			not_ok "$WHAT: eseal does not answer Esc and F10 (a hang?):"
			tmux_capture | sed 's/^/    |/'
			tail -n 15 "$T/eseal.log" | sed 's/^/    log: /'
			return 1
		fi
		tmux_keys Escape
		sleep 0.2
		tmux_keys F10
		sleep 0.2
		tmux_capture | grep -qF ']   [' && tmux_keys y
		sleep 0.2
	done
	check_exit "when asked to quit"
}

# run ACCOUNT INDEX SEED KEYS
run() {
	ACCOUNT=$1 INDEX=$2
	WHAT="$1 screen $2 seed $3"
	if [ "$2" = login ]; then
		echo "# $WHAT ($4 keys): the login screen"
	else
		echo "# $WHAT ($4 keys): $(sed -n "$(($2 + 1))p" "$T/menu" |
		    sed 's/^ *//;s/  .*//')"
	fi
	if ! start "$1" "$2"; then
		not_ok "$WHAT: eseal did not start and log in:"
		tmux_capture | sed 's/^/    |/'
		return
	fi
	"$FUZZKEYS" "$3" "$4" >"$T/keys"
	feed <"$T/keys" && quit && ok "$WHAT: no crash, no hang"
	reports
	tmux_stop
}

# Each sanitizer report is told with the run that made it, then moved
# aside so that finish() does not count it again.
reports() {
	mkdir -p "$T/reported"
	for _f in "$T"/sanitizer.*; do
		[ -f "$_f" ] || continue
		not_ok "$WHAT: a sanitizer reported an error:"
		sed 's/^/    /' "$_f"
		mv "$_f" "$T/reported/"
	done
}

if [ -n "${ESEAL_FUZZ_ONLY:-}" ]; then
	set -- $ESEAL_FUZZ_ONLY
	[ "$2" = login ] || menu "$1"
	run "$1" "$2" "$3" "$KEYS"
	finish
	exit
fi

while read -r a s k label; do
	[ -n "$a" ] || continue
	menu "$a" || continue
	i=$(grep -n -e "${label%|*}" -e "${label#*|}" "$T/menu" | head -n 1 |
	    cut -d: -f1)
	[ -n "$i" ] && run "$a" $((i - 1)) "$s" "$k"
done <<EOF2
$REGRESSIONS
EOF2

seed=$SEED0
run liuyang login "$seed" "$KEYS"
for a in $ACCOUNTS; do
	if ! menu "$a"; then
		not_ok "$a logs in on the demo workspace:"
		tmux_capture | sed 's/^/    |/'
		continue
	fi
	n=$(wc -l <"$T/menu")
	expect_eq "$a has a home menu" yes "$([ "$n" -gt 0 ] && echo yes)"
	i=0
	while [ "$i" -lt "$n" ]; do
		seed=$((seed + 1))
		run "$a" "$i" "$seed" "$KEYS"
		i=$((i + 1))
	done
done
finish
