/*
 * der_write.c -- the DER writer: elements appended to one growing buffer,
 * constructed ones closed by patching in their length.
 *
 * A constructed element is opened with a one-byte length placeholder;
 * der_end() writes the real length and, when it needs the long form,
 * moves the contents up to make room.  This file must not accept
 * anything it could not read back with der_read.c: every element it
 * writes is minimal DER.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/der.h"

void
der_writer_init(struct der_writer *w)
{
	buf_init(&w->out);
	w->depth = 0;
	w->error = STATUS_OK;
}

void
der_writer_free(struct der_writer *w)
{
	buf_free(&w->out);
	w->depth = 0;
}

static void
der_writer_fail(struct der_writer *w, enum status st)
{
	if (w->error == STATUS_OK)
		w->error = st;
}

enum status
der_writer_finish(struct der_writer *w, unsigned char **out, size_t *outlen)
{
	enum status st = w->error;

	*out = NULL;
	*outlen = 0;
	if (st == STATUS_OK && w->depth != 0)
		st = STATUS_INVALID;	/* a der_begin without its der_end */
	if (st == STATUS_OK) {
		*out = w->out.data;
		*outlen = w->out.len;
		buf_init(&w->out);
	}
	der_writer_free(w);
	return st;
}

/* The length octets for N: short form below 128, else 0x80|count and
 * the big-endian bytes of N without leading zeros.  Returns how many. */
static size_t
der_write_length_octets(size_t n, unsigned char out[5])
{
	size_t count = 0, i;
	unsigned char tmp[4];

	if (n < 0x80) {
		out[0] = (unsigned char) n;
		return 1;
	}

	for (; n > 0; n >>= 8)
		tmp[count++] = (unsigned char) (n & 0xff);
	out[0] = (unsigned char) (0x80 | count);
	for (i = 0; i < count; i++)
		out[1 + i] = tmp[count - 1 - i];
	return count + 1;
}

void
der_put_tlv(struct der_writer *w, unsigned tag, const void *p, size_t n)
{
	unsigned char len[5];

	if (w->error != STATUS_OK)
		return;
	if ((tag & 0x1f) == 0x1f || tag > 0xff || n > 0xffffffffu) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}

	buf_add_u8(&w->out, (uint8_t) tag);
	buf_add(&w->out, len, der_write_length_octets(n, len));
	if (n > 0)
		buf_add(&w->out, p, n);
}

void
der_begin(struct der_writer *w, unsigned tag)
{
	if (w->error != STATUS_OK)
		return;
	if (w->depth >= DER_MAX_DEPTH || (tag & 0x20) == 0 ||
	    (tag & 0x1f) == 0x1f || tag > 0xff) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}

	buf_add_u8(&w->out, (uint8_t) tag);
	w->open[w->depth++] = w->out.len;
	buf_add_u8(&w->out, 0);		/* placeholder, fixed in der_end */
}

void
der_end(struct der_writer *w)
{
	unsigned char len[5];
	size_t at, content, nlen;

	if (w->error != STATUS_OK)
		return;
	if (w->depth == 0) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}

	at = w->open[--w->depth];
	content = w->out.len - at - 1;
	if (content > 0xffffffffu) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}
	nlen = der_write_length_octets(content, len);

	/* The long form needs more octets than the placeholder: grow the
	 * buffer (what is added gets overwritten) and move the contents up. */
	if (nlen > 1) {
		buf_add(&w->out, len, nlen - 1);
		memmove(w->out.data + at + nlen, w->out.data + at + 1, content);
	}
	memcpy(w->out.data + at, len, nlen);
}

void
der_put_raw(struct der_writer *w, const void *p, size_t n)
{
	struct der_reader r;
	struct der_tlv tlv;

	if (w->error != STATUS_OK)
		return;

	der_reader_init(&r, p, n);
	if (der_get_tlv(&r, &tlv) != STATUS_OK || !der_reader_empty(&r)) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}
	buf_add(&w->out, p, n);
}

void
der_put_bool(struct der_writer *w, int v)
{
	unsigned char b = v ? 0xff : 0x00;

	der_put_tlv(w, DER_BOOLEAN, &b, 1);
}

void
der_put_null(struct der_writer *w)
{
	der_put_tlv(w, DER_NULL, NULL, 0);
}

void
der_put_integer(struct der_writer *w, const unsigned char *mag, size_t n)
{
	unsigned char *tmp;

	if (w->error != STATUS_OK)
		return;

	/* Minimal: no leading zero bytes, then one 00 if the top bit is set
	 * so the value stays non-negative; zero is the single byte 00. */
	while (n > 0 && mag[0] == 0) {
		mag++;
		n--;
	}
	if (n == 0) {
		der_put_tlv(w, DER_INTEGER, "\0", 1);
		return;
	}
	if ((mag[0] & 0x80) == 0) {
		der_put_tlv(w, DER_INTEGER, mag, n);
		return;
	}

	tmp = xmalloc(n + 1);
	tmp[0] = 0;
	memcpy(tmp + 1, mag, n);
	der_put_tlv(w, DER_INTEGER, tmp, n + 1);
	free(tmp);
}

void
der_put_uint(struct der_writer *w, uint64_t v)
{
	unsigned char be[8];

	buf_put_be64(be, v);
	der_put_integer(w, be, sizeof be);
}

void
der_put_octets(struct der_writer *w, const void *p, size_t n)
{
	der_put_tlv(w, DER_OCTET_STRING, p, n);
}

void
der_put_bits(struct der_writer *w, const void *p, size_t n, unsigned unused)
{
	const unsigned char *bytes = p;
	unsigned char *tmp;

	if (w->error != STATUS_OK)
		return;
	/* DER: padding bits are zero, and an empty string has none. */
	if (unused > 7 || (n == 0 && unused != 0) ||
	    (n > 0 && (bytes[n - 1] & ((1u << unused) - 1)) != 0)) {
		der_writer_fail(w, STATUS_INVALID);
		return;
	}

	tmp = xmalloc(n + 1);
	tmp[0] = (unsigned char) unused;
	if (n > 0)
		memcpy(tmp + 1, p, n);
	der_put_tlv(w, DER_BIT_STRING, tmp, n + 1);
	free(tmp);
}

void
der_put_oid(struct der_writer *w, const char *dotted)
{
	struct buf b;

	if (w->error != STATUS_OK)
		return;

	buf_init(&b);
	if (der_oid_encode(dotted, &b) != STATUS_OK)
		der_writer_fail(w, STATUS_INVALID);
	else
		der_put_tlv(w, DER_OID, b.data, b.len);
	buf_free(&b);
}
