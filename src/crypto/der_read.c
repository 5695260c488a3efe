/*
 * der_read.c -- the DER reader: elements, and the primitive types whose
 * DER form needs checking (BOOLEAN, NULL, INTEGER, OCTET and BIT STRING).
 *
 * Every length is checked against what is left before anything is read,
 * so truncated, over-long or garbage input ends in STATUS_MALFORMED and
 * never in a read past the end.  A failed call leaves the reader where it
 * was, so a caller can try an OPTIONAL field and go on.  Must not accept
 * BER's freedoms (indefinite or non-minimal lengths, high tag numbers).
 */
#include <config.h>

#include <string.h>

#include "crypto/der.h"

void
der_reader_init(struct der_reader *r, const void *p, size_t n)
{
	r->p = p;
	r->left = n;
}

int
der_reader_empty(const struct der_reader *r)
{
	return r->left == 0;
}

enum status
der_reader_done(const struct der_reader *r)
{
	return r->left == 0 ? STATUS_OK : STATUS_MALFORMED;
}

enum status
der_peek(const struct der_reader *r, unsigned *tag)
{
	if (r->left == 0)
		return STATUS_NOT_FOUND;
	*tag = r->p[0];
	return STATUS_OK;
}

int
der_next_is(const struct der_reader *r, unsigned tag)
{
	return r->left > 0 && r->p[0] == tag;
}

/* Read the length octets at P (N bytes available) into *LEN; returns how
 * many octets they took, or 0 when they are not minimal definite DER. */
static size_t
der_read_length(const unsigned char *p, size_t n, size_t *len)
{
	size_t count, i, v = 0;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*len = p[0];
		return 1;
	}

	/* 0x80 is BER's indefinite form; more than 4 octets we never need. */
	count = p[0] & 0x7f;
	if (count == 0 || count > 4 || count >= n)
		return 0;
	if (p[1] == 0)
		return 0;		/* leading zero: not minimal */
	for (i = 1; i <= count; i++)
		v = (v << 8) | p[i];
	if (v < 0x80)
		return 0;		/* long form for a short length */
	*len = v;
	return count + 1;
}

enum status
der_get_tlv(struct der_reader *r, struct der_tlv *out)
{
	size_t hdr, len;

	if (r->left == 0)
		return STATUS_MALFORMED;
	if ((r->p[0] & 0x1f) == 0x1f)
		return STATUS_MALFORMED;	/* high-tag-number form */

	hdr = der_read_length(r->p + 1, r->left - 1, &len);
	if (hdr == 0)
		return STATUS_MALFORMED;
	hdr += 1;
	if (len > r->left - hdr)
		return STATUS_MALFORMED;	/* claims more than there is */

	out->tag = r->p[0];
	out->data = r->p + hdr;
	out->len = len;
	out->raw = r->p;
	out->rawlen = hdr + len;
	r->p += out->rawlen;
	r->left -= out->rawlen;
	return STATUS_OK;
}

enum status
der_get_expect(struct der_reader *r, unsigned tag, struct der_tlv *out)
{
	struct der_reader save = *r;
	enum status st;

	if (r->left > 0 && r->p[0] != tag)
		return STATUS_MALFORMED;
	if ((st = der_get_tlv(r, out)) != STATUS_OK)
		*r = save;
	return st;
}

enum status
der_enter(struct der_reader *r, unsigned tag, struct der_reader *inner)
{
	struct der_tlv tlv;
	enum status st;

	if ((tag & 0x20) == 0)
		return STATUS_INVALID;		/* not a constructed tag */
	if ((st = der_get_expect(r, tag, &tlv)) != STATUS_OK)
		return st;
	der_reader_init(inner, tlv.data, tlv.len);
	return STATUS_OK;
}

/* Read the next element of identifier TAG; on a content check failing
 * (BAD non-zero) put the reader back and fail. */
static enum status
der_get_checked(struct der_reader *r, unsigned tag, struct der_tlv *tlv,
    int (*bad)(const struct der_tlv *))
{
	struct der_reader save = *r;
	enum status st;

	if ((st = der_get_expect(r, tag, tlv)) != STATUS_OK)
		return st;
	if (bad != NULL && bad(tlv)) {
		*r = save;
		return STATUS_MALFORMED;
	}
	return STATUS_OK;
}

static int
der_bad_bool(const struct der_tlv *t)
{
	return t->len != 1 || (t->data[0] != 0x00 && t->data[0] != 0xff);
}

enum status
der_get_bool(struct der_reader *r, int *v)
{
	struct der_tlv tlv;
	enum status st;

	if ((st = der_get_checked(r, DER_BOOLEAN, &tlv,
	    der_bad_bool)) != STATUS_OK)
		return st;
	*v = tlv.data[0] != 0;
	return STATUS_OK;
}

static int
der_bad_null(const struct der_tlv *t)
{
	return t->len != 0;
}

enum status
der_get_null(struct der_reader *r)
{
	struct der_tlv tlv;

	return der_get_checked(r, DER_NULL, &tlv, der_bad_null);
}

/* Not minimal, or negative (we read only non-negative INTEGERs). */
static int
der_bad_integer(const struct der_tlv *t)
{
	if (t->len == 0 || (t->data[0] & 0x80) != 0)
		return 1;
	return t->len > 1 && t->data[0] == 0 && (t->data[1] & 0x80) == 0;
}

enum status
der_get_integer(struct der_reader *r, const unsigned char **mag, size_t *n)
{
	struct der_tlv tlv;
	enum status st;

	if ((st = der_get_checked(r, DER_INTEGER, &tlv,
	    der_bad_integer)) != STATUS_OK)
		return st;

	*mag = tlv.data;
	*n = tlv.len;
	if (*n > 1 && tlv.data[0] == 0) {	/* the sign octet */
		(*mag)++;
		(*n)--;
	}
	return STATUS_OK;
}

enum status
der_get_integer_fixed(struct der_reader *r, unsigned char *out, size_t width)
{
	struct der_reader save = *r;
	const unsigned char *mag;
	size_t n;
	enum status st;

	if ((st = der_get_integer(r, &mag, &n)) != STATUS_OK)
		return st;
	if (n == 1 && mag[0] == 0)
		n = 0;
	if (n > width) {
		*r = save;
		return STATUS_MALFORMED;
	}

	memset(out, 0, width - n);
	memcpy(out + width - n, mag, n);
	return STATUS_OK;
}

enum status
der_get_uint(struct der_reader *r, uint64_t *v)
{
	unsigned char be[8];
	enum status st;

	if ((st = der_get_integer_fixed(r, be, sizeof be)) != STATUS_OK)
		return st;
	*v = buf_read_be64(be);
	return STATUS_OK;
}

enum status
der_get_octets(struct der_reader *r, const unsigned char **p, size_t *n)
{
	struct der_tlv tlv;
	enum status st;

	if ((st = der_get_expect(r, DER_OCTET_STRING, &tlv)) != STATUS_OK)
		return st;
	*p = tlv.data;
	*n = tlv.len;
	return STATUS_OK;
}

/* The unused-bits octet is 0-7, 0 for an empty string, and the padding
 * bits themselves are zero. */
static int
der_bad_bits(const struct der_tlv *t)
{
	unsigned unused;

	if (t->len == 0)
		return 1;
	unused = t->data[0];
	if (unused > 7 || (t->len == 1 && unused != 0))
		return 1;
	return t->len > 1 && (t->data[t->len - 1] & ((1u << unused) - 1)) != 0;
}

enum status
der_get_bits(struct der_reader *r, const unsigned char **p, size_t *n,
    unsigned *unused)
{
	struct der_tlv tlv;
	enum status st;

	if ((st = der_get_checked(r, DER_BIT_STRING, &tlv,
	    der_bad_bits)) != STATUS_OK)
		return st;
	*unused = tlv.data[0];
	*p = tlv.data + 1;
	*n = tlv.len - 1;
	return STATUS_OK;
}
