/*
 * test_x509.c -- the office's certificates and revocation lists: what we
 * write reads back, OpenSSL parses it and verifies the chain and the
 * list, OpenSSL's certificates verify here, and a changed byte or a
 * foreign issuer is caught.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/der.h"
#include "crypto/helpers.h"
#include "crypto/x509.h"
#include "crypto/suites.h"

#define T0	((int64_t) 1767254400)	/* 2026-01-01 08:00 UTC */
#define YEAR	(365 * 86400)
#define VFY_ID	"-vfyopt distid:" CRYPTO_SM2_DEFAULT_ID

struct xfix {
	struct crypto_key	*root_key, *leaf_key;
	unsigned char		*root_der, *leaf_der;
	size_t			 root_len, leaf_len;
	struct x509_cert	 root;
};

static void
xfix_root(struct xfix *x, const char *cn)
{
	struct x509_template t;

	memset(x, 0, sizeof *x);
	memset(&t, 0, sizeof t);
	t.serial = 1;
	t.subject.country = "CN";
	t.subject.org = "示例市司法局";
	t.subject.common = cn;
	t.not_before = T0 - 86400;
	t.not_after = T0 + 20 * YEAR;
	t.ca = 1;
	t.key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN;
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &x->root_key),
	    STATUS_OK);
	t.subject_key = x->root_key;
	ck_assert_int_eq(x509_cert_issue(&t, NULL, x->root_key, &x->root_der,
	    &x->root_len), STATUS_OK);
	ck_assert_int_eq(x509_cert_parse(x->root_der, x->root_len, &x->root),
	    STATUS_OK);
}

static void
xfix_leaf(struct xfix *x, enum crypto_alg alg, uint64_t serial)
{
	struct x509_template t;

	memset(&t, 0, sizeof t);
	t.serial = serial;
	t.subject.country = "CN";
	t.subject.org = "示例市司法局";
	t.subject.unit = "行政复议科";
	t.subject.common = "示例市司法局行政复议专用章";
	t.subject.serial = "4401-0042";
	t.not_before = T0;
	t.not_after = T0 + 5 * YEAR;
	t.key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION;
	ck_assert_int_eq(crypto_key_generate(alg, &x->leaf_key), STATUS_OK);
	t.subject_key = x->leaf_key;
	ck_assert_int_eq(x509_cert_issue(&t, &x->root, x->root_key,
	    &x->leaf_der, &x->leaf_len), STATUS_OK);
}

static void
xfix_free(struct xfix *x)
{
	x509_cert_free(&x->root);
	crypto_key_free(x->root_key);
	crypto_key_free(x->leaf_key);
	free(x->root_der);
	free(x->leaf_der);
}

/* Write DER as NAME.der and NAME.pem in DIR. */
static void
x_put(const char *dir, const char *name, const char *label,
    const unsigned char *der, size_t n)
{
	char *file, *pem;

	file = xasprintf("%s.der", name);
	th_put(dir, file, der, n);
	free(file);
	ck_assert_int_eq(crypto_pem_encode(label, der, n, &pem), STATUS_OK);
	file = xasprintf("%s.pem", name);
	th_put(dir, file, pem, strlen(pem));
	free(file);
	free(pem);
}

/* Non-zero when DIR/out.txt contains TEXT. */
static int
x_out_has(const char *dir, const char *text)
{
	unsigned char *out;
	size_t n;
	int found;

	out = th_get(dir, "out.txt", &n);
	out = xrealloc(out, n + 1);
	out[n] = '\0';
	found = strstr((char *) out, text) != NULL;
	free(out);
	return found;
}

START_TEST(test_cert_reads_back)
{
	struct xfix x;
	struct x509_cert leaf;
	char hex[2 * X509_SERIAL_MAX + 1];

	xfix_root(&x, "示例市司法局印章根证书");
	xfix_leaf(&x, CRYPTO_ALG_SM2, 0x0102);
	ck_assert_int_eq(x509_cert_parse(x.leaf_der, x.leaf_len, &leaf),
	    STATUS_OK);
	ck_assert_str_eq(leaf.subject_cn, "示例市司法局行政复议专用章");
	ck_assert_str_eq(leaf.subject_org, "示例市司法局");
	ck_assert_str_eq(leaf.subject_serial, "4401-0042");
	ck_assert_str_eq(leaf.issuer_cn, "示例市司法局印章根证书");
	x509_serial_hex(leaf.serial, leaf.serial_len, hex);
	ck_assert_str_eq(hex, "0102");
	ck_assert_int_eq(leaf.not_before, T0);
	ck_assert_int_eq(leaf.not_after, T0 + 5 * YEAR);
	ck_assert(!leaf.ca);
	ck_assert(leaf.has_key_usage);
	ck_assert_uint_eq(leaf.key_usage,
	    X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION);
	ck_assert(x.root.ca);
	ck_assert_uint_eq(x.root.key_usage,
	    X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN);
	ck_assert_uint_eq(leaf.skid_len, X509_KEYID_LEN);
	ck_assert_str_eq(leaf.sig_oid, CRYPTO_OID_SM2_SM3);

	ck_assert_int_eq(x509_cert_check_issued(&leaf, &x.root), STATUS_OK);
	ck_assert_int_eq(x509_cert_check_issued(&x.root, &x.root), STATUS_OK);
	x509_cert_free(&leaf);
	xfix_free(&x);
}
END_TEST

START_TEST(test_cert_tampered_or_foreign)
{
	struct xfix x, other;
	struct x509_cert leaf;
	unsigned char *bad;

	xfix_root(&x, "root A");
	xfix_root(&other, "root A");	/* same name, another key */
	xfix_leaf(&x, CRYPTO_ALG_SM2, 7);

	/* A changed byte of the subject's name: still DER, no longer signed. */
	bad = xmalloc(x.leaf_len);
	memcpy(bad, x.leaf_der, x.leaf_len);
	{
		unsigned char *p = memmem(bad, x.leaf_len, "4401-0042", 9);

		ck_assert_ptr_nonnull(p);
		p[0] = '5';
	}
	ck_assert_int_eq(x509_cert_parse(bad, x.leaf_len, &leaf), STATUS_OK);
	ck_assert_str_eq(leaf.subject_serial, "5401-0042");
	ck_assert_int_eq(x509_cert_check_issued(&leaf, &x.root),
	    STATUS_BAD_SIGNATURE);
	x509_cert_free(&leaf);

	/* The right certificate against a root of the same name. */
	ck_assert_int_eq(x509_cert_parse(x.leaf_der, x.leaf_len, &leaf),
	    STATUS_OK);
	ck_assert_int_eq(x509_cert_check_issued(&leaf, &other.root),
	    STATUS_BAD_SIGNATURE);
	x509_cert_free(&leaf);

	/* Cut short: not a certificate. */
	ck_assert_int_eq(x509_cert_parse(x.leaf_der, x.leaf_len - 1, &leaf),
	    STATUS_MALFORMED);
	free(bad);
	xfix_free(&other);
	xfix_free(&x);
}
END_TEST

START_TEST(test_openssl_reads_and_verifies_chain)
{
	char *dir = testlib_tmpdir();
	struct xfix x, other;

	xfix_root(&x, "示例市司法局印章根证书");
	xfix_root(&other, "another root");
	xfix_leaf(&x, CRYPTO_ALG_SM2, 42);
	x_put(dir, "root", "CERTIFICATE", x.root_der, x.root_len);
	x_put(dir, "other", "CERTIFICATE", other.root_der, other.root_len);
	x_put(dir, "leaf", "CERTIFICATE", x.leaf_der, x.leaf_len);

	ck_assert_int_eq(th_sh(dir, "openssl x509 -inform DER -in leaf.der "
	    "-text -noout"), 0);
	ck_assert(x_out_has(dir, "Signature Algorithm: SM2-with-SM3"));
	ck_assert(x_out_has(dir, "Digital Signature, Non Repudiation"));
	ck_assert(x_out_has(dir, "CN = \\E7\\A4\\BA") ||
	    x_out_has(dir, "CN = 示例"));
	ck_assert_int_eq(th_sh(dir, "openssl x509 -in root.pem -text -noout"),
	    0);
	ck_assert(x_out_has(dir, "CA:TRUE"));
	ck_assert(x_out_has(dir, "Certificate Sign, CRL Sign"));

	/* OpenSSL 3.0 has no default SM2 identifier: it must be given. */
	ck_assert_int_eq(th_sh(dir, "openssl verify -CAfile root.pem "
	    VFY_ID " leaf.pem"), 0);
	ck_assert(x_out_has(dir, "leaf.pem: OK"));
	ck_assert_int_ne(th_sh(dir, "openssl verify -CAfile other.pem "
	    VFY_ID " leaf.pem"), 0);
	xfix_free(&other);
	xfix_free(&x);
	testlib_rmdir(dir);
}
END_TEST

START_TEST(test_ed25519_seal_key_certificate)
{
	char *dir = testlib_tmpdir();
	struct x509_cert leaf;
	struct xfix x;

	xfix_root(&x, "root");
	xfix_leaf(&x, CRYPTO_ALG_ED25519, 9);
	ck_assert_int_eq(x509_cert_parse(x.leaf_der, x.leaf_len, &leaf),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_alg(leaf.key), CRYPTO_ALG_ED25519);
	ck_assert_int_eq(x509_cert_check_issued(&leaf, &x.root), STATUS_OK);
	x_put(dir, "root", "CERTIFICATE", x.root_der, x.root_len);
	x_put(dir, "leaf", "CERTIFICATE", x.leaf_der, x.leaf_len);
	ck_assert_int_eq(th_sh(dir, "openssl verify -CAfile root.pem "
	    VFY_ID " leaf.pem"), 0);
	ck_assert_int_eq(th_sh(dir, "openssl x509 -in leaf.pem -text "
	    "-noout"), 0);
	ck_assert(x_out_has(dir, "ED25519"));
	x509_cert_free(&leaf);
	xfix_free(&x);
	testlib_rmdir(dir);
}
END_TEST

START_TEST(test_openssl_certificate_verifies_here)
{
	char *dir = testlib_tmpdir();
	unsigned char *ca, *leafd;
	struct x509_cert root, leaf;
	size_t calen, leaflen;

	ck_assert_int_eq(th_sh(dir,
	    "openssl genpkey -algorithm SM2 -out ca.key && "
	    "openssl req -new -x509 -key ca.key -sm3 -subj /CN=other-body "
	    "-days 3650 -sigopt distid:" CRYPTO_SM2_DEFAULT_ID
	    " -outform DER -out ca.der && "
	    "openssl x509 -inform DER -in ca.der -out ca.pem && "
	    "openssl genpkey -algorithm SM2 -out leaf.key && "
	    "openssl req -new -key leaf.key -sm3 -subj /CN=their-seal "
	    "-sigopt distid:" CRYPTO_SM2_DEFAULT_ID " -out leaf.csr && "
	    "openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -sm3 "
	    "-set_serial 77 -days 365 -sigopt distid:" CRYPTO_SM2_DEFAULT_ID
	    " " VFY_ID " -outform DER -out leaf.der"), 0);
	ca = th_get(dir, "ca.der", &calen);
	leafd = th_get(dir, "leaf.der", &leaflen);
	ck_assert_int_eq(x509_cert_parse(ca, calen, &root), STATUS_OK);
	ck_assert_int_eq(x509_cert_parse(leafd, leaflen, &leaf), STATUS_OK);
	ck_assert_str_eq(leaf.subject_cn, "their-seal");
	ck_assert_str_eq(leaf.issuer_cn, "other-body");
	ck_assert_int_eq(x509_cert_check_issued(&leaf, &root), STATUS_OK);
	x509_cert_free(&leaf);
	x509_cert_free(&root);
	free(ca);
	free(leafd);
	testlib_rmdir(dir);
}
END_TEST

START_TEST(test_crl_round_trip_and_openssl)
{
	char *dir = testlib_tmpdir();
	struct x509_revoked list[2] = {
		{ 42, T0 + 86400, X509_REASON_HOLD },
		{ 0x1234, T0 + 2 * 86400, X509_REASON_KEY_COMPROMISE }
	};
	const struct x509_crl_entry *e;
	struct x509_cert leaf;
	struct x509_crl crl;
	unsigned char *der;
	struct xfix x;
	size_t n;

	xfix_root(&x, "示例市司法局印章根证书");
	xfix_leaf(&x, CRYPTO_ALG_SM2, 42);
	ck_assert_int_eq(x509_crl_issue(&x.root, x.root_key, 3, T0 + 3 * 86400,
	    T0 + 33 * 86400, list, 2, &der, &n), STATUS_OK);
	ck_assert_int_eq(x509_crl_parse(der, n, &crl), STATUS_OK);
	ck_assert_int_eq(crl.number, 3);
	ck_assert_int_eq(crl.this_update, T0 + 3 * 86400);
	ck_assert_int_eq(crl.next_update, T0 + 33 * 86400);
	ck_assert_uint_eq(crl.n_entries, 2);
	ck_assert_int_eq(x509_crl_check_issued(&crl, &x.root), STATUS_OK);

	ck_assert_int_eq(x509_cert_parse(x.leaf_der, x.leaf_len, &leaf),
	    STATUS_OK);
	ck_assert_ptr_nonnull(e = x509_crl_find(&crl, &leaf));
	ck_assert_int_eq(e->reason, X509_REASON_HOLD);
	ck_assert_int_eq(e->when, T0 + 86400);
	ck_assert_ptr_null(x509_crl_find(&crl, &x.root));

	x_put(dir, "root", "CERTIFICATE", x.root_der, x.root_len);
	x_put(dir, "crl", "X509 CRL", der, n);
	ck_assert_int_eq(th_sh(dir, "openssl crl -inform DER -in crl.der "
	    "-text -noout"), 0);
	ck_assert(x_out_has(dir, "Certificate Hold"));
	ck_assert(x_out_has(dir, "Key Compromise"));
	ck_assert(x_out_has(dir, "Serial Number: 2A"));
	/* OpenSSL 3.0 passes no SM2 identifier when it checks a CRL ("crl
	 * -CAfile", "verify -crl_check" both fail on any SM2 list): check
	 * the signature over the TBSCertList with pkeyutl instead. */
	th_put(dir, "crl.sig", crl.sig, crl.sig_len);
	ck_assert_int_eq(th_sh(dir, "openssl asn1parse -inform DER -in crl.der "
	    "-strparse 4 -noout -out tbs.der && openssl x509 -in root.pem "
	    "-pubkey -noout > root.pub && openssl pkeyutl -verify -pubin "
	    "-inkey root.pub -rawin -digest sm3 -pkeyopt distid:"
	    CRYPTO_SM2_DEFAULT_ID " -in tbs.der -sigfile crl.sig"), 0);

	/* Another serial number on the list: still a CRL, no longer the
	 * one the root signed. */
	{
		static const unsigned char serial[] = {
			0x02, 0x02, 0x12, 0x34
		};
		unsigned char *p = memmem(der, n, serial, sizeof serial);

		ck_assert_ptr_nonnull(p);
		p[3] = 0x35;
	}
	x509_crl_free(&crl);
	ck_assert_int_eq(x509_crl_parse(der, n, &crl), STATUS_OK);
	ck_assert_int_eq(x509_crl_check_issued(&crl, &x.root),
	    STATUS_BAD_SIGNATURE);
	x509_crl_free(&crl);
	x509_cert_free(&leaf);
	free(der);
	xfix_free(&x);
	testlib_rmdir(dir);
}
END_TEST

/* Another body's SM2 signature as 64 raw bytes r || s verifies, also
 * when r happens to begin with the byte of a DER SEQUENCE (about one
 * signature in 256, so the loop signs until it finds one).  k is derived
 * from the message (RFC 6979), so each try signs another message. */
START_TEST(test_raw_signature_starting_like_der)
{
	struct crypto_key *k = NULL;
	unsigned char *sig = NULL, raw[64];
	struct der_reader r, seq;
	char msg[32];
	size_t siglen;
	int tries;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	for (tries = 0; tries < 8192; tries++) {
		free(sig);
		snprintf(msg, sizeof msg, "raw r || s, try %d", tries);
		ck_assert_int_eq(crypto_sign(k, msg, strlen(msg), &sig,
		    &siglen), STATUS_OK);
		der_reader_init(&r, sig, siglen);
		ck_assert_int_eq(der_enter(&r, DER_SEQUENCE, &seq), STATUS_OK);
		ck_assert_int_eq(der_get_integer_fixed(&seq, raw, 32),
		    STATUS_OK);
		ck_assert_int_eq(der_get_integer_fixed(&seq, raw + 32, 32),
		    STATUS_OK);
		if (raw[0] == DER_SEQUENCE)
			break;
	}
	ck_assert_int_eq(raw[0], DER_SEQUENCE);
	ck_assert_int_eq(x509_verify_data(k, crypto_key_sig_oid(k), msg,
	    strlen(msg), raw, 64), STATUS_OK);
	raw[63] ^= 1;
	ck_assert_int_eq(x509_verify_data(k, crypto_key_sig_oid(k), msg,
	    strlen(msg), raw, 64), STATUS_BAD_SIGNATURE);
	free(sig);
	crypto_key_free(k);
}
END_TEST

Suite *
x509_suite(void)
{
	Suite *s = suite_create("x509");
	TCase *tc = tcase_create("x509");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cert_reads_back);
	tcase_add_test(tc, test_raw_signature_starting_like_der);
	tcase_add_test(tc, test_cert_tampered_or_foreign);
	tcase_add_test(tc, test_openssl_reads_and_verifies_chain);
	tcase_add_test(tc, test_ed25519_seal_key_certificate);
	tcase_add_test(tc, test_openssl_certificate_verifies_here);
	tcase_add_test(tc, test_crl_round_trip_and_openssl);
	suite_add_tcase(s, tc);
	return s;
}
