# month-days.sh -- the bureau's month, day by day: every sample document
# through its flows, by keyboard.  Sourced by month.sh and month-demo.sh
# after month-lib.sh; each day is a function.  The counters the summary
# must show are kept as the month goes (N_SEALED, N_COPIES ...).
#
# Must not check the exported figures (month.sh does).

N_SEALED=0 N_COPIES=0 N_REJECTS=0 N_REPRINTS=0 N_RECALLED=0 N_DESTROYED=0
N_EXTRA=0 N_EXTRA_COPIES=0 N_BATCHES=0 N_FORMS=0

# m_count WHAT N: N more of WHAT (SEALED, COPIES ...) today; the daily
# sealings and copies also go to M_DAILY as "DAY WHAT N" lines.
m_count() {
	eval "N_$1=\$((N_$1 + $2))"
	[ -z "${M_DAILY:-}" ] || echo "$M_DAYNUM $1 $2" >>"$M_DAILY"
}

# A part of each document's title that its lines show.
K02=关于申请为文印室配置
K01=电子签章管理办法（试行）》的通知
K03=关于对第三季度电子签章
K04=委托函
K05=送达回证
K06=关于调整局领导班子
K07=关于某专项工作部署情况
K09=（GB18030

# m_leader_chain CHIEF KEY WHAT COMMENT: a document whose form says yes
# to 分管局领导审批 goes up its two steps: the section chief CHIEF
# approves it and it stays in approval, waiting for the leader in
# charge; 孙立新, the leader in charge, then issues it.
m_leader_chain() {
	m_approve "$1" "$2" "同意，呈分管局领导审批。"
	m_see "$3 is still in approval after $1's approval" \
	    "State: in approval"
	m_see "$3 waits at its second step" "Waiting at step 2 of 2"
	m_see "$3's second step is the leader in charge's" \
	    "bureau leader in charge: waiting"
	m_quit
	m_approve sunlixin "$2" "$4"
	m_see "孙立新 issues $3" "State: approved"
	m_see "$3's issuance is the leader in charge's step" \
	    "bureau leader in charge: issuance by 孙立新"
	m_quit
}

# Day 3: 02, the request, from draft to print on the folder printer.
m_day_request() {
	_f="$CORPUS/02-request.txt"
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
	N02=$(tmux_capture | sed -n 's/^Document number: \([^ ]*\).*/\1/p')
	m_shot issued-request
	m_quit
	m_send liuyang "$K02"
	m_quit
	m_day 3 14:00
	m_seal zhaoli "$K02"
	m_see "赵丽 seals 02" "State: sealed"
	m_shot sealed-request
	m_count SEALED 1
	m_quit
	m_day 3 15:00
	m_print wuhao "$K02" "$P_FOLDER"
	m_see "the 3 copies print" "Copies 1 to 3 printed on $P_FOLDER."
	m_see "02 is printed" "State: printed"
	m_shot printed-request
	m_count COPIES 3
	m_quit
}

# Day 5: 01, the notice of the bureau's rules with its attachment,
# approved by the office director, issued by the leader in charge and
# printed through the CUPS queue.
m_day_notice() {
	_f="$CORPUS/01-notice-rules.txt"
	m_day 5
	m_login chenjing
	m_draft notice "$_f"
	m_see "01 is saved with its attachment" "State: draft"
	C01=$(m_copies "$_f")
	m_see "its copies asked for" "Copies: $C01 asked for"
	m_submit
	m_see "01's chain has two steps" "Waiting at step 1 of 2"
	m_quit
	m_day 5 10:00
	m_leader_chain zhouwei "$K01" 01 "同意印发。"
	m_send chenjing "$K01"
	m_quit
	m_day 5 11:00
	m_seal zhaoli "$K01"
	m_see "01 is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 5 14:00
	m_print wuhao "$K01" "$P_CUPS"
	m_see "the copies go to the CUPS queue" \
	    "Copies 1 to $C01 printed on $P_CUPS." 30
	m_shot printed-notice
	m_count COPIES $C01
	m_quit
}

# Days 9-11: 03, the decision, approved by the office director and
# issued by the leader in charge: sealed, rejected by the print room with
# the reason, revised and applied for as a reprint (Flow 4) before any
# copy printed, approved, sealed again and printed.
m_day_decision() {
	_f="$CORPUS/03-decision.txt"
	m_day 9
	m_login chenjing
	m_draft decision "$_f"
	m_see "03 is saved" "State: draft"
	m_submit
	m_see "03's chain has two steps" "Waiting at step 1 of 2"
	m_quit
	m_day 9 10:00
	m_leader_chain zhouwei "$K03" 03 "同意。"
	m_send chenjing "$K03"
	m_quit
	m_day 9 11:00
	m_seal zhaoli "$K03"
	m_see "03 is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 10
	m_queue wuhao "To print" "$K03"
	tmux_keys R
	m_wait "Reason (required)"
	tmux_type "检查结果数字有误"
	tmux_keys F2
	m_confirm
	m_see "the print room rejects 03" "State: rejected"
	m_shot rejected-decision
	m_count REJECTS 1
	m_quit
	m_day 10 10:00
	m_queue chenjing "Returned to me" "$K03"
	tmux_keys E
	m_wait "Issuing body"
	tmux_keys Tab Tab End
	tmux_type "（已更正数字）"
	tmux_keys F2
	m_wait "What changed, and why"
	tmux_type "更正检查结果数字"
	tmux_keys Enter
	m_see "the reprint's new version is saved" "Saved."
	m_back
	m_see "the reprint is in approval" "State: in approval"
	m_count REPRINTS 1
	m_quit
	m_day 10 10:30
	m_login wuhao
	m_entry "To print"
	m_see "the old version is no longer offered for printing" \
	    "Nothing waits here."
	m_quit
	m_day 10 11:00
	m_leader_chain zhouwei "$K03" "03's reprint" "同意重印。"
	m_send chenjing "$K03"
	m_quit
	m_day 11
	m_seal zhaoli "$K03"
	m_see "the new version is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 11 10:00
	m_print wuhao "$K03" "$P_FOLDER"
	C03=$(m_copies "$_f")
	m_see "its copies print" "Copies 1 to $C03 printed on $P_FOLDER."
	m_count COPIES $C03
	m_quit
}

# Days 12-13: 04, the letter of entrustment, approved by the section
# chief and issued by the leader in charge, printed; then found wrong:
# the drafter applies for a reprint of the printed document, the clerk
# recalls its copies and records their destruction before a witness,
# and the new version is approved, sealed and printed.
m_day_entrustment() {
	_f="$CORPUS/04-entrustment.txt"
	m_day 12
	m_login liuyang
	m_draft entrustment "$_f" "（2026）示行初第000号" \
	    "赵磊、钱晓"
	m_see "04 is saved" "State: draft"
	m_submit
	m_see "04's chain has two steps" "Waiting at step 1 of 2"
	m_quit
	m_day 12 10:00
	m_leader_chain hemin "$K04" 04 "同意。"
	m_send liuyang "$K04"
	m_quit
	m_day 12 11:00
	m_seal zhaoli "$K04"
	m_see "04 is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 12 14:00
	C04=$(m_copies "$_f")
	m_print wuhao "$K04" "$P_FOLDER"
	m_see "04's copies print" "Copies 1 to $C04 printed on $P_FOLDER."
	m_count COPIES $C04
	m_quit

	m_day 13
	m_login liuyang
	m_entry Documents
	m_wait "$K04"
	m_open "$K04"
	m_wait "State: printed"
	tmux_keys E
	m_wait "Issuing body"
	tmux_keys Tab Tab Tab End
	tmux_type "（更正委托期限）"
	tmux_keys F2
	m_wait "What changed, and why"
	tmux_type "委托期限表述有误"
	tmux_keys Enter
	m_see "the reprint of the printed 04 is saved" "Saved."
	m_back
	m_see "the reprint goes into approval" "State: in approval"
	m_count REPRINTS 1
	m_quit

	m_day 13 10:00
	m_login zhaoli
	m_entry Documents
	m_wait "$K04"
	m_open "$K04"
	m_wait "State:"
	tmux_keys C
	m_wait "Copy numbers"
	tmux_keys F2
	m_see "the recall lists the printed copies" \
	    "Record $C04 copies (1-$C04)"
	tmux_keys y
	m_see "the copies are recalled" "$C04 copies recorded as recalled."
	m_count RECALLED $C04
	tmux_keys K
	m_wait "Witness"
	tmux_keys Tab
	tmux_type "周伟"
	tmux_keys F2
	m_confirm
	m_see "their destruction is recorded" \
	    "$C04 copies recorded as destroyed."
	m_shot destroyed-entrustment
	m_count DESTROYED $C04
	m_quit

	m_day 13 11:00
	m_leader_chain hemin "$K04" "04's reprint" "同意重印。"
	m_send liuyang "$K04"
	m_quit
	m_day 13 14:00
	m_seal zhaoli "$K04"
	m_see "the new version is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 13 15:00
	m_print wuhao "$K04" "$P_FOLDER"
	m_see "the new version's copies print" "printed on $P_FOLDER."
	m_count COPIES $C04
	m_quit
}

# Day 16: 05, a batch of sealed blank service receipts for the
# administrative review section (Flow 1.2).
m_day_batch() {
	_f="$CORPUS/05-blank-service-receipt.txt"
	C05=$(m_copies "$_f")
	m_day 16
	m_login fengting
	m_entry "Draft a document"
	m_wait "choose its form"
	tmux_keys g /
	# shellcheck disable=SC2086
	tmux_keys End $M_CLEAR
	tmux_type "service-receipt"
	tmux_keys Enter
	m_wait "b Blank forms"
	tmux_keys b
	m_see "b opens the receipt as a batch of blank forms" \
	    "< Yes, a batch of blank forms >"
	# batch, title ... remarks, then the issuing body
	tmux_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
	m_docfields "$_f"
	tmux_keys F2
	m_wait "Purpose:"
	tmux_type "行政复议案件日常送达"
	tmux_keys Enter
	m_see "the batch is a draft" "State: draft"
	m_see "of its blank forms" "Copies: $C05 asked for"
	m_submit
	m_quit
	m_count BATCHES 1
	m_count FORMS $C05
	m_day 16 10:00
	m_approve zhengqiang "$K05" "同意。"
	m_see "郑强 approves the batch" "State: approved"
	m_quit
	m_send fengting "$K05"
	m_quit
	m_day 16 11:00
	m_seal zhaoli "$K05"
	m_see "the batch is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 16 14:00
	m_print wuhao "$K05" "$P_FOLDER"
	m_see "the blank forms print" "Copies 1 to $C05 printed on $P_FOLDER."
	m_count COPIES $C05
	m_quit
}

# Day 18: 06, the special-number notice: only a bureau leader approves it
# (Flow 1.3); the leader in charge's queue does not hold it.
m_day_special() {
	_f="$CORPUS/06-special-number.txt"
	m_day 18
	m_login chenjing
	m_draft notice "$_f"
	m_see "06 is saved" "State: draft"
	m_see "as a special-number document" "special number: yes"
	m_submit
	m_see "06 waits for the bureau leader" "bureau leader"
	m_shot special-waiting
	m_quit
	m_day 18 10:00
	m_login sunlixin
	m_entry "To approve"
	m_see "the leader in charge's queue is empty" "Nothing waits here."
	m_quit
	m_approve wangjianguo "$K06" "同意。"
	m_see "王建国 issues 06" "State: approved"
	m_quit
	m_send chenjing "$K06"
	m_quit
	m_day 18 11:00
	m_seal zhaoli "$K06"
	m_see "06 is sealed" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 18 14:00
	C06=$(m_copies "$_f")
	m_print wuhao "$K06" "$P_FOLDER"
	m_see "06's copies print" "Copies 1 to $C06 printed on $P_FOLDER."
	m_count COPIES $C06
	m_quit
}

# Day 19: 07, a secret report: this workstation is not classified, so
# the draft is refused when saved (Art. 13); nothing is recorded.  Then
# the same report on the bureau's classified (secret) workstation
# (m_secret_station): there it is imported, approved, issued and
# sealed, and the print room, whose colour printer is not classified,
# is refused it, with the reason next to the printer (Art. 13).
m_day_classified() {
	_f="$CORPUS/07-classified.txt"
	m_day 19
	m_login chenjing
	m_draft notice "$_f"
	m_see "07 is refused on the unclassified workstation" \
	    "This workstation is not classified for this document"
	m_shot refused-classified
	m_quit

	m_day 19 10:00
	M_H_MAIN=$H
	H="$T/ws-secret"
	if ! m_secret_station "$T/printer-secret"; then
		not_ok "esealctl sets up the classified workstation:"
		sed 's/^/    /' "$T/secret.out"
		H=$M_H_MAIN
		return 1
	fi
	m_login chenjing
	m_import "$_f"
	m_see "the classified workstation reads 07" \
	    "Classification: secret; urgency: urgent"
	m_confirm_import
	m_see "07 is a draft on the classified workstation" "State: draft"
	m_submit
	m_quit
	_id=$(m_as chenjing doc list 2>/dev/null | awk -F'\t' '{ print $1 }')
	m_as zhouwei doc approve "$_id" >>"$T/secret.out" 2>&1
	m_as sunlixin doc approve "$_id" >>"$T/secret.out" 2>&1
	m_as chenjing doc send "$_id" >>"$T/secret.out" 2>&1
	printf '%s\n%s\n' "$PW" "$KEYPW" | m_ctl --user zhaoli \
	    --password-fd 0 doc seal "$_id" --seal SFJ-S01 \
	    --copies "$(m_header "$_f" copies)" \
	    >>"$T/secret.out" 2>&1
	m_day 19 11:00
	m_queue wuhao "To print" "$K07"
	tmux_keys p
	m_wait "remain approved"
	m_see "the print room is offered its colour printer, not classified" \
	    "< $P_FOLDER (colour) >"
	tmux_keys F2
	m_confirm
	m_see "07 is refused on the unclassified printer" \
	    "Classified documents print only on a classified printer"
	m_shot refused-classified-printer
	m_back
	m_see "nothing printed: 07 stays sealed" "State: sealed"
	m_quit
	H=$M_H_MAIN
}

# m_secret_station PRINTER-DIR: the bureau's classified (secret)
# workstation, a workspace of its own in H made with esealctl: the
# office department, the five people 07 passes through (each cleared
# for secret), a seal for 赵丽, and one printer: the print room's colour
# printer, which is not classified, printing into PRINTER-DIR.  Output
# in $T/secret.out; fails when a step fails.
m_secret_station() {
	m_ctl init --bureau "$BUREAU" --classification secret \
	    >"$T/init" 2>"$T/secret.out" || return 1
	for _a in sysadmin secadmin auditor; do
		m_passwd_first "$_a" "$(m_initial "$_a")" || return 1
	done
	rm -f "$T/init"
	m_as sysadmin dept add "办公室" --prefix "示区司办" \
	    >>"$T/secret.out" 2>&1 || return 1
	# login:full name:roles:leader level (approvers issue 07's kind)
	for _u in chenjing:陈静:drafter: \
	    zhouwei:周伟:approver,office-director:1 \
	    sunlixin:孙立新:approver:2 zhaoli:赵丽:clerk: wuhao:吴浩:printer:
	do
		IFS=: read -r _l _n _r _v <<EOS
$_u
EOS
		m_as sysadmin user add "$_l" --full-name "$_n" \
		    --dept "办公室" >"$T/secret-add" 2>>"$T/secret.out" ||
		    return 1
		# shellcheck disable=SC2086
		m_as secadmin user roles "$_l" "$_r" --clearance secret \
		    ${_v:+--leader $_v --issuing official-admin} \
		    >>"$T/secret.out" 2>&1 || return 1
		m_passwd_first "$_l" "$(awk '{ print $2 }' "$T/secret-add")" ||
		    return 1
	done
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | m_ctl --user zhouwei \
	    --password-fd 0 seal add SFJ-S01 --name "$SEAL_NAME" \
	    --body "$BUREAU" --purpose "公文专用" --custodian zhaoli \
	    >>"$T/secret.out" 2>&1 || return 1
	mkdir -p "$1"
	m_as sysadmin printer add "$P_FOLDER" --folder "$1" --colour \
	    --location "文印室" >>"$T/secret.out" 2>&1
}

# m_passwd_first USER INITIAL: USER's first password change, to PW, by
# esealctl.
m_passwd_first() {
	printf '%s\n%s\n' "$2" "$PW" | m_ctl --user "$1" --password-fd 0 \
	    passwd >>"$T/secret.out" 2>&1
}

# m_import FILE: on the Documents screen (from home), i and FILE's path:
# the import screen shows what it read.
m_import() {
	m_entry Documents
	m_wait "i Import"
	tmux_keys i
	m_wait "Import a document file"
	tmux_type "$1"
	tmux_keys Enter
	m_wait "Enter again records it"
}

# m_confirm_import: Enter again on the import screen, and yes: the
# document is recorded and its screen comes up.
m_confirm_import() {
	tmux_keys Enter
	m_wait "Record the imported document"
	m_confirm
	m_wait "State:"
}

# Day 20: 08 and 09 arrive as files, and the drafters import them on
# the Documents screen (i): 08, a Party-group document, is recorded and
# refused for e-sealing with the reason (Art. 2); 09 is read from
# GB18030 into Chinese, and the screen says so.  09 then goes through
# approval by keyboard.  What month.sh checks of 08 is written to
# $T/08.out: its record (esealctl doc show, which only reads) and the
# document screen's text, its wrapped lines joined.
m_day_files() {
	m_day 20
	# The files as they arrived, in a folder of the test's own (the
	# screen shows where they are read from).
	mkdir -p "$T/arrived"
	cp "$CORPUS/08-party-group.txt" "$CORPUS/09-request-gb18030.txt" \
	    "$T/arrived/"
	m_login chenjing
	m_import "$T/arrived/08-party-group.txt"
	m_see "08 is read from UTF-8" "Read as UTF-8."
	m_see "the import says 08 will be refused for e-sealing" \
	    "It is recorded, and refused for e-sealing:"
	m_confirm_import
	m_see "08 is recorded, refused for e-sealing" \
	    "State: refused for e-sealing"
	m_see "with the reason (Art. 2)" "and Party-group documents, are"
	m_shot imported-party-group
	_id=$(m_as chenjing doc list 2>/dev/null | awk -F'\t' \
	    '$3 == "party-group" { print $1 }')
	m_as chenjing doc show "$_id" >"$T/08.out" 2>&1
	M_RC08=$?
	tmux_capture | tr '\n' ' ' | tr -s ' ' >>"$T/08.out"
	m_quit

	m_login liuyang
	m_import "$T/arrived/09-request-gb18030.txt"
	m_wait "Read as GB18030."
	M_RC09=$?
	m_see "the import says 09 was read from GB18030" "Read as GB18030."
	m_see "and shows its title in Chinese" "Title: 关于申请为文印室配置"
	m_shot import-gb18030
	m_confirm_import
	m_see "09's title reads in Chinese" \
	    "关于申请为文印室配置彩色激光打印机的请示（GB18030"
	m_shot imported-gb18030
	m_submit
	m_quit
	m_day 20 10:00
	m_approve hemin "$K09" "同意。"
	m_see "何敏 issues 09" "State: approved"
	m_quit
	m_send liuyang "$K09"
	m_quit
}

# Day 23: an extra copy of 02 for a meeting (Flow 5): applied for by the
# drafter, approved by the section chief, printed by the print room.
m_day_extra() {
	m_day 23
	m_login liuyang
	m_entry Documents
	# 09 is the same request: 02 is found by its number.
	m_wait "$N02"
	m_open "$N02"
	m_wait "State: printed"
	tmux_keys +
	m_wait "Copies"
	tmux_type 1
	tmux_keys Tab
	tmux_type "局务会议需要"
	tmux_keys F2
	m_confirm
	m_see "the extra print is applied for" "an approver decides"
	m_quit
	m_day 23 10:00
	m_login hemin
	m_entry "Applications to decide"
	m_wait "$K02"
	tmux_keys D
	m_see "the application is shown" "extra print, 1 copy"
	tmux_keys F2
	m_confirm
	m_see "何敏 approves it" "The application is approved."
	m_count EXTRA 1
	m_count EXTRA_COPIES 1
	m_quit
	m_day 23 11:00
	m_print wuhao "$K02" "$P_FOLDER"
	m_see "the extra copy prints with the next number" \
	    "Copy 4 printed on $P_FOLDER."
	m_count COPIES 1
	m_quit
}

# Days 24-27: 赵丽 is away; 钱芳 keeps the seal as her proxy, seals 09
# and prints... and hands it back.  The request, the approval, the
# handover and the return are typed on the seal register, both people
# present for the handover and the return (Art. 6).
m_day_proxy() {
	m_day 24
	# 赵丽 is away from the 24th: on the seal register she asks that
	# 钱芳 hold the seal, 周伟 approves, and both hand it over at her
	# desk, each typing her own passwords.
	m_custody_request zhaoli qianfang "$MONTH-24" "$MONTH-27 18:00" "出差"
	m_custody_approve zhouwei
	m_custody_handover zhaoli qianfang
	[ "$(m_custody_state)" = active ]
	M_RC_HANDOVER=$?
	m_day 24 10:00
	KEYPW_SAVED=$KEYPW
	KEYPW=$PROXY_KEYPW
	m_seal qianfang "$K09"
	KEYPW=$KEYPW_SAVED
	m_see "钱芳 seals 09 as the proxy" "State: sealed"
	m_count SEALED 1
	m_quit
	m_day 24 14:00
	C09=$(m_copies "$CORPUS/09-request-gb18030.txt")
	m_print wuhao "$K09" "$P_FOLDER"
	m_see "09's copies print" "Copies 1 to $C09 printed on $P_FOLDER."
	m_count COPIES $C09
	m_quit
	# Back on the 27th, before the period ends: the early return.
	m_day 27 17:00
	m_custody_return zhaoli qianfang
	[ "$(m_custody_state)" = returned ]
	M_RC_RETURN=$?
}
