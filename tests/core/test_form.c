/*
 * test_form.c -- form definitions: the shipped forms load and carry
 * what the sample documents carry, a broken file is reported with its
 * line and left out, and form_validate() gives each field its message.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "core/suites.h"
#include "core/doc.h"
#include "core/form.h"

static char *tmp;

static void
form_setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	tmp = testlib_tmpdir();
}

static void
form_teardown(void)
{
	testlib_rmdir(tmp);
	tmp = NULL;
}

static const char *
form_srcdir(void)
{
	const char *d = getenv("abs_top_srcdir");

	if (d == NULL)
		d = getenv("top_srcdir");
	return d != NULL ? d : ".";
}

static char *
write_form(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmp, name);

	testlib_write_file(path, text, strlen(text));
	return path;
}

/* A small valid form, with room for one more field at the end. */
#define SMALL_HEAD \
	"form: small\nkind: application\ntitle: Small\ntitle[zh_CN]: 小表\n\n" \
	"field: name\ntype: line\nlabel: Name\nlabel[zh_CN]: 名称\n" \
	"required: yes\nmax-chars: 4\n\n" \
	"field: class\ntype: choice\nlabel: Class\nrequired: yes\n" \
	"choice: none Not classified\nchoice: secret Secret\n" \
	"choice[zh_CN]: secret 秘密\ndefault: none\n\n" \
	"field: period\ntype: line\nlabel: Period\nrequired: yes\n" \
	"required-unless: class=none\n\n" \
	"field: copies\ntype: number\nlabel: Copies\nmin: 1\nmax: 999\n\n" \
	"field: day\ntype: date\nlabel: Day\n\n" \
	"field: body\ntype: text\nlabel: Body\n\n" \
	"field: who\ntype: person\nlabel: Who\n"

static struct form *
load_small(void)
{
	char *path = write_form("small.form", SMALL_HEAD), *err = NULL;
	struct form *f = NULL;

	ck_assert_int_eq(form_load(path, &f, &err), STATUS_OK);
	ck_assert_ptr_null(err);
	free(path);
	return f;
}

static int
has_field(const struct form *f, const char *name)
{
	return form_field_index(f, name) >= 0;
}

START_TEST(test_shipped_forms_load)
{
	static const char *const expect[] = {
		"blank-batch", "case-register", "decision", "entrustment",
		"extra-print", "notice", "proxy", "reprint", "request", "seal",
		"service-receipt", NULL
	};
	char *dir = xasprintf("%s/forms", form_srcdir());
	struct form_list l;
	size_t i, j;

	ck_assert_int_eq(form_list_load(dir, &l), STATUS_OK);
	for (i = 0; i < l.nerrors; i++)
		ck_abort_msg("shipped form broken: %s", l.errors[i]);
	for (i = 0; expect[i] != NULL; i++)
		ck_assert_msg(form_list_find(&l, expect[i]) != NULL,
		    "no %s form", expect[i]);
	ck_assert_uint_eq(l.n, i);

	/* Every label, choice and title speaks Chinese. */
	for (i = 0; i < l.n; i++) {
		const struct form *f = l.forms[i];

		ck_assert_str_ne(form_text_get(&f->title, "zh_CN"), f->title.text);
		for (j = 0; j < f->nfields; j++)
			ck_assert_msg(strcmp(form_text_get(&f->fields[j].label,
			    "zh_CN"), f->fields[j].label.text) != 0,
			    "%s: field %s has no Chinese label", f->id,
			    f->fields[j].name);
	}
	form_list_free(&l);
	free(dir);
}
END_TEST

/* Every shipped document form's copies field allows what the code
 * allows (DOC_COPIES_MAX), so the form, the dialogs and the manual
 * agree.  An application (a batch of blank forms) sets its own. */
START_TEST(test_copies_agree_with_the_code)
{
	char *dir = xasprintf("%s/forms", form_srcdir());
	struct form_list l;
	size_t i, j, seen = 0;

	ck_assert_int_eq(form_list_load(dir, &l), STATUS_OK);
	for (i = 0; i < l.n; i++)
		for (j = 0; j < l.forms[i]->nfields; j++) {
			const struct form_field *f = &l.forms[i]->fields[j];

			if (strcmp(f->name, "copies") != 0 ||
			    strcmp(l.forms[i]->kind, "application") == 0)
				continue;
			ck_assert_msg(f->min == 1 && f->max == DOC_COPIES_MAX,
			    "%s: copies %ld-%ld", l.forms[i]->id, f->min,
			    f->max);
			seen++;
		}
	ck_assert_uint_gt(seen, 0);
	form_list_free(&l);
	free(dir);
}
END_TEST

START_TEST(test_documents_carry_corpus_fields)
{
	static const char *const header[] = {
		"title", "issuing-body", "classification",
		"classification-period", "urgency", "special-number",
		"seal-mode", "copies", NULL
	};
	static const char *const composed[] = {
		"request", "decision", "entrustment", "notice", NULL
	};
	char *dir = xasprintf("%s/forms", form_srcdir());
	const struct form *f;
	struct form_list l;
	size_t i, j;

	ck_assert_int_eq(form_list_load(dir, &l), STATUS_OK);
	for (i = 0; i < l.n; i++) {
		if (strcmp(l.forms[i]->kind, "application") == 0)
			continue;
		for (j = 0; header[j] != NULL; j++)
			ck_assert_msg(has_field(l.forms[i], header[j]),
			    "%s has no %s", l.forms[i]->id, header[j]);
	}
	for (i = 0; composed[i] != NULL; i++) {
		f = form_list_find(&l, composed[i]);
		ck_assert(has_field(f, "recipients") && has_field(f, "body") &&
		    has_field(f, "attachment"));
	}
	f = form_list_find(&l, "service-receipt");
	ck_assert(has_field(f, "batch"));
	form_list_free(&l);
	free(dir);
}
END_TEST

START_TEST(test_localized_text)
{
	struct form *f = load_small();
	const struct form_field *fl = &f->fields[0];

	ck_assert_str_eq(form_text_get(&fl->label, "zh_CN"), "名称");
	ck_assert_str_eq(form_text_get(&fl->label, "zh"), "名称");
	ck_assert_str_eq(form_text_get(&fl->label, "zh_SG"), "名称");
	ck_assert_str_eq(form_text_get(&fl->label, "en"), "Name");
	ck_assert_str_eq(form_text_get(&fl->label, "fr_FR"), "Name");
	ck_assert_str_eq(form_text_get(&f->fields[1].choices[1].label, "zh_CN"),
	    "秘密");
	/* A choice without a translation falls back to English. */
	ck_assert_str_eq(form_text_get(&f->fields[1].choices[0].label, "zh_CN"),
	    "Not classified");
	setlocale(LC_ALL, "C");
	ck_assert_str_eq(form_lang(), "en");
	form_free(f);
}
END_TEST

START_TEST(test_continuation_and_defaults)
{
	char *path = write_form("c.form",
	    "# a comment\nform: c\nkind: application\ntitle: C\n"
	    "help: first line\n+ second line\n+third\n\n"
	    "field: body\ntype: text\nlabel: Body\n");
	struct form *f = NULL;

	ck_assert_int_eq(form_load(path, &f, NULL), STATUS_OK);
	ck_assert_str_eq(f->help.text, "first line\nsecond line\nthird");
	ck_assert_int_eq(f->fields[0].rows, 6);
	ck_assert_uint_eq(f->fields[0].max_chars, 20000);
	form_free(f);
	free(path);
}
END_TEST

/* Each broken file gives STATUS_FORM_SYNTAX and names its line. */
START_TEST(test_syntax_errors_name_the_line)
{
	static const struct { const char *text, *where; } bad[] = {
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: colour\nlabel: A\n", "x.form:6:" },
		{ "form: x\nkind: memo\ntitle: X\n", "x.form:2:" },
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: line\nlabel: A\n\nfield: a\ntype: line\nlabel: B\n",
		  "x.form:9:" },
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: line\nlabel: A\nwidth: 3\n", "x.form:8:" },
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: choice\nlabel: A\nchoice: y Yes\ndefault: maybe\n",
		  "x.form:5:" },
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: line\nlabel: A\nrequired-unless: b=c\n", "x.form:5:" },
		{ "form: x\nkind: application\ntitle: X\n\nfield: a\n"
		  "type: line\nlabel: \xff\n", "x.form:7:" },
		{ "field: a\ntype: line\nlabel: A\n", "x.form:1:" },
		{ "form: x\nkind: application\ntitle: X\n\n"
		  "include: ../etc.fields\n", "x.form:5:" },
		{ "form: x\nkind: application\ntitle: X\n", "x.form:3:" },
	};
	struct form *f;
	size_t i;
	char *path, *err;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		path = write_form("x.form", bad[i].text);
		err = NULL;
		f = (struct form *) 1;
		ck_assert_int_eq(form_load(path, &f, &err), STATUS_FORM_SYNTAX);
		ck_assert_ptr_null(f);
		ck_assert_msg(err != NULL && strncmp(err, bad[i].where,
		    strlen(bad[i].where)) == 0, "case %zu: got '%s', want '%s'",
		    i, err, bad[i].where);
		free(err);
		free(path);
	}
}
END_TEST

START_TEST(test_include_shares_fields)
{
	char *shared = write_form("common.fields",
	    "field: copies\ntype: number\nlabel: Copies\nmin: 1\n");
	char *nested = write_form("nest.fields",
	    "field: z\ntype: line\nlabel: Z\n\ninclude: common.fields\n");
	char *path = write_form("a.form",
	    "form: a\nkind: application\ntitle: A\n\n"
	    "field: title\ntype: line\nlabel: Title\n\n"
	    "include: common.fields\n");
	char *bad = write_form("b.form",
	    "form: b\nkind: application\ntitle: B\n\ninclude: nest.fields\n");
	struct form *f = NULL;
	char *err = NULL;

	ck_assert_int_eq(form_load(path, &f, NULL), STATUS_OK);
	ck_assert_uint_eq(f->nfields, 2);
	ck_assert_str_eq(f->fields[1].name, "copies");
	form_free(f);

	/* The error names the included file and its own line. */
	ck_assert_int_eq(form_load(bad, &f, &err), STATUS_FORM_SYNTAX);
	ck_assert_msg(strncmp(err, "nest.fields:5:", 14) == 0, "got %s", err);
	free(err);
	free(shared);
	free(nested);
	free(path);
	free(bad);
}
END_TEST

START_TEST(test_folder_reports_bad_files)
{
	struct form_list l;

	free(write_form("good.form",
	    "form: good\nkind: application\ntitle: G\n\n"
	    "field: a\ntype: line\nlabel: A\n"));
	free(write_form("again.form",
	    "form: good\nkind: application\ntitle: G2\n\n"
	    "field: a\ntype: line\nlabel: A\n"));
	free(write_form("broken.form", "form: broken\nkind: application\n"));
	free(write_form("notes.txt", "not a form"));

	ck_assert_int_eq(form_list_load(tmp, &l), STATUS_OK);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.forms[0]->id, "good");
	ck_assert_uint_eq(l.nerrors, 2);
	form_list_free(&l);
	ck_assert_int_ne(form_list_load("/nonexistent-forms-dir", &l), STATUS_OK);
}
END_TEST

START_TEST(test_forms_dir_override)
{
	setenv("ESEAL_FORMS_DIR", tmp, 1);
	ck_assert_str_eq(form_dir(), tmp);
	unsetenv("ESEAL_FORMS_DIR");
#ifdef SRCFORMSDIR
	/* A test build that is not installed reads its source tree's. */
	ck_assert_str_eq(form_dir(), access(FORMSDIR, F_OK) == 0 ? FORMSDIR :
	    SRCFORMSDIR);
#else
	ck_assert_str_eq(form_dir(), FORMSDIR);
#endif
}
END_TEST

/* Validate VALUES against the small form; returns the messages. */
static enum status
check_small(struct form *f, const char *const *values, char **msgs)
{
	return form_validate(f, values, NULL, msgs);
}

START_TEST(test_validate_required_and_limits)
{
	struct form *f = load_small();
	const char *v[7] = { NULL, "none", NULL, NULL, NULL, NULL, NULL };
	char *m[7];

	/* Only the empty required field is in error. */
	ck_assert_int_eq(check_small(f, v, m), STATUS_INVALID);
	ck_assert_ptr_nonnull(m[0]);
	ck_assert_ptr_null(m[1]);
	ck_assert_ptr_null(m[2]);
	form_messages_free(f, m);

	/* Ideographic spaces are blank too. */
	v[0] = "\xe3\x80\x80 ";
	ck_assert_int_eq(check_small(f, v, m), STATUS_INVALID);
	ck_assert_ptr_nonnull(m[0]);
	form_messages_free(f, m);

	/* Limits count characters: four Chinese characters fit in 4. */
	v[0] = "印章管理";
	ck_assert_int_eq(check_small(f, v, m), STATUS_OK);
	v[0] = "电子印章管理";
	ck_assert_int_eq(check_small(f, v, m), STATUS_INVALID);
	ck_assert_ptr_nonnull(strstr(m[0], "4"));
	form_messages_free(f, m);
	form_free(f);
}
END_TEST

START_TEST(test_validate_types)
{
	static const struct {
		int		 field;
		const char	*value;
		int		 ok;
	} cases[] = {
		{ 3, "12", 1 }, { 3, "0", 0 }, { 3, "1000", 0 }, { 3, "1２", 0 },
		{ 3, "abc", 0 }, { 3, "-", 0 }, { 3, "99999999999999999999", 0 },
		{ 4, "2024-02-29", 1 }, { 4, "2026-02-29", 0 },
		{ 4, "2026-04-31", 0 }, { 4, "2026/03/01", 0 },
		{ 4, "2026-3-1", 0 }, { 1, "none", 1 }, { 1, "SECRET", 0 },
		{ 0, "a\nb", 0 }, { 0, "a\x1b[31m", 0 }, { 0, "a\xe2\x80\xae", 0 },
		{ 5, "第一段\n第二段", 1 }, { 6, "chenjing", 1 },
	};
	struct form *f = load_small();
	const char *v[7];
	char *m[7];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *base[7] = { "名", "none", NULL, NULL, NULL, NULL, NULL };

		memcpy(v, base, sizeof v);
		v[cases[i].field] = cases[i].value;
		ck_assert_msg((check_small(f, v, m) == STATUS_OK) ==
		    cases[i].ok, "case %zu (%s)", i, cases[i].value);
		ck_assert_msg((m[cases[i].field] == NULL) == cases[i].ok,
		    "case %zu: message on the wrong field", i);
		form_messages_free(f, m);
	}
	form_free(f);
}
END_TEST

START_TEST(test_validate_required_unless)
{
	struct form *f = load_small();
	const char *v[7] = { "名", "secret", NULL, NULL, NULL, NULL, NULL };
	char *m[7];

	/* A classified document must state its period; others need not. */
	ck_assert_int_eq(check_small(f, v, m), STATUS_INVALID);
	ck_assert_ptr_nonnull(m[2]);
	form_messages_free(f, m);
	v[2] = "10年";
	ck_assert_int_eq(check_small(f, v, m), STATUS_OK);
	v[1] = "none";
	v[2] = NULL;
	ck_assert_int_eq(check_small(f, v, m), STATUS_OK);
	form_free(f);
}
END_TEST

static int
only_chen(void *ctx, const char *name)
{
	(void) ctx;
	return strcmp(name, "chenjing") == 0;
}

START_TEST(test_validate_lookup)
{
	struct form *f = load_small();
	struct form_lookup lk = { only_chen, NULL, NULL };
	const char *v[7] = { "名", "none", NULL, NULL, NULL, NULL, "nobody" };
	char *m[7];

	ck_assert_int_eq(form_validate(f, v, &lk, m), STATUS_INVALID);
	ck_assert_ptr_nonnull(m[6]);
	form_messages_free(f, m);
	v[6] = "chenjing";
	ck_assert_int_eq(form_validate(f, v, &lk, m), STATUS_OK);
	form_free(f);
}
END_TEST

Suite *
form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("form");

	tcase_add_checked_fixture(tc, form_setup, form_teardown);
	tcase_add_test(tc, test_shipped_forms_load);
	tcase_add_test(tc, test_documents_carry_corpus_fields);
	tcase_add_test(tc, test_copies_agree_with_the_code);
	tcase_add_test(tc, test_localized_text);
	tcase_add_test(tc, test_continuation_and_defaults);
	tcase_add_test(tc, test_syntax_errors_name_the_line);
	tcase_add_test(tc, test_include_shares_fields);
	tcase_add_test(tc, test_folder_reports_bad_files);
	tcase_add_test(tc, test_forms_dir_override);
	tcase_add_test(tc, test_validate_required_and_limits);
	tcase_add_test(tc, test_validate_types);
	tcase_add_test(tc, test_validate_required_unless);
	tcase_add_test(tc, test_validate_lookup);
	suite_add_tcase(s, tc);
	return s;
}
