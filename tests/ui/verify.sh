#!/bin/sh
# verify.sh -- the verify screen in a real terminal (tmux) of 80x24, in
# English and in Chinese: a document made, sealed and printed to a
# folder printer with esealctl; the clerk opens "Verify a sealed file"
# from the home screen, the path starts at the folder of sealed
# originals.  The verdict comes first, where it is seen without
# scrolling, said once: the sealed original is the signed original,
# with every check OK; a printed copy is called a printed copy of the
# document; a file with one byte changed fails the data-hash check and
# is called NOT VALID, not a copy (Art. 4).  The checks that do not fit
# are reached with Down and PgDn, and the screen says more lies below.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/lib/tmux.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

PW=Desk-Work-2026
KEYPW=Key-Pass-2026!
field() { sed -n "s/^$1: //p" "$2" | head -n 1; }

ws_init
ws_admin_passwords
as sysadmin "$SYS" dept add "办公室" --prefix "示司办" >/dev/null 2>&1
ws_user liu '刘洋' drafter "$PW"
ws_user zhang '张科长' approver "$PW"
ws_user wang '王文书' clerk "$PW"
ws_user zhao '赵打印' printer "$PW"
ws_user zhou '周主任' office-director "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1
as secadmin "$SEC" user roles zhang approver --leader 1 \
    --issuing litigation-table,litigation-fill-in,litigation-composed \
    --dept "办公室" >/dev/null 2>&1
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user zhou --password-fd 0 seal add SEAL-001 \
    --name "示例市司法局公文专用章" --body "示例市司法局" \
    --custodian wang >/dev/null 2>&1
mkdir -p "$T/colour"
as sysadmin "$SYS" printer add colour --folder "$T/colour" --colour \
    >/dev/null 2>&1
cat >"$T/request.txt" <<'EOT'
kind: litigation-composed
title: 关于申请配置彩色激光打印机的请示
recipients: 示例市司法局
copies: 2
issuing-body: 示例市司法局办公室

局领导：
拟为文印室配置彩色激光打印机一台。
妥否，请批示。
EOT
as liu "$PW" doc new --import "$T/request.txt" >"$T/out" 2>&1
D=$(field id "$T/out")
as liu "$PW" doc submit "$D" >/dev/null 2>&1
as zhang "$PW" doc approve "$D" >/dev/null 2>&1
as liu "$PW" doc send "$D" >/dev/null 2>&1
printf '%s\n%s\n' "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user wang --password-fd 0 doc seal "$D" --seal SEAL-001 --copies 2 \
    >"$T/out" 2>&1
expect_eq "the clerk seals the document" sealed "$(field state "$T/out")"
ORIG="doc-$D-v1.pdf"
if [ -r "$H/originals/$ORIG" ]; then
	ok "the sealed original is in originals/"
else
	not_ok "no $ORIG in originals/"
fi

as zhao "$PW" print "$D" --printer colour >"$T/out" 2>&1
expect_eq "the print room prints two copies" 1-2 "$(field copies "$T/out")"
PRINTED="$T/colour/doc-$D-v1-000001.pdf"

# The altered file: the original with its 20th byte changed, under its
# name (so the signature kept with the version is the one it is checked
# against).
mkdir -p "$T/copy"
ALTERED="$T/copy/$ORIG"
cp "$H/originals/$ORIG" "$ALTERED"
printf 'X' | dd of="$ALTERED" bs=1 seek=19 conv=notrunc 2>/dev/null
cmp -s "$ALTERED" "$H/originals/$ORIG"
expect_eq "the altered file differs from the original" 1 $?

# check PATH: empty the path (more Backspaces than it has characters)
# and check PATH.
check() {
	tmux_keys End $(i=0; while [ $i -lt 160 ]; do printf 'BSpace '; \
	    i=$((i + 1)); done)
	tmux_type "$1"
	tmux_keys Enter
}

# count TEXT: how many times TEXT is on the screen, its lines joined
# as the sentences they were before wrapping.
count() {
	tmux_capture | tr '\n' ' ' | tr -s ' ' | grep -oF -- "$1" | wc -l |
	    tr -d ' '
}

# open_verify LANG HOME TITLE: eseal at 80x24 in LANG, the clerk logged
# in (HOME on the home screen), the verify screen (TITLE) opened by
# searching the menu.
open_verify() {
	eseal_start 80 24 "$1"
	tmux_wait "User name"
	ui_login wang "$PW"
	tmux_wait "$2"
	tmux_keys /
	tmux_type "$3"
	tmux_keys Enter Enter
}

open_verify C.UTF-8 "Change my password" "Verify a sealed file"
expect_screen "the verify screen opens" "Enter checks the file"
expect_screen "the path starts at the sealed originals" "$H/originals/"

# The original: the verdict at the top of the result, then the checks.
tmux_type "$ORIG"
tmux_keys Enter
expect_screen "the original is called the signed original, first" \
	"Result: this file is the signed original (Art. 4)."
expect_screen "the signature is the one kept with the version" \
	"Signature: the signature kept with document $D version 1"
for c in "structure" "signature over the signed data" \
    "signer's certificate at the signing time"; do
	expect_screen "the original passes: $c" "OK  $c"
done
expect_screen "the result says more lies below" "More below: Down or PgDn."
tmux_keys PgDn
expect_screen "PgDn scrolls to the last check" "OK  signed original (Art. 4)"
expect_screen "and says more lies above" "More above: Up or PgUp."
for c in "signer's certificate listed in the seal" \
    "data hash against the file" "seal: maker's signature and validity"; do
	expect_screen "the original passes: $c" "OK  $c"
done
expect_absent "no check of the original failed" "FAILED"
tmux_keys Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up Up
expect_screen "Up scrolls back to the verdict" \
	"Result: this file is the signed original (Art. 4)."

# The printed copy: its verdict is seen without scrolling, said once.
check "$PRINTED"
expect_screen "the printed copy is called a copy, first" \
	"Result: this file is printed copy 000001 of document $D version 1,"
expect_eq "'not the signed original' is said once" 1 \
	"$(count "not the signed original")"
expect_absent "the verdict of the original is gone" \
	"Result: this file is the signed original (Art. 4)."
tmux_keys Down Down Down Down Down Down Down Down Down Down Down Down
expect_screen "Down scrolls to the copy's last check" \
	"FAILED  signed original (Art. 4)"
expect_screen "the copy's seal holds" \
	"OK  seal: maker's signature and validity"

# The altered file: NOT VALID, not a copy.
check "$ALTERED"
expect_screen "the altered file is not valid, first" \
	"Result: NOT VALID: this file is not the signed original (Art. 4)."
expect_absent "the altered file is not called a copy" "printed copy"
tmux_keys NPage
expect_screen "it fails the data hash" "FAILED  data hash against the file"
tmux_keys F10
tmux_wait_exit
expect_eq "eseal ends normally" 0 "$(tmux_status)"
tmux_stop

# -- In Chinese -------------------------------------------------------------
if ws_chinese; then
	open_verify zh_CN.UTF-8 "修改我的密码" "验证已签章文件"
	expect_screen "zh_CN: the verify screen opens" "$H/originals/"
	tmux_type "$ORIG"
	tmux_keys Enter
	expect_screen "zh_CN: the original's verdict, first" \
	    "结论：本文件是签章原件（第四条）。"
	expect_screen "zh_CN: more lies below" "下面还有：按下移键或 PgDn。"
	tmux_keys PgDn
	expect_screen "zh_CN: PgDn shows the last check" "通过  签章原件"
	check "$PRINTED"
	expect_screen "zh_CN: the printed copy's verdict, first" \
	    "结论：本文件是文书 $D 第 1 版的第 000001"
	expect_eq "zh_CN: 'not the signed original' is said once" 1 \
	    "$(count "不是签章原件")"
	check "$ALTERED"
	expect_screen "zh_CN: the altered file's verdict, first" \
	    "结论：无效：本文件不是签章原件（第四条）。"
	tmux_keys F10
	tmux_wait_exit
	expect_eq "zh_CN: eseal ends normally" 0 "$(tmux_status)"
	tmux_stop
else
	not_ok "the zh_CN.UTF-8 locale is missing: add 'zh_CN.UTF-8 UTF-8' to /etc/locale.gen and run locale-gen"
fi
finish
