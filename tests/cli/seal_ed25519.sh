#!/bin/sh
# seal_ed25519.sh -- a document sealed through esealctl with a seal made
# with --ed25519: the data such a signature covers holds the seal's
# picture and is longer than libgcrypt's own Ed25519 takes, which aborted
# the process.  The sealing must finish, keep its original, and verify
# as a valid original signed with Ed25519; check finds no fault.  Then
# its version's record is damaged behind the program's back: verify
# names the document and version, not a .sig file nobody looked for.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

ws_init
ws_admin_passwords
ws_seal_office litigation-composed --ed25519
as zhou "$PW" seal show SEAL-001 >"$T/out" 2>&1
expect_grep "an Ed25519 seal is made" "^key: Ed25519" "$T/out"

cat >"$T/request.txt" <<'EOT'
kind: litigation-composed
title: 关于申请配置彩色激光打印机的请示
recipients: 示例市司法局
copies: 2
issuing-body: 示例市司法局办公室

局领导：
拟为文印室配置彩色激光打印机一台，用于印制公文和各类材料。
EOT
as liu "$PW" doc new --import "$T/request.txt" >"$T/out" 2>&1
D=$(field id "$T/out")
as liu "$PW" doc submit "$D" >/dev/null 2>&1
as zhang "$PW" doc approve "$D" >/dev/null 2>&1
as liu "$PW" doc send "$D" >/dev/null 2>&1
printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user wang --password-fd 0 doc seal "$D" --seal SEAL-001 --copies 2 \
    >"$T/out" 2>&1
expect_eq "the sealing exits 0" 0 $?
expect_eq "the document is sealed" sealed "$(field state "$T/out")"

ORIG="$H/originals/doc-$D-v1.pdf"
ctl verify "$ORIG" >"$T/v" 2>"$T/err"
expect_eq "its kept original verifies (exit 0)" 0 $?
expect_grep "as a valid original" "^result: valid original" "$T/v"
expect_grep "signed with Ed25519" "check 2 signature: ok: .*1\.3\.101\.112" \
    "$T/v"
ctl check >"$T/out" 2>&1
expect_eq "check finds no fault (exit 0)" 0 $?

# The version record's format byte made unknown, with the library's own
# dump and load (the workspace is closed).
db5.3_dump -h "$H" version.db >"$T/v.dump" &&
awk 'h == 0 { print; if ($0 == "HEADER=END") h = 1; next }
    h == 1 { print; h = 2; next }
    h == 2 { print " 7f" substr($0, 4); h = 3; next }
    { print }' "$T/v.dump" >"$T/v2.dump" &&
db5.3_load -h "$H" -f "$T/v2.dump" version.db
expect_eq "the record is damaged with db5.3_load" 0 $?
ctl verify "$ORIG" >"$T/v" 2>"$T/err"
expect_eq "verify of the damaged version exits 6" 6 $?
expect_grep "and names the document and version" \
    "the signature kept with document $D version 1: .*damaged" "$T/err"
if grep -q '\.sig' "$T/err"; then
	not_ok "verify names a .sig file:"
	sed 's/^/    /' "$T/err"
else
	ok "verify names no .sig file"
fi
finish
