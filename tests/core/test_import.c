/*
 * test_import.c -- reading documents from plain-text files in UTF-8 or
 * GB18030, and from filled forms: every sample document reads, with the
 * values its header gives.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "lib/testlib.h"

static enum status
import_corpus(const char *name, struct doc_content *c,
    enum import_encoding *enc)
{
	struct import_error err;
	unsigned long len;
	char *data = wfx_corpus_file(name, &len);
	enum status rc = import_parse(data, len, c, enc, &err);

	ck_assert_msg(rc == STATUS_OK, "%s line %u key '%s': %s", name,
	    err.line, err.key, err.what != NULL ? err.what : status_name(rc));
	free(data);
	return rc;
}

START_TEST(test_import_notice_with_attachment)
{
	enum import_encoding enc;
	struct doc_content c;

	import_corpus("01-notice-rules.txt", &c, &enc);
	ck_assert_int_eq(enc, IMPORT_UTF8);
	ck_assert_uint_eq(c.kind, DOC_OFFICIAL_OFFICE);
	ck_assert_str_eq(c.title, "关于印发《电子签章管理办法（试行）》的通知");
	ck_assert_uint_eq(c.copies, 30);
	ck_assert_uint_eq(c.seal_mode, SEAL_MODE_ELECTRONIC);
	ck_assert_str_eq(c.issuing_body, "示范市示范区司法局");
	/* Two approvers: the leader in charge approves too. */
	ck_assert_uint_eq(c.leader_in_charge, 1);
	/* The body ends before the attachment's own text, which starts
	 * with its name on a line of its own. */
	ck_assert_ptr_nonnull(strstr(c.body, "附件：电子签章管理办法（试行）"));
	ck_assert_ptr_null(strstr(c.body, "第一条"));
	ck_assert_ptr_nonnull(c.attachments);
	ck_assert(strncmp(c.attachments, "电子签章管理办法（试行）\n",
	    37) == 0);
	ck_assert_ptr_nonnull(strstr(c.attachments, "第十五条"));
	ck_assert_ptr_nonnull(strstr(c.extra,
	    "attachment: 电子签章管理办法（试行）\n"));
	ck_assert_ptr_nonnull(strstr(c.extra, "drafter: 陈静（办公室）\n"));
	doc_content_free(&c);
}
END_TEST

START_TEST(test_import_flags)
{
	enum import_encoding enc;
	struct doc_content c;

	import_corpus("05-blank-service-receipt.txt", &c, &enc);
	ck_assert_uint_eq(c.kind, DOC_LIT_FILL_IN);
	ck_assert_uint_eq(c.batch, 1);
	ck_assert_uint_eq(c.copies, 50);
	ck_assert_ptr_null(c.recipients);
	ck_assert_uint_eq(c.leader_in_charge, 0);
	doc_content_free(&c);

	import_corpus("06-special-number.txt", &c, &enc);
	ck_assert_uint_eq(c.special_number, 1);
	ck_assert_uint_eq(c.urgency, URGENCY_URGENT);
	doc_content_free(&c);

	import_corpus("07-classified.txt", &c, &enc);
	ck_assert_uint_eq(c.classification, CLASS_SECRET);
	ck_assert_str_eq(c.classification_period, "10年");
	doc_content_free(&c);

	import_corpus("08-party-group.txt", &c, &enc);
	ck_assert_uint_eq(c.kind, DOC_PARTY_GROUP);
	doc_content_free(&c);
}
END_TEST

/* 09 is 02 saved in GB18030: it must read to the same text. */
START_TEST(test_import_gb18030)
{
	enum import_encoding enc;
	struct doc_content gb, utf;

	import_corpus("09-request-gb18030.txt", &gb, &enc);
	ck_assert_int_eq(enc, IMPORT_GB18030);
	ck_assert_str_eq(gb.title,
	    "关于申请为文印室配置彩色激光打印机的请示（GB18030 编码）");
	import_corpus("02-request.txt", &utf, &enc);
	ck_assert_int_eq(enc, IMPORT_UTF8);
	ck_assert_str_eq(gb.body, utf.body);
	ck_assert_str_eq(gb.recipients, utf.recipients);
	ck_assert_uint_eq(gb.copies, 3);
	doc_content_free(&gb);
	doc_content_free(&utf);
}
END_TEST

START_TEST(test_import_every_sample)
{
	static const char *const names[] = {
		"01-notice-rules.txt", "02-request.txt", "03-decision.txt",
		"04-entrustment.txt", "05-blank-service-receipt.txt",
		"06-special-number.txt", "07-classified.txt",
		"08-party-group.txt", "09-request-gb18030.txt"
	};
	enum import_encoding enc;
	struct doc_content c;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		import_corpus(names[i], &c, &enc);
		ck_assert_int_eq(doc_content_check(&c), STATUS_OK);
		doc_content_free(&c);
	}
}
END_TEST

static enum status
import_text(const char *text, struct import_error *err)
{
	enum import_encoding enc;
	struct doc_content c;
	enum status rc;

	rc = import_parse(text, strlen(text), &c, &enc, err);
	doc_content_free(&c);
	return rc;
}

START_TEST(test_import_refusals)
{
	struct import_error err;

	ck_assert_int_eq(import_text("kind: official-admin\ntitle: t\n", &err),
	    STATUS_IMPORT_FORMAT);
	ck_assert_ptr_nonnull(err.what);

	ck_assert_int_eq(import_text("kind: memo\ntitle: t\n\nbody", &err),
	    STATUS_IMPORT_FORMAT);
	ck_assert_uint_eq(err.line, 1);
	ck_assert_str_eq(err.key, "kind");

	ck_assert_int_eq(import_text("kind: official-admin\ntitle: t\n"
	    "copies: 0\n\nbody", &err), STATUS_IMPORT_FORMAT);
	ck_assert_uint_eq(err.line, 3);
	ck_assert_str_eq(err.key, "copies");

	ck_assert_int_eq(import_text("kind: official-admin\ntitle: a\n"
	    "title: b\n\nbody", &err), STATUS_IMPORT_FORMAT);
	ck_assert_int_eq(import_text("kind: official-admin\n\nbody", &err),
	    STATUS_IMPORT_FORMAT);
	ck_assert_str_eq(err.key, "title");
	ck_assert_int_eq(import_text("title: t\n\nbody", &err),
	    STATUS_IMPORT_FORMAT);
	ck_assert_str_eq(err.key, "kind");
	ck_assert_int_eq(import_text("Kind: official-admin\ntitle: t\n\nb",
	    &err), STATUS_IMPORT_FORMAT);
}
END_TEST

START_TEST(test_import_encodings)
{
	struct import_error err;
	enum import_encoding enc;
	struct doc_content c;
	/* 0x80 and 0xff are neither UTF-8 nor GB18030. */
	static const char bad[] = "kind: official-admin\ntitle: \x80\xff\n\nx";

	ck_assert_int_eq(import_parse(bad, sizeof bad - 1, &c, &enc, &err),
	    STATUS_ENCODING);
	doc_content_free(&c);
	ck_assert_str_eq(import_encoding_name(IMPORT_GB18030), "GB18030");

	/* A byte-order mark is not part of the first key. */
	ck_assert_int_eq(import_text("\xef\xbb\xbfkind: official-admin\n"
	    "title: t\n\nb", &err), STATUS_OK);
}
END_TEST

START_TEST(test_import_sanitizes)
{
	static const char in[] = "kind: official-admin\r\ntitle: \x1b]0;x\x07"
	    "标题\r\n\r\n正文\x1b[31m红\r\n";
	struct import_error err;
	enum import_encoding enc;
	struct doc_content c;

	ck_assert_int_eq(import_parse(in, sizeof in - 1, &c, &enc, &err),
	    STATUS_OK);
	ck_assert_str_eq(c.title, "标题");	/* sequences go whole */
	ck_assert_str_eq(c.body, "正文红");
	doc_content_free(&c);
}
END_TEST

START_TEST(test_import_form)
{
	const char *values[3];
	struct import_error err;
	struct doc_content c;
	struct form f;
	struct form_field fields[3];

	memset(&f, 0, sizeof f);
	memset(fields, 0, sizeof fields);
	f.id = (char *) "request";
	f.kind = (char *) "litigation-composed";
	fields[0].name = (char *) "title";
	fields[1].name = (char *) "body";
	fields[2].name = (char *) "copies";
	f.fields = fields;
	f.nfields = 3;
	values[0] = "请示\n第二行";
	values[1] = "第一段\n第二段";
	values[2] = "4";

	ck_assert_int_eq(import_form(&f, values, &c, &err), STATUS_OK);
	ck_assert_uint_eq(c.kind, DOC_LIT_COMPOSED);
	ck_assert_str_eq(c.form, "request");
	ck_assert_str_eq(c.title, "请示 第二行");
	ck_assert_str_eq(c.body, "第一段\n第二段");
	ck_assert_uint_eq(c.copies, 4);
	doc_content_free(&c);
}
END_TEST

/* import_file reads what import_parse parses, and names what it cannot
 * read: the Documents screen and esealctl show these words. */
START_TEST(test_import_file)
{
	static const char doc[] = "kind: official-office\ntitle: 通知\n\n"
	    "正文\n";
	char *dir = testlib_tmpdir(), *path = NULL;
	struct import_error err;
	enum import_encoding enc;
	struct doc_content c;

	path = xasprintf("%s/doc.txt", dir);
	testlib_write_file(path, doc, sizeof doc - 1);
	ck_assert_int_eq(import_file(path, &c, &enc, &err), STATUS_OK);
	ck_assert_int_eq(enc, IMPORT_UTF8);
	ck_assert_str_eq(c.title, "通知");
	ck_assert_str_eq(c.body, "正文");
	doc_content_free(&c);
	free(path);

	path = xasprintf("%s/missing.txt", dir);
	ck_assert_int_eq(import_file(path, &c, &enc, &err), STATUS_NO_FILE);
	doc_content_free(&c);
	free(path);

	path = xasprintf("%s/empty.txt", dir);
	testlib_write_file(path, "", 0);
	ck_assert_int_eq(import_file(path, &c, &enc, &err),
	    STATUS_IMPORT_FORMAT);
	ck_assert_str_eq(err.what, "the file is empty");
	doc_content_free(&c);
	free(path);

	/* A folder, and a FIFO nobody writes to: refused, never waited on. */
	ck_assert_int_eq(import_file(dir, &c, &enc, &err), STATUS_IO);
	ck_assert_str_eq(err.what, "that is a folder, not a file");
	doc_content_free(&c);
	path = xasprintf("%s/fifo", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(import_file(path, &c, &enc, &err), STATUS_IO);
	ck_assert_ptr_nonnull(err.what);
	doc_content_free(&c);
	free(path);
	testlib_rmdir(dir);
}
END_TEST

Suite *
import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("files");

	tcase_add_test(tc, test_import_notice_with_attachment);
	tcase_add_test(tc, test_import_flags);
	tcase_add_test(tc, test_import_gb18030);
	tcase_add_test(tc, test_import_every_sample);
	tcase_add_test(tc, test_import_refusals);
	tcase_add_test(tc, test_import_encodings);
	tcase_add_test(tc, test_import_sanitizes);
	tcase_add_test(tc, test_import_form);
	tcase_add_test(tc, test_import_file);
	suite_add_tcase(s, tc);
	return s;
}
