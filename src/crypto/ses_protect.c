/*
 * ses_protect.c -- the protected information: the ExtData this product
 * puts in every TBS_Sign, binding the signature to exactly what was
 * approved and sealed, not only to a file's hash.
 *
 *   EsealProtected ::= SEQUENCE {
 *     version      INTEGER 1,
 *     dataKind     INTEGER { pdf(1), canonicalContent(2) },
 *     document     SEQUENCE { id INTEGER, version INTEGER,
 *                             number UTF8String },
 *     contentSM3   OCTET STRING (32),   canonical content of the version
 *     pdfSM3       OCTET STRING (0 or 32),  the rendered PDF, if any
 *     seal         SEQUENCE { regNo UTF8String,
 *                             impressionSM3 OCTET STRING (32) },
 *     position     SEQUENCE { page INTEGER, x INTEGER, y INTEGER,
 *                             diameter INTEGER },  micrometres, from
 *                                                  the page's top left
 *     signer       Person,
 *     custody      INTEGER,             0, or the proxy custody's id
 *     issuer       Person,
 *     issuedAt     GeneralizedTime,
 *     approvals    SEQUENCE { count INTEGER, chainSM3 OCTET STRING (32) },
 *     copies       INTEGER }
 *   Person ::= SEQUENCE { id INTEGER, login UTF8String, name UTF8String }
 *
 * The object identifier is SES_OID_PROTECTED.  The verifier never needs
 * this to judge a signature (other vendors' have none); it shows it, and
 * checks that what it says about the PDF agrees with the data hash.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/ses_private.h"

#define SES_PROTECTED_VERSION	1

/* The content octets of SES_OID_PROTECTED (2.25 and a 128-bit UUID). */
static const unsigned char ses_oid_protected[] = {
	0x69, 0x83, 0xe5, 0xe9, 0xfb, 0x98, 0xb3, 0x9a, 0x8a, 0xaa,
	0xb3, 0x8a, 0xfa, 0xd5, 0x9a, 0xaa, 0xdf, 0xec, 0xc6, 0x0a
};

void
ses_put_protected_oid(struct der_writer *w)
{
	der_put_tlv(w, DER_OID, ses_oid_protected, sizeof ses_oid_protected);
}

int
ses_oid_is_protected(const unsigned char *p, size_t n)
{
	return n == sizeof ses_oid_protected &&
	    memcmp(p, ses_oid_protected, n) == 0;
}

static void
ses_put_person(struct der_writer *w, const struct ses_person *p)
{
	der_begin(w, DER_SEQUENCE);
	der_put_uint(w, p->id);
	der_put_utf8(w, p->login != NULL ? p->login : "");
	der_put_utf8(w, p->name != NULL ? p->name : "");
	der_end(w);
}

enum status
ses_protected_encode(const struct ses_protected *p, unsigned char **der,
    size_t *n)
{
	struct der_writer w;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, SES_PROTECTED_VERSION);
	der_put_uint(&w, p->data_kind);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, p->doc_id);
	der_put_uint(&w, p->doc_version);
	der_put_utf8(&w, p->doc_number != NULL ? p->doc_number : "");
	der_end(&w);
	der_put_octets(&w, p->content_sm3, 32);
	der_put_octets(&w, p->pdf_sm3, p->has_pdf ? 32 : 0);
	der_begin(&w, DER_SEQUENCE);
	der_put_utf8(&w, p->seal_regno != NULL ? p->seal_regno : "");
	der_put_octets(&w, p->impression_sm3, 32);
	der_end(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, p->page);
	der_put_uint(&w, p->x_um);
	der_put_uint(&w, p->y_um);
	der_put_uint(&w, p->diameter_um);
	der_end(&w);
	ses_put_person(&w, &p->signer);
	der_put_uint(&w, p->custody_id);
	ses_put_person(&w, &p->issuer);
	der_put_gtime(&w, p->issued_at);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, p->approvals);
	der_put_octets(&w, p->chain_sm3, 32);
	der_end(&w);
	der_put_uint(&w, p->copies);
	der_end(&w);
	return der_writer_finish(&w, der, n);
}

/* -- Reading --------------------------------------------------------------- */

static enum status
ses_get_u32(struct der_reader *r, uint32_t *v)
{
	uint64_t x;
	enum status st;

	if ((st = der_get_uint(r, &x)) != STATUS_OK)
		return st;
	if (x > UINT32_MAX)
		return STATUS_MALFORMED;
	*v = (uint32_t) x;
	return STATUS_OK;
}

/* An OCTET STRING of exactly 32 bytes (or, with MAY_BE_EMPTY, none:
 * *PRESENT says which). */
static enum status
ses_get_hash(struct der_reader *r, unsigned char out[32], int may_be_empty,
    int *present)
{
	const unsigned char *p;
	size_t n;
	enum status st;

	if ((st = der_get_octets(r, &p, &n)) != STATUS_OK)
		return st;
	if (n == 0 && may_be_empty) {
		*present = 0;
		return STATUS_OK;
	}
	if (n != 32)
		return STATUS_MALFORMED;
	memcpy(out, p, 32);
	if (present != NULL)
		*present = 1;
	return STATUS_OK;
}

static enum status
ses_get_person(struct der_reader *r, struct ses_person *p)
{
	struct der_reader s;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &s)) != STATUS_OK ||
	    (st = der_get_uint(&s, &p->id)) != STATUS_OK ||
	    (st = der_get_string(&s, DER_UTF8STRING, &p->login)) !=
	    STATUS_OK ||
	    (st = der_get_string(&s, DER_UTF8STRING, &p->name)) != STATUS_OK)
		return st;
	return der_reader_done(&s);
}

static enum status
ses_get_document(struct der_reader *r, struct ses_protected *p)
{
	struct der_reader s;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &s)) != STATUS_OK ||
	    (st = der_get_uint(&s, &p->doc_id)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->doc_version)) != STATUS_OK ||
	    (st = der_get_string(&s, DER_UTF8STRING, &p->doc_number)) !=
	    STATUS_OK)
		return st;
	return der_reader_done(&s);
}

static enum status
ses_get_seal_part(struct der_reader *r, struct ses_protected *p)
{
	struct der_reader s;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &s)) != STATUS_OK ||
	    (st = der_get_string(&s, DER_UTF8STRING, &p->seal_regno)) !=
	    STATUS_OK ||
	    (st = ses_get_hash(&s, p->impression_sm3, 0, NULL)) != STATUS_OK)
		return st;
	return der_reader_done(&s);
}

static enum status
ses_get_position(struct der_reader *r, struct ses_protected *p)
{
	struct der_reader s;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &s)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->page)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->x_um)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->y_um)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->diameter_um)) != STATUS_OK)
		return st;
	return der_reader_done(&s);
}

static enum status
ses_get_approvals(struct der_reader *r, struct ses_protected *p)
{
	struct der_reader s;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &s)) != STATUS_OK ||
	    (st = ses_get_u32(&s, &p->approvals)) != STATUS_OK ||
	    (st = ses_get_hash(&s, p->chain_sm3, 0, NULL)) != STATUS_OK)
		return st;
	return der_reader_done(&s);
}

static enum status
ses_protected_read(struct der_reader *s, struct ses_protected *p)
{
	uint64_t version = 0;
	enum status st;

	if ((st = der_get_uint(s, &version)) != STATUS_OK)
		return st;
	if (version != SES_PROTECTED_VERSION)
		return STATUS_UNSUPPORTED;
	if ((st = ses_get_u32(s, &p->data_kind)) != STATUS_OK ||
	    (st = ses_get_document(s, p)) != STATUS_OK ||
	    (st = ses_get_hash(s, p->content_sm3, 0, NULL)) != STATUS_OK ||
	    (st = ses_get_hash(s, p->pdf_sm3, 1, &p->has_pdf)) != STATUS_OK ||
	    (st = ses_get_seal_part(s, p)) != STATUS_OK ||
	    (st = ses_get_position(s, p)) != STATUS_OK ||
	    (st = ses_get_person(s, &p->signer)) != STATUS_OK ||
	    (st = der_get_uint(s, &p->custody_id)) != STATUS_OK ||
	    (st = ses_get_person(s, &p->issuer)) != STATUS_OK ||
	    (st = der_get_time(s, &p->issued_at)) != STATUS_OK ||
	    (st = ses_get_approvals(s, p)) != STATUS_OK ||
	    (st = ses_get_u32(s, &p->copies)) != STATUS_OK)
		return st;
	if (p->data_kind != SES_DATA_PDF && p->data_kind != SES_DATA_CONTENT)
		return STATUS_MALFORMED;
	return der_reader_done(s);
}

enum status
ses_protected_parse(const unsigned char *der, size_t n,
    struct ses_protected *p)
{
	struct der_reader top, s;
	enum status st;

	memset(p, 0, sizeof *p);
	der_reader_init(&top, der, n);
	if ((st = der_enter(&top, DER_SEQUENCE, &s)) == STATUS_OK &&
	    (st = der_reader_done(&top)) == STATUS_OK &&
	    (st = ses_protected_read(&s, p)) == STATUS_OK)
		return STATUS_OK;
	ses_protected_free(p);
	return STATUS_MALFORMED;
}

void
ses_protected_free(struct ses_protected *p)
{
	if (p == NULL)
		return;
	free(p->doc_number);
	free(p->seal_regno);
	free(p->signer.login);
	free(p->signer.name);
	free(p->issuer.login);
	free(p->issuer.name);
	memset(p, 0, sizeof *p);
}
