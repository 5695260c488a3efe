# month-days.sh -- the bureau's month, day by day: every sample document
# through its flows, by keyboard.  Sourced by month.sh and month-demo.sh
# after month-lib.sh; each day is a function.  The counters the summary
# must show are kept as the month goes (N_SEALED, N_COPIES ...).
#
# Must not check the exported figures (month.sh does).

N_SEALED=0 N_COPIES=0 N_REJECTS=0 N_REPRINTS=0 N_RECALLED=0 N_DESTROYED=0
N_EXTRA=0 N_EXTRA_COPIES=0 N_BATCHES=0 N_FORMS=0

# Day 3: 02, the request, from draft to print on the folder printer.
m_day_request() {
	_f="$CORPUS/02-request.txt"
	K02=关于申请为文印室配置
	m_day 3
	m_login liuyang
	m_draft request "$_f"
	m_see "02 is saved as a draft" "State: draft"
	m_see "its Chinese title is intact" "Title: $(m_header "$_f" title)"
	m_see "3 copies asked for" "Copies: 3 asked for"
	m_shot draft-request
	m_submit
	m_see "02 waits at the section chief" "section chief"
	m_quit
	m_day 3 10:00
	m_approve hemin "$K02" "同意。"
	m_see "何敏 issues 02" "State: approved"
	m_see "02 has its number" "Document number: 示区司办〔"
	m_shot issued-request
	m_quit
	m_send liuyang "$K02"
	m_quit
	m_day 3 14:00
	m_seal zhaoli "$K02"
	m_see "赵丽 seals 02" "State: sealed"
	m_shot sealed-request
	N_SEALED=$((N_SEALED + 1))
	m_quit
	m_day 3 15:00
	m_print wuhao "$K02" "$P_FOLDER"
	m_see "the 3 copies print" "Copies 1 to 3 printed on $P_FOLDER."
	m_see "02 is printed" "State: printed"
	m_shot printed-request
	N_COPIES=$((N_COPIES + 3))
	m_quit
}

# Day 5: 01, the notice of the bureau's rules with its attachment, issued
# by the leader in charge and printed through the CUPS queue.
m_day_notice() {
	_f="$CORPUS/01-notice-rules.txt"
	K01=电子签章管理办法（试行）》的通知
	m_day 5
	m_login chenjing
	m_draft notice "$_f"
	m_see "01 is saved with its attachment" "State: draft"
	C01=$(m_copies "$_f")
	m_see "its copies asked for" "Copies: $C01 asked for"
	m_submit
	m_quit
	m_day 5 10:00
	m_approve sunlixin "$K01" "同意印发。"
	m_see "孙立新 issues 01" "State: approved"
	m_quit
	m_send chenjing "$K01"
	m_quit
	m_day 5 11:00
	m_seal zhaoli "$K01"
	m_see "01 is sealed" "State: sealed"
	N_SEALED=$((N_SEALED + 1))
	m_quit
	m_day 5 14:00
	m_print wuhao "$K01" "$P_CUPS"
	m_see "the copies go to the CUPS queue" \
	    "Copies 1 to $C01 printed on $P_CUPS." 30
	m_shot printed-notice
	N_COPIES=$((N_COPIES + C01))
	m_quit
}

# Days 9-11: 03, the decision: sealed, rejected by the print room with
# the reason, revised and applied for as a reprint (Flow 4) before any
# copy printed, approved, sealed again and printed.
m_day_decision() {
	_f="$CORPUS/03-decision.txt"
	K03=关于对第三季度电子签章
	m_day 9
	m_login chenjing
	m_draft decision "$_f"
	m_see "03 is saved" "State: draft"
	m_submit
	m_quit
	m_day 9 10:00
	m_approve zhouwei "$K03" "同意。"
	m_see "周伟 issues 03" "State: approved"
	m_quit
	m_send chenjing "$K03"
	m_quit
	m_day 9 11:00
	m_seal zhaoli "$K03"
	m_see "03 is sealed" "State: sealed"
	N_SEALED=$((N_SEALED + 1))
	m_quit
	m_day 10
	m_queue wuhao "To print" "$K03"
	tmux_keys R
	tmux_wait "Reason (required)"
	tmux_type "检查结果数字有误"
	tmux_keys F2
	m_confirm
	m_see "the print room rejects 03" "State: rejected"
	m_shot rejected-decision
	N_REJECTS=$((N_REJECTS + 1))
	m_quit
	m_day 10 10:00
	m_queue chenjing "Returned to me" "$K03"
	tmux_keys E
	tmux_wait "Issuing body"
	tmux_keys Tab Tab End
	tmux_type "（已更正数字）"
	tmux_keys F2
	tmux_wait "What changed, and why"
	tmux_type "更正检查结果数字"
	tmux_keys Enter
	m_see "the reprint's new version is saved" "Saved."
	m_back
	m_see "the reprint is in approval" "State: in approval"
	N_REPRINTS=$((N_REPRINTS + 1))
	m_quit
	m_day 10 11:00
	m_approve zhouwei "$K03" "同意重印。"
	m_see "周伟 approves the reprint" "State: approved"
	m_quit
	m_send chenjing "$K03"
	m_quit
	m_day 11
	m_seal zhaoli "$K03"
	m_see "the new version is sealed" "State: sealed"
	N_SEALED=$((N_SEALED + 1))
	m_quit
	m_day 11 10:00
	m_print wuhao "$K03" "$P_FOLDER"
	C03=$(m_copies "$_f")
	m_see "its copies print" "Copies 1 to $C03 printed on $P_FOLDER."
	N_COPIES=$((N_COPIES + C03))
	m_quit
}
