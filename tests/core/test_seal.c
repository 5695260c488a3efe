/*
 * test_seal.c -- the seal register (Art. 5): a seal is made only by the
 * office director with the clerk who becomes its custodian, its key is
 * certified by the office's root and never lies on disk in the clear,
 * suspensions and revocations reach the revocation list, other bodies'
 * roots and lists are imported only when they check, and every change
 * is in the seal's history.
 */
#include <config.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

static void
seal_spec(struct seal_spec *spec, const char *regno)
{
	memset(spec, 0, sizeof *spec);
	spec->regno = regno;
	spec->name = "示例市司法局公文专用章";
	spec->owner_body = "示例市司法局";
	spec->impression = sfx_png;
	spec->impression_len = sfx_png_len;
	spec->diameter_mm = 42;
}

START_TEST(test_add_makes_certified_seal)
{
	struct rec_seal seal;
	struct x509_cert cert;
	struct ses_seal ses;
	struct rec_custody c;
	struct rec_grant g;
	struct ses_trust t;
	unsigned char h[32];

	sfx_get_seal(sfx.seal, &seal);
	ck_assert_str_eq(seal.regno, SFX_REGNO);
	ck_assert_int_eq(seal.status, SEAL_ACTIVE);
	ck_assert_uint_eq(seal.custodian_id, ID(CLERK));
	ck_assert_int_eq(seal.key_alg, CRYPTO_ALG_SM2);
	ck_assert_int_eq(seal.valid_from, FX_T0);
	/* Five calendar years: 2031-01-01, 2028 with its leap day between. */
	ck_assert_int_eq(seal.valid_to, FX_T0 + (SEAL_DEFAULT_YEARS * 365LL +
	    1) * FX_DAY);
	ck_assert_uint_eq(seal.impression.len, sfx_png_len);
	ck_assert_int_eq(crypto_sm3(sfx_png, sfx_png_len, h), STATUS_OK);
	ck_assert_mem_eq(seal.impression_sm3.data, h, 32);
	ck_assert_uint_gt(seal.wrapped_key.len, 0);

	/* The certificate: the seal's key, issued by the office's root. */
	ck_assert_int_eq(x509_cert_parse(seal.cert.data, seal.cert.len, &cert),
	    STATUS_OK);
	ck_assert_str_eq(cert.subject_serial, SFX_REGNO);
	ck_assert_str_eq(cert.subject_cn, "示例市司法局行政复议专用章");
	ck_assert_str_eq(cert.issuer_cn, "示例市司法局印章根证书");
	ck_assert_uint_eq(cert.key_usage, X509_KU_DIGITAL_SIGNATURE |
	    X509_KU_NON_REPUDIATION);
	ses_trust_init(&t, clock_now());
	ck_assert_int_eq(seal_trust_load(fx.st, &t), STATUS_OK);
	ck_assert_uint_eq(t.n_roots, 1);
	ck_assert_uint_eq(t.n_crls, 1);
	ck_assert_int_eq(x509_cert_check_issued(&cert, &t.roots[0]),
	    STATUS_OK);

	/* The SESeal lists that certificate and carries the picture. */
	ck_assert_int_eq(ses_seal_parse(seal.seal_der.data, seal.seal_der.len,
	    &ses), STATUS_OK);
	ck_assert_str_eq(ses.es_id, SFX_REGNO);
	ck_assert_uint_eq(ses.n_listed, 1);
	ck_assert_mem_eq(ses.listed[0].p, seal.cert.data, seal.cert.len);
	ck_assert_mem_eq(ses.picture, sfx_png, sfx_png_len);
	ck_assert_int_eq(ses.width_mm, 42);
	ses_seal_free(&ses);
	x509_cert_free(&cert);
	ses_trust_free(&t);

	/* Custody and the standing grant began with it. */
	sfx_get(REC_CUSTODY, 1, &c);
	ck_assert_int_eq(c.kind, CUSTODY_ASSIGN);
	ck_assert_int_eq(c.state, CUSTODY_ACTIVE);
	ck_assert_uint_eq(c.to_user, ID(CLERK));
	ck_assert_uint_eq(c.approved_by, ID(DIRECTOR));
	sfx_get(REC_GRANT, 1, &g);
	ck_assert_uint_eq(g.user_id, ID(CLERK));
	ck_assert_int_eq(g.max_uses, 0);
	ck_assert_int_eq(g.period_to, seal.valid_to);
	rec_free(REC_CUSTODY, &c);
	rec_free(REC_SEAL, &seal);
}
END_TEST

/* The seal made at FROM ("YYYY-MM-DD HH:MM" in China Standard Time)
 * is valid until WANT, in the same words. */
static void
seal_valid_until(const char *regno, const char *from, const char *want)
{
	struct seal_spec spec;
	struct rec_seal seal;
	struct tm tm;
	time_t t;
	char got[32];

	memset(&tm, 0, sizeof tm);
	ck_assert_ptr_nonnull(strptime(from, "%Y-%m-%d %H:%M", &tm));
	tm.tm_isdst = -1;
	seal_spec(&spec, regno);
	spec.valid_from = (int64_t) mktime(&tm);
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(CLERK), &spec, SFX_KEY_PW,
	    NULL), STATUS_OK);
	ck_assert_int_eq(seal_get(S(CLERK), regno, &seal), STATUS_OK);
	t = (time_t) seal.valid_to;
	ck_assert_ptr_nonnull(localtime_r(&t, &tm));
	ck_assert_uint_ne(strftime(got, sizeof got, "%Y-%m-%d %H:%M", &tm),
	    0);
	ck_assert_str_eq(got, want);
	rec_free(REC_SEAL, &seal);
}

/* Five calendar years, not 5 x 365 days: the same day and time five
 * years on across leap days, and a seal made on 29 February valid to 28
 * February of a common year. */
START_TEST(test_valid_five_calendar_years)
{
	setenv("TZ", "CST-8", 1);
	tzset();
	seal_valid_until("4401-2027-001", "2027-03-01 09:30",
	    "2032-03-01 09:30");
	seal_valid_until("4401-2028-001", "2028-02-29 10:00",
	    "2033-02-28 10:00");
	seal_valid_until("4401-2027-002", "2027-12-31 23:59",
	    "2032-12-31 23:59");
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(test_add_only_by_the_office)
{
	struct seal_spec spec;
	uint64_t before;

	seal_spec(&spec, "4401-2026-002");
	before = fx_audit_count();
	ck_assert_int_eq(seal_add(S(CLERK2), S(CLERK), &spec, SFX_KEY_PW,
	    NULL), STATUS_DENIED);
	ck_assert(fx_audit_has(before, ACT_SEAL_ADD, AUDIT_REFUSED,
	    ID(CLERK2)));
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(DRAFTER), &spec, SFX_KEY_PW,
	    NULL), STATUS_DENIED);
	ck_assert_int_eq(seal_add(S(DRAFTER), S(CLERK), &spec, SFX_KEY_PW,
	    NULL), STATUS_DENIED);

	/* The same person cannot be both, even holding both roles. */
	{
		uint64_t both = fx_user("qian", ROLE_OFFICE_DIRECTOR |
		    ROLE_CLERK, FX_PW);
		struct session *s = fx_login("qian", FX_PW, STATUS_OK);

		(void) both;
		ck_assert_int_eq(seal_add(s, s, &spec, SFX_KEY_PW, NULL),
		    STATUS_SEAL_TWO_PEOPLE);
		session_free(s);
	}

	/* The custodian's key password follows the password policy. */
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(CLERK), &spec, "short",
	    NULL), STATUS_PW_WEAK);
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(CLERK), &spec,
	    "wang-2026-Key!", NULL), STATUS_PW_HAS_NAME);
	spec.regno = SFX_REGNO;
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(CLERK), &spec, SFX_KEY_PW,
	    NULL), STATUS_EXISTS);
	spec.regno = "4401 2026";
	ck_assert_int_eq(seal_add(S(DIRECTOR), S(CLERK), &spec, SFX_KEY_PW,
	    NULL), STATUS_SEAL_REGNO);
	ck_assert(fx_audit_has(before, ACT_SEAL_ADD, AUDIT_FAILED,
	    ID(DIRECTOR)));
}
END_TEST

static int
seal_scan_found(const char *path, const struct crypto_key *key,
    const unsigned char *pub, size_t publen, int *pub_seen)
{
	unsigned long n = 0;
	char *data = testlib_read_file(path, &n);
	int found;

	ck_assert_ptr_nonnull(data);
	found = crypto_key_found_in(key, data, n);
	if (memmem(data, n, pub, publen) != NULL)
		*pub_seen = 1;
	free(data);
	return found;
}

/* Every regular file under DIR: none holds KEY's private scalar. */
static unsigned
seal_scan_dir(const char *dir, const struct crypto_key *key,
    const unsigned char *pub, size_t publen, int *pub_seen)
{
	struct dirent *de;
	struct stat sb;
	unsigned files = 0;
	DIR *d = opendir(dir);

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		char *path;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") ==
		    0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		ck_assert_int_eq(lstat(path, &sb), 0);
		if (S_ISDIR(sb.st_mode)) {
			files += seal_scan_dir(path, key, pub, publen,
			    pub_seen);
		} else if (S_ISREG(sb.st_mode)) {
			ck_assert_msg(!seal_scan_found(path, key, pub, publen,
			    pub_seen), "a private key in the clear: %s", path);
			files++;
		}
		free(path);
	}
	closedir(d);
	return files;
}

static void
seal_no_key_in(uint64_t id, const char *pw, const struct blob *wrapped)
{
	struct crypto_key *key = NULL;
	unsigned char pub[CRYPTO_PUBLIC_MAX];
	size_t publen = 0;
	int pub_seen = 0;

	(void) id;
	ck_assert_int_eq(crypto_key_unwrap(wrapped->data, wrapped->len, pw,
	    &key), STATUS_OK);
	ck_assert_int_eq(crypto_key_public_raw(key, pub, &publen), STATUS_OK);
	ck_assert_uint_gt(seal_scan_dir(fx.dir, key, pub, publen, &pub_seen),
	    3);
	/* The scan did read the records: the public key is there. */
	ck_assert(pub_seen);
	crypto_key_free(key);
}

START_TEST(test_no_key_on_disk_in_the_clear)
{
	struct rec_seal seal, seal2;
	struct rec_custody c;
	uint64_t ed, cid;

	ed = sfx_add("4401-2026-ED", CRYPTO_ALG_ED25519);
	cid = sfx_proxy_approved(FX_T0 + FX_DAY, FX_T0 + 10 * FX_DAY);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), cid,
	    SFX_KEY_PW, SFX_PROXY_PW), STATUS_OK);

	sfx_get_seal(sfx.seal, &seal);
	sfx_get_seal(ed, &seal2);
	sfx_get(REC_CUSTODY, cid, &c);
	ck_assert_int_eq(seal2.key_alg, CRYPTO_ALG_ED25519);
	seal_no_key_in(sfx.seal, SFX_KEY_PW, &seal.wrapped_key);
	seal_no_key_in(ed, SFX_KEY_PW, &seal2.wrapped_key);
	seal_no_key_in(sfx.seal, SFX_PROXY_PW, &c.wrapped_key);
	rec_free(REC_CUSTODY, &c);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_SEAL, &seal2);
}
END_TEST

/* What the office's revocation list says about SEAL_ID's certificate:
 * -1 when unlisted, else the reason. */
static int
seal_listed(uint64_t seal_id)
{
	const struct x509_crl_entry *e;
	struct rec_seal seal;
	struct x509_cert cert;
	struct ses_trust t;
	int reason = -1;

	sfx_get_seal(seal_id, &seal);
	ck_assert_int_eq(x509_cert_parse(seal.cert.data, seal.cert.len, &cert),
	    STATUS_OK);
	ses_trust_init(&t, clock_now());
	ck_assert_int_eq(seal_trust_load(fx.st, &t), STATUS_OK);
	ck_assert_int_eq(x509_crl_check_issued(&t.crls[0], &t.roots[0]),
	    STATUS_OK);
	if ((e = x509_crl_find(&t.crls[0], &cert)) != NULL)
		reason = e->reason;
	ses_trust_free(&t);
	x509_cert_free(&cert);
	rec_free(REC_SEAL, &seal);
	return reason;
}

START_TEST(test_suspend_resume_revoke)
{
	struct rec_seal seal;
	struct seal_event *ev;
	size_t n, i;
	int revoked = 0;

	ck_assert_int_eq(seal_set_status(S(CLERK), SFX_REGNO, SEAL_SUSPENDED,
	    "丢失"), STATUS_DENIED);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO,
	    SEAL_SUSPENDED, " "), STATUS_REASON_REQUIRED);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO, SEAL_ACTIVE,
	    "x"), STATUS_STATE);
	ck_assert_int_eq(seal_listed(sfx.seal), -1);

	clock_advance(60);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO,
	    SEAL_SUSPENDED, "保管人报告印章钥匙可能遗失"), STATUS_OK);
	sfx_get_seal(sfx.seal, &seal);
	ck_assert_int_eq(seal.status, SEAL_SUSPENDED);
	ck_assert_uint_eq(seal.status_by, ID(DIRECTOR));
	ck_assert_str_eq(seal.status_reason, "保管人报告印章钥匙可能遗失");
	ck_assert_int_eq(seal.status_time, FX_T0 + 60);
	rec_free(REC_SEAL, &seal);
	ck_assert_int_eq(seal_listed(sfx.seal), X509_REASON_HOLD);

	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO, SEAL_ACTIVE,
	    "已找到"), STATUS_OK);
	ck_assert_int_eq(seal_listed(sfx.seal), -1);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO, SEAL_REVOKED,
	    "机构撤销"), STATUS_OK);
	ck_assert_int_eq(seal_listed(sfx.seal), X509_REASON_CESSATION);
	sfx_get_seal(sfx.seal, &seal);
	ck_assert_int_eq(seal.status, SEAL_REVOKED);
	ck_assert_uint_eq(seal.wrapped_key.len, 0);	/* key destroyed */
	rec_free(REC_SEAL, &seal);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO, SEAL_ACTIVE,
	    "x"), STATUS_STATE);

	/* The history tells the story, oldest first. */
	ck_assert_int_eq(seal_history(S(DRAFTER), SFX_REGNO, &ev, &n),
	    STATUS_OK);
	ck_assert_uint_ge(n, 6);
	ck_assert_int_eq(ev[0].action, ACT_SEAL_ADD);
	ck_assert_str_eq(ev[0].user, "zhou");
	for (i = 0; i < n; i++)
		if (ev[i].action == ACT_SEAL_SUSPEND && ev[i].outcome ==
		    AUDIT_OK && strstr(ev[i].detail, "-> revoked: 机构撤销"))
			revoked = 1;
	ck_assert(revoked);
	ck_assert_int_eq(ev[n - 1].outcome, AUDIT_FAILED);
	ck_assert_ptr_nonnull(strstr(ev[n - 1].detail, "STATUS_STATE"));
	seal_history_free(ev, n);
}
END_TEST

START_TEST(test_list_and_get_hide_keys)
{
	struct rec_seal *list, one;
	size_t n;

	sfx_add("4401-2026-003", CRYPTO_ALG_SM2);
	ck_assert_int_eq(seal_list(S(APPROVER), &list, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(list[1].regno, "4401-2026-003");
	ck_assert_uint_eq(list[0].wrapped_key.len, 0);
	ck_assert_uint_gt(list[0].cert.len, 0);
	seal_list_free(list, n);
	ck_assert_int_eq(seal_get(S(CLERK), SFX_REGNO, &one), STATUS_OK);
	ck_assert_uint_eq(one.wrapped_key.len, 0);
	ck_assert_str_eq(one.purpose, "行政复议专用");
	rec_free(REC_SEAL, &one);
	ck_assert_int_eq(seal_get(S(CLERK), "nope", &one), STATUS_NOT_FOUND);
	ck_assert_int_eq(seal_list(fx.sys, &list, &n), STATUS_DENIED);
}
END_TEST

/* Another body's root (self-signed CA) and a list it signs. */
struct other_body {
	struct crypto_key	*key;
	unsigned char		*root;
	size_t			 root_len;
	struct x509_cert	 cert;
};

static void
other_body(struct other_body *o, int ca)
{
	struct x509_template t;

	memset(o, 0, sizeof *o);
	memset(&t, 0, sizeof t);
	t.serial = 1;
	t.subject.common = "示例市人民法院印章根证书";
	t.not_before = FX_T0 - FX_DAY;
	t.not_after = FX_T0 + 3650 * FX_DAY;
	t.ca = ca;
	t.key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN;
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &o->key),
	    STATUS_OK);
	t.subject_key = o->key;
	ck_assert_int_eq(x509_cert_issue(&t, NULL, o->key, &o->root,
	    &o->root_len), STATUS_OK);
	ck_assert_int_eq(x509_cert_parse(o->root, o->root_len, &o->cert),
	    STATUS_OK);
}

static void
other_body_free(struct other_body *o)
{
	x509_cert_free(&o->cert);
	crypto_key_free(o->key);
	free(o->root);
}

static void
other_crl(struct other_body *o, int64_t when, unsigned char **der, size_t *n)
{
	ck_assert_int_eq(x509_crl_issue(&o->cert, o->key, 1, when,
	    when + 30 * FX_DAY, NULL, 0, der, n), STATUS_OK);
}

START_TEST(test_import_roots_and_lists)
{
	struct other_body o, notca;
	unsigned char *crl, *old, *ours;
	size_t crl_len, old_len, ours_len;
	struct ses_trust t;
	char *pem;

	other_body(&o, 1);
	other_body(&notca, 0);
	ck_assert_int_eq(crypto_pem_encode("CERTIFICATE", o.root, o.root_len,
	    &pem), STATUS_OK);
	ck_assert_int_eq(seal_trust_import_root(S(CLERK), o.root, o.root_len),
	    STATUS_DENIED);
	ck_assert_int_eq(seal_trust_import_root(S(DIRECTOR),
	    (unsigned char *) pem, strlen(pem)), STATUS_OK);
	ck_assert_int_eq(seal_trust_import_root(S(DIRECTOR), o.root,
	    o.root_len), STATUS_EXISTS);
	ck_assert_int_eq(seal_trust_import_root(S(DIRECTOR), notca.root,
	    notca.root_len), STATUS_CERT_UNTRUSTED);
	ck_assert_int_eq(seal_trust_import_root(S(DIRECTOR),
	    (unsigned char *) "junk", 4), STATUS_MALFORMED);
	ck_assert_int_eq(seal_ca_root(fx.st, &ours, &ours_len), STATUS_OK);
	ck_assert_int_eq(seal_trust_import_root(S(DIRECTOR), ours, ours_len),
	    STATUS_EXISTS);

	other_crl(&o, FX_T0, &crl, &crl_len);
	other_crl(&o, FX_T0 - FX_DAY, &old, &old_len);
	ck_assert_int_eq(seal_trust_import_crl(S(CLERK), crl, crl_len),
	    STATUS_OK);
	ck_assert_int_eq(seal_trust_import_crl(S(CLERK), old, old_len),
	    STATUS_STATE);
	free(old);
	other_crl(&notca, FX_T0, &old, &old_len);
	ck_assert_int_eq(seal_trust_import_crl(S(CLERK), old, old_len),
	    STATUS_CERT_UNTRUSTED);

	ses_trust_init(&t, clock_now());
	ck_assert_int_eq(seal_trust_load(fx.st, &t), STATUS_OK);
	ck_assert_uint_eq(t.n_roots, 2);
	ck_assert_uint_eq(t.n_crls, 2);
	ck_assert(t.crl_complete[0]);
	ck_assert(!t.crl_complete[1]);
	ck_assert(x509_cert_same(&t.roots[1], &o.cert));
	ses_trust_free(&t);

	free(pem);
	free(crl);
	free(old);
	free(ours);
	other_body_free(&o);
	other_body_free(&notca);
}
END_TEST

static enum status
seal_init_txn(struct store_txn *txn, void *arg)
{
	(void) arg;
	return seal_ca_init(txn, store_home(fx.st), "示例市司法局");
}

START_TEST(test_authority_made_once_and_kept_private)
{
	unsigned char *a, *b, *crl;
	size_t alen, blen, crl_len;
	struct stat sb;
	char *kek;

	ck_assert_int_eq(seal_ca_root(fx.st, &a, &alen), STATUS_OK);
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, seal_init_txn, NULL),
	    STATUS_OK);
	ck_assert_int_eq(seal_ca_root(fx.st, &b, &blen), STATUS_OK);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);

	kek = xasprintf("%s/seal-ca.kek", fx.dir);
	ck_assert_int_eq(stat(kek, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);

	/* A list for other bodies, fresh and signed by the root. */
	ck_assert_int_eq(seal_ca_export_crl(S(DRAFTER), &crl, &crl_len),
	    STATUS_DENIED);
	ck_assert_int_eq(seal_ca_export_crl(S(CLERK), &crl, &crl_len),
	    STATUS_OK);
	{
		struct x509_crl l;
		struct x509_cert root;

		ck_assert_int_eq(x509_crl_parse(crl, crl_len, &l), STATUS_OK);
		ck_assert_int_eq(x509_cert_parse(a, alen, &root), STATUS_OK);
		ck_assert_int_eq(x509_crl_check_issued(&l, &root), STATUS_OK);
		ck_assert_int_eq(l.next_update, l.this_update +
		    SEAL_CRL_DAYS * FX_DAY);
		x509_crl_free(&l);
		x509_cert_free(&root);
	}

	/* Others may not read the secret: the authority refuses to open. */
	ck_assert_int_eq(chmod(kek, 0644), 0);
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO,
	    SEAL_SUSPENDED, "测试"), STATUS_SEAL_NO_CA);
	ck_assert_int_eq(chmod(kek, 0600), 0);
	free(kek);
	free(crl);
	free(a);
	free(b);
}
END_TEST

Suite *
seal_suite(void)
{
	Suite *s = suite_create("seal");
	TCase *tc = tcase_create("seal");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sfx_setup, sfx_teardown);
	tcase_add_test(tc, test_add_makes_certified_seal);
	tcase_add_test(tc, test_valid_five_calendar_years);
	tcase_add_test(tc, test_add_only_by_the_office);
	tcase_add_test(tc, test_no_key_on_disk_in_the_clear);
	tcase_add_test(tc, test_suspend_resume_revoke);
	tcase_add_test(tc, test_list_and_get_hide_keys);
	tcase_add_test(tc, test_import_roots_and_lists);
	tcase_add_test(tc, test_authority_made_once_and_kept_private);
	suite_add_tcase(s, tc);
	return s;
}
