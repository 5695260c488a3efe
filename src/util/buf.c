/*
 * buf.c -- byte buffer and reader.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->data = xrealloc(b->data, b->cap);
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
buf_add_u8(struct buf *b, uint8_t v)
{
	buf_add(b, &v, 1);
}

void
buf_add_u16(struct buf *b, uint16_t v)
{
	unsigned char p[2] = { (unsigned char) (v >> 8), (unsigned char) v };

	buf_add(b, p, 2);
}

void
buf_add_u32(struct buf *b, uint32_t v)
{
	unsigned char p[4] = { (unsigned char) (v >> 24), (unsigned char) (v >> 16),
	    (unsigned char) (v >> 8), (unsigned char) v };

	buf_add(b, p, 4);
}

void
buf_add_u64(struct buf *b, uint64_t v)
{
	unsigned char p[8];

	buf_put_be64(p, v);
	buf_add(b, p, 8);
}

void
buf_add_varint(struct buf *b, uint64_t v)
{
	unsigned char c;

	do {
		c = v & 0x7f;
		v >>= 7;
		if (v != 0)
			c |= 0x80;
		buf_add(b, &c, 1);
	} while (v != 0);
}

void
buf_add_bytes(struct buf *b, const void *p, size_t n)
{
	buf_add_varint(b, n);
	buf_add(b, p, n);
}

void
buf_add_str(struct buf *b, const char *s)
{
	buf_add_bytes(b, s, s == NULL ? 0 : strlen(s));
}

void
buf_reader_init(struct buf_reader *r, const void *p, size_t n)
{
	r->p = p;
	r->left = n;
	r->error = 0;
}

static const unsigned char *
buf_take(struct buf_reader *r, size_t n)
{
	const unsigned char *p = r->p;

	if (r->error || n > r->left) {
		r->error = 1;
		return NULL;
	}
	r->p += n;
	r->left -= n;
	return p;
}

uint8_t
buf_get_u8(struct buf_reader *r)
{
	const unsigned char *p = buf_take(r, 1);

	return p == NULL ? 0 : p[0];
}

uint16_t
buf_get_u16(struct buf_reader *r)
{
	const unsigned char *p = buf_take(r, 2);

	return p == NULL ? 0 : (uint16_t) (p[0] << 8 | p[1]);
}

uint32_t
buf_get_u32(struct buf_reader *r)
{
	const unsigned char *p = buf_take(r, 4);

	if (p == NULL)
		return 0;
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
	    (uint32_t) p[2] << 8 | p[3];
}

uint64_t
buf_get_u64(struct buf_reader *r)
{
	const unsigned char *p = buf_take(r, 8);

	return p == NULL ? 0 : buf_read_be64(p);
}

uint64_t
buf_get_varint(struct buf_reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;
	const unsigned char *p;

	do {
		p = buf_take(r, 1);
		if (p == NULL || shift > 63) {
			r->error = 1;
			return 0;
		}
		v |= (uint64_t) (*p & 0x7f) << shift;
		shift += 7;
	} while (*p & 0x80);
	return v;
}

size_t
buf_get_bytes(struct buf_reader *r, const unsigned char **p)
{
	uint64_t n = buf_get_varint(r);

	*p = buf_take(r, (size_t) n);
	return *p == NULL ? 0 : (size_t) n;
}

char *
buf_get_str(struct buf_reader *r)
{
	const unsigned char *p;
	size_t n = buf_get_bytes(r, &p);

	if (r->error)
		return NULL;
	if (memchr(p, '\0', n) != NULL) {
		r->error = 1;
		return NULL;
	}
	return xstrndup((const char *) p, n);
}

void
buf_put_be64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char) v;
		v >>= 8;
	}
}

uint64_t
buf_read_be64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}
