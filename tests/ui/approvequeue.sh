#!/bin/sh
# approvequeue.sh -- the approver's queue when others act first, in a
# real terminal (tmux): two documents of one title from two drafters are
# told apart by their drafter; "a" with nothing tagged opens the
# selected document's own dialog; approvals refused because another
# approver acted first name each document by its title and drafter, say
# the one level its step needs, and the queue is read again, so it shows
# what the home screen counts.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

E=C.UTF-8
PW=Desk-Work-2026
TITLE='关于申请配置彩色打印机的请示'

field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
ws_user ma '马丽' drafter "$PW"
ws_user zhang '张科长' approver "$PW"
ws_user li '李科长' approver "$PW"
for u in liu ma; do
	as secadmin "$SEC" user roles $u drafter --dept "办公室" >/dev/null 2>&1
done
for u in zhang li; do
	as secadmin "$SEC" user roles $u approver --leader 1 \
	    --issuing litigation-table,litigation-fill-in,litigation-composed \
	    --dept "办公室" >/dev/null 2>&1
done

# new_doc DRAFTER LEADER-IN-CHARGE: a document of $TITLE, submitted;
# its id printed.
new_doc() {
	cat >"$T/doc.txt" <<EOT
kind: litigation-composed
title: $TITLE
recipients: 示例市司法局
copies: 1
issuing-body: 示例市司法局办公室
leader-in-charge: $2

局领导：
拟购置彩色激光打印机一台。
EOT
	as "$1" "$PW" doc new --import "$T/doc.txt" >"$T/new" 2>&1
	_id=$(field id "$T/new")
	as "$1" "$PW" doc submit "$_id" >/dev/null 2>&1
	echo "$_id"
}
D1=$(new_doc liu yes)
D2=$(new_doc ma no)
as zhang "$PW" doc inbox approve >"$T/inbox" 2>&1
expect_eq "both wait for the section chiefs" 2 "$(grep -c "$TITLE" "$T/inbox")"

tmux_stop
eseal_start 80 24 "$E"
tmux_wait "User name"
ui_login zhang "$PW"
tmux_wait "eseal: home of"
expect_screen "the home screen counts two to approve" "2 waiting"
tmux_keys Enter
tmux_wait "$TITLE"
expect_screen "the queue has a drafter column" "Drafter"
expect_screen "one document by 刘洋" "刘洋"
expect_screen "the other by 马丽" "马丽"

# Nothing tagged: "a" is the selected document's own dialog.
tmux_keys a
tmux_wait "Comment (optional)"
expect_absent "not a dialog for tagged documents" "tagged documents"
expect_screen "it names the document's drafter" "Drafter: "
# The confirmation's keys line says what its buttons say.
tmux_keys F2
tmux_wait "]   ["
expect_screen "the buttons" "[ Cancel ]"
expect_line "y is the button's word" 24 "y Approve"
expect_line "n is Cancel, as its button" 24 "n Cancel"
tmux_keys n
tmux_wait_gone "]   ["
tmux_keys Escape
tmux_wait_gone "Comment (optional)"

# Another section chief acts on both first: one goes on to the leader in
# charge, the other is issued.
as li "$PW" doc approve "$D1" >/dev/null 2>&1
as li "$PW" doc approve "$D2" >/dev/null 2>&1
as zhang "$PW" doc inbox approve >"$T/inbox" 2>&1
expect_eq "neither waits for a section chief now" 0 \
    "$(grep -c "$TITLE" "$T/inbox")"

tmux_keys T a
tmux_wait "One comment for all"
tmux_keys Enter
tmux_wait "You approve 2 documents"
tmux_keys y
tmux_wait "Some documents were not approved"
expect_screen "the refusal names a document by its drafter" \
    "drafted by 刘洋"
expect_screen "and the other" "马丽: The document is not in a state"
expect_screen "it says the level the step needs" \
    "leader in charge (Flow 1); your leader level is lower"
expect_absent "not every level of the chain" "a section chief or deputy, the"
expect_absent "nor a document id" "Document $D1:"
tmux_keys Enter
tmux_wait_gone "Some documents were not approved"
expect_screen "none was approved" "0 documents approved."
expect_screen "the queue is read again: nothing waits" "Nothing waits here."
tmux_keys Escape
tmux_wait "eseal: home of"
expect_absent "and the home screen agrees" "2 waiting"
tmux_keys F10
tmux_wait_exit
tmux_stop
finish
