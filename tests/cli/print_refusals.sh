#!/bin/sh
# print_refusals.sh -- what esealctl says when it refuses to print names
# the real problem and what to do, in English and in Chinese: more
# copies asked for than remain approved says how many remain; a job left
# pending by kill -9 is named, with the command that settles it.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

H="$T/ws"
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
export TZ=CST-8 ESEAL_TEST_KDF=1
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
ws_seal "示例市司法局公文专用章" "示例市司法局" >/dev/null 2>&1
mkdir -p "$T/colour"
as sysadmin printer add colour --folder "$T/colour" --colour >/dev/null 2>&1

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
as drafter doc new --import "$T/request.txt" >"$T/out" 2>&1
D=$(field id "$T/out")
as drafter doc submit "$D" >/dev/null 2>&1
as chief doc approve "$D" >/dev/null 2>&1
as drafter doc send "$D" >/dev/null 2>&1
printf '%s\n%s\n' "$PW" "$KEYPW" | ctl --user clerk --password-fd 0 \
    doc seal "$D" --seal SEAL-001 --copies 2 >"$T/out" 2>&1
expect_eq "the document is sealed for 2 copies" sealed "$(field state "$T/out")"
as printer print "$D" --printer colour --copies 1 >"$T/out" 2>&1
expect_eq "one copy prints" 0 $?

# 5. Too many copies: how many remain is said.
as printer print "$D" --printer colour --copies 5 >"$T/out" 2>&1
expect_eq "5 copies when 1 remains are refused" 5 $?
expect_grep "the refusal says more than remain" \
    "more copies than remain approved" "$T/out"
expect_grep "and how many remain" "^esealctl: 1 copy remains approved" "$T/out"
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	as printer print "$D" --printer colour --copies 5 >"$T/out" 2>&1
	expect_grep "how many remain, in Chinese" "尚有 1 份获准打印" "$T/out"
	LANG_RUN=C
fi

# 6. A job left pending by kill -9: named, with 'print --settle N'.  The
# job waits after its copy (ESEAL_TEST_PRINT_PAUSE, a test build's
# switch) so that it is killed before it records its end.
printf '%s\n' "$PW" >"$T/pw"
ESEAL_TEST_PRINT_PAUSE=1 LC_ALL=C "$ESEALCTL" --home "$H" --user printer \
    --password-fd 3 print "$D" --printer colour 3<"$T/pw" >/dev/null 2>&1 &
pid=$!
i=0
while [ "$(ls "$T/colour" | grep -c "^doc-$D-v1-000002")" -lt 1 ] &&
    [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
as printer print "$D" --printer colour >"$T/out" 2>&1
expect_eq "a job left pending blocks the next print" 5 $?
job=$(sed -n "s/^esealctl: print job \([0-9]*\) of this document is pending.*/\1/p" "$T/out")
if [ -n "$job" ]; then
	ok "the refusal names the pending job ($job)"
else
	not_ok "the refusal names the pending job:"
	sed 's/^/    /' "$T/out"
fi
expect_grep "and says how to settle it" "'print --settle $job'" "$T/out"
if grep -q "still in progress; complete it first" "$T/out"; then
	not_ok "the refusal says a job is in progress when none is"
else
	ok "the refusal does not claim a job in progress"
fi
if [ $zh_ok = 1 ]; then
	LANG_RUN=zh_CN.UTF-8
	as printer print "$D" --printer colour >"$T/out" 2>&1
	expect_grep "the pending job in Chinese" "打印任务 $job 尚未了结" "$T/out"
	LANG_RUN=C
fi
as printer print --settle "$job" >"$T/out" 2>&1
expect_eq "the command named settles it" 0 $?
finish
