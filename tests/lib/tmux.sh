# tmux.sh -- sourced by the terminal tests, after sh.sh: run a program in
# a private tmux server and read its screen back as text.
#
#   tmux_start COLS LINES CMD...  run CMD in a new detached session
#   tmux_keys KEY...              press keys, by tmux's names (Enter, F10,
#                                 BSpace, Left, Escape, BTab ...)
#   tmux_type TEXT                type TEXT as it is (Chinese included:
#                                 it arrives as UTF-8, like from an IME)
#   tmux_wait TEXT [SECONDS]      until TEXT (a fixed string) is on the
#                                 screen; fails after SECONDS (default 10)
#   tmux_wait_gone TEXT [SECONDS] until TEXT is no longer on the screen
#   tmux_wait_line N TEXT         until line N (from 1) contains TEXT
#   tmux_wait_cursor X Y          until the cursor is at column X, row Y
#   tmux_wait_exit [SECONDS]      until the program has exited
#   tmux_capture                  print the screen
#   tmux_cursor                   print the cursor's "COLUMN ROW" (from 0)
#   tmux_resize COLS LINES        resize the window
#   tmux_status                   print the exit status once it exited
#   tmux_stop                     end the server (also done at exit)
#
# Every server has its own socket and no configuration file, so a test
# never touches the tmux of whoever runs it.  Waiting polls the screen;
# nothing sleeps longer than one poll.

TMUX_SOCKET=
TMUX_STARTS=0
TMUX_POLL=0.05
unset TMUX
export TERM=xterm-256color

_tmux() {
	tmux -u -L "$TMUX_SOCKET" -f /dev/null "$@"
}

# tmux_start COLS LINES CMD...
tmux_start() {
	_c=$1 _l=$2
	shift 2
	# A new socket each time: a server being killed may still hold
	# the old one for a moment.
	TMUX_STARTS=$((TMUX_STARTS + 1))
	TMUX_SOCKET="eseal-test-$$-$TMUX_STARTS"
	# The pane stays after the program exits, so its exit status and
	# last screen can be read.
	TMUX_EXIT="$T/tmux-exit-$TMUX_STARTS"
	_tmux start-server \; set-option -g remain-on-exit on \; \
		set-option -g default-terminal "${TMUX_TERM:-screen}" \; \
		new-session -d -s t -x "$_c" -y "$_l" \
		sh -c '"$@"; echo $? >"$0"' "$TMUX_EXIT" "$@"
	trap 'tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
}

tmux_keys() {
	_tmux send-keys -t t "$@"
}

# "--": typed text may start with "-" (a random initial password does,
# now and then), which tmux would otherwise take for an option.
tmux_type() {
	_tmux send-keys -t t -l -- "$1"
}

tmux_capture() {
	_tmux capture-pane -p -t t 2>/dev/null
}

tmux_cursor() {
	_tmux display-message -p -t t '#{cursor_x} #{cursor_y}' 2>/dev/null
}

tmux_resize() {
	_tmux resize-window -t t -x "$1" -y "$2"
}

# The exit status, written by the shell that ran the program (tmux's own
# pane_dead_status is not always filled in).
tmux_status() {
	_tmux_until '[ -s "$TMUX_EXIT" ]' 10
	cat "$TMUX_EXIT" 2>/dev/null
}

# _tmux_until CONDITION SECONDS: poll CONDITION (a shell command) until
# it holds, the time is up, the server is gone, or the program has exited
# (its last screen no longer changes, so one more look is enough: a
# crashed program fails the rest of a test at once instead of timing out
# step by step).
_tmux_until() {
	_end=$(( $(date +%s) + $2 ))
	while ! eval "$1"; do
		[ "$(date +%s)" -le "$_end" ] || return 1
		_tmux has-session -t t 2>/dev/null || return 1
		if [ -s "$TMUX_EXIT" ]; then
			eval "$1"
			return
		fi
		sleep "$TMUX_POLL"
	done
}

tmux_wait() {
	_want=$1
	_tmux_until 'tmux_capture | grep -qF -- "$_want"' "${2:-10}"
}

tmux_wait_gone() {
	_want=$1
	_tmux_until '! tmux_capture | grep -qF -- "$_want"' "${2:-10}"
}

tmux_wait_line() {
	_line=$1 _want=$2
	_tmux_until 'tmux_capture | sed -n "${_line}p" | grep -qF -- "$_want"' \
		"${3:-10}"
}

tmux_wait_cursor() {
	_want="$1 $2"
	_tmux_until '[ "$(tmux_cursor)" = "$_want" ]' "${3:-10}"
}

tmux_wait_exit() {
	_tmux_until '[ -s "$TMUX_EXIT" ]' "${1:-10}"
}

tmux_stop() {
	[ -n "$TMUX_SOCKET" ] || return 0
	_tmux kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCKET"
}

# expect_screen WHAT TEXT: TEXT shows up (waiting for it), or the test
# fails with the screen as it was.
expect_screen() {
	if tmux_wait "$2"; then
		ok "$1"
	else
		not_ok "$1: no '$2' on the screen:"
		tmux_capture | sed 's/^/    |/'
	fi
}

# expect_cursor WHAT X Y: the cursor gets to column X, row Y.
expect_cursor() {
	if tmux_wait_cursor "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1: the cursor is at $(tmux_cursor), not at $2 $3"
	fi
}

# expect_line WHAT N TEXT: line N of the screen comes to contain TEXT.
expect_line() {
	if tmux_wait_line "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1: line $2 has no '$3':"
		tmux_capture | sed 's/^/    |/'
	fi
}

# expect_no_screen WHAT TEXT: TEXT is gone (waiting for that).
expect_no_screen() {
	if tmux_wait_gone "$2"; then
		ok "$1"
	else
		not_ok "$1: '$2' is still on the screen:"
		tmux_capture | sed 's/^/    |/'
	fi
}
