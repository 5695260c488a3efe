#!/bin/sh
# print.sh -- esealctl printer and print, run for real: the system
# administrator keeps the printer register; the print room prints
# numbered, sealed copies into a folder (a copy cut at the original's
# length is not the original) and through a private cupsd;
# a queue that does not exist, a stopped queue, a scheduler that is not
# running and a printer gone from the register each give a message
# naming the printer, and the print log keeps the copy numbers free.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/cupsd.sh"
. "$abs_top_srcdir/tests/lib/ws.sh"

trap 'cupsd_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
# cupsd's filters run as lp and must reach the spool under $T.
chmod 0711 "$T"
H="$T/ws"
CORPUS="${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}"
if [ ! -r "$CORPUS/02-request.txt" ]; then
	echo "not ok - no sample documents in $CORPUS; set ESEAL_CORPUS_DIR"
	exit 1
fi
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
TAB=$(printf '\t')
ctl() { LC_ALL=C "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$as_user" --password-fd 0 "$@"
}
sys() {
	printf '%s\n' Sys-admin-2026 | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user sysadmin --password-fd 0 "$@"
}
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
# sealed FILE: a corpus document recorded, approved, sent and sealed.
sealed() {
	as drafter doc new --import "$CORPUS/$1" >"$T/new" 2>&1
	sealed_id=$(field id "$T/new")
	as drafter doc submit "$sealed_id" >/dev/null 2>&1
	as chief doc approve "$sealed_id" >/dev/null 2>&1
	as drafter doc send "$sealed_id" >/dev/null 2>&1
	printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user clerk --password-fd 0 doc seal "$sealed_id" --seal SEAL-001 \
	    --copies "$2" >"$T/sealed" 2>&1
	echo "$sealed_id"
}

# -- The office ------------------------------------------------------------
ws_office "示范市示范区司法局" Sys-admin-2026 Sec-admin-2026
sys dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_print_office "办公室" "$PW"
ws_seal "示范市示范区司法局" "示范市示范区司法局" >"$T/out" 2>&1
expect_eq "the office makes a seal" 0 $?

# -- The printer register ----------------------------------------------------
sys printer add 彩色 --folder "$T/prints" --colour --location "文印室" \
    >"$T/out.txt" 2>&1
expect_eq "the system administrator adds a folder printer" 0 $?
expect_grep "add prints the new printer" "^[0-9]*${TAB}彩色$" "$T/out.txt"
sys printer add 黑白 --folder "$T/mono" >/dev/null 2>&1
(cd "$T" && printf '%s\n' Sys-admin-2026 | LC_ALL=C "$ESEALCTL" \
    --home "$H" --user sysadmin --password-fd 0 printer add rel \
    --folder rel >/dev/null 2>&1)
sys printer show rel >"$T/out.txt" 2>&1
expect_grep "a relative folder is registered absolute" "^folder: $T/rel$" \
    "$T/out.txt"
as printer printer add x --cups x >"$T/out.txt" 2>&1
expect_eq "the print room may not add printers" 3 $?
sys printer add bad --cups "a b" >"$T/out.txt" 2>&1
expect_eq "a queue name with a space is refused" 2 $?
sys printer add both --folder "$T/x" --cups x >"$T/out.txt" 2>&1
expect_eq "a folder and a queue at once is a usage error" 2 $?
sys printer add 彩色 --cups other >"$T/out.txt" 2>&1
expect_eq "a name in use is refused" 1 $?
as printer printer list >"$T/out.txt" 2>&1
ROW="^彩色${TAB}folder${TAB}$T/prints${TAB}colour${TAB}unclassified${TAB}"
expect_grep "the print room lists the register" "${ROW}enabled${TAB}文印室$" \
    "$T/out.txt"
as drafter printer list >"$T/out.txt" 2>&1
expect_eq "a drafter does not read the register" 3 $?

# -- Printing into a folder ----------------------------------------------------
D=$(sealed 02-request.txt 3)
expect_eq "02 is sealed" sealed "$(field state "$T/sealed")"
as printer print "$D" --printer 黑白 >"$T/out.txt" 2>&1
expect_eq "a black-and-white printer is refused" 5 $?
expect_grep "the refusal cites Flow 2" "Flow 2" "$T/out.txt"
as printer print "$D" --printer 彩色 --copies 2 >"$T/out.txt" 2>&1
expect_eq "the print room prints two copies" 0 $?
expect_eq "copies 1-2" 1-2 "$(field copies "$T/out.txt")"
expect_grep "each copy and where it went" \
    "^copy: 000002${TAB}$T/prints/doc-$D-v1-000002.pdf$" "$T/out.txt"
expect_eq "the copy carries its number" 000002 \
    "$(pdftotext -l 1 "$T/prints/doc-$D-v1-000002.pdf" - | head -n 1)"
expect_eq "and is a whole PDF" "$(field pages "$T/out.txt")" \
    "$(pdfinfo "$T/prints/doc-$D-v1-000002.pdf" | sed -n 's/^Pages: *//p')"
# Art. 4: a copy cut at the original's length is not the original.
ORIG_LEN=$(stat -c %s "$H/originals/doc-$D-v1.pdf")
head -c "$ORIG_LEN" "$T/prints/doc-$D-v1-000002.pdf" >"$T/x.pdf"
ctl verify "$T/x.pdf" >"$T/v.txt" 2>&1
VERIFIED=$?
if [ "$VERIFIED" -eq 0 ] || grep -q "valid original" "$T/v.txt"; then
	not_ok "a copy cut at the original's length is a valid original"
else
	ok "a copy cut at the original's length is not a valid original"
fi

# -- Printing through CUPS -----------------------------------------------------
cupsd_start "$T/cups"
expect_eq "a private cupsd starts" 0 $?
cupsd_queue Q "$T/q.pdf"
sys printer add 彩色二 --cups Q --colour >/dev/null 2>&1
as printer print "$D" --printer 彩色二 >"$T/out.txt" 2>&1
expect_eq "the last copy prints through CUPS" 0 $?
expect_grep "it names the queue and job" \
    "^copy: 000003${TAB}cups Q job [0-9]*$" "$T/out.txt"
expect_eq "02 is printed" printed "$(field state "$T/out.txt")"
expect_eq "the queue wrote copy 3" 000003 \
    "$(pdftotext -l 1 "$T/q.pdf" - 2>/dev/null | head -n 1)"

E=$(sealed 09-request-gb18030.txt 3)
sys printer add ghost --cups NoSuchQueue --colour >/dev/null 2>&1
as printer print "$E" --printer ghost >"$T/out.txt" 2>"$T/err.txt"
expect_eq "a missing queue fails" 1 $?
expect_grep "the message names the printer" \
    "^esealctl: printer ghost: That printer's print queue does not exist" \
    "$T/err.txt"
expect_eq "the job is logged failed" failed "$(field outcome "$T/out.txt")"
cupsdisable Q
as printer print "$E" --printer 彩色二 >"$T/out.txt" 2>"$T/err.txt"
expect_grep "a stopped queue says so" \
    "^esealctl: printer 彩色二: That printer's print queue is stopped" \
    "$T/err.txt"
cupsenable Q
cupsd_stop
as printer print "$E" --printer 彩色二 >"$T/out.txt" 2>"$T/err.txt"
expect_grep "a scheduler that is not running says so" \
    "^esealctl: printer 彩色二: The print service (CUPS) is not running" \
    "$T/err.txt"
as printer doc show "$E" >"$T/show" 2>&1
FAILED="^print${TAB}[0-9]*${TAB}1${TAB}1-3${TAB}failed${TAB}"
expect_eq "three failed jobs, no copy consumed" 3 \
    "$(grep -c "$FAILED" "$T/show")"
as printer print "$E" --printer 彩色 >"$T/out.txt" 2>&1
expect_eq "the retry takes copies 1-3" 1-3 "$(field copies "$T/out.txt")"

# -- Printers leave the register ---------------------------------------------
sys printer remove 彩色 >"$T/out.txt" 2>&1
expect_eq "a printer the log names is not removed" 1 $?
expect_grep "the refusal says to disable it" "disable it instead" "$T/out.txt"
sys printer disable 彩色 >/dev/null 2>&1
F=$(sealed 02-request.txt 3)
as printer print "$F" --printer 彩色 >"$T/out.txt" 2>&1
expect_eq "a disabled printer is refused" 5 $?
sys printer remove rel >"$T/out.txt" 2>&1
expect_eq "an unused printer is removed" 0 $?
as printer print "$F" --printer rel >"$T/out.txt" 2>"$T/err.txt"
expect_eq "a printer gone from the register" 4 $?
expect_grep "is named" "^esealctl: printer rel: " "$T/err.txt"

finish
