# month-setup.sh -- the office set up through the program itself: the
# three administrators from esealctl init, departments and an account
# for every business role, each account's first login, the office's
# seal, the printers and the registered removable directory.  Sourced by
# month.sh and month-demo.sh after month-lib.sh; defines m_setup.
#
# Must not check figures: it only waits for what each step needs.

# login  full name  department (Right presses)  roles  clearance  issues  level
M_ACCOUNTS='chenjing|陈静|1|0|1||0
liuyang|刘洋|1|0|0||0
fengting|冯婷|2|0|0||0
hemin|何敏|1|1|0|13 14 15|1
zhengqiang|郑强|2|1|0|13 14 15|1
zhouwei|周伟|1|1 4|1|13 14 15|1
sunlixin|孙立新|1|1|1|11 12 13 14 15|2
wangjianguo|王建国|1|1|1|11 12 13 14 15|3
zhaoli|赵丽|1|2|1||0
qianfang|钱芳|1|2|0||0
wuhao|吴浩|1|3|1||0'

# m_setup PRINTER-DIR CUPS-QUEUE MEDIUM-DIR
m_setup() {
	m_day 2 08:30
	m_first_login sysadmin "$SYS0"
	m_first_login secadmin "$SEC0"
	m_first_login auditor "$AUD0"

	m_login sysadmin
	m_entry Departments
	m_wait "Departments"
	m_dept "办公室" "示区司办"
	m_dept "行政复议科" "示区司复"
	m_shot setup-departments
	m_home
	m_entry Accounts
	m_wait "Full name"
	: >"$T/initial"
	echo "$M_ACCOUNTS" >"$T/accounts"
	while IFS='|' read -r login full dept _r; do
		m_account "$login" "$full" "$dept"
		printf '%s %s\n' "$login" "$M_INITIAL" >>"$T/initial"
	done <"$T/accounts"
	m_shot setup-accounts
	m_quit

	m_login secadmin
	m_entry Accounts
	m_wait "Full name"
	while IFS='|' read -r login _f _d roles clr iss lvl; do
		m_roles "$login" "$roles" "$clr" "$iss" "$lvl"
	done <"$T/accounts"
	m_shot setup-roles
	m_quit

	while read -r login initial; do
		m_first_login "$login" "$initial"
		m_quit
	done <"$T/initial"
	rm -f "$T/initial"

	m_setup_office "$@"
}

# m_printer NAME KIND-RIGHTS TARGET LOCATION COLOUR: the system
# administrator adds a printer (at the printers screen): KIND-RIGHTS 0
# for a CUPS queue, 1 for a folder; COLOUR 1 or 0.
m_printer() {
	tmux_keys a
	m_wait "Queue or folder"
	tmux_type "$1"
	tmux_keys Tab
	m_rights "$2"
	tmux_keys Tab
	tmux_type "$3"
	tmux_keys Tab
	tmux_type "$4"
	tmux_keys Tab
	[ "$5" = 1 ] || tmux_keys Space
	tmux_keys F2
	m_confirm
	m_see "the printer $1 is registered" "The printer $1 is added."
}

# m_setup_office PRINTER-DIR CUPS-QUEUE MEDIUM-DIR: the seal, printers
# (no CUPS printer when CUPS-QUEUE is empty) and the medium.
m_setup_office() {
	# The office director makes the seal on the seal register, 赵丽
	# present as its custodian; esealctl then reads the entry back.
	m_login zhouwei
	m_entry "Seal register"
	m_seal_add "$SEAL" "$SEAL_NAME" "$BUREAU" "公文专用" zhaoli
	m_see "the register lists the seal" "$SEAL_NAME"
	m_quit
	m_as zhouwei seal show "$SEAL" >"$T/seal.out" 2>&1

	m_login sysadmin
	m_entry Printers
	m_wait "a Add printer"
	m_printer "$P_FOLDER" 1 "$1" "文印室" 1
	m_printer "$P_MONO" 1 "${1%/}-mono" "文印室" 0
	[ -z "$2" ] || m_printer "$P_CUPS" 0 "$2" "办公室" 1
	m_shot setup-printers
	m_quit

	m_login secadmin
	m_entry "Removable media"
	m_wait "a Register"
	tmux_keys a
	m_wait "UUID"
	tmux_type "$3"
	tmux_keys Tab
	tmux_type "办公室U盘"
	tmux_keys F2
	m_confirm
	m_see "the removable directory is registered" \
	    "The medium $3 is registered."
	m_quit
}
