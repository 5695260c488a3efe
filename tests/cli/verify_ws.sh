#!/bin/sh
# verify_ws.sh -- esealctl verify on the files the product makes itself:
# the sealed original in originals/ is checked against the signature the
# workspace keeps (no .sig beside it), --export-sig writes that
# signature so the original can be checked where there is no workspace,
# a printed copy is called a copy, an altered original is NOT VALID, a
# missing file and a file without any signature each say so.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
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
    --issuing litigation-composed --dept "办公室" >/dev/null 2>&1
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
as zhao "$PW" print "$D" --printer colour >"$T/out" 2>&1
expect_eq "the print room prints two copies" 1-2 "$(field copies "$T/out")"
ORIG="$H/originals/doc-$D-v1.pdf"
COPY="$T/colour/doc-$D-v1-000001.pdf"

# The kept original, with no .sig beside it.
ctl verify "$ORIG" >"$T/v" 2>"$T/err"
expect_eq "the kept original verifies (exit 0)" 0 $?
expect_grep "its signature is the one kept in the workspace" \
    "^signature: the signature kept with document $D version 1$" "$T/v"
expect_grep "it is the valid original" "^result: valid original$" "$T/v"

# --export-sig: the original and its .sig verify without the workspace.
cp "$ORIG" "$T/orig.pdf"
ctl verify --export-sig "$T/orig.pdf.sig" "$ORIG" >"$T/v" 2>&1
expect_eq "the signature is exported (exit 0)" 0 $?
expect_grep "the export is reported" "^exported: $T/orig.pdf.sig$" "$T/v"
ctl seal export-root "$T/root.pem" >/dev/null 2>&1
as zhou "$PW" seal export-crl "$T/root.crl" >/dev/null 2>&1
LC_ALL=C "$ESEALCTL" --home "$T/nowhere" verify --root "$T/root.pem" \
    --crl "$T/root.crl" "$T/orig.pdf" >"$T/v" 2>&1
expect_eq "elsewhere, the original with its .sig verifies (exit 0)" 0 $?
ctl verify --export-sig "$T/orig.pdf.sig" "$ORIG" >"$T/v" 2>"$T/err"
expect_eq "an existing file is not overwritten (exit 6)" 6 $?
expect_grep "the refusal names the file" "orig.pdf.sig" "$T/err"

# A printed copy is a copy: not the original, and not called altered.
ctl verify "$COPY" >"$T/v" 2>"$T/err"
expect_eq "a printed copy is not the original (exit 7)" 7 $?
expect_grep "a printed copy is called a copy" "^result: COPY: " "$T/v"
expect_grep "its seal holds" "^check 6 seal: ok" "$T/v"
LC_ALL=zh_CN.UTF-8 LANGUAGE= ESEAL_LOCALEDIR="$T/locale" "$ESEALCTL" \
    --home "$H" verify "$COPY" >"$T/v" 2>&1
if ws_chinese; then
	expect_grep "in Chinese, the copy is a 复制件" "^result: COPY: .*复制件" \
	    "$T/v"
fi

# An altered original is not valid, and not called a copy.
cp "$ORIG" "$T/doc-$D-v1.pdf"
printf 'X' | dd of="$T/doc-$D-v1.pdf" bs=1 seek=20 conv=notrunc 2>/dev/null
ctl verify "$T/doc-$D-v1.pdf" >"$T/v" 2>&1
expect_eq "an altered original fails (exit 7)" 7 $?
expect_grep "an altered original is NOT VALID" "^result: NOT VALID: " "$T/v"
if grep -q "COPY" "$T/v"; then
	not_ok "an altered original is called a copy"
else
	ok "an altered original is not called a copy"
fi

# A missing file, and a file with no signature anywhere.
ctl verify "$T/none.pdf" >"$T/v" 2>"$T/err"
expect_eq "a missing file exits 6" 6 $?
expect_grep "a missing file is called missing" "none.pdf: There is no such file" \
    "$T/err"
cp "$ORIG" "$T/other.pdf"
ctl verify "$T/other.pdf" >"$T/v" 2>"$T/err"
expect_eq "a file without a signature exits 6" 6 $?
expect_grep "a file without a signature says so" "other.pdf: No signature was found" \
    "$T/err"
ctl verify "$T/other.pdf" "$T/none.sig" >"$T/v" 2>"$T/err"
expect_eq "a missing signature file exits 6" 6 $?
expect_grep "a missing signature file is called missing" \
    "none.sig: There is no such file" "$T/err"

# A file larger than any sealed document (a sparse 8 GiB one, with a
# signature beside it) is refused before it is read, naming the limit;
# reading it whole took all the memory and never ended.
truncate -s 8G "$T/big.pdf"
cp "$T/orig.pdf.sig" "$T/big.pdf.sig"
timeout 30 env LC_ALL=C "$ESEALCTL" --home "$H" verify "$T/big.pdf" \
    >"$T/v" 2>"$T/err"
expect_eq "a file over the limit exits 6, at once" 6 $?
expect_grep "the refusal names the file and the limit" \
    "big.pdf: That file is over 256 MiB" "$T/err"
finish
