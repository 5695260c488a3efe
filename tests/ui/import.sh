#!/bin/sh
# import.sh -- importing a document file on the Documents screen (i), by
# keyboard in a real terminal (tmux): a UTF-8 file is read, shown with
# its encoding and recorded as the drafter's draft after a confirmation;
# a GB18030 file (written with iconv) is read into Chinese and says so;
# a Party-group file is recorded and shown refused for e-sealing with
# the reason (Art. 2); a file in neither encoding, a missing file, an
# empty file, a folder, a file without a title and one over the size
# limit are refused by name next to the path, and nothing is recorded
# for them.  Then the refusals and the preview in Chinese.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
T1='关于调取行政复议案卷材料的请示'
T2='关于购置档案密集柜的请示（GB18030）'
T3='中共示例市司法局党组关于开展专题学习的通知'

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1

# doc FILE KIND TITLE: a document file in UTF-8 with four paragraphs.
doc() {
	printf 'kind: %s\ntitle: %s\nrecipients: 示例市司法局\n' "$2" "$3" >"$1"
	printf 'urgency: normal\ncopies: 2\n' >>"$1"
	printf 'issuing-body: 示例市司法局办公室\n' >>"$1"
	printf '\n局领导：\n第一段，说明事由。\n第二段，说明依据。\n' >>"$1"
	printf '第三段，提出请求。\n妥否，请批示。\n' >>"$1"
}
doc "$T/request.txt" litigation-composed "$T1"
doc "$T/gb.utf8" litigation-composed "$T2"
iconv -f UTF-8 -t GB18030 "$T/gb.utf8" >"$T/request-gb.txt"
doc "$T/party.txt" party-group "$T3"
printf 'kind: official-admin\ntitle: \200\377\n\nx\n' >"$T/latin.txt"
: >"$T/empty.txt"
printf 'kind: official-office\nurgency: normal\n\n正文。\n' >"$T/untitled.txt"
printf 'kind: official-admin\ntitle: 大文书\n\n' >"$T/big.txt"
head -c 1100000 /dev/zero | tr '\0' 'a' | fold -w 1000 >>"$T/big.txt"

# count: how many documents liu may read.
count() {
	as liu "$PW" doc list 2>/dev/null | wc -l
}

# import PATH: on the Documents screen, i, the path, Enter.
import() {
	tmux_keys i
	tmux_wait "Import a document file"
	tmux_type "$1"
	tmux_keys Enter
}

eseal_start 80 24 C.UTF-8
tmux_wait "User name"
ui_login liu "$PW"
tmux_wait "eseal: home of"
tmux_keys /
tmux_type Documents
tmux_keys Enter Enter
expect_screen "the Documents screen offers the import" "i Import"

# -- UTF-8 ---------------------------------------------------------------------
import "$T/request.txt"
expect_screen "the file's encoding is named" "Read as UTF-8."
expect_screen "the title read is shown" "Title: $T1"
expect_screen "the kind is shown" \
    "Kind: composed litigation document; copies: 2"
expect_screen "the first paragraphs of the body are shown" "第一段，说明事由。"
expect_screen "the rest is counted" "(and 2 more paragraphs)"
expect_eq "nothing is recorded before the confirmation" 0 "$(count)"
tmux_keys Enter
expect_screen "Enter again asks first" "Record the imported document"
tmux_keys Escape
tmux_wait_gone "Record the imported document"
expect_eq "a cancelled confirmation records nothing" 0 "$(count)"
tmux_keys Enter
tmux_wait "Record the imported document"
tmux_keys y
expect_screen "the recorded draft's screen opens" "State: draft"
expect_screen "with its Chinese title" "Title: $T1"
expect_eq "one document is recorded" 1 "$(count)"
as liu "$PW" doc show "$(as liu "$PW" doc list | awk -F'\t' \
    -v t="$T1" '$6 == t { print $1 }')" --body >"$T/show" 2>&1
expect_grep "its body is the file's" "^第三段，提出请求。$" "$T/show"
tmux_keys Escape
expect_screen "back on the list, the draft is listed" "$T1"

# -- GB18030 -------------------------------------------------------------------
import "$T/request-gb.txt"
expect_screen "a GB18030 file says so" "Read as GB18030."
expect_screen "and its title reads in Chinese" "Title: $T2"
tmux_keys Enter
tmux_wait "Record the imported document"
expect_screen "the confirmation names the encoding too" "read as GB18030"
tmux_keys y
expect_screen "the GB18030 draft is recorded" "State: draft"
tmux_keys Escape
tmux_wait "$T2"
as liu "$PW" doc list >"$T/list" 2>&1
expect_grep "its title is stored in UTF-8" "	$T2\$" "$T/list"

# -- Art. 2: a Party-group document ------------------------------------------
import "$T/party.txt"
expect_screen "the preview says it will be refused for e-sealing" \
    "It is recorded, and refused for e-sealing:"
expect_screen "and why" "and Party-group documents, are"
tmux_keys Enter
tmux_wait "Record the imported document"
tmux_keys y
expect_screen "it is recorded, refused for e-sealing" \
    "State: refused for e-sealing"
expect_screen "with the reason" "and Party-group documents, are"
expect_screen "citing the rule" "not e-sealed (Art. 2)."
tmux_keys Escape
tmux_wait "$T3"
expect_eq "three documents are recorded" 3 "$(count)"

# -- Refusals ------------------------------------------------------------------
# refused FILE WHAT TEXT: FILE is refused with TEXT next to the path.
refused() {
	import "$1"
	expect_screen "$2" "$3"
	tmux_keys Escape
	tmux_wait_gone "Import a document file"
}
refused "$T/latin.txt" "a file in neither encoding is refused" \
    "Not imported: The text is not valid UTF-8 or GB18030."
refused "$T/none.txt" "a missing file is refused" \
    "Not imported: There is no such file."
refused "$T/empty.txt" "an empty file is refused" \
    "Not imported: the file is empty"
refused "$T" "a folder is refused" \
    "Not imported: that is a folder, not a file"
refused "$T/untitled.txt" "a file without a title is refused by key" \
    "the header has no 'title'"
refused "$T/big.txt" "a file over the limit is refused, naming it" \
    "larger than 960 KiB"
expect_eq "no refused file is recorded" 3 "$(count)"
tmux_keys F10
tmux_wait_exit
expect_eq "eseal exits with status 0" 0 "$(tmux_status)"
tmux_stop

# -- In Chinese ----------------------------------------------------------------
if ws_chinese; then
	eseal_start 80 24 zh_CN.UTF-8
	tmux_wait "用户名"
	ui_login liu "$PW"
	tmux_wait "主页"
	tmux_keys /
	tmux_type 全部文件
	tmux_keys Enter Enter
	expect_screen "zh_CN: the import is offered" "i 导入"
	tmux_keys i
	expect_screen "zh_CN: the import screen is in Chinese" "导入文书文件"
	tmux_type "$T/request-gb.txt"
	tmux_keys Enter
	expect_screen "zh_CN: the encoding is named" "按 GB18030 编码读取。"
	tmux_keys Escape
	tmux_wait_gone "导入文书文件"
	tmux_keys i
	tmux_wait "导入文书文件"
	tmux_type "$T/none.txt"
	tmux_keys Enter
	expect_screen "zh_CN: a missing file is refused by name" \
	    "未导入：没有这个文件。"
	tmux_keys Escape
	tmux_wait_gone "导入文书文件"
	tmux_keys i
	tmux_wait "导入文书文件"
	tmux_type "$T/empty.txt"
	tmux_keys Enter
	expect_screen "zh_CN: an empty file is refused by name" \
	    "未导入：文件是空的"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi

finish
