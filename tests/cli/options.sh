#!/bin/sh
# options.sh -- GNU conventions of both programs: --help, --version, bad
# options, and a write error on standard output reported, not ignored.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

for prog in "$ESEALCTL" "$ESEAL"; do
	name=$(basename "$prog")
	LC_ALL=C "$prog" --help >"$T/help" 2>&1
	expect_eq "$name --help exits 0" 0 $?
	expect_grep "$name --help shows usage" "^Usage: $name" "$T/help"
	expect_grep "$name --help names the bug address" "Report bugs to:" "$T/help"
	LC_ALL=C "$prog" --version >"$T/version" 2>&1
	expect_eq "$name --version exits 0" 0 $?
	expect_grep "$name --version first line" "^$name (eseal) [0-9]" "$T/version"
done

LC_ALL=C "$ESEALCTL" --help >/dev/full 2>"$T/err"
rc=$?
expect_eq "esealctl --help to /dev/full fails" 6 "$rc"
expect_grep "esealctl reports the write error" "write error" "$T/err"

LC_ALL=C "$ESEALCTL" --no-such-option >"$T/out" 2>&1
expect_eq "esealctl bad option exits 2" 2 $?
expect_grep "esealctl bad option points to --help" "Try 'esealctl --help'" "$T/out"

LC_ALL=C "$ESEALCTL" frobnicate >"$T/out" 2>&1
expect_eq "esealctl unknown command exits 2" 2 $?

finish
