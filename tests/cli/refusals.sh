#!/bin/sh
# refusals.sh -- what esealctl says when it refuses a proxy custody
# names the real problem and what to do, in English and in Chinese: a
# period backwards or before the seal's validity, a second request while
# one is open, a custody in the wrong state for a decision or a return,
# and a proxy who is not a clerk; a registration number a seal cannot
# have.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

H="$T/ws"
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
export TZ=CST-8 ESEAL_TEST_KDF=1
ESEAL_FAKE_TIME=1799978400		# 2027-01-15 10:00
export ESEAL_FAKE_TIME
LANG_RUN=C
ctl() { LC_ALL=$LANG_RUN LANGUAGE= ESEAL_LOCALEDIR="$T/locale" \
    "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | ctl --user "$as_user" --password-fd 0 "$@"
}
. "$abs_top_srcdir/tests/lib/ws.sh"

ws_catalogue

ws_office "示例市司法局" "$PW" "$PW" "$PW"
as sysadmin dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_staff "办公室" clerk clerk2 printer office
as secadmin user roles clerk clerk >/dev/null 2>&1
as secadmin user roles clerk2 clerk >/dev/null 2>&1
as secadmin user roles printer printer >/dev/null 2>&1
as secadmin user roles office office-director >/dev/null 2>&1
ws_first "$PW" clerk clerk2 printer office
ws_seal "示例市司法局公文专用章" "示例市司法局" >"$T/out" 2>&1
expect_eq "the seal is made" 0 $?

# request FROM UNTIL [PROXY]: the custodian asks for a proxy custody.
request() {
	as clerk seal custody request SEAL-001 --proxy "${3:-clerk2}" \
	    --from "$1" --until "$2" --reason "出差" >"$T/out" 2>&1
}

# 1. A period backwards, or begun before the seal's validity.
request 2027-02-10 2027-02-01
expect_eq "a period backwards is refused as a usage error" 2 $?
expect_grep "it says what the period must be" \
    "SEAL-001: The period must end after it begins" "$T/out"
request 2027-01-01 2027-02-01
expect_eq "a period before the seal's validity is refused" 2 $?
expect_grep "it names the seal's validity" \
    "must lie within the seal's validity period" "$T/out"
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	request 2027-02-10 2027-02-01
	expect_grep "in Chinese too" "代管期限的截止须晚于起始" "$T/out"
	LANG_RUN=C
fi

# 3. A proxy who is not a clerk: the proxy's role is named, not the
# requester's.
request 2027-01-20 2027-01-25 printer
expect_eq "a proxy who is not a clerk is refused" 3 $?
expect_grep "it names the proxy's role" \
    "The proxy must be an enabled account with the clerk role" "$T/out"
if grep -q "Your roles do not allow" "$T/out"; then
	not_ok "the refusal blames the requester's roles"
else
	ok "the refusal does not blame the requester's roles"
fi

# 2. A second request while one is open; a decision or a return in the
# wrong state.
request 2027-01-20 2027-01-25
expect_eq "a proxy custody is asked for" 0 $?
cid=$(sed -n 's/^custody: \([0-9]*\) requested$/\1/p' "$T/out")
request 2027-01-21 2027-01-26
expect_eq "a second request while one is open is refused" 5 $?
expect_grep "it says a custody is open" \
    "This seal already has a proxy custody asked for" "$T/out"
as office seal custody approve "$cid" >"$T/out" 2>&1
expect_eq "the office director approves" 0 $?
as office seal custody approve "$cid" >"$T/out" 2>&1
expect_eq "approving it again is refused" 5 $?
expect_grep "it speaks of the custody, not a document" \
    "The proxy custody is not in a state that allows this" "$T/out"
printf '%s\n%s\n' "$PW" "$PW" | ctl --user clerk --password-fd 0 \
    seal custody return "$cid" --proxy clerk2 >"$T/out" 2>&1
expect_eq "a return before the handover is refused" 5 $?
expect_grep "the return's refusal speaks of the custody" \
    "The proxy custody is not in a state that allows this" "$T/out"
if grep -q "document" "$T/out"; then
	not_ok "the refusal speaks of a document"
else
	ok "no refusal speaks of a document"
fi
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	as office seal custody approve "$cid" >"$T/out" 2>&1
	expect_grep "in Chinese too" "代管不处于允许此操作的状态" "$T/out"
	request 2027-01-21 2027-01-26
	expect_grep "the open custody in Chinese" "此印章已有申请中" "$T/out"
	LANG_RUN=C
fi

# 4. A registration number a seal cannot have: the rule is given.
# seal_add REGNO: the office director makes a seal for the clerk.
seal_add() {
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | ctl --user office \
	    --password-fd 0 seal add "$1" --name "示例市司法局公文专用章" \
	    --body "示例市司法局" --custodian clerk >"$T/out" 2>&1
}
for regno in "SEAL 1" "印章-001"; do
	seal_add "$regno"
	expect_eq "'$regno' is refused as a usage error" 2 $?
	expect_grep "the refusal of '$regno' gives the rule" \
	    "at most 32 letters, digits, '-', '.' or '/'" "$T/out"
done
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	seal_add "SEAL 1"
	expect_grep "the rule in Chinese" "最多 32 个字母" "$T/out"
	LANG_RUN=C
fi
finish
