#!/bin/sh
# standalone.sh -- "eseal --standalone" at a work station (Art. 14), by
# keyboard in a real terminal (tmux): the office issues a standalone
# seal for two uses with esealctl; at the station the program shows the
# limits, refuses a wrong one-time secret next to its field and another
# station's document next to the issuing body, then seals a document
# filled in on the spot, saves the sealed PDF and its signature on the
# medium and counts the use; a second F2 without retyping the person
# and the secret spends nothing; with --print-dir and --printer (a
# private cupsd) copy 1 of the sealed document, numbered and not the
# sealed original, is printed right after sealing and the use log
# records it; the office verifies that PDF and takes the
# seal back with the uses and their printing in the audit trail.  F3
# seals a document file (the import format) after showing it, and
# refuses another body's file without spending a use.  A used-up or missing
# package is refused with the reason before the screen opens, and the
# screen speaks Chinese under zh_CN.UTF-8.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"
. "$abs_top_srcdir/tests/lib/cupsd.sh"

trap 'cupsd_stop; tmux_stop; chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
# cupsd's filters may run as lp and must reach the spool under $T.
chmod 0711 "$T"

E=C.UTF-8
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
STATION="示范街道工作站"
export TZ=CST-8 ESEAL_TEST_KDF=1 ESEAL_TEST_MEDIA_DIRS=1
ESEAL_FAKE_TIME=1768010400		# 2026-01-10 10:00; the seal is made now
export ESEAL_FAKE_TIME

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
as sysadmin "$SYS" dept add "$STATION" --prefix "示街" --station \
    >/dev/null 2>&1
ws_user wang '王文书' clerk "$PW"
ws_user zhou '周主任' office-director "$PW"
ws_user sun '孙站长' station-director "$PW"
ws_user liu '刘调解' drafter "$PW"
as secadmin "$SEC" user roles sun station-director --dept "$STATION" \
    >/dev/null 2>&1
as secadmin "$SEC" user roles liu drafter --dept "$STATION" >/dev/null 2>&1
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | ctl --user zhou \
    --password-fd 0 seal add SEAL-001 --name "示例市司法局公文专用章" \
    --body "示例市司法局" --custodian wang >/dev/null 2>&1
STICK="$T/stick"
mkdir "$STICK"
as secadmin "$SEC" media register "$STICK" >/dev/null 2>&1
as wang "$PW" standalone apply SEAL-001 --person liu --station "$STATION" \
    --purpose "调解协议用印" --from "2026-01-10 12:00" --until 2026-01-20 \
    --uses 5 >/dev/null 2>&1
as zhou "$PW" standalone approve 1 >/dev/null 2>&1
# A second application, which the station's director denies on screen.
as wang "$PW" standalone apply SEAL-001 --person liu --station "$STATION" \
    --purpose "临时用印" --from "2026-01-11" --until 2026-01-12 \
    --uses 1 >/dev/null 2>&1

# login USER: eseal started afresh for USER, at the home screen.
login() {
	tmux_stop
	eseal_start 100 30 "$E"
	tmux_wait "User name"
	ui_login "$1" "$PW"
	tmux_wait "eseal: home of"
}
open_entry() {
	tmux_keys /
	tmux_type "$1"
	tmux_keys Enter Enter
}

# -- The office's screens ----------------------------------------------------
login sun
expect_screen "the station's director has it waiting" "Standalone seals"
expect_screen "counted on the home screen" "2 waiting"
open_entry "Standalone seals"
expect_screen "the list shows the application" "示范街道工作站"
expect_screen "with its state" "pending"
expect_no_screen "a director is not offered the issue" "i Issue"
tmux_keys y
expect_screen "approving asks first" "Both directors must approve"
tmux_keys y
expect_screen "the station's director approves" "The standalone seal is approved."
expect_screen "the list says approved" "approved"
tmux_keys j D
expect_screen "D asks for the reason of a denial" "Deny a standalone seal"
tmux_type "期限过短"
tmux_keys Enter
expect_screen "the station's director denies the second" \
    "The standalone seal is denied."
as wang "$PW" standalone list >"$T/list" 2>&1
expect_grep "the denial is recorded" "denied" "$T/list"
tmux_keys F10
tmux_wait_exit

login wang
open_entry "Standalone seals"
expect_screen "the clerk sees it approved" "approved"
tmux_keys i
expect_screen "issuing asks for the medium" "Issue a standalone seal"
tmux_type "$STICK"
tmux_keys Tab
tmux_type "$KEYPW"
tmux_keys F2
expect_screen "and says what will happen" "one-time secret"
tmux_keys Enter
expect_screen "the secret is shown once" "Give this one-time secret"
SECRET=$(tmux_capture | grep -o '[2-9A-HJ-NP-Z]\{4\}-[2-9A-HJ-NP-Z]\{4\}-[2-9A-HJ-NP-Z]\{4\}-[2-9A-HJ-NP-Z]\{4\}' | head -n 1)
expect_eq "as four groups of four" 19 "${#SECRET}"
tmux_keys Enter
expect_screen "the list says issued" "issued"
tmux_keys F10
tmux_wait_exit
SEALED="$STICK/eseal-standalone/sealed"
ESEAL_FAKE_TIME=1768093200		# 2026-01-11 09:00, at the station

# station LANG [OPTION...]: eseal --standalone on the stick, in tmux.
station() {
	_lang=$1
	shift
	tmux_stop
	tmux_start 100 30 env LC_ALL="$_lang" LANGUAGE= \
	    ESEAL_LOCALEDIR="$T/locale" CUPS_SERVER="${CUPS_SERVER:-}" \
	    "$ESEAL" --standalone "$STICK" "$@"
}

# use_typed TITLE: type the person, the secret and a document, then F2
# and confirm.
use_typed() {
	tmux_type liu
	tmux_keys Tab
	tmux_type "$SECRET"
	tmux_keys Tab
	tmux_type "$1"
	tmux_keys Tab
	tmux_type "示范街道人民调解委员会"
	tmux_keys Tab
	tmux_type "双方经调解自愿达成如下协议。"
	tmux_keys F2
	tmux_wait "Seal the document"
	tmux_keys Enter
}

# -- Sealing at the station --------------------------------------------------
station "$E"
expect_screen "the station's screen shows the seal" "Standalone seal SEAL-001"
expect_screen "and whose it is, where" "for 刘调解 (liu) at $STATION"
expect_screen "and the uses left" "Uses: 0 of 5 made, 5 left."
tmux_type liu
tmux_keys Tab
tmux_type "AAAA-BBBB-CCCC-DDDD"
tmux_keys Tab
tmux_type "人民调解协议书"
tmux_keys Tab
tmux_type "示范街道人民调解委员会"
tmux_keys Tab
tmux_type "双方经调解自愿达成如下协议。"
tmux_keys F2
expect_screen "a wrong secret is refused" "The one-time secret is wrong."
# The refused secret is cleared, its input focused: the right one typed
# at once is not appended, unseen, to the wrong one (the next refusal
# would be the secret's again).
tmux_type "$SECRET"
tmux_keys Tab Tab Tab Tab
for _i in 1 2 3 4 5 6 7; do
	tmux_keys BSpace
done
tmux_type "东城工作站"
tmux_keys F2
expect_screen "another station's document is refused" \
    "may seal only its own work station's documents"
for _i in 1 2 3 4 5; do
	tmux_keys BSpace
done
tmux_type "$STATION"
tmux_keys F2
expect_screen "the sealing is confirmed first" "Seal the document"
tmux_keys Enter
expect_screen "the document is sealed and saved" "Sealed.  Saved as"
expect_screen "the use is counted" "Uses: 1 of 5 made, 4 left."
[ -s "$SEALED/use-1.pdf" ] && [ -s "$SEALED/use-1.pdf.sig" ] &&
    ok "the sealed PDF and its signature are on the medium" ||
    not_ok "no sealed PDF on the medium: $(ls -R "$STICK")"
# The person, the secret and the document are cleared after the use:
# F2 again asks for them and spends nothing.
tmux_keys F2
expect_screen "a second F2 without retyping asks for the person" \
    "Type the designated person's user name or name."
expect_screen "and spends no use" "Uses: 1 of 5 made, 4 left."
LINES_NOW=$(wc -l <"$STICK/eseal-standalone/uses.log")
[ ! -e "$SEALED/use-2.pdf" ] && [ "$LINES_NOW" -eq 1 ] &&
    ok "no second document and no second log entry" ||
    not_ok "a second use was spent: $(ls "$SEALED")"
tmux_keys F10
tmux_wait_exit
expect_eq "F10 leaves the program" 0 "$(tmux_status)"

# -- Printing at the station -------------------------------------------------
LC_ALL=$E "$ESEAL" --print-dir "$T/printed" >"$T/out" 2>&1 </dev/null
expect_eq "--print-dir without --standalone is a usage error" 2 $?
station "$E" --print-dir "$T/printed"
tmux_wait "Uses: 1 of 5 made"
use_typed "人民调解协议书（二）"
expect_screen "the sealed document is printed into the folder" \
    "Sealed and printed ("
expect_screen "the second use is counted" "Uses: 2 of 5 made, 3 left."
# Art. 4: the printer gets copy 1, numbered, never the sealed original.
PRINTED="$T/printed/standalone-1-use-2-000001.pdf"
[ -s "$PRINTED" ] && ! cmp -s "$PRINTED" "$SEALED/use-2.pdf" &&
    ok "the printed file is not the sealed PDF" ||
    not_ok "the printed file is the sealed PDF, or missing"
expect_eq "the printed copy carries copy number 1" 000001 \
    "$(pdftotext -l 1 "$PRINTED" - | head -n 1)"
mkdir "$T/copy"
cp "$PRINTED" "$T/copy/use-2.pdf"
cp "$SEALED/use-2.pdf.sig" "$T/copy/use-2.pdf.sig"
ctl verify "$T/copy/use-2.pdf" >"$T/out" 2>&1
VERIFIED=$?
[ "$VERIFIED" -ne 0 ] && ! grep -q "valid original" "$T/out" &&
    ok "the printed copy with the .sig beside it is not a valid original" ||
    not_ok "the printed copy verifies as the original: $(cat "$T/out")"
expect_grep "the use log records the printing" "^print 2 " \
    "$STICK/eseal-standalone/uses.log"
tmux_keys F10
tmux_wait_exit

cupsd_start "$T/cups"
expect_eq "a private cupsd starts" 0 $?
cupsd_queue STATION "$T/queue/station.pdf"
station "$E" --printer STATION
tmux_wait "Uses: 2 of 5 made"
use_typed "人民调解协议书（三）"
expect_screen "the sealed document is printed on the CUPS queue" \
    "Sealed and printed (CUPS queue STATION, job"
[ -s "$T/queue/station.pdf" ] && ok "the queue printed it" ||
    not_ok "nothing came out of the queue"
expect_eq "the queue printed copy 1, numbered" 000001 \
    "$(pdftotext -l 1 "$T/queue/station.pdf" - 2>/dev/null | head -n 1)"
expect_grep "the use log records the CUPS printing" "^print 3 " \
    "$STICK/eseal-standalone/uses.log"
tmux_keys F10
tmux_wait_exit
cupsd_stop

# -- A document file ---------------------------------------------------------
cat >"$T/other.txt" <<'EOF'
kind: litigation-composed
title: 东城的文书
issuing-body: 东城工作站
copies: 1

这是另一个工作站的文书。
EOF
cat >"$T/doc.txt" <<'EOF'
kind: litigation-composed
title: 调解协议确认书
recipients: 张某、李某
copies: 1

双方经调解自愿达成协议。
特此确认。
EOF
station "$E"
tmux_wait "Uses: 3 of 5 made"
tmux_keys F3
expect_screen "F3 with no person typed asks for the person" \
    "Type the designated person's user name or name."
tmux_type liu
tmux_keys Tab
tmux_type "AAAA-BBBB-CCCC-DDDD"
tmux_keys F3
expect_screen "F3 refuses a wrong secret" "The one-time secret is wrong."
tmux_type "$SECRET"
tmux_keys F3
expect_screen "F3 asks for a document file" "Seal a document file"
tmux_type "$T/other.txt"
tmux_keys Enter
expect_screen "another body's file is refused" \
    "may seal only its own work station's documents"
expect_screen "spending nothing" "Uses: 3 of 5 made, 2 left."
tmux_keys F3
tmux_wait "Seal a document file"
tmux_type "$T/doc.txt"
tmux_keys Enter
expect_screen "the file is shown before it is sealed" "Title: 调解协议确认书"
expect_screen "as the station's document" "Issuing body: $STATION"
tmux_keys Enter
expect_screen "the file is sealed" "Sealed.  Saved as"
expect_screen "and the use counted" "Uses: 4 of 5 made, 1 left."
tmux_keys F10
tmux_wait_exit
ctl verify "$SEALED/use-4.pdf" >"$T/out" 2>&1
expect_eq "the office verifies the sealed file" 0 $?

ctl verify "$SEALED/use-1.pdf" >"$T/out" 2>&1
expect_eq "the office verifies the station's sealed PDF" 0 $?

# -- In Chinese, and the last use -------------------------------------------
# The fifth use, in Chinese where it is installed: no English is left on
# the screen, in F1's help, the file dialog, the confirmation or the
# printer's words.  Then no use is left: F2 is refused at once, on the
# message line, before any question, and the last use's message goes.
if ws_chinese; then
	ZL=zh_CN.UTF-8 Z_USED="使用次数已用完" Z_DONE="已签章并打印"
	Z_SEAL="[ 签章 ]" Z_FILE="签章公文文件"
else
	ok "zh_CN.UTF-8 is not installed: the English screens stand for it"
	ZL=$E Z_USED="Every use the standalone seal allows has been made"
	Z_DONE="Sealed and printed" Z_SEAL="[ Apply seal ]"
	Z_FILE="Seal a document file"
fi
cupsd_start "$T/cups2"
expect_eq "a private cupsd starts again" 0 $?
cupsd_queue STATION "$T/queue2/station.pdf"
station "$ZL" --printer STATION
tmux_wait "SEAL-001"
if [ "$ZL" != "$E" ]; then
	expect_screen "the station's screen speaks Chinese" "单机版电子印章"
	expect_screen "the bottom line names F3 in Chinese" "签章文件"
	expect_no_screen "and has no English" "Seal a file"
	tmux_keys F1
	tmux_wait "F3"
	tmux_keys /
	tmux_type "签章文件"
	tmux_keys Enter
	expect_screen "F1 explains F3 in Chinese" "读取公文文件"
	expect_no_screen "with no English" "Read a document file"
	tmux_keys F1
	tmux_wait "指定人员"
fi
tmux_type liu
tmux_keys Tab
tmux_type "$SECRET"
tmux_keys F3
expect_screen "F3 asks for the file" "$Z_FILE"
[ "$ZL" = "$E" ] || expect_no_screen "the file dialog has no English" \
    "Seal a document file"
tmux_type "$T/doc.txt"
tmux_keys Enter
expect_screen "the confirmation's button is the verb" "$Z_SEAL"
[ "$ZL" = "$E" ] || expect_no_screen "the confirmation has no English" \
    "Seal the document read from"
[ "$ZL" = "$E" ] || expect_no_screen "nor English labels" "Issuing body:"
tmux_keys Enter
expect_screen "the last use is sealed and printed" "$Z_DONE"
[ "$ZL" = "$E" ] || expect_no_screen "the printer's words are translated" \
    "CUPS queue"
tmux_keys F2
expect_screen "with no use left F2 is refused at once" "$Z_USED"
tmux_capture | tail -n 3 | grep -qF "$Z_USED" &&
    ok "the reason is on the message line" ||
    not_ok "the reason is not on the message line: $(tmux_capture)"
expect_no_screen "the last use's message is gone" "$Z_DONE"
expect_no_screen "nothing is asked" "$Z_SEAL"
[ ! -e "$SEALED/use-6.pdf" ] && ok "no sixth use" ||
    not_ok "a sixth use was made"
tmux_keys F10
tmux_wait_exit
cupsd_stop

# -- Limits before the screen ------------------------------------------------
ESEAL_FAKE_TIME=1769004000		# 2026-01-21 22:00
export ESEAL_FAKE_TIME
LC_ALL=$E "$ESEAL" --standalone "$STICK" >"$T/out" 2>&1 </dev/null
expect_eq "past its period the seal is refused" 3 $?
expect_grep "with the reason" "period of use is over" "$T/out"
ESEAL_FAKE_TIME=1768183200		# 2026-01-12 10:00
export ESEAL_FAKE_TIME
login wang
open_entry "Standalone seals"
tmux_keys r
expect_screen "taking back asks for the medium" "Take back a standalone seal"
tmux_type "$STICK"
tmux_keys F2
expect_screen "and says what will happen" "wiped from the medium"
tmux_keys Enter
expect_screen "the office takes it back with its uses" "Taken back: 5 uses imported"
expect_screen "the list says returned" "returned"
tmux_keys F10
tmux_wait_exit
as auditor "$AUD" audit list >"$T/out" 2>&1
expect_grep "the use is in the audit trail" "use 1 .*人民调解协议书" "$T/out"
expect_grep "with its printing at the station" \
    "use 2 .*printed at the station: .*standalone-1-use-2-000001.pdf" \
    "$T/out"
LC_ALL=$E "$ESEAL" --standalone "$STICK" >"$T/out" 2>&1 </dev/null
expect_eq "a returned seal is no longer there" 3 $?
expect_grep "saying so" "no standalone seal on this medium" "$T/out"
LC_ALL=$E "$ESEAL" --help >"$T/out" 2>&1
expect_grep "--help documents --standalone" "--standalone=DIR" "$T/out"
expect_grep "and --printer" "--printer=QUEUE" "$T/out"
expect_grep "and --print-dir" "--print-dir=DIR" "$T/out"
finish
