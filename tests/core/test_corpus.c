/*
 * test_corpus.c -- the bureau's sample documents take the paths their
 * README describes: every file imports and is recorded; 08 (Party
 * group) is refused for e-sealing with the rule's reason; 06 (special
 * number) needs a bureau leader; 09 (GB18030) reads correctly; 07
 * (classified) is refused on an unclassified printer or workstation.
 *
 * The corpus lives outside the repository: ESEAL_CORPUS_DIR, or
 * ../shared/corpus beside the source tree.  A missing corpus fails.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"

/* Import corpus file NAME and record it as the drafter. */
static uint64_t
corpus_record(const char *name, struct doc_content *c)
{
	struct import_error err;
	enum import_encoding enc;
	unsigned long len;
	char *data = wfx_corpus_file(name, &len);
	uint64_t id = 0;
	enum status rc;

	rc = import_parse(data, len, c, &enc, &err);
	free(data);
	ck_assert_msg(rc == STATUS_OK, "%s: line %u: %s", name, err.line,
	    err.what != NULL ? err.what : status_name(rc));
	if (c->batch)
		rc = printapp_batch(fx.st, wfx.s[WFX_DRAFTER], c, c->copies, 0,
		    NULL, &id);
	else
		rc = workflow_create(fx.st, wfx.s[WFX_DRAFTER], c, &id);
	ck_assert_msg(rc == STATUS_OK, "%s: %s", name, status_name(rc));
	return id;
}

static enum doc_state
corpus_state(uint64_t id)
{
	struct rec_doc d;
	enum doc_state s;

	wfx_doc(id, &d);
	s = (enum doc_state) d.state;
	rec_free(REC_DOC, &d);
	return s;
}

START_TEST(test_corpus_every_file_records)
{
	const char *dir = wfx_corpus_dir();
	struct doc_content c;
	struct dirent *de;
	unsigned files = 0;
	uint64_t id;
	DIR *d;

	/* 07 is classified: it is made only on a classified machine. */
	wfx_meta("classification", "secret");
	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 5 || strcmp(de->d_name + n - 4, ".txt") != 0)
			continue;
		id = corpus_record(de->d_name, &c);
		ck_assert_int_eq(corpus_state(id), c.kind == DOC_PARTY_GROUP ?
		    DOC_REFUSED : DOC_DRAFT);
		doc_content_free(&c);
		files++;
	}
	closedir(d);
	ck_assert_uint_ge(files, 9);
}
END_TEST

START_TEST(test_corpus_party_group_refused)
{
	struct doc_content c;
	uint64_t id = corpus_record("08-party-group.txt", &c);

	ck_assert_uint_eq(c.kind, DOC_PARTY_GROUP);
	ck_assert_int_eq(corpus_state(id), DOC_REFUSED);
	ck_assert_int_eq(workflow_submit(fx.st, wfx.s[WFX_DRAFTER], id),
	    STATUS_REFUSED_KIND);
	ck_assert_int_eq(workflow_send(fx.st, wfx.s[WFX_DRAFTER], id),
	    STATUS_REFUSED_KIND);
	/* The refusal gives the rule. */
	ck_assert_ptr_nonnull(strstr(status_message(STATUS_REFUSED_KIND),
	    "Party-group"));
	ck_assert_ptr_nonnull(strstr(status_message(STATUS_REFUSED_KIND),
	    "(Art. 2)"));
	ck_assert_int_eq(corpus_state(id), DOC_REFUSED);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_corpus_special_number_bureau_leader)
{
	struct doc_content c;
	struct docview v;
	uint64_t id = corpus_record("06-special-number.txt", &c);

	wfx_walk(id, DOC_IN_APPROVAL);
	ck_assert_int_eq(docview_get(fx.st, wfx.s[WFX_CLERK], id, &v),
	    STATUS_OK);
	ck_assert_uint_eq(v.chain.n, 1);
	ck_assert_uint_eq(v.chain.level[0], CHAIN_BUREAU_LEADER);
	docview_free(&v);

	ck_assert_int_eq(workflow_approve(fx.st, wfx.s[WFX_CHIEF], id, NULL),
	    STATUS_CHAIN_LEVEL);
	ck_assert_int_eq(workflow_approve(fx.st, wfx.s[WFX_LEADER], id, NULL),
	    STATUS_CHAIN_LEVEL);
	ck_assert_int_eq(workflow_approve(fx.st, wfx.s[WFX_BUREAU], id,
	    "同意"), STATUS_OK);
	ck_assert_int_eq(corpus_state(id), DOC_APPROVED);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_corpus_gb18030)
{
	struct doc_content c;
	struct rec_doc d;
	uint64_t id = corpus_record("09-request-gb18030.txt", &c);

	wfx_doc(id, &d);
	ck_assert_str_eq(d.title,
	    "关于申请为文印室配置彩色激光打印机的请示（GB18030 编码）");
	ck_assert_uint_eq(d.copies, 3);
	rec_free(REC_DOC, &d);
	ck_assert_ptr_nonnull(strstr(c.body, "妥否，请批示。"));
	doc_content_free(&c);
}
END_TEST

START_TEST(test_corpus_classified_printing)
{
	struct printlog_job job;
	struct doc_content c;
	uint64_t id;

	wfx_meta("classification", "secret");
	id = corpus_record("07-classified.txt", &c);
	wfx_walk(id, DOC_SEALED);

	/* Art. 13 on an unclassified printer ... */
	ck_assert_int_eq(printlog_reserve(fx.st, wfx.s[WFX_PRINTER], id,
	    wfx.pr_colour, 1, &job), STATUS_PRINTER_CLASSIFIED);
	ck_assert_ptr_nonnull(strstr(status_message(STATUS_PRINTER_CLASSIFIED),
	    "(Art. 13)"));
	/* ... and on an unclassified workstation. */
	wfx_meta("classification", "none");
	ck_assert_int_eq(printlog_reserve(fx.st, wfx.s[WFX_PRINTER], id,
	    wfx.pr_classified, 1, &job), STATUS_STATION_CLASSIFIED);
	ck_assert_ptr_nonnull(strstr(status_message(STATUS_STATION_CLASSIFIED),
	    "(Art. 13)"));

	wfx_meta("classification", "secret");
	ck_assert_int_eq(printlog_reserve(fx.st, wfx.s[WFX_PRINTER], id,
	    wfx.pr_classified, 5, &job), STATUS_OK);
	doc_content_free(&c);
}
END_TEST

/* The bureau's notice: 30 numbered copies, after the office director
 * and the leader in charge. */
START_TEST(test_corpus_notice_prints)
{
	struct doc_content c;
	struct rec_doc d;
	uint64_t id = corpus_record("01-notice-rules.txt", &c);

	wfx_walk(id, DOC_PRINTED);
	wfx_doc(id, &d);
	ck_assert_uint_eq(d.copies_printed, 30);
	ck_assert_uint_eq(d.next_copy_no, 31);
	ck_assert_uint_eq(d.number_seq, 1);
	rec_free(REC_DOC, &d);
	doc_content_free(&c);
}
END_TEST

Suite *
corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("samples");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_corpus_every_file_records);
	tcase_add_test(tc, test_corpus_party_group_refused);
	tcase_add_test(tc, test_corpus_special_number_bureau_leader);
	tcase_add_test(tc, test_corpus_gb18030);
	tcase_add_test(tc, test_corpus_classified_printing);
	tcase_add_test(tc, test_corpus_notice_prints);
	suite_add_tcase(s, tc);
	return s;
}
