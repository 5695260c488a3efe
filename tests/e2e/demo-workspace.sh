#!/bin/sh
# demo-workspace.sh -- the demo that ./quickstart opens is built by
# make-demo.sh; check that it builds and holds what the README promises.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

ESEALCTL="$ESEALCTL" "$abs_top_srcdir/tests/e2e/make-demo.sh" "$T/demo/ws" >"$T/out" 2>&1
expect_eq "make-demo.sh builds the demo" 0 $?
expect_grep "it reports the workspace ready" "demo workspace ready" "$T/out"

# Every demo account logs in with the README's password.
for who in chenjing liuyang hemin zhouwei sunlixin wangjianguo zhaoli wuhao fengting; do
	printf '%s\n' 'Demo#2026seal' | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$T/demo/ws" \
	    --user "$who" --password-fd 0 doc inbox >"$T/inbox" 2>&1
	expect_eq "$who logs in with the README's password" 0 $?
done

printf '%s\n' 'Demo#2026seal' | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$T/demo/ws" \
    --user zhaoli --password-fd 0 doc list >"$T/list" 2>&1
expect_grep "02 was printed" "printed" "$T/list"
expect_grep "03 waits for approval" "in-approval" "$T/list"
expect_grep "04 waits for the clerk" "to-seal" "$T/list"
expect_eq "the printer folder holds the 3 printed copies" 3 \
    "$(ls "$T/demo/demo-printer" | grep -c '\.pdf$')"

finish
