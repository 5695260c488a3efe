#!/bin/sh
# verify.sh -- the verify screen in a real terminal (tmux): a document
# made and sealed with esealctl; the clerk opens "Verify a sealed file"
# from the home screen, the path starts at the folder of sealed
# originals, and Enter on the sealed original shows every check OK and
# the verdict "signed original"; a copy with one byte changed fails the
# data-hash check and is called NOT VALID, not a copy (Art. 4).
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
ws_user zhou '周主任' office-director "$PW"
as secadmin "$SEC" user roles liu drafter --dept "办公室" >/dev/null 2>&1
as secadmin "$SEC" user roles zhang approver --leader 1 \
    --issuing litigation-table,litigation-fill-in,litigation-composed \
    --dept "办公室" >/dev/null 2>&1
printf '%s\n%s\n%s\n' "$PW" "$PW" "$KEYPW" | LC_ALL=C "$ESEALCTL" --home "$H" \
    --user zhou --password-fd 0 seal add SEAL-001 \
    --name "示例市司法局公文专用章" --body "示例市司法局" \
    --custodian wang >/dev/null 2>&1
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

# The copy: the original with its 20th byte changed, under its name (so
# the signature kept with the version is the one it is checked against).
mkdir -p "$T/copy"
COPY="$T/copy/$ORIG"
cp "$H/originals/$ORIG" "$COPY"
printf 'X' | dd of="$COPY" bs=1 seek=19 conv=notrunc 2>/dev/null
cmp -s "$COPY" "$H/originals/$ORIG"
expect_eq "the copy differs from the original" 1 $?

eseal_start 120 40 C.UTF-8
tmux_wait "User name"
ui_login wang "$PW"
tmux_wait "eseal: home of"
expect_screen "the clerk's home offers verifying" "Verify a sealed file"
tmux_keys /
tmux_type "Verify a sealed file"
tmux_keys Enter Enter
expect_screen "the verify screen opens" "Enter checks the file"
expect_screen "the path starts at the sealed originals" "$H/originals/"

tmux_type "$ORIG"
tmux_keys Enter
for c in "structure" "signature over the signed data" \
    "signer's certificate at the signing time" \
    "signer's certificate listed in the seal" \
    "data hash against the file" "seal: maker's signature and validity" \
    "signed original (Art. 4)"; do
	expect_screen "the original passes: $c" "OK  $c"
done
expect_absent "no check of the original failed" "FAILED"
expect_screen "the signature is the one kept with the version" \
	"Signature: the signature kept with document $D version 1"
expect_screen "the original is called the signed original" \
	"Result: this file is the signed original (Art. 4)."

# Erase the path and give the copy's.
P="$H/originals/$ORIG"
i=0
while [ $i -lt ${#P} ]; do
	tmux_keys BSpace
	i=$((i + 1))
done
tmux_type "$COPY"
tmux_keys Enter
expect_screen "the changed copy fails the data hash" \
	"FAILED  data hash against the file"
expect_screen "the changed copy is not valid (an altered file is no copy)" \
	"Result: NOT VALID: this file is not the signed original"
expect_absent "the verdict of the original is gone" \
	"Result: this file is the signed original (Art. 4)."

tmux_keys F10
tmux_wait_exit
tmux_stop
finish
