/*
 * der.h -- a strict DER writer and reader: the encoding under SM2
 * signatures, public keys (SubjectPublicKeyInfo), the GB/T 38540 seal
 * structures (SES_Seal, SES_Signature) and the X.509 certificates of the
 * bureau's small CA.
 *
 * Part of the crypto layer's facade (crypto.h includes it); it knows
 * nothing of libgcrypt.  Only the low-tag-number form is supported (tag
 * numbers below 31), which covers every universal type and the context
 * tags these structures use.  Lengths are definite, at most 4 length
 * octets.  The reader accepts only DER (minimal lengths, minimal
 * INTEGERs, BOOLEAN as 00 or FF, zero padding bits in BIT STRINGs, no
 * fractional seconds in times) and answers everything else with
 * STATUS_MALFORMED, never by reading outside the input.
 */
#ifndef ESEAL_CRYPTO_DER_H
#define ESEAL_CRYPTO_DER_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Identifier octets (class, constructed bit and tag number in one byte). */
#define DER_BOOLEAN		0x01
#define DER_INTEGER		0x02
#define DER_BIT_STRING		0x03
#define DER_OCTET_STRING	0x04
#define DER_NULL		0x05
#define DER_OID			0x06
#define DER_UTF8STRING		0x0c
#define DER_PRINTABLESTRING	0x13
#define DER_IA5STRING		0x16
#define DER_UTCTIME		0x17
#define DER_GENERALIZEDTIME	0x18
#define DER_SEQUENCE		0x30
#define DER_SET			0x31
/* [N] constructed: EXPLICIT tags, or IMPLICIT over a constructed type. */
#define DER_CONTEXT(n)		(0xa0u | (unsigned) (n))
/* [N] primitive: IMPLICIT over a primitive type ([1] IMPLICIT OCTET STRING). */
#define DER_CONTEXT_PRIM(n)	(0x80u | (unsigned) (n))

/* Deepest nesting a writer keeps open at once. */
#define DER_MAX_DEPTH	16

/*
 * The writer.  Calls never fail one by one: the first error (an
 * unbalanced der_end, a malformed OID text, an out-of-range time, text
 * that is not of the string type's alphabet) is kept in ERROR and every
 * later call does nothing, so a structure is written straight through and
 * checked once by der_writer_finish().
 */
struct der_writer {
	struct buf	 out;
	size_t		 open[DER_MAX_DEPTH];	/* offsets of open headers */
	int		 depth;
	enum status	 error;
};

void der_writer_init(struct der_writer *w);
void der_writer_free(struct der_writer *w);

/* Hand the finished encoding to the caller (*OUT is malloc'd), or return
 * the first error; either way W is left empty. */
enum status der_writer_finish(struct der_writer *w, unsigned char **out,
    size_t *outlen);

/* Open and close a constructed element (SEQUENCE, SET, [n]). */
void der_begin(struct der_writer *w, unsigned tag);
void der_end(struct der_writer *w);

/* Any primitive element with the given identifier and content octets
 * (also for IMPLICIT primitive tags). */
void der_put_tlv(struct der_writer *w, unsigned tag, const void *p, size_t n);

/* A complete element encoded elsewhere (e.g. a certificate inside a seal);
 * it is checked to be exactly one well-formed element. */
void der_put_raw(struct der_writer *w, const void *p, size_t n);

void der_put_bool(struct der_writer *w, int v);
void der_put_null(struct der_writer *w);
/* A non-negative INTEGER from a big-endian magnitude of any length
 * (leading zeros are dropped, a 00 is added when the top bit is set). */
void der_put_integer(struct der_writer *w, const unsigned char *mag, size_t n);
void der_put_uint(struct der_writer *w, uint64_t v);
void der_put_octets(struct der_writer *w, const void *p, size_t n);
/* A BIT STRING of N bytes whose last UNUSED (0-7) bits are padding. */
void der_put_bits(struct der_writer *w, const void *p, size_t n,
    unsigned unused);
/* An OBJECT IDENTIFIER from its dotted text, e.g. "1.2.156.10197.1.301". */
void der_put_oid(struct der_writer *w, const char *dotted);
void der_put_utf8(struct der_writer *w, const char *s);
void der_put_ia5(struct der_writer *w, const char *s);
void der_put_printable(struct der_writer *w, const char *s);
/* GeneralizedTime "YYYYMMDDHHMMSSZ" (UTC) for T seconds since the epoch. */
void der_put_gtime(struct der_writer *w, int64_t t);
/* X.509's rule: UTCTime for 1950-2049, GeneralizedTime otherwise. */
void der_put_time(struct der_writer *w, int64_t t);

/*
 * The reader.  It points into the caller's memory; nothing is copied
 * except where a function says so.  A reader over a constructed element
 * (der_enter) covers exactly that element's contents.
 */
struct der_reader {
	const unsigned char	*p;
	size_t			 left;
};

/* One element as read: its identifier, contents, and the whole encoding
 * (what a signature over, say, a TBSCertificate covers). */
struct der_tlv {
	unsigned		 tag;
	const unsigned char	*data;
	size_t			 len;
	const unsigned char	*raw;
	size_t			 rawlen;
};

void der_reader_init(struct der_reader *r, const void *p, size_t n);
int der_reader_empty(const struct der_reader *r);
/* STATUS_MALFORMED if anything is left over. */
enum status der_reader_done(const struct der_reader *r);

/* The identifier of the next element without consuming it
 * (STATUS_NOT_FOUND at the end). */
enum status der_peek(const struct der_reader *r, unsigned *tag);
/* Non-zero when the next element has identifier TAG (for OPTIONAL and
 * DEFAULT fields). */
int der_next_is(const struct der_reader *r, unsigned tag);

enum status der_get_tlv(struct der_reader *r, struct der_tlv *out);
/* The next element, which must have identifier TAG. */
enum status der_get_expect(struct der_reader *r, unsigned tag,
    struct der_tlv *out);
/* Step into the next element (identifier TAG): INNER reads its contents. */
enum status der_enter(struct der_reader *r, unsigned tag,
    struct der_reader *inner);

enum status der_get_bool(struct der_reader *r, int *v);
enum status der_get_null(struct der_reader *r);
/* A non-negative INTEGER as its big-endian magnitude, without the sign
 * octet (zero reads as one 00 byte).  Negative ones are refused. */
enum status der_get_integer(struct der_reader *r, const unsigned char **mag,
    size_t *n);
/* The same, left-padded into exactly WIDTH bytes (SM2's r and s). */
enum status der_get_integer_fixed(struct der_reader *r, unsigned char *out,
    size_t width);
enum status der_get_uint(struct der_reader *r, uint64_t *v);
enum status der_get_octets(struct der_reader *r, const unsigned char **p,
    size_t *n);
enum status der_get_bits(struct der_reader *r, const unsigned char **p,
    size_t *n, unsigned *unused);
/* An OBJECT IDENTIFIER as new dotted text (free it). */
enum status der_get_oid(struct der_reader *r, char **dotted);
/* Read an OID and require it to be DOTTED (STATUS_UNSUPPORTED if it is
 * another well-formed one). */
enum status der_expect_oid(struct der_reader *r, const char *dotted);
/* A UTF8String, IA5String or PrintableString (TAG says which) as a new
 * NUL-terminated string; embedded NULs and text outside the type's
 * alphabet are refused. */
enum status der_get_string(struct der_reader *r, unsigned tag, char **s);
/* UTCTime or GeneralizedTime, whichever comes, in seconds since the epoch. */
enum status der_get_time(struct der_reader *r, int64_t *t);

/* Encode dotted OID text as content octets into B (for comparisons and
 * AlgorithmIdentifiers); STATUS_INVALID for bad text. */
enum status der_oid_encode(const char *dotted, struct buf *b);

#endif
