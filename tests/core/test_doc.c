/*
 * test_doc.c -- document content: names, the version record's fields,
 * the canonical serialisation that is hashed (Art. 10), and document
 * numbers (发文字号).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/core.h"

static void
doc_sample(struct doc_content *c)
{
	doc_content_init(c);
	c->kind = DOC_OFFICIAL_OFFICE;
	c->classification = CLASS_SECRET;
	c->urgency = URGENCY_URGENT;
	c->special_number = 1;
	c->seal_mode = SEAL_MODE_ELECTRONIC;
	c->leader_in_charge = 1;
	c->copies = 30;
	c->form = xstrdup("notice");
	c->title = xstrdup("关于印发《电子签章管理办法（试行）》的通知");
	c->recipients = xstrdup("局机关各科室");
	c->body = xstrdup("第一段\n第二段");
	c->attachments = xstrdup("附件名\n附件正文");
	c->issuing_body = xstrdup("示范市示范区司法局");
	c->classification_period = xstrdup("10年");
	c->extra = xstrdup("drafter: 陈静（办公室）\n");
}

START_TEST(test_doc_names_round_trip)
{
	int i;

	for (i = 0; i < DOC__KIND_COUNT; i++)
		ck_assert_int_eq(doc_kind_parse(doc_kind_name(i)), i);
	for (i = 0; i < DOC__STATE_COUNT; i++)
		ck_assert_int_eq(doc_state_parse(doc_state_name(i)), i);
	ck_assert_str_eq(doc_kind_name(DOC_PARTY_GROUP), "party-group");
	ck_assert_str_eq(doc_state_name(DOC_TO_SEAL), "to-seal");
	ck_assert_int_eq(doc_class_parse("top-secret"), CLASS_TOP_SECRET);
	ck_assert_int_eq(doc_urgency_parse("very-urgent"), URGENCY_VERY_URGENT);
	ck_assert_int_eq(doc_mode_parse("traditional"), SEAL_MODE_TRADITIONAL);
	ck_assert_int_eq(doc_kind_parse("memo"), -1);
	ck_assert_int_eq(doc_kind_parse(NULL), -1);
}
END_TEST

START_TEST(test_doc_sealable_kinds)
{
	/* Art. 1-3: the five kinds that flow through the system; Art. 2:
	 * Party-group and outside documents never. */
	ck_assert(doc_kind_sealable(DOC_OFFICIAL_ADMIN));
	ck_assert(doc_kind_sealable(DOC_LIT_COMPOSED));
	ck_assert(!doc_kind_sealable(DOC_PARTY_GROUP));
	ck_assert(!doc_kind_sealable(DOC_OUTSIDE_SYSTEM));
}
END_TEST

START_TEST(test_doc_version_round_trip)
{
	struct doc_content c, back;
	struct rec_version v;

	doc_sample(&c);
	memset(&v, 0, sizeof v);
	doc_content_to_version(&c, &v);
	ck_assert_str_eq(v.title, c.title);
	ck_assert_ptr_nonnull(strstr(v.fields, "classification: secret\n"));
	ck_assert_ptr_nonnull(strstr(v.fields, "copies: 30\n"));

	ck_assert_int_eq(doc_content_from_version(&v, &back), STATUS_OK);
	ck_assert_uint_eq(back.kind, c.kind);
	ck_assert_uint_eq(back.classification, CLASS_SECRET);
	ck_assert_uint_eq(back.urgency, URGENCY_URGENT);
	ck_assert_uint_eq(back.special_number, 1);
	ck_assert_uint_eq(back.leader_in_charge, 1);
	ck_assert_uint_eq(back.copies, 30);
	ck_assert_str_eq(back.form, "notice");
	ck_assert_str_eq(back.body, c.body);
	ck_assert_str_eq(back.attachments, c.attachments);
	ck_assert_str_eq(back.classification_period, "10年");
	ck_assert_str_eq(back.extra, "drafter: 陈静（办公室）\n");

	doc_content_free(&back);
	free(v.fields);
	v.fields = xstrdup("kind: memo\n");
	ck_assert_int_eq(doc_content_from_version(&v, &back), STATUS_CORRUPT);
	doc_content_free(&back);
	rec_free(REC_VERSION, &v);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_doc_check)
{
	struct doc_content c;

	doc_sample(&c);
	ck_assert_int_eq(doc_content_check(&c), STATUS_OK);
	c.copies = 0;
	ck_assert_int_eq(doc_content_check(&c), STATUS_INVALID);
	c.copies = DOC_COPIES_MAX + 1;
	ck_assert_int_eq(doc_content_check(&c), STATUS_INVALID);
	c.copies = 1;
	/* A newline in a one-line field would forge a second field. */
	free(c.form);
	c.form = xstrdup("notice\ncopies: 999");
	ck_assert_int_eq(doc_content_check(&c), STATUS_INVALID);
	free(c.form);
	c.form = NULL;
	free(c.title);
	c.title = xstrdup("");
	ck_assert_int_eq(doc_content_check(&c), STATUS_INVALID);
	doc_content_free(&c);
}
END_TEST

/* Every field is length-prefixed: moving text between fields changes
 * the serialisation, so it changes the hash. */
START_TEST(test_doc_canonical_unambiguous)
{
	struct rec_version a, b;
	struct buf x, y;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.number = b.number = 1;
	a.title = "ab";
	a.body = "c";
	b.title = "a";
	b.body = "bc";
	buf_init(&x);
	buf_init(&y);
	doc_canonical(5, &a, &x);
	doc_canonical(5, &b, &y);
	ck_assert(x.len != y.len || memcmp(x.data, y.data, x.len) != 0);
	ck_assert_mem_eq(x.data, "eseal-content-1\n", 16);

	/* The same version of another document differs too. */
	buf_reset(&y);
	doc_canonical(6, &a, &y);
	ck_assert(x.len == y.len && memcmp(x.data, y.data, x.len) != 0);
	buf_free(&x);
	buf_free(&y);
}
END_TEST

START_TEST(test_docnum)
{
	char *s, *key;
	uint32_t seq;

	s = docnum_format("示司发", 2026, 7);
	ck_assert_str_eq(s, "示司发〔2026〕7号");
	free(s);
	s = docnum_format(NULL, 2026, 7);
	ck_assert_str_eq(s, "");
	free(s);

	key = docnum_counter_key("示司发", 2026);
	ck_assert_str_eq(key, "docnum.2026.示司发");
	free(key);

	ck_assert_int_eq(docnum_next(NULL, &seq), STATUS_OK);
	ck_assert_uint_eq(seq, 1);
	ck_assert_int_eq(docnum_next("41", &seq), STATUS_OK);
	ck_assert_uint_eq(seq, 42);
	ck_assert_int_eq(docnum_next("4x", &seq), STATUS_CORRUPT);
	ck_assert_int_eq(docnum_next("4294967295", &seq), STATUS_INVALID);
	ck_assert_uint_eq(docnum_year(1767254400), 2026);
}
END_TEST

Suite *
doc_suite(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("content");

	tcase_add_test(tc, test_doc_names_round_trip);
	tcase_add_test(tc, test_doc_sealable_kinds);
	tcase_add_test(tc, test_doc_version_round_trip);
	tcase_add_test(tc, test_doc_check);
	tcase_add_test(tc, test_doc_canonical_unambiguous);
	tcase_add_test(tc, test_docnum);
	suite_add_tcase(s, tc);
	return s;
}
