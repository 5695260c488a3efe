/*
 * x509.c -- certificates of the office's offline hierarchy: writing them
 * (x509_cert_issue) and reading anyone's (x509_cert_parse), plus the
 * AlgorithmIdentifier and signature helpers the CRL and seal code share.
 *
 * Certificate layout (RFC 5280), as written here:
 *
 *   SEQUENCE {
 *     SEQUENCE {                        TBSCertificate, what is signed
 *       [0] { INTEGER 2 }               version 3
 *       INTEGER serial
 *       SEQUENCE { OID sig-alg }        SM2-with-SM3, no parameters
 *       Name issuer                     the issuer's subject, verbatim
 *       SEQUENCE { Time, Time }         validity
 *       Name subject
 *       SubjectPublicKeyInfo
 *       [3] { SEQUENCE OF Extension }
 *     }
 *     SEQUENCE { OID sig-alg }
 *     BIT STRING signature              DER SEQUENCE { r, s } for SM2
 *   }
 *
 * It must not decide trust: it reports what a certificate says and
 * whether one key signed another's certificate.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"

#define X509_OID_CN		"2.5.4.3"
#define X509_OID_SERIAL		"2.5.4.5"
#define X509_OID_C		"2.5.4.6"
#define X509_OID_O		"2.5.4.10"
#define X509_OID_OU		"2.5.4.11"
#define X509_OID_SKID		"2.5.29.14"
#define X509_OID_KEY_USAGE	"2.5.29.15"
#define X509_OID_BASIC		"2.5.29.19"
#define X509_OID_AKID		"2.5.29.35"

/* -- Shared helpers -------------------------------------------------------- */

enum status
x509_get_algid(struct der_reader *r, char **oid)
{
	struct der_reader a;
	enum status st;

	*oid = NULL;
	if ((st = der_enter(r, DER_SEQUENCE, &a)) != STATUS_OK)
		return st;
	/* Parameters (NULL, or a curve) say nothing our keys do not. */
	return der_get_oid(&a, oid);
}

/* 64 raw bytes r || s as DER SEQUENCE { r, s }. */
static enum status
x509_sig_from_raw(const unsigned char *raw, unsigned char **der, size_t *n)
{
	struct der_writer w;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_integer(&w, raw, 32);
	der_put_integer(&w, raw + 32, 32);
	der_end(&w);
	return der_writer_finish(&w, der, n);
}

enum status
x509_verify_data(const struct crypto_key *key, const char *sig_oid,
    const void *data, size_t n, const unsigned char *sig, size_t siglen)
{
	unsigned char *der = NULL;
	size_t derlen = 0;
	enum status st;

	if (sig_oid == NULL || strcmp(sig_oid, crypto_key_sig_oid(key)) != 0)
		return STATUS_BAD_SIGNATURE;

	/* Other bodies' SM2 signatures may be 64 raw bytes r || s.  A raw
	 * r may begin with the byte of a DER SEQUENCE (one in 256), so the
	 * first byte alone cannot tell them apart: 64 bytes that do not
	 * verify as DER are tried as raw. */
	if (crypto_key_alg(key) == CRYPTO_ALG_SM2 && siglen == 64) {
		if (sig[0] == DER_SEQUENCE && sig[1] == siglen - 2 &&
		    crypto_verify(key, data, n, sig, siglen) == STATUS_OK)
			return STATUS_OK;
		if ((st = x509_sig_from_raw(sig, &der, &derlen)) != STATUS_OK)
			return st;
		sig = der;
		siglen = derlen;
	}
	st = crypto_verify(key, data, n, sig, siglen);
	free(der);
	return st;
}

void
x509_serial_hex(const unsigned char *serial, size_t n, char *out)
{
	if (n > X509_SERIAL_MAX)
		n = X509_SERIAL_MAX;
	crypto_hex(serial, n, out);
}

enum status
x509_cert_fingerprint(const unsigned char *der, size_t n,
    unsigned char out[32])
{
	return crypto_sm3(der, n, out);
}

void
x509_cert_short_id(const unsigned char *der, size_t n, char out[17])
{
	unsigned char fp[CRYPTO_SM3_LEN];

	if (crypto_sm3(der, n, fp) != STATUS_OK)
		memset(fp, 0, sizeof fp);
	crypto_hex(fp, 8, out);
}

/* -- Writing --------------------------------------------------------------- */

static void
x509_put_rdn(struct der_writer *w, const char *oid, const char *value,
    int printable)
{
	if (value == NULL)
		return;
	der_begin(w, DER_SET);
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, oid);
	if (printable)
		der_put_printable(w, value);
	else
		der_put_utf8(w, value);
	der_end(w);
	der_end(w);
}

static void
x509_put_name(struct der_writer *w, const struct x509_name *n)
{
	der_begin(w, DER_SEQUENCE);
	x509_put_rdn(w, X509_OID_C, n->country, 1);
	x509_put_rdn(w, X509_OID_O, n->org, 0);
	x509_put_rdn(w, X509_OID_OU, n->unit, 0);
	x509_put_rdn(w, X509_OID_CN, n->common, 0);
	x509_put_rdn(w, X509_OID_SERIAL, n->serial, 1);
	der_end(w);
}

static void
x509_put_algid(struct der_writer *w, const char *oid)
{
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, oid);
	der_end(w);
}

/* Our key identifier: the first bytes of SM3 of the raw public key. */
static enum status
x509_keyid(const struct crypto_key *key, unsigned char id[X509_KEYID_LEN])
{
	unsigned char raw[CRYPTO_PUBLIC_MAX], h[CRYPTO_SM3_LEN];
	size_t n = 0;
	enum status st;

	if ((st = crypto_key_public_raw(key, raw, &n)) != STATUS_OK ||
	    (st = crypto_sm3(raw, n, h)) != STATUS_OK)
		return st;
	memcpy(id, h, X509_KEYID_LEN);
	return STATUS_OK;
}

/* One Extension whose value is the finished encoding in INNER. */
static void
x509_put_ext(struct der_writer *w, const char *oid, int critical,
    struct der_writer *inner)
{
	unsigned char *v = NULL;
	size_t n = 0;
	enum status st;

	st = der_writer_finish(inner, &v, &n);
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, oid);
	if (critical)
		der_put_bool(w, 1);
	if (st == STATUS_OK)
		der_put_octets(w, v, n);
	else
		der_put_raw(w, NULL, 0);	/* fails W: keeps the error */
	der_end(w);
	free(v);
}

static void
x509_put_key_usage(struct der_writer *w, unsigned usage)
{
	unsigned char bits[2] = { 0, 0 };
	struct der_writer in;
	int i, top = -1;

	for (i = 0; i < 9; i++)
		if (usage & (1u << i)) {
			bits[i / 8] |= (unsigned char) (0x80u >> (i % 8));
			top = i;
		}
	der_writer_init(&in);
	if (top >= 0)
		der_put_bits(&in, bits, (size_t) top / 8 + 1,
		    7 - (unsigned) top % 8);
	else
		der_put_bits(&in, bits, 0, 0);
	x509_put_ext(w, X509_OID_KEY_USAGE, 1, &in);
}

static void
x509_put_extensions(struct der_writer *w, const struct x509_template *t,
    const unsigned char skid[X509_KEYID_LEN],
    const unsigned char akid[X509_KEYID_LEN])
{
	struct der_writer in;

	der_begin(w, DER_CONTEXT(3));
	der_begin(w, DER_SEQUENCE);

	der_writer_init(&in);
	der_begin(&in, DER_SEQUENCE);
	if (t->ca)
		der_put_bool(&in, 1);
	der_end(&in);
	x509_put_ext(w, X509_OID_BASIC, 1, &in);

	x509_put_key_usage(w, t->key_usage);

	der_writer_init(&in);
	der_put_octets(&in, skid, X509_KEYID_LEN);
	x509_put_ext(w, X509_OID_SKID, 0, &in);

	der_writer_init(&in);
	der_begin(&in, DER_SEQUENCE);
	der_put_tlv(&in, DER_CONTEXT_PRIM(0), akid, X509_KEYID_LEN);
	der_end(&in);
	x509_put_ext(w, X509_OID_AKID, 0, &in);

	der_end(w);
	der_end(w);
}

/* The TBSCertificate of T into *TBS. */
static enum status
x509_tbs(const struct x509_template *t, const struct x509_cert *issuer,
    const struct crypto_key *issuer_key, unsigned char **tbs, size_t *n)
{
	unsigned char skid[X509_KEYID_LEN], akid[X509_KEYID_LEN];
	struct der_writer w;
	enum status st;

	if ((st = x509_keyid(t->subject_key, skid)) != STATUS_OK ||
	    (st = x509_keyid(issuer_key, akid)) != STATUS_OK)
		return st;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_CONTEXT(0));
	der_put_uint(&w, 2);
	der_end(&w);
	der_put_uint(&w, t->serial);
	x509_put_algid(&w, crypto_key_sig_oid(issuer_key));
	if (issuer != NULL)
		der_put_raw(&w, issuer->subject, issuer->subject_len);
	else
		x509_put_name(&w, &t->subject);
	der_begin(&w, DER_SEQUENCE);
	der_put_time(&w, t->not_before);
	der_put_time(&w, t->not_after);
	der_end(&w);
	x509_put_name(&w, &t->subject);
	crypto_key_put_spki(t->subject_key, &w);
	x509_put_extensions(&w, t, skid, akid);
	der_end(&w);
	return der_writer_finish(&w, tbs, n);
}

enum status
x509_cert_issue(const struct x509_template *t, const struct x509_cert *issuer,
    const struct crypto_key *issuer_key, unsigned char **der, size_t *n)
{
	unsigned char *tbs = NULL, *sig = NULL;
	size_t tbslen = 0, siglen = 0;
	struct der_writer w;
	enum status st;

	*der = NULL;
	*n = 0;
	if ((st = x509_tbs(t, issuer, issuer_key, &tbs, &tbslen)) != STATUS_OK)
		goto out;
	if ((st = crypto_sign(issuer_key, tbs, tbslen, &sig, &siglen)) !=
	    STATUS_OK)
		goto out;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, tbs, tbslen);
	x509_put_algid(&w, crypto_key_sig_oid(issuer_key));
	der_put_bits(&w, sig, siglen, 0);
	der_end(&w);
	st = der_writer_finish(&w, der, n);
out:
	free(sig);
	free(tbs);
	return st;
}

/* -- Reading --------------------------------------------------------------- */

/* One attribute value as text: the string types we meet, or "?" for
 * others (BMPString, TeletexString), which are read past. */
static enum status
x509_get_text(struct der_reader *r, char **s)
{
	struct der_tlv tlv;
	unsigned tag = 0;
	enum status st;

	if ((st = der_peek(r, &tag)) != STATUS_OK)
		return STATUS_MALFORMED;
	if (tag == DER_UTF8STRING || tag == DER_PRINTABLESTRING ||
	    tag == DER_IA5STRING)
		return der_get_string(r, tag, s);
	if ((st = der_get_tlv(r, &tlv)) != STATUS_OK)
		return st;
	*s = xstrdup("?");
	return STATUS_OK;
}

/* Keep VALUE in *SLOT if OID is WANT (the first one wins). */
static void
x509_name_take(const char *oid, const char *want, char **value, char **slot)
{
	if (strcmp(oid, want) != 0 || *slot != NULL)
		return;
	*slot = *value;
	*value = NULL;
}

/* Read a Name; the parts we show go to the slots (may be NULL). */
static enum status
x509_get_name(struct der_reader *r, struct der_tlv *raw, char **cn,
    char **org, char **serial)
{
	struct der_reader name, rdn, atv;
	char *oid = NULL, *value = NULL, *sink = NULL;
	enum status st;

	if ((st = der_get_expect(r, DER_SEQUENCE, raw)) != STATUS_OK)
		return st;
	der_reader_init(&name, raw->data, raw->len);
	while (!der_reader_empty(&name)) {
		if ((st = der_enter(&name, DER_SET, &rdn)) != STATUS_OK)
			return st;
		while (!der_reader_empty(&rdn)) {
			if ((st = der_enter(&rdn, DER_SEQUENCE, &atv)) !=
			    STATUS_OK || (st = der_get_oid(&atv, &oid)) !=
			    STATUS_OK || (st = x509_get_text(&atv, &value)) !=
			    STATUS_OK || (st = der_reader_done(&atv)) !=
			    STATUS_OK)
				goto fail;
			x509_name_take(oid, X509_OID_CN, &value,
			    cn != NULL ? cn : &sink);
			x509_name_take(oid, X509_OID_O, &value,
			    org != NULL ? org : &sink);
			x509_name_take(oid, X509_OID_SERIAL, &value,
			    serial != NULL ? serial : &sink);
			free(oid);
			free(value);
			free(sink);
			oid = value = sink = NULL;
		}
	}
	return STATUS_OK;
fail:
	free(oid);
	free(value);
	return st;
}

static enum status
x509_get_key_usage(const unsigned char *v, size_t n, struct x509_cert *c)
{
	const unsigned char *bits;
	struct der_reader r;
	size_t nb, i;
	unsigned unused;
	enum status st;

	der_reader_init(&r, v, n);
	if ((st = der_get_bits(&r, &bits, &nb, &unused)) != STATUS_OK ||
	    (st = der_reader_done(&r)) != STATUS_OK)
		return st;
	c->has_key_usage = 1;
	c->key_usage = 0;
	for (i = 0; i < nb * 8 && i < 16; i++)
		if (bits[i / 8] & (0x80u >> (i % 8)))
			c->key_usage |= 1u << i;
	return STATUS_OK;
}

static enum status
x509_get_basic(const unsigned char *v, size_t n, struct x509_cert *c)
{
	struct der_reader r, seq;
	enum status st;
	int ca = 0;

	der_reader_init(&r, v, n);
	if ((st = der_enter(&r, DER_SEQUENCE, &seq)) != STATUS_OK)
		return st;
	if (der_next_is(&seq, DER_BOOLEAN) &&
	    (st = der_get_bool(&seq, &ca)) != STATUS_OK)
		return st;
	c->ca = ca;
	return der_reader_done(&r);
}

static enum status
x509_get_skid(const unsigned char *v, size_t n, struct x509_cert *c)
{
	const unsigned char *id;
	struct der_reader r;
	size_t len;
	enum status st;

	der_reader_init(&r, v, n);
	if ((st = der_get_octets(&r, &id, &len)) != STATUS_OK)
		return st;
	c->skid_len = len < X509_SKID_MAX ? len : X509_SKID_MAX;
	memcpy(c->skid, id, c->skid_len);
	return der_reader_done(&r);
}

/* One Extension: the ones we use are read, other critical ones noted. */
static enum status
x509_get_ext(struct der_reader *exts, struct x509_cert *c)
{
	const unsigned char *v;
	struct der_reader e;
	char *oid = NULL;
	int critical = 0;
	size_t n;
	enum status st;

	if ((st = der_enter(exts, DER_SEQUENCE, &e)) != STATUS_OK ||
	    (st = der_get_oid(&e, &oid)) != STATUS_OK)
		goto out;
	if (der_next_is(&e, DER_BOOLEAN) &&
	    (st = der_get_bool(&e, &critical)) != STATUS_OK)
		goto out;
	if ((st = der_get_octets(&e, &v, &n)) != STATUS_OK ||
	    (st = der_reader_done(&e)) != STATUS_OK)
		goto out;

	if (strcmp(oid, X509_OID_KEY_USAGE) == 0)
		st = x509_get_key_usage(v, n, c);
	else if (strcmp(oid, X509_OID_BASIC) == 0)
		st = x509_get_basic(v, n, c);
	else if (strcmp(oid, X509_OID_SKID) == 0)
		st = x509_get_skid(v, n, c);
	else if (critical)
		c->unknown_critical = 1;
out:
	free(oid);
	return st;
}

static enum status
x509_get_extensions(struct der_reader *tbs, struct x509_cert *c)
{
	struct der_reader x3, exts;
	struct der_tlv skip;
	enum status st;

	/* issuerUniqueID [1], subjectUniqueID [2]: read past. */
	while (der_next_is(tbs, DER_CONTEXT_PRIM(1)) ||
	    der_next_is(tbs, DER_CONTEXT_PRIM(2)))
		if ((st = der_get_tlv(tbs, &skip)) != STATUS_OK)
			return st;
	if (!der_next_is(tbs, DER_CONTEXT(3)))
		return STATUS_OK;
	if ((st = der_enter(tbs, DER_CONTEXT(3), &x3)) != STATUS_OK ||
	    (st = der_enter(&x3, DER_SEQUENCE, &exts)) != STATUS_OK ||
	    (st = der_reader_done(&x3)) != STATUS_OK)
		return st;
	while (!der_reader_empty(&exts))
		if ((st = x509_get_ext(&exts, c)) != STATUS_OK)
			return st;
	return STATUS_OK;
}

static enum status
x509_get_serial(struct der_reader *r, struct x509_cert *c)
{
	const unsigned char *mag;
	size_t n;
	enum status st;

	if ((st = der_get_integer(r, &mag, &n)) != STATUS_OK)
		return st;
	if (n > X509_SERIAL_MAX)
		return STATUS_MALFORMED;
	memcpy(c->serial, mag, n);
	c->serial_len = n;
	return STATUS_OK;
}

/* The TBSCertificate's fields, in order. */
static enum status
x509_get_tbs(struct der_reader *tbs, struct x509_cert *c)
{
	struct der_reader v, validity;
	struct der_tlv name, spki;
	char *alg = NULL;
	uint64_t version = 0;
	enum status st;

	if (der_next_is(tbs, DER_CONTEXT(0)) &&
	    ((st = der_enter(tbs, DER_CONTEXT(0), &v)) != STATUS_OK ||
	    (st = der_get_uint(&v, &version)) != STATUS_OK))
		return st;
	if (version > 2 || (st = x509_get_serial(tbs, c)) != STATUS_OK ||
	    (st = x509_get_algid(tbs, &alg)) != STATUS_OK)
		return version > 2 ? STATUS_MALFORMED : st;
	free(alg);
	if ((st = x509_get_name(tbs, &name, &c->issuer_cn, NULL, NULL)) !=
	    STATUS_OK)
		return st;
	c->issuer = name.raw;
	c->issuer_len = name.rawlen;
	if ((st = der_enter(tbs, DER_SEQUENCE, &validity)) != STATUS_OK ||
	    (st = der_get_time(&validity, &c->not_before)) != STATUS_OK ||
	    (st = der_get_time(&validity, &c->not_after)) != STATUS_OK ||
	    (st = der_reader_done(&validity)) != STATUS_OK)
		return st;
	if ((st = x509_get_name(tbs, &name, &c->subject_cn, &c->subject_org,
	    &c->subject_serial)) != STATUS_OK)
		return st;
	c->subject = name.raw;
	c->subject_len = name.rawlen;
	if ((st = der_get_expect(tbs, DER_SEQUENCE, &spki)) != STATUS_OK ||
	    (st = crypto_key_from_spki(spki.raw, spki.rawlen, &c->key)) !=
	    STATUS_OK)
		return st;
	if ((st = x509_get_extensions(tbs, c)) != STATUS_OK)
		return st;
	return der_reader_done(tbs);
}

static void
x509_cert_fill_empty(struct x509_cert *c)
{
	if (c->issuer_cn == NULL)
		c->issuer_cn = xstrdup("");
	if (c->subject_cn == NULL)
		c->subject_cn = xstrdup("");
	if (c->subject_org == NULL)
		c->subject_org = xstrdup("");
	if (c->subject_serial == NULL)
		c->subject_serial = xstrdup("");
}

enum status
x509_cert_parse(const unsigned char *der, size_t n, struct x509_cert *c)
{
	struct der_reader top, cert, tbs;
	struct der_tlv tbs_tlv;
	unsigned unused = 0;
	enum status st;

	memset(c, 0, sizeof *c);
	der_reader_init(&top, der, n);
	if ((st = der_enter(&top, DER_SEQUENCE, &cert)) != STATUS_OK ||
	    (st = der_reader_done(&top)) != STATUS_OK ||
	    (st = der_get_expect(&cert, DER_SEQUENCE, &tbs_tlv)) != STATUS_OK)
		goto fail;
	c->der = der;
	c->der_len = n;
	c->tbs = tbs_tlv.raw;
	c->tbs_len = tbs_tlv.rawlen;
	der_reader_init(&tbs, tbs_tlv.data, tbs_tlv.len);
	if ((st = x509_get_tbs(&tbs, c)) != STATUS_OK)
		goto fail;
	if ((st = x509_get_algid(&cert, &c->sig_oid)) != STATUS_OK ||
	    (st = der_get_bits(&cert, &c->sig, &c->sig_len, &unused)) !=
	    STATUS_OK || (st = der_reader_done(&cert)) != STATUS_OK)
		goto fail;
	if (unused != 0) {
		st = STATUS_MALFORMED;
		goto fail;
	}
	x509_cert_fill_empty(c);
	return STATUS_OK;
fail:
	x509_cert_free(c);
	return st == STATUS_UNSUPPORTED ? st : STATUS_MALFORMED;
}

void
x509_cert_free(struct x509_cert *c)
{
	if (c == NULL)
		return;
	free(c->issuer_cn);
	free(c->subject_cn);
	free(c->subject_org);
	free(c->subject_serial);
	free(c->sig_oid);
	crypto_key_free(c->key);
	memset(c, 0, sizeof *c);
}

enum status
x509_cert_check_issued(const struct x509_cert *cert,
    const struct x509_cert *issuer)
{
	if (cert->issuer_len != issuer->subject_len ||
	    memcmp(cert->issuer, issuer->subject, cert->issuer_len) != 0)
		return STATUS_BAD_SIGNATURE;
	return x509_verify_data(issuer->key, cert->sig_oid, cert->tbs,
	    cert->tbs_len, cert->sig, cert->sig_len) == STATUS_OK ?
	    STATUS_OK : STATUS_BAD_SIGNATURE;
}

int
x509_cert_same(const struct x509_cert *a, const struct x509_cert *b)
{
	return a->der_len == b->der_len &&
	    memcmp(a->der, b->der, a->der_len) == 0;
}
