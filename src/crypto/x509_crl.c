/*
 * x509_crl.c -- certificate revocation lists (RFC 5280, version 2): the
 * office signs one listing its suspended and revoked seal certificates,
 * and other bodies' lists are read from media, since nothing can be
 * fetched online.
 *
 *   SEQUENCE {
 *     SEQUENCE {                          TBSCertList, what is signed
 *       INTEGER 1                         version 2
 *       SEQUENCE { OID sig-alg }
 *       Name issuer                       the issuer's subject, verbatim
 *       Time thisUpdate
 *       Time nextUpdate                   optional
 *       SEQUENCE OF SEQUENCE {            left out when empty
 *         INTEGER serial, Time revocationDate,
 *         SEQUENCE { SEQUENCE { OID reasonCode,
 *                               OCTET STRING { ENUMERATED } } }
 *       }
 *       [0] { SEQUENCE { cRLNumber } }
 *     }
 *     SEQUENCE { OID sig-alg }
 *     BIT STRING signature
 *   }
 *
 * It must not judge a certificate: x509_crl_find() only says what the
 * list says about one serial number.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"

#define X509_OID_CRL_NUMBER	"2.5.29.20"
#define X509_OID_CRL_REASON	"2.5.29.21"
#define X509_DER_ENUMERATED	0x0a

/* -- Writing --------------------------------------------------------------- */

static void
x509_crl_put_entry(struct der_writer *w, const struct x509_revoked *e)
{
	unsigned char reason = (unsigned char) e->reason;
	unsigned char enc[3] = { X509_DER_ENUMERATED, 1, 0 };

	enc[2] = reason;
	der_begin(w, DER_SEQUENCE);
	der_put_uint(w, e->serial);
	der_put_time(w, e->when);
	der_begin(w, DER_SEQUENCE);
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, X509_OID_CRL_REASON);
	der_put_octets(w, enc, sizeof enc);
	der_end(w);
	der_end(w);
	der_end(w);
}

static void
x509_crl_put_number(struct der_writer *w, uint64_t number)
{
	struct der_writer in;
	unsigned char *v = NULL;
	size_t n = 0;

	der_writer_init(&in);
	der_put_uint(&in, number);
	if (der_writer_finish(&in, &v, &n) != STATUS_OK)
		return;
	der_begin(w, DER_CONTEXT(0));
	der_begin(w, DER_SEQUENCE);
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, X509_OID_CRL_NUMBER);
	der_put_octets(w, v, n);
	der_end(w);
	der_end(w);
	der_end(w);
	free(v);
}

/* The TBSCertList into W. */
static void
x509_crl_tbs(struct der_writer *w, const struct x509_cert *issuer,
    const char *alg, uint64_t number, int64_t this_update,
    int64_t next_update, const struct x509_revoked *list, size_t n)
{
	size_t i;

	der_begin(w, DER_SEQUENCE);
	der_put_uint(w, 1);
	der_begin(w, DER_SEQUENCE);
	der_put_oid(w, alg);
	der_end(w);
	der_put_raw(w, issuer->subject, issuer->subject_len);
	der_put_time(w, this_update);
	if (next_update != 0)
		der_put_time(w, next_update);
	if (n > 0) {
		der_begin(w, DER_SEQUENCE);
		for (i = 0; i < n; i++)
			x509_crl_put_entry(w, &list[i]);
		der_end(w);
	}
	x509_crl_put_number(w, number);
	der_end(w);
}

enum status
x509_crl_issue(const struct x509_cert *issuer,
    const struct crypto_key *issuer_key, uint64_t number,
    int64_t this_update, int64_t next_update,
    const struct x509_revoked *list, size_t n, unsigned char **der,
    size_t *len)
{
	unsigned char *tbs = NULL, *sig = NULL;
	size_t tbslen = 0, siglen = 0;
	const char *alg = crypto_key_sig_oid(issuer_key);
	struct der_writer w;
	enum status st;

	der_writer_init(&w);
	x509_crl_tbs(&w, issuer, alg, number, this_update, next_update, list,
	    n);
	if ((st = der_writer_finish(&w, &tbs, &tbslen)) != STATUS_OK ||
	    (st = crypto_sign(issuer_key, tbs, tbslen, &sig, &siglen)) !=
	    STATUS_OK)
		goto out;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, tbs, tbslen);
	der_begin(&w, DER_SEQUENCE);
	der_put_oid(&w, alg);
	der_end(&w);
	der_put_bits(&w, sig, siglen, 0);
	der_end(&w);
	st = der_writer_finish(&w, der, len);
out:
	free(tbs);
	free(sig);
	return st;
}

/* -- Reading --------------------------------------------------------------- */

/* The reasonCode among an entry's extensions, if any. */
static enum status
x509_crl_get_reason(struct der_reader *exts, int *reason)
{
	const unsigned char *v;
	struct der_reader e, in;
	struct der_tlv en;
	char *oid = NULL;
	int critical = 0;
	size_t n;
	enum status st = STATUS_OK;

	while (st == STATUS_OK && !der_reader_empty(exts)) {
		if ((st = der_enter(exts, DER_SEQUENCE, &e)) != STATUS_OK ||
		    (st = der_get_oid(&e, &oid)) != STATUS_OK)
			break;
		if (der_next_is(&e, DER_BOOLEAN))
			st = der_get_bool(&e, &critical);
		if (st == STATUS_OK)
			st = der_get_octets(&e, &v, &n);
		if (st == STATUS_OK && strcmp(oid, X509_OID_CRL_REASON) == 0) {
			der_reader_init(&in, v, n);
			st = der_get_expect(&in, X509_DER_ENUMERATED, &en);
			if (st == STATUS_OK && en.len == 1)
				*reason = en.data[0];
		}
		free(oid);
		oid = NULL;
	}
	return st;
}

static enum status
x509_crl_get_entry(struct der_reader *list, struct x509_crl_entry *e)
{
	struct der_reader seq, exts;
	enum status st;

	e->reason = -1;
	if ((st = der_enter(list, DER_SEQUENCE, &seq)) != STATUS_OK ||
	    (st = der_get_integer(&seq, &e->serial, &e->serial_len)) !=
	    STATUS_OK || (st = der_get_time(&seq, &e->when)) != STATUS_OK)
		return st;
	if (der_next_is(&seq, DER_SEQUENCE)) {
		if ((st = der_enter(&seq, DER_SEQUENCE, &exts)) != STATUS_OK ||
		    (st = x509_crl_get_reason(&exts, &e->reason)) !=
		    STATUS_OK)
			return st;
	}
	return der_reader_done(&seq);
}

static enum status
x509_crl_get_entries(struct der_reader *tbs, struct x509_crl *crl)
{
	struct der_reader list, count;
	struct der_tlv skip;
	size_t n = 0, i;
	enum status st;

	if (!der_next_is(tbs, DER_SEQUENCE))
		return STATUS_OK;
	if ((st = der_enter(tbs, DER_SEQUENCE, &list)) != STATUS_OK)
		return st;
	count = list;
	while (!der_reader_empty(&count) && der_get_tlv(&count, &skip) ==
	    STATUS_OK)
		n++;
	crl->entries = xcalloc(n ? n : 1, sizeof *crl->entries);
	for (i = 0; i < n; i++)
		if ((st = x509_crl_get_entry(&list, &crl->entries[i])) !=
		    STATUS_OK)
			return st;
	crl->n_entries = n;
	return der_reader_done(&list);
}

/* The cRLNumber among the list's extensions, if any. */
static enum status
x509_crl_get_number(struct der_reader *tbs, struct x509_crl *crl)
{
	const unsigned char *v;
	struct der_reader x0, exts, e, in;
	char *oid = NULL;
	int critical = 0;
	size_t n;
	enum status st;

	if (!der_next_is(tbs, DER_CONTEXT(0)))
		return STATUS_OK;
	if ((st = der_enter(tbs, DER_CONTEXT(0), &x0)) != STATUS_OK ||
	    (st = der_enter(&x0, DER_SEQUENCE, &exts)) != STATUS_OK)
		return st;
	while (st == STATUS_OK && !der_reader_empty(&exts)) {
		if ((st = der_enter(&exts, DER_SEQUENCE, &e)) != STATUS_OK ||
		    (st = der_get_oid(&e, &oid)) != STATUS_OK)
			break;
		if (der_next_is(&e, DER_BOOLEAN))
			st = der_get_bool(&e, &critical);
		if (st == STATUS_OK)
			st = der_get_octets(&e, &v, &n);
		if (st == STATUS_OK && strcmp(oid, X509_OID_CRL_NUMBER) == 0) {
			der_reader_init(&in, v, n);
			st = der_get_uint(&in, &crl->number);
		}
		free(oid);
		oid = NULL;
	}
	return st;
}

static enum status
x509_crl_get_tbs(struct der_reader *tbs, struct x509_crl *crl)
{
	struct der_tlv issuer;
	uint64_t version = 0;
	char *alg = NULL;
	enum status st;

	if (der_next_is(tbs, DER_INTEGER) &&
	    ((st = der_get_uint(tbs, &version)) != STATUS_OK || version != 1))
		return STATUS_MALFORMED;
	if ((st = x509_get_algid(tbs, &alg)) != STATUS_OK)
		return st;
	free(alg);
	if ((st = der_get_expect(tbs, DER_SEQUENCE, &issuer)) != STATUS_OK ||
	    (st = der_get_time(tbs, &crl->this_update)) != STATUS_OK)
		return st;
	crl->issuer = issuer.raw;
	crl->issuer_len = issuer.rawlen;
	if ((der_next_is(tbs, DER_UTCTIME) ||
	    der_next_is(tbs, DER_GENERALIZEDTIME)) &&
	    (st = der_get_time(tbs, &crl->next_update)) != STATUS_OK)
		return st;
	if ((st = x509_crl_get_entries(tbs, crl)) != STATUS_OK ||
	    (st = x509_crl_get_number(tbs, crl)) != STATUS_OK)
		return st;
	return der_reader_done(tbs);
}

enum status
x509_crl_parse(const unsigned char *der, size_t n, struct x509_crl *crl)
{
	struct der_reader top, list, tbs;
	struct der_tlv tbs_tlv;
	unsigned unused = 0;
	enum status st;

	memset(crl, 0, sizeof *crl);
	der_reader_init(&top, der, n);
	if ((st = der_enter(&top, DER_SEQUENCE, &list)) != STATUS_OK ||
	    (st = der_reader_done(&top)) != STATUS_OK ||
	    (st = der_get_expect(&list, DER_SEQUENCE, &tbs_tlv)) != STATUS_OK)
		goto fail;
	crl->der = der;
	crl->der_len = n;
	crl->tbs = tbs_tlv.raw;
	crl->tbs_len = tbs_tlv.rawlen;
	der_reader_init(&tbs, tbs_tlv.data, tbs_tlv.len);
	if ((st = x509_crl_get_tbs(&tbs, crl)) != STATUS_OK ||
	    (st = x509_get_algid(&list, &crl->sig_oid)) != STATUS_OK ||
	    (st = der_get_bits(&list, &crl->sig, &crl->sig_len, &unused)) !=
	    STATUS_OK || (st = der_reader_done(&list)) != STATUS_OK)
		goto fail;
	if (unused == 0)
		return STATUS_OK;
fail:
	x509_crl_free(crl);
	return STATUS_MALFORMED;
}

void
x509_crl_free(struct x509_crl *crl)
{
	if (crl == NULL)
		return;
	free(crl->entries);
	free(crl->sig_oid);
	memset(crl, 0, sizeof *crl);
}

enum status
x509_crl_check_issued(const struct x509_crl *crl,
    const struct x509_cert *issuer)
{
	if (crl->issuer_len != issuer->subject_len ||
	    memcmp(crl->issuer, issuer->subject, crl->issuer_len) != 0)
		return STATUS_BAD_SIGNATURE;
	return x509_verify_data(issuer->key, crl->sig_oid, crl->tbs,
	    crl->tbs_len, crl->sig, crl->sig_len) == STATUS_OK ?
	    STATUS_OK : STATUS_BAD_SIGNATURE;
}

const struct x509_crl_entry *
x509_crl_find(const struct x509_crl *crl, const struct x509_cert *cert)
{
	size_t i;

	if (crl->issuer_len != cert->issuer_len ||
	    memcmp(crl->issuer, cert->issuer, crl->issuer_len) != 0)
		return NULL;
	for (i = 0; i < crl->n_entries; i++)
		if (crl->entries[i].serial_len == cert->serial_len &&
		    memcmp(crl->entries[i].serial, cert->serial,
		    cert->serial_len) == 0)
			return &crl->entries[i];
	return NULL;
}
