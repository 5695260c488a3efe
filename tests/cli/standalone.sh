#!/bin/sh
# standalone.sh -- standalone seals for the work stations (Art. 14)
# through esealctl, run for real: a clerk applies, the station's
# director and the office director approve (one approval is not
# enough), the custodian issues the package to a registered medium (a
# directory, in the test mode of test builds) and gets the one-time
# secret once, the clerk takes it back, and the register and the audit
# trail show it; a package altered on the medium is taken back all the
# same and reported with exit 7; one not returned in time is overdue.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/ws.sh"

H="$T/ws"
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
export TZ=CST-8 ESEAL_TEST_KDF=1 ESEAL_TEST_MEDIA_DIRS=1
ESEAL_FAKE_TIME=1768010400		# 2026-01-10 10:00
export ESEAL_FAKE_TIME
ctl() { LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | ctl --user "$as_user" --password-fd 0 "$@"
}
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
# issue ID: the custodian issues ID to the stick; the output in $T/out
issue() {
	printf '%s\n%s\n' "$PW" "$KEYPW" | ctl --user clerk --password-fd 0 \
	    standalone issue "$1" --medium "$STICK" >"$T/out" 2>&1
}
apply() {
	as clerk standalone apply SEAL-001 --person liu \
	    --station "示范街道工作站" --purpose "调解协议用印" \
	    --from 2026-01-11 --until "2026-01-15 18:00" --uses 3 \
	    >"$T/out" 2>&1
}

ws_office "示例市司法局" "$PW" "$PW" "$PW"
as sysadmin dept add "办公室" --prefix "示司办" >/dev/null 2>&1
as sysadmin dept add "示范街道工作站" --prefix "示街" --station >/dev/null 2>&1
ws_staff "办公室" clerk office
ws_staff "示范街道工作站" sun liu
as secadmin user roles clerk clerk >/dev/null 2>&1
as secadmin user roles office office-director >/dev/null 2>&1
as secadmin user roles sun station-director >/dev/null 2>&1
as secadmin user roles liu drafter >/dev/null 2>&1
ws_first "$PW" clerk office sun liu
ws_seal "示例市司法局公文专用章" "示例市司法局" >/dev/null 2>&1
STICK="$T/stick"
mkdir "$STICK"
as secadmin media register "$STICK" --label "工作站U盘" >/dev/null 2>&1
PKG="$STICK/eseal-standalone/package"

# -- Applying and approving --------------------------------------------------
ctl standalone >"$T/out" 2>&1
expect_eq "no command is a usage error" 2 $?
expect_grep "the usage names the commands" "issue ID --medium" "$T/out"
as liu standalone apply SEAL-001 --person liu --station "示范街道工作站" \
    --purpose x --from 2026-01-11 --until 2026-01-15 --uses 3 >"$T/out" 2>&1
expect_eq "only a clerk applies" 3 $?
# Each limit refused with its own reason.
refused() {	# refused WHAT EXPECTED-TEXT APPLY-OPTION...
	_what=$1 _text=$2
	shift 2
	as clerk standalone apply SEAL-001 --purpose x "$@" >"$T/out" 2>&1
	expect_eq "$_what is refused as bad usage" 2 $?
	expect_grep "saying so" "$_text" "$T/out"
}
refused "a count of 0" "allows from 1 to 999 uses" --person liu \
    --station "示范街道工作站" --from 2026-01-11 --until 2026-01-15 --uses 0
refused "a period ending before it begins" "must end after it begins" \
    --person liu --station "示范街道工作站" --from 2026-01-15 \
    --until 2026-01-11 --uses 3
refused "a person of another department" "enabled account of that work" \
    --person liu --station "办公室" --from 2026-01-11 --until 2026-01-15 \
    --uses 3
apply
expect_eq "the clerk applies" 0 $?
expect_grep "the application has an id" "^standalone: 1 applied$" "$T/out"
as sun standalone pending >"$T/out" 2>&1
expect_grep "the station's director sees it to decide" "^1	.*	pending	" "$T/out"
as office standalone approve 1 >"$T/out" 2>&1
expect_eq "the office director approves first" 0 $?
issue 1
expect_eq "one approval is not enough to issue" 5 $?
expect_grep "saying both are needed" "both the work station's director and the office director" "$T/out"
[ ! -e "$PKG" ] && ok "nothing is written to the medium" || not_ok "a package was written"
as sun standalone approve 1 >"$T/out" 2>&1
expect_eq "the station's director approves second" 0 $?

# -- Issue -------------------------------------------------------------------
printf '%s\n%s\n' "$PW" Wrong-Key-2026 | ctl --user clerk --password-fd 0 \
    standalone issue 1 --medium "$STICK" >"$T/out" 2>&1
[ $? -ne 0 ] && ok "a wrong key password issues nothing" ||
    not_ok "issued with a wrong key password"
expect_grep "it is named as the seal's key password, not the login's" \
    "not the seal's key password" "$T/out"
issue 1
expect_eq "the custodian issues it" 0 $?
SECRET=$(field secret "$T/out")
case $SECRET in
????-????-????-????) ok "the one-time secret is four groups of four" ;;
*) not_ok "the secret looks like '$SECRET'" ;;
esac
[ -s "$PKG" ] && ok "the package is on the medium" || not_ok "no package"
grep -q "$SECRET" "$PKG" && not_ok "the secret is in the package" || ok "the secret is not on the medium"
grep -rq "$SECRET" "$H" && not_ok "the secret is in the workspace" || ok "the secret is not in the workspace"
as clerk standalone list >"$T/out" 2>&1
expect_grep "the list shows it issued" "^1	.*	issued	.*	3	0$" "$T/out"

# -- Return ------------------------------------------------------------------
ESEAL_FAKE_TIME=1768183200		# 2026-01-12 10:00
as clerk standalone return 1 --medium "$STICK" >"$T/out" 2>&1
expect_eq "the clerk takes it back" 0 $?
expect_grep "with its uses" "^standalone: 1 returned, 0 uses$" "$T/out"
[ ! -e "$PKG" ] && ok "the package is wiped from the medium" || not_ok "the package is still there"
as clerk standalone return 1 --medium "$STICK" >"$T/out" 2>&1
expect_eq "it cannot be returned twice" 5 $?
as clerk report registers --month 2026-01 >"$T/out" 2>&1
expect_grep "the register shows it returned" "SEAL-001.*示范街道工作站.*liu.*returned" "$T/out"

# -- Tampering ---------------------------------------------------------------
apply
as office standalone approve 2 >/dev/null 2>&1
as sun standalone approve 2 >/dev/null 2>&1
issue 2
expect_eq "a second one is issued to the same medium" 0 $?
sed -i 's/^uses 3$/uses 30/' "$PKG"
as clerk standalone return 2 --medium "$STICK" >"$T/out" 2>&1
expect_eq "an altered package is reported with exit 7" 7 $?
expect_grep "naming the tampering" "^tampered: STATUS_SA_PACKAGE_TAMPERED" "$T/out"
[ ! -e "$PKG" ] && ok "and is wiped all the same" || not_ok "the altered package is still there"
as clerk standalone list >"$T/out" 2>&1
expect_grep "the list shows it tampered" "^2	.*	tampered	" "$T/out"
as auditor audit list >"$T/out" 2>&1
expect_grep "the audit trail records the tampering" "tampered with, found" "$T/out"

# -- Overdue -----------------------------------------------------------------
apply
as office standalone approve 3 >/dev/null 2>&1
as sun standalone approve 3 >/dev/null 2>&1
issue 3
as clerk standalone overdue >"$T/out" 2>&1
expect_grep "nothing is overdue within the period" "^overdue: 0$" "$T/out"
ESEAL_FAKE_TIME=1768485600		# 2026-01-15 22:00
as clerk standalone overdue >"$T/out" 2>&1
expect_grep "after it, the package is overdue" "^overdue: 1$" "$T/out"
as clerk standalone list >"$T/out" 2>&1
expect_grep "the list says overdue" "^3	.*	overdue	" "$T/out"

# An until-date alone is the whole of that day (local time, CST-8).
as clerk standalone apply SEAL-001 --person liu --station "示范街道工作站" \
    --purpose x --from 2026-01-16 --until 2026-01-17 --uses 1 \
    >"$T/out" 2>&1
expect_eq "a period of whole days is applied for" 0 $?
as clerk standalone list >"$T/out" 2>&1
expect_grep "it ends at the last minute of its last day" \
    "^4	.*	2026-01-15 16:00:00 UTC	2026-01-17 15:59:59 UTC	" "$T/out"

ctl --help >"$T/out" 2>&1
expect_grep "--help lists the verb" "standalone" "$T/out"
finish
