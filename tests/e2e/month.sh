#!/bin/sh
# month.sh -- a month in the bureau, end to end (see the manual's
# walkthrough chapter).
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/e2e/month-lib.sh"
. "$abs_top_srcdir/tests/e2e/month-setup.sh"

H="$T/ws"
MONTH=2026-11
CORPUS=${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}
M_SHOTS=${M_SHOTS:-}

m_day 2 08:00
m_init || { not_ok "esealctl init makes the workspace"; finish; exit 1; }
mkdir -p "$T/printer" "$T/stick"
m_setup "$T/printer" month-colour "$T/stick"
finish
