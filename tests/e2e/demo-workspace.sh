#!/bin/sh
# demo-workspace.sh -- the demo that ./quickstart opens is built by
# month-demo.sh from the month that month.sh runs and checks: here, that
# the README's demo table names exactly the accounts the month sets up,
# with the passwords the month gives them, and that month-demo.sh
# refuses to build over an existing directory or without the sample
# documents, leaving nothing behind.  (month.sh logs every README
# account in at the end of its month.)
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/e2e/month-lib.sh"
. "$abs_top_srcdir/tests/e2e/month-setup.sh"

README="$abs_top_srcdir/README.md"
# The logins of the README's demo table, one per line, sorted.
sed -n '/^## The demo/,/^## /p' "$README" | grep '^| `' |
    cut -d'|' -f2 | grep -o '`[a-z]*`' | tr -d '`' | sort >"$T/readme"
{
	echo "$M_ACCOUNTS" | cut -d'|' -f1
	printf '%s\n' sysadmin secadmin auditor
} | sort >"$T/month"
expect_eq "the README's demo table lists the month's accounts" \
    "$(cat "$T/month")" "$(cat "$T/readme")"
expect_grep "the README gives the accounts' password" "\`$PW\`" "$README"
expect_grep "and the seal's key password" "\`$KEYPW\`" "$README"
expect_grep "and the proxy's" "\`$PROXY_KEYPW\`" "$README"

mkdir -p "$T/there"
abs_top_builddir="$abs_top_builddir" "$abs_top_srcdir/tests/e2e/month-demo.sh" \
    "$T/there" >"$T/out" 2>&1
expect_eq "month-demo.sh will not build over an existing directory" 1 $?
expect_eq "and leaves it alone" 0 "$(ls -A "$T/there" | wc -l)"
mkdir -p "$T/empty"
abs_top_builddir="$abs_top_builddir" "$abs_top_srcdir/tests/e2e/month-demo.sh" \
    "$T/new/ws" "$T/empty" >"$T/out" 2>&1
expect_eq "without the sample documents it fails" 1 $?
expect_grep "naming the missing file" "no $T/empty/01-notice-rules.txt" "$T/out"
expect_eq "and makes no workspace" 1 "$([ -e "$T/new/ws" ]; echo $?)"

finish
