#!/bin/sh
# doc_forms.sh -- documents drafted from the shipped forms through
# esealctl: what a table form and a fill-in form hold reaches the
# approver (doc show --body) and the sealed, printed copies (Art. 9,
# 12); the forms and the import refuse characters the document fonts
# cannot draw, naming the field and the character (Art. 12); a form can
# ask for the bureau leader in charge, so a decision like sample 03
# gets its two-step chain (Flow 1).
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/ws.sh"

H="$T/ws"
CORPUS="${ESEAL_CORPUS_DIR:-$abs_top_srcdir/../shared/corpus}"
if [ ! -r "$CORPUS/03-decision.txt" ]; then
	echo "not ok - no sample documents in $CORPUS; set ESEAL_CORPUS_DIR"
	exit 1
fi
ESEAL_FORMS_DIR="$abs_top_srcdir/forms"
export ESEAL_FORMS_DIR
PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
ctl() { LC_ALL=C "$ESEALCTL" --home "$H" "$@"; }
as() {
	as_user=$1
	shift
	printf '%s\n' "$PW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$as_user" --password-fd 0 "$@"
}
seal() {
	printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user clerk --password-fd 0 doc seal "$@"
}
admin() {
	admin_user=$1 admin_pw=$2
	shift 2
	printf '%s\n' "$admin_pw" | LC_ALL=C "$ESEALCTL" --home "$H" \
	    --user "$admin_user" --password-fd 0 "$@"
}
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }
# walk ID: submit, the chief signs off, send, seal one copy, print it.
walk() {
	as drafter doc submit "$1" >"$T/walk" 2>&1 &&
	    as chief doc approve "$1" >"$T/walk" 2>&1 &&
	    as drafter doc send "$1" >"$T/walk" 2>&1 &&
	    seal "$1" --seal SEAL-001 --copies 1 >"$T/walk" 2>&1 &&
	    as printer print "$1" --printer colour >"$T/walk" 2>&1
	walk_rc=$?
	expect_eq "document $1 is sealed and printed" 0 $walk_rc
	[ $walk_rc -eq 0 ] || sed 's/^/    /' "$T/walk"
}
# text ID: the printed copy's text, on one line.
text() {
	pdftotext "$T/colour/doc-$1-v1-000001.pdf" - 2>/dev/null | tr -d '\n'
}

# -- The office --------------------------------------------------------------
ws_office "示例市司法局" Sys-admin-2026 Sec-admin-2026
SYS="sysadmin Sys-admin-2026"
SEC="secadmin Sec-admin-2026"
admin $SYS dept add "办公室" --prefix "示司办" >/dev/null 2>&1
LIT=litigation-table,litigation-fill-in,litigation-composed
ws_staff "办公室" drafter chief leader clerk printer office
admin $SEC user roles drafter drafter >/dev/null 2>&1
admin $SEC user roles chief approver --leader 1 --issuing $LIT >/dev/null 2>&1
admin $SEC user roles leader approver --leader 2 --issuing $LIT >/dev/null 2>&1
admin $SEC user roles clerk clerk >/dev/null 2>&1
admin $SEC user roles printer printer >/dev/null 2>&1
admin $SEC user roles office office-director >/dev/null 2>&1
ws_first "$PW" drafter chief leader clerk printer office
ws_seal "示例市司法局" "示例市司法局" >/dev/null 2>&1 &&
    admin $SYS printer add colour --folder "$T/colour" --colour \
    >/dev/null 2>&1
expect_eq "the office has a seal and a colour printer" 0 $?

# -- H1: a table form's content is shown, sealed and printed -----------------
as drafter doc new --form case-register --field "case-number=示复〔2026〕7号" \
    --field "applicant=王某某" --field "respondent=示例区市场监督管理局" \
    --field received=2026-03-02 --field "matter=撤销行政处罚决定。
退还罚款五千元。" --field handler=drafter \
    --field "issuing-body=示例市司法局" >"$T/out" 2>&1
expect_eq "a review case is drafted from the table form" 0 $?
C=$(field id "$T/out")
as drafter doc show "$C" --body >"$T/show" 2>&1
expect_grep "the body shows the case number" "^案号：示复〔2026〕7号$" "$T/show"
expect_grep "the body shows the applicant" "^申请人：王某某$" "$T/show"
expect_grep "the body shows the date received" "^收件日期：2026-03-02$" \
    "$T/show"
expect_grep "the request keeps its first line" \
    "^复议请求：撤销行政处罚决定。$" "$T/show"
expect_grep "and its second, indented" "^　　退还罚款五千元。$" "$T/show"
expect_grep "the body shows who handles it" "^承办人：drafter$" "$T/show"
walk "$C"
expect_eq "the case register is sealed and printed" 1 \
    "$(ls "$T/colour" | grep -c "^doc-$C-v1-")"
text "$C" >"$T/text"
for want in "案号" "示复〔2026〕7号" "王某某" "示例区市场监督管理局" \
    "2026-03-02" "撤销行政处罚决定。" "退还罚款五千元。"; do
	expect_grep "the printed register holds $want" "$want" "$T/text"
done
# Where the values start: one column, right of the labels.
pdftotext -bbox "$T/colour/doc-$C-v1-000001.pdf" - 2>/dev/null |
    grep -E '>(示复〔2026〕7号|王某某|退还罚款五千元。)<' |
    sed 's/.*xMin="\([0-9]*\)[.0-9]*".*/\1/' | sort -u >"$T/cols"
expect_eq "the values stand in one column, the request's second line too" \
    1 "$(grep -c . "$T/cols")"
expect_eq "right of the labels" 1 "$(awk '$1 > 120 { n++ } END { print n }' \
    "$T/cols")"

# -- H1: a fill-in form reads as the filled-in text --------------------------
as drafter doc new --form service-receipt \
    --field "document=行政复议决定书 示复〔2026〕7号" \
    --field "recipient=王某某" --field method=post \
    --field "issuing-body=示例市司法局" >"$T/out" 2>&1
expect_eq "a service receipt is drafted from the fill-in form" 0 $?
R=$(field id "$T/out")
as drafter doc show "$R" --body >"$T/show" 2>&1
expect_grep "the receipt names the document served" \
    "^送达文书名称及文号：行政复议决定书 示复〔2026〕7号$" "$T/show"
expect_grep "a choice reads as its label" "^送达方式：邮寄送达$" "$T/show"
expect_grep "an empty blank is a line to write on" "^送达地点：___" "$T/show"
walk "$R"
text "$R" >"$T/text"
expect_grep "the printed receipt holds the recipient" "受送达人：王某某" \
    "$T/text"
expect_grep "and the method" "送达方式：邮寄送达" "$T/text"

# -- H2: characters the fonts cannot draw are refused ------------------------
as drafter doc new --form decision --field "title=关于测试的决定" \
    --field "body=正文。" --field "issuing-body=𠀀𠀁测试局" >"$T/out" 2>&1
expect_eq "CJK extension B in the issuing body is refused" 2 $?
expect_grep "the refusal names the field and the character" \
    "issuing-body: .*𠀀 (U+20000)" "$T/out"
as drafter doc new --form decision --field "title=乐谱𝄞" \
    --field "body=正文。" --field "issuing-body=示例市司法局" >"$T/out" 2>&1
expect_grep "a musical symbol in the title is refused" "title: .*U+1D11E" \
    "$T/out"
as drafter doc new --form decision --field "title=关于测试的决定" \
    --field "body=caf$(printf 'e\314\201')。" \
    --field "issuing-body=示例市司法局" >"$T/out" 2>&1
expect_grep "a combining accent in the body is refused" "body: .*U+0301" \
    "$T/out"
printf '%s\n' 'kind: litigation-composed' 'title: 关于测试的决定' \
    'issuing-body: 示例市司法局' '' '第一段。' '第二段有𠀀字。' >"$T/exb.txt"
as drafter doc new --import "$T/exb.txt" >"$T/out" 2>&1
expect_eq "an imported file with extension B is refused" 1 $?
expect_grep "the refusal names the line and the character" \
    "exb.txt:6: body: .*𠀀 (U+20000)" "$T/out"
printf 'kind: litigation-composed\ntitle: 乐谱𝄞\n\n正文。\n' >"$T/sym.txt"
as drafter doc new --import "$T/sym.txt" >"$T/out" 2>&1
expect_grep "a header value is refused with its key" \
    "sym.txt:2: title: .*U+1D11E" "$T/out"
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" \
    --home "$H" --user office --password-fd 0 seal add SEAL-002 \
    --name "测试章" --body "𠀀𠀁测试局" --custodian clerk >"$T/out" 2>&1
expect_eq "a seal whose body name cannot be drawn is refused" 2 $?
expect_grep "saying why" "cannot draw" "$T/out"
as drafter doc list >"$T/list" 2>&1
expect_eq "nothing refused was recorded" 2 "$(grep -c . "$T/list")"

# -- M8: the decision form asks for the leader in charge ---------------------
B=$(sed '1,/^$/d' "$CORPUS/03-decision.txt")
as drafter doc new --form decision \
    --field "title=$(field title "$CORPUS/03-decision.txt")" \
    --field "recipients=$(field recipients "$CORPUS/03-decision.txt")" \
    --field "body=$B" --field "issuing-body=示范市示范区司法局" \
    --field copies=12 --field leader-in-charge=yes >"$T/out" 2>&1
expect_eq "sample 03 is drafted from the decision form" 0 $?
D=$(field id "$T/out")
as drafter doc show "$D" >"$T/show" 2>&1
expect_eq "its chain has the leader in charge" "1,2" "$(field chain "$T/show")"
as drafter doc submit "$D" >/dev/null 2>&1
as chief doc approve "$D" >"$T/out" 2>&1
expect_eq "the chief's sign-off is not the last" in-approval \
    "$(field state "$T/out")"
as leader doc approve "$D" >"$T/out" 2>&1
expect_eq "the leader in charge issues it" approved "$(field state "$T/out")"
as drafter doc new --form decision --field "title=关于测试的决定" \
    --field "body=正文。" --field "issuing-body=示例市司法局" >"$T/out" 2>&1
as drafter doc show "$(field id "$T/out")" >"$T/show" 2>&1
expect_eq "without it the chain stays one step" 1 "$(field chain "$T/show")"

finish
