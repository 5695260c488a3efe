#!/bin/sh
# ctl.sh -- esealctl check, backup, restore and dump on real workspaces:
# exit codes, messages, and dump never showing a secret.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
MKWS="$abs_top_builddir/tests/store/mkws"
export LC_ALL=C

"$MKWS" "$T/ws" || { echo "mkws failed"; exit 1; }

"$ESEALCTL" --home "$T/ws" check >"$T/out" 2>&1
expect_eq "check of a sound workspace exits 0" 0 $?
expect_grep "check says so" "no faults" "$T/out"

# The shared cache a workspace is made with, as a maintainer sees it
# (the store's tests assert the workspace gets it).
"$ESEALCTL" info >"$T/out" 2>&1
expect_grep "info shows the workspace cache" "^cache: 8 MiB\$" "$T/out"

# A region file cut short (a copy, a full disk) is damage the log can
# repair: never a crash of the program (it was SIGBUS, exit 135).
for _r in __db.001 __db.002; do
	cp -a "$T/ws" "$T/cut"
	truncate -s 1000000 "$T/cut/$_r"
	"$ESEALCTL" --home "$T/cut" check >"$T/out" 2>&1
	expect_eq "check with $_r cut short exits 0" 0 $?
	expect_grep "and finds nothing lost" "no faults" "$T/out"
	truncate -s 1000 "$T/cut/$_r"
	"$ESEALCTL" --home "$T/cut" dump user >"$T/out" 2>&1
	expect_eq "dump with $_r cut short again exits 0" 0 $?
	expect_grep "and shows the records" "^\[user 1\]" "$T/out"
	rm -rf "$T/cut"
done

# A workspace an older eseal wrote (ESEAL_TEST_SCHEMA, a test build's
# switch, makes one): check asks for the upgrade instead of counting the
# indexes the upgrade adds as faults and advising a restore.
ESEAL_TEST_SCHEMA=4 "$MKWS" "$T/old" || not_ok "mkws at schema 4 failed"
"$ESEALCTL" --home "$T/old" check >"$T/out" 2>&1
expect_eq "check of an older workspace exits 1" 1 $?
expect_grep "and asks for the upgrade" "esealctl upgrade" "$T/out"
if grep -q "restore\|fault" "$T/out"; then
	not_ok "check of an older workspace speaks of faults or a restore"
else
	ok "without speaking of faults or a restore"
fi
# A real older eseal never made the files of the later indexes: their
# absence is no damage either, for check nor for backup, which copies
# the workspace as it is, so that it can be backed up before its
# upgrade; restored by the older program it is as it was, and upgrades.
cp -a "$T/old" "$T/older" && rm -f "$T/older/doc-grams.db"
"$ESEALCTL" --home "$T/older" check >"$T/out" 2>&1
expect_eq "check of an older workspace without the new files exits 1" 1 $?
expect_grep "and asks for the upgrade too" "esealctl upgrade" "$T/out"
"$ESEALCTL" --home "$T/older" backup "$T/older-bk" >"$T/out" 2>&1
expect_eq "backup of an older workspace exits 0" 0 $?
expect_grep "backup says so" "backed up into" "$T/out"
expect_grep "the backup keeps its schema" "^schema: 4$" \
    "$T/older-bk/eseal-backup"
ESEAL_TEST_SCHEMA=4 "$ESEALCTL" --home "$T/older-rs" restore \
    "$T/older-bk" >"$T/out" 2>&1
expect_eq "the older program restores the backup (exit 0)" 0 $?
ESEAL_TEST_SCHEMA=4 "$ESEALCTL" --home "$T/older-rs" check >"$T/out" 2>&1
expect_eq "which it checks clean (exit 0)" 0 $?
"$ESEALCTL" --home "$T/older-rs" upgrade >"$T/out" 2>&1
expect_eq "the restored workspace upgrades (exit 0)" 0 $?
"$ESEALCTL" --home "$T/older-rs" check >"$T/out" 2>&1
expect_eq "and then checks clean" 0 $?
rm -rf "$T/older" "$T/older-bk" "$T/older-rs"
"$ESEALCTL" --home "$T/old" upgrade >"$T/out" 2>&1
expect_eq "upgrade exits 0" 0 $?
expect_grep "upgrade says what it did" "upgraded to schema" "$T/out"
"$ESEALCTL" --home "$T/old" check >"$T/out" 2>&1
expect_eq "the upgraded workspace checks clean" 0 $?
"$ESEALCTL" --home "$T/old" upgrade >"$T/out" 2>&1
expect_grep "a second upgrade has nothing to do" "nothing to upgrade" "$T/out"
# The older program's check of the upgraded workspace names the newer
# version and never advises a restore, which would lose its records.
ESEAL_TEST_SCHEMA=4 "$ESEALCTL" --home "$T/old" check >"$T/out" 2>&1
expect_eq "an older check of a newer workspace exits 1" 1 $?
expect_grep "and names the newer version" "newer version of eseal" "$T/out"
if grep -q "restore\|fault" "$T/out"; then
	not_ok "an older check of a newer workspace advises a restore"
else
	ok "without speaking of faults or a restore"
fi
rm -rf "$T/old"

"$ESEALCTL" --home "$T/nowhere" check >"$T/out" 2>&1
expect_eq "check of a missing workspace exits 4" 4 $?
expect_grep "check names the problem" "No workspace" "$T/out"
[ ! -e "$T/nowhere" ] && ok "check creates nothing" || not_ok "check created $T/nowhere"

"$ESEALCTL" --home "$T/ws" dump >"$T/dump" 2>&1
expect_eq "dump exits 0" 0 $?
expect_grep "dump shows users" "^\[user 1\]" "$T/dump"
expect_grep "dump shows audit entries" "^\[audit 2\]" "$T/dump"
expect_grep "dump masks the password hash" "^pw_hash: (set, 17 bytes)" "$T/dump"
expect_grep "dump masks wrapped keys" "^wrapped_key: (set, 17 bytes)" "$T/dump"
if grep -q "SECRET" "$T/dump" || grep -qi "5345435245542d48" "$T/dump"; then
	not_ok "dump printed a secret"
else
	ok "dump prints no secret, in text or hex"
fi

"$ESEALCTL" --home "$T/ws" dump user >"$T/dump" 2>&1
expect_eq "dump user exits 0" 0 $?
if grep -q "^\[doc " "$T/dump"; then not_ok "dump user shows documents"; else ok "dump user shows users only"; fi
"$ESEALCTL" --home "$T/ws" dump nonsense >"$T/out" 2>&1
expect_eq "dump of an unknown kind exits 2" 2 $?

"$ESEALCTL" --home "$T/ws" backup "$T/bak" >"$T/out" 2>&1
expect_eq "backup exits 0" 0 $?
"$ESEALCTL" --home "$T/ws" backup "$T/bak" >"$T/out" 2>&1
expect_eq "backup into a used folder exits 1" 1 $?
expect_grep "backup says why" "not empty" "$T/out"

# A target that exists and is no folder (a pipe, a file) is called what
# it is, not a folder that is not empty; the pipe is never opened.
mkfifo "$T/pipe"
: >"$T/file"
for _t in pipe file; do
	"$ESEALCTL" --home "$T/ws" backup "$T/$_t" >"$T/out" 2>&1
	expect_eq "backup into a $_t exits 1" 1 $?
	expect_grep "backup into a $_t says it needs a folder" \
	    "$_t: A backup goes into a new or empty folder" "$T/out"
	if grep -q "not empty" "$T/out"; then
		not_ok "backup into a $_t says 'not empty'"
	else
		ok "backup into a $_t does not say 'not empty'"
	fi
done

"$ESEALCTL" --home "$T/ws2" restore "$T/bak" >"$T/out" 2>&1
expect_eq "restore into a new directory exits 0" 0 $?
"$ESEALCTL" --home "$T/ws2" check >"$T/out" 2>&1
expect_eq "the restored workspace checks clean" 0 $?
"$ESEALCTL" --home "$T/ws2" dump >"$T/dump2" 2>&1
"$ESEALCTL" --home "$T/ws" dump >"$T/dump1" 2>&1
sed 1d "$T/dump1" >"$T/d1"; sed 1d "$T/dump2" >"$T/d2"
if cmp -s "$T/d1" "$T/d2"; then ok "the restore holds every record"; else not_ok "the restore differs"; fi

"$ESEALCTL" --home "$T/ws" restore "$T/bak" >"$T/out" 2>&1
expect_eq "restore over a live workspace exits 1" 1 $?
expect_grep "restore says to use --force" "force" "$T/out"
"$ESEALCTL" --home "$T/ws" restore --force "$T/bak" >"$T/out" 2>&1
expect_eq "restore --force exits 0" 0 $?
# restore --force while another process has the workspace open (here
# esealctl waiting for a password on a pipe) is refused; once it is
# gone, the restore runs.
mkfifo "$T/pwpipe"
"$ESEALCTL" --home "$T/ws" --user nobody --password-fd 3 user list \
    3<"$T/pwpipe" >/dev/null 2>&1 &
holder=$!
exec 4>"$T/pwpipe"
# Until it has the workspace open (it holds eseal.open shared).
i=0
while [ $i -lt 50 ] && { ! command -v flock >/dev/null ||
    flock -n -x "$T/ws/eseal.open" true; }; do
	sleep 0.2
	i=$((i + 1))
done
"$ESEALCTL" --home "$T/ws" restore --force "$T/bak" >"$T/out" 2>&1
expect_eq "restore --force while the workspace is open exits 1" 1 $?
expect_grep "restore says it is open" "has the workspace open" "$T/out"
exec 4>&-
wait "$holder"
"$ESEALCTL" --home "$T/ws" restore --force "$T/bak" >"$T/out" 2>&1
expect_eq "restore --force once it is closed exits 0" 0 $?

"$ESEALCTL" --home "$T/ws3" restore "$T/ws" >"$T/out" 2>&1
expect_eq "restore from a non-backup exits 4" 4 $?

# Garbage over one file: check finds it and exits 1.
dd if=/dev/urandom of="$T/ws2/doc.db" bs=4096 count=4 conv=notrunc 2>/dev/null
"$ESEALCTL" --home "$T/ws2" check >"$T/out" 2>"$T/err"
expect_eq "check of a damaged workspace exits 1" 1 $?
expect_grep "check names the damaged file" "doc.db: damaged" "$T/out"
expect_grep "check counts the faults" "fault" "$T/err"
"$ESEALCTL" --home "$T/ws2" dump user >"$T/out" 2>&1
expect_eq "the other files still dump" 0 $?
expect_grep "with their records" "^\[user 2\]" "$T/out"


# A workspace whose last holder died, in a folder this user may not
# write: recovering it is impossible, and the program says so at once
# (it used to wait for ever on the dead holder's mutex).  The lock
# file's holder (bytes 8-15) names a process that is gone.
"$MKWS" "$T/ro" || not_ok "mkws for the read-only case failed"
printf '\000\000\000\000\000\017\102\077' |
	dd of="$T/ro/eseal.lock" bs=1 seek=8 conv=notrunc 2>/dev/null
chmod 755 "$T"
if [ "$(id -u)" = 0 ]; then
	chown -R nobody "$T/ro"
	as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	as_other=
fi
chmod 555 "$T/ro"
timeout 60 $as_other "$ESEALCTL" --home "$T/ro" dump user >"$T/out" 2>&1
expect_eq "a crashed workspace in a read-only folder is refused" 1 $?
expect_grep "saying recovery needs write access" "write access" "$T/out"
chmod 755 "$T/ro"

finish
