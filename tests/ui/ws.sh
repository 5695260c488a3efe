# ws.sh -- sourced by the terminal tests, after sh.sh and tmux.sh: a
# workspace made by the test with esealctl, accounts with known
# passwords, the message catalogue built from po/zh_CN.po, and eseal
# started on that workspace.
#
#   ws_init                    the workspace; the administrators' initial
#                              passwords in SYS0 SEC0 AUD0
#   ws_admin_passwords         change them to SYS SEC AUD (esealctl)
#   ws_user LOGIN FULL ROLES PASSWORD
#                              an account with roles and its own password
#   ws_chinese                 true when zh_CN.UTF-8 is installed
#   eseal_start COLS LINES LANG [VAR=VALUE...]
#                              eseal on the workspace, in tmux
#   ui_login NAME PASSWORD     type both and Enter
#   ui_forced OLD NEW          fill the forced password change and say yes
#   line_after TEXT            the screen line under the first one holding
#                              TEXT (where a field's message goes)

H="$T/ws"
SYS=Sys-admin-2026
SEC=Sec-admin-2026
AUD=Aud-itor-2026

ctl() { LC_ALL=C "$ESEALCTL" --home "$H" "$@"; }

# as USER PASSWORD ARGS...: esealctl as USER, the password on stdin.
as() {
	_as_user=$1 _as_pw=$2
	shift 2
	printf '%s\n' "$_as_pw" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$_as_user" --password-fd 0 "$@"
}

first_passwd() {
	printf '%s\n%s\n' "$2" "$3" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$1" --password-fd 0 passwd
}

ws_init() {
	if ! ctl init --bureau "示例市司法局" >"$T/init" 2>"$T/init.err"; then
		not_ok "esealctl init makes the test's workspace"
		sed 's/^/    /' "$T/init.err"
		finish
		exit 1
	fi
	SYS0=$(awk '$1 == "account:" && $2 == "sysadmin" { print $4 }' "$T/init")
	SEC0=$(awk '$1 == "account:" && $2 == "secadmin" { print $4 }' "$T/init")
	AUD0=$(awk '$1 == "account:" && $2 == "auditor" { print $4 }' "$T/init")
}

ws_admin_passwords() {
	first_passwd sysadmin "$SYS0" "$SYS" >/dev/null 2>&1
	first_passwd secadmin "$SEC0" "$SEC" >/dev/null 2>&1
	first_passwd auditor "$AUD0" "$AUD" >/dev/null 2>&1
}

ws_user() {
	_pw0=$(as sysadmin "$SYS" user add "$1" --full-name "$2" | awk '{ print $2 }')
	as secadmin "$SEC" user roles "$1" "$3" >/dev/null 2>&1
	first_passwd "$1" "$_pw0" "$4" >/dev/null 2>&1
}

# The office a verification test starts from: the department, its
# drafter liu, approver zhang (leader 1, issuing the kinds $1), clerk
# wang and director zhou, passwords $PW, and the seal SEAL-001 (key
# password $KEYPW, made with the seal add options after $1) in wang's
# custody.
ws_seal_office() {
	_kinds=$1
	shift
	as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
	ws_user liu '刘洋' drafter "$PW"
	ws_user zhang '张科长' approver "$PW"
	ws_user wang '王文书' clerk "$PW"
	ws_user zhou '周主任' office-director "$PW"
	as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1
	as secadmin "$SEC" user roles zhang approver --leader 1 \
	    --issuing "$_kinds" --dept "办公室" >/dev/null 2>&1
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" \
	    --home "$H" --user zhou --password-fd 0 seal add SEAL-001 \
	    --name "示例市司法局公文专用章" --body "示例市司法局" \
	    --custodian wang "$@" >/dev/null 2>&1
}

# The catalogue goes where ESEAL_LOCALEDIR (a test build's switch)
# points eseal, since an uninstalled eseal finds none of its own.
mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/eseal.mo" \
    "$abs_top_srcdir/po/zh_CN.po" 2>/dev/null ||
	cp "$abs_top_srcdir/po/zh_CN.gmo" \
	    "$T/locale/zh_CN/LC_MESSAGES/eseal.mo" 2>/dev/null

ws_chinese() {
	locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'
}

eseal_start() {
	_cols=$1 _lines=$2 _lang=$3
	shift 3
	tmux_start "$_cols" "$_lines" env LC_ALL="$_lang" LANGUAGE= \
		ESEAL_LOCALEDIR="$T/locale" ESEAL_FORMS_DIR="$abs_top_srcdir/forms" \
		"$@" "$ESEAL" --home "$H"
}

ui_login() {
	tmux_type "$1"
	tmux_keys Enter
	tmux_type "$2"
	tmux_keys Enter
}

ui_forced() {
	tmux_type "$1"
	tmux_keys Tab
	tmux_type "$2"
	tmux_keys Tab
	tmux_type "$2"
	tmux_keys Enter
	tmux_wait "]   [" && tmux_keys y
}

line_after() {
	tmux_capture | awk -v want="$1" 'found { print; exit } index($0, want) { found = 1 }'
}

# expect_absent WHAT TEXT: TEXT is not on the screen now.
expect_absent() {
	if tmux_capture | grep -qF -- "$2"; then
		not_ok "$1: '$2' is on the screen:"
		tmux_capture | sed 's/^/    |/'
	else
		ok "$1"
	fi
}
