/*
 * test_printable.c -- what a document drafted from a form holds and
 * may hold: a table or fill-in form's fields become its body, so the
 * approver and the printed copies see them (Art. 9, 12); a character
 * the document fonts cannot draw is refused by the form and by the
 * import, naming the field or line and the character (Art. 12); every
 * document form can ask for the bureau leader in charge (Flow 1).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "core/suites.h"
#include "core/core.h"

/* A shipped form, from the source tree. */
static struct form *
shipped_form(const char *id)
{
	const char *d = getenv("abs_top_srcdir");
	char *path, *err = NULL;
	struct form *f = NULL;

	path = xasprintf("%s/forms/%s.form", d != NULL ? d : ".", id);
	ck_assert_msg(form_load(path, &f, &err) == STATUS_OK, "%s: %s", path,
	    err != NULL ? err : "?");
	free(path);
	return f;
}

/* VALUES of F from "name=value" pairs; the others from their defaults. */
static const char **
form_values(const struct form *f, const char *const *pairs)
{
	const char **v = xcalloc(f->nfields + 1, sizeof *v);
	const char *eq;
	size_t i, k;

	for (i = 0; i < f->nfields; i++)
		v[i] = f->fields[i].def;
	for (k = 0; pairs[k] != NULL; k++) {
		eq = strchr(pairs[k], '=');
		for (i = 0; i < f->nfields; i++)
			if (strlen(f->fields[i].name) == (size_t) (eq -
			    pairs[k]) && strncmp(f->fields[i].name, pairs[k],
			    (size_t) (eq - pairs[k])) == 0)
				v[i] = eq + 1;
	}
	return v;
}

/* The content of F filled with PAIRS, checked as the screens check. */
static void
fill(const char *id, const char *const *pairs, struct doc_content *c)
{
	struct form *f = shipped_form(id);
	const char **v = form_values(f, pairs);
	char **msgs = xcalloc(f->nfields + 1, sizeof *msgs);
	struct import_error err;
	size_t i;

	if (form_validate(f, v, NULL, msgs) != STATUS_OK)
		for (i = 0; i < f->nfields; i++)
			ck_assert_msg(msgs[i] == NULL, "%s: %s",
			    f->fields[i].name, msgs[i]);
	ck_assert_int_eq(import_form(f, v, c, &err), STATUS_OK);
	form_messages_free(f, msgs);
	free(msgs);
	free(v);
	form_free(f);
}

START_TEST(test_table_form_body)
{
	static const char *const pairs[] = {
		"case-number=示复〔2026〕7号", "applicant=王某某",
		"respondent=示例区市场监督管理局", "received=2026-03-02",
		"matter=撤销处罚决定。\n退还罚款。", "handler=drafter",
		"issuing-body=示例市司法局", NULL
	};
	struct doc_content c;

	fill("case-register", pairs, &c);
	ck_assert_uint_eq(c.kind, DOC_LIT_TABLE);
	ck_assert_str_eq(c.body, "案号：示复〔2026〕7号\n申请人：王某某\n"
	    "被申请人：示例区市场监督管理局\n收件日期：2026-03-02\n"
	    "复议请求：撤销处罚决定。\n　　退还罚款。\n承办人：drafter");
	/* The header's own fields are printed in their places, not as
	 * rows; the values stay in the record for a revision. */
	ck_assert_ptr_null(strstr(c.body, "示例市司法局"));
	ck_assert_ptr_nonnull(strstr(c.extra,
	    "case-number: 示复〔2026〕7号\n"));
	doc_content_free(&c);
}
END_TEST

START_TEST(test_fill_in_form_body)
{
	static const char *const pairs[] = {
		"document=决定书", "recipient=王某某", "method=left",
		"issuing-body=示例市司法局", NULL
	};
	static const char head[] = "送达文书名称及文号：决定书\n"
	    "受送达人：王某某\n送达地点：____";
	struct doc_content c;

	fill("service-receipt", pairs, &c);
	ck_assert_uint_eq(c.kind, DOC_LIT_FILL_IN);
	ck_assert(strncmp(c.body, head, sizeof head - 1) == 0);
	ck_assert_ptr_nonnull(strstr(c.body, "\n送达方式：留置送达\n"));
	ck_assert_ptr_nonnull(strstr(c.body, "\n备注：____"));
	doc_content_free(&c);
}
END_TEST

/* A composed form keeps its own body, with no rows added. */
START_TEST(test_composed_form_body)
{
	static const char *const pairs[] = {
		"title=关于测试的决定", "body=第一段。\n第二段。",
		"issuing-body=示例市司法局", "attachment-text=", NULL
	};
	struct doc_content c;

	fill("decision", pairs, &c);
	ck_assert_str_eq(c.body, "第一段。\n第二段。");
	ck_assert_uint_eq(c.leader_in_charge, 0);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_forms_offer_leader_in_charge)
{
	static const char *const ids[] = {
		"request", "decision", "entrustment", "notice",
		"case-register", "service-receipt"
	};
	static const char *const pairs[] = {
		"title=关于测试的决定", "body=正文。",
		"issuing-body=示例市司法局", "leader-in-charge=yes", NULL
	};
	struct doc_content c;
	struct chain ch;
	struct form *f;
	size_t i;
	int k;

	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		f = shipped_form(ids[i]);
		k = form_field_index(f, "leader-in-charge");
		ck_assert_msg(k >= 0, "%s offers no leader in charge", ids[i]);
		ck_assert_str_eq(f->fields[k].def, "no");
		/* Added last, so the fields before keep their places. */
		ck_assert_int_eq(k, (int) f->nfields - 1);
		form_free(f);
	}
	fill("decision", pairs, &c);
	ck_assert_uint_eq(c.leader_in_charge, 1);
	chain_build(NULL, NULL, c.special_number, c.leader_in_charge, &ch);
	ck_assert_uint_eq(ch.n, 2);
	ck_assert_uint_eq(ch.level[1], CHAIN_LEADER_IN_CHARGE);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_printable_repertoire)
{
	char name[PRINTABLE_NAME_MAX];

	ck_assert_uint_eq(printable_find("示范区司法局 GB/T 9704（2012）①№\n",
	    strlen("示范区司法局 GB/T 9704（2012）①№\n")), 0);
	ck_assert_uint_eq(printable_find("𠀀𠀁测试局", 8), 0x20000);
	ck_assert_uint_eq(printable_find("乐谱𝄞", strlen("乐谱𝄞")), 0x1D11E);
	ck_assert_uint_eq(printable_find("cafe\xcc\x81", 6), 0x301);
	ck_assert_uint_eq(printable_find("a\xe2\x80\x8b" "b", 5), 0x200B);
	ck_assert_uint_eq(printable_find("\xee\x80\x80", 3), 0xE000);
	ck_assert_uint_eq(printable_find("\xff", 1), 0xFFFD);
	printable_name(0x20000, name, sizeof name);
	ck_assert_str_eq(name, "𠀀 (U+20000)");
	printable_name(0x301, name, sizeof name);
	ck_assert_str_eq(name, "U+0301");
}
END_TEST

START_TEST(test_form_refuses_unprintable)
{
	struct form *f = shipped_form("decision");
	const char **v = form_values(f, (const char *const[]) {
	    "title=关于测试的决定", "body=正文。", "issuing-body=𠀀𠀁测试局",
	    NULL });
	char **msgs = xcalloc(f->nfields, sizeof *msgs);
	int k = form_field_index(f, "issuing-body");

	ck_assert_int_eq(form_validate(f, v, NULL, msgs), STATUS_INVALID);
	ck_assert_ptr_nonnull(msgs[k]);
	ck_assert_ptr_nonnull(strstr(msgs[k], "𠀀 (U+20000)"));
	ck_assert_ptr_null(msgs[form_field_index(f, "title")]);
	form_messages_free(f, msgs);
	free(msgs);
	free(v);
	form_free(f);
}
END_TEST

START_TEST(test_import_refuses_unprintable)
{
	static const char header[] = "kind: litigation-composed\n"
	    "title: 乐谱𝄞\n\n正文。\n";
	static const char body[] = "kind: litigation-composed\n"
	    "title: 关于测试的决定\n\n第一段。\n第二段cafe\xcc\x81" "。\n";
	enum import_encoding enc;
	struct import_error err;
	struct doc_content c;

	ck_assert_int_eq(import_parse(header, sizeof header - 1, &c, &enc,
	    &err), STATUS_IMPORT_FORMAT);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_str_eq(err.key, "title");
	ck_assert_ptr_nonnull(strstr(err.what, "U+1D11E"));
	doc_content_free(&c);

	ck_assert_int_eq(import_parse(body, sizeof body - 1, &c, &enc,
	    &err), STATUS_IMPORT_FORMAT);
	ck_assert_uint_eq(err.line, 5);
	ck_assert_str_eq(err.key, "body");
	ck_assert_ptr_nonnull(strstr(err.what, "U+0301"));
	doc_content_free(&c);
}
END_TEST

Suite *
printable_suite(void)
{
	Suite *s = suite_create("printable");
	TCase *tc = tcase_create("forms");

	tcase_add_test(tc, test_table_form_body);
	tcase_add_test(tc, test_fill_in_form_body);
	tcase_add_test(tc, test_composed_form_body);
	tcase_add_test(tc, test_forms_offer_leader_in_charge);
	tcase_add_test(tc, test_printable_repertoire);
	tcase_add_test(tc, test_form_refuses_unprintable);
	tcase_add_test(tc, test_import_refuses_unprintable);
	suite_add_tcase(s, tc);
	return s;
}
