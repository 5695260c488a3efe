#!/bin/sh
# sealadd.sh -- making a seal on the seal register in a real terminal
# (tmux), keyboard only (Art. 5, 6).  A drafter is refused the key and a
# clerk the dialog; the office director fills the dialog with the clerk
# who will keep the seal typing their own password and the key's, twice.
# Each refusal (nothing typed, key passwords that differ, a wrong
# password, the same person, a custodian who is no clerk, a weak key
# password, a number in use, a bad number) is shown next to its input
# while every other input keeps what was typed; then the seal is made,
# shows in the list, and esealctl finds it with both people's audited
# creation.  The dialog and two refusals again in Chinese.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
ZPW=Dir-Ector-2026
KEYPW=Key-Pass-2026!
NAME="示例市司法局公文专用章"
BODY="示例市司法局"
ESEAL_TEST_KDF=1
export ESEAL_TEST_KDF

ws_init
ws_admin_passwords
ws_user liu '刘洋' drafter "$PW"
ws_user wang '王文书' clerk "$PW"
# The office director is no clerk: as the custodian they must meet the
# rule of two people, not be told they are no clerk.
ws_user zhou '周主任' office-director "$ZPW"
ws_user yin '尹印务' printer "$PW"
ws_user wu '吴主任' clerk,office-director "$PW"
# A seal whose number is in use already, made the old way.
printf '%s\n%s\n%s\n' "$ZPW" "$PW" "$KEYPW" | ctl --user zhou \
    --password-fd 0 seal add SEAL-000 --name "旧章" --body "$BODY" \
    --custodian wang >"$T/old" 2>&1
expect_grep "esealctl makes the first seal" "^seal: SEAL-000" "$T/old"

# open_seals USER PASSWORD [LANG]: USER at the seal register.
open_seals() {
	eseal_start 100 32 "${3:-C.UTF-8}"
	tmux_wait "${4:-User name}"
	ui_login "$1" "$2"
	tmux_wait "${5:-eseal: home of}"
	tmux_keys /
	tmux_type "${6:-Seal register}"
	tmux_keys Enter Enter
}

# erase N: N presses of Backspace (a field emptied before retyping).
erase() {
	tmux_keys End
	# shellcheck disable=SC2046
	tmux_keys $(printf 'BSpace %.0s' $(seq 1 "$1"))
}

# submit: F2 and yes to the confirmation.
submit() {
	tmux_keys F2
	tmux_wait "]   [" && tmux_keys y
}

# At 80 columns the office director's keys line, the longest of the
# register, drops its least needed commands, never the way out.
for who in zhou wu; do
	pw=$PW
	[ $who = zhou ] && pw=$ZPW
	eseal_start 80 24 C.UTF-8
	tmux_wait "User name"
	ui_login $who "$pw"
	tmux_wait "eseal: home of"
	tmux_keys /
	tmux_type "Seal register"
	tmux_keys Enter Enter
	tmux_wait "SEAL-000"
	expect_line "$who's keys line at 80 columns keeps F10 Quit" 24 \
	    "F10 Quit"
	expect_line "and Esc Back" 24 "Esc Back"
	expect_line "and the first commands" 24 "a Add seal"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
done

open_seals liu "$PW"
expect_screen "the drafter sees the seal register" "SEAL-000"
expect_absent "the drafter's key bar has no Add seal" "Add seal"
tmux_keys a
expect_screen "the drafter is refused the key" \
    "Your roles do not allow this action (Art. 7)."
expect_absent "and no dialog opens" "Registration number"
tmux_keys F10
tmux_wait_exit
tmux_stop

open_seals wang "$PW"
expect_screen "the clerk sees the seal register" "SEAL-000"
expect_absent "the clerk's key bar has no Add seal" "Add seal"
tmux_keys a
expect_screen "the clerk alone cannot make a seal" \
    "Your roles do not allow this action (Art. 7)."
expect_absent "and no dialog opens for the clerk" "Registration number"
tmux_keys F10
tmux_wait_exit
tmux_stop

# commands USER PASSWORD: the seal register's own commands USER is
# offered (the help screen lists every key the screen offers them), as
# one line into $T/offered.  Not in $(...): the tmux server's clean-up
# would run when the subshell ends.
commands() {
	open_seals "$1" "$2"
	tmux_wait "SEAL-000"
	tmux_keys '?'
	tmux_wait "Show every key of this screen"
	tmux_capture >"$T/help"
	tmux_keys Escape F10
	tmux_wait_exit
	tmux_stop
	for _c in "Add seal" "Ask for a proxy" "Approve proxy" "Deny proxy" \
	    "Hand over" "Take back seal"; do
		grep -qF -- "$_c" "$T/help" && printf '%s ' "$_c"
	done >"$T/offered"
	echo >>"$T/offered"
}
# The seal register's own commands, role by role: each offered to the
# roles that start it, and to no other.
commands liu "$PW"
expect_eq "a drafter is offered none of the register's commands" "" \
    "$(cat "$T/offered")"
commands yin "$PW"
expect_eq "a printer neither" "" "$(cat "$T/offered")"
commands wang "$PW"
expect_eq "a clerk: proxy custody, not making a seal" \
    "Ask for a proxy Hand over Take back seal " "$(cat "$T/offered")"
commands zhou "$ZPW"
expect_eq "the office director: making a seal and deciding proxies" \
    "Add seal Approve proxy Deny proxy " "$(cat "$T/offered")"
commands wu "$PW"
expect_eq "a clerk who is also office director: all of them" \
    "Add seal Ask for a proxy Approve proxy Deny proxy Hand over Take back seal " \
    "$(cat "$T/offered")"

open_seals zhou "$ZPW"
expect_screen "the office director's key bar offers Add seal" "a Add seal"
tmux_keys a
expect_screen "the dialog opens" "Registration number"
expect_screen "it says how the impression is drawn" "42 mm across"
tmux_keys F2
expect_screen "nothing typed: the number is asked for" \
    "Type the seal's registration number"

# Everything typed, but the key passwords differ.
tmux_type SEAL-000
tmux_keys Tab
tmux_type "$NAME"
tmux_keys Tab
tmux_type "$BODY"
tmux_keys Tab
tmux_type "公文专用"
tmux_keys Tab
tmux_type zhou
tmux_keys Tab
tmux_type "Wrong-Pass-2026"
tmux_keys Tab
tmux_type "$KEYPW"
tmux_keys Tab
tmux_type "Other-Key-2026!"
tmux_keys F2
expect_screen "key passwords that differ are refused" \
    "The two key passwords differ; type the same password twice."

# A wrong login password for the custodian; the key passwords are kept.
# The key password is long enough but has two kinds of character only.
tmux_type "weakweak12"
tmux_keys Tab
tmux_type "weakweak12"
submit
expect_screen "a wrong custodian password is refused" \
    "Wrong user name or password: the custodian checks the login name"
expect_screen "the name typed is kept" "$NAME"
expect_screen "the purpose typed is kept" "公文专用"

# The right password, the weak key password kept from before.
tmux_type "$ZPW"
submit
expect_screen "a weak key password is refused" \
    "The key password is too weak."
expect_screen "saying what the policy needs" "of at least 3 kinds"
expect_absent "not only that it is short" "choose a longer one"

# A strong key password: now the same person is refused.
tmux_type "$KEYPW"
tmux_keys Tab
tmux_type "$KEYPW"
submit
expect_screen "the director cannot be the custodian" \
    "You cannot keep a seal you make: the custodian is another person"

# A custodian who is no clerk.
erase 8
tmux_type liu
tmux_keys Tab
erase 20
tmux_type "$PW"
submit
expect_screen "a custodian who is no clerk is refused" \
    "This account is not a clerk: type the login name of a clerk"

# The clerk, but the number is in use.
erase 8
tmux_type wang
submit
expect_screen "a number in use is refused" \
    "A seal with this registration number exists already; type another"
expect_screen "the body typed is kept" "$BODY"

# A number with a space: refused before the last question.
erase 20
tmux_type "SEAL 001"
tmux_keys F2
expect_screen "a bad number is refused" \
    "This registration number cannot be used: at most 32 letters"
expect_absent "before the last question is asked" "Its key is made now"

erase 20
tmux_type SEAL-001
submit
expect_screen "the seal is made" \
    "The seal SEAL-001 is made, in the custody of wang."
expect_screen "the register lists it" "SEAL-001"
expect_screen "with its name" "$NAME"
expect_absent "the dialog is gone" "Registration number"
tmux_keys F10
tmux_wait_exit
tmux_stop

# What the register holds.
as zhou "$ZPW" seal list >"$T/list" 2>&1
WANG=$(awk -F '	' '$1 == "SEAL-000" { print $5 }' "$T/list")
expect_grep "esealctl lists the new seal, active" "^SEAL-001	active	" "$T/list"
expect_eq "kept by the clerk, as SEAL-000 is" "$WANG" \
    "$(awk -F '	' '$1 == "SEAL-001" { print $5 }' "$T/list")"
as wang "$PW" seal show SEAL-001 >"$T/show" 2>&1
expect_grep "its name" "^name: $NAME" "$T/show"
expect_grep "its body" "^body: $BODY" "$T/show"
expect_grep "its purpose" "^purpose: 公文专用" "$T/show"
expect_grep "its impression, drawn" "^impression: [0-9]* bytes PNG" "$T/show"
expect_grep "the office director's creation is in the audit trail" \
    "history: .*	zhou	ACT_SEAL_ADD	ok	seal SEAL-001 .*, custodian wang$" \
    "$T/show"
expect_grep "and the custodian's" \
    "history: .*	wang	ACT_SEAL_ADD	ok	took custody of seal SEAL-001" \
    "$T/show"
expect_eq "the refusals made no seal" 2 "$(wc -l <"$T/list")"

if ws_chinese; then
	open_seals zhou "$ZPW" zh_CN.UTF-8 "用户名" "主页" "印章登记"
	expect_screen "zh_CN: the key bar offers making a seal" "a 新增印章"
	tmux_keys a
	expect_screen "zh_CN: the dialog is in Chinese" "保管人（文书）"
	tmux_type SEAL-001
	tmux_keys Tab
	tmux_type "$NAME"
	tmux_keys Tab
	tmux_type "$BODY"
	tmux_keys Tab Tab
	tmux_type wang
	tmux_keys Tab
	tmux_type "Wrong-Pass-2026"
	tmux_keys Tab
	tmux_type "$KEYPW"
	tmux_keys Tab
	tmux_type "$KEYPW"
	submit
	expect_screen "zh_CN: a wrong password, in Chinese" "用户名或密码错误"
	tmux_type "$PW"
	submit
	expect_screen "zh_CN: a number in use, in Chinese" "该登记编号已有印章"
	# Esc asks before the typed inputs are dropped.
	tmux_keys Escape
	tmux_wait "]   [" && tmux_keys y
	expect_no_screen "zh_CN: the dialog is given up" "保管人（文书）"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
else
	not_ok "zh_CN.UTF-8 is installed for the Chinese pass"
fi
finish
