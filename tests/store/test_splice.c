/*
 * test_splice.c -- a version's seal signature stored without its seal's
 * bytes (schema 9): it reads back byte for byte, a signature holding a
 * 100 KB seal takes under 2 KB, a signature that does not hold its
 * seal's bytes (or begins with a zero byte) is kept whole, a damaged
 * reference (another seal, a changed CRC, a gap past the end, the
 * seal's bytes changed underneath) is refused as STATUS_CORRUPT and
 * reported by check, a seal's SESeal and certificate never change, and
 * the upgrade from schema 8 cuts the bytes out of the versions already
 * stored without changing what they read.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

/* A seal's SESeal of a real seal's size (its picture), its certificate,
 * and a signature that holds both, as GB/T 38540 lays them out. */
#define SPLICE_SEAL_LEN		(100 * 1024)
#define SPLICE_CERT_LEN		560

#define SPLICE_REGNO		"regno-1-签章\x01"

static unsigned char splice_der[SPLICE_SEAL_LEN];
static unsigned char splice_cert[SPLICE_CERT_LEN];
static unsigned char splice_sig[SPLICE_SEAL_LEN + SPLICE_CERT_LEN + 400];

/* Bytes that do not pack (a picture is deflated already). */
static void
splice_noise(unsigned char *p, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char) (seed >> 16);
	}
}

static void
splice_setup(void)
{
	size_t at = 0;

	fixture_init(&fx);
	splice_noise(splice_der, sizeof splice_der, 1);
	splice_der[0] = 0x30;
	/* A SESeal names its seal's registration number (esID): seal 1's
	 * as fixture_fill makes it. */
	memcpy(splice_der + 16, SPLICE_REGNO, sizeof SPLICE_REGNO - 1);
	splice_noise(splice_cert, sizeof splice_cert, 2);
	splice_cert[0] = 0x30;
	/* SES_Signature: a head, the SESeal, time and hash, the cert, the
	 * signature value. */
	splice_noise(splice_sig, sizeof splice_sig, 3);
	splice_sig[0] = 0x30;
	at = 12;
	memcpy(splice_sig + at, splice_der, sizeof splice_der);
	at += sizeof splice_der + 200;
	memcpy(splice_sig + at, splice_cert, sizeof splice_cert);
}

static void
splice_teardown(void)
{
	store_test_schema(0, NULL, 0);
	fixture_done(&fx);
}

/* Seal SEED (1, 2 ...) with the SESeal and certificate above (seal 2's
 * differ in a byte), put. */
static uint64_t
splice_put_seal(struct store *st, unsigned seed)
{
	struct rec_seal s;
	uint64_t id;

	fixture_fill(REC_SEAL, &s, seed);
	s.id = 0;
	free(s.seal_der.data);
	free(s.cert.data);
	s.seal_der.data = xmalloc(sizeof splice_der);
	memcpy(s.seal_der.data, splice_der, sizeof splice_der);
	s.seal_der.len = sizeof splice_der;
	s.cert.data = xmalloc(sizeof splice_cert);
	memcpy(s.cert.data, splice_cert, sizeof splice_cert);
	s.cert.len = sizeof splice_cert;
	if (seed != 1) {	/* another seal: other bytes */
		s.seal_der.data[9] ^= 0xff;
		s.cert.data[9] ^= 0xff;
	}
	ck_assert_int_eq(fixture_put(st, REC_SEAL, &s), STATUS_OK);
	id = s.id;
	rec_free(REC_SEAL, &s);
	return id;
}

/* A version (its signature SIG, N bytes; the static is never freed). */
static void
splice_version(struct rec_version *v, uint32_t number,
    const unsigned char *sig, size_t n)
{
	fixture_fill(REC_VERSION, v, number);
	v->id = 0;
	v->number = number;
	free(v->signature.data);
	v->signature.data = xmalloc(n);
	memcpy(v->signature.data, sig, n);
	v->signature.len = n;
}

static enum status
splice_bytes_txn(struct store_txn *txn, void *arg)
{
	struct { uint64_t id; struct buf b; } *q = arg;

	buf_reset(&q->b);
	return store_test_get_bytes(txn, REC_VERSION, q->id, &q->b);
}

static size_t
splice_stored_size(struct store *st, uint64_t id)
{
	struct { uint64_t id; struct buf b; } q;
	size_t n;

	q.id = id;
	buf_init(&q.b);
	ck_assert_int_eq(store_run(st, STORE_READ, splice_bytes_txn, &q),
	    STATUS_OK);
	n = q.b.len;
	buf_free(&q.b);
	return n;
}

/* Version V reads back with every field, its signature byte for byte. */
static void
splice_assert_reads(struct store *st, const struct rec_version *v)
{
	struct rec_version back;

	ck_assert_int_eq(fixture_get(st, REC_VERSION, v->id, &back),
	    STATUS_OK);
	ck_assert_uint_eq(back.signature.len, v->signature.len);
	ck_assert_mem_eq(back.signature.data, v->signature.data,
	    v->signature.len);
	fixture_assert_equal(REC_VERSION, v, &back);
	rec_free(REC_VERSION, &back);
}

/* A signature holding a 100 KB seal is stored in under 2 KB and reads
 * back byte for byte, with its other seal around. */
START_TEST(test_round_trip)
{
	struct rec_version v;
	struct store *st;

	st = fixture_open(fx.home);
	splice_put_seal(st, 2);
	splice_put_seal(st, 1);
	splice_version(&v, 1, splice_sig, sizeof splice_sig);
	ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
	ck_assert_uint_lt(splice_stored_size(st, v.id), 2048);
	splice_assert_reads(st, &v);
	rec_free(REC_VERSION, &v);
	store_close(st);
}
END_TEST

/* A signature without its seal's bytes (another seal's, or none) and one
 * whose first byte is zero are kept whole and read as they were. */
START_TEST(test_no_seal_kept_whole)
{
	struct rec_version v, z;
	struct store *st;

	st = fixture_open(fx.home);
	splice_put_seal(st, 2);		/* bytes not in the signature */
	splice_version(&v, 1, splice_sig, sizeof splice_sig);
	ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
	ck_assert_uint_gt(splice_stored_size(st, v.id), sizeof splice_sig);
	splice_assert_reads(st, &v);

	splice_version(&z, 2, (const unsigned char *) "\0\1\2\3", 4);
	ck_assert_int_eq(fixture_put(st, REC_VERSION, &z), STATUS_OK);
	splice_assert_reads(st, &z);
	rec_free(REC_VERSION, &v);
	rec_free(REC_VERSION, &z);
	store_close(st);
}
END_TEST

/* A stored version and a change of its signature's stored form. */
struct splice_edit {
	uint64_t	 id;
	void		(*edit)(unsigned char *sig, size_t n);
};

/* Apply E's edit to the stored form of E's version, written back as it
 * is (decoded and encoded without the store's splicing). */
static enum status
splice_edit_txn(struct store_txn *txn, void *arg)
{
	struct splice_edit *e = arg;
	struct rec_version v;
	struct buf b;
	enum status rc;

	buf_init(&b);
	if ((rc = store_test_get_bytes(txn, REC_VERSION, e->id, &b)) !=
	    STATUS_OK)
		goto out;
	if ((rc = store_test_decode(REC_VERSION, b.data, b.len, &v)) !=
	    STATUS_OK)
		goto out;
	e->edit(v.signature.data, v.signature.len);
	buf_reset(&b);
	store_test_encode(REC_VERSION, &v, &b);
	rec_free(REC_VERSION, &v);
	rc = store_test_put_bytes(txn, REC_VERSION, e->id, b.data, b.len);
out:
	buf_free(&b);
	return rc;
}

/* The stored form: 00 01, seal id (one byte here), count, CRC-32 of the
 * whole, then the first piece: which, gap, length (varints). */
static void
splice_edit_seal_id(unsigned char *sig, size_t n)
{
	ck_assert_uint_gt(n, 4);
	ck_assert_uint_eq(sig[0], 0);
	sig[2] = 7;			/* a seal that is not there */
}

static void
splice_edit_crc(unsigned char *sig, size_t n)
{
	ck_assert_uint_gt(n, 8);
	sig[5] ^= 0x01;
}

static void
splice_edit_gap(unsigned char *sig, size_t n)
{
	ck_assert_uint_gt(n, 10);
	ck_assert_uint_eq(sig[9], 12);	/* the SESeal after 12 bytes */
	sig[9] = 0x7f;			/* it would read other bytes */
}

static void
splice_edit_which(unsigned char *sig, size_t n)
{
	ck_assert_uint_gt(n, 10);
	ck_assert_uint_eq(sig[8], 1);
	sig[8] = 2;			/* the certificate instead */
}

static void
splice_edit_rest(unsigned char *sig, size_t n)
{
	sig[n - 1] ^= 0x01;		/* the signature value */
}

static void
splice_edit_count(unsigned char *sig, size_t n)
{
	ck_assert_uint_gt(n, 4);
	sig[3] = 3;			/* more pieces than there can be */
}

/* A damaged reference is refused as STATUS_CORRUPT, never read as other
 * bytes, and check reports it. */
START_TEST(test_damaged_reference_refused)
{
	static void (*const edits[])(unsigned char *, size_t) = {
		splice_edit_seal_id, splice_edit_crc, splice_edit_gap,
		splice_edit_which, splice_edit_rest, splice_edit_count
	};
	struct fixture_faults f;
	struct rec_version v, back;
	struct splice_edit e;
	struct store *st;
	unsigned i;

	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		fixture_done(&fx);
		fixture_init(&fx);
		st = fixture_open(fx.home);
		splice_put_seal(st, 1);
		splice_version(&v, 1, splice_sig, sizeof splice_sig);
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
		e.id = v.id;
		e.edit = edits[i];
		ck_assert_int_eq(store_run(st, STORE_WRITE, splice_edit_txn,
		    &e), STATUS_OK);
		ck_assert_msg(fixture_get(st, REC_VERSION, v.id, &back) ==
		    STATUS_CORRUPT, "damage %u read", i);
		rec_free(REC_VERSION, &v);
		store_close(st);
		ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
		ck_assert_msg(strstr(f.text, "its seal signature refers to "
		    "bytes of its seal that are not there") != NULL,
		    "damage %u: %s", i, f.text);
	}
}
END_TEST

static enum status
splice_change_seal_txn(struct store_txn *txn, void *arg)
{
	const uint64_t *id = arg;
	struct rec_seal s;
	struct buf b;
	enum status rc;

	buf_init(&b);
	if ((rc = store_get(txn, REC_SEAL, *id, &s)) != STATUS_OK)
		return rc;
	s.seal_der.data[100] ^= 0x01;
	store_test_encode(REC_SEAL, &s, &b);
	rec_free(REC_SEAL, &s);
	rc = store_test_put_bytes(txn, REC_SEAL, *id, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* The seal's bytes changed underneath (not through the store): the
 * version that refers to them is refused, not read with them. */
START_TEST(test_changed_seal_refused)
{
	struct rec_version v, back;
	struct store *st;
	uint64_t id;

	st = fixture_open(fx.home);
	id = splice_put_seal(st, 1);
	splice_version(&v, 1, splice_sig, sizeof splice_sig);
	ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
	ck_assert_int_eq(store_run(st, STORE_WRITE, splice_change_seal_txn,
	    &id), STATUS_OK);
	ck_assert_int_eq(fixture_get(st, REC_VERSION, v.id, &back),
	    STATUS_CORRUPT);
	rec_free(REC_VERSION, &v);
	store_close(st);
}
END_TEST

/* A seal's status may change; its SESeal and certificate may not. */
START_TEST(test_seal_bytes_never_change)
{
	struct rec_seal s;
	struct store *st;
	uint64_t id;

	st = fixture_open(fx.home);
	id = splice_put_seal(st, 1);
	ck_assert_int_eq(fixture_get(st, REC_SEAL, id, &s), STATUS_OK);
	s.status = 2;
	ck_assert_int_eq(fixture_put(st, REC_SEAL, &s), STATUS_OK);
	s.cert.data[3] ^= 0x01;
	ck_assert_int_eq(fixture_put(st, REC_SEAL, &s), STATUS_INVALID);
	s.cert.data[3] ^= 0x01;
	s.seal_der.len--;
	ck_assert_int_eq(fixture_put(st, REC_SEAL, &s), STATUS_INVALID);
	s.seal_der.len++;
	rec_free(REC_SEAL, &s);
	store_close(st);
}
END_TEST

/* A schema 8 workspace's sealed versions, whole, lose their seal's bytes
 * in the upgrade; each reads as it was, one without them (and one
 * beginning with a zero byte) stays whole, and check finds nothing. */
START_TEST(test_upgrade_splices)
{
	static const unsigned char zero[] = { 0, 1, 0, 1, 2, 3 };
	struct rec_version v[3];
	struct fixture_faults f;
	size_t before[3];
	struct store *st;
	unsigned i, version = 0;

	store_test_schema(8, NULL, 0);
	st = fixture_open(fx.home);
	splice_put_seal(st, 1);
	splice_version(&v[0], 1, splice_sig, sizeof splice_sig);
	splice_version(&v[1], 2, splice_sig + 20, sizeof splice_sig - 20);
	splice_version(&v[2], 3, zero, sizeof zero);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v[i]),
		    STATUS_OK);
		before[i] = splice_stored_size(st, v[i].id);
		splice_assert_reads(st, &v[i]);
	}
	ck_assert_uint_gt(before[0], sizeof splice_sig);
	store_close(st);

	/* To schema 9 only: the step to 10 packs the other fields too. */
	store_test_schema(9, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_int_eq(store_schema_version(st, &version), STATUS_OK);
	ck_assert_uint_eq(version, 9);
	ck_assert_uint_lt(splice_stored_size(st, v[0].id), 2048);
	ck_assert_uint_eq(splice_stored_size(st, v[1].id), before[1]);
	for (i = 0; i < 3; i++)
		splice_assert_reads(st, &v[i]);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	for (i = 0; i < 3; i++)
		rec_free(REC_VERSION, &v[i]);
}
END_TEST

Suite *
splice_suite(void)
{
	Suite *s = suite_create("splice");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, splice_setup, splice_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_no_seal_kept_whole);
	tcase_add_test(tc, test_damaged_reference_refused);
	tcase_add_test(tc, test_changed_seal_refused);
	tcase_add_test(tc, test_seal_bytes_never_change);
	tcase_add_test(tc, test_upgrade_splices);
	suite_add_tcase(s, tc);
	return s;
}
