#!/bin/sh
# seal.sh -- esealctl seal and verify, run for real: only the office
# director with the custodian makes a seal, every check of "verify" is
# printed with its result and the documented exit status, each damaged
# part fails the right check, other bodies verify with the exported root
# and list, and proxy custody and grants work from the command line.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

H="$T/ws"
TOOL="$abs_top_builddir/tests/cli/ses_tool"
ctl() { LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" "$@"; }
# as USER ARGS...: run esealctl as USER, the password on stdin.
as() {
	u=$1
	shift
	printf '%s\n' "$PW" | ctl --user "$u" --password-fd 0 "$@"
}
PW=Pw-User-2026x
KEY=Key-Pass-2026!

ctl init --bureau "示例市司法局" >"$T/init" 2>/dev/null
expect_eq "init" 0 $?
for a in sysadmin secadmin; do
	p=$(awk -v a=$a '$2 == a { print $4 }' "$T/init")
	printf '%s\n%s\n' "$p" "$PW" | ctl --user $a --password-fd 0 passwd
done
for u in zhou wang li zhang; do
	as sysadmin user add $u >"$T/add.$u"
done
as secadmin user roles zhou office-director >/dev/null
as secadmin user roles wang clerk >/dev/null
as secadmin user roles li clerk >/dev/null
as secadmin user roles zhang drafter >/dev/null
for u in zhou wang li zhang; do
	printf '%s\n%s\n' "$(awk '{ print $2 }' "$T/add.$u")" "$PW" |
	    ctl --user $u --password-fd 0 passwd
done

# Making a seal: the office director with the custodian, both present.
add() {
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEY" | ctl --user "$1" \
	    --password-fd 0 seal add "$2" --name "示例市司法局行政复议专用章" \
	    --body "示例市司法局" --purpose "行政复议专用" --custodian "$3"
}
add zhang 4401-2026-001 wang >"$T/out" 2>&1
expect_eq "a drafter may not make a seal" 3 $?
add zhou 4401-2026-001 zhang >"$T/out" 2>&1
expect_eq "a drafter may not be a custodian" 3 $?
add zhou 4401-2026-001 wang >"$T/out" 2>&1
expect_eq "the office director and the clerk make a seal" 0 $?
expect_grep "add prints the seal" "^seal: 4401-2026-001 1$" "$T/out"
printf 'not a picture' >"$T/bad.png"
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEY" | ctl --user zhou --password-fd 0 \
    seal add 4401-2026-002 --name X --body X --custodian wang \
    --impression "$T/bad.png" >"$T/out" 2>&1
expect_eq "a bad impression is refused" 1 $?
expect_grep "the refusal says why" "not a readable PNG" "$T/out"
# A picture of 12 pixels at 600 dpi is half a millimetre: registered as
# a 1 mm seal it would be 305 dpi at every sealing, so it is refused now,
# with the sealing's own reason, and nothing is registered.
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEY" | ctl --user zhou --password-fd 0 \
    seal add 4401-2026-090 --name X --body X --custodian wang \
    --impression "$abs_top_srcdir/tests/cli/impression-12px.png" \
    >"$T/out" 2>&1
expect_eq "a picture too small for its seal is refused" 1 $?
expect_grep "with the sealing's reason" "below 600 dpi at its physical size" \
    "$T/out"
as li seal list >"$T/out" 2>&1
expect_eq "and the seal is not registered" 0 \
    "$(grep -c '^4401-2026-090' "$T/out")"
for d in 10 80 5; do
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEY" | ctl --user zhou \
	    --password-fd 0 seal add 4401-2026-002 --name X --body X \
	    --custodian wang --diameter $d >"$T/out" 2>&1
	expect_eq "a $d mm seal is refused as a usage error" 2 $?
	expect_grep "saying that Art. 5 fixes 42 mm" "42 mm across (Art. 5)" \
	    "$T/out"
done

as li seal list >"$T/out" 2>&1
expect_grep "the register lists the seal" "^4401-2026-001	active	" "$T/out"
as li seal show 4401-2026-001 >"$T/show" 2>&1
expect_grep "show gives the certificate" "^certificate: serial 03, issued by 示例市司法局印章根证书" "$T/show"
expect_grep "show gives the history" "ACT_SEAL_ADD	ok	took custody" "$T/show"

# A signed file verifies, each check printed.
printf '%%PDF-1.5\n%% a sealed document\n%%%%EOF\n' >"$T/doc.pdf"
"$TOOL" sign "$H" 4401-2026-001 "$KEY" "$T/doc.pdf" "$T/doc.pdf.sig"
expect_eq "the test tool signs" 0 $?
ctl verify "$T/doc.pdf" >"$T/v" 2>&1
expect_eq "verify: a valid original exits 0" 0 $?
expect_eq "verify prints seven checks, all ok" 7 "$(grep -c '^check [1-7] [a-z-]*: ok: ' "$T/v")"
expect_grep "verify names the seal" '^seal: 4401-2026-001 "示例市司法局行政复议专用章" (vendor eseal)$' "$T/v"
expect_grep "verify gives the verdict" "^result: valid original$" "$T/v"

# A copy that differs, and each damaged part of the signature.
printf ' ' >>"$T/doc.pdf"
ctl verify "$T/doc.pdf" "$T/doc.pdf.sig" >"$T/v" 2>&1
expect_eq "verify: a changed file exits 7" 7 $?
expect_grep "the data hash fails" "^check 5 data-hash: FAILED" "$T/v"
expect_grep "it is not the original" "^check 7 original: FAILED: the bytes differ" "$T/v"
expect_grep "the signature itself still holds" "^check 2 signature: ok" "$T/v"
printf '%%PDF-1.5\n%% a sealed document\n%%%%EOF\n' >"$T/doc.pdf"

# tamper PART CHECKS: exactly the checks CHECKS (digits) fail.  The
# signature is dated a minute on, so that a second more or less in its
# time cannot fall before the seal's validity.
"$TOOL" sign "$H" 4401-2026-001 "$KEY" "$T/doc.pdf" "$T/later.sig" 60
tamper() {
	cp "$T/later.sig" "$T/bad.sig"
	"$TOOL" flip "$T/bad.sig" "$1"
	ctl verify "$T/doc.pdf" "$T/bad.sig" >"$T/v" 2>&1
	expect_eq "verify: damaged $1 exits 7" 7 $?
	bad=$(sed -n 's/^check \([1-7]\) [a-z-]*: FAILED.*/\1/p' "$T/v" | tr -d '\n')
	expect_eq "damaged $1 fails checks $2" "$2" "$bad"
}
tamper time 2
tamper hash 257
tamper value 2
tamper cert 34
tamper seal 26

ctl verify "$T/nothing.pdf" >"$T/out" 2>&1
expect_eq "verify: an unreadable file exits 6" 6 $?
ctl verify >"$T/out" 2>&1
expect_eq "verify: no file is bad usage" 2 $?

# Many files at once (--each): on two threads, each file's lines as
# when it is verified alone, in the order given, and the highest status.
i=1
while [ $i -le 9 ]; do
	printf '%%PDF-1.5\n%% sealed document %d\n%%%%EOF\n' $i >"$T/m$i.pdf"
	"$TOOL" sign "$H" 4401-2026-001 "$KEY" "$T/m$i.pdf" "$T/m$i.pdf.sig"
	i=$((i + 1))
done
printf ' ' >>"$T/m4.pdf"
: >"$T/alone"
for f in m1 m2 m3 m4 m5 m6 m7 m8 m9; do
	ctl verify "$T/$f.pdf" >>"$T/alone" 2>/dev/null
done
ctl verify --jobs 2 --each "$T"/m[1-9].pdf >"$T/each" 2>&1
expect_eq "verify --each: one changed file exits 7" 7 $?
expect_eq "verify --each prints each file as alone, in order" "" "$(diff "$T/alone" "$T/each")"
ctl verify --jobs 1 --each "$T"/m[1-9].pdf >"$T/each1" 2>&1
expect_eq "one worker prints the same" "" "$(diff "$T/each" "$T/each1")"
ctl verify --each "$T/m1.pdf" "$T/m2.pdf" >"$T/out" 2>&1
expect_eq "verify --each: valid originals exit 0" 0 $?
expect_eq "verify --each: two verdicts" 2 "$(grep -c '^result: valid original$' "$T/out")"
ctl verify --each "$T/m1.pdf" "$T/nothing.pdf" >"$T/out" 2>&1
expect_eq "verify --each: an unreadable file exits 6" 6 $?
expect_grep "the readable one is still checked" "^result: valid original$" "$T/out"
# A FIFO or a folder named as a file is refused at once, not read.
mkfifo "$T/fifo.pdf"
timeout 20 env LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" verify --each "$T/m1.pdf" "$T/fifo.pdf" \
    >"$T/out" 2>&1
expect_eq "verify --each: a FIFO is not waited on (exit 6)" 6 $?
expect_grep "a FIFO is named as no ordinary file" "not an ordinary file" "$T/out"
timeout 20 env LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" verify "$T" >"$T/out" 2>&1
expect_eq "verify: a folder is refused (exit 6)" 6 $?
ctl verify --jobs 0 --each "$T/m1.pdf" >"$T/out" 2>&1
expect_eq "verify: --jobs 0 is bad usage" 2 $?

# Another body verifies with the exported root and list, no workspace.
ctl seal export-root "$T/root.pem" >"$T/out" 2>&1
expect_eq "export-root needs no login" 0 $?
if command -v openssl >/dev/null; then
	openssl x509 -in "$T/root.pem" -noout -text >"$T/out" 2>&1
	expect_grep "OpenSSL reads the root" "SM2-with-SM3" "$T/out"
fi
O="$T/elsewhere"
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O" verify --root "$T/root.pem" \
    "$T/doc.pdf" >"$T/v" 2>&1
expect_eq "without the list, verify fails" 7 $?
expect_grep "and says the list is missing" "^check 3 signer-certificate: FAILED: no revocation list" "$T/v"
as zhang seal export-crl "$T/crl.pem" >"$T/out" 2>&1
expect_eq "a drafter may not export the list" 3 $?
as wang seal export-crl "$T/crl.pem" >"$T/out" 2>&1
expect_eq "the clerk exports the list" 0 $?
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O" verify --root "$T/root.pem" \
    --crl "$T/crl.pem" "$T/doc.pdf" >"$T/v" 2>&1
expect_eq "with root and list, verify passes elsewhere" 0 $?

# Another workspace imports this office's root and list.
O2="$T/other"
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" init --bureau "示例市人民法院" >"$T/init2" 2>/dev/null
p=$(awk '$2 == "secadmin" { print $4 }' "$T/init2")
printf '%s\n%s\n' "$p" "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" \
    --user secadmin --password-fd 0 passwd
p=$(awk '$2 == "sysadmin" { print $4 }' "$T/init2")
printf '%s\n%s\n' "$p" "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" \
    --user sysadmin --password-fd 0 passwd
printf '%s\n' "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" --user sysadmin \
    --password-fd 0 user add qian >"$T/add.qian"
printf '%s\n' "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" --user secadmin \
    --password-fd 0 user roles qian office-director >/dev/null
printf '%s\n%s\n' "$(awk '{ print $2 }' "$T/add.qian")" "$PW" |
    LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" --user qian --password-fd 0 passwd
o2() { printf '%s\n' "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" --user qian --password-fd 0 "$@"; }
o2 seal import-root "$T/root.pem" >"$T/out" 2>&1
expect_eq "the other office imports the root" 0 $?
o2 seal import-crl "$T/crl.pem" >"$T/out" 2>&1
expect_eq "and the list" 0 $?
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$O2" verify "$T/doc.pdf" >"$T/v" 2>&1
expect_eq "the other office verifies our signature" 0 $?

# Suspension: a signature made before it stays valid, one after is not.
as wang seal suspend 4401-2026-001 --reason "检查" >"$T/out" 2>&1
expect_eq "a clerk may not suspend" 3 $?
sleep 1
as zhou seal suspend 4401-2026-001 --reason "检查" >"$T/out" 2>&1
expect_eq "the office director suspends" 0 $?
ctl verify "$T/doc.pdf" >"$T/v" 2>&1
expect_eq "signed before the suspension: still valid" 0 $?
sleep 1
"$TOOL" sign "$H" 4401-2026-001 "$KEY" "$T/doc.pdf" "$T/late.sig"
ctl verify "$T/doc.pdf" "$T/late.sig" >"$T/v" 2>&1
expect_eq "signed while suspended: not valid" 7 $?
expect_grep "the certificate was suspended" "^check 3 signer-certificate: FAILED: suspended since" "$T/v"
as zhou seal resume 4401-2026-001 --reason "无误" >"$T/out" 2>&1
expect_eq "the office director resumes" 0 $?

# Proxy custody from the command line: ask, approve, hand over, return.
now=$(date +%s)
as wang seal custody request 4401-2026-001 --proxy wang --from "@$now" \
    --until "@$((now + 86400))" --reason "出差" >"$T/out" 2>&1
expect_eq "the custodian as own proxy: not allowed (3)" 3 $?
expect_grep "the refusal names the two people" "two different people" "$T/out"
as wang seal custody request 4401-2026-001 --proxy li --from "@$now" \
    --until "@$((now + 86400))" --reason "出差" >"$T/out" 2>&1
expect_eq "the custodian asks for a proxy" 0 $?
cid=$(sed -n 's/^custody: \([0-9]*\) requested$/\1/p' "$T/out")
as zhou seal custody pending >"$T/out" 2>&1
expect_grep "the director sees the request" "^$cid	proxy	requested	" "$T/out"
as zhou seal custody approve "$cid" >"$T/out" 2>&1
expect_eq "the office director approves" 0 $?
printf '%s\n%s\n%s\n%s\n' "$PW" "$PW" "$KEY" "Proxy-Key-2026!" | ctl --user wang \
    --password-fd 0 seal custody handover "$cid" --proxy li >"$T/out" 2>&1
expect_eq "custodian and proxy hand over" 0 $?
as li seal custody list 4401-2026-001 >"$T/out" 2>&1
expect_grep "the custody is active" "^$cid	proxy	active	" "$T/out"
printf '%s\n%s\n' "$PW" "$PW" | ctl --user wang --password-fd 0 \
    seal custody return "$cid" --proxy li >"$T/out" 2>&1
expect_eq "both return it" 0 $?
as li seal grant list 4401-2026-001 >"$T/out" 2>&1
expect_eq "grants are listed" 2 "$(wc -l <"$T/out")"

# A day alone given to --until lasts to its end, as on the screen.
TZ=UTC
export TZ
day=$(date -d "@$((now + 2 * 86400))" +%Y-%m-%d)
as wang seal custody request 4401-2026-001 --proxy li \
    --from "@$now" --until "$day" --reason "出差" >"$T/out" 2>&1
expect_eq "a request until a day" 0 $?
cid=$(sed -n 's/^custody: \([0-9]*\) requested$/\1/p' "$T/out")
as li seal custody list 4401-2026-001 >"$T/out" 2>&1
expect_grep "it lasts to the end of that day" \
    "^$cid	proxy	requested	.*	$day 23:59:59 UTC	-	-\$" "$T/out"
ctl seal --help >"$T/out" 2>&1
expect_grep "the help gives the handover's password order" \
    "the custodian's key password and" "$T/out"

ctl verify --help >"$T/out" 2>&1
expect_grep "verify explains its exit status" "7 a check failed" "$T/out"

finish
