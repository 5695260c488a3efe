/*
 * zip.c -- deflate (zlib) of long record fields, for the codec's packed
 * wire type (codec.c): a version's body, form fields and seal signature
 * shrink to a third or a half of their size.
 *
 * The stream is deflate in the zlib wrapper (RFC 1950: a 2-byte header,
 * then RFC 1951 deflate, then the Adler-32 of the plain bytes).  Raw
 * deflate would save those 6 bytes a field, but a flipped bit in a
 * literal then inflates to another text of the same length, which
 * nothing would notice before the core's content hash; with the check a
 * changed byte is refused where it is read.
 *
 * It must not trust a stored stream: a packed field is refused
 * (STATUS_CORRUPT) unless it inflates, its check matching, to exactly
 * the length it declares, ends where the field ends and declares no more
 * than ZIP_MAX_PLAIN, so that a damaged record can neither crash the
 * reader nor make it allocate without bound.  It never logs a field's
 * value.
 *
 * Since schema 10 a short value may also be packed against one of the
 * built-in dictionaries (dict.c) as zlib's preset dictionary, for the
 * codec's wire type 4: the dictionary's number, the value's length, then
 * RAW deflate (no wrapper: on values of 20 to 400 bytes its 6 bytes are
 * a tenth of the gain).  Without the Adler-32 a changed literal is not
 * caught here but by the check over what the value is part of: the
 * core's content hash of a version's text, the SM2 signature of a seal
 * signature, the audit chain's hash of an entry.  The same refusals
 * apply: an unknown dictionary, a stream that does not end exactly at
 * the value's end or inflates to another length is STATUS_CORRUPT.
 *
 * Setting up a packer or unpacker (its window and tables, a few hundred
 * KiB to allocate and clear) cost more than packing a value of 40 bytes,
 * and the short fields are many: one of each is kept for the process and
 * reset for each value.  The store is never used from two threads (a
 * store handle is not opened for threads), so they need no lock.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "store/codec.h"

/* Shorter values rarely shrink by more than the stream's own overhead. */
#define ZIP_MIN_PLAIN	64
/* zlib's fastest level: a seal signature packs in 47 us instead of 110
 * at the default level, into 1,198 bytes instead of 1,171. */
#define ZIP_LEVEL	Z_BEST_SPEED

/* The zlib wrapper; a reader takes any window up to 32 KiB. */
#define ZIP_WINDOW_BITS	15
/* Raw deflate for the values packed against a dictionary: a reader
 * takes any window up to 32 KiB. */
#define ZIP_RAW_BITS	(-15)
/* The writer's window: a dictionary (up to 4 KiB) and the longest value
 * tried against it (codec.c, 8 KiB) fit; with zlib's memory level 7 a
 * packer is about 100 KiB instead of 256. */
#define ZIP_DICT_BITS	(-14)
#define ZIP_DICT_MEM	7
/* zlib's default level: on the generated documents' values it packs as
 * small as the best level (measured: every field's mean within 0.1
 * byte), and level 1 leaves titles 3 bytes longer. */
#define ZIP_DICT_LEVEL	Z_DEFAULT_COMPRESSION

/*
 * A window and hash table fit to the value, not zlib's defaults (32 KiB
 * and 32 Ki entries), which are set up, cleared and freed for every
 * value: measured on this machine, a seal signature of 2,440 bytes took
 * 276 us to pack with the defaults and 77-107 us with a 4 KiB window and
 * an 8 Ki-entry table, into the same 1,171 bytes.  A window as large as
 * the value finds every match it could.
 */
static void
zip_fit(size_t n, int *window_bits, int *mem_level)
{
	int bits = 9;

	while (bits < ZIP_WINDOW_BITS && ((size_t) 1 << bits) < n)
		bits++;
	*window_bits = bits;
	*mem_level = bits - 6 < 1 ? 1 : bits - 6 > 8 ? 8 : bits - 6;
}

int
zip_pack(const void *plain, size_t n, struct buf *out)
{
	unsigned char *stream;
	z_stream z;
	size_t room;
	int ok, bits, level;

	if (n < ZIP_MIN_PLAIN || n > ZIP_MAX_PLAIN)
		return 0;
	zip_fit(n, &bits, &level);
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, ZIP_LEVEL, Z_DEFLATED, bits, level,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;

	room = deflateBound(&z, (uLong) n);
	stream = xmalloc(room);
	z.next_in = (unsigned char *) plain;
	z.avail_in = (uInt) n;
	z.next_out = stream;
	z.avail_out = (uInt) room;
	ok = deflate(&z, Z_FINISH) == Z_STREAM_END;

	/* Worth it only when the length and the stream are shorter. */
	ok = ok && z.total_out + 4 < n;
	if (ok) {
		buf_add_varint(out, n);
		buf_add(out, stream, z.total_out);
	}
	deflateEnd(&z);
	free(stream);
	return ok;
}

enum status
zip_unpack(const unsigned char *p, size_t n, unsigned char **plain,
    size_t *len)
{
	struct buf_reader r;
	unsigned char *buf;
	uint64_t want;
	z_stream z;
	int ret;

	*plain = NULL;
	*len = 0;
	buf_reader_init(&r, p, n);
	want = buf_get_varint(&r);
	if (r.error || want == 0 || want > ZIP_MAX_PLAIN)
		return STATUS_CORRUPT;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, ZIP_WINDOW_BITS) != Z_OK)
		return STATUS_NOMEM;
	/* One byte more than declared, so that a longer stream shows. */
	buf = xmalloc((size_t) want + 1);
	z.next_in = (unsigned char *) r.p;
	z.avail_in = (uInt) r.left;
	z.next_out = buf;
	z.avail_out = (uInt) want + 1;
	ret = inflate(&z, Z_FINISH);
	if (ret != Z_STREAM_END || z.total_out != want || z.avail_in != 0) {
		inflateEnd(&z);
		free(buf);
		return STATUS_CORRUPT;
	}
	inflateEnd(&z);
	buf[want] = '\0';
	*plain = buf;
	*len = (size_t) want;
	return STATUS_OK;
}

/* The packer of values against a dictionary, set up at its first use,
 * reset for each value (see above); NULL when zlib could not set it up. */
static z_stream *
zip_dict_packer(void)
{
	static z_stream z;
	static int ready;

	if (ready)
		return deflateReset(&z) == Z_OK ? &z : NULL;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, ZIP_DICT_LEVEL, Z_DEFLATED, ZIP_DICT_BITS,
	    ZIP_DICT_MEM, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	ready = 1;
	return &z;
}

/* The raw deflate of the N bytes at PLAIN against D into *STREAM
 * (malloc'd, *SLEN bytes); 0 when zlib fails. */
static int
zip_deflate_dict(const struct dict *d, const void *plain, size_t n,
    unsigned char **stream, size_t *slen)
{
	z_stream *z = zip_dict_packer();
	size_t room;
	int ok;

	if (z == NULL ||
	    deflateSetDictionary(z, d->data, (uInt) d->len) != Z_OK)
		return 0;
	room = deflateBound(z, (uLong) n) + 16;
	*stream = xmalloc(room);
	z->next_in = (unsigned char *) plain;
	z->avail_in = (uInt) n;
	z->next_out = *stream;
	z->avail_out = (uInt) room;
	ok = deflate(z, Z_FINISH) == Z_STREAM_END;
	*slen = z->total_out;
	if (!ok) {
		free(*stream);
		*stream = NULL;
	}
	return ok;
}

size_t
zip_pack_dict(const void *plain, size_t n, unsigned number, struct buf *out)
{
	const struct dict *d = dict_get(number);
	unsigned char *stream;
	size_t slen, start = out->len;

	if (d == NULL || n == 0 || n > ZIP_MAX_PLAIN ||
	    !zip_deflate_dict(d, plain, n, &stream, &slen))
		return 0;
	buf_add_varint(out, number);
	buf_add_varint(out, n);
	buf_add(out, stream, slen);
	free(stream);
	return out->len - start;
}

/* The unpacker of values against a dictionary, as zip_dict_packer. */
static z_stream *
zip_dict_unpacker(void)
{
	static z_stream z;
	static int ready;

	if (ready)
		return inflateReset(&z) == Z_OK ? &z : NULL;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, ZIP_RAW_BITS) != Z_OK)
		return NULL;
	ready = 1;
	return &z;
}

/* Inflate the raw stream at P (N bytes) against D into WANT bytes at BUF
 * (room for one more); STATUS_CORRUPT unless it ends exactly there. */
static enum status
zip_inflate_dict(const struct dict *d, const unsigned char *p, size_t n,
    unsigned char *buf, uint64_t want)
{
	z_stream *z = zip_dict_unpacker();

	if (z == NULL)
		return STATUS_NOMEM;
	if (inflateSetDictionary(z, d->data, (uInt) d->len) != Z_OK)
		return STATUS_CORRUPT;
	z->next_in = (unsigned char *) p;
	z->avail_in = (uInt) n;
	z->next_out = buf;
	z->avail_out = (uInt) want + 1;
	if (inflate(z, Z_FINISH) != Z_STREAM_END || z->total_out != want ||
	    z->avail_in != 0)
		return STATUS_CORRUPT;
	return STATUS_OK;
}

enum status
zip_unpack_dict(const unsigned char *p, size_t n, unsigned char **plain,
    size_t *len)
{
	const struct dict *d;
	struct buf_reader r;
	unsigned char *buf;
	uint64_t number, want;
	enum status rc;

	*plain = NULL;
	*len = 0;
	buf_reader_init(&r, p, n);
	number = buf_get_varint(&r);
	want = buf_get_varint(&r);
	if (r.error || number > UINT32_MAX ||
	    (d = dict_get((unsigned) number)) == NULL || want == 0 ||
	    want > ZIP_MAX_PLAIN || r.left == 0)
		return STATUS_CORRUPT;

	buf = xmalloc((size_t) want + 1);
	if ((rc = zip_inflate_dict(d, r.p, r.left, buf, want)) != STATUS_OK) {
		free(buf);
		return rc;
	}
	buf[want] = '\0';
	*plain = buf;
	*len = (size_t) want;
	return STATUS_OK;
}
