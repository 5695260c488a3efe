#!/bin/sh
# formcontent.sh -- what a clerk sees of a table form drafted by
# keyboard in a real terminal (tmux): the 行政复议案件登记表 filled in,
# F2, and the document screen's text holds every field (Art. 9); a
# character the document fonts cannot draw is refused at its field,
# named, before anything is recorded (Art. 12); in Chinese too, where
# every document form offers the leader in charge (Flow 1).
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

ESEAL_FORMS_DIR="$abs_top_srcdir/forms"
export ESEAL_FORMS_DIR
PW=Desk-Work-2026

ws_init
ws_admin_passwords
ws_user liu '刘洋' drafter "$PW"

eseal_start 80 24 C.UTF-8
tmux_wait "User name"
ui_login liu "$PW"
tmux_wait "eseal: home of"
tmux_keys /
tmux_type "Draft a document"
tmux_keys Enter Enter
tmux_wait "Draft a document: choose its form"
tmux_keys /
tmux_type case-register
tmux_keys Enter Enter
tmux_wait "Case number"
# title (its default kept) -> case number, applicant, respondent,
# received, request, handler, issuing body
tmux_keys Tab
tmux_type '示复〔2026〕7号'
tmux_keys Tab
tmux_type '王某某'
tmux_keys Tab
tmux_type '示例区市场监督管理局'
tmux_keys Tab
tmux_type 2026-03-02
tmux_keys Tab
tmux_type '撤销行政处罚决定。'
tmux_keys Tab
tmux_type liu
tmux_keys Tab
tmux_type '𠀀示例局'
tmux_keys F2
expect_screen "the form names the character it cannot print" "U+20000"
expect_no_screen "nothing is saved" "State: draft"
tmux_keys Home Delete

tmux_keys F2
expect_screen "F2 saves the register and shows the document" "State: draft"
tmux_keys /
tmux_type 案号
tmux_keys Enter
expect_screen "the text shows the case number" "案号：示复〔2026〕7号"
expect_screen "the applicant" "申请人：王某某"
expect_screen "the respondent" "被申请人：示例区市场监督管理局"
expect_screen "the date received" "收件日期：2026-03-02"
expect_screen "the request" "复议请求：撤销行政处罚决定。"
expect_screen "who handles it" "承办人：liu"
tmux_keys F10
tmux_wait_exit
tmux_stop

# -- In Chinese: the fill-in form, a musical symbol refused -----------------
if ws_chinese; then
	eseal_start 80 24 zh_CN.UTF-8
	tmux_wait "用户名"
	ui_login liu "$PW"
	tmux_wait "主页"
	tmux_keys /
	tmux_type "拟稿"
	tmux_keys Enter Enter
	tmux_keys /
	tmux_type service-receipt
	tmux_keys Enter Enter
	tmux_wait "送达文书名称及文号"
	expect_screen "zh_CN: the form offers the leader in charge" \
	    "分管局领导审批"
	# blank forms, title -> the document served
	tmux_keys Tab Tab
	tmux_type '乐谱𝄞'
	tmux_keys F2
	expect_screen "zh_CN: the refusal names the character" \
	    "字符 𝄞 (U+1D11E) 无法打印"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi
finish
