#!/bin/sh
# walkthrough-shots.sh -- capture the screens of the manual's chapter "A
# month in the bureau" (walkthrough.texi) by running the end-to-end test
# tests/e2e/month.sh with M_SHOTS set: each capture is the screen as the
# test saw it, as text, in doc/walkthrough/NAME.txt.  Run it after a
# change to a screen the chapter shows, and commit what changed.
#
# Usage: doc/walkthrough-shots.sh BUILD-DIR
# BUILD-DIR is a build configured with --enable-test-hooks.  Must not
# edit anything outside doc/walkthrough/.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: walkthrough-shots.sh BUILD-DIR}" && pwd)
out="$srcdir/doc/walkthrough"
mkdir -p "$out"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/eseal-shots-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"
abs_top_srcdir=$srcdir abs_top_builddir=$build M_SHOTS=$tmp \
    LC_ALL=C.UTF-8 sh "$srcdir/tests/e2e/month.sh" >"$tmp/log" 2>&1 || {
	tail -n 40 "$tmp/log" >&2
	echo "walkthrough-shots.sh: the month failed; no screen replaced" >&2
	exit 1
}
# The screens the chapter shows; each must have been captured.
shots=$(grep -o 'walkthrough/[a-z0-9-]*\.txt' "$srcdir/doc/walkthrough.texi")
for f in $shots; do
	cp "$tmp/$(basename "$f")" "$out/" ||
	    { echo "walkthrough-shots.sh: the test took no $f" >&2; exit 1; }
done
ls "$out"
