#!/bin/sh
# custody.sh -- proxy custody of a seal (Art. 6) by keyboard on the seal
# register, in a real terminal (tmux): the custodian asks for a proxy,
# each wrong input refused next to it with what to do; an office
# director who would be the proxy may not decide, another denies with a
# reason; a second request is approved; custodian and proxy hand the
# seal over in one dialog (a wrong key password, a wrong proxy password
# and two different new key passwords refused); the custodian may not
# seal during the period and the proxy seals by keyboard with the key
# password they chose; the early return; and a custody approved but
# never handed over ends with its period, leaving room for a new one
# (in Chinese where zh_CN.UTF-8 is installed).  Every step is checked
# in esealctl's custody list, seal show and the audit trail, and the
# keys are offered only to the roles that may use them.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

E=C.UTF-8
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
PXPW=Proxy-Key-2026!
TITLE='关于代管期间用印的请示'
export TZ=CST-8 ESEAL_TEST_KDF=1
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

# at "YYYY-MM-DD HH:MM": the clock of everything that follows.
at() {
	ESEAL_FAKE_TIME=$(date -d "$1 +0800" +%s)
	export ESEAL_FAKE_TIME
}

at "2026-01-10 09:00"
ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
ws_user zhang '张科长' approver "$PW"
ws_user zhao '赵文书' clerk "$PW"
ws_user qian '钱文书' clerk "$PW"
ws_user zhou '周主任' office-director "$PW"
ws_user wu '吴主任' clerk,office-director "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1
as secadmin "$SEC" user roles zhang approver --leader 1 \
    --issuing litigation-table,litigation-fill-in,litigation-composed \
    --dept "办公室" >/dev/null 2>&1
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | ctl --user zhou \
    --password-fd 0 seal add SEAL-001 --name "示例市司法局公文专用章" \
    --body "示例市司法局" --custodian zhao >"$T/out" 2>&1
expect_grep "the office makes a seal, 赵文书 its custodian" "^seal: SEAL-001" \
    "$T/out"
cat >"$T/request.txt" <<EOT
kind: litigation-composed
title: $TITLE
recipients: 示例市司法局
copies: 1
issuing-body: 示例市司法局办公室

局领导：
赵文书出差期间，印章由钱文书代管。
妥否，请批示。
EOT
as liu "$PW" doc new --import "$T/request.txt" >"$T/out" 2>&1
D=$(field id "$T/out")
as liu "$PW" doc submit "$D" >/dev/null 2>&1
as zhang "$PW" doc approve "$D" >/dev/null 2>&1
as liu "$PW" doc send "$D" >"$T/out" 2>&1
expect_eq "a document waits for the seal" to-seal "$(field state "$T/out")"

# custody_state N: the state esealctl lists for the seal's Nth proxy
# custody (the seal's first custody record is its custodian's own).
custody_state() {
	as zhao "$PW" seal custody list SEAL-001 2>/dev/null |
	    awk -F'\t' -v n="$1" '$2 == "proxy" && ++i == n { print $3 }'
}
# custody_id N: its id.
custody_id() {
	as zhao "$PW" seal custody list SEAL-001 2>/dev/null |
	    awk -F'\t' -v n="$1" '$2 == "proxy" && ++i == n { print $1 }'
}

# home USER [zh]: eseal started afresh for USER (in Chinese with zh),
# at the home screen.
home() {
	if [ "${2:-}" = zh ]; then
		set -- "$1" zh_CN.UTF-8 "用户名" "的主页"
	else
		set -- "$1" "$E" "User name" "eseal: home of"
	fi
	tmux_stop
	eseal_start 100 30 "$2"
	tmux_wait "$3"
	ui_login "$1" "$PW"
	tmux_wait "$4"
}
# entry TEXT: the home screen's line TEXT opened (by its row: the menu
# is short).
entry() {
	_row=$(tmux_capture | awk -v want="$1" 'NR > 1 && index($0, want) {
	    print NR - 2; exit }')
	tmux_keys g
	while [ "${_row:-0}" -gt 0 ]; do
		tmux_keys Down
		_row=$((_row - 1))
	done
	tmux_keys Enter
}
# login USER [zh]: at the seal register.
login() {
	home "$@"
	if [ "${2:-}" = zh ]; then
		entry "印章登记簿"
	else
		entry "Seal register"
	fi
	tmux_wait "SEAL-001"
}
# quit: F10; an exit status other than 0 (a crash, or a sanitizer's
# report in a sanitizer build) is noted in BAD_EXITS.
BAD_EXITS=
quit() {
	tmux_keys F10
	tmux_wait_exit
	_st=$(tmux_status)
	[ "$_st" = 0 ] || BAD_EXITS="$BAD_EXITS $_st"
	tmux_stop
}
# confirm: yes to the confirmation that comes up.
confirm() {
	tmux_wait "]   [" && tmux_keys y
}
# erase N: N Backspaces.
erase() {
	_n=$1
	while [ "$_n" -gt 0 ]; do
		tmux_keys BSpace
		_n=$((_n - 1))
	done
}
# help_has WHAT TEXT / help_lacks WHAT TEXT: the help screen (every key
# the screen offers this user) lists TEXT, or does not.
help_check() {
	tmux_keys '?'
	tmux_wait "Show every key of this screen"
	if tmux_capture | grep -qF -- "$3"; then _h=yes; else _h=no; fi
	tmux_keys Escape
	tmux_wait_gone "Show every key of this screen"
	expect_eq "$2" "$1" "$_h"
}

# -- The custodian asks, each mistake refused next to it ----------------------
login zhao
expect_screen "the register says whose the seal is" "in your custody"
help_check yes "the custodian is offered the request" "Ask for a proxy"
help_check no "but not the director's decision" "Approve proxy"
tmux_keys h
expect_screen "no handover before a request is approved" \
    "No approved proxy custody of this seal waits for its handover"
tmux_keys p
expect_screen "p asks for a proxy" "Ask for a proxy"
tmux_type nobody
tmux_keys Tab
tmux_type "下周一"
tmux_keys Tab
tmux_type "2026-01-05"
tmux_keys F2
expect_screen "a time that is no time is refused" "Type a time as"
erase 3
tmux_type "2026-01-12 09:00"
tmux_keys F2
expect_screen "a period ending before it begins is refused" \
    "The period must end after it begins"
expect_absent "before the last question is asked" \
    "The office director decides"
erase 10
tmux_type "2026-01-15 18:00"
tmux_keys F2
confirm
expect_screen "a request without a reason is refused" \
    "Say why the seal needs a proxy"
tmux_type "出差"
tmux_keys F2
confirm
expect_screen "an unknown proxy is refused" \
    "No account has this login name"
erase 6
tmux_type zhao
tmux_keys F2
confirm
expect_screen "the custodian cannot be the proxy" \
    "not the seal's custodian"
erase 4
tmux_type wu
tmux_keys F2
confirm
expect_screen "the request is made" \
    "waits for the office director's decision"
expect_screen "the register shows it waiting" "proxy asked"
quit
expect_eq "esealctl lists the request" requested "$(custody_state 1)"

# -- The directors decide -----------------------------------------------------
login wu
expect_screen "the office director is told a request waits" \
    "1 proxy custody waits for your decision"
tmux_keys y
confirm
expect_screen "a director who would be the proxy may not decide" \
    "another office director decides"
quit
expect_eq "the request still waits" requested "$(custody_state 1)"

login zhou
expect_screen "the register shows the request to the director" "proxy asked"
help_check yes "the director is offered the decision" "Deny proxy"
help_check no "but not the handover" "Hand over"
tmux_keys Enter
expect_screen "the seal's entry shows the request" \
    "Proxy custody 2026-01-12 09:00 to 2026-01-15 18:00: asked"
tmux_keys Escape
tmux_wait_gone "Proxy custody 2026-01-12"
tmux_keys D
expect_screen "denying asks for a reason" "Deny a proxy custody"
expect_screen "the denial names the proxy" "Proxy wu would hold the seal SEAL-001"
expect_screen "and the reason given" "Reason given: 出差"
tmux_keys Enter
expect_screen "an empty reason is asked for next to it" \
    "A denial needs a reason"
expect_screen "and the dialog stays open" "Deny a proxy custody"
tmux_type "吴主任另有安排"
tmux_keys Enter
confirm
expect_screen "the director denies" "The proxy custody is denied."
expect_no_screen "the register no longer shows it waiting" "proxy asked"
quit
expect_eq "esealctl lists it denied" denied "$(custody_state 1)"
as auditor "$AUD" audit list >"$T/audit" 2>&1
expect_grep "the denial and its reason are in the audit trail" \
    "custody $(custody_id 1) denied: 吴主任另有安排" "$T/audit"

login zhao
tmux_keys p
tmux_wait "Ask for a proxy"
tmux_type qian
tmux_keys Tab
tmux_type "2026-01-12 09:00"
tmux_keys Tab
tmux_type "2026-01-15 18:00"
tmux_keys Tab
tmux_type "出差"
tmux_keys F2
confirm
expect_screen "the second request is made" \
    "waits for the office director's decision"
quit
login zhou
tmux_keys y
expect_screen "approving says what comes next" \
    "Custodian and proxy"
expect_screen "approving names the proxy" \
    "Proxy qian would hold the seal SEAL-001"
expect_screen "and the reason given" "Reason given: 出差"
tmux_keys y
expect_screen "the director approves" "The proxy custody is approved"
expect_screen "the register shows it" "proxy approved"
quit
expect_eq "esealctl lists it approved" approved "$(custody_state 2)"

# -- The handover, both present ----------------------------------------------
at "2026-01-12 10:00"
login zhao
tmux_keys h
expect_screen "h opens the handover" "Hand the seal over"
expect_screen "with the approved period" "approved."
tmux_type Wrong-Key-2026!
tmux_keys Tab
tmux_type qian
tmux_keys Tab
tmux_type "$PW"
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys Tab
tmux_type "${PXPW}x"
tmux_keys F2
expect_screen "two different new key passwords are refused" \
    "The two new key passwords differ"
expect_absent "no password is shown" "$PXPW"
tmux_type "$PXPW"
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys F2
confirm
expect_screen "a wrong key password is refused next to it" \
    "That is not the seal's key password"
tmux_type "$KEYPW"
tmux_keys Tab Tab
tmux_type Wrong-Pass-2026
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys F2
confirm
expect_screen "a wrong proxy password is refused" \
    "The proxy's login name or password is wrong"
tmux_keys BTab BTab
tmux_type "$KEYPW"
tmux_keys Tab Tab
tmux_type "$PW"
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys Tab
tmux_type "$PXPW"
tmux_keys F2
expect_screen "the handover says what will happen" "Only the proxy can use it"
tmux_keys y
expect_screen "the seal is handed over" "The seal is handed over"
expect_screen "the register shows it with the proxy" "with a proxy"
quit
expect_eq "esealctl lists the custody active" active "$(custody_state 2)"
as zhao "$PW" seal show SEAL-001 >"$T/show" 2>&1
expect_grep "seal show has the handover" "handed over to qian" "$T/show"

# -- During the period ---------------------------------------------------------
printf '%s\n%s\n' "$PW" "$KEYPW" | ctl --user zhao --password-fd 0 \
    doc seal "$D" --seal SEAL-001 --copies 1 >"$T/out" 2>&1
[ $? -ne 0 ] && ok "the custodian may not seal while the proxy holds it" ||
    not_ok "the custodian sealed while the proxy held the seal"
expect_grep "saying the seal is with the proxy" "is with its proxy" "$T/out"
expect_grep "naming the proxy and the end of the custody" \
    "with its proxy 钱文书 (qian) until 2026-01-15 18:00" "$T/out"
printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=zh_CN.UTF-8 LANGUAGE= \
    ESEAL_LOCALEDIR="$T/locale" "$ESEALCTL" --home "$H" --user zhao \
    --password-fd 0 doc seal "$D" --seal SEAL-001 --copies 1 >"$T/out" 2>&1
if ws_chinese; then
	expect_grep "zh_CN: naming the proxy and the end, in Chinese" \
	    "由代管人钱文书（qian）保管，至2026-01-15 18:00止" "$T/out"
fi
# The sealing dialog says the same next to the seal, in both languages.
for _ui in en zh; do
	[ $_ui = zh ] && ! ws_chinese && continue
	home zhao $_ui
	if [ $_ui = zh ]; then entry "待签章"; else entry "To seal"; fi
	tmux_wait "$TITLE"
	tmux_keys Enter
	tmux_wait "$TITLE"
	tmux_keys x
	tmux_wait "SEAL-001"
	tmux_keys Tab Tab
	tmux_type "$KEYPW"
	tmux_keys Enter
	confirm
	if [ $_ui = zh ]; then
		expect_screen "zh_CN: the sealing dialog names the proxy" \
		    "由代管人钱文书（qian）保管"
		expect_screen "zh_CN: and the end of the custody" \
		    "至2026-01-15"
	else
		expect_screen "the sealing dialog names the proxy" \
		    "with its proxy 钱文书 (qian)"
		expect_screen "and the end of the custody" \
		    "until 2026-01-15 18:00"
	fi
	quit
done
login qian
expect_screen "the proxy sees the seal as theirs" "yours as proxy"
home qian
entry "To seal"
tmux_wait "$TITLE"
tmux_keys Enter
tmux_wait "State:"
tmux_keys x
expect_screen "the proxy is offered the seal" "SEAL-001"
tmux_keys Tab Tab
tmux_type "$PXPW"
tmux_keys Enter
confirm
expect_screen "the proxy seals with the key password chosen" \
    "State: sealed" 30
quit

# -- The early return ----------------------------------------------------------
at "2026-01-13 17:00"
login zhao
help_check yes "the custodian is offered the return" "Take back seal"
tmux_keys r
expect_screen "r opens the return" "Take the seal back"
tmux_type qian
tmux_keys Tab
tmux_type Wrong-Pass-2026
tmux_keys F2
confirm
expect_screen "a wrong proxy password is refused" \
    "The proxy's login name or password is wrong"
tmux_type "$PW"
tmux_keys F2
confirm
expect_screen "the seal is taken back" "The seal is taken back"
expect_screen "and is the custodian's again" "in your custody"
quit
expect_eq "esealctl lists the custody returned" returned "$(custody_state 2)"
as zhao "$PW" seal show SEAL-001 >"$T/show" 2>&1
expect_grep "seal show has the return" "returned by qian" "$T/show"
as auditor "$AUD" audit list >"$T/audit" 2>&1
expect_eq "both people confirmed the handover and the return" 4 \
    "$(grep -c "custody $(custody_id 2) approved by zhou" "$T/audit")"
as liu "$PW" doc new --import "$T/request.txt" >"$T/out" 2>&1
D2=$(field id "$T/out")
as liu "$PW" doc submit "$D2" >/dev/null 2>&1
as zhang "$PW" doc approve "$D2" >/dev/null 2>&1
as liu "$PW" doc send "$D2" >/dev/null 2>&1
printf '%s\n%s\n' "$PW" "$PXPW" | ctl --user qian --password-fd 0 \
    doc seal "$D2" --seal SEAL-001 --copies 1 >"$T/out" 2>&1
expect_grep "after the return the proxy may no longer seal" \
    "taken back before the end of the proxy custody" "$T/out"
printf '%s\n%s\n' "$PW" Wrong-Key-2026 | ctl --user zhao --password-fd 0 \
    doc seal "$D2" --seal SEAL-001 --copies 1 >"$T/out" 2>&1
expect_grep "a wrong key password is named as the key password" \
    "not the seal's key password" "$T/out"

# -- A custody never handed over ends with its period ------------------------
as zhao "$PW" seal custody request SEAL-001 --proxy qian \
    --from "2026-01-14 09:00" --until "2026-01-14 18:00" --reason "开会" \
    >/dev/null 2>&1
as zhou "$PW" seal custody approve "$(custody_id 3)" >/dev/null 2>&1
at "2026-01-15 09:00"
if ws_chinese; then UI=zh; else UI=en; fi
login zhao "$UI"
tmux_keys h
if [ "$UI" = zh ]; then
	expect_screen "after its period it is not handed over, in Chinese" \
	    "此印章没有已批准、待交接的代管"
	expect_screen "saying what to do" "先由保管人申请"
else
	expect_screen "after its period it can no longer be handed over" \
	    "No approved proxy custody of this seal waits for its handover"
	ok "zh_CN.UTF-8 is not installed: the English screens stand for it"
fi
tmux_keys Enter
if [ "$UI" = zh ]; then
	expect_screen "the seal's entry says so" "期限已过，未交接"
else
	expect_screen "the seal's entry says so" \
	    "period over, never handed over"
fi
tmux_keys Escape
tmux_keys p
if [ "$UI" = zh ]; then
	tmux_wait "代管人（登录名）"
else
	tmux_wait "Proxy (login name)"
fi
tmux_type qian
tmux_keys Tab
tmux_type "2026-01-16"
tmux_keys Tab
tmux_type "2026-01-17"
tmux_keys Tab
tmux_type "开会"
tmux_keys F2
confirm
if [ "$UI" = zh ]; then
	expect_screen "and a new proxy may be asked for" "代管申请已提出"
else
	expect_screen "and a new proxy may be asked for" \
	    "waits for the office director's decision"
fi
quit
expect_eq "nothing was handed over in the lapsed one" approved \
    "$(custody_state 3)"
expect_eq "the new request waits" requested "$(custody_state 4)"

# -- The seal's history in the reader's words -----------------------------------
# Stored in English, with status names for refusals; shown translated.
printf '%s\n' "$PW" | LC_ALL=zh_CN.UTF-8 LANGUAGE= ESEAL_LOCALEDIR="$T/locale" \
    "$ESEALCTL" --home "$H" --user zhao --password-fd 0 seal show SEAL-001 \
    >"$T/show" 2>&1
grep '^history:' "$T/show" >"$T/history"
if [ "$UI" = zh ]; then
	expect_grep "zh_CN: the handover in the history, in Chinese" \
	    "印章 SEAL-001 已交由 qian 代管" "$T/history"
	expect_grep "zh_CN: a refused request, in Chinese" \
	    "申请印章 SEAL-001 由 zhao 代管" "$T/history"
	expect_eq "zh_CN: no status name in the history" 0 \
	    "$(grep -c 'STATUS_' "$T/history")"
	expect_eq "zh_CN: no stored English in the history" 0 \
	    "$(grep -cE 'of seal|custody [0-9]|handed over|returned by| made, |took custody|approved|denied|grant ' "$T/history")"
else
	expect_grep "the history has the handover" "handed over to qian" \
	    "$T/history"
fi
expect_eq "every run of eseal ended with status 0" "" "$BAD_EXITS"
finish
