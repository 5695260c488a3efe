/*
 * test_docfmt.c -- what the document screens read from clerks and from
 * the record, without a terminal: copy numbers and counts as typed
 * (ranges, full-width digits and punctuation from a Chinese input
 * method, refusals), the issuance a clerk must see before sealing
 * (Art. 9), the pending application, and a document's name.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/docs.h"

/* NOS[0..N-1] as "1,2,3" for comparing. */
static const char *
joined(const uint32_t *nos, size_t n)
{
	static char buf[256];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof buf - 12; i++)
		len += (size_t) snprintf(buf + len, sizeof buf - len, "%s%u",
		    i > 0 ? "," : "", nos[i]);
	return buf;
}

static const char *
copies(const char *text)
{
	static char buf[256];
	uint32_t *nos;
	size_t n;

	if (docfmt_copy_numbers(text, &nos, &n) != STATUS_OK)
		return "invalid";
	snprintf(buf, sizeof buf, "%s", joined(nos, n));
	free(nos);
	return buf;
}

START_TEST(test_copy_numbers_as_typed)
{
	ck_assert_str_eq(copies("1-3 5"), "1,2,3,5");
	ck_assert_str_eq(copies("7"), "7");
	ck_assert_str_eq(copies(" 2, 4 "), "2,4");
	/* A Chinese input method types full-width digits and marks. */
	ck_assert_str_eq(copies("１－３，５"), "1,2,3,5");
	ck_assert_str_eq(copies("2、4"), "2,4");
	ck_assert_str_eq(copies("6\xe3\x80\x80" "8"), "6,8");	/* U+3000 */
}
END_TEST

START_TEST(test_copy_numbers_refused)
{
	ck_assert_str_eq(copies(""), "invalid");
	ck_assert_str_eq(copies("   "), "invalid");
	ck_assert_str_eq(copies("0"), "invalid");
	ck_assert_str_eq(copies("3-1"), "invalid");
	ck_assert_str_eq(copies("1x"), "invalid");
	ck_assert_str_eq(copies("1-"), "invalid");
	ck_assert_str_eq(copies("一"), "invalid");
	ck_assert_str_eq(copies("1-99999"), "invalid");	/* not a batch */
}
END_TEST

START_TEST(test_numbers_as_typed)
{
	uint32_t n = 0;

	ck_assert_int_eq(docfmt_number("12", DOC_COPIES_MAX, &n), STATUS_OK);
	ck_assert_uint_eq(n, 12);
	ck_assert_int_eq(docfmt_number(" ３ ", DOC_COPIES_MAX, &n), STATUS_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(docfmt_number("9999", DOC_COPIES_MAX, &n), STATUS_OK);
	ck_assert_int_eq(docfmt_number("10000", DOC_COPIES_MAX, &n),
	    STATUS_INVALID);
	ck_assert_int_eq(docfmt_number("0", DOC_COPIES_MAX, &n),
	    STATUS_INVALID);
	ck_assert_int_eq(docfmt_number("2 3", DOC_COPIES_MAX, &n),
	    STATUS_INVALID);
	ck_assert_int_eq(docfmt_number("", DOC_COPIES_MAX, &n),
	    STATUS_INVALID);
	ck_assert_int_eq(docfmt_number("-1", DOC_COPIES_MAX, &n),
	    STATUS_INVALID);
}
END_TEST

/* A document at version 2: version 1 was issued, then a reprint. */
static void
fake_view(struct docview *v, struct rec_approval *a, size_t na,
    struct rec_application *apps, size_t napps)
{
	memset(v, 0, sizeof *v);
	v->doc.version = 2;
	v->approvals = a;
	v->napprovals = na;
	v->apps = apps;
	v->napps = napps;
	v->content.title = (char *) "关于申请配置彩色打印机的请示";
	v->number = (char *) "示司办〔2026〕1号";
}

START_TEST(test_issuance_of_the_current_version)
{
	struct rec_approval a[3];
	struct docview v;

	memset(a, 0, sizeof a);
	a[0].version = 1;
	a[0].action = APPROVAL_ISSUE;
	a[0].approver_id = 5;
	a[1].version = 2;
	a[1].action = APPROVAL_APPROVE;
	fake_view(&v, a, 2, NULL, 0);
	/* Art. 9: the earlier version's sign-off does not count. */
	ck_assert_ptr_null(docfmt_issuance(&v));

	a[2].version = 2;
	a[2].action = APPROVAL_ISSUE;
	a[2].approver_id = 7;
	fake_view(&v, a, 3, NULL, 0);
	ck_assert_ptr_nonnull(docfmt_issuance(&v));
	ck_assert_uint_eq(docfmt_issuance(&v)->approver_id, 7);
}
END_TEST

START_TEST(test_pending_application)
{
	struct rec_application apps[2];
	struct docview v;

	memset(apps, 0, sizeof apps);
	apps[0].state = APP_DONE;
	apps[1].state = APP_PENDING;
	apps[1].id = 42;
	fake_view(&v, NULL, 0, apps, 1);
	ck_assert_ptr_null(docfmt_pending_app(&v));
	fake_view(&v, NULL, 0, apps, 2);
	ck_assert_uint_eq(docfmt_pending_app(&v)->id, 42);
}
END_TEST

START_TEST(test_name_carries_the_number)
{
	struct docview v;
	char *name;

	fake_view(&v, NULL, 0, NULL, 0);
	name = docfmt_name(&v);
	ck_assert_str_eq(name, "关于申请配置彩色打印机的请示 (示司办〔2026〕1号)");
	free(name);
	v.number = (char *) "";
	name = docfmt_name(&v);
	ck_assert_str_eq(name, "关于申请配置彩色打印机的请示");
	free(name);
}
END_TEST

Suite *
docfmt_suite(void)
{
	Suite *s = suite_create("docfmt");
	TCase *tc = tcase_create("docfmt");

	tcase_add_test(tc, test_copy_numbers_as_typed);
	tcase_add_test(tc, test_copy_numbers_refused);
	tcase_add_test(tc, test_numbers_as_typed);
	tcase_add_test(tc, test_issuance_of_the_current_version);
	tcase_add_test(tc, test_pending_application);
	tcase_add_test(tc, test_name_carries_the_number);
	suite_add_tcase(s, tc);
	return s;
}
