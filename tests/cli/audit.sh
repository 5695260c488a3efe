#!/bin/sh
# audit.sh -- esealctl audit, run for real: only the security auditor
# verifies, lists and exports; a good trail verifies with exit 0; a copy
# tampered with at the storage level names the first bad entry and exits
# 7; an export file's signature is checked.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

TAMPER="$abs_top_builddir/tests/cli/audit_tamper"
H="$T/ws"
AUD=Aud-itor-2026
SYS=Sys-admin-2026
# as HOME USER PASSWORD ARGS...: esealctl as USER, the password on stdin.
as() {
	h=$1 u=$2 p=$3
	shift 3
	printf '%s\n' "$p" | LC_ALL=C "$ESEALCTL" --home "$h" --user "$u" \
	    --password-fd 0 "$@"
}
passwd_as() {
	printf '%s\n%s\n' "$2" "$3" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$1" --password-fd 0 passwd
}

LC_ALL=C "$ESEALCTL" --home "$H" init --bureau "示例市司法局" >"$T/init" 2>/dev/null
expect_eq "init exits 0" 0 $?
sys0=$(awk '$1 == "account:" && $2 == "sysadmin" { print $4 }' "$T/init")
aud0=$(awk '$1 == "account:" && $2 == "auditor" { print $4 }' "$T/init")
passwd_as sysadmin "$sys0" $SYS >/dev/null 2>&1
expect_eq "sysadmin sets a password" 0 $?
passwd_as auditor "$aud0" $AUD >/dev/null 2>&1
expect_eq "auditor sets a password" 0 $?

# A good trail.
as "$H" auditor $AUD audit verify >"$T/out" 2>"$T/err"
expect_eq "verify a good trail exits 0" 0 $?
expect_grep "verify says intact" "^audit trail intact: [0-9]* entries, [0-9]* checkpoints\{0,1\}$" "$T/out"
expect_grep "verify shows the key" "^workstation key sm3:[0-9a-f]\{64\}$" "$T/out"

# Nobody else.
as "$H" sysadmin $SYS audit verify >"$T/out" 2>&1
expect_eq "sysadmin may not verify" 3 $?
expect_grep "the refusal cites the rule" "Art. 7" "$T/out"
as "$H" sysadmin $SYS audit list >"$T/out" 2>&1
expect_eq "sysadmin may not list" 3 $?

# The auditor lists, and sees the refusals.
as "$H" auditor $AUD audit list >"$T/list" 2>&1
expect_eq "auditor lists" 0 $?
expect_grep "the list starts with the workspace" "^1	.*	ACT_INIT	" "$T/list"
expect_grep "the list shows the refused verify" "	sysadmin	none	.*	ACT_AUDIT_VERIFY	audit:0	refused	STATUS_DENIED: verify$" "$T/list"
as "$H" auditor $AUD audit list --by sysadmin --action audit_read >"$T/list" 2>&1
expect_eq "auditor lists with filters" 0 $?
expect_eq "the filter keeps the refused list only" 1 "$(wc -l <"$T/list" | tr -d ' ')"
as "$H" auditor $AUD audit list --since 2001-02-30x >"$T/out" 2>&1
expect_eq "a bad date is a usage error" 2 $?

# Export, and check the file.
as "$H" auditor $AUD audit export "$T/trail.txt" >"$T/out" 2>&1
expect_eq "auditor exports" 0 $?
expect_grep "export says how many" "^[0-9]* entries exported to " "$T/out"
expect_grep "the export ends with its signature" "^sm3:[0-9a-f]\{64\}	sm2:[0-9a-f]*	key:" "$T/trail.txt"
as "$H" auditor $AUD audit check "$T/trail.txt" >"$T/out" 2>&1
expect_eq "the export checks" 0 $?
sed 's/ACT_INIT/ACT_NONE/' "$T/trail.txt" >"$T/forged.txt"
as "$H" auditor $AUD audit check "$T/forged.txt" >"$T/out" 2>&1
expect_eq "an altered export fails the check" 7 $?
expect_grep "the check says why" "does not verify" "$T/out"

# Filters by outcome and text; media only when registered.
as "$H" auditor $AUD audit list --outcome refused --text verify >"$T/list" 2>&1
expect_eq "auditor lists by outcome and text" 0 $?
expect_grep "the refused verify is found" "	ACT_AUDIT_VERIFY	audit:0	refused	" "$T/list"
expect_eq "and nothing else" 1 "$(wc -l <"$T/list" | tr -d ' ')"
mkdir "$T/stick"
as "$H" auditor $AUD audit export --medium "$T/stick" >"$T/out" 2>&1
expect_eq "no export to an unregistered medium" 3 $?
expect_eq "it leaves no file" 0 "$(ls "$T/stick" | wc -l | tr -d ' ')"

# Today's entries are kept: no archive before the retention period.
as "$H" auditor $AUD audit archive 3 "$T/archive.txt" >"$T/out" 2>&1
expect_eq "archiving young entries fails" 1 $?
expect_grep "the archive refusal says why" "younger than the retention period" "$T/out"
if [ -e "$T/archive.txt" ]; then not_ok "no archive file is written"; else ok "no archive file is written"; fi

# Copies tampered with at the storage level.
cp -a "$H" "$T/altered"
"$TAMPER" "$T/altered" alter 3
expect_eq "tamper: alter entry 3" 0 $?
as "$T/altered" auditor $AUD audit verify >"$T/out" 2>"$T/err"
expect_eq "verify an altered trail exits 7" 7 $?
expect_eq "verify names the altered entry" "entry 3 altered" "$(cat "$T/out")"
expect_grep "verify explains on stderr" "does not verify" "$T/err"

cp -a "$H" "$T/removed"
"$TAMPER" "$T/removed" delete 4
as "$T/removed" auditor $AUD audit verify >"$T/out" 2>&1
expect_eq "verify a trail with a gap exits 7" 7 $?
expect_grep "verify names the removed entry" "^entry 4 removed$" "$T/out"

# The original is still good, and remembers every verification.
as "$H" auditor $AUD audit verify >"$T/out" 2>&1
expect_eq "the original still verifies" 0 $?
as "$H" auditor $AUD audit list --action audit_verify >"$T/list" 2>&1
expect_grep "verifications are in the trail" "	auditor	auditor	.*	ACT_AUDIT_VERIFY	audit:0	ok	" "$T/list"

finish
