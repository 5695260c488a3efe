# report_ws.sh -- sourced by report.sh and media.sh after sh.sh: an
# office with a month of work done through esealctl in January 2026
# (China Standard Time): one document sealed with SEAL-001 and printed,
# one rejected by the clerk; then the clock stands on 1 February 09:30,
# when the clerk makes January's reports.
#
# Defines: H (the workspace), ctl, as USER ARGS..., field KEY FILE,
# PW, and the accounts drafter chief clerk printer office, secadmin,
# auditor.  Sources tests/lib/ws.sh.

H="$T/ws"
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
export TZ=CST-8 ESEAL_TEST_KDF=1
ESEAL_FAKE_TIME=1768010400		# 2026-01-10 10:00
export ESEAL_FAKE_TIME
ctl() { LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | ctl --user "$as_user" --password-fd 0 "$@"
}
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
. "$abs_top_srcdir/tests/lib/ws.sh"

ws_office "示例市司法局" "$PW" "$PW" "$PW"
as sysadmin dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_print_office "办公室" "$PW"
ws_seal "示例市司法局公文专用章" "示例市司法局" >/dev/null 2>&1
as sysadmin printer add colour --folder "$T/colour" --colour >/dev/null 2>&1
mkdir -p "$T/colour"

# A request, sealed and printed; a second one rejected by the clerk.
cat >"$T/request.txt" <<'EOF'
kind: litigation-composed
title: 关于申请配置彩色激光打印机的请示
recipients: 示例市司法局
copies: 2
issuing-body: 示例市司法局办公室

局领导：
拟为文印室配置彩色激光打印机一台。
妥否，请批示。
EOF
walk() {	# walk FILE: new, submit, approve, send; prints the id
	as drafter doc new --import "$1" >"$T/out" 2>&1
	walk_id=$(field id "$T/out")
	as drafter doc submit "$walk_id" >/dev/null 2>&1
	as chief doc approve "$walk_id" >/dev/null 2>&1
	as drafter doc send "$walk_id" >/dev/null 2>&1
	echo "$walk_id"
}
D1=$(walk "$T/request.txt")
printf '%s\n%s\n' "$PW" "$KEYPW" | ctl --user clerk --password-fd 0 \
    doc seal "$D1" --seal SEAL-001 --copies 2 >/dev/null 2>&1
as printer print "$D1" --printer colour >/dev/null 2>&1
D2=$(walk "$T/request.txt")
as clerk doc reject "$D2" --reason "格式不符, 请重拟" >/dev/null 2>&1

ESEAL_FAKE_TIME=1769909400		# 2026-02-01 09:30
