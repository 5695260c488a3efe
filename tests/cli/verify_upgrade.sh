#!/bin/sh
# verify_upgrade.sh -- a sealed document made by a schema 6 program (whose
# versions are stored plain) still verifies once the workspace is
# upgraded to schema 8 (its versions packed) and 9 (its seal signature
# stored without the seal's SESeal and certificate): the kept original is
# the valid original, its text reads as it was written, the registers
# name the same seal and signing, the audit trail verifies, and check
# finds no fault.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

# Everything below, up to the upgrade, as a schema 6 program (a test
# build's switch).
ESEAL_TEST_SCHEMA=6
export ESEAL_TEST_SCHEMA
ws_init
ws_admin_passwords
ws_seal_office litigation-composed
{
	cat <<'EOT'
kind: litigation-composed
title: 关于申请配置彩色激光打印机的请示
recipients: 示例市司法局
copies: 2
issuing-body: 示例市司法局办公室

局领导：
EOT
	for _i in 1 2 3 4 5 6 7 8; do
		echo "拟为文印室配置彩色激光打印机一台，用于印制公文和各类材料。"
	done
} >"$T/request.txt"
as liu "$PW" doc new --import "$T/request.txt" >"$T/out" 2>&1
D=$(field id "$T/out")
as liu "$PW" doc submit "$D" >/dev/null 2>&1
as zhang "$PW" doc approve "$D" >/dev/null 2>&1
as liu "$PW" doc send "$D" >/dev/null 2>&1
printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user wang --password-fd 0 doc seal "$D" --seal SEAL-001 --copies 2 \
    >"$T/out" 2>&1
expect_eq "the schema 6 program seals the document" sealed \
    "$(field state "$T/out")"
ORIG="$H/originals/doc-$D-v1.pdf"
ctl dump version | grep -v '^schema: ' >"$T/before" 2>&1
MONTH=$(date +%Y-%m)
as wang "$PW" report registers --month "$MONTH" >"$T/reg-before" 2>&1
grep -q "SEAL-001" "$T/reg-before" &&
    ok "the registers name the seal" || not_ok "the registers name no seal"
grep -q "^body: .*彩色激光打印机" "$T/before" &&
    ok "the dump shows the body" || not_ok "the dump shows no body"
unset ESEAL_TEST_SCHEMA

ctl upgrade >"$T/out" 2>&1
expect_eq "the upgrade exits 0" 0 $?
expect_grep "and reaches schema 9 or later" "upgraded to schema" "$T/out"
ctl check >"$T/out" 2>&1
expect_eq "the upgraded workspace checks clean (exit 0)" 0 $?
expect_grep "check says so" "no faults" "$T/out"

ctl dump version | grep -v '^schema: ' >"$T/after" 2>&1
if cmp -s "$T/before" "$T/after"; then
	ok "every version reads as it did before the upgrade"
else
	not_ok "a version reads differently after the upgrade"
	diff "$T/before" "$T/after" | head -n 20 | sed 's/^/    /'
fi

as wang "$PW" report registers --month "$MONTH" >"$T/reg-after" 2>&1
if cmp -s "$T/reg-before" "$T/reg-after"; then
	ok "the registers read the signature as before the upgrade"
else
	not_ok "the registers differ after the upgrade"
	diff "$T/reg-before" "$T/reg-after" | head -n 20 | sed 's/^/    /'
fi

ctl verify "$ORIG" >"$T/v" 2>"$T/err"
expect_eq "the kept original verifies after the upgrade (exit 0)" 0 $?
expect_grep "against the signature kept in the workspace" \
    "^signature: the signature kept with document $D version 1$" "$T/v"
expect_grep "it is the valid original" "^result: valid original$" "$T/v"

as auditor "$AUD" audit verify >"$T/out" 2>&1
expect_eq "the audit trail verifies after the upgrade (exit 0)" 0 $?
finish
