#!/bin/sh
# keyfiles.sh -- esealctl check examines the key files beside the
# database: each must be there, private and whole, and must open the
# keys it wraps; a damaged one is a fault (exit 1) naming the file, and
# no secret is ever printed.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
export LC_ALL=C
H="$T/ws"

"$ESEALCTL" --home "$H" init --bureau "示例市司法局" >/dev/null 2>&1 ||
    { not_ok "esealctl init"; finish; exit 1; }
cp "$H/seal-ca.kek" "$T/seal-ca.kek"
cp "$H/audit-key.kek" "$T/audit-key.kek"

"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "a new workspace checks clean" 0 $?

truncate -s 30 "$H/seal-ca.kek"
"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "check with seal-ca.kek cut short exits 1" 1 $?
expect_grep "it names the file" "^seal-ca.kek: missing, cut short" "$T/out"
expect_grep "it counts the fault" "1 fault found" "$T/out"
cp "$T/seal-ca.kek" "$H/seal-ca.kek"

# Well-formed but another secret: it does not open the keys.
printf '%064x' 7 >"$H/seal-ca.kek"
"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "check with another seal-ca.kek exits 1" 1 $?
expect_grep "it says the keys do not open" \
    "^seal-ca.kek: does not open the office authority's keys" "$T/out"
cp "$T/seal-ca.kek" "$H/seal-ca.kek"

printf '%064x' 7 >"$H/audit-key.kek"
"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "check with another audit-key.kek exits 1" 1 $?
expect_grep "it names the audit key file" \
    "^audit-key.kek: does not open the audit trail's signing key" "$T/out"
if grep -q "$(cat "$T/audit-key.kek")" "$T/out"; then
	not_ok "check printed the secret"
else
	ok "check prints no secret"
fi
cp "$T/audit-key.kek" "$H/audit-key.kek"

rm "$H/audit-key.kek"
"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "check with audit-key.kek missing exits 1" 1 $?
expect_grep "it says it is missing" "^audit-key.kek: missing" "$T/out"
cp "$T/audit-key.kek" "$H/audit-key.kek"

"$ESEALCTL" --home "$H" check >"$T/out" 2>&1
expect_eq "with the files back, no faults" 0 $?

finish
