#!/bin/sh
# reports.sh -- the reports screen, its export, and the administrators'
# printer and media screens, driven in a real terminal (tmux) over the
# January office of tests/cli/report_ws.sh (one document sealed and
# printed, one rejected; the clock on 1 February 09:30).
#
# The security administrator registers a directory as a medium (the
# test mode of test builds) and revokes another, and sees the register
# of accounts but cannot choose a period; the system administrator adds
# a folder printer, disables the one the print log names (removing it
# is refused) and removes the new one.  The clerk opens January's
# summary: the cells of the table, the first column and the totals row
# staying in view while the rest scrolls, the help listing the keys;
# then exports it: a full medium (the file-size hook), a medium pulled
# out mid-write (the pause hook), a read-only one, a revoked one and
# none at all each show their message and leave nothing that looks
# complete, and the retry writes an export that 'esealctl report verify'
# accepts.  Every change shows up in esealctl's listings and the audit
# trail.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"
. "$abs_top_srcdir/tests/cli/report_ws.sh"

export ESEAL_TEST_MEDIA_DIRS=1
STICK="$T/stick"
mkdir "$STICK" "$T/stick2"

# start ROLE [VAR=VALUE...]: eseal at 80x24, logged in as ROLE, at home.
# Never leaves a mount behind (the read-only step bind-mounts as root).
start() {
	start_who=$1
	shift
	tmux_stop	# the previous run's server, if a step left it
	eseal_start 80 24 "${START_LANG:-C.UTF-8}" \
	    ESEAL_FAKE_TIME="$ESEAL_FAKE_TIME" TZ="$TZ" ESEAL_TEST_MEDIA_DIRS=1 "$@"
	trap 'tmux_stop; umount "$STICK" 2>/dev/null;
	    chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
	tmux_wait "User name"
	ui_login "$start_who" "$PW"
	expect_screen "$start_who is at the home screen" \
	    "${START_HOME:-Change my password}"
}

# open ENTRY: the home menu's entry ENTRY, found with / and opened.
open() {
	find_row "$1"
	tmux_keys Enter
}

# find_row TEXT: move a list's cursor to the row holding TEXT (/ TEXT;
# the prompt starts with the last search, so that is erased first).
find_row() {
	tmux_keys /
	tmux_wait "Find the lines containing"
	tmux_keys -N 40 BSpace
	tmux_type "$1"
	tmux_keys Enter
	tmux_wait_gone "Find the lines containing"
}

# quit: leave eseal, wait for it to end, and stop its tmux server (the
# exit status stays readable: tmux_status).
quit() {
	tmux_keys F10
	tmux_wait_exit
	quit_status=$(tmux_status)
	tmux_stop
}

# row TEXT [N]: the screen line holding TEXT, words separated by one
# space (only the first N words: a long path is cut at the edge).
row() {
	tmux_capture | grep -F -- "$1" | head -n 1 | tr -s ' ' | sed 's/^ //' |
	    cut -d ' ' -f "1-${2:-99}"
}

# lines_from TEXT: how many screen lines start with TEXT.
lines_from() { tmux_capture | grep -c "^$1"; }

# exports DIR / leftovers DIR: complete exports of the summary, and
# unfinished exports, on DIR.
exports() { ls "$1" | grep -c '^eseal-summary-'; }
leftovers() { ls -a "$1" | grep -c '^\.eseal-.*\.part$'; }

# -- The security administrator: removable media --------------------------
start secadmin
expect_screen "the security administrator sees the media screen" \
    "Removable media"
expect_absent "but not the printers" "Printers"
expect_absent "nor the clerk's reports" "Reports"
open "Removable media"
expect_screen "the register starts empty" "No medium registered or mounted"
tmux_keys a
expect_screen "a opens the registration" "Register a medium"
tmux_type "$STICK"
tmux_keys Tab
tmux_type "办公室U盘"
tmux_keys F2
expect_screen "registering asks first, saying what will happen" \
    "offered it whenever it is mounted"
tmux_keys y
expect_screen "the medium is registered" "is registered."
expect_eq "its row: UUID, label, state, mounted" \
    "$STICK 办公室U盘 registered mounted" "$(row "办公室U盘")"
tmux_keys a
tmux_wait "Register a medium"
tmux_type "$T/stick2"
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
expect_screen "a second one is registered" "stick2 is registered."
find_row "stick2"
tmux_keys d
expect_screen "revoking asks first" "The revocation is recorded"
tmux_keys y
expect_screen "the second one is revoked" "stick2 is revoked."
expect_screen "the details of the selected one say who registered it" \
    "Registered by secadmin on 2026-02-01 09:30; revoked."
as secadmin media list >"$T/out" 2>&1
expect_grep "esealctl lists the registered medium" \
    "^$STICK	办公室U盘	registered	" "$T/out"
expect_grep "and the revoked one" "^$T/stick2	.*revoked" "$T/out"
as auditor audit list --action MEDIUM_REGISTER >"$T/out" 2>&1
expect_grep "the registration is audited" \
    "secadmin.*ACT_MEDIUM_REGISTER.*ok.*registered medium $STICK (办公室U盘)" \
    "$T/out"
expect_grep "and the revocation" "secadmin.*ACT_MEDIUM_REGISTER.*ok.*stick2" \
    "$T/out"

tmux_keys Escape
tmux_wait "Change my password"
open "Register of accounts"
expect_screen "the register of accounts opens at once" "Table 1 of 1"
expect_screen "it lists the clerk's account" "clerk"
tmux_keys r
expect_screen "choosing a period is the clerk's: r is refused for the role" \
    "Your roles do not allow this action"
tmux_keys x
expect_screen "the security administrator exports the accounts" "办公室U盘 at"
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
expect_screen "to the registered medium" "The export is written and checked"
tmux_keys Enter
A=$(ls -d "$STICK"/eseal-accounts-* 2>/dev/null | head -n 1)
[ -s "$A/accounts.pdf" ] && ok "the register of accounts is exported" ||
    not_ok "no accounts.pdf in '$A'"
ctl report verify "$A/MANIFEST" >"$T/out" 2>&1
expect_eq "and verifies" 0 $?
quit

# -- The system administrator: printers ---------------------------------------
start sysadmin
open "Printers"
tmux_wait "non-classified"
expect_eq "the printer of January: kind, colour, class, state" \
    "colour folder colour non-classified in use" "$(row "non-classified" 6)"
tmux_keys a
tmux_wait "Add a printer"
tmux_type "彩色二号"
tmux_keys Tab Right Tab
tmux_type "$T/colour2"
tmux_keys Tab
tmux_type "文印室"
tmux_keys Tab Tab Space
tmux_keys F2
expect_screen "adding asks first, with a summary" "Add the printer 彩色二号"
tmux_keys y
expect_screen "the printer is added" "The printer 彩色二号 is added."
expect_eq "its row says folder, colour, classified" \
    "彩色二号 folder colour classified in use" "$(row "彩色二号" 6)"
tmux_keys g D
expect_screen "removing asks first" "Remove the printer colour"
tmux_keys y
expect_screen "the printer the print log names cannot be removed" \
    "named in the print log"
tmux_keys d
expect_screen "disabling asks first" "Disable the printer colour"
tmux_keys y
expect_screen "it is disabled instead" "The printer colour is disabled."
expect_eq "its row says so" "colour folder colour non-classified disabled" \
    "$(row "non-classified" 5)"
tmux_keys G D
tmux_wait "Remove the printer 彩色二号"
tmux_keys y
expect_screen "the unused printer is removed" "The printer 彩色二号 is removed."
quit
as sysadmin printer list >"$T/out" 2>&1
expect_grep "esealctl lists the disabled printer" "colour.*disabled" "$T/out"
if grep -q "彩色二号" "$T/out"; then
	not_ok "the removed printer is still listed"
else
	ok "the removed printer is gone from the listing"
fi
as auditor audit list --action PRINTER_MANAGE >"$T/out" 2>&1
expect_grep "adding is audited" "sysadmin.*ACT_PRINTER_MANAGE.*ok.*彩色二号 added" \
    "$T/out"
expect_grep "the refused removal too" \
    "ACT_PRINTER_MANAGE.*failed.*STATUS_PRINTER_USED" "$T/out"

# -- The clerk: January's summary ---------------------------------------------
start clerk ESEAL_TEST_EXPORT_FSIZE=20000
open "Reports"
expect_screen "the reports screen asks for the report and the period" \
    "Summary of sealing and printing"
expect_eq "the period is this month by default" "Period 2026-02" \
    "$(row "Period")"
tmux_keys Tab BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tmux_type "2026-1"
tmux_keys Enter
expect_screen "a period it cannot read is refused" "The report period is not valid"
tmux_keys BSpace
tmux_type "01"
tmux_keys Enter
expect_screen "January's summary, by seal first" "Table 1 of 4: By seal"
expect_screen "with its period" "Period: 2026-01-01 to 2026-01-31"
expect_eq "the seal's row: sealed 1, printed 2, no reject" \
    "SEAL-001 示例市司法局公文专用章 1 2 0 0" "$(row "SEAL-001")"
expect_eq "the rejection has no seal" "(not sealed) 0 0 1 0" \
    "$(row "(not sealed)")"
expect_eq "the totals row" "Total 1 2 1 0" "$(row "Total")"
tmux_keys Right Right Right Right Right Right Right Right Right Right Right
expect_screen "Right scrolls to the last columns" "Blank forms"
expect_absent "the seal's name scrolled away" "Seal name"
expect_eq "the first column stays, the counts follow it" \
    "SEAL-001 0 0 0 0" "$(row "SEAL-001")"
expect_eq "and so does the totals row" "Total 0 0 0 0" "$(row "Total")"
tmux_keys Tab Tab Tab
expect_screen "Tab goes to the daily volume" "Table 4 of 4: Daily volume"
expect_eq "31 days do not fit in 24 lines" 0 "$(lines_from 2026-01-31)"
expect_eq "the totals row is shown under the first days" "Total 1 2" \
    "$(row "Total")"
tmux_keys G
tmux_wait "rows 15-31 of 31"
expect_eq "G scrolls to the last day" 1 "$(lines_from 2026-01-31)"
expect_eq "the first day has scrolled away" 0 "$(lines_from 2026-01-01)"
expect_eq "the totals row stays, right under the last day" "Total 1 2" \
    "$(tmux_capture | awk '/^2026-01-31/ { getline; print; exit }' | tr -s ' ')"
tmux_keys '?'
expect_screen "the help lists the export key" "Write the report to a registered"
expect_screen "and the table keys" "Show the report's next table"
tmux_keys Escape
tmux_wait_gone "Help:"

# Export: the file-size hook fills the medium at the PDF.
tmux_keys x
expect_screen "the export offers the registered medium" "办公室U盘 at $STICK"
expect_absent "never the revoked one" "stick2"
tmux_keys Tab Space
tmux_keys F2
expect_screen "the export asks first, naming the files" "summary-bom.csv"
tmux_keys y
expect_screen "a full medium says so" "The disk or medium is full"
expect_screen "and that nothing looks complete" "No export that looks complete"
expect_eq "no export on the medium" 0 "$(exports "$STICK")"
tmux_keys BTab Space
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
expect_screen "without the PDF the retry fits" "The export is written and checked"
tmux_keys Enter
expect_screen "the message line names the folder" "Exported to $STICK/eseal-summary-"
E=$(ls -d "$STICK"/eseal-summary-* 2>/dev/null | head -n 1)
expect_eq "one export on the medium" 1 "$(exports "$STICK")"
for f in summary.csv summary-bom.csv summary-gb18030.csv MANIFEST; do
	[ -s "$E/$f" ] && ok "the export holds $f" || not_ok "no $f in $E"
done
expect_eq "the BOM form opens with a byte-order mark" "efbbbf" \
    "$(head -c 3 "$E/summary-bom.csv" | od -An -tx1 | tr -d ' \n')"
ctl report verify "$E/MANIFEST" >"$T/out" 2>&1
expect_eq "the export verifies" 0 $?
as auditor audit list --action EXPORT >"$T/out" 2>&1
expect_grep "the failure is audited" "clerk.*ACT_EXPORT.*failed.*STATUS_NO_SPACE" \
    "$T/out"
expect_grep "and the export" \
    "clerk.*ACT_EXPORT.*ok.*summary 2026-01-01..2026-01-31 to medium $STICK (办公室U盘)" \
    "$T/out"
quit

# -- Pulled out, read-only, revoked, none ------------------------------------
ESEAL_FAKE_TIME=1769909460		# a minute later: another folder
start clerk ESEAL_TEST_EXPORT_PAUSE="$T/pause"
open "Reports"
tmux_wait "Period"
tmux_keys Tab BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tmux_type "2026-01"
tmux_keys Enter
tmux_wait "Table 1 of 4"
tmux_keys x
tmux_wait "Medium"
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
i=0
while [ ! -e "$T/pause.ready" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
mv "$STICK" "$T/pulled"
touch "$T/pause.go"
expect_screen "a medium pulled out mid-write says so" "The medium was removed"
mv "$T/pulled" "$STICK"
expect_eq "what was half written does not look complete" 1 "$(exports "$STICK")"
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
expect_screen "put back, the retry succeeds" "The export is written and checked"
tmux_keys Enter
expect_eq "two exports now" 2 "$(exports "$STICK")"
expect_eq "the unfinished one is cleared away" 0 "$(leftovers "$STICK")"
E=$(ls -d "$STICK"/eseal-summary-*T093100 2>/dev/null | head -n 1)
[ -s "$E/summary.pdf" ] && ok "this time with the PDF" || not_ok "no PDF in '$E'"
ctl report verify "$E/MANIFEST" >"$T/out" 2>&1
expect_eq "and it verifies" 0 $?

# Read-only: a read-only bind mount as root (root ignores modes).
if [ "$(id -u)" -eq 0 ]; then
	mount --bind "$STICK" "$STICK" && mount -o remount,bind,ro "$STICK"
else
	chmod a-w "$STICK"
fi
tmux_keys x
tmux_wait "Medium"
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
if [ "$(id -u)" -eq 0 ]; then
	expect_screen "a read-only medium says so" "read-only"
	umount "$STICK"
else
	expect_screen "a read-only medium says so" "Permission denied"
	chmod u+w "$STICK"
fi
expect_eq "nothing new on it" 2 "$(exports "$STICK")"

# Revoked while the dialog is open: the core refuses it.
as secadmin media revoke "$STICK" >/dev/null 2>&1
tmux_keys F2
tmux_wait "]   ["
tmux_keys y
expect_screen "a revoked medium is refused with its reason" "not registered for exports"
tmux_keys Escape
tmux_wait "Table 1 of 4"
tmux_keys x
expect_screen "with no registered medium mounted, it says so" \
    "No registered removable medium is mounted"
tmux_keys n
expect_eq "still two exports" 2 "$(exports "$STICK")"
quit
expect_eq "eseal ends normally" 0 "$quit_status"

# -- In Chinese: the screen, and the core's reason for a full medium ---------
if ws_chinese; then
	as secadmin media register "$STICK" --label "办公室U盘" >/dev/null 2>&1
	START_LANG=zh_CN.UTF-8 START_HOME="修改我的密码"
	start clerk ESEAL_TEST_EXPORT_FSIZE=20000
	open "报表"
	expect_screen "zh_CN: the report's choice is in Chinese" "签章和打印汇总表"
	tmux_keys Tab BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	tmux_type "2026-01"
	tmux_keys Enter
	expect_screen "zh_CN: the table's caption" "第 1 张表，共 4 张"
	expect_line "zh_CN: the keys line" 24 "x 导出"
	tmux_keys x
	expect_screen "zh_CN: the export dialog" "CSV（UTF-8，带 BOM）"
	tmux_keys F2
	tmux_wait "将写入介质"
	tmux_keys y
	expect_screen "zh_CN: the core's reason for a full medium, in Chinese" \
	    "磁盘或介质已满"
	expect_screen "zh_CN: and that the export can be retried" "按 F2 重试"
	quit
	expect_eq "zh_CN: still two exports" 2 "$(exports "$STICK")"
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi

finish
