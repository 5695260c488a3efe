/*
 * splice.c -- a version's seal signature stored without the bytes its
 * seal record already holds (schema 9), and given back whole when read.
 *
 * A seal signature (GB/T 38540's SES_Signature) carries the whole seal
 * (its SESeal: the picture, about 100 KB with a real seal, and the
 * maker's certificate) and the signer's certificate.  Both are the seal
 * record's own seal_der and cert, byte for byte, so every sealed version
 * stored them again.  Here they are cut out and replaced by references
 * to the seal record; reading the version splices the same bytes back.
 * The store does not read DER: it finds the seal's bytes in the
 * signature as they are (memmem), so what it gives back is exactly what
 * was signed, whatever the layout, and a signature that does not hold
 * them (another seal, a damaged record) is stored whole.
 *
 * Stored form of the signature field (then packed like any long field):
 *
 *	0x00		marker: a DER value never begins with a zero byte
 *	0x01		this form's version
 *	varint		the seal's id
 *	varint		number of pieces, 0 to 2, in the order they stand
 *	u32		CRC-32 of the whole signature (big-endian)
 *	per piece	u8 which (1 the seal's seal_der, 2 its cert),
 *			varint gap (bytes of the rest before it, counted
 *			from the end of the previous piece), varint length
 *	rest		the signature's other bytes, to the end
 *
 * A signature whose first byte is zero is stored in this form with no
 * piece, so the marker never misleads; the upgrade (which reads the
 * versions as schema 8 stored them, whole) does the same, and a
 * workspace is read this way only from schema 9 on.
 *
 * A reference whose seal is gone, whose bytes do not have the length
 * noted, whose gaps run past the rest, or a signature put together whose
 * CRC-32 is not the one noted is damage (STATUS_CORRUPT): a wrong byte
 * is never handed to a reader (the core's verification would refuse it
 * anyway, but could not say why).
 * The seal record's seal_der and cert therefore never change once
 * stored (record.c refuses it): suspending, revoking or any later change
 * of a seal keeps them, so a reference stays good for ever.
 *
 * It must not decide anything about seals or signatures (that is the
 * core's) and never logs a signature's bytes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "store/store_int.h"

#define SPLICE_MARK	0x00
#define SPLICE_FORM	0x01
#define SPLICE_PIECES	2
#define SPLICE_SEAL	1		/* which: the seal's seal_der */
#define SPLICE_CERT	2		/* which: its cert */

/* Versions a part of the upgrade (like pack.c's). */
#define SPLICE_CHUNK	500

/* The seal bytes a signature may hold, one seal each. */
struct splice_seal {
	uint64_t	 id;
	struct blob	 der;
	struct blob	 cert;
};

struct splice_seals {
	struct splice_seal	*v;
	size_t			 n;
};

/* One piece found in a signature. */
struct splice_piece {
	unsigned		 which;
	size_t			 at;		/* in the whole signature */
	const struct blob	*bytes;
};

static uint32_t
splice_crc(const unsigned char *p, size_t n)
{
	return (uint32_t) crc32(crc32(0L, Z_NULL, 0), p, (uInt) n);
}

static void
splice_seals_free(struct splice_seals *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].der.data);
		free(s->v[i].cert.data);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Keep REC's seal bytes (taken over) in S. */
static void
splice_seals_add(struct splice_seals *s, struct rec_seal *rec)
{
	struct splice_seal *e;

	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	e = &s->v[s->n++];
	e->id = rec->id;
	e->der = rec->seal_der;
	e->cert = rec->cert;
	memset(&rec->seal_der, 0, sizeof rec->seal_der);
	memset(&rec->cert, 0, sizeof rec->cert);
}

/* Every seal's seal_der and cert (a workspace has a few dozen seals). */
static enum status
splice_seals_load(struct store_txn *t, struct splice_seals *s)
{
	enum status rc = STATUS_OK;
	DBT key, data;
	struct rec_seal rec;
	DBC *c;
	DB *db;
	int ret;

	if ((rc = txn_kind_db(t, REC_SEAL, &db)) != STATUS_OK)
		return rc;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "reading the seals");
	store_dbt_init(&key);
	store_dbt_init(&data);
	while (rc == STATUS_OK && (ret = c->get(c, &key, &data, DB_NEXT)) ==
	    0) {
		if (key.size != 8 || codec_decode(&rec_seal_type, data.data,
		    data.size, &rec) != STATUS_OK)
			continue;	/* check reports it; no piece of it */
		rec.id = buf_read_be64(key.data);
		splice_seals_add(s, &rec);
		codec_free(&rec_seal_type, &rec);
	}
	if (ret != 0 && ret != DB_NOTFOUND)
		rc = txn_fail(t, ret, "reading the seals");
	c->close(c);
	return rc;
}

/* The seals whose registration number SIG holds, by the index of seals
 * by number: a seal's SESeal names its number, so no other seal's bytes
 * can be in SIG, and only these records are read (a sealing would read
 * every seal's picture otherwise).  Without the index, every seal. */
static enum status
splice_seals_named(struct store_txn *t, const struct blob *sig,
    struct splice_seals *s)
{
	DB *db = t->st->index_db[IDX_SEAL_REGNO];
	enum status rc = STATUS_OK;
	struct rec_seal rec;
	DBT key, data;
	DBC *c;
	int ret;

	if (db == NULL)
		return splice_seals_load(t, s);
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "reading the seals");
	store_dbt_init(&key);
	store_dbt_init(&data);
	while (rc == STATUS_OK && (ret = c->get(c, &key, &data, DB_NEXT)) ==
	    0) {
		if (key.size == 0 || data.size != 8 || memmem(sig->data,
		    sig->len, key.data, key.size) == NULL)
			continue;
		rc = record_read(t, &rec_seal_type, buf_read_be64(data.data),
		    &rec, 0);
		if (rc == STATUS_OK)
			splice_seals_add(s, &rec);
		codec_free(&rec_seal_type, &rec);
		if (rc == STATUS_NOT_FOUND || rc == STATUS_CORRUPT)
			rc = STATUS_OK;		/* check reports it */
	}
	if (ret != 0 && ret != DB_NOTFOUND && rc == STATUS_OK)
		rc = txn_fail(t, ret, "reading the seals");
	c->close(c);
	return rc;
}

/* Where B stands in the N bytes at P, outside [SKIP, SKIP + SKIPLEN);
 * 0 when it does not. */
static int
splice_find(const unsigned char *p, size_t n, const struct blob *b,
    size_t skip, size_t skiplen, size_t *at)
{
	const unsigned char *f;
	size_t end = skip + skiplen;

	if (b->len == 0 || b->len > n)
		return 0;
	if (end < n && (f = memmem(p + end, n - end, b->data, b->len)) !=
	    NULL) {
		*at = (size_t) (f - p);
		return 1;
	}
	if ((f = memmem(p, skip, b->data, b->len)) != NULL &&
	    (size_t) (f - p) + b->len <= skip) {
		*at = (size_t) (f - p);
		return 1;
	}
	return 0;
}

/* The pieces of seal E in the signature SIG, in the order they stand. */
static size_t
splice_match(const struct blob *sig, const struct splice_seal *e,
    struct splice_piece pc[SPLICE_PIECES])
{
	struct splice_piece tmp;
	size_t n = 0, at;

	if (!splice_find(sig->data, sig->len, &e->der, 0, 0, &at))
		return 0;
	pc[n++] = (struct splice_piece) { SPLICE_SEAL, at, &e->der };
	if (splice_find(sig->data, sig->len, &e->cert, at, e->der.len, &at))
		pc[n++] = (struct splice_piece) { SPLICE_CERT, at, &e->cert };
	if (n == 2 && pc[1].at < pc[0].at) {
		tmp = pc[0];
		pc[0] = pc[1];
		pc[1] = tmp;
	}
	return n;
}

/* The stored form of SIG with pieces PC of seal ID into OUT. */
static void
splice_write(const struct blob *sig, uint64_t id,
    const struct splice_piece *pc, size_t n, struct buf *out)
{
	size_t i, from = 0;

	buf_add_u8(out, SPLICE_MARK);
	buf_add_u8(out, SPLICE_FORM);
	buf_add_varint(out, id);
	buf_add_varint(out, n);
	buf_add_u32(out, splice_crc(sig->data, sig->len));
	for (i = 0; i < n; i++) {
		buf_add_u8(out, (uint8_t) pc[i].which);
		buf_add_varint(out, pc[i].at - from);
		buf_add_varint(out, pc[i].bytes->len);
		from = pc[i].at + pc[i].bytes->len;
	}
	from = 0;
	for (i = 0; i < n; i++) {
		buf_add(out, sig->data + from, pc[i].at - from);
		from = pc[i].at + pc[i].bytes->len;
	}
	buf_add(out, sig->data + from, sig->len - from);
}

/* Is SIG in the stored form already? */
static int
splice_is_stored(const struct blob *sig)
{
	return sig->len >= 2 && sig->data[0] == SPLICE_MARK &&
	    sig->data[1] == SPLICE_FORM;
}

/* The stored form of the whole signature SIG into OUT, against the seals
 * S: 1 when it differs from SIG. */
static int
splice_out(const struct blob *sig, const struct splice_seals *s,
    struct buf *out)
{
	struct splice_piece pc[SPLICE_PIECES];
	size_t i, n;

	if (sig->len == 0)
		return 0;
	for (i = 0; i < s->n; i++)
		if ((n = splice_match(sig, &s->v[i], pc)) > 0) {
			splice_write(sig, s->v[i].id, pc, n, out);
			return 1;
		}
	if (sig->data[0] != SPLICE_MARK)
		return 0;
	splice_write(sig, 0, NULL, 0, out);	/* the marker escaped */
	return 1;
}

/*
 * Encode REC of TYPE into OUT as record.c writes it: a version's
 * signature in its stored form (PACK: the forms codec_encode_as may use,
 * and from schema 9 the seal's bytes cut out).
 */
enum status
splice_encode(struct store_txn *t, const struct rec_type *type,
    const void *rec, int pack, struct buf *out)
{
	const struct rec_version *v = rec;
	struct splice_seals s = { NULL, 0 };
	struct rec_version copy;
	struct buf sig;
	enum status rc;

	if (type->kind != REC_VERSION || v->signature.len == 0 ||
	    schema_current() < SPLICE_SCHEMA ||
	    t->st->schema < SPLICE_SCHEMA) {
		codec_encode_as(type, rec, pack, out);
		return STATUS_OK;
	}
	buf_init(&sig);
	if ((rc = splice_seals_named(t, &v->signature, &s)) == STATUS_OK) {
		copy = *v;
		if (splice_out(&v->signature, &s, &sig)) {
			copy.signature.data = sig.data;
			copy.signature.len = sig.len;
		}
		codec_encode_as(type, &copy, pack, out);
	}
	splice_seals_free(&s);
	buf_free(&sig);
	return rc;
}

/* -- Reading ------------------------------------------------------------ */

struct splice_ref {
	unsigned	 which;
	uint64_t	 gap;
	uint64_t	 len;
};

/* The head of the stored form at R: seal id, CRC, pieces. */
static int
splice_read_head(struct buf_reader *r, uint64_t *id, uint32_t *crc,
    struct splice_ref ref[SPLICE_PIECES], size_t *n)
{
	uint64_t count;
	size_t i;

	buf_get_u8(r);
	buf_get_u8(r);
	*id = buf_get_varint(r);
	count = buf_get_varint(r);
	*crc = buf_get_u32(r);
	if (r->error || count > SPLICE_PIECES || (count > 0 && *id == 0))
		return 0;
	for (i = 0; i < count; i++) {
		ref[i].which = buf_get_u8(r);
		ref[i].gap = buf_get_varint(r);
		ref[i].len = buf_get_varint(r);
		if (r->error || (ref[i].which != SPLICE_SEAL &&
		    ref[i].which != SPLICE_CERT) || ref[i].len == 0 ||
		    ref[i].len > CODEC_MAX_RECORD)
			return 0;
	}
	*n = (size_t) count;
	return 1;
}

/* The bytes REF names in SEAL, if they have the length noted. */
static const struct blob *
splice_piece_of(const struct rec_seal *seal, const struct splice_ref *ref)
{
	const struct blob *b = ref->which == SPLICE_SEAL ? &seal->seal_der :
	    &seal->cert;

	return b->len == ref->len ? b : NULL;
}

/* The whole signature from the rest at R and the pieces of SEAL. */
static int
splice_join(struct buf_reader *r, const struct rec_seal *seal,
    const struct splice_ref *ref, size_t n, struct buf *whole)
{
	const struct blob *b;
	size_t i;

	for (i = 0; i < n; i++) {
		if (ref[i].gap > r->left ||
		    (b = splice_piece_of(seal, &ref[i])) == NULL)
			return 0;
		buf_add(whole, r->p, (size_t) ref[i].gap);
		r->p += ref[i].gap;
		r->left -= (size_t) ref[i].gap;
		buf_add(whole, b->data, b->len);
	}
	buf_add(whole, r->p, r->left);
	return 1;
}

/* SIG, when in the stored form, made whole again: STATUS_CORRUPT when
 * its references do not give back the bytes noted. */
static enum status
splice_in_blob(struct store_txn *t, struct blob *sig)
{
	struct splice_ref ref[SPLICE_PIECES];
	struct rec_seal seal;
	struct buf_reader r;
	struct buf whole;
	enum status rc = STATUS_OK;
	uint64_t id;
	uint32_t crc;
	size_t n;

	/* Before schema 9 (or in a program pretending to be older) every
	 * signature is whole, whatever its first byte. */
	if (sig->len == 0 || sig->data[0] != SPLICE_MARK ||
	    t->st->schema < SPLICE_SCHEMA || schema_current() < SPLICE_SCHEMA)
		return STATUS_OK;
	buf_reader_init(&r, sig->data, sig->len);
	if (!splice_is_stored(sig) || !splice_read_head(&r, &id, &crc, ref, &n))
		return STATUS_CORRUPT;
	memset(&seal, 0, sizeof seal);
	if (n > 0 && (rc = record_read(t, &rec_seal_type, id, &seal, 0)) ==
	    STATUS_NOT_FOUND)
		rc = STATUS_CORRUPT;
	if (rc != STATUS_OK)
		return rc;
	buf_init(&whole);
	if (!splice_join(&r, &seal, ref, n, &whole) ||
	    splice_crc(whole.data, whole.len) != crc)
		rc = STATUS_CORRUPT;
	codec_free(&rec_seal_type, &seal);
	if (rc == STATUS_OK) {
		free(sig->data);
		sig->data = whole.data;		/* taken over */
		sig->len = whole.len;
	} else {
		buf_free(&whole);
	}
	return rc;
}

/* REC of TYPE, just decoded, as its readers see it. */
enum status
splice_in(struct store_txn *t, const struct rec_type *type, void *rec)
{
	struct rec_version *v = rec;
	enum status rc;

	if (type->kind != REC_VERSION)
		return STATUS_OK;
	rc = splice_in_blob(t, &v->signature);
	if (rc == STATUS_CORRUPT)
		log_error("store: version %llu: its seal signature refers to "
		    "seal bytes that are not there", (unsigned long long)
		    v->id);
	return rc;
}

/* Non-zero when a seal record's put would change the bytes versions
 * refer to (OLD and NEW, both seals). */
int
splice_seal_changed(const void *old, const void *new)
{
	const struct rec_seal *a = old, *b = new;

	return (a->seal_der.len != 0 && (a->seal_der.len != b->seal_der.len ||
	    memcmp(a->seal_der.data, b->seal_der.data, a->seal_der.len) !=
	    0)) || (a->cert.len != 0 && (a->cert.len != b->cert.len ||
	    memcmp(a->cert.data, b->cert.data, a->cert.len) != 0));
}

/* -- The upgrade to schema 9 -------------------------------------------- */

/* Write the version under C again with its seal's bytes cut out, when
 * one of seals S is in its signature. */
static enum status
splice_one(struct store_txn *t, DBC *c, DBT *key, const DBT *data,
    const struct splice_seals *s)
{
	struct rec_version v;
	struct buf sig, value;
	enum status rc = STATUS_OK;
	DBT out;
	int ret;

	if (codec_decode(&rec_version_type, data->data, data->size, &v) !=
	    STATUS_OK) {
		log_error("store: a version record does not decode; left as "
		    "it was");
		return STATUS_OK;
	}
	buf_init(&sig);
	buf_init(&value);
	if (splice_out(&v.signature, s, &sig)) {
		free(v.signature.data);
		v.signature.data = sig.data;	/* taken over */
		v.signature.len = sig.len;
		buf_init(&sig);
		codec_encode_as(&rec_version_type, &v, pack_level(), &value);
		store_dbt_init(&out);
		out.data = value.data;
		out.size = (u_int32_t) value.len;
		if ((ret = c->put(c, key, &out, DB_CURRENT)) != 0)
			rc = txn_fail(t, ret, "splicing a version");
	}
	codec_free(&rec_version_type, &v);
	buf_free(&value);
	return rc;
}

/* Cut the seal's bytes out of up to SPLICE_CHUNK versions after *LAST
 * (0: from the first), moving *LAST on; *DONE after the last. */
enum status
splice_versions_part(struct store_txn *t, uint64_t *last, int *done)
{
	struct splice_seals s = { NULL, 0 };
	enum status rc;
	DBT key, data;
	unsigned n = 0;
	DBC *c;
	DB *db;
	int ret;

	*done = 0;
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, REC_VERSION, &db)) != STATUS_OK ||
	    (rc = splice_seals_load(t, &s)) != STATUS_OK)
		goto out;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0) {
		rc = txn_fail(t, ret, "splicing the versions");
		goto out;
	}
	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek_after(c, *last, &key, &data);
	while (ret == 0 && rc == STATUS_OK && n++ < SPLICE_CHUNK) {
		if (key.size != 8) {
			rc = STATUS_CORRUPT;
			break;
		}
		rc = splice_one(t, c, &key, &data, &s);
		*last = buf_read_be64(key.data);
		ret = c->get(c, &key, &data, DB_NEXT);
	}
	if (ret != 0 && ret != DB_NOTFOUND && rc == STATUS_OK)
		rc = txn_fail(t, ret, "splicing the versions");
	c->close(c);
	*done = rc == STATUS_OK && ret == DB_NOTFOUND;
out:
	splice_seals_free(&s);
	return rc;
}
