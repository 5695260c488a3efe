#!/bin/sh
# standalone.sh -- "eseal --standalone" at a work station (Art. 14), by
# keyboard in a real terminal (tmux): the office issues a standalone
# seal for two uses with esealctl; at the station the program shows the
# limits, refuses a wrong one-time secret next to its field and another
# station's document next to the issuing body, then seals a document
# filled in on the spot, saves the sealed PDF and its signature on the
# medium and counts the use; the office verifies that PDF and takes the
# seal back with the use in the audit trail.  A used-up or missing
# package is refused with the reason before the screen opens, and the
# screen speaks Chinese under zh_CN.UTF-8.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

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
    --uses 2 >/dev/null 2>&1
as zhou "$PW" standalone approve 1 >/dev/null 2>&1

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
expect_screen "counted on the home screen" "1 waiting"
open_entry "Standalone seals"
expect_screen "the list shows the application" "示范街道工作站"
expect_screen "with its state" "pending"
expect_no_screen "a director is not offered the issue" "i Issue"
tmux_keys y
expect_screen "approving asks first" "Both directors must approve"
tmux_keys y
expect_screen "the station's director approves" "The standalone seal is approved."
expect_screen "the list says approved" "approved"
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

# station LANG: eseal --standalone on the stick, in tmux.
station() {
	tmux_stop
	tmux_start 100 30 env LC_ALL="$1" LANGUAGE= \
	    ESEAL_LOCALEDIR="$T/locale" "$ESEAL" --standalone "$STICK"
}

# -- Sealing at the station --------------------------------------------------
station "$E"
expect_screen "the station's screen shows the seal" "Standalone seal SEAL-001"
expect_screen "and whose it is, where" "for 刘调解 (liu) at $STATION"
expect_screen "and the uses left" "Uses: 0 of 2 made, 2 left."
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
for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do
	tmux_keys BSpace
done
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
expect_screen "the use is counted" "Uses: 1 of 2 made, 1 left."
[ -s "$SEALED/use-1.pdf" ] && [ -s "$SEALED/use-1.pdf.sig" ] &&
    ok "the sealed PDF and its signature are on the medium" ||
    not_ok "no sealed PDF on the medium: $(ls -R "$STICK")"
tmux_keys F10
tmux_wait_exit
expect_eq "F10 leaves the program" 0 "$(tmux_status)"

ctl verify "$SEALED/use-1.pdf" >"$T/out" 2>&1
expect_eq "the office verifies the station's sealed PDF" 0 $?

# -- In Chinese --------------------------------------------------------------
if ws_chinese; then
	station zh_CN.UTF-8
	expect_screen "the station's screen speaks Chinese" "单机版电子印章"
	tmux_keys F10
	tmux_wait_exit
else
	ok "zh_CN.UTF-8 is not installed: the English screens stand for it"
fi

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
expect_screen "the office takes it back with its use" "Taken back: 1 uses imported"
expect_screen "the list says returned" "returned"
tmux_keys F10
tmux_wait_exit
as auditor "$AUD" audit list >"$T/out" 2>&1
expect_grep "the use is in the audit trail" "use 1 .*人民调解协议书" "$T/out"
LC_ALL=$E "$ESEAL" --standalone "$STICK" >"$T/out" 2>&1 </dev/null
expect_eq "a returned seal is no longer there" 3 $?
expect_grep "saying so" "no standalone seal on this medium" "$T/out"
LC_ALL=$E "$ESEAL" --help >"$T/out" 2>&1
expect_grep "--help documents --standalone" "--standalone=DIR" "$T/out"
finish
