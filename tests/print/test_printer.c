/*
 * test_printer.c -- the printer register (src/core/printer.c): the
 * system administrator adds, disables, enables and removes printers,
 * each change audited; the print room reads the register; what the
 * register says is what printing obeys.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "print/print_fixture.h"
#include "print/suites.h"

START_TEST(test_printer_add_list_show)
{
	struct rec_printer *list, p;
	uint64_t since = fx_audit_count();
	size_t n;

	pfx_printer("彩色激光一号", PRINTER_CUPS, "laser-1", 1, 1);
	ck_assert(fx_audit_has(since, ACT_PRINTER_MANAGE, AUDIT_OK,
	    fx.sys->user_id));

	/* The print room chooses from the register. */
	ck_assert_int_eq(printer_list(wfx.s[WFX_PRINTER], &list, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, 5);	/* three of wf_fixture, folder, ours */
	ck_assert_str_eq(list[0].name, "classified");
	ck_assert_str_eq(list[n - 1].name, "彩色激光一号");
	printer_list_free(list, n);

	ck_assert_int_eq(printer_get(wfx.s[WFX_PRINTER], "彩色激光一号", &p),
	    STATUS_OK);
	ck_assert_int_eq(p.kind, PRINTER_CUPS);
	ck_assert_str_eq(p.queue, "laser-1");
	ck_assert_str_eq(p.location, "文印室");
	ck_assert(p.colour && p.classified && !p.disabled);
	rec_free(REC_PRINTER, &p);
	ck_assert_int_eq(printer_get(wfx.s[WFX_PRINTER], "nope", &p),
	    STATUS_NOT_FOUND);
	rec_free(REC_PRINTER, &p);
}
END_TEST

START_TEST(test_printer_only_sysadmin_changes)
{
	struct printer_spec spec = { "x", PRINTER_CUPS, "x", NULL, 1, 0 };
	uint64_t since = fx_audit_count();
	struct rec_printer *list;
	size_t n;

	ck_assert_int_eq(printer_add(wfx.s[WFX_PRINTER], &spec, NULL),
	    STATUS_DENIED);
	ck_assert(fx_audit_has(since, ACT_PRINTER_MANAGE, AUDIT_REFUSED,
	    wfx.id[WFX_PRINTER]));
	ck_assert_int_eq(printer_set_disabled(fx.sec, "folder", 1),
	    STATUS_DENIED);
	ck_assert_int_eq(printer_remove(wfx.s[WFX_CLERK], "folder"),
	    STATUS_DENIED);
	ck_assert_int_eq(printer_list(wfx.s[WFX_DRAFTER], &list, &n),
	    STATUS_DENIED);
	ck_assert_int_eq(printer_list(fx.sys, &list, &n), STATUS_OK);
	printer_list_free(list, n);
}
END_TEST

START_TEST(test_printer_refuses_bad_entries)
{
	struct printer_spec spec = { "a", PRINTER_CUPS, "has space", NULL, 1,
	    0 };
	struct rec_printer p;

	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_INVALID);
	spec.queue = "a/b";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_INVALID);
	spec.kind = PRINTER_FOLDER;
	spec.queue = "relative/dir";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_INVALID);
	spec.name = "";
	spec.queue = "/tmp";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_INVALID);
	spec.name = "folder";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_EXISTS);

	/* Control characters never reach a screen through a name: a name
	 * holding one is refused, never saved other than typed; a location
	 * loses them. */
	spec.name = "red\x1b[31mprinter";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_NAME_CHARS);
	ck_assert_int_ne(printer_get(fx.sys, "red[31mprinter", &p), STATUS_OK);
	ck_assert_int_ne(printer_get(fx.sys, "redprinter", &p), STATUS_OK);
	spec.name = "red printer";
	spec.location = "二楼\x07";
	ck_assert_int_eq(printer_add(fx.sys, &spec, NULL), STATUS_OK);
	ck_assert_int_eq(printer_get(fx.sys, "red printer", &p), STATUS_OK);
	ck_assert_str_eq(p.location, "二楼");
	rec_free(REC_PRINTER, &p);
}
END_TEST

START_TEST(test_printer_disabled_is_refused)
{
	uint64_t doc = pfx_simple_sealed(2);
	struct print_result r;
	uint64_t since;

	since = fx_audit_count();
	ck_assert_int_eq(printer_set_disabled(fx.sys, "folder", 1), STATUS_OK);
	ck_assert(fx_audit_has(since, ACT_PRINTER_MANAGE, AUDIT_OK,
	    fx.sys->user_id));
	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_PRINTER_DISABLED, &r);
	ck_assert_uint_eq(r.job_id, 0);
	print_result_free(&r);

	ck_assert_int_eq(printer_set_disabled(fx.sys, "folder", 0), STATUS_OK);
	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.printed, 2);
	print_result_free(&r);
}
END_TEST

START_TEST(test_printer_remove_keeps_the_log_whole)
{
	uint64_t doc = pfx_simple_sealed(1);
	struct print_result r;
	struct rec_printer p;

	pfx_printer("spare", PRINTER_CUPS, "spare", 1, 0);
	ck_assert_int_eq(printer_remove(fx.sys, "spare"), STATUS_OK);
	ck_assert_int_eq(printer_get(fx.sys, "spare", &p), STATUS_NOT_FOUND);
	rec_free(REC_PRINTER, &p);
	ck_assert_int_eq(printer_remove(fx.sys, "spare"), STATUS_NOT_FOUND);

	/* A printer the log names stays, disabled if need be. */
	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	print_result_free(&r);
	ck_assert_int_eq(printer_remove(fx.sys, "folder"), STATUS_PRINTER_USED);
	ck_assert_int_eq(printer_get(fx.sys, "folder", &p), STATUS_OK);
	rec_free(REC_PRINTER, &p);
}
END_TEST

Suite *
printer_suite(void)
{
	Suite *s = suite_create("printer");
	TCase *tc = tcase_create("register");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_printer_add_list_show);
	tcase_add_test(tc, test_printer_only_sysadmin_changes);
	tcase_add_test(tc, test_printer_refuses_bad_entries);
	tcase_add_test(tc, test_printer_disabled_is_refused);
	tcase_add_test(tc, test_printer_remove_keeps_the_log_whole);
	suite_add_tcase(s, tc);
	return s;
}
