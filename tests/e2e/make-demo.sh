#!/bin/sh
# make-demo.sh -- a quick workspace made with esealctl alone (the screen
# fuzzer's; the demo of ./quickstart is month-demo.sh's month): a
# bureau with an account for every role, the office's seal in the clerk's
# custody, a colour folder printer, and the sample documents walked
# through their flows, so that every screen has something in it.
#
# Usage: make-demo.sh DIR [CORPUS-DIR]
# Every demo account's password is Demo#2026seal (see README.md).
# Written against esealctl's documented verbs only: what it does, a clerk
# could do by hand.
set -u

H=${1:?usage: make-demo.sh DIR [CORPUS-DIR]}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CORPUS=${2:-${ESEAL_CORPUS_DIR:-$top/../shared/corpus}}
ESEALCTL=${ESEALCTL:-$top/_build/src/esealctl}
PW='Demo#2026seal'
KEYPW='Seal#2026key'

[ -e "$H" ] && { echo "make-demo.sh: $H exists; remove it first" >&2; exit 1; }
mkdir -p "$(dirname "$H")"
log="$(dirname "$H")/make-demo.log"
: >"$log"

ctl() { LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" "$@" >>"$log" 2>&1; }
# as USER ARGS...: esealctl as USER, the password on a descriptor.
as() {
	_u=$1; shift
	printf '%s\n' "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" \
	    --user "$_u" --password-fd 0 "$@" 2>>"$log"
}
first_passwd() {
	printf '%s\n%s\n' "$2" "$PW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" \
	    --user "$1" --password-fd 0 passwd >>"$log" 2>&1
}
field() { sed -n "s/^$1: //p" | head -n 1; }
step() { printf '  %s\n' "$*"; }

# -- The office -------------------------------------------------------------
LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" init --bureau "示范市示范区司法局" \
    >"$H.init" 2>>"$log" || { echo "make-demo.sh: init failed, see $log" >&2; exit 1; }
for a in sysadmin secadmin auditor; do
	first_passwd $a "$(awk -v a=$a '$1 == "account:" && $2 == a { print $4 }' "$H.init")"
done
rm -f "$H.init"
step "workspace and the three administrators"

as sysadmin dept add "办公室" --prefix "示区司办" >>"$log"
as sysadmin dept add "行政复议科" --prefix "示区司复" >>"$log"
LIT=litigation-table,litigation-fill-in,litigation-composed
ALL=official-admin,official-office,$LIT
# login  full name  department  roles  extra
while IFS='|' read -r login name dept roles extra; do
	pw0=$(as sysadmin user add "$login" --full-name "$name" --dept "$dept" |
	    awk '{ print $2 }')
	# shellcheck disable=SC2086
	as secadmin user roles "$login" "$roles" $extra >>"$log"
	first_passwd "$login" "$pw0"
done <<'ACCOUNTS'
chenjing|陈静|办公室|drafter|--clearance secret
liuyang|刘洋|办公室|drafter|
hemin|何敏|办公室|approver|--leader 1 --issuing litigation-table,litigation-fill-in,litigation-composed
zhouwei|周伟|办公室|approver,office-director|--leader 1 --issuing litigation-table,litigation-fill-in,litigation-composed --clearance secret
sunlixin|孙立新|办公室|approver|--leader 2 --issuing official-admin,official-office,litigation-table,litigation-fill-in,litigation-composed --clearance secret
wangjianguo|王建国|办公室|approver|--leader 3 --issuing official-admin,official-office,litigation-table,litigation-fill-in,litigation-composed --clearance secret
zhaoli|赵丽|办公室|clerk|--clearance secret
qianfang|钱芳|办公室|clerk|
wuhao|吴浩|办公室|printer|--clearance secret
fengting|冯婷|行政复议科|drafter|
zhengqiang|郑强|行政复议科|approver|--leader 1 --issuing litigation-table,litigation-fill-in,litigation-composed
ACCOUNTS
step "accounts for every role (password $PW)"

printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C.UTF-8 "$ESEALCTL" \
    --home "$H" --user zhouwei --password-fd 0 seal add SFJ-001 \
    --name "示范市示范区司法局" --body "示范市示范区司法局" --purpose "公文专用" \
    --custodian zhaoli >>"$log" 2>&1
step "the bureau's seal SFJ-001, kept by 赵丽 (key password $KEYPW)"
mkdir -p "$(dirname "$H")/demo-printer"
as sysadmin printer add "文印室彩色打印机" --folder "$(dirname "$H")/demo-printer" \
    --colour --location "文印室" >>"$log"
step "a colour folder printer writing to $(dirname "$H")/demo-printer"

# -- A few documents at every stage ------------------------------------------
seal_doc() {	# ID COPIES
	printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C.UTF-8 "$ESEALCTL" --home "$H" \
	    --user zhaoli --password-fd 0 doc seal "$1" --seal SFJ-001 \
	    --copies "$2" >>"$log" 2>&1
}
new_doc() {	# DRAFTER FILE -> id
	as "$1" doc new --import "$CORPUS/$2" | field id
}
if [ -r "$CORPUS/02-request.txt" ]; then
	d=$(new_doc liuyang 02-request.txt)
	as liuyang doc submit "$d" >>"$log"
	as hemin doc approve "$d" --comment "同意" >>"$log"
	as liuyang doc send "$d" >>"$log"
	seal_doc "$d" 3
	as wuhao print "$d" --printer "文印室彩色打印机" >>"$log"
	step "02 the request: approved, sealed and printed (3 copies)"

	d=$(new_doc chenjing 03-decision.txt)
	as chenjing doc submit "$d" >>"$log"
	step "03 the decision: waiting for approval"

	d=$(new_doc chenjing 06-special-number.txt)
	as chenjing doc submit "$d" >>"$log"
	step "06 the special-number notice: waiting for the bureau leader"

	d=$(new_doc liuyang 04-entrustment.txt)
	as liuyang doc submit "$d" >>"$log"
	as hemin doc approve "$d" >>"$log"
	as sunlixin doc approve "$d" --comment "同意，签发" >>"$log"
	as liuyang doc send "$d" >>"$log"
	step "04 the letter of entrustment: issued, waiting for the clerk's seal"

	new_doc chenjing 08-party-group.txt >/dev/null
	step "08 the Party-group document: recorded and refused for e-sealing (Art. 2)"
else
	step "no sample documents in $CORPUS: the demo has accounts only"
fi
echo "demo workspace ready: $H (log: $log)"
