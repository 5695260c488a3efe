#!/bin/sh
# accounts.sh -- esealctl init, user, passwd, dept and policy, run for
# real: initial passwords printed once and changed first, each
# administrator limited to their own actions, the lockout, and no
# password in the output of a verbose run or a dump.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"

H="$T/ws"
ctl() { LC_ALL=C "$ESEALCTL" --home "$H" "$@"; }
# as USER PASSWORD ARGS...: run esealctl as USER, the password on stdin.
as() {
	u=$1 p=$2
	shift 2
	printf '%s\n' "$p" | LC_ALL=C "$ESEALCTL" --home "$H" --user "$u" \
	    --password-fd 0 "$@"
}
# passwd USER OLD NEW
passwd_as() {
	printf '%s\n%s\n' "$2" "$3" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$1" --password-fd 0 passwd
}

ctl init --bureau "示例市司法局" >"$T/init" 2>"$T/init.err"
expect_eq "init exits 0" 0 $?
expect_grep "init records the bureau" "^bureau: 示例市司法局" "$T/init"
expect_grep "init says the classification" "^classification: none" "$T/init"
expect_grep "init warns the passwords are shown once" "only this once" "$T/init.err"
sys0=$(awk '$1 == "account:" && $2 == "sysadmin" { print $4 }' "$T/init")
sec0=$(awk '$1 == "account:" && $2 == "secadmin" { print $4 }' "$T/init")
aud0=$(awk '$1 == "account:" && $2 == "auditor" { print $4 }' "$T/init")
expect_eq "init prints three initial passwords" 3 \
    "$(grep -c '^account: [a-z]* [a-z]* ..........' "$T/init")"

ctl init --bureau "another" >"$T/out" 2>&1
expect_eq "init refuses an existing workspace" 1 $?
expect_grep "init says why" "already exists" "$T/out"

# The initial password allows a change and nothing else.
as sysadmin "$sys0" user list >"$T/out" 2>&1
expect_eq "initial password: user list refused" 3 $?
expect_grep "initial password: told to change it" "initial password" "$T/out"
passwd_as sysadmin "$sys0" "sysadmin" >"$T/out" 2>&1
expect_eq "passwd refuses a weak password" 1 "$?"
expect_grep "passwd says it is too weak" "too weak" "$T/out"
expect_grep "passwd names the rules it must meet" "needs at least [0-9]* characters, of at least [0-9]* kinds" "$T/out"
passwd_as sysadmin "$sys0" "Sys-admin-2026" >"$T/out" 2>&1
expect_eq "passwd as sysadmin" 0 $?
passwd_as secadmin "$sec0" "Sec-admin-2026" >"$T/out" 2>&1
expect_eq "passwd as secadmin" 0 $?
passwd_as auditor "$aud0" "Aud-itor-2026" >"$T/out" 2>&1
expect_eq "passwd as auditor" 0 $?
SYS=Sys-admin-2026
SEC=Sec-admin-2026

# Departments and accounts: the system administrator's.
as sysadmin $SYS dept add "行政复议科" --prefix "示司复" >"$T/out" 2>&1
expect_eq "sysadmin adds a department" 0 $?
as secadmin $SEC dept add "法制科" >"$T/out" 2>&1
expect_eq "secadmin may not add a department" 3 $?
as sysadmin $SYS user add li --full-name "李四" --dept "行政复议科" >"$T/add" 2>&1
expect_eq "sysadmin adds li" 0 $?
li0=$(awk '$1 == "li" { print $2 }' "$T/add")
as secadmin $SEC user add wang >"$T/out" 2>&1
expect_eq "secadmin may not add an account" 3 $?
expect_grep "the refusal cites the rule" "Art. 7" "$T/out"

# Roles: the security administrator's.
as sysadmin $SYS user roles li drafter >"$T/out" 2>&1
expect_eq "sysadmin may not assign roles" 3 $?
as secadmin $SEC user roles li sysadmin,drafter >"$T/out" 2>&1
expect_eq "an administrator with a business role is refused" 3 $?
expect_grep "the conflict is explained" "role combination" "$T/out"
as secadmin $SEC user roles li drafter,approver --clearance secret --leader 1 >"$T/out" 2>&1
expect_eq "secadmin assigns roles" 0 $?
as secadmin $SEC user list >"$T/list" 2>&1
expect_eq "secadmin lists accounts" 0 $?
expect_grep "the list shows li's roles" "^li	drafter,approver	enabled,must-change	secret	1	李四$" "$T/list"
as auditor Aud-itor-2026 user list >"$T/out" 2>&1
expect_eq "the auditor may not list accounts" 3 $?

passwd_as li "$li0" "Wen-Shu-2026" >"$T/out" 2>&1
expect_eq "li changes the initial password" 0 $?

# Five wrong passwords lock the account; the security administrator unlocks.
for i in 1 2 3 4; do
	as li "Wrong-pass-$i" user list >"$T/out" 2>&1
done
expect_grep "a wrong password says so" "Wrong user name or password" "$T/out"
as nobody "Wrong-pass-1" user list >"$T/out2" 2>&1
expect_eq "an unknown user gets the same answer" \
    "$(sed 's/li: //' "$T/out")" "$(sed 's/nobody: //' "$T/out2")"
as li "Wrong-pass-5" user list >"$T/out" 2>&1
expect_grep "the fifth failure locks" "locked" "$T/out"
as li Wen-Shu-2026 dept list >"$T/out" 2>&1
expect_grep "a locked account cannot log in" "locked" "$T/out"
as secadmin $SEC user unlock li >"$T/out" 2>&1
expect_eq "secadmin unlocks" 0 $?
# li may log in, but a drafter may not list departments.
as li Wen-Shu-2026 dept list >"$T/out" 2>&1
expect_grep "li logs in after the unlock" "roles do not allow" "$T/out"

# A forgotten password: reset by the security administrator.
as sysadmin $SYS user reset li >"$T/out" 2>&1
expect_eq "sysadmin may not reset passwords" 3 $?
as secadmin $SEC user reset li >"$T/reset" 2>&1
expect_eq "secadmin resets li" 0 $?
li1=$(awk '$1 == "li" { print $2 }' "$T/reset")
as li Wen-Shu-2026 dept list >"$T/out" 2>&1
expect_grep "the old password no longer works" "Wrong user name" "$T/out"
# The change after a reset, logged verbosely: the log shows the change,
# never a password.
LC_ALL=C "$ESEALCTL" -v --home "$H" --user li --password-fd 0 passwd \
    >"$T/verbose.out" 2>"$T/verbose.err" <<EOT
$li1
Wen-Shu-2028
EOT
expect_eq "li sets a new password after the reset" 0 $?
expect_grep "the verbose run logs the change" "password changed user=li" "$T/verbose.err"

# Disable and enable.
as sysadmin $SYS user disable li >"$T/out" 2>&1
expect_eq "sysadmin disables li" 0 $?
as li Wen-Shu-2028 dept list >"$T/out" 2>&1
expect_grep "a disabled account is told so" "disabled" "$T/out"
as sysadmin $SYS user enable li >"$T/out" 2>&1
expect_eq "sysadmin enables li" 0 $?

# The policy: tightened, never loosened below the floor.
as secadmin $SEC policy set min-length=9 >"$T/out" 2>&1
expect_eq "the floor cannot be loosened" 1 $?
expect_grep "the refusal names the classification" "classification" "$T/out"
as secadmin $SEC policy set min-length=12 >"$T/out" 2>&1
expect_eq "secadmin tightens the policy" 0 $?
as sysadmin $SYS policy show >"$T/policy" 2>&1
expect_grep "the policy shows the new length" "^min-length: 12 (floor 10)" "$T/policy"

# No password in the verbose log, the outputs or the dump.
ctl dump >"$T/dump" 2>&1
expect_eq "dump exits 0" 0 $?
expect_grep "the dump shows li" "li" "$T/dump"
for f in "$T/verbose.err" "$T/verbose.out" "$T/dump" "$T/list"; do
	for pw in "$sys0" "$sec0" "$aud0" "$li0" "$li1" $SYS $SEC \
	    Aud-itor-2026 Wen-Shu-2026 Wen-Shu-2028 Wrong-pass-5; do
		if grep -qF -- "$pw" "$f"; then
			not_ok "a password appears in $(basename "$f")"
		fi
	done
done
ok "no password in the log, the outputs or the dump"

finish
