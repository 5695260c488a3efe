#!/bin/sh
# settle.sh -- a print job cut short on a folder printer: SIGTERM stops
# it between copies like Ctrl-C, and the print log counts the copies in
# the folder; a job left pending by kill -9 is settled from the copies
# the folder holds, by 'print --settle' and by '--done' alike, never from
# what someone claims.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/ws.sh"
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
# sealed: a copy of sample 02 for 40 copies, approved, sent and sealed.
sealed() {
	sed 's/^copies: .*/copies: 40/' "$CORPUS/02-request.txt" >"$T/doc40.txt"
	as drafter doc new --import "$T/doc40.txt" >"$T/new" 2>&1
	sealed_id=$(field id "$T/new")
	as drafter doc submit "$sealed_id" >/dev/null 2>&1
	as chief doc approve "$sealed_id" >/dev/null 2>&1
	as drafter doc send "$sealed_id" >/dev/null 2>&1
	printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user clerk --password-fd 0 doc seal "$sealed_id" --seal SEAL-001 \
	    --copies 40 >"$T/sealed" 2>&1
	echo "$sealed_id"
}
# copies_in DOC: how many copies of DOC's version 1 the folder holds.
copies_in() { ls "$T/prints" 2>/dev/null | grep -c "^doc-$1-v1-.*\.pdf$"; }
# print_until DOC N SIG: print DOC's 40 copies; once N are in the
# folder, send SIG to esealctl and wait for it.  The job waits after
# copy N (ESEAL_TEST_PRINT_PAUSE, a test build's switch), since copies
# are made faster than the folder can be watched.
print_until() {
	printf '%s\n' "$PW" >"$T/pw"
	ESEAL_TEST_PRINT_PAUSE=$2 LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user printer --password-fd 3 \
	    print "$1" --printer 彩色 3<"$T/pw" >"$T/print.out" 2>&1 &
	pid=$!
	i=0
	while [ "$(copies_in "$1")" -lt "$2" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -"$3" "$pid" 2>/dev/null
	wait "$pid"
	print_rc=$?
}

ws_office "示范市示范区司法局" Sys-admin-2026 Sec-admin-2026
sys dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_print_office "办公室" "$PW"
ws_seal "示范市示范区司法局" "示范市示范区司法局" >/dev/null 2>&1
sys printer add 彩色 --folder "$T/prints" --colour >/dev/null 2>&1

# -- SIGTERM stops the job between copies, and the log counts them -------
D=$(sealed)
expect_eq "the document is sealed for 40 copies" sealed \
    "$(field state "$T/sealed")"
print_until "$D" 2 TERM
n=$(copies_in "$D")
expect_eq "esealctl print stopped by SIGTERM exits 1" 1 "$print_rc"
expect_eq "it reports the job cancelled" cancelled \
    "$(field outcome "$T/print.out")"
expect_eq "the copies it counts are those in the folder" "$n" \
    "$(field printed "$T/print.out")"
as printer print "$D" --printer 彩色 --copies 1 >"$T/out" 2>&1
expect_eq "no job is left pending: the next copy prints" 0 $?
expect_eq "and it is the next number" \
    "$(printf '%06d-%06d' $((n + 1)) $((n + 1)))" \
    "$(field copies "$T/out" | awk -F- '{ printf "%06d-%06d", $1, $2 }')"

# -- kill -9 leaves the job pending: it is settled from the folder -------
E=$(sealed)
print_until "$E" 3 KILL
n=$(copies_in "$E")
as printer print "$E" --printer 彩色 >"$T/out" 2>&1
expect_eq "a job left pending blocks the next one" 5 $?
as printer doc show "$E" >"$T/show" 2>&1
job=$(sed -n "s/^print${TAB}\\([0-9]*\\)${TAB}.*${TAB}pending${TAB}.*/\\1/p" \
    "$T/show" | head -n 1)
[ -n "$job" ] && ok "doc show lists the pending job ($job)" ||
    { not_ok "doc show lists the pending job"; sed 's/^/    /' "$T/show"; }
as printer print --done "$job" >"$T/out" 2>&1
expect_eq "print --done on a folder printer exits 0" 0 $?
expect_eq "it counts the copies in the folder, not all 40" "$n" \
    "$(field printed "$T/out")"
as printer print --settle "$job" >"$T/out" 2>&1
expect_eq "a settled job cannot be settled again" 5 $?
as printer print "$E" --printer 彩色 --copies 1 >"$T/out" 2>&1
expect_eq "printing goes on with the next copy" 0 $?
expect_eq "numbered after the copies found" $((n + 1)) \
    "$(field copies "$T/out" | sed 's/-.*//')"

# -- settling counts only copies written since the job started ----------
# The folder already holds copies 2 and 3 of the document, written 35 s
# before the job (another workspace sharing it, a restored backup); the
# job runs on a fake clock an hour behind, so only the real start it
# records tells its copies from those.
F=$(sealed)
now=$(date +%s)
mkdir -p "$T/prints"
for c in 000002 000003; do
	echo stale >"$T/prints/doc-$F-v1-$c.pdf"
	touch -d "@$((now - 35))" "$T/prints/doc-$F-v1-$c.pdf"
done
printf '%s\n' "$PW" >"$T/pw"
ESEAL_FAKE_TIME=$((now - 3600)) ESEAL_TEST_PRINT_PAUSE=1 LC_ALL=C \
    "$ESEALCTL" --home "$H" --user printer --password-fd 3 \
    print "$F" --printer 彩色 3<"$T/pw" >"$T/print.out" 2>&1 &
pid=$!
i=0
while [ ! -e "$T/prints/doc-$F-v1-000001.pdf" ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -KILL "$pid" 2>/dev/null
wait "$pid"
as printer doc show "$F" >"$T/show" 2>&1
job=$(sed -n "s/^print${TAB}\\([0-9]*\\)${TAB}.*${TAB}pending${TAB}.*/\\1/p" \
    "$T/show" | head -n 1)
[ -n "$job" ] && ok "the killed job is left pending ($job)" ||
    { not_ok "the killed job is left pending"; sed 's/^/    /' "$T/show"; }
as printer print --settle "$job" >"$T/out" 2>&1
expect_eq "print --settle exits 0" 0 $?
expect_eq "it counts the one copy the job wrote, not the older files" 1 \
    "$(field printed "$T/out")"
as printer print "$F" --printer 彩色 --copies 1 >"$T/out" 2>&1
expect_eq "printing goes on with copy 2" 2 \
    "$(field copies "$T/out" | sed 's/-.*//')"

finish
