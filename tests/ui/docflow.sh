#!/bin/sh
# docflow.sh -- Flows 1-5 by keyboard in a real terminal (tmux), over a
# workspace made with esealctl (accounts, a department, a seal, a colour
# and a black-and-white folder printer): the drafter drafts a request
# from its form with Chinese typed in and submits it; the approver's
# return without a comment is refused, the issuance goes through; the
# drafter sends it; the clerk sees the sign-off, a wrong key password
# is refused next to it, the right one seals; the print room is refused
# the black-and-white printer and prints on the colour one; the print
# log shows the job.  Then an extra print applied for and decided
# (Flow 5), a reject by the print room (Flow 3), the recall and
# destruction of the printed copies and the reprint (Flow 4), approved
# from the tagged queue; a blank-form batch (Flow 1.2); and the document
# screen in Chinese.  Each step's screen shows the new state, and what
# a role does not allow is neither offered nor done.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

E=C.UTF-8
ESEAL_FORMS_DIR="$abs_top_srcdir/forms"
export ESEAL_FORMS_DIR
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
TITLE='关于申请配置彩色打印机的请示'

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
ws_user zhang '张科长' approver "$PW"
ws_user wang '王文书' clerk "$PW"
ws_user zhao '赵打印' printer "$PW"
ws_user zhou '周主任' office-director "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1
as secadmin "$SEC" user roles zhang approver --leader 1 \
    --issuing litigation-table,litigation-fill-in,litigation-composed \
    --dept "办公室" >/dev/null 2>&1
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user zhou --password-fd 0 seal add SEAL-001 \
    --name "示例市司法局行政复议专用章" --body "示例市司法局" \
    --purpose "行政复议专用" --custodian wang >"$T/seal" 2>&1
expect_grep "the office makes a seal for the clerk" "^seal: SEAL-001" "$T/seal"
mkdir -p "$T/colour" "$T/mono"
as sysadmin "$SYS" printer add colour --folder "$T/colour" --colour \
    >/dev/null 2>&1 &&
    as sysadmin "$SYS" printer add mono --folder "$T/mono" >/dev/null 2>&1
expect_eq "a colour and a black-and-white printer are registered" 0 $?

# login USER: eseal started afresh for USER, at the home screen.
login() {
	tmux_stop
	eseal_start 80 24 "${LANG_UI:-$E}" ${LOGIN_ENV:-}
	tmux_wait "${LOGIN_LABEL:-User name}"
	ui_login "$1" "$PW"
	tmux_wait "${HOME_LABEL:-eseal: home of}"
}

# open_entry TEXT: the home (or list) line holding TEXT, opened.
open_entry() {
	tmux_keys /
	tmux_type "$1"
	tmux_keys Enter Enter
}

quit() {
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
}

# -- Flow 1: the drafter drafts from the form, in Chinese -------------------
login liu
expect_screen "the drafter's home offers drafting" "Draft a document"
open_entry "Draft a document"
expect_screen "drafting lists the document forms" "Draft a document: choose its form"
expect_absent "applications are not drafted as documents" "Application for a reprint"
open_entry request
expect_screen "Enter opens the request form" "Addressed to"
tmux_type "$TITLE"
tmux_keys Tab
tmux_type '示例市司法局'
tmux_keys Tab
tmux_type '为保证电子签章文件按规定彩色打印，拟购置彩色激光打印机一台。'
tmux_keys Enter
tmux_type '妥否，请批示。'
tmux_keys Tab Tab Tab
tmux_type '示例市司法局办公室'
# issuing body -> classification, period, urgency, special, seal, copies
tmux_keys Tab Tab Tab Tab Tab Tab BSpace
tmux_type 2
tmux_keys F2
expect_screen "F2 saves the draft and shows the document" "State: draft"
expect_screen "the Chinese title lands intact" "Title: $TITLE"
expect_screen "the seal mode chosen in the form is shown (Art. 10)" \
	"Seal: electronic seal"
expect_screen "the copies asked for" "Copies: 2 asked for"
expect_screen "the timeline has the first version" "刘洋 drafted version 1"
expect_line "the keys line offers submitting" 24 "u Submit"
expect_absent "the drafter is not offered the seal" "x Apply seal"
tmux_keys x
expect_screen "the drafter's x is refused with the rule" \
	"Your roles do not allow this action (Art. 7)."
tmux_keys '?'
expect_screen "help lists the drafter's commands" "Submit the draft for approval"
expect_absent "help does not list sealing for the drafter" \
	"Apply a seal in your custody"
tmux_keys Escape
tmux_keys u
expect_screen "submitting asks first, with the seal mode" \
	"chosen before approval (Art. 10)"
tmux_keys y
expect_screen "the draft is in approval" "State: in approval"
expect_screen "waiting at the section chief" \
	"Waiting at step 1 of 1 of the approval chain: section chief"
expect_absent "a submitted draft offers no submit" "u Submit"
quit

# -- The approver: a return needs a comment; the issuance --------------------
login zhang
expect_screen "the approver's queue counts the document" "1 waiting"
tmux_keys Enter
expect_screen "the queue lists it" "$TITLE"
expect_line "the queue offers approving and tagging" 24 "a Approve  t Tag"
tmux_keys Enter
expect_screen "Enter opens the document" "State: in approval"
expect_line "the approver is offered approve and return" 24 "a Approve  r Return"
tmux_keys r
expect_screen "r asks for the comment" "Comment (required)"
tmux_keys F2
expect_screen "a return without a comment is refused before asking" \
	"A written reason is required."
expect_absent "no confirmation is asked for a blank reason" \
	"Return $TITLE to its drafter"
tmux_keys Escape
expect_screen "nothing changed" "State: in approval"
tmux_keys a
expect_screen "a at the last step is the issuance" "Approve and issue"
tmux_type '同意。'
tmux_keys F2
expect_screen "the issuance asks first, saying what it does" \
	"The document number is allocated now"
tmux_keys y
expect_screen "the document is issued" "State: approved"
expect_screen "it has its number" "Document number: 示司办〔"
expect_screen "the chain shows the issuance with its comment" \
	"issuance by 张科长"
expect_screen "and the comment" ": 同意。"
tmux_keys Escape
expect_screen "the queue is empty again" "Nothing waits here."
quit

# -- The drafter sends it for sealing ----------------------------------------
login liu
open_entry "To send"
expect_screen "the send queue lists it" "$TITLE"
tmux_keys Enter
expect_line "the drafter is offered sending" 24 "d Send"
tmux_keys d
expect_screen "sending says the version freezes (Art. 10)" \
	"cannot be edited"
tmux_keys y
expect_screen "the document waits for the clerk" "State: waiting for the seal"
expect_screen "the version is frozen" "(sent for e-sealing: frozen)"
expect_absent "a frozen document offers no revision" "e Revise"
quit

# -- The clerk seals with the key password ------------------------------------
login wang
expect_screen "the clerk's home has the sealing queue" "To seal"
tmux_keys Enter Enter
expect_line "the clerk is offered sealing and reject" 24 "x Apply seal  R Reject"
tmux_keys x
expect_screen "the clerk sees who issued it (Art. 9)" \
	"Issued (signed off) by 张科长"
expect_screen "the seal in the clerk's custody is offered" "SEAL-001"
expect_screen "the copies to confirm" "approved: 2"
# Another number of copies is refused before any confirmation.
tmux_keys Tab BSpace
tmux_type 3
tmux_keys Tab
tmux_type wrong-key-2026
tmux_keys Enter
tmux_wait "approved number of copies"
expect_screen "3 copies of 2 approved: refused before asking" \
	"The approved number of copies is 2"
expect_absent "no confirmation promises 3 copies" "may then print 3"
tmux_keys BSpace
tmux_type 2
tmux_keys Tab
tmux_type wrong-key-2026
tmux_keys Enter
expect_screen "sealing asks first" "The print room may then print 2 numbered copies"
tmux_keys y
tmux_wait "not the seal's key password"
case "$(line_after 'Key password')" in
*"That is not the seal's key password."*) ok "a wrong key password: refused next to it, as the key password" ;;
*) not_ok "no refusal next to the key password:"; tmux_capture | sed 's/^/    |/' ;;
esac
expect_absent "the key password is never shown" "wrong-key"
tmux_type "$KEYPW"
expect_absent "nor the right one" "$KEYPW"
tmux_keys Enter
tmux_wait "]   [" && tmux_keys y
expect_screen "the document is sealed" "State: sealed"
expect_screen "with the seal named" "applied: SEAL-001 to version 1"
tmux_keys G
expect_screen "the timeline has the sealing" "王文书 sealed version 1 with SEAL-001"
quit

# -- The print room: black and white refused, colour prints -----------------
login zhao
tmux_keys Enter Enter
expect_line "the print room is offered printing" 24 "p Print"
tmux_keys p
expect_screen "the print dialog lists the printers" "colour (colour)"
tmux_keys Right
expect_screen "Right chooses the next printer" "mono (black and white)"
tmux_keys Tab BSpace
tmux_type 3
tmux_keys F2
expect_screen "3 copies of 2 remaining: refused before asking" \
	"That is more copies than remain approved for printing"
expect_absent "no question promises 3 copies" "Print 3 copies"
tmux_keys BSpace
tmux_type 2
tmux_keys F2
expect_screen "printing asks first" "Print 2 copies of"
tmux_keys y
tmux_wait "colour printer (Flow 2)"
case "$(line_after 'Printer ')" in
*"Sealed documents print only on a colour printer (Flow 2)."*) ok "the black-and-white printer: refused next to it" ;;
*) not_ok "no refusal next to the printer:"; tmux_capture | sed 's/^/    |/' ;;
esac
tmux_keys Left F2
tmux_wait "]   [" && tmux_keys y
expect_screen "the copies are printed" "Copies 1 to 2 printed on colour."
expect_screen "the document is printed" "State: printed"
tmux_keys G
expect_screen "the timeline has the print job" "赵打印 printed copies 1-2 of version 1"
expect_eq "two numbered copies are in the colour printer's folder" 2 \
	"$(ls "$T/colour" | grep -c -- '-00000[12]\.pdf$')"
expect_eq "nothing went to the black-and-white one" 0 "$(ls "$T/mono" | wc -l)"
tmux_keys Escape Escape
open_entry "Print log"
expect_screen "the print log lists the job" "1-2"
expect_screen "with the printer and who printed" "zhao"
tmux_keys Enter
expect_screen "Enter on a job opens its document" "State: printed"
quit

# -- Flow 5: an extra print, applied for and decided --------------------------
login liu
open_entry Documents
tmux_keys Enter
expect_line "a printed document offers the extra print and the reprint" 24 \
	"E Reprint  + Extra print"
tmux_keys +
tmux_type 1
tmux_keys Tab
tmux_type '会议需要'
tmux_keys F2
expect_screen "the application asks first" "Apply for 1 more copy"
tmux_keys y
expect_screen "the application is made" "an approver decides"
quit
login zhang
open_entry "Applications"
expect_screen "the application waits for the approver" "$TITLE"
tmux_keys D
expect_screen "D on the queue's document decides" "Application by 刘洋: extra print, 1 copy"
tmux_keys F2
tmux_wait "]   [" && tmux_keys y
expect_screen "the application is approved" "The application is approved."
expect_screen "and leaves the queue" "Nothing waits here."
quit

# -- Flow 3: the print room rejects with a reason ----------------------------
login zhao
tmux_keys Enter Enter R
expect_screen "R asks for the reason" "Reason (required)"
tmux_type '页码有误'
tmux_keys F2
expect_screen "the reject asks first, with the reason" "Reason: 页码有误"
tmux_keys y
expect_screen "the document is rejected" "State: rejected"
tmux_keys G
expect_screen "the reason is in the timeline" "rejection of version 1: 页码有误"
quit

# -- Flow 4: the clerk recalls and records the destruction -------------------
login wang
open_entry Documents
tmux_keys Enter
expect_line "the clerk is offered the recall" 24 "C Recall"
tmux_keys C
expect_screen "the printed copies are offered" "Copy numbers"
tmux_keys F2
expect_screen "the recall asks first, listing the copies" "Record 2 copies (1-2)"
tmux_keys y
expect_screen "the recall is recorded" "2 copies recorded as recalled."
tmux_keys G
expect_screen "the timeline shows each copy" "王文书 recalled copy 2 of version 1"
tmux_keys K
tmux_keys Tab
tmux_keys F2
tmux_wait "]   [" && tmux_keys y
expect_screen "a destruction without a witness: the core's refusal" \
	"needs a witness (Flow 4)"
tmux_type '周主任'
tmux_keys F2
tmux_wait "]   [" && tmux_keys y
expect_screen "the destruction is recorded" "2 copies recorded as destroyed."
tmux_keys G
expect_screen "with its witness" "destroyed copy 1 before the witness 周主任"
quit

# -- Flow 4: the drafter revises and applies for the reprint -----------------
login liu
open_entry "Returned"
expect_screen "the rejected document is returned to the drafter" "$TITLE"
tmux_keys Enter E
expect_screen "E opens the form with the current version" "$TITLE"
tmux_keys Tab Tab End
tmux_type '（已更正页码）'
tmux_keys F2
expect_screen "the reprint asks for its reason" "What changed, and why"
tmux_type '更正页码'
tmux_keys Enter
expect_screen "the form is saved" "Saved."
tmux_keys Escape
expect_screen "the reprint is in approval" "State: in approval"
tmux_keys G
expect_screen "version 2 is in the timeline" "刘洋 wrote version 2"
quit

# -- Approving from the tagged queue ------------------------------------------
login zhang
tmux_keys Enter t
expect_screen "t tags the line" "1 tagged."
tmux_keys a
expect_screen "a asks for one comment for all" "One comment for all"
tmux_keys Enter
expect_screen "the confirmation lists the tagged documents" "You approve 1 document"
tmux_keys y
expect_screen "the tagged document is approved" "1 document approved."
expect_screen "and leaves the queue" "Nothing waits here."
quit
as liu "$PW" doc list >"$T/list" 2>&1
expect_grep "the reprint is issued" "approved" "$T/list"

# -- Flow 1.2: a batch of sealed blank forms ----------------------------------
login liu
open_entry "Draft a document"
tmux_keys /
tmux_type receipt
tmux_keys Enter
expect_line "the forms offer blank-form batches" 24 "b Blank forms"
tmux_keys b
expect_screen "b opens the form as a batch of blank forms" \
	"< Yes, a batch of blank forms >"
# batch, title ... remarks, then the issuing body; its copies 6 further
tmux_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
tmux_type '示例市司法局'
tmux_keys Tab Tab Tab Tab Tab Tab BSpace
tmux_type 50
tmux_keys F2
expect_screen "saving asks the purpose of the batch" "Purpose:"
tmux_type '日常送达'
tmux_keys Enter
expect_screen "the batch is a document of its own, as a draft" "State: draft"
expect_screen "of 50 forms" "Copies: 50 asked for"
expect_line "which is submitted like any document" 24 "u Submit"
quit

# A second batch from the command line; both go through approval.
as liu "$PW" doc batch --form service-receipt --field batch=yes \
    --field issuing-body=示例市司法局 --copies 20 --reason 日常 \
    >"$T/out" 2>&1
expect_eq "a second batch from esealctl" 0 $?
for id in $(as liu "$PW" doc list --state draft | awk -F'\t' '$6 ~ /送达回证/ { print $1 }'); do
	as liu "$PW" doc submit "$id" >/dev/null 2>&1
	as zhang "$PW" doc approve "$id" >/dev/null 2>&1
	as liu "$PW" doc send "$id" >/dev/null 2>&1
done

# -- The clerk seals both batches at once; the seal register --------------
login wang
expect_screen "two batches wait for the seal" "2 waiting"
tmux_keys Enter T
expect_screen "T tags every line" "2 tagged."
tmux_keys x
expect_screen "one dialog for the tagged batches" "Blank-form batches to seal:"
expect_screen "each with its approved copies" ": 50 copies"
expect_screen "and the other" ": 20 copies"
tmux_keys Tab
tmux_type "$KEYPW"
tmux_keys Enter
expect_screen "sealing several asks first" "Seal 2 batches of blank forms"
tmux_keys y
expect_screen "both are sealed" "2 batches sealed."
expect_screen "the sealing queue is empty" "Nothing waits here."
tmux_keys Escape
open_entry "Seal register"
expect_screen "the register lists the seal" "SEAL-001"
expect_screen "in the clerk's custody" "in your custody"
tmux_keys Enter
expect_screen "Enter shows its history" "History:"
expect_screen "from its making, with the custodian" "custodian wang"
quit

# -- Printing the 50 forms, stopped between copies ----------------------------
# Copies print faster than a key can arrive, so the job waits after copy
# 1 (a test build's switch) until a signal: the resize below sends one.
LOGIN_ENV=ESEAL_TEST_PRINT_PAUSE=1 login zhao
expect_screen "both batches wait for the print room" "2 waiting"
tmux_keys Enter Enter p
expect_screen "all 50 remain to print" "50 remain approved"
tmux_keys F2
tmux_wait "]   [" && tmux_keys y
expect_screen "each copy shows its progress" "Printing copy"
tmux_keys Escape
tmux_resize 80 25 && tmux_resize 80 24
tmux_wait "Stop the work in progress?" 40
expect_screen "Esc while printing asks before stopping" \
	"Stop the work in progress?"
tmux_keys y
expect_screen "printing stops between copies" "Printing stopped"
expect_screen "the copies that did not print keep their numbers" \
	"did not print and keep their numbers"
tmux_keys Enter
expect_screen "what printed is in the log" "of 50 copies printed."
expect_screen "the rest stays to print" "State: sealed"
quit

# -- The document screen in Chinese ---------------------------------------------
if ws_chinese; then
	LANG_UI=zh_CN.UTF-8 LOGIN_LABEL=用户名 HOME_LABEL=主页 login liu
	expect_screen "zh_CN: the drafter's home offers drafting" "拟稿"
	open_entry 全部文件
	expect_screen "zh_CN: the list's columns are in Chinese" "文号"
	open_entry "$TITLE"
	expect_screen "zh_CN: the document screen is in Chinese" "状态：已签发"
	expect_screen "zh_CN: the chain is in Chinese" "张科长 签发"
	expect_line "zh_CN: the keys line is in Chinese" 24 "d 送签章"
	tmux_keys G
	expect_screen "zh_CN: the timeline is in Chinese" "时间线"
	quit
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi

finish
