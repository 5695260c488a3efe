#!/bin/sh
# compact.sh -- esealctl compact, run for real on an office whose
# documents went through their steps: the system administrator's
# compaction prints each file's bytes before and after (-v) and the
# total, the files are no larger, every record reads the same, check is
# clean, the audit trail verifies and holds the entry; anyone else is
# refused with the reason, in English and in Chinese; a workspace being
# restored is refused as busy, one that may not be written with the
# reason; a bad --passes is a usage error.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

H="$T/ws"
PW=Desk-Work-2026
export TZ=CST-8 ESEAL_TEST_KDF=1
ESEAL_FAKE_TIME=1768010400		# 2026-01-10 10:00
export ESEAL_FAKE_TIME
LANG_RUN=C
ctl() { LC_ALL=$LANG_RUN LANGUAGE= ESEAL_LOCALEDIR="$T/locale" \
    "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | ctl --user "$as_user" --password-fd 0 "$@"
}
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
. "$abs_top_srcdir/tests/lib/ws.sh"

ws_catalogue
ws_office "示例市司法局" "$PW" "$PW" "$PW"
as sysadmin dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_print_office "办公室" "$PW"

cat >"$T/request.txt" <<'END'
kind: litigation-composed
title: 关于申请配置彩色激光打印机的请示
recipients: 示例市司法局
copies: 2
issuing-body: 示例市司法局办公室

局领导：
拟为文印室配置彩色激光打印机一台。
妥否，请批示。
END
# Documents drafted, submitted, approved and sent: each step rewrites
# the document and moves its index entries.
n=0
while [ $n -lt 5 ]; do
	as drafter doc new --import "$T/request.txt" >"$T/out" 2>&1
	id=$(field id "$T/out")
	as drafter doc submit "$id" >/dev/null 2>&1
	as chief doc approve "$id" >/dev/null 2>&1
	as drafter doc send "$id" >/dev/null 2>&1
	n=$((n + 1))
done
expect_eq "five documents drafted" 5 "$id"

# What must read the same: every kind but the accounts (a login writes
# its time) and the audit trail (the compaction adds its entry).
dump_kinds() {
	for k in meta dept seal printer medium doc version approval \
	    application printjob recall custody grant; do
		ctl dump "$k" || echo "dump $k failed"
	done
}
dump_kinds >"$T/before" 2>&1
ctl dump audit >"$T/audit-before" 2>&1

as sysadmin -v compact >"$T/out" 2>"$T/err"
expect_eq "sysadmin compacts (exit 0)" 0 $?
expect_grep "the total is printed" \
    "compacted: [0-9]* bytes before, [0-9]* after$" "$T/out"
expect_grep "-v prints doc.db's bytes" "^doc.db	[0-9]*	[0-9]*$" "$T/out"
expect_grep "and version.db's" "^version.db	[0-9]*	[0-9]*$" "$T/out"
expect_eq "no file grew" "" \
    "$(awk -F '	' 'NF == 3 && $3 > $2 { print $1 }' "$T/out")"
before=$(sed -n 's/.*compacted: \([0-9]*\) bytes before.*/\1/p' "$T/out")
after=$(sed -n 's/.*bytes before, \([0-9]*\) after$/\1/p' "$T/out")
expect_eq "the total does not grow" 1 \
    "$(awk -v a="$before" -v b="$after" 'BEGIN { print (b <= a) }')"
expect_eq "the total adds the files up" "$before $after" \
    "$(awk -F '	' 'NF == 3 { a += $2; b += $3 } END { print a, b }' "$T/out")"
expect_eq "the total is the files' size on disk" "$after" \
    "$(cat "$H"/*.db | wc -c | tr -d ' ')"

dump_kinds >"$T/after" 2>&1
if cmp -s "$T/before" "$T/after"; then
	ok "every record reads the same"
else
	not_ok "the records changed"
fi
ctl dump audit >"$T/audit-after" 2>&1
head -c "$(wc -c <"$T/audit-before")" "$T/audit-after" >"$T/audit-head"
if cmp -s "$T/audit-before" "$T/audit-head"; then
	ok "the audit trail reads the same, with entries after"
else
	not_ok "the audit trail changed"
fi
ctl check >"$T/out" 2>&1
expect_eq "check is clean after compacting" 0 $?
as auditor audit verify >"$T/out" 2>&1
expect_eq "the audit trail verifies" 0 $?
as auditor audit list --action compact >"$T/out" 2>&1
expect_grep "the compaction is audited" "ACT_COMPACT" "$T/out"
expect_grep "with the bytes before and after" \
    "files compacted: $before bytes before, $after after" "$T/out"

# Once more: nothing left to give back, nothing lost.
as sysadmin compact --passes 1 >"$T/out" 2>&1
expect_eq "a second compaction, one pass (exit 0)" 0 $?

# Anyone else is refused, and the refusal audited.
for who in secadmin auditor clerk; do
	as $who compact >"$T/out" 2>&1
	expect_eq "$who may not compact (exit 3)" 3 $?
	expect_grep "$who is told why" "Your roles do not allow" "$T/out"
done
as auditor audit list --action compact >"$T/out" 2>&1
expect_grep "the refusal is audited" "secadmin.*refused\|refused.*secadmin" \
    "$T/out"
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	as clerk compact >"$T/out" 2>&1
	expect_grep "in Chinese too" "您的角色无权进行此操作" "$T/out"
	as sysadmin compact >"$T/out" 2>&1
	expect_grep "the total in Chinese" "已压缩" "$T/out"
	LANG_RUN=C
fi

# A workspace being restored (its open file held exclusively) is busy.
flock -x "$H/eseal.open" -c "sleep 4" &
holder=$!
sleep 1
as sysadmin compact >"$T/out" 2>&1
expect_eq "a busy workspace is refused (exit 1)" 1 $?
expect_grep "and said to be busy" "busy; try again" "$T/out"
wait $holder

# A workspace whose files may not be written.  Root writes anyway, so
# as root the verb runs as nobody, from a copy of the program that
# nobody may run wherever the build is.
cp -a "$H" "$T/ro"
chmod -R a-w "$T/ro"
cp "$ESEALCTL" "$T/esealctl-ro"
if [ "$(id -u)" = 0 ]; then
	chmod 711 "$T"
	chmod 755 "$T/esealctl-ro"
	chown -R 65534 "$T/ro"
	run_ro() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	run_ro() { "$@"; }
fi
printf '%s\n' "$PW" | LC_ALL=C run_ro "$T/esealctl-ro" --home "$T/ro" \
    --user sysadmin --password-fd 0 compact >"$T/out" 2>&1
expect_eq "a read-only workspace is refused (exit 6)" 6 $?
expect_grep "and the reason given" "Permission denied by the file system" \
    "$T/out"
chmod -R u+w "$T/ro"

as sysadmin compact --passes 3 >"$T/out" 2>&1
expect_eq "--passes 3 is a usage error" 2 $?
expect_grep "the usage names --passes" "compact \[--passes N\]" "$T/out"

finish
