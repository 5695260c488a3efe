/*
 * test_tableview.c -- the report table's viewport without a terminal:
 * widths in display columns (a Chinese seal name is twice as wide as its
 * characters), the heading and the totals row fixed while the body
 * scrolls, the first column fixed while the others scroll, cells cut at
 * a character boundary and numbers right-aligned; the export's file
 * names; and who reaches the new screens from the home menu.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/reports.h"
#include "ui/screens.h"
#include "ui/tableview.h"

#define TV_BODY		30	/* body rows of the test table */
#define TV_COLS		9	/* the seal, then eight numbers */
#define TV_SEAL		"示例市司法局公文专用章"	/* 11 characters */

static struct report_table tab;
static char *cells[(TV_BODY + 1) * TV_COLS];
static char *head[TV_COLS];
static unsigned char numeric[TV_COLS];

/* A summary-like table: a seal per row, eight counts, a totals row. */
static void
tv_setup(void)
{
	size_t r, c;

	setlocale(LC_ALL, "C.UTF-8");
	memset(&tab, 0, sizeof tab);
	tab.caption = (char *) "按印章";
	tab.ncols = TV_COLS;
	tab.head = head;
	tab.numeric = numeric;
	tab.nrows = TV_BODY + 1;
	tab.cells = cells;
	tab.total = 1;
	head[0] = xstrdup("印章");
	for (c = 1; c < TV_COLS; c++) {
		head[c] = xstrdup("已打印份数");	/* 10 columns */
		numeric[c] = 1;
	}
	for (r = 0; r <= TV_BODY; r++)
		for (c = 0; c < TV_COLS; c++)
			cells[r * TV_COLS + c] = c > 0 ? xasprintf("%zu",
			    r * 10 + c) : r == TV_BODY ? xstrdup("合计") :
			    xasprintf("%s%zu", TV_SEAL, r);
}

static void
tv_teardown(void)
{
	size_t i;

	for (i = 0; i < (TV_BODY + 1) * TV_COLS; i++)
		free(cells[i]);
	for (i = 0; i < TV_COLS; i++)
		free(head[i]);
}

START_TEST(test_widths_are_display_columns)
{
	struct tableview v;
	size_t w;

	tableview_init(&v, &tab);
	/* 11 Chinese characters and two digits: 24 columns, 35 bytes. */
	ck_assert_uint_eq(v.widths[0], 24);
	ck_assert_uint_eq(v.widths[1], 10);
	tableview_layout(&v, 80, 20);
	ck_assert_int_eq(tableview_col_x(&v, 0, &w), 0);
	ck_assert_uint_eq(w, 24);
	ck_assert_int_eq(tableview_col_x(&v, 1, &w), 24 + TABLEVIEW_GAP);
	ck_assert_int_eq(tableview_col_x(&v, 2, &w), 24 + 2 * TABLEVIEW_GAP +
	    10);
	tableview_free(&v);
}
END_TEST

START_TEST(test_totals_stay_while_the_body_scrolls)
{
	struct tableview v;
	int total;

	tableview_init(&v, &tab);
	tableview_layout(&v, 80, 10);	/* heading, 8 body rows, totals */
	ck_assert_uint_eq(v.page, 8);
	ck_assert_uint_eq(tableview_body_rows(&v), TV_BODY);
	ck_assert_uint_eq(tableview_row_at(&v, 0, &total), (size_t) -1);
	ck_assert_uint_eq(tableview_row_at(&v, 1, &total), 0);
	ck_assert_int_eq(total, 0);
	ck_assert_uint_eq(tableview_row_at(&v, 9, &total), TV_BODY);
	ck_assert_int_eq(total, 1);

	/* Down to the end: the last body row just above the totals. */
	ck_assert(tableview_scroll_rows(&v, 1000));
	ck_assert_uint_eq(v.top, TV_BODY - 8);
	ck_assert_uint_eq(tableview_row_at(&v, 8, &total), TV_BODY - 1);
	ck_assert_uint_eq(tableview_row_at(&v, 9, &total), TV_BODY);
	ck_assert_int_eq(total, 1);
	ck_assert(!tableview_scroll_rows(&v, 1));
	ck_assert(tableview_scroll_rows(&v, -3));
	ck_assert_uint_eq(v.top, TV_BODY - 11);
	tableview_home(&v);
	ck_assert_uint_eq(v.top, 0);
	ck_assert(!tableview_scroll_rows(&v, -1));

	/* A taller screen: the totals row follows the last body row. */
	tableview_layout(&v, 80, 50);
	ck_assert_uint_eq(tableview_max_top(&v), 0);
	ck_assert_uint_eq(tableview_row_at(&v, TV_BODY + 1, &total), TV_BODY);
	ck_assert_int_eq(total, 1);
	ck_assert_uint_eq(tableview_row_at(&v, TV_BODY + 2, &total),
	    (size_t) -1);
	tableview_free(&v);
}
END_TEST

START_TEST(test_first_column_stays_while_columns_scroll)
{
	struct tableview v;
	size_t w;

	tableview_init(&v, &tab);
	/* 40 columns: the seal (24), a gap, and one 10-column count. */
	tableview_layout(&v, 40, 10);
	ck_assert_uint_eq(tableview_max_left(&v), TV_COLS - 1);
	ck_assert_int_eq(tableview_col_x(&v, 1, &w), 26);
	ck_assert_int_eq(tableview_col_x(&v, 2, &w), -1);
	ck_assert(tableview_scroll_cols(&v, 3));
	ck_assert_int_eq(tableview_col_x(&v, 0, &w), 0);
	ck_assert_int_eq(tableview_col_x(&v, 1, &w), -1);
	ck_assert_int_eq(tableview_col_x(&v, 4, &w), 26);
	ck_assert(tableview_scroll_cols(&v, -100));
	ck_assert_uint_eq(v.left, 1);

	/* 80 columns: four counts fit whole; scrolling stops once the last
	 * column is in view. */
	tableview_layout(&v, 80, 10);
	ck_assert_uint_eq(tableview_max_left(&v), TV_COLS - 4);
	ck_assert(tableview_scroll_cols(&v, 100));
	ck_assert_uint_eq(v.left, TV_COLS - 4);
	ck_assert_int_ge(tableview_col_x(&v, TV_COLS - 1, &w), 0);
	ck_assert_uint_eq(w, 10);

	/* Narrowing the screen keeps the view in range. */
	tableview_layout(&v, 200, 10);
	ck_assert_uint_eq(v.left, 1);
	tableview_free(&v);
}
END_TEST

START_TEST(test_cells_cut_by_columns)
{
	char *s;

	s = tableview_cell_text("12", 5, 1);
	ck_assert_str_eq(s, "   12");
	free(s);
	/* Never half of a double-width character. */
	s = tableview_cell_text("示例市", 5, 0);
	ck_assert_str_eq(s, "示例");
	free(s);
	s = tableview_cell_text("示例", 6, 1);
	ck_assert_str_eq(s, "  示例");
	free(s);
	s = tableview_cell_text("", 3, 1);
	ck_assert_str_eq(s, "   ");
	free(s);
}
END_TEST

START_TEST(test_position_and_empty_view)
{
	struct tableview v;
	char *s;
	int total;

	tableview_init(&v, &tab);
	tableview_layout(&v, 40, 10);
	s = tableview_position(&v);
	ck_assert_str_eq(s, "rows 1-8 of 30, columns 2-2 of 9");
	free(s);
	tableview_free(&v);

	tableview_init(&v, NULL);
	tableview_layout(&v, 80, 10);
	ck_assert_uint_eq(tableview_body_rows(&v), 0);
	ck_assert_uint_eq(tableview_row_at(&v, 1, &total), (size_t) -1);
	ck_assert(!tableview_scroll_rows(&v, 1));
	tableview_free(&v);
}
END_TEST

START_TEST(test_export_file_names)
{
	struct report r;
	char *s;

	memset(&r, 0, sizeof r);
	r.kind = REPORT_SUMMARY;
	s = reportexport_file_name(&r, REPORTEXPORT_CSV, REPORTEXPORT_ALL);
	ck_assert_str_eq(s, "summary.csv");
	free(s);
	s = reportexport_file_name(&r, REPORTEXPORT_CSV_BOM, REPORTEXPORT_ALL);
	ck_assert_str_eq(s, "summary-bom.csv");
	free(s);
	/* Alone, the byte-order-mark CSV takes the plain name. */
	s = reportexport_file_name(&r, REPORTEXPORT_CSV_BOM,
	    REPORTEXPORT_CSV_BOM | REPORTEXPORT_PDF);
	ck_assert_str_eq(s, "summary.csv");
	free(s);
	r.kind = REPORT_REGISTERS;
	s = reportexport_file_name(&r, REPORTEXPORT_CSV_GB, REPORTEXPORT_ALL);
	ck_assert_str_eq(s, "registers-gb18030.csv");
	free(s);
	r.kind = REPORT_ACCOUNTS;
	s = reportexport_file_name(&r, REPORTEXPORT_PDF, REPORTEXPORT_PDF);
	ck_assert_str_eq(s, "accounts.pdf");
	free(s);
}
END_TEST

/* Non-zero when the home menu of ROLES holds LABEL. */
static int
tv_menu_has(uint32_t roles, const char *label)
{
	const struct home_entry *rows[32];
	size_t n = home_menu(roles, rows, 32), i;

	for (i = 0; i < n && i < 32; i++)
		if (strcmp(rows[i]->label, label) == 0)
			return 1;
	return 0;
}

START_TEST(test_screens_follow_the_roles)
{
	ck_assert(tv_menu_has(ROLE_CLERK, "Reports"));
	ck_assert(tv_menu_has(ROLE_OFFICE_DIRECTOR, "Reports"));
	ck_assert(!tv_menu_has(ROLE_DRAFTER | ROLE_PRINTER | ROLE_APPROVER,
	    "Reports"));
	ck_assert(tv_menu_has(ROLE_SYSADMIN, "Printers"));
	ck_assert(!tv_menu_has(ROLE_SECADMIN | ROLE_BUSINESS_MASK,
	    "Printers"));
	ck_assert(tv_menu_has(ROLE_SECADMIN, "Removable media"));
	ck_assert(tv_menu_has(ROLE_SECADMIN, "Register of accounts"));
	ck_assert(!tv_menu_has(ROLE_SYSADMIN | ROLE_AUDITOR |
	    ROLE_BUSINESS_MASK, "Removable media"));
	ck_assert(!tv_menu_has(ROLE_SYSADMIN | ROLE_AUDITOR |
	    ROLE_BUSINESS_MASK, "Register of accounts"));
}
END_TEST

Suite *
tableview_suite(void)
{
	Suite *s = suite_create("tableview");
	TCase *tc = tcase_create("tableview");

	tcase_add_checked_fixture(tc, tv_setup, tv_teardown);
	tcase_add_test(tc, test_widths_are_display_columns);
	tcase_add_test(tc, test_totals_stay_while_the_body_scrolls);
	tcase_add_test(tc, test_first_column_stays_while_columns_scroll);
	tcase_add_test(tc, test_cells_cut_by_columns);
	tcase_add_test(tc, test_position_and_empty_view);
	tcase_add_test(tc, test_export_file_names);
	tcase_add_test(tc, test_screens_follow_the_roles);
	suite_add_tcase(s, tc);
	return s;
}
