#!/bin/sh
# month-demo.sh -- build the demo workspace that ./quickstart opens by
# running the month of tests/e2e/month.sh (last calendar month, by
# keyboard in tmux), without its checks: a newcomer lands in a bureau
# with history in every screen.  Every account's password is
# Demo#2026seal; the seal's key password Seal#2026key (see README.md).
#
# Usage: month-demo.sh DIR [CORPUS-DIR]
# Needs a build with --enable-test-hooks (the clock is moved through the
# month): the one in abs_top_builddir (default: the tree's _build).
# Copies print as PDF files into DIR/../demo-printer; the month's export
# goes to DIR/../demo-stick, registered as removable media (a test
# build offers it when ESEAL_TEST_MEDIA_DIRS is set).  Must not leave
# any process behind, and fails (exit 1) rather than leave a half-made
# workspace where DIR was asked for.
set -u

DEST=${1:?usage: month-demo.sh DIR [CORPUS-DIR]}
here=$(cd "$(dirname "$0")" && pwd)
abs_top_srcdir=$(cd "$here/../.." && pwd)
abs_top_builddir=${abs_top_builddir:-$abs_top_srcdir/_build}
CORPUS=${2:-${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}}
export abs_top_srcdir abs_top_builddir

if [ -e "$DEST" ]; then
	echo "month-demo.sh: $DEST exists; remove it first" >&2
	exit 1
fi
. "$abs_top_srcdir/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/e2e/month-lib.sh"
. "$abs_top_srcdir/tests/e2e/month-setup.sh"
. "$abs_top_srcdir/tests/e2e/month-days.sh"

for f in 01-notice-rules 02-request 03-decision 04-entrustment \
    05-blank-service-receipt 06-special-number 07-classified \
    08-party-group 09-request-gb18030; do
	[ -r "$CORPUS/$f.txt" ] ||
	    { echo "month-demo.sh: no $CORPUS/$f.txt" >&2; exit 1; }
done

mkdir -p "$(dirname "$DEST")" || exit 1
top=$(cd "$(dirname "$DEST")" && pwd)
H="$top/$(basename "$DEST")"
# A workspace left half made is removed (the trap of sh.sh cleans $T).
M_TRAP='tmux_stop; [ -f "$T/done" ] || rm -rf "$H"; rm -rf "$T"'
trap "$M_TRAP" EXIT
MONTH=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
LOG="$top/month-demo.log"
: >"$LOG"
# The demo only reports what did not come up as expected; it goes on.
ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "not as expected: $*" >>"$LOG"; }
say() { printf '  %s\n' "$*"; }

PRINTER_DIR="$top/demo-printer"
STICK="$top/demo-stick"
rm -rf "$PRINTER_DIR" "$PRINTER_DIR-mono" "$STICK"
mkdir -p "$PRINTER_DIR" "$PRINTER_DIR-mono" "$STICK"

m_day 2 08:00
m_init || { echo "month-demo.sh: esealctl init failed" >&2; exit 1; }
say "$MONTH: the workspace, and the three administrators"
# No CUPS queue for the demo: its scheduler would not outlive the build.
m_setup "$PRINTER_DIR" "" "$STICK"
P_CUPS=$P_FOLDER
say "departments, accounts for every role, the seal $SEAL, the printers"
m_day_request;		say "02 the request: issued, sealed, printed"
m_day_notice;		say "01 the notice: issued by the leader in charge"
m_day_decision;		say "03 the decision: rejected, reprinted"
m_day_entrustment;	say "04 the entrustment: recalled, destroyed, reprinted"
m_day_batch;		say "05 a batch of blank service receipts"
m_day_special;		say "06 special number: issued by the bureau leader"
m_day_classified;	say "07 the secret report: refused on this workstation"
m_day_files;		say "08 refused for e-sealing; 09 read from GB18030"
m_day_extra;		say "an extra print of 02"
m_day_proxy;		say "钱芳 kept the seal as proxy and sealed 09"
ESEAL_FAKE_TIME=$(date -d "$MONTH-01 09:00 +0800 + 1 month" +%s)
export ESEAL_FAKE_TIME
m_export zhaoli "$MONTH"
say "the clerk exported the month's summary to $STICK"
tmux_stop
: >"$T/done"
echo "$passed steps as expected, $failed not (see $LOG)"
echo "demo workspace ready: $DEST"
