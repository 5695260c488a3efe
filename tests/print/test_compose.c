/*
 * test_compose.c -- a sealed version as the layout receives it: the
 * masthead of an official document, its number and marks, the body
 * without the lines the layout writes itself, the attachments, and the
 * date of the sign-off (src/print/compose.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "print/print_fixture.h"
#include "print/print_int.h"
#include "print/suites.h"

static void
compose_doc(uint64_t doc, struct original_src *src, struct compose *c)
{
	ck_assert_int_eq(original_src_get(fx.st, wfx.s[WFX_PRINTER], doc, src),
	    STATUS_OK);
	ck_assert_int_eq(compose_make(&src->view.doc, src->v, &src->seal,
	    src->issued_at, c), STATUS_OK);
}

START_TEST(test_compose_corpus_01)
{
	uint64_t doc = pfx_corpus_sealed("01-notice-rules.txt");
	struct original_src src;
	struct compose c;
	time_t t;
	struct tm tm;

	compose_doc(doc, &src, &c);
	ck_assert_str_eq(c.doc.masthead, "示范市示范区司法局文件");
	ck_assert_str_eq(c.doc.doc_number, src.view.number);
	ck_assert_str_eq(c.doc.title,
	    "关于印发《电子签章管理办法（试行）》的通知");
	ck_assert_str_eq(c.doc.recipients, "局机关各科室，各镇（街道）工作站");
	/* The layout writes the recipients line and the attachment note. */
	ck_assert_msg(strncmp(c.doc.body, "现将《电子签章管理办法", 30) == 0,
	    "body starts: %.60s", c.doc.body);
	ck_assert_ptr_null(strstr(c.doc.body, "附件："));
	ck_assert_uint_eq(c.doc.n_attachments, 1);
	ck_assert_str_eq(c.doc.attachments[0].title,
	    "电子签章管理办法（试行）");
	ck_assert_msg(strncmp(c.doc.attachments[0].body, "为规范我局", 15) == 0,
	    "attachment starts: %.60s", c.doc.attachments[0].body);
	ck_assert_ptr_nonnull(strstr(c.doc.attachments[0].body, "第十五条"));
	ck_assert_str_eq(c.doc.issuer, "示范市示范区司法局");

	/* 成文日期 is the sign-off's date; every copy is numbered. */
	t = (time_t) src.issued_at;
	ck_assert_int_ne(src.issued_at, 0);
	ck_assert_ptr_nonnull(localtime_r(&t, &tm));
	ck_assert_int_eq(c.doc.year, tm.tm_year + 1900);
	ck_assert_int_eq(c.doc.month, tm.tm_mon + 1);
	ck_assert_int_eq(c.doc.day, tm.tm_mday);
	ck_assert(c.doc.numbered && c.doc.sealed);
	ck_assert_int_eq(c.doc.classification, RENDER_CLASS_NONE);
	ck_assert_str_eq(c.seal.name, "示范市示范区司法局");
	ck_assert_ptr_nonnull(c.seal.png);
	ck_assert(c.seal.diameter_mm == 42.0);
	compose_free(&c);
	original_src_free(&src);
}
END_TEST

START_TEST(test_compose_marks)
{
	struct original_src src;
	struct compose c;
	uint64_t doc;

	/* 07 is classified and urgent: a classified workstation makes it. */
	wfx_meta("classification", "secret");
	doc = pfx_corpus_sealed("07-classified.txt");
	compose_doc(doc, &src, &c);
	ck_assert_int_eq(c.doc.classification, RENDER_CLASS_SECRET);
	ck_assert_str_eq(c.doc.class_period, "10年");
	ck_assert_int_eq(c.doc.urgency, RENDER_URGENCY_URGENT);
	compose_free(&c);
	original_src_free(&src);

	/* A litigation document has no masthead; 平件 has no mark. */
	doc = pfx_corpus_sealed("02-request.txt");
	compose_doc(doc, &src, &c);
	ck_assert_ptr_null(c.doc.masthead);
	ck_assert_int_eq(c.doc.urgency, RENDER_URGENCY_NONE);
	ck_assert_uint_eq(c.doc.n_attachments, 0);
	compose_free(&c);
	original_src_free(&src);
}
END_TEST

START_TEST(test_compose_issued_at)
{
	struct rec_approval a[4];
	struct compose c;

	memset(a, 0, sizeof a);
	a[0].version = 1;
	a[0].action = APPROVAL_ISSUE;
	a[0].time = 100;
	a[1].version = 2;
	a[1].action = APPROVAL_ISSUE;
	a[1].time = 200;
	a[2].version = 2;
	a[2].action = APPROVAL_RETURN;
	a[2].time = 300;
	ck_assert_int_eq(compose_issued_at(a, 3, 1), 100);
	ck_assert_int_eq(compose_issued_at(a, 3, 2), 0);	/* returned */
	a[3].version = 2;
	a[3].action = APPROVAL_ISSUE;
	a[3].time = 400;
	ck_assert_int_eq(compose_issued_at(a, 4, 2), 400);

	/* No sign-off, no date, no document. */
	memset(&c, 0, sizeof c);
	ck_assert_int_eq(compose_make(NULL, NULL, NULL, 0, &c),
	    STATUS_NOT_ISSUED);
	compose_free(&c);
}
END_TEST

START_TEST(test_compose_body_keeps_its_own_lines)
{
	struct doc_content dc;
	struct rec_version v;
	struct rec_seal seal;
	struct rec_doc doc;
	struct compose c;

	doc_content_init(&dc);
	dc.kind = DOC_OFFICIAL_ADMIN;
	dc.copies = 1;
	dc.title = xstrdup("关于报送名单的通知");
	dc.recipients = xstrdup("各科室");
	dc.body = xstrdup("各科室：\n请报送名单。\n1. 请按时报送。\n\n"
	    "附件：1．名单\n　　　2．表格");
	dc.attachments = xstrdup("名单\n张三\n李四\n表格\n姓名、科室");
	dc.issuing_body = xstrdup("示范市示范区司法局");
	dc.extra = xstrdup("attachment: 名单\nattachment: 表格\n");
	memset(&v, 0, sizeof v);
	doc_content_to_version(&dc, &v);
	memset(&doc, 0, sizeof doc);
	doc.kind = DOC_OFFICIAL_ADMIN;
	memset(&seal, 0, sizeof seal);

	ck_assert_int_eq(compose_make(&doc, &v, &seal, FX_T0, &c), STATUS_OK);
	/* A numbered line of the text stays; the two-line note goes. */
	ck_assert_str_eq(c.doc.body, "请报送名单。\n1. 请按时报送。");
	ck_assert_uint_eq(c.doc.n_attachments, 2);
	ck_assert_str_eq(c.doc.attachments[0].body, "张三\n李四");
	ck_assert_str_eq(c.doc.attachments[1].title, "表格");
	ck_assert_str_eq(c.doc.attachments[1].body, "姓名、科室");
	ck_assert_ptr_null(c.doc.doc_number);	/* not numbered yet */
	compose_free(&c);
	rec_free(REC_VERSION, &v);
	doc_content_free(&dc);
}
END_TEST

/* A table form drafted in eseal: its rows' values start in one column
 * (labels and continuation lines padded); the same body imported, with
 * no form, stays free text, as a register sealed before did. */
static void
compose_table_doc(const char *form, struct compose *c, struct rec_version *v)
{
	struct doc_content dc;
	struct rec_seal seal;
	struct rec_doc doc;

	doc_content_init(&dc);
	dc.kind = DOC_LIT_TABLE;
	dc.copies = 1;
	dc.form = form != NULL ? xstrdup(form) : NULL;
	dc.title = xstrdup("行政复议案件登记表");
	dc.body = xstrdup("案号：示复〔2026〕7号\n复议请求：撤销处罚。\n"
	    "　　退还罚款。");
	dc.issuing_body = xstrdup("示范市示范区司法局");
	memset(v, 0, sizeof *v);
	doc_content_to_version(&dc, v);
	memset(&doc, 0, sizeof doc);
	doc.kind = DOC_LIT_TABLE;
	memset(&seal, 0, sizeof seal);
	ck_assert_int_eq(compose_make(&doc, v, &seal, FX_T0, c), STATUS_OK);
	doc_content_free(&dc);
}

START_TEST(test_compose_table_rows)
{
	struct rec_version v;
	struct compose c;

	compose_table_doc("case-register", &c, &v);
	ck_assert_int_eq(c.doc.table_col, 5);
	ck_assert_str_eq(c.doc.body, "案号：　　示复〔2026〕7号\n"
	    "复议请求：撤销处罚。\n　　　　　退还罚款。\n");
	compose_free(&c);
	rec_free(REC_VERSION, &v);

	compose_table_doc(NULL, &c, &v);
	ck_assert_int_eq(c.doc.table_col, 0);
	ck_assert_ptr_nonnull(strstr(c.doc.body, "案号：示复"));
	compose_free(&c);
	rec_free(REC_VERSION, &v);
}
END_TEST

/* The fonts the runner loaded before forking, freed as every test's
 * teardown does (leak checkers). */
static void
compose_release(void)
{
	render_release();
}

Suite *
compose_suite(void)
{
	Suite *s = suite_create("compose");
	TCase *tc = tcase_create("records");
	TCase *pure = tcase_create("text");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_compose_corpus_01);
	tcase_add_test(tc, test_compose_marks);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(pure, NULL, compose_release);
	tcase_add_test(pure, test_compose_issued_at);
	tcase_add_test(pure, test_compose_body_keeps_its_own_lines);
	tcase_add_test(pure, test_compose_table_rows);
	suite_add_tcase(s, pure);
	return s;
}
