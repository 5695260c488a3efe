/*
 * test_list.c -- the generic list without a terminal: limit, search
 * with n/N, sort, tags and the cursor following its item, over rows of
 * Chinese and English titles.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/list.h"

static const char *titles[] = {
	"关于印章管理的通知",		/* 0 */
	"请示：彩色打印机",		/* 1 */
	"Decision on seals",		/* 2 */
	"委托函",			/* 3 */
	"印章交接登记",			/* 4 */
	"decision 2",			/* 5 */
};

static struct list l;
static size_t nitems;

static size_t
fake_count(struct list *fl)
{
	(void) fl;
	return nitems;
}

static const char *
fake_text(struct list *fl, size_t item)
{
	(void) fl;
	return titles[item];
}

static void
fake_draw_row(struct list *fl, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	(void) fl, (void) item, (void) r, (void) row, (void) st;
}

static int
fake_compare(struct list *fl, size_t a, size_t b, int key)
{
	(void) fl, (void) key;
	return strcmp(titles[a], titles[b]);
}

static const char *const fake_sorts[] = { "title", NULL };

static const struct list_ops fake_ops = {
	fake_count, fake_draw_row, fake_text, fake_compare, fake_sorts
};

static void
fake_close(struct ui_screen *s)
{
	(void) s;
}

static const struct command_row *const fake_tables[] = {
	list_commands, list_sort_commands, list_tag_commands, NULL
};

static const struct ui_screen_ops fake_screen = {
	"fake", 0, fake_tables, list_draw, NULL, list_context, NULL, fake_close
};

static void
list_setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	nitems = 6;
	memset(&l, 0, sizeof l);
	list_init(&l, &fake_screen, &fake_ops, "Fake");
}

static void
list_teardown(void)
{
	list_free(&l);
}

static size_t
selected(void)
{
	size_t item = (size_t) -1;

	ck_assert(list_selected(&l, &item));
	return item;
}

START_TEST(test_limit_keeps_cursor)
{
	struct command_context ctx;

	ck_assert_uint_eq(l.nrows, 6);
	list_move(&l, 4);
	ck_assert_uint_eq(selected(), 4);

	/* Chinese and case-blind English both limit. */
	ck_assert_uint_eq(list_set_limit(&l, "印章"), 2);
	ck_assert_uint_eq(selected(), 4);
	ck_assert_uint_eq(list_set_limit(&l, "DECISION"), 2);
	ck_assert_uint_eq(l.rows[0], 2);
	ck_assert_uint_eq(l.rows[1], 5);

	/* Nothing matches: nothing is selected, so commands needing a
	 * selection are refused. */
	ck_assert_uint_eq(list_set_limit(&l, "没有"), 0);
	list_context(&l.screen, &ctx);
	ck_assert_int_eq(ctx.selected, 0);

	ck_assert_uint_eq(list_set_limit(&l, ""), 6);
	ck_assert_ptr_null(l.limit);
}
END_TEST

START_TEST(test_search_next_prev_wraps)
{
	ck_assert(list_search(&l, "decision", 1));
	ck_assert_uint_eq(selected(), 2);
	ck_assert(list_search(&l, l.search, 1));
	ck_assert_uint_eq(selected(), 5);
	ck_assert(list_search(&l, l.search, 1));	/* wraps */
	ck_assert_uint_eq(selected(), 2);
	ck_assert(list_search(&l, l.search, -1));	/* N wraps back */
	ck_assert_uint_eq(selected(), 5);
	ck_assert(!list_search(&l, "没有", 1));
	ck_assert_uint_eq(selected(), 5);
	ck_assert_str_eq(l.search, "没有");
}
END_TEST

START_TEST(test_sort_and_reverse)
{
	list_move(&l, 3);
	list_sort(&l, 0, 0);
	ck_assert_str_eq(titles[l.rows[0]], "Decision on seals");
	ck_assert_str_eq(titles[l.rows[1]], "decision 2");
	ck_assert_uint_eq(selected(), 3);	/* still on 委托函 */
	list_sort(&l, 0, 1);
	ck_assert_str_eq(titles[l.rows[5]], "Decision on seals");
	list_sort(&l, -1, 0);
	ck_assert_uint_eq(l.rows[0], 0);
	ck_assert_uint_eq(l.rows[5], 5);
}
END_TEST

START_TEST(test_tags_for_bulk_actions)
{
	struct command_context ctx;

	list_tag(&l, 1, 1);
	list_tag(&l, 3, 1);
	list_tag(&l, 3, 1);
	ck_assert_uint_eq(l.ntagged, 2);

	/* A limit hides rows but keeps their tags. */
	list_set_limit(&l, "印章");
	ck_assert_uint_eq(l.ntagged, 2);
	list_tag_all(&l);
	ck_assert_uint_eq(l.ntagged, 4);
	ck_assert(list_is_tagged(&l, 0) && list_is_tagged(&l, 4));
	list_context(&l.screen, &ctx);
	ck_assert_uint_eq(ctx.tagged, 4);

	/* Tagging all when all shown are tagged untags everything. */
	list_tag_all(&l);
	ck_assert_uint_eq(l.ntagged, 0);

	/* A model that changed size drops stale tags. */
	list_tag(&l, 0, 1);
	nitems = 5;
	list_reload(&l);
	ck_assert_uint_eq(l.ntagged, 0);
}
END_TEST

START_TEST(test_move_clamps)
{
	list_move(&l, -3);
	ck_assert_uint_eq(l.cursor, 0);
	list_move(&l, 100);
	ck_assert_uint_eq(l.cursor, 5);
	ck_assert(list_select_item(&l, 2));
	ck_assert_uint_eq(l.cursor, 2);
	list_set_limit(&l, "印章");
	ck_assert(!list_select_item(&l, 2));
}
END_TEST

Suite *
list_suite(void)
{
	Suite *s = suite_create("list");
	TCase *tc = tcase_create("list");

	tcase_add_checked_fixture(tc, list_setup, list_teardown);
	tcase_add_test(tc, test_limit_keeps_cursor);
	tcase_add_test(tc, test_search_next_prev_wraps);
	tcase_add_test(tc, test_sort_and_reverse);
	tcase_add_test(tc, test_tags_for_bulk_actions);
	tcase_add_test(tc, test_move_clamps);
	suite_add_tcase(s, tc);
	return s;
}
