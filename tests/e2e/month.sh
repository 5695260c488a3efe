#!/bin/sh
# month.sh -- a month in the bureau, end to end, on the sample documents:
# the real eseal, driven through tmux with keystrokes only, sets up the
# office (accounts for every role, each one's first login) and runs
# November 2026: every sample document drafted by keyboard with its
# Chinese, approved along its chain, issued, sealed and printed, with a
# reject by the print room, a reprint before printing, a reprint of a
# printed document with its copies recalled and destroyed, an extra
# print, a blank-form batch, the special-number document, the classified
# and Party-group refusals, a GB18030 file and a proxy custody.  Then the
# clerk exports the month's summary to the registered medium, and every
# figure of it is checked against what was done; the export's MANIFEST,
# every sealed original, the print log against the folder printer's
# files and the private cupsd's jobs, and the audit trail all verify.
#
# The steps are month-lib.sh's, month-setup.sh's and month-days.sh's,
# shared with the demo (month-demo.sh).  With M_SHOTS=DIR the screens
# the manual shows are saved there (doc/walkthrough-shots.sh).
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/lib/cupsd.sh"
. "$abs_top_srcdir/tests/e2e/month-lib.sh"
. "$abs_top_srcdir/tests/e2e/month-setup.sh"
. "$abs_top_srcdir/tests/e2e/month-days.sh"

H="$T/ws"
MONTH=2026-11
CORPUS=${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}
M_DAILY="$T/daily"
: >"$M_DAILY"
if [ ! -r "$CORPUS/01-notice-rules.txt" ]; then
	not_ok "the sample documents are in $CORPUS (set ESEAL_CORPUS_DIR)"
	finish
	exit 1
fi

# The private scheduler: cupsd runs its filters as another user, so the
# test directory must be searchable (cupsd.sh says why).
chmod 0711 "$T"
# Whatever happens, no tmux server, no cupsd and no directory is left
# (m_start sets this trap again after each tmux_start).
M_TRAP='tmux_stop; cupsd_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"'
trap "$M_TRAP" EXIT
if cupsd_start "$T/cups" && cupsd_queue month-colour "$T/cups-out/colour.pdf"
then
	ok "a private cupsd with a colour PDF queue"
else
	not_ok "the private cupsd starts with its queue"
fi

m_day 2 08:00
if ! m_init; then
	not_ok "esealctl init makes the workspace"
	sed 's/^/    /' "$T/init.err"
	finish
	exit 1
fi
mkdir -p "$T/printer" "$T/printer-mono" "$T/stick"
m_setup "$T/printer" month-colour "$T/stick"
expect_grep "the office director makes the seal, 赵丽 its custodian" \
    "^history: .*	zhaoli	ACT_SEAL_ADD	ok	took custody of seal $SEAL" \
    "$T/seal.out"

m_day_request
m_day_notice
m_day_decision
m_day_entrustment
m_day_batch
m_day_special
m_day_classified
m_day_files
expect_eq "08 is recorded" 0 "$M_RC08"
expect_grep "08 is refused for e-sealing" "^state: refused" "$T/08.out"
expect_grep "with the reason (Art. 2)" \
    "Party-group documents, are not e-sealed (Art. 2)" "$T/08.out"
expect_eq "09 is read from GB18030" 0 "$M_RC09"
m_day_extra
m_day_proxy
expect_eq "赵丽 hands the seal over to 钱芳" 0 "$M_RC_HANDOVER"
expect_eq "and takes it back" 0 "$M_RC_RETURN"
m_as zhaoli seal custody list "$SEAL" >"$T/custody" 2>&1
expect_grep "the custody register has the proxy custody, returned" \
    "^$M_CUSTODY	proxy	returned	" "$T/custody"

# -- The month's summary, exported on the 1st of the next month -------------
ESEAL_FAKE_TIME=$(date -d "$MONTH-01 09:00 +0800 + 1 month" +%s)
export ESEAL_FAKE_TIME
m_export zhaoli "$MONTH"
E=$(ls -d "$T/stick"/eseal-summary-* 2>/dev/null | head -n 1)
expect_eq "the export is one folder on the medium" 1 \
    "$(ls -d "$T/stick"/eseal-* 2>/dev/null | wc -l)"
CSV="$E/summary.csv"
if [ -s "$CSV" ]; then
	ok "the export holds the summary as CSV"
else
	not_ok "no summary.csv in the export ($E)"
	sed 's/^/    /' "$T/export"
fi
tr -d '\r' <"$CSV" >"$T/summary.csv" 2>/dev/null

# row TABLE NAME: the row NAME of the table under the line TABLE.
row() {
	awk -F, -v t="$1" -v n="$2" '$0 == t { f = 1; next }
	    f && $0 == "" { exit }
	    f && $1 == n { print; exit }' "$T/summary.csv"
}
expect_eq "the summary is for the month" "Period,$MONTH-01..$MONTH-30" \
    "$(grep '^Period,' "$T/summary.csv")"
WANT="$N_SEALED,$N_COPIES,$N_REJECTS,$N_REPRINTS,$N_RECALLED,$N_DESTROYED"
WANT="$WANT,$N_EXTRA,$N_EXTRA_COPIES,$N_BATCHES,$N_FORMS"
expect_eq "the seal's row counts what the month did" \
    "$SEAL,$SEAL_NAME,$WANT" "$(row "By seal" "$SEAL")"
expect_eq "the totals by seal" "Total,,$WANT" "$(row "By seal" Total)"
expect_eq "the totals by department" "Total,$WANT" \
    "$(row "By department" Total)"
expect_eq "the totals by kind of document" "Total,$WANT" \
    "$(row "By kind of document" Total)"
expect_eq "the review section's row is the batch" \
    "行政复议科,1,$C05,0,0,0,0,0,0,1,$C05" \
    "$(row "By department" "行政复议科")"
# The daily figures, day by day: what the month counted (day WHAT N)...
daily() {	# daily DAY WHAT
	awk -v d="$1" -v w="$2" '$1 == d && $2 == w { n += $3 }
	    END { print n + 0 }' "$M_DAILY"
}
# ... and the summary's "Daily volume" row for a day (or Total).
volume() {	# volume DATE
	awk -F, -v d="$1" '/^Daily volume$/ { f = 1 }
	    f && $1 == d { print; exit }' "$T/summary.csv"
}
bad=
for d in $(seq 1 30); do
	day="$MONTH-$(printf %02d "$d")"
	want="$day,$(daily "$d" SEALED),$(daily "$d" COPIES)"
	got=$(volume "$day")
	[ "$got" = "$want" ] || bad="$bad $got (not $want)"
done
expect_eq "every day's sealings and copies" "" "$bad"
expect_eq "the daily totals" "Total,$N_SEALED,$N_COPIES" "$(volume Total)"

m_ctl report verify "$E/MANIFEST" >"$T/verify" 2>&1
expect_eq "the export's MANIFEST verifies" 0 $?
expect_grep "the summary is among the files checked" "^summary.csv: good$" \
    "$T/verify"

# -- Every sealed original verifies -------------------------------------------
# Both ways a user checks one: esealctl verify, which finds the signature
# the workspace keeps with the version (there is no .sig beside an
# original), and eseal's verify screen.
n=$(ls "$H"/originals/doc-*-v*.pdf 2>/dev/null | wc -l)
expect_eq "one sealed original per sealing" "$N_SEALED" "$n"
bad=
for f in "$H"/originals/doc-*-v*.pdf; do
	m_ctl verify "$f" >"$T/v" 2>&1 &&
	    grep -q '^result: valid original$' "$T/v" &&
	    grep -q '^signature: the signature kept with document ' "$T/v" ||
	    bad="$bad $(basename "$f")"
done
expect_eq "every sealed original verifies with esealctl verify" "" "$bad"
m_verify_originals zhaoli
expect_eq "every sealed original is the signed original (verify screen)" \
    "$N_SEALED" "$M_VERIFIED"
expect_eq "no original fails" "" "$M_NOT_VERIFIED"

# -- The print log against what the printers produced -------------------------
m_ctl dump printjob >"$T/jobs" 2>/dev/null
# The jobs printed in full, "PRINTER DOC VERSION FIRST-COPY COUNT", and
# the file each of their copies makes on a folder printer.
awk '
	/^\[printjob/ { d = v = p = c = n = o = "" }
	$1 == "doc_id:" { d = $2 } $1 == "version:" { v = $2 }
	$1 == "printer_id:" { p = $2 } $1 == "first_copy:" { c = $2 }
	$1 == "count:" { n = $2 } $1 == "outcome:" { o = $2 }
	$1 == "time:" && o == "done" { print p, d, v, c, n }' \
    "$T/jobs" >"$T/done"
awk '{ for (i = 0; i < $5; i++)
	printf "%s doc-%s-v%s-%06d.pdf\n", $1, $2, $3, $4 + i }' \
    "$T/done" >"$T/want-files"
FOLDER_ID=$(m_ctl dump printer 2>/dev/null | awk -v p="$P_FOLDER" '
	$1 == "id:" { id = $2 } $1 == "name:" && $2 == p { print id; exit }')
CUPS_ID=$(m_ctl dump printer 2>/dev/null | awk -v p="$P_CUPS" '
	$1 == "id:" { id = $2 } $1 == "name:" && $2 == p { print id; exit }')
expect_eq "the folder printer's files are the copies its print log lists" \
    "$(awk -v id="$FOLDER_ID" '$1 == id { print $2 }' "$T/want-files" | sort)" \
    "$(ls "$T/printer" | sort)"
expect_eq "no copy of 03's rejected first version was printed" "" \
    "$(ls "$T/printer" | grep "^doc-$(m_doc_id "$K03")-v1-")"
expect_eq "nothing went to the black-and-white printer" 0 \
    "$(ls "$T/printer-mono" | wc -l)"
CUPS_JOBS=$(awk -v id="$CUPS_ID" '$1 == id' "$T/done" | wc -l)
expect_eq "the print log has one CUPS job" 1 "$CUPS_JOBS"
lpstat -W completed -o month-colour >"$T/lpstat" 2>&1
expect_eq "the private cupsd completed as many jobs" "$CUPS_JOBS" \
    "$(grep -c '^month-colour-' "$T/lpstat")"
# The Generic PDF Printer wraps the PDF in PJL: the PDF is inside.
if grep -aq '^%PDF-' "$T/cups-out/colour.pdf" 2>/dev/null &&
    grep -aq '%%EOF' "$T/cups-out/colour.pdf"; then
	ok "the CUPS queue printed a PDF"
else
	not_ok "the CUPS queue's output is no PDF:"
	ls -l "$T/cups-out" | sed 's/^/    /'
	head -c 64 "$T/cups-out/colour.pdf" | od -c | head -n 4 |
	    sed 's/^/    /'
fi

# -- The auditor --------------------------------------------------------------
m_as auditor audit verify >"$T/audit" 2>&1
expect_eq "the auditor's audit verify is clean" 0 $?

# -- The README's demo accounts -----------------------------------------------
bad=
for who in $(echo "$M_ACCOUNTS" | cut -d'|' -f1) sysadmin secadmin auditor; do
	m_as "$who" doc inbox >/dev/null 2>&1 || m_as "$who" user list \
	    >/dev/null 2>&1 || m_as "$who" audit verify >/dev/null 2>&1 ||
	    bad="$bad $who"
done
expect_eq "every account logs in with the README's password" "" "$bad"

tmux_stop
cupsd_stop
finish
