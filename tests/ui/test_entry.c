/*
 * test_entry.c -- the entry screens' inputs without a terminal, driven
 * by keys through command_dispatch() as the loop would: Chinese typed
 * into a text input, letters that stay text, moving between inputs,
 * switches and choices, Enter and F2 reaching the screen's submit, a
 * message next to an input and its clearing, and a password input
 * wiped.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/entry.h"

static struct entry e;
static size_t name, secret, kind, flag;
static int submits;

static int
fake_submit(struct entry *x)
{
	(void) x;
	submits++;
	return UI_DRAW_SCREEN;
}

static void
fake_close(struct ui_screen *s)
{
	(void) s;
}

static const struct command_row *const fake_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static const struct ui_screen_ops fake_ops = {
	"fake-entry", UI_SCREEN_TEXT, fake_tables, entry_draw, entry_input,
	NULL, entry_unsaved, fake_close
};

static void
entry_setup(void)
{
	static const char *const kinds[] = { "部门", "工作站", "其他" };

	setlocale(LC_ALL, "C.UTF-8");
	submits = 0;
	entry_init(&e, &fake_ops, "测试", fake_submit);
	name = entry_add_text(&e, "姓名", 0, 4, NULL);
	secret = entry_add_text(&e, "密码", 1, 0, NULL);
	kind = entry_add_choice(&e, "类别", kinds, 3, 0);
	flag = entry_add_flag(&e, "工作站", 0);
}

static void
entry_teardown(void)
{
	entry_free(&e);
}

/* Type the UTF-8 text S key by key, as the loop hands code points on. */
static void
type(const char *s)
{
	uint32_t cp;
	size_t n;

	while (*s != '\0') {
		n = text_utf8_decode(s, strlen(s), &cp);
		command_dispatch(&e.screen, (int) cp);
		s += n;
	}
}

START_TEST(test_chinese_lands_intact)
{
	type("王小明");
	ck_assert_str_eq(entry_text(&e, name), "王小明");
	command_dispatch(&e.screen, UI_KEY_BACKSPACE);
	ck_assert_str_eq(entry_text(&e, name), "王小");

	/* The limit is 4 characters: the fifth is refused, not split. */
	type("明天好");
	ck_assert_str_eq(entry_text(&e, name), "王小明天");
	ck_assert(entry_changed(&e));
	ck_assert(entry_unsaved(&e.screen));
}
END_TEST

START_TEST(test_letters_are_text)
{
	/* q, j, n and ? are commands elsewhere; here they are typed. */
	type("qj?");
	ck_assert_str_eq(entry_text(&e, name), "qj?");
	ck_assert_uint_eq(e.focus, name);
	ck_assert_int_eq(submits, 0);
}
END_TEST

START_TEST(test_moving_between_inputs)
{
	command_dispatch(&e.screen, UI_KEY_TAB);
	ck_assert_uint_eq(e.focus, secret);
	command_dispatch(&e.screen, UI_KEY_DOWN);
	ck_assert_uint_eq(e.focus, kind);
	command_dispatch(&e.screen, UI_KEY_TAB);
	command_dispatch(&e.screen, UI_KEY_TAB);	/* wraps */
	ck_assert_uint_eq(e.focus, name);
	command_dispatch(&e.screen, UI_KEY_BTAB);
	ck_assert_uint_eq(e.focus, flag);
	command_dispatch(&e.screen, UI_KEY_DOWN);	/* stays at the end */
	ck_assert_uint_eq(e.focus, flag);
	command_dispatch(&e.screen, UI_KEY_UP);
	ck_assert_uint_eq(e.focus, kind);
}
END_TEST

START_TEST(test_switch_and_choice)
{
	entry_focus(&e, flag);
	command_dispatch(&e.screen, ' ');
	ck_assert_int_eq(entry_flag(&e, flag), 1);
	command_dispatch(&e.screen, ' ');
	ck_assert_int_eq(entry_flag(&e, flag), 0);

	entry_focus(&e, kind);
	command_dispatch(&e.screen, ' ');
	ck_assert_uint_eq(entry_choice(&e, kind), 1);
	command_dispatch(&e.screen, UI_KEY_RIGHT);
	ck_assert_uint_eq(entry_choice(&e, kind), 2);
	command_dispatch(&e.screen, UI_KEY_RIGHT);	/* wraps */
	ck_assert_uint_eq(entry_choice(&e, kind), 0);
	command_dispatch(&e.screen, UI_KEY_LEFT);
	ck_assert_uint_eq(entry_choice(&e, kind), 2);

	/* Other letters do not change a choice. */
	command_dispatch(&e.screen, 'x');
	ck_assert_uint_eq(entry_choice(&e, kind), 2);
	ck_assert_str_eq(entry_text(&e, kind), "");
}
END_TEST

START_TEST(test_enter_and_f2_submit)
{
	/* Enter on an input that is not the last moves on. */
	command_dispatch(&e.screen, UI_KEY_ENTER);
	ck_assert_uint_eq(e.focus, secret);
	ck_assert_int_eq(submits, 0);
	command_dispatch(&e.screen, UI_KEY_F(2));	/* F2 anywhere */
	ck_assert_int_eq(submits, 1);
	entry_focus(&e, flag);
	command_dispatch(&e.screen, UI_KEY_ENTER);	/* the last */
	ck_assert_int_eq(submits, 2);
}
END_TEST

START_TEST(test_message_next_to_input)
{
	entry_fail(&e, secret, "密码太弱");
	ck_assert_uint_eq(e.focus, secret);
	ck_assert_str_eq(e.items[secret].edit.error, "密码太弱");

	/* Typing into the input takes its message away. */
	type("x");
	ck_assert_ptr_null(e.items[secret].edit.error);

	entry_set_error(&e, name, "已存在");
	entry_clear_errors(&e);
	ck_assert_ptr_null(e.items[name].edit.error);
}
END_TEST

START_TEST(test_secret_is_wiped)
{
	const struct field *f = &e.items[secret].edit;
	size_t i;

	entry_focus(&e, secret);
	type("Sec-ret-2026");
	ck_assert_str_eq(entry_text(&e, secret), "Sec-ret-2026");
	entry_clear(&e, secret);
	ck_assert_str_eq(entry_text(&e, secret), "");
	for (i = 0; i < f->cap; i++)
		ck_assert_int_eq(f->buf[i], 0);
}
END_TEST

Suite *
entry_suite(void)
{
	Suite *s = suite_create("entry");
	TCase *tc = tcase_create("entry");

	tcase_add_checked_fixture(tc, entry_setup, entry_teardown);
	tcase_add_test(tc, test_chinese_lands_intact);
	tcase_add_test(tc, test_letters_are_text);
	tcase_add_test(tc, test_moving_between_inputs);
	tcase_add_test(tc, test_switch_and_choice);
	tcase_add_test(tc, test_enter_and_f2_submit);
	tcase_add_test(tc, test_message_next_to_input);
	tcase_add_test(tc, test_secret_is_wiped);
	suite_add_tcase(s, tc);
	return s;
}
