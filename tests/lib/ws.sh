# ws.sh -- sourced by the esealctl shell tests after sh.sh: the set-up
# of an office they all begin with, done with esealctl as the bureau's
# administrators would do it by hand.  It asserts nothing: each test
# checks what it needs.  (The terminal tests have their own set-up in
# tests/ui/ws.sh.)
#
# The test defines, before calling these: H (the workspace), ctl ARGS...
# (esealctl on $H, in the test's locale), and for ws_seal PW (the
# office's password) and KEYPW (the seal's key password).
#
#   ws_passwd USER OLD NEW     USER's first login: OLD changed to NEW
#   ws_office BUREAU SYSPW SECPW [AUDPW]
#                              esealctl init of $H (its output in
#                              $T/init), then the administrators' first
#                              logins with these passwords; returns
#                              init's exit status
#   ws_staff DEPT USER...      accounts in DEPT, added by the system
#                              administrator; each one's line of
#                              'user add' (login, initial password) in
#                              $T/add-USER
#   ws_first PW USER...        each USER (who has a role by now) logs in
#                              the first time and sets PW
#   ws_seal NAME BODY          the office director makes the seal
#                              SEAL-001 for the custodian clerk
#   ws_print_office DEPT PW    the five accounts a document needs from
#                              draft to print in DEPT: drafter, chief
#                              (leader 1, issuing litigation documents),
#                              clerk, printer and office (the director),
#                              each with its role and password PW
#   ws_catalogue               the Chinese catalogue in $T/locale (for
#                              ESEAL_LOCALEDIR); zh_ok=1 when the
#                              zh_CN.UTF-8 locale is there to show it

ws_passwd() {
	printf '%s\n%s\n' "$2" "$3" | ctl --user "$1" --password-fd 0 \
	    passwd >/dev/null 2>&1
}

# ws_initial ROLE: the initial password init printed for ROLE's account.
ws_initial() {
	awk -v a="$1" '$1 == "account:" && $2 == a { print $4 }' "$T/init"
}

ws_office() {
	ctl init --bureau "$1" >"$T/init" 2>/dev/null
	_ws_rc=$?
	WS_SYSPW=$2 WS_SECPW=$3
	ws_passwd sysadmin "$(ws_initial sysadmin)" "$2"
	ws_passwd secadmin "$(ws_initial secadmin)" "$3"
	[ $# -lt 4 ] || ws_passwd auditor "$(ws_initial auditor)" "$4"
	return $_ws_rc
}

ws_staff() {
	_ws_dept=$1
	shift
	for _ws_who; do
		printf '%s\n' "$WS_SYSPW" | ctl --user sysadmin --password-fd 0 \
		    user add "$_ws_who" --dept "$_ws_dept" >"$T/add-$_ws_who" 2>&1
	done
}

ws_first() {
	_ws_pw=$1
	shift
	for _ws_who; do
		ws_passwd "$_ws_who" "$(awk '{ print $2 }' "$T/add-$_ws_who")" \
		    "$_ws_pw"
	done
}

ws_seal() {
	printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | ctl --user office \
	    --password-fd 0 seal add SEAL-001 --name "$1" --body "$2" \
	    --custodian clerk
}

# ws_roles USER ROLE [OPTION]...: USER's roles, set by the security
# administrator.
ws_roles() {
	printf '%s\n' "$WS_SECPW" | ctl --user secadmin --password-fd 0 \
	    user roles "$@" >/dev/null 2>&1
}

ws_print_office() {
	ws_staff "$1" drafter chief clerk printer office
	ws_roles drafter drafter
	ws_roles chief approver --leader 1 --issuing \
	    litigation-table,litigation-fill-in,litigation-composed
	ws_roles clerk clerk
	ws_roles printer printer
	ws_roles office office-director
	ws_first "$2" drafter chief clerk printer office
}

ws_catalogue() {
	mkdir -p "$T/locale/zh_CN/LC_MESSAGES"
	msgfmt -o "$T/locale/zh_CN/LC_MESSAGES/eseal.mo" \
	    "$abs_top_srcdir/po/zh_CN.po" 2>/dev/null ||
		cp "$abs_top_srcdir/po/zh_CN.gmo" \
		    "$T/locale/zh_CN/LC_MESSAGES/eseal.mo" 2>/dev/null
	zh_ok=0
	if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
		zh_ok=1
	fi
}
