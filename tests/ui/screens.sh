#!/bin/sh
# screens.sh -- the login, the password rules and the administrators'
# screens, driven in a real terminal (tmux) over a workspace made with
# esealctl: a missing or damaged workspace; wrong passwords (one message
# for an unknown name and a wrong password); the forced change at the
# first login with the policy's rules and a refusal next to its field;
# the home screen of each role; the system administrator adding an
# account with a Chinese name (its initial password shown once) and a
# department; the security administrator giving roles (a forbidden
# combination refused next to the roles), tightening the policy (a value
# below the floor refused next to its field), unlocking and resetting a
# password (the new one shown once, changed at the next login); the new user's
# first login; the lockout after 5 failures; the idle lock; the auditor's
# verification and entries; a disabled account; the expiry warning and
# the expired password; the screens in Chinese.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

E=C.UTF-8
WPW=Xiao-Ming-2026	# wang's own password
ws_init

# -- A workspace that cannot be used: a message and status 3, no screen --
"$ESEAL" --home "$T/none" </dev/null >"$T/out" 2>&1
expect_eq "a missing workspace: exit status 3" 3 $?
expect_grep "a missing workspace: says so" "No workspace at that place" "$T/out"
env -u ESEAL_HOME XDG_DATA_HOME="$T/xdg" "$ESEAL" </dev/null >"$T/out" 2>&1
expect_grep "without --home eseal looks in \$XDG_DATA_HOME/eseal" \
	"workspace $T/xdg/eseal:" "$T/out"
env -u ESEAL_HOME XDG_DATA_HOME="$T/xdg" "$ESEALCTL" info >"$T/out" 2>&1
expect_grep "esealctl follows the same rule" "^home: $T/xdg/eseal\$" "$T/out"
cp -r "$H" "$T/bad"
head -c 65536 /dev/urandom >"$T/bad/user-by-name.db"
"$ESEAL" --home "$T/bad" </dev/null >"$T/out" 2>&1
expect_eq "a damaged workspace: exit status 3" 3 $?
expect_grep "a damaged workspace: says so" "damaged" "$T/out"

# -- The login screen; refusals -----------------------------------------------
tmux_start 80 24 env LC_ALL=$E LANGUAGE= ESEAL_HOME="$H" "$ESEAL"
expect_screen "ESEAL_HOME opens the workspace at the login screen" "User name"
ui_login sysadmin wrong-password
expect_line "a wrong password: the message line says so" 23 \
	"Wrong user name or password."
wrong=$(tmux_capture | sed -n 23p)
tmux_keys BTab BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tmux_type '李四'
expect_screen "a Chinese name typed into the name field lands intact" "李四"
tmux_keys Tab
tmux_type whatever
tmux_keys Enter
expect_line "an unknown name: the same message as a wrong password" 23 "$wrong"
expect_eq "the two messages are identical" "$wrong" "$(tmux_capture | sed -n 23p)"

# -- First login: the forced change, the rules, a weak password -------------
tmux_keys BTab BSpace BSpace
tmux_type sysadmin
tmux_keys Tab
tmux_type "$SYS0"
tmux_keys Enter
expect_screen "an initial password leads to the change first" \
	"This is an initial password"
expect_screen "the change screen shows the policy's rules" \
	"at least 10 characters"
tmux_type "$SYS0"
tmux_keys Tab
tmux_type abc
tmux_keys Tab
tmux_type abc
tmux_keys F2
tmux_wait "too weak"
case "$(line_after 'New password')" in
*"The password is too weak"*) ok "a weak password: the reason is next to its field" ;;
*) not_ok "no reason next to the new password:"; tmux_capture | sed 's/^/    |/' ;;
esac
tmux_type "$SYS"
tmux_keys Tab
tmux_type "$SYS"
tmux_keys Enter
expect_screen "a change asks first" "]   ["
tmux_keys y
expect_screen "then the home screen" "eseal: home of sysadmin"
expect_screen "the system administrator's home: accounts" "Accounts"
expect_screen "the system administrator's home: departments" "Departments"
expect_absent "no policy for the system administrator" "session policy"
expect_absent "no audit for the system administrator" "audit"
expect_screen "the change is reported" "Your password is changed."

tmux_keys '?'
expect_screen "? lists the keys of the home screen" "Log out"
expect_screen "help names the password change" "Change your own password"
tmux_keys Escape

# shown_password: the initial password the dialog shows two lines under
# its heading, read once the dialog is painted whole (a capture taken
# mid-paint holds the screen beneath on that line).
shown_password() {
	_i=0
	while [ $_i -lt 100 ]; do
		_pw=$(tmux_capture | awk '/initial password of wang is:/ { getline; getline;
			gsub(/[^!-~]/, ""); print; exit }')
		[ ${#_pw} -eq 12 ] && break
		sleep 0.1
		_i=$((_i + 1))
	done
	printf '%s\n' "$_pw"
}

# -- The system administrator adds an account and a department --------------
tmux_keys Enter
expect_screen "Enter opens the accounts" "must change password"
expect_line "the keys line offers adding" 24 "a Add"
expect_absent "the keys line has no roles for the system administrator" "e Roles"
tmux_keys a
expect_screen "a opens the new account" "Add an account"
tmux_type wang
tmux_keys Tab
tmux_type '王小明'
expect_screen "a Chinese full name lands intact" "王小明"
tmux_keys F2
expect_screen "adding asks first, with a summary" \
	"Create the account wang for 王小明"
tmux_keys y
expect_screen "the initial password is shown" "The initial password of wang is:"
WANG0=$(shown_password)
expect_eq "the initial password has 12 characters" 12 "${#WANG0}"
tmux_keys Enter
expect_screen "then the outcome on the message line" "The account wang is created."
expect_absent "the password is shown once only" "$WANG0"
expect_screen "the list shows the new account" "no role yet"
tmux_keys Escape j Enter
expect_screen "the departments" "No department yet"
tmux_keys a
tmux_type '行政复议科'
tmux_keys Tab
tmux_type '示司复'
tmux_keys F2
expect_screen "adding a department asks first" "Add the department 行政复议科"
tmux_keys y
expect_screen "the department is listed" "示司复"
tmux_keys Escape Escape
expect_screen "Esc on the home screen asks before logging out" "Log out ]"
tmux_keys y
expect_screen "logging out returns to the login screen" "User name"

# -- The security administrator: roles, a refused combination, the policy --
first_passwd secadmin "$SEC0" "$SEC" >/dev/null 2>&1
ui_login secadmin "$SEC"
expect_screen "the security administrator's home: the policy" "session policy"
expect_absent "no departments for the security administrator" "Departments"
tmux_keys Enter
expect_screen "the accounts" "wang"
expect_line "the keys line offers roles" 24 "e Roles"
expect_absent "the keys line has no adding for the security administrator" "a Add"
tmux_keys G e
expect_screen "e opens the roles of the selected account" "Roles of wang"
tmux_keys Space Down Space F2
expect_screen "the change asks first, listing the roles" "roles: drafter, approver"
tmux_keys y
expect_screen "the outcome" "The account wang is changed."
expect_screen "the list shows the roles" "drafter, approver"
tmux_keys e Down Down Down Down Down Down Down Space F2
tmux_wait "]   [" && tmux_keys y
tmux_wait "not allowed"
case "$(line_after 'drafter')" in
*"role combination is not allowed"*) ok "a forbidden combination: the core's refusal next to the roles" ;;
*) not_ok "no refusal under the roles:"; tmux_capture | sed 's/^/    |/' ;;
esac
tmux_keys Escape
tmux_wait "Discard ]" && tmux_keys y
tmux_keys Escape j Enter
expect_screen "the policy screen" "min-length"
tmux_keys BSpace BSpace
tmux_type 8
tmux_keys F2
tmux_wait "(floor 10)"
case "$(line_after 'min-length')" in
*"cannot be set looser"*) ok "a value below the floor: the core's refusal next to it" ;;
*) not_ok "no refusal under min-length:"; tmux_capture | sed 's/^/    |/' ;;
esac
tmux_keys BSpace
tmux_type 12
tmux_keys F2
expect_screen "a stricter value asks first, with the change" "min-length: 10 -> 12"
tmux_keys y
expect_screen "the policy is saved" "The policy is saved."
tmux_keys Escape Escape
tmux_wait "Log out ]" && tmux_keys y

# -- The new account's first login, with the new rule ------------------------
expect_screen "back at the login screen" "User name"
ui_login wang "$WANG0"
expect_screen "wang must change the initial password" "This is an initial password"
expect_screen "the rules follow the policy just changed" "at least 12 characters"
ui_forced "$WANG0" "$WPW"
expect_screen "the drafter's home: returned documents" "Returned to me"
expect_screen "the approver's home: documents to approve" "To approve"
expect_screen "the queues show their counts" "0 waiting"
expect_screen "the home screen says who and which roles" "王小明 (wang): drafter, approver"
tmux_keys Escape
tmux_wait "Log out ]" && tmux_keys y

# -- Five wrong passwords lock the account; the unlock ------------------------
expect_screen "the login screen again" "User name"
ui_login wang wrong-1
for i in 2 3 4; do
	tmux_type "wrong-$i"
	tmux_keys Enter
done
expect_line "four wrong passwords: still only wrong" 23 "Wrong user name"
tmux_type wrong-5
tmux_keys Enter
expect_screen "the fifth wrong password locks the account" \
	"locked after too many failed logins"
tmux_type "$WPW"
tmux_keys Enter
expect_screen "even the right password is refused while locked" \
	"locked after too many failed logins"
expect_absent "and the home screen does not open" "Returned to me"
tmux_keys BTab BSpace BSpace BSpace BSpace
ui_login secadmin "$SEC"
tmux_keys Enter
expect_screen "the accounts show the lock" "locked"
tmux_keys G u
expect_screen "unlocking asks first" "Lift the lock on wang"
tmux_keys y
expect_screen "the account is unlocked" "wang (王小明) is unlocked."
tmux_keys r
expect_screen "resetting a password asks first" "Reset the password of wang"
tmux_keys y
expect_screen "the new initial password is shown" "The initial password of wang is:"
WANG1=$(shown_password)
tmux_keys Enter
expect_screen "the reset is reported" "The password of wang (王小明) is reset."
expect_absent "the new password is shown once only" "$WANG1"
tmux_keys Escape Escape
tmux_wait "Log out ]" && tmux_keys y
ui_login wang "$WPW"
expect_screen "the old password no longer works" "Wrong user name or password."
tmux_type "$WANG1"
tmux_keys Enter
expect_screen "the reset password must be changed first" \
	"This is an initial password"
WPW=Xiao-Ming-2027
ui_forced "$WANG1" "$WPW"
expect_screen "then wang is home again" "Returned to me"
tmux_keys F10
if tmux_wait_exit; then ok "F10 quits"; else not_ok "F10 quits"; fi
expect_eq "eseal exits with status 0" 0 "$(tmux_status)"
tmux_stop

# -- The idle lock hides the work and takes the password again --------------
eseal_start 80 24 $E ESEAL_TEST_IDLE_SECONDS=2
ui_login wang "$WPW"
expect_screen "wang logs in" "Returned to me"
if tmux_wait "eseal: locked" 8; then
	ok "after the idle time the session locks"
else
	not_ok "no lock after the idle time (is this a --enable-test-hooks build?)"
fi
expect_absent "the lock screen hides the work" "Returned to me"
tmux_type wrong
tmux_keys Enter
expect_screen "a wrong password is refused on the lock screen" "Wrong user name"
tmux_type "$WPW"
tmux_keys Enter
expect_screen "the right password brings the work back" "Returned to me"
expect_screen "and says so" "Unlocked."
tmux_wait "eseal: locked" 8
tmux_keys F10
expect_screen "F10 on the lock screen logs out" "User name"
tmux_keys F10
tmux_wait_exit
tmux_stop

# -- The auditor ----------------------------------------------------------------
first_passwd auditor "$AUD0" "$AUD" >/dev/null 2>&1
eseal_start 80 24 $E
ui_login auditor "$AUD"
expect_screen "the auditor's home: verification" "Verify the audit trail"
expect_absent "no accounts for the auditor" "Accounts"
tmux_keys Enter
expect_screen "the verification shows the core's report" "audit trail intact"
expect_screen "and its verdict" "The audit trail verifies"
tmux_keys Escape j Enter
expect_screen "the recent entries" "Recent audit entries"
expect_screen "they show the refused logins" "refused"
expect_screen "and who" "wang"
tmux_keys Enter
expect_screen "Enter shows the whole entry" "Terminal:"
tmux_keys Enter F10
tmux_wait_exit
tmux_stop

# -- A disabled account, and the screens in Chinese ---------------------------
eseal_start 80 24 $E
ui_login sysadmin "$SYS"
tmux_keys Enter G d
expect_screen "disabling asks first" "Disable the account wang"
tmux_keys y
expect_screen "the account is disabled" "wang (王小明) is disabled."
tmux_keys Escape Escape
tmux_wait "Log out ]" && tmux_keys y
ui_login wang "$WPW"
expect_screen "a disabled account cannot log in" "The account is disabled."
tmux_keys F10
tmux_wait_exit
tmux_stop
as sysadmin "$SYS" user enable wang >/dev/null 2>&1

# -- Expiry: a warning inside the last week, the forced change after -----
now=$(date +%s)
eseal_start 80 24 $E ESEAL_FAKE_TIME=$((now + 55 * 86400))
ui_login wang "$WPW"
expect_screen "55 days on: the expiry warning after login" \
	"Your password expires in 5 days"
tmux_keys F10
tmux_wait_exit
tmux_stop
eseal_start 80 24 $E ESEAL_FAKE_TIME=$((now + 61 * 86400))
ui_login wang "$WPW"
expect_screen "61 days on: the expired password must be changed first" \
	"The password has expired"
tmux_keys Escape
expect_screen "Esc on the forced change logs out" "User name"
tmux_keys F10
tmux_wait_exit
tmux_stop

if ws_chinese; then
	eseal_start 80 24 zh_CN.UTF-8
	expect_screen "zh_CN: the login screen is in Chinese" "用户名"
	ui_login wang wrong
	expect_screen "zh_CN: the refusal is in Chinese" "用户名或密码错误。"
	tmux_type "$WPW"
	tmux_keys Enter
	expect_screen "zh_CN: the home screen is in Chinese" "退回给我的"
	expect_screen "zh_CN: the roles are in Chinese" "拟稿人、审批人"
	expect_line "zh_CN: the keys line is in Chinese" 24 "F1 帮助"
	tmux_keys F10
	tmux_wait_exit
	tmux_stop
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi

finish
