#!/bin/sh
# auditui.sh -- the security auditor's search, export and archive of the
# audit trail in a real terminal (tmux).  The workspace is made at a
# fixed time (ESEAL_FAKE_TIME, a test build's switch) and eseal runs 200
# days later, so the first entries are past the 180-day retention
# period.  The security administrator is not offered the auditor's
# screens; the auditor searches by user and outcome and finds the one
# refused login, opens it with its link, exports it to a registered
# medium (a directory in test mode) where esealctl checks its signature,
# then archives the old entries, which leaves a trail that verifies.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

T0=1767225600			# 2026-01-01 00:00 UTC
T1=$((T0 + 200 * 86400))
PW=Desk-Work-2026
SEC2=Sec-admin-2027
AUD2=Aud-itor-2027
STICK="$T/stick"
export ESEAL_FAKE_TIME=$T0 ESEAL_TEST_MEDIA_DIRS=1

ws_init
ws_admin_passwords
ws_user liu '刘洋' drafter "$PW"
as liu Wrong-Pass-2026 audit verify >/dev/null 2>&1
expect_eq "a wrong password is refused" 3 $?
mkdir "$STICK"
as secadmin "$SEC" media register "$STICK" --label "审计U盘" >/dev/null 2>&1
expect_eq "the security administrator registers the medium" 0 $?

# 200 days on: the administrators' passwords have expired; new ones.
export ESEAL_FAKE_TIME=$T1
first_passwd secadmin "$SEC" "$SEC2" >/dev/null 2>&1
first_passwd auditor "$AUD" "$AUD2" >/dev/null 2>&1

# -- Not the security administrator's -----------------------------------------
eseal_start 120 40 C.UTF-8 ESEAL_FAKE_TIME=$T1 ESEAL_TEST_MEDIA_DIRS=1
tmux_wait "User name"
ui_login secadmin "$SEC2"
tmux_wait "eseal: home of"
expect_screen "the security administrator's home is up" "Password and session policy"
expect_absent "it offers no search of the trail" "Search the audit trail"
expect_absent "nor its archive" "Archive the audit trail"
tmux_keys F10
tmux_wait_exit
tmux_stop

# -- The auditor's search -------------------------------------------------------
eseal_start 120 40 C.UTF-8 ESEAL_FAKE_TIME=$T1 ESEAL_TEST_MEDIA_DIRS=1
tmux_wait "User name"
ui_login auditor "$AUD2"
tmux_wait "eseal: home of"
expect_screen "the auditor's home offers the search" "Search the audit trail"
expect_screen "and the archive" "Archive the audit trail"
tmux_keys /
tmux_type "Search the audit trail"
tmux_keys Enter Enter
tmux_wait "F2 searches"
expect_screen "the form asks for the action" "any"
# From, To, User (liu), Action, Object or detail, Outcome (refused).
tmux_keys Tab Tab
tmux_type liu
tmux_keys Tab Tab Tab Right Right
expect_screen "the outcome is set to refused" "refused"
tmux_keys F2
tmux_wait "entry found"
expect_screen "the title counts what was found" "Audit search: 1 entry found (liu refused)"
expect_screen "the refused login is listed" "wrong password (1 of 5)"
expect_screen "the bottom line offers the export" "Export"
tmux_keys Enter
tmux_wait "Audit entry"
expect_screen "the entry shows its user" "User: liu (id 4)"
expect_screen "and its action by name" "ACT_LOGIN_FAILED"
expect_screen "and its link" "Link (SM3 of entry"
expect_screen "and that it carries no signature" "Signature: none (not a checkpoint)"
tmux_keys Enter
tmux_wait_gone "Signature: none"

# -- Export of what was found ---------------------------------------------------
tmux_keys x
tmux_wait "Export the audit entries"
expect_screen "the registered medium is offered" "审计U盘"
tmux_keys F2
tmux_wait "will be written to the medium"
tmux_keys y
tmux_wait "1 entry exported to $STICK/eseal-audit-"
FILE=$(ls "$STICK"/eseal-audit-2*.txt 2>/dev/null | head -n 1)
if [ -n "$FILE" ] && grep -q "wrong password (1 of 5)" "$FILE"; then
	ok "the export file holds the entry found"
else
	not_ok "no export file with the entry in $STICK"
fi
expect_eq "the file is the entry and its signature line" 2 "$(wc -l <"$FILE" | tr -d ' ')"
as auditor "$AUD2" audit check "$FILE" >"$T/out" 2>&1
expect_eq "esealctl checks the exported file" 0 $?
expect_grep "its signature is good" "signature good" "$T/out"

# -- Archive --------------------------------------------------------------------
tmux_keys Escape
tmux_wait "F2 searches"
tmux_keys Escape
tmux_wait_gone "F2 searches"
tmux_wait "Recent audit entries"
# The search prompt starts with the last text searched: erase it.
tmux_keys /
tmux_wait "Find the lines containing"
i=0
while [ $i -lt 22 ]; do
	tmux_keys BSpace
	i=$((i + 1))
done
tmux_type "Archive the audit trail"
tmux_keys Enter Enter
tmux_wait "older than the retention period (180 days)"
expect_screen "the archive offers the registered medium" "审计U盘"
tmux_keys F2
tmux_wait "DELETED"
tmux_keys y
tmux_wait "archived to $STICK/eseal-audit-archive-"
ARCH=$(ls "$STICK"/eseal-audit-archive-*.txt 2>/dev/null | head -n 1)
as auditor "$AUD2" audit check "$ARCH" >"$T/out" 2>&1
expect_eq "the archive file checks" 0 $?
as auditor "$AUD2" audit verify >"$T/out" 2>&1
expect_eq "the trail kept verifies" 0 $?
expect_grep "from the signed archive record" "archived; the chain kept starts from the signed archive record" "$T/out"
as auditor "$AUD2" audit list --by liu --outcome refused >"$T/out" 2>&1
expect_eq "the archived entry is gone from the trail" 0 "$(wc -l <"$T/out" | tr -d ' ')"

tmux_keys F10
tmux_wait_exit
tmux_stop

# -- In Chinese, the archive's record reads in Chinese ---------------------------
if ws_chinese; then
	eseal_start 160 40 zh_CN.UTF-8 ESEAL_FAKE_TIME=$T1 \
	    ESEAL_TEST_MEDIA_DIRS=1
	tmux_wait "用户名"
	ui_login auditor "$AUD2"
	tmux_wait "主页"
	tmux_keys /
	tmux_type "近期审计条目"
	tmux_keys Enter Enter
	tmux_wait "sm3:"
	expect_screen "zh_CN: the archive's record is worded in Chinese" \
	    "条已归档到介质"
	expect_absent "zh_CN: no English archive wording is left" \
	    "archive of entries"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi
finish
