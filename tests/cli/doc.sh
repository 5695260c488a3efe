#!/bin/sh
# doc.sh -- esealctl doc and print, run for real on the bureau's sample
# documents: approval level by level, issuance, sealing, printing the
# approved copies, an extra print, a reprint with recall and
# destruction, and the refusals the rules require (Art. 2, 9, 13,
# Flow 1.3, 4).  The seal and the printers come from their registers'
# own commands; the printers are folders under the test directory.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/ws.sh"

H="$T/ws"
CORPUS="${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}"
if [ ! -r "$CORPUS/02-request.txt" ]; then
	echo "not ok - no sample documents in $CORPUS; set ESEAL_CORPUS_DIR"
	exit 1
fi
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
TAB=$(printf '\t')
ctl() { LC_ALL=C "$ESEALCTL" --home "$H" "$@"; }
# as USER ARGS...: run esealctl as USER with the office's password.
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$as_user" --password-fd 0 "$@"
}
# seal ID ARGS...: the clerk seals, the key password after the login's.
seal() {
	printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user clerk --password-fd 0 doc seal "$@"
}
# admin USER PASSWORD ARGS...
admin() {
	admin_user=$1 admin_pw=$2
	shift 2
	printf '%s\n' "$admin_pw" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$admin_user" --password-fd 0 "$@"
}
# field KEY FILE: the value of "KEY: value" in FILE
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

# -- The office ------------------------------------------------------------
ws_office "示例市司法局" Sys-admin-2026 Sec-admin-2026
SYS="sysadmin Sys-admin-2026"
SEC="secadmin Sec-admin-2026"
admin $SYS dept add "办公室" --prefix "示司办" >/dev/null 2>&1
LIT=litigation-table,litigation-fill-in,litigation-composed
ALL=official-admin,official-office,$LIT
ws_staff "办公室" drafter chief leader bureau clerk printer office
admin $SEC user roles drafter drafter --clearance secret >/dev/null 2>&1
admin $SEC user roles chief approver --leader 1 --issuing $LIT >/dev/null 2>&1
admin $SEC user roles leader approver --leader 2 --issuing $ALL \
    --clearance secret >/dev/null 2>&1
admin $SEC user roles bureau approver --leader 3 --issuing $ALL >/dev/null 2>&1
admin $SEC user roles clerk clerk --clearance secret >/dev/null 2>&1
admin $SEC user roles printer printer --clearance secret >/dev/null 2>&1
admin $SEC user roles office office-director >/dev/null 2>&1
# chief must see 07 too
admin $SEC user roles chief approver --leader 1 --issuing $LIT \
    --clearance secret >/dev/null 2>&1
# An account logs in once it has a role; its first act is the password.
ws_first "$PW" drafter chief leader bureau clerk printer office
ws_seal "示例市司法局" "示例市司法局" >/dev/null 2>&1
expect_eq "the office makes a seal for the clerk" 0 $?
admin $SYS printer add colour --folder "$T/colour" --colour >/dev/null 2>&1 &&
    admin $SYS printer add mono --folder "$T/mono" >/dev/null 2>&1 &&
    admin $SYS printer add secret --folder "$T/secret" --colour \
    --classified >/dev/null 2>&1
expect_eq "the system administrator registers the printers" 0 $?

# -- Flow 1 and 2: 02, approved, issued, sealed, printed ---------------------
as drafter doc new --import "$CORPUS/02-request.txt" >"$T/out" 2>&1
expect_eq "doc new imports 02" 0 $?
D=$(field id "$T/out")
expect_eq "02 starts as a draft" draft "$(field state "$T/out")"
as drafter doc submit "$D" >"$T/out" 2>&1
expect_eq "the drafter submits" in-approval "$(field state "$T/out")"
as clerk doc approve "$D" >"$T/out" 2>&1
expect_eq "a clerk may not approve" 3 $?
as chief doc approve "$D" --comment "同意" >"$T/out" 2>&1
expect_eq "the chief signs 02 off" approved "$(field state "$T/out")"
expect_eq "issuance allocates the number" "示司办〔2026〕1号" \
    "$(field number "$T/out" | sed 's/〔[0-9]*〕/〔2026〕/')"
as drafter doc send "$D" >"$T/out" 2>&1
expect_eq "the drafter sends it to the clerk" to-seal "$(field state "$T/out")"
seal "$D" --seal SEAL-001 --copies 4 >"$T/out" 2>&1
expect_eq "sealing another number of copies is refused" 2 $?
expect_grep "the refusal cites Art. 11" "Art. 11" "$T/out"
seal "$D" --seal SEAL-001 --copies 3 >"$T/out" 2>&1
expect_eq "the clerk seals 02" sealed "$(field state "$T/out")"
as printer print "$D" --printer mono >"$T/out" 2>&1
expect_eq "a black-and-white printer is refused" 5 $?
expect_grep "the refusal cites Flow 2" "Flow 2" "$T/out"
as printer print "$D" --printer colour >"$T/out" 2>&1
expect_eq "the print room prints 02" printed "$(field state "$T/out")"
expect_eq "copies 1-3 are logged" 1-3 "$(field copies "$T/out")"
as printer print "$D" --printer colour --copies 1 >"$T/out" 2>&1
expect_eq "no copy beyond the approved ones" 5 $?

# -- Flow 5: extra print -----------------------------------------------------
as drafter doc extra-print "$D" --copies 2 --reason "会议" >"$T/out" 2>&1
expect_eq "the drafter applies for 2 more" 0 $?
A=$(field application "$T/out")
as chief doc decide "$A" --approve >"$T/out" 2>&1
expect_eq "the chief approves the extra print" approved \
    "$(field decision "$T/out")"
as printer print "$D" --printer colour >"$T/out" 2>&1
expect_eq "the extra copies continue the numbers" 4-5 "$(field copies "$T/out")"
as clerk doc show "$D" >"$T/show" 2>&1
expect_grep "show lists the issuance" \
    "^approval${TAB}1${TAB}1${TAB}issue${TAB}chief${TAB}" "$T/show"
expect_grep "show lists the print log" \
    "^print${TAB}[0-9]*${TAB}1${TAB}4-5${TAB}done${TAB}printer${TAB}" "$T/show"

# -- Art. 2: the Party-group document ----------------------------------------
as drafter doc new --import "$CORPUS/08-party-group.txt" >"$T/out" 2>"$T/err"
expect_eq "08 is recorded" 0 $?
expect_eq "08 is refused for e-sealing" refused "$(field state "$T/out")"
expect_grep "the reason is given" "Art. 2" "$T/err"
P=$(field id "$T/out")
as drafter doc submit "$P" >"$T/out" 2>&1
expect_eq "08 cannot be submitted for e-sealing" 5 $?
expect_grep "with the rule's reason" \
    "Party-group documents, are not e-sealed (Art. 2)" "$T/out"

# -- Flow 1.3: the special number needs a bureau leader ----------------------
as drafter doc new --import "$CORPUS/06-special-number.txt" >"$T/out" 2>&1
S=$(field id "$T/out")
as drafter doc submit "$S" >/dev/null 2>&1
as leader doc approve "$S" >"$T/out" 2>&1
expect_eq "the leader in charge may not sign 06 off" 3 $?
expect_grep "the refusal names the bureau leader" "bureau leader" "$T/out"
as bureau doc approve "$S" >"$T/out" 2>&1
expect_eq "the bureau leader signs 06 off" approved "$(field state "$T/out")"

# -- GB18030 and encodings -----------------------------------------------------
as drafter doc new --import "$CORPUS/09-request-gb18030.txt" >"$T/out" 2>&1
expect_eq "09 imports from GB18030" 0 $?
G=$(field id "$T/out")
as drafter doc show "$G" >"$T/show" 2>&1
expect_grep "09's title reads correctly" \
    "^title: 关于申请为文印室配置彩色激光打印机的请示（GB18030 编码）$" \
    "$T/show"
printf 'kind: official-admin\ntitle: \200\377\n\nx\n' >"$T/bad.txt"
as drafter doc new --import "$T/bad.txt" >"$T/out" 2>&1
expect_eq "a file in neither encoding is refused" 1 $?
expect_grep "the refusal names the encodings" "UTF-8 or GB18030" "$T/out"

# A document over the limit is refused saying so and naming the limit;
# one just under it, whose version the store can keep, is accepted.
big_doc() {
	printf 'kind: official-admin\ntitle: 大文书\n\n' >"$2"
	head -c "$1" /dev/zero | tr '\0' 'a' | fold -w 1000 >>"$2"
}
big_doc 1100000 "$T/big.txt"
as drafter doc new --import "$T/big.txt" >"$T/out" 2>&1
expect_eq "a 1.1 MB document is refused" 1 $?
expect_grep "the refusal says it is too large, and the limit" \
    "larger than 960 KiB" "$T/out"
big_doc 960000 "$T/big.txt"
as drafter doc new --import "$T/big.txt" >"$T/out" 2>&1
expect_eq "a document just under the limit is kept" 0 $?

# -- Art. 13: the classified document ----------------------------------------
as drafter doc new --import "$CORPUS/07-classified.txt" >"$T/out" 2>&1
expect_eq "07 is refused on an unclassified workstation" 5 $?
expect_grep "the refusal cites Art. 13" "Art. 13" "$T/out"
admin $SEC policy classification secret >/dev/null 2>&1
as drafter doc new --import "$CORPUS/07-classified.txt" >"$T/out" 2>&1
K=$(field id "$T/out")
as drafter doc submit "$K" >/dev/null 2>&1
as chief doc approve "$K" >/dev/null 2>&1
as leader doc approve "$K" >/dev/null 2>&1
as drafter doc send "$K" >/dev/null 2>&1
seal "$K" --seal SEAL-001 --copies 5 >"$T/out" 2>&1
expect_eq "07 is sealed" sealed "$(field state "$T/out")"
as printer print "$K" --printer colour >"$T/out" 2>&1
expect_eq "07 is refused on an unclassified printer" 5 $?
expect_grep "naming the rule" "classified printer (Art. 13)" "$T/out"
as printer print "$K" --printer secret >"$T/out" 2>&1
expect_eq "07 prints on the classified printer" 1-5 "$(field copies "$T/out")"

# -- Flow 4: a reprint of a printed document -------------------------------
as drafter doc new --import "$CORPUS/03-decision.txt" >"$T/out" 2>&1
R=$(field id "$T/out")
as drafter doc submit "$R" >/dev/null 2>&1
as chief doc approve "$R" >/dev/null 2>&1
as leader doc approve "$R" >/dev/null 2>&1
as drafter doc send "$R" >/dev/null 2>&1
seal "$R" --seal SEAL-001 --copies 12 >/dev/null 2>&1
as printer print "$R" --printer colour >"$T/out" 2>&1
expect_eq "03 prints 12 copies" 1-12 "$(field copies "$T/out")"
as drafter doc reprint "$R" --import "$CORPUS/03-decision.txt" >"$T/out" 2>&1
expect_eq "a reprint needs a reason" 2 $?
as drafter doc reprint "$R" --import "$CORPUS/03-decision.txt" \
    --reason "检查数字有误" >"$T/out" 2>&1
expect_eq "the reprint goes to approval" in-approval "$(field state "$T/out")"
as chief doc approve "$R" >/dev/null 2>&1
as leader doc approve "$R" >/dev/null 2>&1
as drafter doc send "$R" >/dev/null 2>&1
seal "$R" --seal SEAL-001 --copies 12 >"$T/out" 2>&1
expect_eq "resealing waits for the recall" 5 $?
expect_grep "the refusal cites Flow 4" "Flow 4" "$T/out"
as clerk doc recall "$R" 1-12 >"$T/out" 2>&1
expect_eq "the clerk records the recall of copies 1-12" 0 $?
as clerk doc destroy "$R" 1-12 >"$T/out" 2>&1
expect_eq "destruction needs a witness" 2 $?
as clerk doc destroy "$R" --witness "王五" 1-12 >"$T/out" 2>&1
expect_eq "the clerk records their destruction" 0 $?
seal "$R" --seal SEAL-001 --copies 12 >"$T/out" 2>&1
expect_eq "the new version is sealed" sealed "$(field state "$T/out")"
as printer print "$R" --printer colour >"$T/out" 2>&1
expect_eq "the reprint continues the numbers" 13-24 "$(field copies "$T/out")"

# -- From a form ---------------------------------------------------------------
ESEAL_FORMS_DIR="$abs_top_srcdir/forms"
export ESEAL_FORMS_DIR
as drafter doc new --form request --field "title=关于购置打印机的请示" \
    --field "recipients=局领导" --field "body=妥否，请批示。" \
    --field "issuing-body=办公室" --field copies=2 >"$T/out" 2>&1
expect_eq "doc new from the request form" draft "$(field state "$T/out")"
as drafter doc new --form request --field "title=请示" >"$T/out" 2>&1
expect_eq "an incomplete form is refused" 2 $?
expect_grep "naming the missing field" "^esealctl: recipients: " "$T/out"

# -- Lists and queues ----------------------------------------------------------
as drafter doc list --state refused >"$T/out" 2>&1
expect_grep "list by state" "^$P${TAB}refused${TAB}party-group${TAB}" "$T/out"
as drafter doc list >"$T/all" 2>&1
grep "打印机" "$T/all" | sort -t "$TAB" -k 1,1nr >"$T/want"
as drafter doc list --search 打印机 >"$T/out" 2>"$T/err"
expect_eq "search finds the titles holding the text" 0 $?
expect_eq "search finds what the whole list holds, newest first" "" \
    "$(diff "$T/want" "$T/out")"
expect_grep "the request from the form is among them" "${TAB}关于购置打印机的请示$" "$T/out"
expect_eq "the total is the last line on stderr" \
    "documents found: $(wc -l <"$T/want")" "$(tail -n 1 "$T/err")"
as drafter doc list --search 打印机 --limit 1 >"$T/out" 2>"$T/err"
expect_eq "search with a limit gives one" 1 "$(wc -l <"$T/out")"
expect_eq "search with a limit gives the newest" "$(head -n 1 "$T/want")" \
    "$(cat "$T/out")"
expect_eq "the total counts beyond the page" \
    "documents found: $(wc -l <"$T/want")" "$(tail -n 1 "$T/err")"
as drafter doc list --search 打印机 --offset 1 --limit 1 >"$T/out" 2>/dev/null
expect_eq "search with an offset gives the next" "$(sed -n 2p "$T/want")" \
    "$(cat "$T/out")"
as drafter doc list --search 打印机 --offset 1000 >"$T/out" 2>"$T/err"
expect_eq "an offset past the end lists nothing" 0 "$(wc -l <"$T/out")"
expect_eq "and still gives the total" \
    "documents found: $(wc -l <"$T/want")" "$(tail -n 1 "$T/err")"
as drafter doc list --search 没有这样的标题 >"$T/out" 2>"$T/err"
expect_eq "a text found nowhere lists nothing" 0 "$(wc -l <"$T/out")"
expect_eq "and says none were found" "documents found: 0" \
    "$(tail -n 1 "$T/err")"
as drafter doc list --search 打印机 --state draft >"$T/out" 2>&1
expect_eq "search takes no state" 2 $?
expect_grep "and says why" "cannot be combined with --state" "$T/out"
as drafter doc list --search 打印机 --search 请示 >"$T/out" 2>&1
expect_eq "a second --search is a usage error" 2 $?
expect_grep "saying --search is given once" "search is given once" "$T/out"
as drafter doc list --state nonsense >"$T/out" 2>&1
expect_eq "an unknown state is a usage error" 2 $?
expect_grep "naming the value" "--state: 'nonsense' is not a document state" \
    "$T/out"
as drafter doc list --limit -1 >"$T/out" 2>&1
expect_eq "a negative limit is a usage error" 2 $?
expect_grep "naming the value" "--limit: '-1' is not a number" "$T/out"
as drafter doc list --limit 0 >"$T/out" 2>&1
expect_eq "a limit of 0 lists all, as the manual says" \
    "$(wc -l <"$T/all")" "$(wc -l <"$T/out")"
as drafter doc list --offset x >"$T/out" 2>&1
expect_grep "a bad offset is named" "--offset: 'x' is not a number" "$T/out"
as drafter doc list --offset 0 --limit 1 >"$T/out" 2>&1
expect_eq "an offset of 0 is the first document" 0 $?
as drafter doc list --frobnicate >"$T/out" 2>&1
expect_grep "an unknown option is named" "frobnicate" "$T/out"
as drafter doc list 打印机 >"$T/out" 2>&1
expect_grep "a stray word is named" "'打印机' is not an option" "$T/out"
# A revision may not change the document's kind, and says so.
as drafter doc new --import "$CORPUS/02-request.txt" >"$T/out" 2>&1
R=$(field id "$T/out")
sed 's/^kind: .*/kind: official-admin/' "$CORPUS/02-request.txt" \
    >"$T/rekind.txt"
as drafter doc revise "$R" --import "$T/rekind.txt" >"$T/out" 2>&1
expect_eq "a revision of another kind is refused (exit 1)" 1 $?
expect_grep "naming the kind as the reason" "keeps the document's kind" \
    "$T/out"
as drafter doc inbox >"$T/out" 2>&1
expect_grep "the drafter's queues: 06 waits to be sent" "^send${TAB}1$" \
    "$T/out"
as drafter doc frobnicate >"$T/out" 2>&1
expect_eq "an unknown sub-command is a usage error" 2 $?
as drafter doc list --offset >"$T/out" 2>&1
expect_eq "a missing option value is a usage error" 2 $?
expect_grep "getopt's message is headed like the others" \
    "^esealctl: doc list: option '--offset' requires an argument" "$T/out"

# -- Sealings at once: each keeps its own original --------------------------
P=""
for i in 1 2 3 4 5 6 7 8; do
	as drafter doc new --import "$CORPUS/02-request.txt" >"$T/out" 2>&1
	d=$(field id "$T/out")
	as drafter doc submit "$d" >/dev/null 2>&1
	as chief doc approve "$d" >/dev/null 2>&1
	as drafter doc send "$d" >/dev/null 2>&1
	P="$P $d"
done
for d in $P; do
	seal "$d" --seal SEAL-001 --copies 3 >"$T/par.$d" 2>&1 &
done
wait
for d in $P; do
	expect_eq "document $d sealed alongside the others" sealed \
	    "$(field state "$T/par.$d")"
	test -r "$H/originals/doc-$d-v1.pdf"
	expect_eq "document $d keeps its sealed original" 0 $?
done
expect_eq "no temporary original is left behind" "" \
    "$(ls -A "$H/originals" | grep '^\.')"
ctl check >"$T/out" 2>&1
expect_eq "check finds the workspace clean" 0 $?
# A sealed original that cannot come into place (here a folder is in
# the way) leaves the document sealed, and the clerk is told.
as drafter doc new --import "$CORPUS/02-request.txt" >"$T/out" 2>&1
d=$(field id "$T/out")
as drafter doc submit "$d" >/dev/null 2>&1
as chief doc approve "$d" >/dev/null 2>&1
as drafter doc send "$d" >/dev/null 2>&1
mkdir "$H/originals/doc-$d-v1.pdf"
seal "$d" --seal SEAL-001 --copies 3 >"$T/out" 2>"$T/err"
expect_eq "sealing with its original not kept still seals" sealed \
    "$(field state "$T/out")"
expect_grep "and tells the clerk" \
    "^esealctl: doc seal: the sealed original was not kept as .*doc-$d-v1.pdf" \
    "$T/err"
rmdir "$H/originals/doc-$d-v1.pdf"

finish
