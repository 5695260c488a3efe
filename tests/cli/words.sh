#!/bin/sh
# words.sh -- what esealctl shows is in the user's language: under
# zh_CN.UTF-8 the --help of the program and the usage of each verb are
# in Chinese, and the help names no home page (eseal has none); names
# with control characters are refused, not saved changed; the test
# build finds its forms without ESEAL_FORMS_DIR.
. "${abs_top_srcdir:-.}/tests/lib/sh.sh"
. "$abs_top_srcdir/tests/ui/ws.sh"

zh() {
	LC_ALL=zh_CN.UTF-8 LANGUAGE= ESEAL_LOCALEDIR="$T/locale" "$ESEALCTL" \
	    --home "$T/none" "$@"
}

LC_ALL=C "$ESEALCTL" --help >"$T/out" 2>&1
if grep -qi "home page\|gnu.org/software" "$T/out"; then
	not_ok "--help names no home page:"
	sed 's/^/    /' "$T/out"
else
	ok "--help names no home page"
fi

if ws_chinese; then
	zh --help >"$T/out" 2>&1
	expect_grep "--help is in Chinese" "^用法：esealctl" "$T/out"
	for verb in check restore dump doc seal verify report media \
	    printer user dept policy audit; do
		zh --user x "$verb" --no-such-option >"$T/out" 2>&1
		expect_grep "the usage of '$verb' is in Chinese" "^用法：" "$T/out"
	done
	zh verify "$T/none.pdf" >"$T/out" 2>&1
	expect_grep "a missing file is said missing in Chinese" "没有这个文件" \
	    "$T/out"
else
	ok "zh_CN.UTF-8 is not installed: only the C locale is checked"
fi

# A name with a control character or an escape sequence is refused,
# never saved other than typed.
ws_init
ws_admin_passwords
ESC=$(printf '\033')
as sysadmin "$SYS" printer add "x${ESC}[2Jy" --folder "$T/p" --colour \
    >"$T/out" 2>&1
expect_eq "a printer name with an escape sequence is refused" 1 $?
expect_grep "the refusal says why" "must not hold control characters" "$T/out"
as sysadmin "$SYS" printer list >"$T/out" 2>&1
if grep -q "2J" "$T/out"; then
	not_ok "the refused printer was saved:"
	sed 's/^/    /' "$T/out"
else
	ok "the refused printer is not in the register"
fi
as sysadmin "$SYS" dept add "$(printf '办公\342\200\213室')" >"$T/out" 2>&1
expect_eq "a department name with a zero-width space is refused" 1 $?

# The test build finds the forms of its source tree by itself.
ws_user liu '刘洋' drafter Desk-Work-2026
printf 'Desk-Work-2026\n' | env -u ESEAL_FORMS_DIR LC_ALL=C "$ESEALCTL" \
    --home "$H" --user liu --password-fd 0 doc new --form notice \
    >"$T/out" 2>&1
expect_grep "doc new --form finds its form without ESEAL_FORMS_DIR" \
    "title: This field must be filled in" "$T/out"
finish
