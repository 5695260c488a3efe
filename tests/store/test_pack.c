/*
 * test_pack.c -- packed fields (schema 8): a version's long fields are
 * stored packed and read back exactly as they were, a record written
 * plain (before schema 8) still reads, a damaged packed field (any byte
 * of its stream changed, the stream cut short, a length that lies, a NUL
 * in a string) is refused as STATUS_CORRUPT, and the upgrade from schema
 * 6 packs the versions already stored without changing what they say,
 * carrying on at the next open when it was cut short, and gives the
 * pages it freed back even when killed while compacting.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static char pack_body[4096];
static char pack_fields[1024];
static unsigned char pack_sig[1400];

static void
pack_setup(void)
{
	static const char para[] = "根据《中华人民共和国行政复议法》第十二条"
	    "规定，现将有关事项通知如下。";
	static const char field[] = "文号: 示司〔2026〕7号\n";
	size_t i;

	fixture_init(&fx);
	pack_body[0] = pack_fields[0] = '\0';
	while (strlen(pack_body) + sizeof para < sizeof pack_body)
		strcat(pack_body, para);
	while (strlen(pack_fields) + sizeof field < sizeof pack_fields)
		strcat(pack_fields, field);
	/* A certificate twice, as in a seal signature, around other bytes. */
	for (i = 0; i < sizeof pack_sig; i++)
		pack_sig[i] = (unsigned char) (i < 600 ? i * 7 :
		    i < 1200 ? (i - 600) * 7 : i * 13 + 5);
}

static void
pack_teardown(void)
{
	store_test_schema(0, NULL, 0);
	store_test_pack(0, 0);
	store_test_compact(0, 0);
	fixture_done(&fx);
}

/* A version with long fields (the statics: never freed). */
static void
pack_version(struct rec_version *v, uint32_t number)
{
	memset(v, 0, sizeof *v);
	v->doc_id = 3;
	v->number = number;
	v->author_id = 2;
	v->title = "关于打印机的通知";
	v->recipients = "各科室";
	v->body = pack_body;
	v->attachments = "";
	v->issuing_body = "示范市示范区司法局";
	v->classification_period = "";
	v->fields = pack_fields;
	v->signature.data = pack_sig;
	v->signature.len = sizeof pack_sig;
	v->created = 1767225600;
}

static size_t
pack_plain_size(const struct rec_version *v)
{
	return strlen(v->body) + strlen(v->fields) + v->signature.len;
}

/* Encoded, a version is far shorter than its long fields, and decodes
 * to every field as it was. */
START_TEST(test_round_trip)
{
	struct rec_version v, back;
	struct buf b;

	pack_version(&v, 1);
	buf_init(&b);
	store_test_encode(REC_VERSION, &v, &b);
	ck_assert_uint_lt(b.len, pack_plain_size(&v) / 2);
	ck_assert_int_eq(store_test_decode(REC_VERSION, b.data, b.len, &back),
	    STATUS_OK);
	fixture_assert_equal(REC_VERSION, &v, &back);
	rec_free(REC_VERSION, &back);
	buf_free(&b);
}
END_TEST

/* Short values stay plain: packing them would make them longer. */
START_TEST(test_short_stays_plain)
{
	struct rec_version v, back;
	struct buf b;

	memset(&v, 0, sizeof v);
	v.body = "同意。";
	buf_init(&b);
	store_test_encode(REC_VERSION, &v, &b);
	ck_assert_uint_eq(b.len, 1 + 1 + 1 + strlen(v.body));
	ck_assert_uint_eq(b.data[1], 7u << 3 | 2);	/* plain bytes */
	ck_assert_int_eq(store_test_decode(REC_VERSION, b.data, b.len, &back),
	    STATUS_OK);
	ck_assert_str_eq(back.body, "同意。");
	rec_free(REC_VERSION, &back);
	buf_free(&b);
}
END_TEST

/* How many bytes version ID takes in ST. */
static size_t pack_stored_size(struct store *st, uint64_t id);

/* A blob as long as a signature carrying a real seal picture stays
 * plain, however well it would pack: the picture is packed already. */
START_TEST(test_long_blob_stays_plain)
{
	static unsigned char sig[20000];
	struct rec_version v, back;
	struct buf b;

	memset(&v, 0, sizeof v);
	v.signature.data = sig;
	v.signature.len = sizeof sig;
	buf_init(&b);
	store_test_encode(REC_VERSION, &v, &b);
	ck_assert_uint_eq(b.data[1], 14u << 3 | 2);	/* plain bytes */
	ck_assert_uint_gt(b.len, sizeof sig);
	ck_assert_int_eq(store_test_decode(REC_VERSION, b.data, b.len, &back),
	    STATUS_OK);
	ck_assert_uint_eq(back.signature.len, sizeof sig);
	rec_free(REC_VERSION, &back);
	buf_free(&b);
}
END_TEST

/* A record written before schema 8, every field plain, reads as it was:
 * one a schema 6 program stored, and one made by hand. */
START_TEST(test_plain_record_reads)
{
	struct rec_version v, back;
	struct buf b;
	struct store *st;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	pack_version(&v, 1);
	ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
	ck_assert_uint_gt(pack_stored_size(st, v.id), pack_plain_size(&v));
	ck_assert_int_eq(fixture_get(st, REC_VERSION, v.id, &back), STATUS_OK);
	fixture_assert_equal(REC_VERSION, &v, &back);
	rec_free(REC_VERSION, &back);
	store_close(st);

	buf_init(&b);
	buf_add_u8(&b, 1);
	buf_add_varint(&b, 7u << 3 | 2);
	buf_add_bytes(&b, pack_body, strlen(pack_body));
	ck_assert_int_eq(store_test_decode(REC_VERSION, b.data, b.len, &back),
	    STATUS_OK);
	ck_assert_str_eq(back.body, pack_body);
	rec_free(REC_VERSION, &back);
	buf_free(&b);
}
END_TEST

/* A version with only its body: format, head, length, then the packed
 * bytes (their own length and the stream) from *AT on. */
static void
pack_body_only(struct buf *b, size_t *at)
{
	struct rec_version v;
	struct buf_reader r;

	memset(&v, 0, sizeof v);
	v.body = pack_body;
	buf_init(b);
	/* zlib alone, as before schema 10 */
	store_test_schema(DICT_SCHEMA - 1, NULL, 0);
	store_test_encode(REC_VERSION, &v, b);
	store_test_schema(0, NULL, 0);
	ck_assert_uint_eq(b->data[1], 7u << 3 | 3);	/* packed */
	buf_reader_init(&r, b->data + 2, b->len - 2);
	ck_assert_uint_eq(buf_get_varint(&r), r.left);
	*at = b->len - r.left;
}

/* Decode a record whose field TAG holds the N packed bytes at P; when it
 * decodes, *SAME tells whether the body is pack_body. */
static enum status
pack_decode_as(unsigned tag, const unsigned char *p, size_t n, int *same)
{
	struct rec_version v;
	struct buf b;
	enum status rc;

	buf_init(&b);
	buf_add_u8(&b, 1);
	buf_add_varint(&b, tag << 3 | 3);
	buf_add_bytes(&b, p, n);
	rc = store_test_decode(REC_VERSION, b.data, b.len, &v);
	*same = 0;
	if (rc == STATUS_OK) {
		*same = strcmp(v.body, pack_body) == 0;
		rec_free(REC_VERSION, &v);
	}
	buf_free(&b);
	return rc;
}

static enum status
pack_decode_field(unsigned tag, const unsigned char *p, size_t n)
{
	int same;

	return pack_decode_as(tag, p, n, &same);
}

/* A byte changed: refused, or read as exactly the same text (a change
 * of the padding bits after the stream's last code changes nothing). */
static int
pack_refused_or_same(const unsigned char *p, size_t n)
{
	int same;

	return pack_decode_as(7, p, n, &same) == STATUS_CORRUPT || same;
}

/* Any byte of the packed bytes changed: refused, never misread. */
START_TEST(test_flipped_byte_refused)
{
	unsigned char *copy;
	struct buf b;
	size_t at, n, i;

	pack_body_only(&b, &at);
	n = b.len - at;
	ck_assert_int_eq(pack_decode_field(7, b.data + at, n), STATUS_OK);
	copy = xmalloc(n);
	for (i = 0; i < n; i++) {
		memcpy(copy, b.data + at, n);
		copy[i] ^= 0x01;
		ck_assert_msg(pack_refused_or_same(copy, n), "bit 0 of byte "
		    "%zu changed, and another body was read", i);
		copy[i] ^= 0x01 ^ 0x80;
		ck_assert_msg(pack_refused_or_same(copy, n), "bit 7 of byte "
		    "%zu changed, and another body was read", i);
		copy[i] ^= 0x80 ^ 0xff;
		ck_assert_msg(pack_decode_field(7, copy, n) == STATUS_CORRUPT,
		    "byte %zu inverted, yet the body was read", i);
	}
	free(copy);
	buf_free(&b);
}
END_TEST

/* The stream cut short at any point (its field's length agreeing), or
 * with bytes after its end: refused. */
START_TEST(test_cut_stream_refused)
{
	unsigned char *longer;
	struct buf b;
	size_t at, n, k;

	pack_body_only(&b, &at);
	n = b.len - at;
	for (k = 0; k < n; k++)
		ck_assert_msg(pack_decode_field(7, b.data + at, k) ==
		    STATUS_CORRUPT, "cut to %zu of %zu bytes, yet read", k, n);
	longer = xmalloc(n + 1);
	memcpy(longer, b.data + at, n);
	longer[n] = 0;
	ck_assert_int_eq(pack_decode_field(7, longer, n + 1), STATUS_CORRUPT);
	free(longer);
	buf_free(&b);
}
END_TEST

/* The declared length one more, one less, or beyond any record's: refused,
 * without allocating what it claims. */
START_TEST(test_lying_length_refused)
{
	struct buf b, lie;
	struct buf_reader r;
	uint64_t want;
	size_t at;
	int d;

	pack_body_only(&b, &at);
	buf_reader_init(&r, b.data + at, b.len - at);
	want = buf_get_varint(&r);
	ck_assert_uint_eq(want, strlen(pack_body));
	for (d = -1; d <= 2; d += 2) {
		buf_init(&lie);
		buf_add_varint(&lie, d < 2 ? want + (uint64_t) (int64_t) d :
		    (uint64_t) ZIP_MAX_PLAIN + 1);
		buf_add(&lie, r.p, r.left);
		ck_assert_int_eq(pack_decode_field(7, lie.data, lie.len),
		    STATUS_CORRUPT);
		buf_free(&lie);
	}
	buf_init(&lie);
	buf_add_varint(&lie, UINT64_MAX);
	buf_add(&lie, r.p, r.left);
	ck_assert_int_eq(pack_decode_field(7, lie.data, lie.len),
	    STATUS_CORRUPT);
	buf_free(&lie);
	buf_free(&b);
}
END_TEST

/* A NUL packed into a string is refused; in a blob it is a byte. */
START_TEST(test_packed_nul)
{
	unsigned char bytes[200];
	struct rec_version v;
	struct buf packed, rec;

	memset(bytes, 'a', sizeof bytes);
	bytes[100] = '\0';
	buf_init(&packed);
	ck_assert_int_eq(zip_pack(bytes, sizeof bytes, &packed), 1);
	ck_assert_int_eq(pack_decode_field(7, packed.data, packed.len),
	    STATUS_CORRUPT);

	buf_init(&rec);
	buf_add_u8(&rec, 1);
	buf_add_varint(&rec, 14u << 3 | 3);
	buf_add_bytes(&rec, packed.data, packed.len);
	ck_assert_int_eq(store_test_decode(REC_VERSION, rec.data, rec.len, &v),
	    STATUS_OK);
	ck_assert_uint_eq(v.signature.len, sizeof bytes);
	ck_assert_mem_eq(v.signature.data, bytes, sizeof bytes);
	rec_free(REC_VERSION, &v);
	buf_free(&rec);
	buf_free(&packed);
}
END_TEST

static enum status
pack_bytes_txn(struct store_txn *txn, void *arg)
{
	struct { uint64_t id; struct buf b; } *q = arg;

	buf_reset(&q->b);
	return store_test_get_bytes(txn, REC_VERSION, q->id, &q->b);
}

static size_t
pack_stored_size(struct store *st, uint64_t id)
{
	struct { uint64_t id; struct buf b; } q;
	size_t n;

	q.id = id;
	buf_init(&q.b);
	ck_assert_int_eq(store_run(st, STORE_READ, pack_bytes_txn, &q),
	    STATUS_OK);
	n = q.b.len;
	buf_free(&q.b);
	return n;
}

/* A schema 6 workspace's versions, plain, are packed by the upgrade; they
 * read as they were, their index finds them, and check finds nothing. */
START_TEST(test_upgrade_packs_versions)
{
	struct rec_version v[3], back;
	struct fixture_faults f;
	size_t before[3];
	struct store *st;
	unsigned i, version = 0;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	for (i = 0; i < 3; i++) {
		pack_version(&v[i], i + 1);
		if (i == 2)
			v[i].body = "同意。";	/* too short to pack */
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v[i]),
		    STATUS_OK);
		before[i] = pack_stored_size(st, v[i].id);
	}
	ck_assert_uint_gt(before[0], pack_plain_size(&v[0]));	/* plain */
	store_close(st);

	store_test_schema(0, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_int_eq(store_schema_version(st, &version), STATUS_OK);
	ck_assert_uint_eq(version, STORE_SCHEMA_VERSION);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_lt(pack_stored_size(st, v[i].id), before[i]);
		ck_assert_int_eq(fixture_get(st, REC_VERSION, v[i].id, &back),
		    STATUS_OK);
		fixture_assert_equal(REC_VERSION, &v[i], &back);
		rec_free(REC_VERSION, &back);
	}
	ck_assert_uint_lt(pack_stored_size(st, v[0].id), before[0] / 2);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

/* A schema 6 workspace of three plain versions. */
static void
pack_make_v6(struct rec_version v[3], size_t before[3])
{
	struct store *st;
	unsigned i;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	for (i = 0; i < 3; i++) {
		pack_version(&v[i], i + 1);
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v[i]),
		    STATUS_OK);
		before[i] = pack_stored_size(st, v[i].id);
	}
	store_close(st);
	store_test_schema(0, NULL, 0);
}

/* Packing cut short after its first part leaves version 1 packed, the
 * rest plain and the workspace marked as upgrading, which a schema 6
 * program refuses; the next open packs the rest, and every version
 * reads as it was throughout. */
START_TEST(test_packing_resumes)
{
	struct rec_version v[3], back;
	struct fixture_faults f;
	size_t before[3];
	struct store *st;
	unsigned i;

	pack_make_v6(v, before);
	store_test_pack(1, 1);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_IO);
	store_test_schema(6, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_NEWER);
	store_test_schema(0, NULL, 0);

	store_test_pack(0, 0);
	st = fixture_open(fx.home);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_lt(pack_stored_size(st, v[i].id), before[i] / 2);
		ck_assert_int_eq(fixture_get(st, REC_VERSION, v[i].id, &back),
		    STATUS_OK);
		fixture_assert_equal(REC_VERSION, &v[i], &back);
		rec_free(REC_VERSION, &back);
	}
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

static off_t
pack_version_file(void)
{
	char *path = xasprintf("%s/version.db", fx.home);
	struct stat sb;

	ck_assert_int_eq(stat(path, &sb), 0);
	free(path);
	return sb.st_size;
}

/* An upgrade killed while compacting version.db, after its first part
 * (4 versions): the next open compacts again (control.db kept a note of
 * it), so the file ends smaller than the kill left it, and every
 * version reads as it was. */
START_TEST(test_compaction_resumes)
{
	struct rec_version v, back;
	struct fixture_faults f;
	struct store *st;
	off_t killed;
	unsigned i;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	for (i = 0; i < 60; i++) {
		pack_version(&v, i + 1);
		ck_assert_int_eq(fixture_put(st, REC_VERSION, &v), STATUS_OK);
	}
	store_close(st);
	store_test_schema(0, NULL, 0);

	store_test_compact(4, 2);
	fixture_open_killed(fx.home, "the compaction");
	store_test_compact(0, 0);
	killed = pack_version_file();

	st = fixture_open(fx.home);
	store_close(st);
	ck_assert_int_lt(pack_version_file(), killed);
	st = fixture_open(fx.home);
	for (i = 0; i < 60; i++) {
		pack_version(&v, i + 1);
		ck_assert_int_eq(fixture_get(st, REC_VERSION, i + 1, &back),
		    STATUS_OK);
		v.id = back.id;
		fixture_assert_equal(REC_VERSION, &v, &back);
		rec_free(REC_VERSION, &back);
	}
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

Suite *
pack_suite(void)
{
	Suite *s = suite_create("pack");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, pack_setup, pack_teardown);
	/* Each upgrade test makes, upgrades and checks workspaces: a dozen
	 * durable commits, slow on a busy disk. */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_short_stays_plain);
	tcase_add_test(tc, test_long_blob_stays_plain);
	tcase_add_test(tc, test_plain_record_reads);
	tcase_add_test(tc, test_flipped_byte_refused);
	tcase_add_test(tc, test_cut_stream_refused);
	tcase_add_test(tc, test_lying_length_refused);
	tcase_add_test(tc, test_packed_nul);
	tcase_add_test(tc, test_upgrade_packs_versions);
	tcase_add_test(tc, test_packing_resumes);
	tcase_add_test(tc, test_compaction_resumes);
	suite_add_tcase(s, tc);
	return s;
}
