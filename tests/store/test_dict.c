/*
 * test_dict.c -- values packed against the built-in dictionaries (schema
 * 10, codec.c wire type 4, dict.c, zip.c): each dictionary's bytes stay
 * exactly as released, every dictionary-packed field reads back byte for
 * byte (short phrases, random bytes, empty, very long, values that do
 * not compress), a writer stores the shortest form, a damaged value
 * (unknown dictionary, cut short, a length that lies, trailing bytes, a
 * NUL in a string, any byte changed) is STATUS_CORRUPT and never a
 * crash, and the upgrade to schema 10 packs the versions and audit
 * entries already stored without changing any record, going on after a
 * kill half-way.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static void
dict_setup(void)
{
	fixture_init(&fx);
}

static void
dict_teardown(void)
{
	store_test_schema(0, NULL, 0);
	store_test_pack(0, 0);
	store_test_pack_kill(0);
	fixture_done(&fx);
}

/* Adler-32 (RFC 1950), written out so that the pin does not depend on
 * the library that packs. */
static uint32_t
dict_adler32(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		a = (a + p[i]) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

/* A released dictionary never changes: a value packed against it would
 * no longer read.  A new one takes the next number (and a new pin). */
START_TEST(test_dictionaries_frozen)
{
	static const struct { unsigned number; size_t len; uint32_t adler; }
	    pins[] = {
		{ DICT_AUDIT, 2379, 0xd31638da },
		{ DICT_TEXT, 3872, 0xa4b39f7c },
		{ DICT_SES, 198, 0xb3dc2ddb },
	};
	const struct dict *d;
	size_t i;

	for (i = 0; i < sizeof pins / sizeof pins[0]; i++) {
		d = dict_get(pins[i].number);
		ck_assert_ptr_nonnull(d);
		ck_assert_uint_eq(d->number, pins[i].number);
		ck_assert_uint_eq(d->len, pins[i].len);
		ck_assert_uint_eq(dict_adler32(d->data, d->len), pins[i].adler);
	}
	ck_assert_ptr_null(dict_get(0));
	ck_assert_ptr_null(dict_get(DICT__LAST + 1));
}
END_TEST

/* Encode REC of KIND as this program does, decode it, compare. */
static size_t
dict_round_trip(enum rec_kind kind, const void *rec)
{
	union rec_any back;
	struct buf b;
	size_t len;

	buf_init(&b);
	store_test_encode(kind, rec, &b);
	ck_assert_int_eq(store_test_decode(kind, b.data, b.len, &back),
	    STATUS_OK);
	fixture_assert_equal(kind, rec, &back);
	rec_free(kind, &back);
	len = b.len;
	buf_free(&b);
	return len;
}

/* The wire type of field TAG in the encoded record B (the first such
 * field), or -1. */
static int
dict_wire_of(const struct buf *b, unsigned tag)
{
	struct buf_reader r;
	const unsigned char *p;
	uint64_t head;

	buf_reader_init(&r, b->data + 1, b->len - 1);
	while (r.left > 0) {
		head = buf_get_varint(&r);
		if (r.error)
			return -1;
		if ((head >> 3) == tag)
			return (int) (head & 7);
		if ((head & 7) == 0 || (head & 7) == 1)
			buf_get_varint(&r);
		else
			buf_get_bytes(&r, &p);
	}
	return -1;
}

/* An audit entry whose detail is DETAIL, encoded into B. */
static void
dict_audit_encoded(const char *detail, struct buf *b)
{
	struct rec_audit a;

	memset(&a, 0, sizeof a);
	a.id = 7;
	a.time = 1767225600;
	a.action = 3;
	a.detail = (char *) detail;
	buf_init(b);
	store_test_encode(REC_AUDIT, &a, b);
}

/* A detail the program writes is stored against the audit dictionary,
 * far shorter than plain, and reads back as it was. */
START_TEST(test_audit_detail_packed)
{
	static const char detail[] = "sealed version 1 with seal SEAL-001, "
	    "8 copies";
	struct rec_audit a, back;
	struct buf b;

	dict_audit_encoded(detail, &b);
	ck_assert_int_eq(dict_wire_of(&b, 9), 4);
	ck_assert_uint_lt(b.len, 10 + (sizeof detail - 1) / 2);
	ck_assert_int_eq(store_test_decode(REC_AUDIT, b.data, b.len, &back),
	    STATUS_OK);
	ck_assert_str_eq(back.detail, detail);
	rec_free(REC_AUDIT, &back);
	buf_free(&b);

	/* Before schema 10 the same detail is stored plain. */
	store_test_schema(DICT_SCHEMA - 1, NULL, 0);
	dict_audit_encoded(detail, &b);
	ck_assert_int_eq(dict_wire_of(&b, 9), 2);
	buf_free(&b);
	store_test_schema(0, NULL, 0);

	memset(&a, 0, sizeof a);
	a.detail = "";
	a.terminal = "";
	dict_round_trip(REC_AUDIT, &a);
}
END_TEST

static void
dict_random_text(char *s, size_t n, unsigned seed)
{
	size_t i;

	srand(seed);
	for (i = 0; i + 1 < n; i++)
		s[i] = (char) (1 + rand() % 255);	/* never NUL */
	s[n - 1] = '\0';
}

/* Every dictionary-packed field of a version reads back byte for byte,
 * whatever its value: random bytes that do not compress, a value of 1
 * byte, of 300 KB, and the empty value. */
START_TEST(test_every_field_round_trips)
{
	static const size_t sizes[] = { 2, 3, 17, 64, 200, 5000, 300000 };
	struct rec_version v;
	struct rec_audit a;
	char *s;
	size_t i, len;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		s = xmalloc(sizes[i]);
		dict_random_text(s, sizes[i], (unsigned) i + 1);
		memset(&v, 0, sizeof v);
		v.title = v.recipients = v.body = v.attachments = s;
		v.issuing_body = v.classification_period = v.fields = s;
		v.signature.data = (unsigned char *) s;
		v.signature.len = sizes[i] - 1;
		len = dict_round_trip(REC_VERSION, &v);
		/* Random bytes: no form is much longer than plain. */
		ck_assert_uint_le(len, 8 * (sizes[i] - 1) + 64);
		memset(&a, 0, sizeof a);
		a.detail = a.terminal = s;
		dict_round_trip(REC_AUDIT, &a);
		free(s);
	}
	memset(&v, 0, sizeof v);
	v.title = v.recipients = v.body = v.attachments = "";
	v.issuing_body = v.classification_period = v.fields = "";
	dict_round_trip(REC_VERSION, &v);
}
END_TEST

/* The writer keeps the shortest form: never longer than the record
 * before schema 10, shorter with a document's usual text, and plain
 * bytes that compress under no form stay plain. */
START_TEST(test_shortest_form)
{
	struct rec_version v;
	struct buf now, before;
	char noise[40];

	memset(&v, 0, sizeof v);
	v.title = "关于开展普法宣传工作的通知";
	v.recipients = "局机关各科室，各镇（街道）工作站";
	v.issuing_body = "司法局办公室";
	v.fields = "kind: official-office\nclassification: none\n"
	    "urgency: normal\nspecial-number: no\nseal-mode: electronic\n"
	    "copies: 3\nleader-in-charge: no\nbatch: no\nform: \n";
	buf_init(&now);
	buf_init(&before);
	store_test_encode(REC_VERSION, &v, &now);
	store_test_schema(DICT_SCHEMA - 1, NULL, 0);
	store_test_encode(REC_VERSION, &v, &before);
	store_test_schema(0, NULL, 0);
	ck_assert_uint_lt(now.len, before.len * 2 / 3);
	ck_assert_int_eq(dict_wire_of(&now, 11), 4);
	buf_free(&now);
	buf_free(&before);

	memset(&v, 0, sizeof v);
	memcpy(noise, "\x8f\x3a\xd1\x07\xe2\x5c\xb9\x41\x6e\xf0\x13\xa7"
	    "\x2d\x94\xc8\x7b\x55\x0e\xe9\x36\xab\x61\xfd\x18\x82\x4f"
	    "\xc3\x2a\x97\x70\xde\x0b\xb4\x59\xe6\x33\x88\x1d\x74", 39);
	noise[39] = '\0';
	v.title = noise;
	buf_init(&now);
	store_test_encode(REC_VERSION, &v, &now);
	ck_assert_int_eq(dict_wire_of(&now, 5), 2);
	buf_free(&now);
}
END_TEST

/* Decode an audit entry whose detail (tag 9) is wire type 4 with the N
 * bytes at P; when it decodes, *DETAIL is its detail (malloc'd). */
static enum status
dict_decode_detail(const unsigned char *p, size_t n, char **detail)
{
	struct rec_audit a;
	struct buf b;
	enum status rc;

	buf_init(&b);
	buf_add_u8(&b, 1);
	buf_add_varint(&b, 9u << 3 | 4);
	buf_add_bytes(&b, p, n);
	rc = store_test_decode(REC_AUDIT, b.data, b.len, &a);
	*detail = NULL;
	if (rc == STATUS_OK) {
		*detail = xstrdup(a.detail);
		rec_free(REC_AUDIT, &a);
	}
	buf_free(&b);
	return rc;
}

/* The wire-4 bytes of DETAIL against dictionary NUMBER into B. */
static void
dict_packed(const char *detail, unsigned number, struct buf *b)
{
	buf_init(b);
	ck_assert_uint_gt(zip_pack_dict(detail, strlen(detail), number, b), 0);
}

static const char dict_detail[] = "submitted version 2";

/* Rebuild the wire-4 bytes of dict_detail with its number, its length
 * and its stream as given. */
static void
dict_forge(struct buf *out, uint64_t number, uint64_t len,
    const unsigned char *stream, size_t n)
{
	buf_init(out);
	buf_add_varint(out, number);
	buf_add_varint(out, len);
	buf_add(out, stream, n);
}

START_TEST(test_damaged_refused)
{
	const unsigned char *stream;
	struct buf good, bad;
	size_t n;
	char *s;

	dict_packed(dict_detail, DICT_AUDIT, &good);
	ck_assert_int_eq(dict_decode_detail(good.data, good.len, &s),
	    STATUS_OK);
	ck_assert_str_eq(s, dict_detail);
	free(s);
	stream = good.data + 2;		/* number and length: a byte each */
	n = good.len - 2;

	/* Unknown dictionaries, and known ones that are not its own. */
	dict_forge(&bad, 0, sizeof dict_detail - 1, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	dict_forge(&bad, DICT__LAST + 1, sizeof dict_detail - 1, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	dict_forge(&bad, UINT64_MAX, sizeof dict_detail - 1, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);

	/* Lengths that lie: one less, one more, zero, beyond the bound. */
	dict_forge(&bad, DICT_AUDIT, sizeof dict_detail - 2, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	dict_forge(&bad, DICT_AUDIT, sizeof dict_detail, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	dict_forge(&bad, DICT_AUDIT, 0, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	dict_forge(&bad, DICT_AUDIT, ZIP_MAX_PLAIN + 1, stream, n);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);

	/* Cut short (every length), and trailing bytes. */
	for (n = 0; n < good.len; n++)
		ck_assert_int_eq(dict_decode_detail(good.data, n, &s),
		    STATUS_CORRUPT);
	dict_forge(&bad, DICT_AUDIT, sizeof dict_detail - 1, stream,
	    good.len - 2);
	buf_add_u8(&bad, 0);
	ck_assert_int_eq(dict_decode_detail(bad.data, bad.len, &s),
	    STATUS_CORRUPT);
	buf_free(&bad);
	buf_free(&good);
}
END_TEST

/* A string holding a NUL, packed against a dictionary, is damage; a
 * blob may hold one. */
START_TEST(test_packed_nul_refused)
{
	static const char with_nul[] = "submitted\0version 1";
	struct rec_version back;
	struct buf b, rec;
	char *s;

	buf_init(&b);
	ck_assert_uint_gt(zip_pack_dict(with_nul, sizeof with_nul - 1,
	    DICT_AUDIT, &b), 0);
	ck_assert_int_eq(dict_decode_detail(b.data, b.len, &s),
	    STATUS_CORRUPT);

	buf_init(&rec);
	buf_add_u8(&rec, 1);
	buf_add_varint(&rec, 14u << 3 | 4);	/* the signature, a blob */
	buf_add_bytes(&rec, b.data, b.len);
	ck_assert_int_eq(store_test_decode(REC_VERSION, rec.data, rec.len,
	    &back), STATUS_OK);
	ck_assert_uint_eq(back.signature.len, sizeof with_nul - 1);
	ck_assert_mem_eq(back.signature.data, with_nul, sizeof with_nul - 1);
	rec_free(REC_VERSION, &back);
	buf_free(&rec);
	buf_free(&b);
}
END_TEST

/* Any byte of a record holding dictionary-packed fields changed to any
 * of a few values: the record decodes (to whatever) or is
 * STATUS_CORRUPT; never a crash or a leak (the sanitizer build). */
START_TEST(test_every_byte_changed)
{
	static const unsigned char values[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
	struct rec_version v, back;
	struct buf b;
	enum status rc;
	size_t i, j;

	memset(&v, 0, sizeof v);
	v.title = "关于开展普法宣传工作的通知";
	v.fields = "kind: official-office\nclassification: none\n";
	v.signature.data = (unsigned char *) "\x30\x82\x02\x01\x04";
	v.signature.len = 5;
	buf_init(&b);
	store_test_encode(REC_VERSION, &v, &b);
	ck_assert_int_eq(dict_wire_of(&b, 5), 4);
	for (i = 0; i < b.len; i++)
		for (j = 0; j < sizeof values; j++) {
			unsigned char keep = b.data[i];

			b.data[i] = values[j];
			rc = store_test_decode(REC_VERSION, b.data, b.len,
			    &back);
			ck_assert(rc == STATUS_OK || rc == STATUS_CORRUPT);
			if (rc == STATUS_OK)
				rec_free(REC_VERSION, &back);
			b.data[i] = keep;
		}
	buf_free(&b);
}
END_TEST

/* -- The upgrade from the schema before -------------------------------- */

#define DICT_NVERSIONS	12
#define DICT_NAUDIT	30

static void
dict_version(struct rec_version *v, unsigned i, char *title)
{
	static const unsigned char der[] = { 0x30, 0x82, 0x02, 0x01, 0x04 };
	static unsigned char sig[300];
	size_t k;

	for (k = 0; k < sizeof sig; k++)
		sig[k] = k < 40 ? der[k % 5] : (unsigned char) (k * 31 + 7);
	memset(v, 0, sizeof *v);
	v->doc_id = i;
	v->number = 1;
	v->title = title;
	v->recipients = "局机关各科室，各镇（街道）工作站";
	v->body = "各科室：\n现将有关事项通知如下：请各单位高度重视。\n"
	    "特此通知。";
	v->issuing_body = "司法局办公室";
	v->fields = "kind: official-office\nclassification: none\n"
	    "urgency: normal\nspecial-number: no\nseal-mode: electronic\n"
	    "copies: 3\nleader-in-charge: no\nbatch: no\nform: \n";
	v->signature.data = sig;
	v->signature.len = sizeof sig;
	v->created = 1767225600 + (int64_t) i;
}

static void
dict_audit(struct rec_audit *a, unsigned i, char *detail)
{
	memset(a, 0, sizeof *a);
	a->time = 1767225600 + (int64_t) i;
	a->user_id = 2;
	a->terminal = "desk-1";
	a->action = 5;
	a->object_kind = REC_DOC;
	a->object_id = i;
	a->detail = detail;
}

/* A workspace of the schema before, with versions and audit entries. */
static void
dict_make_schema9(void)
{
	struct rec_version v;
	struct rec_audit a;
	struct store *st;
	unsigned i;
	char *s;

	store_test_schema(DICT_SCHEMA - 1, NULL, 0);
	st = fixture_open(fx.home);
	for (i = 1; i <= DICT_NVERSIONS; i++) {
		s = xasprintf("关于第%u号文件的通知", i);
		dict_version(&v, i, s);
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
		free(s);
	}
	for (i = 1; i <= DICT_NAUDIT; i++) {
		s = xasprintf("sealed version %u with seal SEAL-001, %u copies",
		    i, i % 9 + 1);
		dict_audit(&a, i, s);
		ck_assert_int_eq(fixture_put(st, REC_AUDIT, &a), STATUS_OK);
		free(s);
	}
	store_close(st);
}

struct dict_dump_q {
	struct buf	 text;
	size_t		 bytes;
};

static enum status
dict_dump_txn(struct store_txn *txn, void *arg)
{
	static const enum rec_kind kinds[] = { REC_VERSION, REC_AUDIT };
	static const uint64_t counts[] = { DICT_NVERSIONS, DICT_NAUDIT };
	struct dict_dump_q *q = arg;
	union rec_any rec;
	enum status rc = STATUS_OK;
	struct buf raw;
	uint64_t id;
	size_t k;
	char *s;

	buf_reset(&q->text);
	q->bytes = 0;
	buf_init(&raw);
	for (k = 0; k < 2 && rc == STATUS_OK; k++)
		for (id = 1; id <= counts[k] && rc == STATUS_OK; id++) {
			if ((rc = store_get(txn, kinds[k], id, &rec)) !=
			    STATUS_OK)
				break;
			s = rec_format(kinds[k], &rec);
			buf_add(&q->text, s, strlen(s));
			free(s);
			rec_free(kinds[k], &rec);
			buf_reset(&raw);
			rc = store_test_get_bytes(txn, kinds[k], id, &raw);
			q->bytes += raw.len;
		}
	buf_free(&raw);
	buf_add_u8(&q->text, 0);
	return rc;
}

/* The dump text of every version and audit entry (malloc'd), and the
 * total of their stored bytes into *BYTES. */
static char *
dict_dump(struct store *st, size_t *bytes)
{
	struct dict_dump_q q;

	buf_init(&q.text);
	ck_assert_int_eq(store_run(st, STORE_READ, dict_dump_txn, &q),
	    STATUS_OK);
	*bytes = q.bytes;
	return (char *) q.text.data;
}

/* Open the workspace as this program (upgrading it), compare every
 * record with BEFORE, and check it. */
static void
dict_assert_upgraded(const char *before, size_t before_bytes)
{
	struct fixture_faults f;
	struct store *st;
	unsigned version = 0;
	size_t bytes;
	char *after;

	st = fixture_open(fx.home);
	ck_assert_int_eq(store_schema_version(st, &version), STATUS_OK);
	ck_assert_uint_eq(version, STORE_SCHEMA_VERSION);
	after = dict_dump(st, &bytes);
	ck_assert_str_eq(after, before);
	ck_assert_uint_lt(bytes, before_bytes * 3 / 4);
	free(after);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}

/* The upgrade packs every version and audit entry stored before, and
 * each reads exactly as it did. */
START_TEST(test_upgrade_packs)
{
	struct store *st;
	size_t bytes;
	char *before;

	dict_make_schema9();
	st = fixture_open(fx.home);	/* still the schema before */
	before = dict_dump(st, &bytes);
	store_close(st);
	store_test_schema(0, NULL, 0);
	store_test_pack(5, 0);		/* a few parts per kind */
	dict_assert_upgraded(before, bytes);
	free(before);
}
END_TEST

/* An upgrade killed half-way (in the trail's first part, the versions
 * done) leaves a workspace an older program refuses, and the next open
 * goes on from the last part committed. */
START_TEST(test_upgrade_resumes_after_kill)
{
	struct store *st;
	size_t bytes;
	char *before;

	dict_make_schema9();
	st = fixture_open(fx.home);
	before = dict_dump(st, &bytes);
	store_close(st);
	store_test_schema(0, NULL, 0);

	store_test_pack(5, 0);
	store_test_pack_kill(4);	/* 3 parts of versions, then the kill */
	fixture_open_killed(fx.home, "the upgrade");
	store_test_pack_kill(0);

	store_test_schema(DICT_SCHEMA - 1, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_NEWER);
	store_test_schema(0, NULL, 0);
	dict_assert_upgraded(before, bytes);
	free(before);
}
END_TEST

Suite *
dict_suite(void)
{
	Suite *s = suite_create("dict");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, dict_setup, dict_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_dictionaries_frozen);
	tcase_add_test(tc, test_audit_detail_packed);
	tcase_add_test(tc, test_every_field_round_trips);
	tcase_add_test(tc, test_shortest_form);
	tcase_add_test(tc, test_damaged_refused);
	tcase_add_test(tc, test_packed_nul_refused);
	tcase_add_test(tc, test_every_byte_changed);
	tcase_add_test(tc, test_upgrade_packs);
	tcase_add_test(tc, test_upgrade_resumes_after_kill);
	suite_add_tcase(s, tc);
	return s;
}
