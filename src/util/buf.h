/*
 * buf.h -- a growable byte buffer and a bounds-checked reader, the two
 * halves of every binary encoding in the program (records, signed data).
 *
 * Integers are written big-endian so that encoded keys sort numerically
 * under Berkeley DB's default byte comparison.
 */
#ifndef ESEAL_UTIL_BUF_H
#define ESEAL_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
};

struct buf_reader {
	const unsigned char	*p;
	size_t			 left;
	int			 error;	/* set once a read ran past the end */
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_add_u8(struct buf *b, uint8_t v);
void buf_add_u16(struct buf *b, uint16_t v);
void buf_add_u32(struct buf *b, uint32_t v);
void buf_add_u64(struct buf *b, uint64_t v);
/* Unsigned LEB128: small numbers in one byte. */
void buf_add_varint(struct buf *b, uint64_t v);
/* A varint length, then the bytes. */
void buf_add_bytes(struct buf *b, const void *p, size_t n);
void buf_add_str(struct buf *b, const char *s);

void buf_reader_init(struct buf_reader *r, const void *p, size_t n);
uint8_t buf_get_u8(struct buf_reader *r);
uint16_t buf_get_u16(struct buf_reader *r);
uint32_t buf_get_u32(struct buf_reader *r);
uint64_t buf_get_u64(struct buf_reader *r);
uint64_t buf_get_varint(struct buf_reader *r);
/* Points *P into the reader's memory; returns the length. */
size_t buf_get_bytes(struct buf_reader *r, const unsigned char **p);
/* A new NUL-terminated copy (NULL and r->error set on failure). */
char *buf_get_str(struct buf_reader *r);

/* Big-endian helpers for fixed-size keys. */
void buf_put_be64(unsigned char *p, uint64_t v);
uint64_t buf_read_be64(const unsigned char *p);

#endif
