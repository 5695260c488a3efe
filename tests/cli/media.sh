#!/bin/sh
# media.sh -- exporting reports to removable media (Art. 11), run for
# real: only media the security administrator registered are offered;
# an export is complete and verifies, or leaves nothing that looks
# complete and can be run again, whether the medium is full, read-only
# or pulled out in the middle; every export is audited.
#
# Everyone: a directory registered as a medium (the test mode of test
# builds), filled up through the file-size limit, made read-only with
# chmod (not as root: root ignores it).  As root (CI): a real ext2 file
# system on a 2 MB loop-mounted image, found through the mount table by
# its UUID, filled up with dd, remounted read-only, and unmounted
# (umount -l) while an export is half written.  As root, a step that
# cannot be set up fails: it is never skipped.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/cli/report_ws.sh"

MNT="$T/mnt"
IMG="$T/stick.img"
# Never leave a mount behind, whatever happens.
trap 'umount -l "$MNT" 2>/dev/null; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
export ESEAL_TEST_MEDIA_DIRS=1

# exports DIR: the exports on DIR that look complete
exports() { ls "$1" | grep -c '^eseal-'; }
# leftovers DIR: unfinished exports left on DIR
leftovers() { ls -a "$1" | grep -c '^\.eseal-.*\.part$'; }
export_to() {
	export_to_m=$1
	shift
	as clerk report export --medium "$export_to_m" --month 2026-01 "$@"
}

# -- The register ------------------------------------------------------------
STICK="$T/stick"
mkdir "$STICK"
export_to "$STICK" >"$T/out" 2>&1
expect_eq "an unregistered medium is refused" 3 $?
expect_grep "the refusal says it is not registered" "not registered" "$T/out"
expect_eq "nothing is written to it" 0 "$(ls -A "$STICK" | wc -l)"
as clerk media register "$STICK" >"$T/out" 2>&1
expect_eq "a clerk may not register media" 3 $?
as secadmin media register "not a uuid" >"$T/out" 2>&1
expect_eq "a malformed UUID is refused" 2 $?
as secadmin media register "$STICK" --label "办公室U盘" >"$T/out" 2>&1
expect_eq "the security administrator registers it" 0 $?
as secadmin media register "$STICK" >"$T/out" 2>&1
expect_eq "registering twice is refused" 1 $?
as secadmin media list >"$T/out" 2>&1
expect_grep "the register lists it, mounted" \
    "^$STICK	办公室U盘	registered	$STICK	" "$T/out"
as clerk media list >"$T/out" 2>&1
expect_grep "the clerk is offered it" "^$STICK	办公室U盘	registered	" "$T/out"
as drafter media list >"$T/out" 2>&1
expect_eq "a drafter is offered nothing" 3 $?

# -- A complete export -------------------------------------------------------
export_to "$STICK" >"$T/out" 2>&1
expect_eq "the clerk exports January" 0 $?
E=$(field exported "$T/out")
expect_eq "the export is one directory" 1 "$(exports "$STICK")"
for f in summary.txt summary.csv summary-gb18030.csv summary.pdf \
    registers.txt registers.csv registers-gb18030.csv registers.pdf MANIFEST; do
	[ -s "$E/$f" ] && ok "the export holds $f" || not_ok "no $f in $E"
done
expect_eq "nothing unfinished is left" 0 "$(leftovers "$STICK")"
ctl report verify "$E/MANIFEST" >"$T/out" 2>&1
expect_eq "the export verifies" 0 $?
expect_grep "each file is checked" "^summary.pdf: good$" "$T/out"
ctl seal export-root "$T/root.pem" >/dev/null 2>&1
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$T/nowhere" report verify "$E/MANIFEST" \
    --root "$T/root.pem" >"$T/out" 2>&1
expect_eq "the archive verifies with the office's root alone" 0 $?

# One byte of one file changed, then the manifest itself.
cp -r "$E" "$T/copy"
printf 'X' | dd of="$T/copy/summary.csv" bs=1 seek=40 conv=notrunc 2>/dev/null
ctl report verify "$T/copy/MANIFEST" >"$T/out" 2>&1
expect_eq "one changed byte fails the check" 7 $?
expect_grep "naming the file" "^summary.csv: changed since the export$" "$T/out"
expect_grep "the signature itself is still good" "^signature: good" "$T/out"
cp "$E/summary.csv" "$T/copy/summary.csv"
sed -i 's/^by: clerk/by: office/' "$T/copy/MANIFEST"
ctl report verify "$T/copy/MANIFEST" >"$T/out" 2>&1
expect_eq "a changed manifest fails its signature" 7 $?
expect_grep "the signature is reported bad" "^signature: The signature does not verify" "$T/out"

as auditor audit list --action EXPORT >"$T/out" 2>&1
expect_grep "the export is audited: who, what, where" \
    "clerk.*ACT_EXPORT.*ok.*summary+registers 2026-01-01..2026-01-31 to medium $STICK (办公室U盘)" "$T/out"

# -- A full medium -------------------------------------------------------------
(export ESEAL_TEST_EXPORT_FSIZE=20000; export_to "$STICK") >"$T/out" 2>&1
expect_eq "a full medium fails the export" 6 $?
expect_grep "saying it is full" "full" "$T/out"
expect_grep "and that it may be retried" "can be run again" "$T/out"
expect_eq "no second export looks complete" 1 "$(exports "$STICK")"
expect_eq "the unfinished one is removed" 0 "$(leftovers "$STICK")"
as auditor audit list --action EXPORT >"$T/out" 2>&1
expect_grep "the failure is audited" "ACT_EXPORT.*failed.*STATUS_NO_SPACE" "$T/out"
export_to "$STICK" >"$T/out" 2>&1
expect_eq "once there is room the export runs again" 0 $?
expect_eq "two exports now" 2 "$(exports "$STICK")"

# -- A read-only directory (root writes anyway: see the loop below) ----------
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$STICK"
	export_to "$STICK" >"$T/out" 2>&1
	expect_eq "a read-only medium fails the export" 6 $?
	expect_grep "saying why" "Permission denied" "$T/out"
	chmod u+w "$STICK"
	expect_eq "and leaves nothing" 2 "$(exports "$STICK")"
fi

as secadmin media revoke "$STICK" >/dev/null 2>&1
export_to "$STICK" >"$T/out" 2>&1
expect_eq "a revoked medium is refused" 3 $?

# -- A real file system, as root -------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	echo "# not root: the loop-mounted file system is tested in CI"
	finish
	exit $?
fi
mkdir "$MNT"
dd if=/dev/zero of="$IMG" bs=1k count=2048 2>/dev/null &&
    mkfs.ext2 -q -m 0 -L ESEALTEST "$IMG"
expect_eq "(root) a 2 MB ext2 image is made" 0 $?
mount -o loop "$IMG" "$MNT"
expect_eq "(root) the image is loop-mounted" 0 $?
export ESEAL_TEST_MEDIA_MOUNTS="$MNT"
UUID=$(blkid -s UUID -o value "$IMG")
expect_eq "(root) blkid reads its UUID" 36 "${#UUID}"

as secadmin media list >"$T/out" 2>&1
expect_grep "the inserted medium is listed by UUID and label" \
    "^$UUID	ESEALTEST	unregistered	$MNT	" "$T/out"
export_to "$UUID" >"$T/out" 2>&1
expect_eq "it is refused until registered" 3 $?
as secadmin media register "$UUID" --label "报表U盘" >/dev/null 2>&1
as clerk media list >"$T/out" 2>&1
expect_grep "then the clerk is offered it" "^$UUID	报表U盘	registered	$MNT	" "$T/out"
export_to "$UUID" >"$T/out" 2>&1
expect_eq "the export to the stick succeeds" 0 $?
ctl report verify "$(field exported "$T/out")/MANIFEST" >/dev/null 2>&1
expect_eq "and verifies" 0 $?

# Full.
dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
sync
export_to "$UUID" >"$T/out" 2>&1
expect_eq "the full stick fails the export" 6 $?
expect_grep "saying it is full" "full" "$T/out"
expect_eq "no second export looks complete" 1 "$(exports "$MNT")"
expect_eq "nothing unfinished is left" 0 "$(leftovers "$MNT")"
rm -f "$MNT/fill"
export_to "$UUID" >"$T/out" 2>&1
expect_eq "after freeing space it succeeds" 0 $?

# Read-only.
mount -o remount,ro "$MNT"
expect_eq "(root) the stick is remounted read-only" 0 $?
export_to "$UUID" >"$T/out" 2>&1
expect_eq "the read-only stick fails the export" 6 $?
expect_grep "saying it is read-only" "read-only" "$T/out"
mount -o remount,rw "$MNT"
expect_eq "nothing was written" 2 "$(exports "$MNT")"

# Pulled out after the first file: the export waits for the test.
rm -f "$T/pause.ready" "$T/pause.go"
(export ESEAL_TEST_EXPORT_PAUSE="$T/pause"; export_to "$UUID") >"$T/out" 2>&1 &
pid=$!
i=0
while [ ! -e "$T/pause.ready" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
expect_eq "(root) the export is half written" yes \
    "$([ -e "$T/pause.ready" ] && echo yes)"
umount -l "$MNT"
expect_eq "(root) the stick is pulled out" 0 $?
touch "$T/pause.go"
wait $pid
expect_eq "the export fails when the stick is pulled out" 6 $?
expect_grep "saying it was removed" "removed" "$T/out"
mount -o loop "$IMG" "$MNT"
expect_eq "(root) the stick is put back" 0 $?
expect_eq "no third export looks complete" 2 "$(exports "$MNT")"
expect_eq "what was half written is hidden" 1 "$(leftovers "$MNT")"
export_to "$UUID" >"$T/out" 2>&1
expect_eq "the export is run again" 0 $?
expect_eq "three exports" 3 "$(exports "$MNT")"
expect_eq "and the unfinished one is cleared away" 0 "$(leftovers "$MNT")"
umount "$MNT"
expect_eq "(root) the stick is unmounted cleanly" 0 $?

finish
