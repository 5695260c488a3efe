/*
 * codec.c -- the one encoder and decoder of stored records, driven by the
 * field tables in rec_KIND.c.  It must not know any particular kind, and
 * it never logs a field's value (records hold password hashes and keys).
 *
 * Record format, version 1
 * ------------------------
 * A record is stored in the file of its kind (user.db, doc.db ...) under
 * its id, 8 bytes big-endian, so records sort by id.  The value is
 *
 *	format		1 byte, 0x01 (CODEC_FORMAT)
 *	field ...	until the end of the value
 *
 * and each field is
 *
 *	head		varint: tag << 3 | wire type
 *	value		wire type 0: varint -- unsigned integers, enums, bits
 *			wire type 1: zig-zag varint -- signed integers (times)
 *			wire type 2: varint length, then that many bytes --
 *				     strings (UTF-8, no NUL) and blobs
 *			wire type 3: varint length, then that many bytes,
 *				     which are the value's own length (varint)
 *				     and its zlib stream (RFC 1950, deflate
 *				     with an Adler-32 check) -- a packed
 *				     string or blob (since schema 8, zip.c)
 *			wire type 4: varint length, then that many bytes,
 *				     which are the number of a built-in
 *				     dictionary (varint, dict.c), the value's
 *				     own length (varint) and its raw deflate
 *				     stream (RFC 1951, no wrapper) made with
 *				     that dictionary as zlib's preset
 *				     dictionary -- a short string or blob
 *				     packed against a dictionary (since
 *				     schema 10, zip.c)
 *
 * A varint is unsigned LEB128: seven bits per byte, the least significant
 * group first, the high bit set on every byte but the last; at most ten
 * bytes.  Zig-zag maps 0, -1, 1, -2, 2 ... to 0, 1, 2, 3, 4 ... so that
 * small negative numbers stay short.
 *
 * Writers emit the fields in ascending tag order and leave out every field
 * whose value is zero, the empty string or an empty blob; a string or blob
 * whose field is flagged FF_DICT is written against its field's
 * dictionary (wire type 4) when that is shorter than plain; otherwise one
 * flagged FF_DEFLATE is written packed (wire type 3) when that is
 * shorter, and plain when no form is shorter.  Readers accept
 * the fields in any order, read a missing field as zero, "" or an empty
 * blob, read any string or blob plain, packed or packed against any
 * dictionary they know, and skip a field whose tag they do not
 * know: that is how a newer minor version adds a field without breaking
 * an older reader, and why a tag is never reused for another meaning (a
 * removed field retires its tag).  Each kind's tags are listed in its
 * rec_KIND.c.  A record is damaged (STATUS_CORRUPT) when its format byte
 * is not 0x01, a value is cut short, a wire type is 5 to 7 or does not
 * match the field's type, a number does not fit its field, a string holds
 * a NUL byte, a packed value does not inflate, its check matching, to
 * exactly its declared length, or a value packed against a dictionary
 * names a dictionary the reader does not know or does not inflate to
 * exactly its declared length, ending exactly at the value's end.
 * Programs before schema 8 refuse wire type 3 and programs before schema
 * 10 wire type 4, which is why each came with a schema version (pack.c
 * packs the records stored before).
 *
 * A change that an older reader would misread (a field changing type or
 * meaning) is not a minor change: it needs a new schema version and an
 * upgrade step (schema.c) that rewrites the records.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/codec.h"

enum wire { WIRE_VARINT = 0, WIRE_ZIGZAG = 1, WIRE_BYTES = 2,
	WIRE_PACKED = 3, WIRE_DICT = 4 };

static enum wire
codec_wire_of(enum field_type type)
{
	switch (type) {
	case FT_I64:
		return WIRE_ZIGZAG;
	case FT_STR:
	case FT_BLOB:
		return WIRE_BYTES;
	default:
		return WIRE_VARINT;
	}
}

uint64_t
codec_get_uint(const void *rec, size_t offset, enum field_type type)
{
	const unsigned char *p = (const unsigned char *) rec + offset;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;
	int64_t i64;

	switch (type) {
	case FT_U8:
		return *p;
	case FT_U16:
		memcpy(&v16, p, sizeof v16);
		return v16;
	case FT_U32:
		memcpy(&v32, p, sizeof v32);
		return v32;
	case FT_I64:
		memcpy(&i64, p, sizeof i64);
		return (uint64_t) i64;
	default:
		memcpy(&v64, p, sizeof v64);
		return v64;
	}
}

/* Store V into the numeric field at P; 0 when V does not fit. */
static int
codec_set_uint(void *p, enum field_type type, uint64_t v)
{
	uint8_t v8 = (uint8_t) v;
	uint16_t v16 = (uint16_t) v;
	uint32_t v32 = (uint32_t) v;

	switch (type) {
	case FT_U8:
		memcpy(p, &v8, sizeof v8);
		return v <= UINT8_MAX;
	case FT_U16:
		memcpy(p, &v16, sizeof v16);
		return v <= UINT16_MAX;
	case FT_U32:
		memcpy(p, &v32, sizeof v32);
		return v <= UINT32_MAX;
	default:
		memcpy(p, &v, sizeof v);
		return 1;
	}
}

static uint64_t
codec_zigzag(int64_t v)
{
	return ((uint64_t) v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static int64_t
codec_unzigzag(uint64_t u)
{
	return (int64_t) (u >> 1) ^ -(int64_t) (u & 1);
}

/*
 * A blob longer than this stays plain.  The long blobs are a seal
 * signature carrying the seal's picture, about 100 KB of PNG already
 * deflated by its own format: packing one saved about 1 % and cost 3 ms
 * of processor time a sealing (9 %), measured with the bench's real
 * seal.  Strings are text and always pack.
 */
#define CODEC_PACK_BLOB_MAX	(16 * 1024)

/*
 * A value longer than this is not tried against its dictionary: the
 * dictionary saves at most about its own length, a few per cent of a
 * long value, while packing with a dictionary (zip.c) takes time in
 * proportion to the value.
 */
#define CODEC_DICT_MAX		(8 * 1024)

/* A string or blob: packed when its field asks and that is shorter,
 * against its dictionary when that is shorter still. */
static void
codec_encode_bytes(const struct field *f, int pack, const void *p, size_t n,
    struct buf *out)
{
	uint64_t tag = f->tag;
	struct buf packed, against;
	size_t best = n;
	unsigned wire = WIRE_BYTES;

	buf_init(&packed);
	buf_init(&against);
	if (f->type == FT_BLOB && n > CODEC_PACK_BLOB_MAX)
		pack = CODEC_PLAIN;
	if (pack >= CODEC_PACK_DICT && (f->flags & FF_DICT) &&
	    n <= CODEC_DICT_MAX &&
	    zip_pack_dict(p, n, f->dict, &against) > 0 && against.len < n) {
		best = against.len;
		wire = WIRE_DICT;
	}
	/* Packed alone only when not against a dictionary: the same deflate
	 * with more to refer to, at a higher level and without zlib's 6
	 * bytes, was never longer on the 593 long fields of 200 generated
	 * documents, and every write would pay for both. */
	if (wire == WIRE_BYTES && pack >= CODEC_PACK &&
	    (f->flags & FF_DEFLATE) && zip_pack(p, n, &packed) &&
	    packed.len < best)
		wire = WIRE_PACKED;
	buf_add_varint(out, tag << 3 | wire);
	if (wire == WIRE_DICT)
		buf_add_bytes(out, against.data, against.len);
	else if (wire == WIRE_PACKED)
		buf_add_bytes(out, packed.data, packed.len);
	else
		buf_add_bytes(out, p, n);
	buf_free(&against);
	buf_free(&packed);
}

static void
codec_encode_field(const struct field *f, const void *rec, int pack,
    struct buf *out)
{
	const unsigned char *p = (const unsigned char *) rec + f->offset;
	uint64_t head = (uint64_t) f->tag << 3 | codec_wire_of(f->type);
	const struct blob *b;
	const char *s;
	uint64_t v;

	if (f->type == FT_STR) {
		memcpy(&s, p, sizeof s);
		if (s != NULL && *s != '\0')
			codec_encode_bytes(f, pack, s, strlen(s), out);
		return;
	}
	if (f->type == FT_BLOB) {
		b = (const struct blob *) p;
		if (b->len > 0)
			codec_encode_bytes(f, pack, b->data, b->len, out);
		return;
	}

	v = codec_get_uint(rec, f->offset, f->type);
	if (v == 0)
		return;
	buf_add_varint(out, head);
	buf_add_varint(out, f->type == FT_I64 ? codec_zigzag((int64_t) v) : v);
}

void
codec_encode_as(const struct rec_type *t, const void *rec, int pack,
    struct buf *out)
{
	unsigned i;

	buf_add_u8(out, CODEC_FORMAT);
	for (i = 0; i < t->nfields; i++)
		codec_encode_field(&t->fields[i], rec, pack, out);
}

void
codec_encode(const struct rec_type *t, const void *rec, struct buf *out)
{
	codec_encode_as(t, rec, CODEC_PACK_DICT, out);
}

static const struct field *
codec_field_by_tag(const struct rec_type *t, uint64_t tag)
{
	unsigned i;

	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].tag == tag)
			return &t->fields[i];
	return NULL;
}

/* Skip the value of an unknown field; 0 when the wire type is unknown. */
static int
codec_skip(struct buf_reader *r, unsigned wire)
{
	const unsigned char *p;

	switch (wire) {
	case WIRE_VARINT:
	case WIRE_ZIGZAG:
		buf_get_varint(r);
		return 1;
	case WIRE_BYTES:
	case WIRE_PACKED:
	case WIRE_DICT:
		buf_get_bytes(r, &p);
		return 1;
	default:
		return 0;
	}
}

/* Read one known field's value into REC; 0 when it is damaged. */
static int
codec_decode_field(const struct field *f, struct buf_reader *r, void *rec)
{
	unsigned char *p = (unsigned char *) rec + f->offset;
	const unsigned char *bytes;
	struct blob *b;
	char *s, *old;
	size_t n;
	uint64_t v;

	if (f->type == FT_STR) {
		if ((s = buf_get_str(r)) == NULL)
			return 0;
		memcpy(&old, p, sizeof old);
		free(old);
		memcpy(p, &s, sizeof s);
		return 1;
	}
	if (f->type == FT_BLOB) {
		n = buf_get_bytes(r, &bytes);
		if (r->error)
			return 0;
		b = (struct blob *) p;
		free(b->data);
		b->data = xmalloc(n);
		memcpy(b->data, bytes, n);
		b->len = n;
		return 1;
	}

	v = buf_get_varint(r);
	if (r->error)
		return 0;
	if (f->type == FT_I64)
		v = (uint64_t) codec_unzigzag(v);
	return codec_set_uint(p, f->type, v);
}

/* Read one packed string or blob (WIRE is WIRE_PACKED or WIRE_DICT)
 * into REC; 0 when it is damaged. */
static int
codec_decode_packed(const struct field *f, unsigned wire,
    struct buf_reader *r, void *rec)
{
	unsigned char *p = (unsigned char *) rec + f->offset;
	const unsigned char *bytes;
	unsigned char *plain;
	struct blob *b;
	char *old;
	size_t n, len;

	n = buf_get_bytes(r, &bytes);
	if (r->error)
		return 0;
	if ((wire == WIRE_DICT ? zip_unpack_dict(bytes, n, &plain, &len) :
	    zip_unpack(bytes, n, &plain, &len)) != STATUS_OK)
		return 0;
	if (f->type == FT_STR) {
		if (memchr(plain, '\0', len) != NULL) {
			free(plain);
			return 0;
		}
		memcpy(&old, p, sizeof old);
		free(old);
		memcpy(p, &plain, sizeof plain);
		return 1;
	}
	b = (struct blob *) p;
	free(b->data);
	b->data = plain;
	b->len = len;
	return 1;
}

/* Missing strings read as "": callers may use them without a NULL test. */
static void
codec_fill_strings(const struct rec_type *t, void *rec)
{
	unsigned char *p;
	char *s;
	unsigned i;

	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].type != FT_STR)
			continue;
		p = (unsigned char *) rec + t->fields[i].offset;
		memcpy(&s, p, sizeof s);
		if (s == NULL) {
			s = xstrdup("");
			memcpy(p, &s, sizeof s);
		}
	}
}

enum status
codec_decode(const struct rec_type *t, const void *data, size_t n,
    void *rec)
{
	const struct field *f;
	struct buf_reader r;
	uint64_t head;
	int ok = 1;

	memset(rec, 0, t->size);
	buf_reader_init(&r, data, n);
	if (n == 0 || buf_get_u8(&r) != CODEC_FORMAT)
		return STATUS_CORRUPT;

	while (ok && r.left > 0) {
		head = buf_get_varint(&r);
		if (r.error)
			break;
		f = codec_field_by_tag(t, head >> 3);
		if (f == NULL)
			ok = codec_skip(&r, (unsigned) (head & 7));
		else if (((head & 7) == WIRE_PACKED ||
		    (head & 7) == WIRE_DICT) &&
		    codec_wire_of(f->type) == WIRE_BYTES)
			ok = codec_decode_packed(f, (unsigned) (head & 7), &r,
			    rec);
		else if ((head & 7) != codec_wire_of(f->type))
			ok = 0;
		else
			ok = codec_decode_field(f, &r, rec);
	}
	if (!ok || r.error) {
		codec_free(t, rec);
		return STATUS_CORRUPT;
	}
	codec_fill_strings(t, rec);
	return STATUS_OK;
}

void
codec_free(const struct rec_type *t, void *rec)
{
	unsigned char *p;
	struct blob *b;
	char *s;
	unsigned i;

	for (i = 0; i < t->nfields; i++) {
		p = (unsigned char *) rec + t->fields[i].offset;
		if (t->fields[i].type == FT_STR) {
			memcpy(&s, p, sizeof s);
			free(s);
		} else if (t->fields[i].type == FT_BLOB) {
			b = (struct blob *) p;
			if ((t->fields[i].flags & FF_SECRET) && b->data != NULL)
				mem_wipe(b->data, b->len);
			free(b->data);
		}
	}
	memset(rec, 0, t->size);
}

/* -- Text for dump -------------------------------------------------------- */

/* Control bytes and backslashes escaped, so that one field is one line. */
static void
codec_text_str(struct buf *out, const char *s)
{
	char esc[8];

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char) *s;

		if (c < 0x20 || c == 0x7f || c == '\\') {
			snprintf(esc, sizeof esc, "\\x%02x", c);
			buf_add(out, esc, strlen(esc));
		} else {
			buf_add(out, s, 1);
		}
	}
}

static void
codec_text_secret(struct buf *out, size_t len)
{
	char *s = len == 0 ? xstrdup("(empty)") :
	    xasprintf("(set, %zu bytes)", len);

	buf_add(out, s, strlen(s));
	free(s);
}

static void
codec_text_blob(struct buf *out, const struct field *f, const struct blob *b)
{
	char hex[4], *s;
	size_t i;

	if (b->len == 0) {
		buf_add(out, "(empty)", 7);
		return;
	}
	if (f->flags & FF_SECRET) {
		codec_text_secret(out, b->len);
		return;
	}
	for (i = 0; i < b->len && i < 32; i++) {
		snprintf(hex, sizeof hex, "%02x", b->data[i]);
		buf_add(out, hex, 2);
	}
	if (b->len <= 32)
		return;
	s = xasprintf("... (%zu bytes)", b->len);
	buf_add(out, s, strlen(s));
	free(s);
}

static void
codec_text_number(struct buf *out, const struct field *f, const void *rec)
{
	uint64_t v = codec_get_uint(rec, f->offset, f->type);
	char stamp[32], *s;
	time_t tt;
	struct tm tm;

	if ((f->flags & FF_TIME) && v != 0) {
		tt = (time_t) (int64_t) v;
		gmtime_r(&tt, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
		s = xasprintf("%s (%lld)", stamp, (long long) (int64_t) v);
	} else if (f->flags & FF_ROLES) {
		s = rec_user_roles_text((uint32_t) v);
	} else if (f->names != NULL && v < f->nnames) {
		s = xasprintf("%s (%llu)", f->names[v], (unsigned long long) v);
	} else if (f->type == FT_I64) {
		s = xasprintf("%lld", (long long) (int64_t) v);
	} else {
		s = xasprintf("%llu", (unsigned long long) v);
	}
	buf_add(out, s, strlen(s));
	free(s);
}

char *
codec_format(const struct rec_type *t, const void *rec)
{
	const struct field *f;
	const unsigned char *p;
	const char *s;
	struct buf out;
	char *line;
	unsigned i;

	buf_init(&out);
	line = xasprintf("id: %llu\n",
	    (unsigned long long) codec_get_uint(rec, 0, FT_U64));
	buf_add(&out, line, strlen(line));
	free(line);

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		p = (const unsigned char *) rec + f->offset;
		buf_add(&out, f->name, strlen(f->name));
		buf_add(&out, ": ", 2);
		if (f->type == FT_STR) {
			memcpy(&s, p, sizeof s);
			if (t->is_secret != NULL && t->is_secret(rec, f))
				codec_text_secret(&out, s == NULL ? 0 : strlen(s));
			else
				codec_text_str(&out, s == NULL ? "" : s);
		} else if (f->type == FT_BLOB) {
			codec_text_blob(&out, f, (const struct blob *) p);
		} else {
			codec_text_number(&out, f, rec);
		}
		buf_add(&out, "\n", 1);
	}
	buf_add_u8(&out, 0);
	return (char *) out.data;
}
