# sh.sh -- sourced by the shell tests: where the programs are, a fresh
# workspace directory, and assertions that name what failed.

: "${abs_top_builddir:=$(pwd)}"
: "${abs_top_srcdir:=$abs_top_builddir}"
ESEALCTL="$abs_top_builddir/src/esealctl"
ESEAL="$abs_top_builddir/src/eseal"
T=$(mktemp -d "${TMPDIR:-/tmp}/eseal-sh-XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: expected '$2', got '$3'"; fi
}

# expect_grep WHAT PATTERN FILE
expect_grep() {
	if grep -q -- "$2" "$3"; then ok "$1"; else not_ok "$1: no '$2' in $3:"; sed 's/^/    /' "$3"; fi
}

# Sanitizer reports of the programs under test land in files, not on a
# terminal nobody reads (the tmux tests' programs have no visible stderr).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T/sanitizer"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$T/sanitizer"
export ASAN_OPTIONS UBSAN_OPTIONS

finish() {
	for _f in "$T"/sanitizer.*; do
		[ -f "$_f" ] || continue
		not_ok "a sanitizer reported an error ($(basename "$_f")):"
		sed 's/^/    /' "$_f"
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
