/*
 * test_export.c -- the register of removable media and exports to them
 * (Art. 11): only the security administrator registers and revokes; an
 * export goes only to a registered medium that is there, holds every
 * file and a MANIFEST signed under the office's root certificate, which
 * verifies and stops verifying when one byte changes or under another
 * root; each step is audited; the accounts travel only alone, exported
 * by the security administrator.
 *
 * The medium is a directory, in the test mode of test builds
 * (ESEAL_TEST_MEDIA_DIRS, medium.h); the shell test media.sh writes to
 * a real file system.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "crypto/crypto.h"
#include "lib/testlib.h"

static char *ex_stick;
static struct report ex_report;
static struct export_bundle ex_bundle;

static void
ex_setup(void)
{
	struct report_period p;

	ck_assert_msg(testhook_enabled(), "the export tests need a build "
	    "configured with --enable-test-hooks (directory media)");
	setenv("ESEAL_TEST_MEDIA_DIRS", "1", 1);
	setenv("TZ", "CST-8", 1);
	wfx_setup();
	ex_stick = xasprintf("%s/stick", fx.dir);
	ck_assert_int_eq(mkdir(ex_stick, 0755), 0);
	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(report_summary(wfx.s[WFX_CLERK], &p, &ex_report),
	    STATUS_OK);
	export_bundle_init(&ex_bundle, &ex_report);
	ck_assert_int_eq(export_bundle_forms(&ex_bundle, &ex_report, 1),
	    STATUS_OK);
	export_bundle_add(&ex_bundle, "summary.pdf", "%PDF-1.5\n", 9);
}

static void
ex_teardown(void)
{
	export_bundle_free(&ex_bundle);
	report_free(&ex_report);
	free(ex_stick);
	wfx_teardown();
	unsetenv("ESEAL_TEST_MEDIA_DIRS");
}

START_TEST(test_register_media)
{
	struct medium *v;
	uint64_t since = fx_audit_count();
	size_t n;

	ck_assert_int_eq(medium_register(wfx.s[WFX_CLERK], ex_stick, "U盘"),
	    STATUS_DENIED);
	ck_assert_int_eq(medium_register(fx.sec, "not a uuid", NULL),
	    STATUS_INVALID);
	ck_assert_int_eq(medium_register(fx.sec, ex_stick, "U盘"), STATUS_OK);
	ck_assert_int_eq(medium_register(fx.sec, ex_stick, "U盘"),
	    STATUS_EXISTS);
	ck_assert(fx_audit_has(since, ACT_MEDIUM_REGISTER, AUDIT_OK,
	    fx.sec->user_id));
	ck_assert(medium_id_valid("509a83dc-48c4-4696-975c-81d262e48fbc"));
	ck_assert(medium_id_valid("1234-ABCD"));
	ck_assert(!medium_id_valid("../etc"));

	ck_assert_int_eq(medium_offered(wfx.s[WFX_CLERK], &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].uuid, ex_stick);
	ck_assert_str_eq(v[0].label, "U盘");
	ck_assert_str_eq(v[0].registered_by, "secadmin");
	ck_assert(v[0].mounted);
	ck_assert_uint_gt(v[0].info.size, 0);
	medium_list_free(v, n);
	ck_assert_int_eq(medium_offered(wfx.s[WFX_DRAFTER], &v, &n),
	    STATUS_DENIED);
	ck_assert_int_eq(medium_list(wfx.s[WFX_CLERK], &v, &n), STATUS_DENIED);

	/* Revoked: no longer offered, still in the administrator's list. */
	ck_assert_int_eq(medium_revoke(fx.sec, ex_stick), STATUS_OK);
	ck_assert_int_eq(medium_revoke(fx.sec, ex_stick), STATUS_NOT_FOUND);
	ck_assert_int_eq(medium_offered(wfx.s[WFX_CLERK], &v, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	medium_list_free(v, n);
	ck_assert_int_eq(medium_list(fx.sec, &v, &n), STATUS_OK);
	ck_assert_uint_ge(n, 1);
	ck_assert(v[0].revoked);
	medium_list_free(v, n);
	ck_assert_int_eq(medium_register(fx.sec, ex_stick, "U盘2"), STATUS_OK);
}
END_TEST

static void
ex_line(const char *line, void *arg)
{
	struct buf *b = arg;

	buf_add(b, line, strlen(line));
	buf_add(b, "\n", 1);
}

START_TEST(test_export_and_verify)
{
	struct export_result res;
	struct buf lines;
	uint64_t since;
	char *path, *manifest;
	FILE *f;

	ck_assert_int_eq(medium_register(fx.sec, ex_stick, "U盘"), STATUS_OK);
	since = fx_audit_count();
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], ex_stick, &ex_bundle,
	    &res), STATUS_OK);
	ck_assert_uint_eq(res.nfiles, 5);
	ck_assert_str_eq(res.label, "U盘");
	ck_assert_ptr_nonnull(strstr(res.dir,
	    "/eseal-summary-20260101-20260131-"));
	ck_assert(fx_audit_has(since, ACT_EXPORT, AUDIT_OK,
	    wfx.id[WFX_CLERK]));

	manifest = xasprintf("%s/MANIFEST", res.dir);
	buf_init(&lines);
	ck_assert_int_eq(export_verify(fx.st, manifest, NULL, 0, ex_line,
	    &lines), STATUS_OK);
	buf_add_u8(&lines, 0);
	ck_assert_ptr_nonnull(strstr((char *) lines.data, "summary.csv: good"));
	ck_assert_ptr_nonnull(strstr((char *) lines.data,
	    "示例市司法局报表签名"));

	/* One byte of one file. */
	path = xasprintf("%s/summary-gb18030.csv", res.dir);
	ck_assert_ptr_nonnull(f = fopen(path, "r+b"));
	fseek(f, 10, SEEK_SET);
	fputc('#', f);
	fclose(f);
	ck_assert_int_eq(export_verify(fx.st, manifest, NULL, 0, NULL, NULL),
	    STATUS_MANIFEST_MISMATCH);
	/* A missing file. */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(export_verify(fx.st, manifest, NULL, 0, NULL, NULL),
	    STATUS_MANIFEST_MISMATCH);

	buf_free(&lines);
	free(path);
	free(manifest);
	export_result_free(&res);
}
END_TEST

/* A report asked for twice ("report export summary summary") is written
 * and listed once. */
START_TEST(test_export_same_report_twice)
{
	struct export_result res;
	char *manifest, *text, *first;

	ck_assert_int_eq(export_bundle_forms(&ex_bundle, &ex_report, 1),
	    STATUS_OK);
	ck_assert_int_eq(medium_register(fx.sec, ex_stick, "U盘"), STATUS_OK);
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], ex_stick, &ex_bundle,
	    &res), STATUS_OK);
	ck_assert_uint_eq(res.nfiles, 5);

	manifest = xasprintf("%s/MANIFEST", res.dir);
	text = testlib_read_file(manifest, NULL);
	ck_assert_ptr_nonnull(first = strstr(text, "summary.csv"));
	ck_assert_ptr_null(strstr(first + 1, "summary.csv"));
	ck_assert_int_eq(export_verify(fx.st, manifest, NULL, 0, NULL, NULL),
	    STATUS_OK);

	free(text);
	free(manifest);
	export_result_free(&res);
}
END_TEST

/* Another body's root does not vouch for our exports. */
START_TEST(test_verify_other_root)
{
	struct export_result res;
	struct x509_template t;
	struct crypto_key *key;
	unsigned char *der;
	size_t n;
	char *manifest;

	ck_assert_int_eq(medium_register(fx.sec, ex_stick, NULL), STATUS_OK);
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], ex_stick, &ex_bundle,
	    &res), STATUS_OK);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &key), STATUS_OK);
	memset(&t, 0, sizeof t);
	t.serial = 1;
	t.subject.common = "示例市司法局印章根证书";
	t.not_before = clock_now() - 86400;
	t.not_after = clock_now() + 86400;
	t.subject_key = key;
	t.ca = 1;
	t.key_usage = X509_KU_KEY_CERT_SIGN;
	ck_assert_int_eq(x509_cert_issue(&t, NULL, key, &der, &n), STATUS_OK);
	manifest = xasprintf("%s/MANIFEST", res.dir);
	ck_assert_int_eq(export_verify(NULL, manifest, der, n, NULL, NULL),
	    STATUS_CERT_UNTRUSTED);
	ck_assert_int_eq(export_verify(NULL, manifest, NULL, 0, NULL, NULL),
	    STATUS_INVALID);
	free(manifest);
	free(der);
	crypto_key_free(key);
	export_result_free(&res);
}
END_TEST

START_TEST(test_export_refusals)
{
	struct export_bundle b;
	struct report acc;
	char *gone;

	/* Not registered, then registered but not there. */
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], ex_stick, &ex_bundle,
	    NULL), STATUS_MEDIUM_UNREGISTERED);
	ck_assert_uint_eq(access(ex_stick, F_OK), 0);
	gone = xasprintf("%s/elsewhere", fx.dir);
	ck_assert_int_eq(medium_register(fx.sec, gone, NULL), STATUS_OK);
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], gone, &ex_bundle,
	    NULL), STATUS_MEDIUM_ABSENT);
	ck_assert_int_eq(medium_register(fx.sec, ex_stick, NULL), STATUS_OK);

	/* The business reports are not the security administrator's, the
	 * accounts not the clerk's, and they never travel together. */
	ck_assert_int_eq(export_write(fx.sec, ex_stick, &ex_bundle, NULL),
	    STATUS_DENIED);
	ck_assert_int_eq(export_write(wfx.s[WFX_DRAFTER], ex_stick, &ex_bundle,
	    NULL), STATUS_DENIED);
	ck_assert_int_eq(report_accounts(fx.sec, &acc), STATUS_OK);
	ck_assert_int_eq(export_bundle_forms(&ex_bundle, &acc, 0),
	    STATUS_INVALID);
	export_bundle_init(&b, &acc);
	ck_assert_int_eq(export_bundle_forms(&b, &acc, 0), STATUS_OK);
	ck_assert_int_eq(export_write(wfx.s[WFX_CLERK], ex_stick, &b, NULL),
	    STATUS_DENIED);
	ck_assert_int_eq(export_write(fx.sec, ex_stick, &b, NULL), STATUS_OK);
	ck_assert(fx_audit_has(0, ACT_EXPORT, AUDIT_OK, fx.sec->user_id));
	export_bundle_free(&b);
	report_free(&acc);
	free(gone);
}
END_TEST

Suite *
export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, ex_setup, ex_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_register_media);
	tcase_add_test(tc, test_export_and_verify);
	tcase_add_test(tc, test_export_same_report_twice);
	tcase_add_test(tc, test_verify_other_root);
	tcase_add_test(tc, test_export_refusals);
	suite_add_tcase(s, tc);
	return s;
}
