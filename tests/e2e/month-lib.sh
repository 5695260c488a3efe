# month-lib.sh -- one clerk's action per function, for the month in the
# bureau that tests/e2e/month.sh checks and tests/e2e/month-demo.sh
# replays as the demo workspace.  Sourced after tests/lib/sh.sh and
# tests/lib/tmux.sh.  Everything a person does is typed into the real
# eseal in tmux; the few steps the program has no screen for yet go
# through esealctl, each marked where it is done.
#
# Must not assert anything itself beyond "the screen shows what the
# step needs to go on": the checks of figures are month.sh's.  Never
# prints a password into a log or a capture file.
#
# The caller sets before sourcing:
#   H          the workspace directory (made by m_init)
#   MONTH      the month, YYYY-MM (every action happens on one of its days)
#   M_SHOTS    optional: a directory that receives screen captures
#   CORPUS     the sample documents

PW='Demo#2026seal'
KEYPW='Seal#2026key'
PROXY_KEYPW='Proxy#2026key'
BUREAU='示范市示范区司法局'
SEAL=SFJ-001
SEAL_NAME='示范市示范区司法局电子公章'
P_FOLDER='文印室彩色打印机'
P_MONO='文印室黑白打印机'
P_CUPS=cups-colour
LIT=litigation-table,litigation-fill-in,litigation-composed
# China Standard Time, whatever the machine's zone: the days of the
# month are the bureau's days.
TZ=CST-8
ESEAL_TEST_KDF=1
ESEAL_TEST_MEDIA_DIRS=1
export TZ ESEAL_TEST_KDF ESEAL_TEST_MEDIA_DIRS

# -- The clock ---------------------------------------------------------------

# m_day D [HH:MM]: the clock stands on day D of MONTH (09:00 unless
# given) for everything done until the next m_day.
m_day() {
	M_DAYNUM=$1
	_m_d=$(printf %02d "$1")
	ESEAL_FAKE_TIME=$(date -d "$MONTH-$_m_d ${2:-09:00} +0800" +%s)
	export ESEAL_FAKE_TIME
}

# -- esealctl, for the steps that have no screen ------------------------------

m_ctl() { LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" "$@"; }

# m_as USER ARGS...: esealctl as USER (the password on a descriptor).
m_as() {
	_m_u=$1
	shift
	printf '%s\n' "$PW" | m_ctl --user "$_m_u" --password-fd 0 "$@"
}

# -- The screen ---------------------------------------------------------------

M_COLS=80
M_LINES=24

# m_wait TEXT [SECONDS]: until TEXT is on the screen, 30 seconds at most
# (a loaded machine or a sanitizer build is slow; waiting ends as soon
# as TEXT shows).
M_WAIT=${M_WAIT:-30}
m_wait() {
	tmux_wait "$1" "${2:-$M_WAIT}"
}

# m_see WHAT TEXT [SECONDS]: TEXT comes up on the screen, or the step
# fails with the screen as it was.
m_see() {
	if m_wait "$2" "${3:-}"; then
		ok "$1"
	else
		not_ok "$1: no '$2' on the screen:"
		tmux_capture | sed 's/^/    |/'
	fi
}

# m_shot NAME: the screen as it is, into M_SHOTS/NAME.txt (trailing
# blanks and the empty lines at the end removed, and the test's own
# directory, whole or cut short by a column, shown as "~", so captures
# compare from run to run).
m_shot() {
	[ -n "${M_SHOTS:-}" ] || return 0
	tmux_capture | sed -e "s|$T|~|g" \
	    -e "s|${TMPDIR:-/tmp}/eseal-[A-Za-z0-9-]*|~|g" \
	    -e 's/[[:space:]]*$//' |
	    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$M_SHOTS/$1.txt"
}

# m_start: eseal on the workspace at the clock's time, at its login.
m_start() {
	tmux_stop
	tmux_start "$M_COLS" "$M_LINES" env LC_ALL="${M_LANG:-C.UTF-8}" \
	    LANGUAGE= ESEAL_LOCALEDIR="${M_LOCALEDIR:-}" \
	    ESEAL_FORMS_DIR="$abs_top_srcdir/forms" "$ESEAL" --home "$H"
	# tmux_start sets its own exit trap: the caller's (M_TRAP) again.
	[ -z "${M_TRAP:-}" ] || trap "$M_TRAP" EXIT
	m_wait "User name"
}

# m_login USER [PASSWORD]: logged in, at the home screen.
m_login() {
	m_start
	tmux_type "$1"
	tmux_keys Enter
	tmux_type "${2:-$PW}"
	tmux_keys Enter
	m_wait "eseal: home of"
}

# m_first_login USER INITIAL: the forced change to PW at the first login.
m_first_login() {
	m_start
	tmux_type "$1"
	tmux_keys Enter
	tmux_type "$2"
	tmux_keys Enter
	m_wait "Change your password"
	tmux_type "$2"
	tmux_keys Tab
	tmux_type "$PW"
	tmux_keys Tab
	tmux_type "$PW"
	tmux_keys Enter
	m_wait "]   [" && tmux_keys y
	m_see "$1 chooses a password at the first login" \
	    "Your password is changed."
}

m_quit() {
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
}

# m_open TEXT: the line holding TEXT on the current list, opened (the
# search runs on from the cursor: g starts it at the top; the search
# line comes back with the last search in it: End and Backspace clear it).
M_CLEAR=$(printf 'BSpace %.0s' $(seq 1 40))
m_open() {
	tmux_keys g /
	# shellcheck disable=SC2086
	tmux_keys End $M_CLEAR
	tmux_type "$1"
	tmux_keys Enter Enter
}

# m_entry TEXT: the home screen's entry TEXT (the whole entry, not a part
# of another: "Accounts" is not "Register of accounts"), opened.
m_entry() {
	_m_n=$(tmux_capture | awk -v want="$1" 'NR > 1 {
		sub(/^ +/, ""); sub(/  .*$/, "")
		if ($0 == want) { print NR - 2; exit } }')
	if [ -z "$_m_n" ]; then
		not_ok "the home screen offers '$1':"
		tmux_capture | sed 's/^/    |/'
		return 1
	fi
	tmux_keys g
	while [ "$_m_n" -gt 0 ]; do
		tmux_keys Down
		_m_n=$((_m_n - 1))
	done
	tmux_keys Enter
}

# m_back: Esc, and the screen under it is up before the next key (a key
# right behind Esc would read as Alt and that key).
m_back() {
	_m_top=$(tmux_capture | head -n 1)
	tmux_keys Escape
	_tmux_until '[ "$(tmux_capture | head -n 1)" != "$_m_top" ]' 5
}

# m_home: back to the home screen from a screen or two deep.
m_home() {
	_m_i=0
	while ! tmux_capture | head -n 1 | grep -q "home of" &&
	    [ $_m_i -lt 6 ]; do
		m_back
		_m_i=$((_m_i + 1))
	done
}

# m_confirm: say yes to the confirmation that comes up.
m_confirm() {
	m_wait "]   [" && tmux_keys y
}

# -- The workspace and the administrators -------------------------------------

# m_initial WHO: WHO's initial password, from what init printed.
m_initial() {
	awk -v who="$1" '$1 == "account:" && $2 == who { print $4 }' "$T/init"
}

# m_init: the workspace, by esealctl init (the one step with no screen by
# design: there is nobody to log in yet).  The administrators' initial
# passwords land in SYS0 SEC0 AUD0.
m_init() {
	m_ctl init --bureau "$BUREAU" >"$T/init" 2>"$T/init.err" || return 1
	SYS0=$(m_initial sysadmin)
	SEC0=$(m_initial secadmin)
	AUD0=$(m_initial auditor)
	rm -f "$T/init"
}

# m_dept NAME PREFIX: the system administrator adds a department (at the
# departments screen).
m_dept() {
	tmux_keys a
	m_wait "Number prefix"
	tmux_type "$1"
	tmux_keys Tab
	tmux_type "$2"
	tmux_keys F2
	m_confirm
	m_see "the department $1 is added" "$1 is added."
}

# m_account LOGIN FULL DEPT-RIGHTS: the system administrator adds an
# account (at the accounts screen); its initial password, read off the
# dialog that shows it once, lands in M_INITIAL.
m_account() {
	tmux_keys a
	m_wait "Login name"
	tmux_type "$1"
	tmux_keys Tab
	tmux_type "$2"
	tmux_keys Tab
	_m_i=0
	while [ $_m_i -lt "$3" ]; do
		tmux_keys Right
		_m_i=$((_m_i + 1))
	done
	tmux_keys F2
	m_confirm
	m_wait "The initial password of $1 is:"
	M_INITIAL=$(tmux_capture | awk 'f && NF == 3 { print $2; exit }
	    /initial password of/ { f = 1 }')
	tmux_keys Enter
	m_see "the account $1 is created" "The account $1 is created."
}

# m_roles LOGIN "ROLE-FIELDS" CLEARANCE-RIGHTS "ISSUE-FIELDS" LEVEL-RIGHTS:
# the security administrator sets an account's roles (at the accounts
# screen).  The roles screen's fields by number: 0 drafter, 1 approver,
# 2 clerk, 3 print room, 4 office director; 10 clearance; 11-15 issuing
# authority (administrative, office, litigation table, fill-in,
# composed); 16 leader level.
m_roles() {
	m_open "$1"
	tmux_keys e
	m_wait "Roles of $1"
	_m_f=0
	while [ $_m_f -le 16 ]; do
		case " $2 $4 " in
		*" $_m_f "*) tmux_keys Space ;;
		esac
		_m_n=0
		[ $_m_f = 10 ] && _m_n=$3
		[ $_m_f = 16 ] && _m_n=$5
		while [ "$_m_n" -gt 0 ]; do
			tmux_keys Right
			_m_n=$((_m_n - 1))
		done
		tmux_keys Tab
		_m_f=$((_m_f + 1))
	done
	tmux_keys F2
	m_confirm
	m_see "$1 gets its roles" "The account $1 is changed."
}

# m_seal_add REGNO NAME BODY PURPOSE CLERK: at the seal register, the
# office director makes the seal with CLERK present, who types her own
# password and the key's (KEYPW) twice (Art. 5, 6); the dialog's screen
# goes to the manual as setup-seal.
m_seal_add() {
	m_wait "a Add seal"
	tmux_keys a
	m_wait "Registration number"
	for _m_v in "$1" "$2" "$3" "$4" "$5" "$PW" "$KEYPW"; do
		tmux_type "$_m_v"
		tmux_keys Tab
	done
	tmux_type "$KEYPW"
	m_shot setup-seal
	tmux_keys F2
	m_confirm
	m_see "the office director makes the seal $1 with $5 present" \
	    "The seal $1 is made, in the custody of $5."
}

# -- Documents ----------------------------------------------------------------

# m_header FILE KEY: a header value of a sample document.
m_header() {
	sed -n "1,/^\$/s/^$2: //p" "$1" | head -n 1
}

# m_body FILE: the body's paragraphs (up to the attachment's own text).
m_body() {
	_m_att=$(m_header "$1" attachment)
	sed '1,/^$/d' "$1" | awk -v att="$_m_att" \
	    'att != "" && $0 == att { exit } NF { print }'
}

# m_attachment FILE: the attachment's text, after the line naming it.
m_attachment() {
	_m_att=$(m_header "$1" attachment)
	[ -n "$_m_att" ] || return 0
	sed '1,/^$/d' "$1" | awk -v att="$_m_att" 'f && NF { print }
	    $0 == att { f = 1 }'
}

# m_type_lines: type standard input, one paragraph per line (Enter
# between them).
m_type_lines() {
	_m_first=1
	while IFS= read -r _m_line; do
		[ $_m_first = 1 ] || tmux_keys Enter
		tmux_type "$_m_line"
		_m_first=0
	done
}

# m_rights N: press Right N times.
m_rights() {
	_m_n=$1
	while [ "$_m_n" -gt 0 ]; do
		tmux_keys Right
		_m_n=$((_m_n - 1))
	done
}

# m_docfields FILE: the fields every document form ends with, filled from
# FILE's header, starting at the issuing body.
m_docfields() {
	tmux_type "$(m_header "$1" issuing-body)"
	tmux_keys Tab
	case $(m_header "$1" classification) in
	secret) m_rights 1 ;;
	confidential) m_rights 2 ;;
	top-secret) m_rights 3 ;;
	esac
	tmux_keys Tab
	tmux_type "$(m_header "$1" classification-period)"
	tmux_keys Tab
	case $(m_header "$1" urgency) in
	normal) m_rights 1 ;;
	urgent) m_rights 2 ;;
	very-urgent) m_rights 3 ;;
	esac
	tmux_keys Tab
	[ "$(m_header "$1" special-number)" = yes ] && m_rights 1
	tmux_keys Tab
	[ "$(m_header "$1" seal-mode)" = traditional ] && m_rights 1
	tmux_keys Tab BSpace
	tmux_type "$(m_copies "$1")"
	tmux_keys Tab
	m_leader_issues "$1" && m_rights 1
}

# m_leader_issues FILE: true when FILE's issuer (the approver marked
# （签发）) is the bureau leader in charge: its form then says yes to
# 分管局领导审批, and its chain is the section chief, then the leader
# in charge, who issues it.
m_leader_issues() {
	m_header "$1" approvers | awk '{ n = split($0, a, "；")
	    for (i = 1; i <= n; i++) if (index(a[i], "（签发）")) print a[i] }' |
	    grep -q '^分管局领导'
}

# m_copies FILE: the copies the drafter asks for: FILE's, at most
# M_MAX_COPIES, which by default leaves every document its full count
# (30 of 01, 50 blank forms of 05): a copy is the kept original with its
# number laid over, not drawn again, so fifty print in about a second.
# Set it lower for a quicker run.
M_MAX_COPIES=${M_MAX_COPIES:-999999}
m_copies() {
	_m_c=$(m_header "$1" copies)
	[ "$_m_c" -le "$M_MAX_COPIES" ] || _m_c=$M_MAX_COPIES
	echo "$_m_c"
}

# m_draft FORM FILE [CASE-NUMBER AGENTS]: the drafter (at home) drafts
# FILE from FORM by keyboard and saves it; the document screen shows it.
m_draft() {
	m_entry "Draft a document"
	m_wait "choose its form"
	m_open "$1"
	m_wait "Issuing body"
	case $1 in
	notice)
		[ "$(m_header "$2" kind)" = official-admin ] && m_rights 1
		tmux_keys Tab
		;;
	esac
	case $1 in
	entrustment) tmux_keys Tab ;;	# the title is the form's own
	*)
		tmux_type "$(m_header "$2" title)"
		tmux_keys Tab
		;;
	esac
	tmux_type "$(m_header "$2" recipients)"
	tmux_keys Tab
	if [ "$1" = entrustment ]; then
		tmux_type "$3"
		tmux_keys Tab
		tmux_type "$4"
		tmux_keys Tab
	fi
	m_body "$2" | m_type_lines
	tmux_keys Tab
	tmux_type "$(m_header "$2" attachment)"
	tmux_keys Tab
	m_attachment "$2" | m_type_lines
	tmux_keys Tab
	m_docfields "$2"
	tmux_keys F2
}

# m_doc_id TITLE: the id of the newest document titled TITLE.
m_doc_id() {
	m_as zhaoli doc list 2>/dev/null | awk -F'\t' -v t="$1" \
	    'index($0, t) { id = $1 } END { print id }'
}

# -- The flows, one person's step each ----------------------------------------
# Each starts at the login and ends with eseal closed; WHO logs in at the
# clock's time.  KEY is a part of the document's title its lines show.

# m_queue WHO ENTRY KEY: WHO's home entry ENTRY opened and KEY's document
# open on the document screen.
m_queue() {
	m_login "$1"
	m_entry "$2"
	m_wait "$3"
	m_open "$3"
	m_wait "State:"
}

# m_submit: on the document screen, the draft goes into approval.
m_submit() {
	tmux_keys u
	m_confirm
	m_see "the draft is in approval" "State: in approval"
}

# m_approve WHO KEY COMMENT: WHO approves (or issues) from the queue.
m_approve() {
	m_queue "$1" "To approve" "$2"
	tmux_keys a
	m_wait "Comment"
	tmux_type "$3"
	tmux_keys F2
	m_confirm
}

# m_send WHO KEY: the drafter sends the issued document for sealing.
m_send() {
	m_queue "$1" "To send for sealing" "$2"
	tmux_keys d
	m_confirm
	m_see "the document waits for the clerk" "State: waiting for the seal"
}

# m_seal WHO KEY: the clerk seals with the seal in WHO's custody.
m_seal() {
	m_queue "$1" "To seal" "$2"
	tmux_keys x
	m_wait "Key password"
	tmux_keys Tab Tab
	tmux_type "$KEYPW"
	tmux_keys Enter
	m_confirm
}

# m_choose_printer NAME: Right until the print dialog's printer is NAME.
m_choose_printer() {
	_m_i=0
	while ! tmux_capture | grep -F "Printer " | grep -qF "< $1 (" &&
	    [ $_m_i -lt 6 ]; do
		tmux_keys Right
		sleep 0.1
		_m_i=$((_m_i + 1))
	done
}

# m_print WHO KEY PRINTER: the print room prints the copies that remain
# on PRINTER.
m_print() {
	m_queue "$1" "To print" "$2"
	tmux_keys p
	m_wait "remain approved"
	m_choose_printer "$3"
	tmux_keys F2
	m_confirm
}

# m_export WHO PERIOD: WHO shows the summary of PERIOD on the reports
# screen and exports it (CSV, GB18030 CSV, PDF) to the one registered
# medium offered.
m_export() {
	m_login "$1"
	m_entry Reports
	m_wait "Period"
	# shellcheck disable=SC2086
	tmux_keys Tab End $M_CLEAR
	tmux_type "$2"
	tmux_keys F2
	m_see "the summary of $2 is shown" "Table 1 of"
	m_shot report-summary
	tmux_keys x
	m_wait "Medium"
	tmux_keys F2
	m_confirm
	m_see "the export is written and checked" \
	    "The export is written and checked." 30
	m_shot exported
	tmux_keys Enter
	m_quit
}

# m_verify_originals WHO: WHO checks every sealed original of the
# workspace on the verify screen; M_VERIFIED counts those found the
# signed original, M_NOT_VERIFIED names the others.
m_verify_originals() {
	M_VERIFIED=0 M_NOT_VERIFIED=
	# Every check and the verdict fit on a larger terminal.
	M_COLS=120 M_LINES=40
	m_login "$1"
	M_COLS=80 M_LINES=24
	m_entry "Verify a sealed file"
	m_wait "Enter checks the file"
	_m_prev=
	for _m_f in "$H"/originals/doc-*-v*.pdf; do
		_m_b=$(basename "$_m_f")
		_m_i=0
		while [ $_m_i -lt ${#_m_prev} ]; do
			tmux_keys BSpace
			_m_i=$((_m_i + 1))
		done
		tmux_wait_gone "Result:" 5
		tmux_type "$_m_b"
		tmux_keys Enter
		m_wait "Result:" 20
		if tmux_capture |
		    grep -qF "Result: this file is the signed original"; then
			M_VERIFIED=$((M_VERIFIED + 1))
		else
			M_NOT_VERIFIED="$M_NOT_VERIFIED $_m_b"
		fi
		_m_prev=$_m_b
	done
	m_shot verified-original
	m_quit
}

# -- Proxy custody (Art. 6), on the seal register -----------------------------
# Each starts at the login and ends with eseal closed, like the flows.

# m_seal_select REGNO: at the seal register, the cursor on REGNO's line.
m_seal_select() {
	m_wait "$1"
	tmux_keys g /
	# shellcheck disable=SC2086
	tmux_keys End $M_CLEAR
	tmux_type "$1"
	tmux_keys Enter
}

# m_custody_state: the state of the proxy custody M_CUSTODY, as
# esealctl lists it.
m_custody_state() {
	m_as zhaoli seal custody list "$SEAL" 2>/dev/null |
	    awk -F'\t' -v id="$M_CUSTODY" '$1 == id { print $3 }'
}

# m_custody_request WHO PROXY FROM UNTIL REASON: WHO, the custodian,
# asks that PROXY hold SEAL from FROM until UNTIL; the request's id
# lands in M_CUSTODY.
m_custody_request() {
	m_login "$1"
	m_entry "Seal register"
	m_seal_select "$SEAL"
	tmux_keys p
	m_wait "Proxy (login name)"
	for _m_v in "$2" "$3" "$4"; do
		tmux_type "$_m_v"
		tmux_keys Tab
	done
	tmux_type "$5"
	tmux_keys F2
	m_confirm
	m_see "$1 asks that $2 hold the seal" \
	    "waits for the office director's decision"
	m_see "the register shows the request waiting" "proxy asked"
	m_quit
	M_CUSTODY=$(m_as "$1" seal custody list "$SEAL" 2>/dev/null |
	    awk -F'\t' '$2 == "proxy" { id = $1 } END { print id }')
}

# m_custody_approve WHO: the office director approves SEAL's request.
m_custody_approve() {
	m_login "$1"
	m_entry "Seal register"
	m_see "$1 is told that a proxy custody waits" \
	    "1 proxy custody waits for your decision"
	m_seal_select "$SEAL"
	tmux_keys y
	m_confirm
	m_see "$1 approves the proxy custody" "The proxy custody is approved"
	m_see "the register shows it approved" "proxy approved"
	m_quit
}

# m_custody_handover WHO PROXY: at WHO's desk, both present, WHO types
# the key password (KEYPW), PROXY her login password and the key
# password she chooses (PROXY_KEYPW) twice; the dialog goes to the
# manual as custody-handover.
m_custody_handover() {
	m_login "$1"
	m_entry "Seal register"
	m_seal_select "$SEAL"
	tmux_keys h
	m_wait "Proxy's new key password"
	for _m_v in "$KEYPW" "$2" "$PW" "$PROXY_KEYPW"; do
		tmux_type "$_m_v"
		tmux_keys Tab
	done
	tmux_type "$PROXY_KEYPW"
	m_shot custody-handover
	tmux_keys F2
	m_confirm
	m_see "$1 hands the seal over to $2, both present" \
	    "The seal is handed over"
	m_see "the register shows the seal with the proxy" "with a proxy"
	m_quit
}

# m_custody_return WHO PROXY: at WHO's desk, PROXY types her login
# password and the seal comes back before the period ends.
m_custody_return() {
	m_login "$1"
	m_entry "Seal register"
	m_seal_select "$SEAL"
	tmux_keys r
	m_wait "Proxy's login password"
	tmux_type "$2"
	tmux_keys Tab
	tmux_type "$PW"
	tmux_keys F2
	m_confirm
	m_see "$1 takes the seal back from $2" "The seal is taken back"
	m_see "the seal is in her custody again" "in your custody"
	m_quit
}
