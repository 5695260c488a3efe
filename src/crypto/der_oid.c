/*
 * der_oid.c -- OBJECT IDENTIFIERs between dotted text and DER content
 * octets, and reading them.
 *
 * Arcs are limited to 32 bits and OIDs to 32 arcs: more than any
 * algorithm or attribute identifier needs, and it keeps the conversion
 * free of big-number arithmetic.  Must not accept non-minimal base-128
 * arcs (a leading 0x80 byte), which DER forbids.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/der.h"

#define DER_OID_MAX_ARCS	32

/* Parse dotted text into ARCS; returns the count, or 0 when malformed. */
static size_t
der_oid_parse_text(const char *s, uint32_t arcs[DER_OID_MAX_ARCS])
{
	size_t count = 0;

	while (*s != '\0') {
		uint64_t v = 0;
		const char *start = s;

		if (count == DER_OID_MAX_ARCS)
			return 0;
		for (; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (uint64_t) (*s - '0');
			if (v > 0xffffffffu)
				return 0;
		}
		/* An empty arc, or one with a leading zero, is not an arc. */
		if (s == start || (*start == '0' && s - start > 1))
			return 0;
		if (*s == '.' && s[1] == '\0')
			return 0;
		if (*s != '.' && *s != '\0')
			return 0;
		if (*s == '.')
			s++;
		arcs[count++] = (uint32_t) v;
	}
	return count;
}

static void
der_oid_put_arc(struct buf *b, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;

	do {
		tmp[n++] = (unsigned char) (v & 0x7f);
		v >>= 7;
	} while (v > 0);
	while (n > 1)
		buf_add_u8(b, (uint8_t) (tmp[--n] | 0x80));
	buf_add_u8(b, tmp[0]);
}

enum status
der_oid_encode(const char *dotted, struct buf *b)
{
	uint32_t arcs[DER_OID_MAX_ARCS];
	size_t count, i;

	count = der_oid_parse_text(dotted, arcs);
	if (count < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39))
		return STATUS_INVALID;

	/* The first two arcs share one subidentifier: 40 * X + Y. */
	der_oid_put_arc(b, (uint64_t) arcs[0] * 40 + arcs[1]);
	for (i = 2; i < count; i++)
		der_oid_put_arc(b, arcs[i]);
	return STATUS_OK;
}

/* Decode content octets into dotted text in OUT. */
static enum status
der_oid_decode(const unsigned char *p, size_t n, struct buf *out)
{
	uint64_t v = 0;
	int first = 1;
	size_t i;
	char tmp[32];

	if (n == 0 || (p[n - 1] & 0x80) != 0)
		return STATUS_MALFORMED;

	for (i = 0; i < n; i++) {
		/* A subidentifier may not start with 0x80 (non-minimal). */
		if (v == 0 && p[i] == 0x80)
			return STATUS_MALFORMED;
		v = (v << 7) | (p[i] & 0x7f);
		if (v > 0xffffffffu + 80ull)
			return STATUS_UNSUPPORTED;
		if (p[i] & 0x80)
			continue;

		if (first && v < 80)
			snprintf(tmp, sizeof tmp, "%u.%u", (unsigned) (v / 40),
			    (unsigned) (v % 40));
		else if (first)
			snprintf(tmp, sizeof tmp, "2.%llu",
			    (unsigned long long) (v - 80));
		else
			snprintf(tmp, sizeof tmp, ".%llu",
			    (unsigned long long) v);
		buf_add(out, tmp, strlen(tmp));
		first = 0;
		v = 0;
	}
	return STATUS_OK;
}

enum status
der_get_oid(struct der_reader *r, char **dotted)
{
	struct der_reader save = *r;
	struct der_tlv tlv;
	struct buf text;
	enum status st;

	*dotted = NULL;
	if ((st = der_get_expect(r, DER_OID, &tlv)) != STATUS_OK)
		return st;

	buf_init(&text);
	st = der_oid_decode(tlv.data, tlv.len, &text);
	if (st != STATUS_OK) {
		buf_free(&text);
		*r = save;
		return st;
	}
	buf_add_u8(&text, 0);
	*dotted = (char *) text.data;
	return STATUS_OK;
}

enum status
der_expect_oid(struct der_reader *r, const char *dotted)
{
	struct der_reader save = *r;
	struct der_tlv tlv;
	struct buf want;
	enum status st;

	if ((st = der_get_expect(r, DER_OID, &tlv)) != STATUS_OK)
		return st;

	buf_init(&want);
	st = der_oid_decode(tlv.data, tlv.len, &want);	/* well-formed? */
	buf_reset(&want);
	if (st == STATUS_OK)
		st = der_oid_encode(dotted, &want);
	if (st == STATUS_OK && (want.len != tlv.len ||
	    memcmp(want.data, tlv.data, tlv.len) != 0))
		st = STATUS_UNSUPPORTED;
	buf_free(&want);
	if (st != STATUS_OK)
		*r = save;
	return st;
}
