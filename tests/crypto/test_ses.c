/*
 * test_ses.c -- GB/T 38540 seals and signatures: what we write reads
 * back and passes every check, OpenSSL parses the DER and verifies the
 * signature, one changed byte in each part fails exactly the check that
 * guards that part, the certificate's history is judged at the signing
 * time, and a signature laid out the way other vendors write it
 * verifies without our own extension.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

#define T0	((int64_t) 1767254400)	/* 2026-01-01 08:00 UTC */
#define DAY	86400
#define YEAR	(365 * DAY)
#define T_SIGN	(T0 + DAY)

static const char pdf[] = "%PDF-1.5\n% a sealed document, version 2\n"
    "1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 3, 0xe0, 0, 0, 3, 0xe0, 8, 6, 0, 0, 0
};

/* A root, its maker certificate, a seal with its key, and a second key
 * certified by the same root but not listed in the seal. */
struct sfx {
	struct crypto_key	*root_key, *maker_key, *seal_key, *stray_key;
	unsigned char		*root_der, *maker_der, *seal_cert, *stray_cert;
	size_t			 root_len, maker_len, seal_cert_len, stray_len;
	struct x509_cert	 root;
	unsigned char		*seal;
	size_t			 seal_len;
};

static struct sfx f;

static void
sfx_cert(uint64_t serial, const char *cn, struct crypto_key **key,
    unsigned char **der, size_t *n)
{
	struct x509_template t;

	memset(&t, 0, sizeof t);
	t.serial = serial;
	t.subject.country = "CN";
	t.subject.org = "示例市司法局";
	t.subject.common = cn;
	t.not_before = T0;
	t.not_after = T0 + 5 * YEAR;
	t.key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION;
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, key), STATUS_OK);
	t.subject_key = *key;
	ck_assert_int_eq(x509_cert_issue(&t, &f.root, f.root_key, der, n),
	    STATUS_OK);
}

/* A seal listing CERT, valid VALID_TO, with the picture PICTURE. */
static void
sfx_seal(const unsigned char *cert, size_t cert_len, int64_t valid_to,
    const unsigned char *picture, unsigned char **der, size_t *n)
{
	struct ses_seal_in in;

	memset(&in, 0, sizeof in);
	in.es_id = "4401-0042";
	in.name = "示例市司法局行政复议专用章";
	in.cert = cert;
	in.cert_len = cert_len;
	in.created = T0;
	in.valid_from = T0;
	in.valid_to = valid_to;
	in.picture = picture;
	in.picture_len = sizeof png;
	in.width_mm = in.height_mm = 42;
	ck_assert_int_eq(ses_seal_make(&in, f.maker_der, f.maker_len,
	    f.maker_key, der, n), STATUS_OK);
}

static void
sfx_setup(void)
{
	struct x509_template t;

	memset(&f, 0, sizeof f);
	memset(&t, 0, sizeof t);
	t.serial = 1;
	t.subject.country = "CN";
	t.subject.org = "示例市司法局";
	t.subject.common = "示例市司法局印章根证书";
	t.not_before = T0 - DAY;
	t.not_after = T0 + 20 * YEAR;
	t.ca = 1;
	t.key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN;
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &f.root_key),
	    STATUS_OK);
	t.subject_key = f.root_key;
	ck_assert_int_eq(x509_cert_issue(&t, NULL, f.root_key, &f.root_der,
	    &f.root_len), STATUS_OK);
	ck_assert_int_eq(x509_cert_parse(f.root_der, f.root_len, &f.root),
	    STATUS_OK);

	sfx_cert(2, "示例市司法局印章制作", &f.maker_key, &f.maker_der,
	    &f.maker_len);
	sfx_cert(3, "示例市司法局行政复议专用章", &f.seal_key, &f.seal_cert,
	    &f.seal_cert_len);
	sfx_cert(4, "another seal", &f.stray_key, &f.stray_cert, &f.stray_len);
	sfx_seal(f.seal_cert, f.seal_cert_len, T0 + 5 * YEAR, png, &f.seal,
	    &f.seal_len);
}

static void
sfx_teardown(void)
{
	x509_cert_free(&f.root);
	crypto_key_free(f.root_key);
	crypto_key_free(f.maker_key);
	crypto_key_free(f.seal_key);
	crypto_key_free(f.stray_key);
	free(f.root_der);
	free(f.maker_der);
	free(f.seal_cert);
	free(f.stray_cert);
	free(f.seal);
}

static void
sfx_protected(struct ses_protected *p, const unsigned char *data_hash)
{
	memset(p, 0, sizeof *p);
	p->data_kind = SES_DATA_PDF;
	p->doc_id = 12;
	p->doc_version = 2;
	p->doc_number = (char *) "示司复〔2026〕7号";
	memset(p->content_sm3, 0xc1, 32);
	p->has_pdf = 1;
	memcpy(p->pdf_sm3, data_hash, 32);
	p->seal_regno = (char *) "4401-0042";
	memset(p->impression_sm3, 0x1a, 32);
	p->page = 1;
	p->x_um = 150000;
	p->y_um = 230500;
	p->diameter_um = 42000;
	p->signer.id = 5;
	p->signer.login = (char *) "wang";
	p->signer.name = (char *) "王五";
	p->issuer.id = 3;
	p->issuer.login = (char *) "zhao";
	p->issuer.name = (char *) "赵局长";
	p->issued_at = T0 + 3600;
	p->approvals = 3;
	memset(p->chain_sm3, 0xa9, 32);
	p->copies = 5;
}

/* Sign the PDF with KEY and CERT over SEAL at time WHEN. */
static void
sfx_sign(const struct crypto_key *key, const unsigned char *cert,
    size_t cert_len, const unsigned char *seal, size_t seal_len,
    int64_t when, unsigned char **der, size_t *n)
{
	unsigned char hash[32];
	struct ses_protected p;
	struct ses_sign_in in;

	ck_assert_int_eq(crypto_sm3(pdf, strlen(pdf), hash), STATUS_OK);
	sfx_protected(&p, hash);
	memset(&in, 0, sizeof in);
	in.seal = seal;
	in.seal_len = seal_len;
	in.time = when;
	in.data_hash = hash;
	in.property = "eseal/doc-12/v2/original.pdf";
	in.protected = &p;
	in.cert = cert;
	in.cert_len = cert_len;
	ck_assert_int_eq(ses_sign(&in, key, der, n), STATUS_OK);
}

static void
sfx_sign_default(unsigned char **der, size_t *n)
{
	sfx_sign(f.seal_key, f.seal_cert, f.seal_cert_len, f.seal, f.seal_len,
	    T_SIGN, der, n);
}

/* The office's trust: its root and its own, empty, complete list. */
static void
sfx_trust(struct ses_trust *t, const struct x509_revoked *list, size_t n)
{
	unsigned char *crl;
	size_t len;

	ses_trust_init(t, T0 + 2 * DAY);
	ck_assert_int_eq(ses_trust_add_root(t, f.root_der, f.root_len),
	    STATUS_OK);
	ck_assert_int_eq(x509_crl_issue(&f.root, f.root_key, 1, T0, 0, list, n,
	    &crl, &len), STATUS_OK);
	ck_assert_int_eq(ses_trust_add_crl(t, crl, len, 1), STATUS_OK);
	free(crl);
}

/* The set of failed checks, one bit per check. */
static unsigned
sfx_failed(const struct ses_report *r)
{
	unsigned bits = 0;
	int i;

	for (i = 0; i < SES_CHECK__COUNT; i++)
		if (r->check[i].outcome == SES_FAIL)
			bits |= 1u << i;
	return bits;
}

#define B(c)	(1u << (c))

/* Verify SIG over FILE and require exactly the checks WANT to fail, the
 * first of them with reason WHY. */
static void
sfx_expect(const unsigned char *sig, size_t siglen, const void *file,
    size_t filelen, const struct ses_trust *t, unsigned want,
    enum status why, const char *what)
{
	struct ses_report r;
	enum status st;
	int i;

	st = ses_verify(sig, siglen, file, filelen, t, &r);
	ck_assert_msg(sfx_failed(&r) == want, "%s: failed checks %#x, "
	    "want %#x", what, sfx_failed(&r), want);
	ck_assert_msg(st == why, "%s: got %s, want %s", what, status_name(st),
	    status_name(why));
	for (i = 0; want == 0 && i < SES_CHECK__COUNT; i++)
		ck_assert_int_eq(r.check[i].outcome, SES_PASS);
	ses_report_free(&r);
}

START_TEST(test_good_signature_passes_every_check)
{
	struct ses_trust t;
	struct ses_report r;
	unsigned char *sig;
	size_t n;
	int i;

	sfx_sign_default(&sig, &n);
	sfx_trust(&t, NULL, 0);
	ck_assert_int_eq(ses_verify(sig, n, (const unsigned char *) pdf,
	    strlen(pdf), &t, &r), STATUS_OK);
	for (i = 0; i < SES_CHECK__COUNT; i++)
		ck_assert_msg(r.check[i].outcome == SES_PASS, "%s: %s",
		    ses_check_name(i), r.check[i].note);
	ck_assert_int_eq(r.sig.version, 4);
	ck_assert_str_eq(r.sig.seal.header_id, "ES");
	ck_assert_str_eq(r.sig.seal.vendor, SES_VENDOR_ID);
	ck_assert_str_eq(r.sig.seal.es_id, "4401-0042");
	ck_assert_str_eq(r.sig.seal.name, "示例市司法局行政复议专用章");
	ck_assert_str_eq(r.sig.seal.picture_type, "png");
	ck_assert_int_eq(r.sig.seal.width_mm, 42);
	ck_assert_int_eq(r.sig.time, T_SIGN);
	ck_assert(r.sig.has_protected);
	ck_assert_str_eq(r.sig.protected.doc_number, "示司复〔2026〕7号");
	ck_assert_int_eq(r.sig.protected.copies, 5);
	ck_assert_int_eq(r.sig.protected.y_um, 230500);
	ck_assert_str_eq(r.sig.protected.issuer.name, "赵局长");
	ck_assert_str_eq(r.signer_cn, "示例市司法局行政复议专用章");
	ck_assert_str_eq(r.maker_cn, "示例市司法局印章制作");
	ses_report_free(&r);
	ses_trust_free(&t);
	free(sig);
}
END_TEST

START_TEST(test_openssl_reads_and_verifies)
{
	char *dir = testlib_tmpdir();
	struct ses_signature s;
	unsigned char *sig, *spki;
	size_t n, spkilen;
	char *pem;

	sfx_sign_default(&sig, &n);
	ck_assert_int_eq(ses_signature_parse(sig, n, &s), STATUS_OK);
	th_put(dir, "sig.der", sig, n);
	th_put(dir, "seal.der", f.seal, f.seal_len);
	th_put(dir, "tbs.der", s.tbs, s.tbs_len);
	th_put(dir, "value", s.sig, s.sig_len);
	ck_assert_int_eq(crypto_key_to_spki(f.seal_key, &spki, &spkilen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_pem_encode("PUBLIC KEY", spki, spkilen, &pem),
	    STATUS_OK);
	th_put(dir, "pub.pem", pem, strlen(pem));

	ck_assert_int_eq(th_sh(dir, "openssl asn1parse -inform DER -in sig.der "
	    "-i"), 0);
	ck_assert_int_eq(th_sh(dir, "openssl asn1parse -inform DER -in sig.der "
	    "| grep -q 'IA5STRING *:ES$' && openssl asn1parse -inform DER "
	    "-in sig.der | grep -q '%s'", SES_OID_PROTECTED), 0);
	ck_assert_int_eq(th_sh(dir, "openssl asn1parse -inform DER "
	    "-in seal.der"), 0);
	/* OpenSSL checks the signature over DER(TBS_Sign) by itself. */
	ck_assert_int_eq(th_sh(dir, "openssl pkeyutl -verify -pubin -inkey "
	    "pub.pem -rawin -digest sm3 -pkeyopt distid:" CRYPTO_SM2_DEFAULT_ID
	    " -in tbs.der -sigfile value"), 0);

	ses_signature_free(&s);
	free(spki);
	free(pem);
	free(sig);
	testlib_rmdir(dir);
}
END_TEST

/* Flip one byte at OFF of a copy of SIG and expect WANT/WHY. */
static void
sfx_tamper(const unsigned char *sig, size_t n, size_t off, unsigned want,
    enum status why, const char *what)
{
	unsigned char *bad = xmalloc(n);
	struct ses_trust t;

	memcpy(bad, sig, n);
	bad[off] ^= 0x01;
	sfx_trust(&t, NULL, 0);
	sfx_expect(bad, n, pdf, strlen(pdf), &t, want, why, what);
	ses_trust_free(&t);
	free(bad);
}

static size_t
sfx_find(const unsigned char *p, size_t n, const void *what, size_t len)
{
	const unsigned char *at = memmem(p, n, what, len);

	ck_assert_ptr_nonnull(at);
	return (size_t) (at - p);
}

START_TEST(test_each_tampered_part_fails_its_check)
{
	struct ses_signature s;
	unsigned char *sig;
	size_t n, off;
	struct ses_trust t;
	char *file;

	sfx_sign_default(&sig, &n);
	ck_assert_int_eq(ses_signature_parse(sig, n, &s), STATUS_OK);

	/* TBS_Sign fields: the signing time (a second later), the data
	 * hash, the property, the protected information. */
	off = sfx_find(sig, n, "20260102080000Z", 15) + 13;
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNATURE), STATUS_BAD_SIGNATURE,
	    "signing time");
	off = (size_t) (s.data_hash - sig) + 5;
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNATURE) |
	    B(SES_CHECK_DATA_HASH) | B(SES_CHECK_ORIGINAL),
	    STATUS_BAD_SIGNATURE, "data hash");
	off = sfx_find(sig, n, "doc-12", 6) + 4;
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNATURE), STATUS_BAD_SIGNATURE,
	    "property");
	off = sfx_find(sig, n, "wang", 4);
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNATURE), STATUS_BAD_SIGNATURE,
	    "protected information");

	/* The signature value, the signer's certificate (its own signature
	 * by the root), and the seal (its picture) inside TBS_Sign. */
	sfx_tamper(sig, n, n - 1, B(SES_CHECK_SIGNATURE),
	    STATUS_BAD_SIGNATURE, "signature value");
	off = (size_t) (s.cert - sig) + s.cert_len - 1;
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNER_CERT) |
	    B(SES_CHECK_CERT_IN_SEAL), STATUS_CERT_UNTRUSTED,
	    "signer's certificate");
	off = (size_t) (s.seal.picture - sig) + 3;
	sfx_tamper(sig, n, off, B(SES_CHECK_SIGNATURE) | B(SES_CHECK_SEAL),
	    STATUS_BAD_SIGNATURE, "seal picture");

	/* The file. */
	file = xstrdup(pdf);
	file[20] ^= 0x01;
	sfx_trust(&t, NULL, 0);
	sfx_expect(sig, n, file, strlen(file), &t, B(SES_CHECK_DATA_HASH) |
	    B(SES_CHECK_ORIGINAL), STATUS_DATA_HASH, "file");
	ses_trust_free(&t);

	free(file);
	ses_signature_free(&s);
	free(sig);
}
END_TEST

START_TEST(test_seal_not_made_by_the_office)
{
	unsigned char *forged, *sig, *other_png;
	size_t flen, n;
	struct ses_trust t;

	/* The signer re-signs a seal whose picture was changed after the
	 * office made it: only the seal's own check can see that. */
	forged = xmalloc(f.seal_len);
	memcpy(forged, f.seal, f.seal_len);
	flen = f.seal_len;
	forged[sfx_find(forged, flen, png, sizeof png) + 20] ^= 0x01;
	sfx_sign(f.seal_key, f.seal_cert, f.seal_cert_len, forged, flen,
	    T_SIGN, &sig, &n);
	sfx_trust(&t, NULL, 0);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SEAL),
	    STATUS_BAD_SIGNATURE, "forged seal");
	free(sig);

	/* A seal whose validity ended before the signing. */
	other_png = xmalloc(sizeof png);
	memcpy(other_png, png, sizeof png);
	free(forged);
	sfx_seal(f.seal_cert, f.seal_cert_len, T0 + 3600, other_png, &forged,
	    &flen);
	sfx_sign(f.seal_key, f.seal_cert, f.seal_cert_len, forged, flen,
	    T_SIGN, &sig, &n);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SEAL),
	    STATUS_SEAL_EXPIRED, "expired seal");
	free(sig);

	/* A key the root certified, but not the seal's. */
	sfx_sign(f.stray_key, f.stray_cert, f.stray_len, f.seal, f.seal_len,
	    T_SIGN, &sig, &n);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_CERT_IN_SEAL),
	    STATUS_CERT_NOT_IN_SEAL, "key not in the seal");
	free(sig);

	ses_trust_free(&t);
	free(other_png);
	free(forged);
}
END_TEST

START_TEST(test_certificate_judged_at_signing_time)
{
	struct x509_revoked before = { 3, T_SIGN - 60, X509_REASON_HOLD };
	struct x509_revoked after = { 3, T_SIGN + 60,
	    X509_REASON_KEY_COMPROMISE };
	unsigned char *sig, *crl;
	struct ses_trust t;
	size_t n, len;

	sfx_sign_default(&sig, &n);
	sfx_trust(&t, &before, 1);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SIGNER_CERT),
	    STATUS_CERT_REVOKED, "suspended before the signing");
	ses_trust_free(&t);
	sfx_trust(&t, &after, 1);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, 0, STATUS_OK,
	    "revoked after the signing");
	ses_trust_free(&t);

	/* No list at all, and another body's list that ran out. */
	ses_trust_init(&t, T0 + 2 * DAY);
	ck_assert_int_eq(ses_trust_add_root(&t, f.root_der, f.root_len),
	    STATUS_OK);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SIGNER_CERT) |
	    B(SES_CHECK_SEAL), STATUS_CERT_NO_CRL, "no list");
	ck_assert_int_eq(x509_crl_issue(&f.root, f.root_key, 1, T0, T0 + 3600,
	    NULL, 0, &crl, &len), STATUS_OK);
	ck_assert_int_eq(ses_trust_add_crl(&t, crl, len, 0), STATUS_OK);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SIGNER_CERT) |
	    B(SES_CHECK_SEAL), STATUS_CERT_NO_CRL, "list out of date");
	ses_trust_free(&t);
	free(crl);

	/* Nobody trusts this root. */
	ses_trust_init(&t, T0 + 2 * DAY);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SIGNER_CERT) |
	    B(SES_CHECK_SEAL), STATUS_CERT_UNTRUSTED, "untrusted root");
	ses_trust_free(&t);
	free(sig);

	/* Signed before the certificate's validity began. */
	sfx_sign(f.seal_key, f.seal_cert, f.seal_cert_len, f.seal, f.seal_len,
	    T0 - 60, &sig, &n);
	sfx_trust(&t, NULL, 0);
	sfx_expect(sig, n, pdf, strlen(pdf), &t, B(SES_CHECK_SIGNER_CERT) |
	    B(SES_CHECK_SEAL), STATUS_CERT_EXPIRED, "before validity");
	ses_trust_free(&t);
	free(sig);
}
END_TEST

START_TEST(test_copies_and_garbage)
{
	static const char marked[] = "%PDF-1.5\n/Keywords (eseal-copy)\n";
	struct ses_trust t;
	struct ses_report r;
	unsigned char *sig;
	size_t n;
	int i;

	sfx_sign_default(&sig, &n);
	sfx_trust(&t, NULL, 0);
	ck_assert_int_eq(ses_verify(sig, n, (const unsigned char *) marked,
	    strlen(marked), &t, &r), STATUS_DATA_HASH);
	ck_assert_int_eq(r.check[SES_CHECK_ORIGINAL].outcome, SES_FAIL);
	ck_assert_int_eq(r.check[SES_CHECK_ORIGINAL].why, STATUS_NOT_ORIGINAL);
	ck_assert_ptr_nonnull(strstr(r.check[SES_CHECK_ORIGINAL].note,
	    "marked as a copy"));
	ses_report_free(&r);

	ck_assert_int_eq(ses_verify((const unsigned char *) pdf, strlen(pdf),
	    (const unsigned char *) pdf, strlen(pdf), &t, &r),
	    STATUS_MALFORMED);
	ck_assert_int_eq(r.check[SES_CHECK_STRUCTURE].outcome, SES_FAIL);
	for (i = 1; i < SES_CHECK__COUNT; i++)
		ck_assert_int_eq(r.check[i].outcome, SES_NOT_RUN);
	ses_report_free(&r);
	ses_trust_free(&t);
	free(sig);
}
END_TEST

/* -- A signature laid out as another vendor writes it ---------------------- */

/* SM2 DER SEQUENCE { r, s } as 64 raw bytes. */
static void
sfx_raw_rs(const unsigned char *der, size_t n, unsigned char out[64])
{
	struct der_reader r, seq;

	der_reader_init(&r, der, n);
	ck_assert_int_eq(der_enter(&r, DER_SEQUENCE, &seq), STATUS_OK);
	ck_assert_int_eq(der_get_integer_fixed(&seq, out, 32), STATUS_OK);
	ck_assert_int_eq(der_get_integer_fixed(&seq, out + 32, 32), STATUS_OK);
}

/* Their seal: certificate list by SM3 digest, an untagged extension. */
static void
sfx_vendor_seal(unsigned char **der, size_t *n)
{
	unsigned char h[32], *info, *sig;
	size_t infolen, siglen;
	struct der_writer w;

	ck_assert_int_eq(crypto_sm3(f.seal_cert, f.seal_cert_len, h),
	    STATUS_OK);
	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_SEQUENCE);
	der_put_ia5(&w, "ES");
	der_put_uint(&w, 4);
	der_put_ia5(&w, "OTHERVENDOR01");
	der_end(&w);
	der_put_ia5(&w, "44010000009999");
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, 1);
	der_put_utf8(&w, "示例市人民法院");
	der_put_uint(&w, 2);
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_SEQUENCE);
	der_put_printable(&w, "SM3");
	der_put_octets(&w, h, 32);
	der_end(&w);
	der_end(&w);
	der_put_gtime(&w, T0);
	der_put_gtime(&w, T0);
	der_put_gtime(&w, T0 + YEAR);
	der_end(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_ia5(&w, "PNG");
	der_put_octets(&w, png, sizeof png);
	der_put_uint(&w, 40);
	der_put_uint(&w, 40);
	der_end(&w);
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_SEQUENCE);
	der_put_oid(&w, "1.2.3.4");
	der_put_octets(&w, "x", 1);
	der_end(&w);
	der_end(&w);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, &info, &infolen), STATUS_OK);

	ck_assert_int_eq(crypto_sign(f.maker_key, info, infolen, &sig, &siglen),
	    STATUS_OK);
	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, info, infolen);
	der_put_octets(&w, f.maker_der, f.maker_len);
	der_put_oid(&w, CRYPTO_OID_SM2_SM3);
	der_put_bits(&w, sig, siglen, 0);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, der, n), STATUS_OK);
	free(info);
	free(sig);
}

/* Their signature: raw r || s, an untagged extension, a time stamp. */
static void
sfx_vendor_signature(const unsigned char *seal, size_t seal_len,
    unsigned char **der, size_t *n)
{
	unsigned char h[32], *tbs, *sig, raw[64];
	size_t tbslen, siglen;
	struct der_writer w;

	ck_assert_int_eq(crypto_sm3(pdf, strlen(pdf), h), STATUS_OK);
	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, 4);
	der_put_raw(&w, seal, seal_len);
	der_put_gtime(&w, T_SIGN);
	der_put_bits(&w, h, 32, 0);
	der_put_ia5(&w, "/Doc_0/Signs/Sign_0/Signature.xml");
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_SEQUENCE);
	der_put_oid(&w, "1.2.3.5");
	der_put_bool(&w, 0);
	der_put_octets(&w, "y", 1);
	der_end(&w);
	der_end(&w);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, &tbs, &tbslen), STATUS_OK);

	ck_assert_int_eq(crypto_sign(f.seal_key, tbs, tbslen, &sig, &siglen),
	    STATUS_OK);
	sfx_raw_rs(sig, siglen, raw);
	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, tbs, tbslen);
	der_put_octets(&w, f.seal_cert, f.seal_cert_len);
	der_put_oid(&w, CRYPTO_OID_SM2_SM3);
	der_put_bits(&w, raw, 64, 0);
	der_begin(&w, DER_CONTEXT(0));
	der_put_bits(&w, "ts", 2, 0);
	der_end(&w);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, der, n), STATUS_OK);
	free(tbs);
	free(sig);
}

START_TEST(test_other_vendor_layout_verifies)
{
	unsigned char *seal, *sig;
	size_t seal_len, n;
	struct ses_trust t;
	struct ses_report r;
	int i;

	sfx_vendor_seal(&seal, &seal_len);
	sfx_vendor_signature(seal, seal_len, &sig, &n);
	sfx_trust(&t, NULL, 0);
	ck_assert_int_eq(ses_verify(sig, n, (const unsigned char *) pdf,
	    strlen(pdf), &t, &r), STATUS_OK);
	for (i = 0; i < SES_CHECK__COUNT; i++)
		ck_assert_msg(r.check[i].outcome == SES_PASS, "%s: %s",
		    ses_check_name(i), r.check[i].note);
	ck_assert(!r.sig.has_protected);
	ck_assert_uint_eq(r.sig.n_ext, 1);
	ck_assert(r.sig.has_timestamp);
	ck_assert_str_eq(r.sig.seal.vendor, "OTHERVENDOR01");
	ck_assert_uint_eq(r.sig.seal.cert_list_type, SES_CERTLIST_DIGESTS);
	ses_report_free(&r);

	/* The file changed: caught without any extension of ours. */
	sfx_expect(sig, n, "%PDF-1.5 other", 14, &t, B(SES_CHECK_DATA_HASH) |
	    B(SES_CHECK_ORIGINAL), STATUS_DATA_HASH, "vendor, other file");
	ses_trust_free(&t);
	free(seal);
	free(sig);
}
END_TEST

Suite *
ses_suite(void)
{
	Suite *s = suite_create("ses");
	TCase *tc = tcase_create("ses");

	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, sfx_setup, sfx_teardown);
	tcase_add_test(tc, test_good_signature_passes_every_check);
	tcase_add_test(tc, test_openssl_reads_and_verifies);
	tcase_add_test(tc, test_each_tampered_part_fails_its_check);
	tcase_add_test(tc, test_seal_not_made_by_the_office);
	tcase_add_test(tc, test_certificate_judged_at_signing_time);
	tcase_add_test(tc, test_copies_and_garbage);
	tcase_add_test(tc, test_other_vendor_layout_verifies);
	suite_add_tcase(s, tc);
	return s;
}
