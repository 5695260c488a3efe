/*
 * test_command.c -- keys to commands without a terminal: which command
 * a key reaches on which kind of screen, the preconditions (roles,
 * selection, tags, document state), and what help lists.
 */
#include <config.h>

#include <locale.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/command.h"

#define PERM_SEAL	7	/* stands for a core action number */

static int runs[CMD__COUNT];
static int inputs;
static struct command_context fake_ctx;

static int
fake_run(struct ui_screen *s, enum command cmd)
{
	(void) s;
	runs[cmd]++;
	return UI_DRAW_SCREEN;
}

static int
fake_input(struct ui_screen *s, int key)
{
	(void) s;
	if (!UI_KEY_IS_TEXT(key))
		return UI_PASS;
	inputs++;
	return UI_DRAW_SCREEN;
}

static void
fake_context(struct ui_screen *s, struct command_context *ctx)
{
	(void) s;
	*ctx = fake_ctx;
}

static void
fake_close(struct ui_screen *s)
{
	(void) s;
}

/* A list-like screen: letters are commands. */
static const struct command_row list_rows[] = {
	{ CMD_OPEN, fake_run, CMD_ANYONE, CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_UP, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_SEARCH_NEXT, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_TAG_ALL, fake_run, CMD_ANYONE, CMD_NEEDS_TAGGED, 0, 0 },
	{ CMD_SAVE, fake_run, PERM_SEAL, 0, 0, CMD_BOTTOM },
	{ CMD_DELETE, fake_run, CMD_ANYONE, 0, 1u << 2, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};
static const struct command_row *const list_tables[] = { list_rows, NULL };
static const struct ui_screen_ops list_ops = {
	"fake-list", 0, list_tables, NULL, NULL, fake_context, NULL, fake_close
};

/* A form-like screen: typed characters are text. */
static const struct command_row text_rows[] = {
	{ CMD_UP, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_HOME, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NEXT_FIELD, fake_run, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};
static const struct command_row *const text_tables[] = { text_rows, NULL };
static const struct ui_screen_ops text_ops = {
	"fake-form", UI_SCREEN_TEXT, text_tables, NULL, fake_input, NULL,
	NULL, fake_close
};

/* A confirmation-like dialog. */
static const struct command_row dialog_rows[] = {
	{ CMD_NO, fake_run, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_RIGHT, fake_run, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};
static const struct command_row *const dialog_tables[] = { dialog_rows, NULL };
static const struct ui_screen_ops dialog_ops = {
	"fake-dialog", UI_SCREEN_OVERLAY, dialog_tables, NULL, NULL, NULL,
	NULL, fake_close
};

static struct ui_screen list_s = { &list_ops, NULL, NULL };
static struct ui_screen text_s = { &text_ops, NULL, NULL };
static struct ui_screen dialog_s = { &dialog_ops, NULL, NULL };

static int
only_not_seal(int perm, void *ctx)
{
	(void) ctx;
	return perm != PERM_SEAL;
}

static void
command_setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	memset(runs, 0, sizeof runs);
	inputs = 0;
	fake_ctx.selected = 1;
	fake_ctx.tagged = 0;
	fake_ctx.state = -1;
	command_set_permit(NULL, NULL);
}

static enum command
resolved(struct ui_screen *s, int key)
{
	const struct command_row *row = command_resolve(s, key);

	return row != NULL ? row->cmd : CMD_NONE;
}

START_TEST(test_same_key_per_screen)
{
	/* n: next match in a list, "no" in a dialog. */
	ck_assert_int_eq(resolved(&list_s, 'n'), CMD_SEARCH_NEXT);
	ck_assert_int_eq(resolved(&dialog_s, 'n'), CMD_NO);
	/* Esc: the dialog's own answer, the global "back" elsewhere. */
	ck_assert_int_eq(resolved(&dialog_s, UI_KEY_ESC), CMD_BACK);
	ck_assert_ptr_eq(command_resolve(&dialog_s, UI_KEY_ESC),
	    &dialog_rows[1]);
	ck_assert_int_eq(resolved(&list_s, UI_KEY_ESC), CMD_BACK);
	/* Tab moves right in a dialog without fields. */
	ck_assert_int_eq(resolved(&dialog_s, UI_KEY_TAB), CMD_RIGHT);
	/* No quitting from inside a dialog; help still works. */
	ck_assert_int_eq(resolved(&dialog_s, UI_KEY_F(10)), CMD_NONE);
	ck_assert_int_eq(resolved(&dialog_s, UI_KEY_F(1)), CMD_HELP);
	ck_assert_int_eq(resolved(&list_s, UI_KEY_F(10)), CMD_QUIT);
}
END_TEST

START_TEST(test_text_screen_keeps_letters)
{
	/* In a form, k and ? are text; F1 is still help. */
	ck_assert_int_eq(resolved(&text_s, 'k'), CMD_NONE);
	ck_assert_int_eq(resolved(&text_s, '?'), CMD_NONE);
	ck_assert_int_eq(resolved(&text_s, UI_KEY_F(1)), CMD_HELP);
	ck_assert_int_eq(resolved(&text_s, UI_KEY_UP), CMD_UP);
	ck_assert_int_eq(resolved(&text_s, UI_KEY_HOME), CMD_HOME);

	ck_assert_int_eq(command_dispatch(&text_s, 'k'), UI_DRAW_SCREEN);
	ck_assert_int_eq(command_dispatch(&text_s, 0x4e2d), UI_DRAW_SCREEN);
	ck_assert_int_eq(inputs, 2);
	ck_assert_int_eq(runs[CMD_UP], 0);
	command_dispatch(&text_s, UI_KEY_UP);
	ck_assert_int_eq(runs[CMD_UP], 1);
	ck_assert_int_eq(inputs, 2);
}
END_TEST

START_TEST(test_preconditions)
{
	const char *why = NULL;

	/* Nothing selected: Enter does not open, and says why. */
	fake_ctx.selected = 0;
	ck_assert_int_eq(command_allowed(&list_s, &list_rows[0], &why),
	    STATUS_INVALID);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(command_dispatch(&list_s, UI_KEY_ENTER),
	    UI_DRAW_STATUS);
	ck_assert_int_eq(runs[CMD_OPEN], 0);
	fake_ctx.selected = 1;
	command_dispatch(&list_s, UI_KEY_ENTER);
	ck_assert_int_eq(runs[CMD_OPEN], 1);

	/* Bulk actions need tagged lines. */
	command_dispatch(&list_s, 'T');
	ck_assert_int_eq(runs[CMD_TAG_ALL], 0);
	fake_ctx.tagged = 3;
	command_dispatch(&list_s, 'T');
	ck_assert_int_eq(runs[CMD_TAG_ALL], 1);

	/* A document state the command does not allow. */
	fake_ctx.state = 1;
	ck_assert_int_eq(command_allowed(&list_s, &list_rows[5], &why),
	    STATUS_STATE);
	command_dispatch(&list_s, UI_KEY_DELETE);
	ck_assert_int_eq(runs[CMD_DELETE], 0);
	fake_ctx.state = 2;
	command_dispatch(&list_s, UI_KEY_DELETE);
	ck_assert_int_eq(runs[CMD_DELETE], 1);
}
END_TEST

START_TEST(test_roles_hide_and_refuse)
{
	const struct command_row *rows[32];
	const char *why;
	size_t n, i;
	int listed = 0;

	n = command_offered(&list_s, rows, 32);
	for (i = 0; i < n; i++)
		listed |= rows[i]->cmd == CMD_SAVE;
	ck_assert_int_eq(listed, 1);

	/* Without the role: not in help, refused when pressed anyway. */
	command_set_permit(only_not_seal, NULL);
	n = command_offered(&list_s, rows, 32);
	for (i = 0, listed = 0; i < n; i++)
		listed |= rows[i]->cmd == CMD_SAVE;
	ck_assert_int_eq(listed, 0);
	ck_assert_int_eq(command_allowed(&list_s, &list_rows[4], &why),
	    STATUS_DENIED);
	command_dispatch(&list_s, UI_KEY_F(2));
	ck_assert_int_eq(runs[CMD_SAVE], 0);
}
END_TEST

START_TEST(test_help_lists_reachable_keys)
{
	int keys[8];
	char name[32];
	size_t n;

	n = command_keys(&list_s, CMD_UP, keys, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(keys[0], UI_KEY_UP);
	ck_assert_int_eq(keys[1], 'k');
	/* On a text screen k types a k, so help does not list it. */
	n = command_keys(&text_s, CMD_UP, keys, 8);
	ck_assert_uint_eq(n, 1);
	/* F1 and ? both reach help on a list, only F1 in a form. */
	ck_assert_uint_eq(command_keys(&list_s, CMD_HELP, keys, 8), 2);
	ck_assert_uint_eq(command_keys(&text_s, CMD_HELP, keys, 8), 1);
	/* Names as printed on keyboards. */
	ck_assert_str_eq(command_key_name(UI_KEY_F(10), name, sizeof name),
	    "F10");
	ck_assert_str_eq(command_key_name(UI_KEY_BTAB, name, sizeof name),
	    "Shift-Tab");
	ck_assert_str_eq(command_key_name(UI_KEY_CTRL('l'), name, sizeof name),
	    "Ctrl-L");
	ck_assert_str_eq(command_key_name('/', name, sizeof name), "/");
	ck_assert_str_eq(command_key_name(0x5370, name, sizeof name), "印");
}
END_TEST

START_TEST(test_unbound_key_says_so)
{
	ck_assert_int_eq(command_dispatch(&list_s, 'z'), UI_DRAW_STATUS);
	ck_assert_int_eq(command_dispatch(&dialog_s, UI_KEY_F(10)),
	    UI_DRAW_STATUS);
}
END_TEST

Suite *
command_suite(void)
{
	Suite *s = suite_create("command");
	TCase *tc = tcase_create("command");

	tcase_add_checked_fixture(tc, command_setup, NULL);
	tcase_add_test(tc, test_same_key_per_screen);
	tcase_add_test(tc, test_text_screen_keeps_letters);
	tcase_add_test(tc, test_preconditions);
	tcase_add_test(tc, test_roles_hide_and_refuse);
	tcase_add_test(tc, test_help_lists_reachable_keys);
	tcase_add_test(tc, test_unbound_key_says_so);
	suite_add_tcase(s, tc);
	return s;
}
