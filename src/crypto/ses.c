/*
 * ses.c -- SESeal and SES_Signature of GB/T 38540-2020 (version 4), in
 * DER: writing the ones this product makes, reading anyone's.
 *
 *   SESeal ::= SEQUENCE {
 *     eSealInfo    SES_SealInfo,
 *     cert         OCTET STRING,        the maker's certificate
 *     signAlgID    OBJECT IDENTIFIER,
 *     signedValue  BIT STRING }         over DER(eSealInfo)
 *   SES_SealInfo ::= SEQUENCE {
 *     header    SEQUENCE { ID IA5String "ES", version INTEGER 4,
 *                          Vid IA5String },
 *     esID      IA5String,
 *     property  SEQUENCE { type INTEGER, name UTF8String,
 *                          certListType INTEGER,
 *                          certList SEQUENCE OF OCTET STRING (type 1)
 *                            or SEQUENCE OF SEQUENCE { PrintableString,
 *                                                OCTET STRING } (type 2),
 *                          createDate, validStart, validEnd
 *                            GeneralizedTime },
 *     picture   SEQUENCE { type IA5String, data OCTET STRING,
 *                          width INTEGER, height INTEGER },  in mm
 *     extDatas  ExtensionDatas OPTIONAL }
 *
 *   SES_Signature ::= SEQUENCE {
 *     toSign          TBS_Sign,
 *     cert            OCTET STRING,     the signer's certificate
 *     signatureAlgID  OBJECT IDENTIFIER,
 *     signature       BIT STRING,       over DER(toSign)
 *     timeStamp       [0] EXPLICIT BIT STRING OPTIONAL }
 *   TBS_Sign ::= SEQUENCE {
 *     version      INTEGER 4,
 *     eseal        SESeal,
 *     timeInfo     GeneralizedTime,
 *     dataHash     BIT STRING,          SM3 of the protected data
 *     propertyInfo IA5String,
 *     extDatas     [0] EXPLICIT ExtensionDatas OPTIONAL }
 *   ExtensionDatas ::= SEQUENCE OF SEQUENCE {
 *     extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
 *     extnValue OCTET STRING }
 *
 * Reading is lenient only where vendors are known to differ: extDatas
 * with or without the [0] tag.  It must not verify anything (that is
 * ses_verify.c), nor accept data that is not DER.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/ses_private.h"

/* -- SESeal ---------------------------------------------------------------- */

static void
ses_put_property(struct der_writer *w, const struct ses_seal_in *in)
{
	der_begin(w, DER_SEQUENCE);
	der_put_uint(w, SES_SEAL_TYPE_ORG);
	der_put_utf8(w, in->name);
	der_put_uint(w, SES_CERTLIST_CERTS);
	der_begin(w, DER_SEQUENCE);
	der_put_octets(w, in->cert, in->cert_len);
	der_end(w);
	der_put_gtime(w, in->created);
	der_put_gtime(w, in->valid_from);
	der_put_gtime(w, in->valid_to);
	der_end(w);
}

static enum status
ses_seal_info(const struct ses_seal_in *in, unsigned char **der, size_t *n)
{
	struct der_writer w;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_begin(&w, DER_SEQUENCE);
	der_put_ia5(&w, SES_HEADER_ID);
	der_put_uint(&w, SES_VERSION);
	der_put_ia5(&w, SES_VENDOR_ID);
	der_end(&w);
	der_put_ia5(&w, in->es_id);
	ses_put_property(&w, in);
	der_begin(&w, DER_SEQUENCE);
	der_put_ia5(&w, SES_PICTURE_PNG);
	der_put_octets(&w, in->picture, in->picture_len);
	der_put_uint(&w, in->width_mm);
	der_put_uint(&w, in->height_mm);
	der_end(&w);
	der_end(&w);
	return der_writer_finish(&w, der, n);
}

enum status
ses_seal_make(const struct ses_seal_in *in, const unsigned char *maker_cert,
    size_t maker_cert_len, const struct crypto_key *maker_key,
    unsigned char **der, size_t *n)
{
	unsigned char *info = NULL, *sig = NULL;
	size_t infolen = 0, siglen = 0;
	struct der_writer w;
	enum status st;

	*der = NULL;
	if ((st = ses_seal_info(in, &info, &infolen)) != STATUS_OK ||
	    (st = crypto_sign(maker_key, info, infolen, &sig, &siglen)) !=
	    STATUS_OK)
		goto out;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, info, infolen);
	der_put_octets(&w, maker_cert, maker_cert_len);
	der_put_oid(&w, crypto_key_sig_oid(maker_key));
	der_put_bits(&w, sig, siglen, 0);
	der_end(&w);
	st = der_writer_finish(&w, der, n);
out:
	free(info);
	free(sig);
	return st;
}

static enum status
ses_get_header(struct der_reader *r, struct ses_seal *s)
{
	struct der_reader h;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &h)) != STATUS_OK ||
	    (st = der_get_string(&h, DER_IA5STRING, &s->header_id)) !=
	    STATUS_OK || (st = der_get_uint(&h, &s->version)) != STATUS_OK ||
	    (st = der_get_string(&h, DER_IA5STRING, &s->vendor)) !=
	    STATUS_OK)
		return st;
	return der_reader_done(&h);
}

/* The certificate list: certificates (type 1) or digests (type 2). */
static enum status
ses_get_certlist(struct der_reader *r, struct ses_seal *s)
{
	struct der_reader list, count, obj;
	struct der_tlv skip;
	size_t n = 0, i;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &list)) != STATUS_OK)
		return st;
	count = list;
	while (!der_reader_empty(&count) && der_get_tlv(&count, &skip) ==
	    STATUS_OK)
		n++;
	s->listed = xcalloc(n ? n : 1, sizeof *s->listed);
	for (i = 0; i < n; i++) {
		struct ses_listed *l = &s->listed[i];

		if (s->cert_list_type == SES_CERTLIST_DIGESTS) {
			if ((st = der_enter(&list, DER_SEQUENCE, &obj)) !=
			    STATUS_OK || (st = der_get_string(&obj,
			    DER_PRINTABLESTRING, &l->digest_alg)) !=
			    STATUS_OK || (st = der_get_octets(&obj, &l->p,
			    &l->n)) != STATUS_OK ||
			    (st = der_reader_done(&obj)) != STATUS_OK)
				return st;
		} else if ((st = der_get_octets(&list, &l->p, &l->n)) !=
		    STATUS_OK) {
			return st;
		}
		s->n_listed = i + 1;
	}
	return der_reader_done(&list);
}

static enum status
ses_get_property(struct der_reader *r, struct ses_seal *s)
{
	struct der_reader p;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &p)) != STATUS_OK ||
	    (st = der_get_uint(&p, &s->type)) != STATUS_OK ||
	    (st = der_get_string(&p, DER_UTF8STRING, &s->name)) != STATUS_OK ||
	    (st = der_get_uint(&p, &s->cert_list_type)) != STATUS_OK)
		return st;
	if (s->cert_list_type != SES_CERTLIST_CERTS &&
	    s->cert_list_type != SES_CERTLIST_DIGESTS)
		return STATUS_MALFORMED;
	if ((st = ses_get_certlist(&p, s)) != STATUS_OK ||
	    (st = der_get_time(&p, &s->created)) != STATUS_OK ||
	    (st = der_get_time(&p, &s->valid_from)) != STATUS_OK ||
	    (st = der_get_time(&p, &s->valid_to)) != STATUS_OK)
		return st;
	return der_reader_done(&p);
}

static enum status
ses_get_picture(struct der_reader *r, struct ses_seal *s)
{
	struct der_reader p;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &p)) != STATUS_OK ||
	    (st = der_get_string(&p, DER_IA5STRING, &s->picture_type)) !=
	    STATUS_OK || (st = der_get_octets(&p, &s->picture,
	    &s->picture_len)) != STATUS_OK ||
	    (st = der_get_uint(&p, &s->width_mm)) != STATUS_OK ||
	    (st = der_get_uint(&p, &s->height_mm)) != STATUS_OK)
		return st;
	return der_reader_done(&p);
}

static enum status
ses_get_seal_info(struct der_reader *r, struct ses_seal *s)
{
	struct der_reader info;
	struct der_tlv tlv, ext;
	enum status st;

	if ((st = der_get_expect(r, DER_SEQUENCE, &tlv)) != STATUS_OK)
		return st;
	s->info = tlv.raw;
	s->info_len = tlv.rawlen;
	der_reader_init(&info, tlv.data, tlv.len);
	if ((st = ses_get_header(&info, s)) != STATUS_OK)
		return st;
	if (s->version != SES_VERSION)
		return STATUS_UNSUPPORTED;
	if ((st = der_get_string(&info, DER_IA5STRING, &s->es_id)) !=
	    STATUS_OK || (st = ses_get_property(&info, s)) != STATUS_OK ||
	    (st = ses_get_picture(&info, s)) != STATUS_OK)
		return st;
	/* extDatas, tagged or not: read past, nothing of ours is there. */
	if (!der_reader_empty(&info) &&
	    (st = der_get_tlv(&info, &ext)) != STATUS_OK)
		return st;
	return der_reader_done(&info);
}

enum status
ses_seal_parse(const unsigned char *der, size_t n, struct ses_seal *s)
{
	struct der_reader top, seal;
	unsigned unused = 0;
	enum status st;

	memset(s, 0, sizeof *s);
	der_reader_init(&top, der, n);
	if ((st = der_enter(&top, DER_SEQUENCE, &seal)) != STATUS_OK ||
	    (st = der_reader_done(&top)) != STATUS_OK)
		goto fail;
	s->der = der;
	s->der_len = n;
	if ((st = ses_get_seal_info(&seal, s)) != STATUS_OK ||
	    (st = der_get_octets(&seal, &s->maker_cert,
	    &s->maker_cert_len)) != STATUS_OK ||
	    (st = der_get_oid(&seal, &s->sig_oid)) != STATUS_OK ||
	    (st = der_get_bits(&seal, &s->sig, &s->sig_len, &unused)) !=
	    STATUS_OK || (st = der_reader_done(&seal)) != STATUS_OK)
		goto fail;
	if (unused == 0)
		return STATUS_OK;
	st = STATUS_MALFORMED;
fail:
	ses_seal_free(s);
	return st == STATUS_UNSUPPORTED ? st : STATUS_MALFORMED;
}

void
ses_seal_free(struct ses_seal *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; s->listed != NULL && i < s->n_listed; i++)
		free(s->listed[i].digest_alg);
	free(s->listed);
	free(s->header_id);
	free(s->vendor);
	free(s->es_id);
	free(s->name);
	free(s->picture_type);
	free(s->sig_oid);
	memset(s, 0, sizeof *s);
}

/* -- SES_Signature --------------------------------------------------------- */

/* The protected information as TBS_Sign's [0] extDatas. */
static enum status
ses_put_ext(struct der_writer *w, const struct ses_protected *p)
{
	unsigned char *v = NULL;
	size_t n = 0;
	enum status st;

	if ((st = ses_protected_encode(p, &v, &n)) != STATUS_OK)
		return st;
	der_begin(w, DER_CONTEXT(0));
	der_begin(w, DER_SEQUENCE);
	der_begin(w, DER_SEQUENCE);
	ses_put_protected_oid(w);
	der_put_octets(w, v, n);
	der_end(w);
	der_end(w);
	der_end(w);
	free(v);
	return STATUS_OK;
}

static enum status
ses_tbs(const struct ses_sign_in *in, unsigned char **der, size_t *n)
{
	struct der_writer w;
	enum status st;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, SES_VERSION);
	der_put_raw(&w, in->seal, in->seal_len);
	der_put_gtime(&w, in->time);
	der_put_bits(&w, in->data_hash, CRYPTO_SM3_LEN, 0);
	der_put_ia5(&w, in->property);
	if (in->protected != NULL &&
	    (st = ses_put_ext(&w, in->protected)) != STATUS_OK) {
		der_writer_free(&w);
		return st;
	}
	der_end(&w);
	return der_writer_finish(&w, der, n);
}

enum status
ses_sign(const struct ses_sign_in *in, const struct crypto_key *key,
    unsigned char **der, size_t *n)
{
	unsigned char *tbs = NULL, *sig = NULL;
	size_t tbslen = 0, siglen = 0;
	struct der_writer w;
	enum status st;

	*der = NULL;
	if ((st = ses_tbs(in, &tbs, &tbslen)) != STATUS_OK ||
	    (st = crypto_sign(key, tbs, tbslen, &sig, &siglen)) != STATUS_OK)
		goto out;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_raw(&w, tbs, tbslen);
	der_put_octets(&w, in->cert, in->cert_len);
	der_put_oid(&w, crypto_key_sig_oid(key));
	der_put_bits(&w, sig, siglen, 0);
	der_end(&w);
	st = der_writer_finish(&w, der, n);
out:
	free(tbs);
	free(sig);
	return st;
}

/* One ExtData: ours is decoded, others counted and read past. */
static enum status
ses_get_ext(struct der_reader *exts, struct ses_signature *s)
{
	const unsigned char *v;
	struct der_reader e;
	struct der_tlv oid;
	int critical = 0;
	size_t n;
	enum status st;

	if ((st = der_enter(exts, DER_SEQUENCE, &e)) != STATUS_OK ||
	    (st = der_get_expect(&e, DER_OID, &oid)) != STATUS_OK)
		return st;
	if (der_next_is(&e, DER_BOOLEAN) &&
	    (st = der_get_bool(&e, &critical)) != STATUS_OK)
		return st;
	if ((st = der_get_octets(&e, &v, &n)) != STATUS_OK ||
	    (st = der_reader_done(&e)) != STATUS_OK)
		return st;
	s->n_ext++;
	if (!ses_oid_is_protected(oid.data, oid.len))
		return STATUS_OK;
	if (s->has_protected)
		return STATUS_MALFORMED;	/* ours, twice */
	if ((st = ses_protected_parse(v, n, &s->protected)) != STATUS_OK)
		return st;
	s->has_protected = 1;
	return STATUS_OK;
}

static enum status
ses_get_exts(struct der_reader *tbs, struct ses_signature *s)
{
	struct der_reader tagged, exts;
	enum status st;

	if (der_next_is(tbs, DER_CONTEXT(0))) {
		if ((st = der_enter(tbs, DER_CONTEXT(0), &tagged)) !=
		    STATUS_OK || (st = der_enter(&tagged, DER_SEQUENCE,
		    &exts)) != STATUS_OK || (st = der_reader_done(&tagged)) !=
		    STATUS_OK)
			return st;
	} else if (der_next_is(tbs, DER_SEQUENCE)) {
		if ((st = der_enter(tbs, DER_SEQUENCE, &exts)) != STATUS_OK)
			return st;
	} else {
		return STATUS_OK;
	}
	while (!der_reader_empty(&exts))
		if ((st = ses_get_ext(&exts, s)) != STATUS_OK)
			return st;
	return STATUS_OK;
}

static enum status
ses_get_tbs(struct der_reader *r, struct ses_signature *s)
{
	struct der_reader tbs;
	struct der_tlv tlv, seal;
	unsigned unused = 0;
	enum status st;

	if ((st = der_get_expect(r, DER_SEQUENCE, &tlv)) != STATUS_OK)
		return st;
	s->tbs = tlv.raw;
	s->tbs_len = tlv.rawlen;
	der_reader_init(&tbs, tlv.data, tlv.len);
	if ((st = der_get_uint(&tbs, &s->version)) != STATUS_OK)
		return st;
	if (s->version != SES_VERSION)
		return STATUS_UNSUPPORTED;
	if ((st = der_get_expect(&tbs, DER_SEQUENCE, &seal)) != STATUS_OK ||
	    (st = ses_seal_parse(seal.raw, seal.rawlen, &s->seal)) !=
	    STATUS_OK)
		return st;
	if ((st = der_get_time(&tbs, &s->time)) != STATUS_OK ||
	    (st = der_get_bits(&tbs, &s->data_hash, &s->data_hash_len,
	    &unused)) != STATUS_OK ||
	    (st = der_get_string(&tbs, DER_IA5STRING, &s->property)) !=
	    STATUS_OK || (st = ses_get_exts(&tbs, s)) != STATUS_OK)
		return st;
	if (unused != 0)
		return STATUS_MALFORMED;
	return der_reader_done(&tbs);
}

enum status
ses_signature_parse(const unsigned char *der, size_t n,
    struct ses_signature *s)
{
	struct der_reader top, sig;
	struct der_tlv ts;
	unsigned unused = 0;
	enum status st;

	memset(s, 0, sizeof *s);
	der_reader_init(&top, der, n);
	if ((st = der_enter(&top, DER_SEQUENCE, &sig)) != STATUS_OK ||
	    (st = der_reader_done(&top)) != STATUS_OK)
		goto fail;
	s->der = der;
	s->der_len = n;
	if ((st = ses_get_tbs(&sig, s)) != STATUS_OK ||
	    (st = der_get_octets(&sig, &s->cert, &s->cert_len)) !=
	    STATUS_OK || (st = der_get_oid(&sig, &s->sig_oid)) != STATUS_OK ||
	    (st = der_get_bits(&sig, &s->sig, &s->sig_len, &unused)) !=
	    STATUS_OK)
		goto fail;
	if (der_next_is(&sig, DER_CONTEXT(0))) {
		if ((st = der_get_tlv(&sig, &ts)) != STATUS_OK)
			goto fail;
		s->has_timestamp = 1;
	}
	if ((st = der_reader_done(&sig)) == STATUS_OK && unused == 0)
		return STATUS_OK;
	st = STATUS_MALFORMED;
fail:
	ses_signature_free(s);
	return st == STATUS_UNSUPPORTED ? st : STATUS_MALFORMED;
}

void
ses_signature_free(struct ses_signature *s)
{
	if (s == NULL)
		return;
	ses_seal_free(&s->seal);
	free(s->property);
	free(s->sig_oid);
	if (s->has_protected)
		ses_protected_free(&s->protected);
	memset(s, 0, sizeof *s);
}
