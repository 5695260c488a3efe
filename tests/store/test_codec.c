/*
 * test_codec.c -- the record format: every kind's field table is sound,
 * every kind survives encoding with every field set, a newer minor
 * version's unknown fields are skipped and missing ones read as zero,
 * damaged records are refused (values packed against a dictionary too), and dump text never shows a secret.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static size_t
codec_test_width(const struct field *f)
{
	switch (f->type) {
	case FT_U8:	return 1;
	case FT_U16:	return 2;
	case FT_U32:	return 4;
	case FT_STR:	return sizeof (char *);
	case FT_BLOB:	return sizeof (struct blob);
	default:	return 8;
	}
}

/* A wrong type or offset in a table would write past a member. */
START_TEST(test_tables_sound)
{
	const struct rec_type *t;
	const struct field *f, *g;
	const struct index_def *d;
	unsigned k, i, j;

	for (k = 0; k < REC__COUNT; k++) {
		t = rec_type_of((enum rec_kind) k);
		ck_assert_ptr_nonnull(t);
		ck_assert_uint_eq(t->kind, k);
		ck_assert_uint_eq(t->size, rec_size((enum rec_kind) k));
		for (i = 0; i < t->nfields; i++) {
			f = &t->fields[i];
			ck_assert_msg(f->size == codec_test_width(f),
			    "%s.%s: type does not fit the member", t->name,
			    f->name);
			ck_assert_msg(f->tag == i + 1, "%s.%s: tags must ascend "
			    "from 1", t->name, f->name);
			ck_assert_msg(!(f->flags & FF_DICT) ||
			    ((f->type == FT_STR || f->type == FT_BLOB) &&
			    dict_get(f->dict) != NULL), "%s.%s: a dictionary "
			    "for a number, or an unknown one", t->name, f->name);
			ck_assert_uint_ge(f->offset, 8);	/* after the id */
			ck_assert_uint_le(f->offset + f->size, t->size);
			for (j = 0; j < i; j++) {
				g = &t->fields[j];
				ck_assert_msg(f->offset >= g->offset + g->size ||
				    g->offset >= f->offset + f->size,
				    "%s.%s overlaps %s", t->name, f->name,
				    g->name);
			}
		}
	}
	for (i = 0; i < IDX__COUNT; i++) {
		d = index_def_of((enum store_index) i);
		ck_assert_uint_eq(d->idx, i);
		ck_assert_uint_le(d->parts[d->nparts - 1].offset,
		    rec_size(d->kind));
	}
}
END_TEST

START_TEST(test_round_trip_every_kind)
{
	union rec_any a, b;
	struct buf enc;
	unsigned k;

	for (k = 0; k < REC__COUNT; k++) {
		fixture_fill((enum rec_kind) k, &a, k);
		buf_init(&enc);
		store_test_encode((enum rec_kind) k, &a, &enc);
		ck_assert_int_eq(store_test_decode((enum rec_kind) k, enc.data,
		    enc.len, &b), STATUS_OK);
		a.meta.id = 0;	/* the id is the key, not in the value */
		fixture_assert_equal((enum rec_kind) k, &a, &b);
		rec_free((enum rec_kind) k, &a);
		rec_free((enum rec_kind) k, &b);
		buf_free(&enc);
	}
}
END_TEST

START_TEST(test_zero_is_empty)
{
	struct rec_doc d, back;
	struct buf enc;

	memset(&d, 0, sizeof d);
	buf_init(&enc);
	store_test_encode(REC_DOC, &d, &enc);
	ck_assert_uint_eq(enc.len, 1);	/* the format byte only */
	ck_assert_int_eq(store_test_decode(REC_DOC, enc.data, enc.len, &back),
	    STATUS_OK);
	ck_assert_str_eq(back.title, "");	/* missing strings read as "" */
	ck_assert_uint_eq(back.copies, 0);
	rec_free(REC_DOC, &back);
	buf_free(&enc);
}
END_TEST

/* What a newer minor version would write: fields this program does not
 * know, of every wire type, among the known ones. */
START_TEST(test_unknown_fields_skipped)
{
	struct rec_user u, back;
	struct buf enc;

	fixture_fill(REC_USER, &u, 3);
	buf_init(&enc);
	store_test_encode(REC_USER, &u, &enc);
	buf_add_varint(&enc, 200u << 3 | 0);	/* varint */
	buf_add_varint(&enc, 123456789);
	buf_add_varint(&enc, 201u << 3 | 2);	/* bytes */
	buf_add_str(&enc, "a field from the future");
	buf_add_varint(&enc, 202u << 3 | 1);	/* zig-zag */
	buf_add_varint(&enc, 5);
	ck_assert_int_eq(store_test_decode(REC_USER, enc.data, enc.len, &back),
	    STATUS_OK);
	u.id = 0;
	fixture_assert_equal(REC_USER, &u, &back);
	rec_free(REC_USER, &u);
	rec_free(REC_USER, &back);
	buf_free(&enc);
}
END_TEST

/* What an older version wrote: only some fields. */
START_TEST(test_missing_fields_zero)
{
	struct rec_user back;
	struct buf enc;

	buf_init(&enc);
	buf_add_u8(&enc, CODEC_FORMAT);
	buf_add_varint(&enc, 1u << 3 | 2);	/* name */
	buf_add_str(&enc, "张三");
	ck_assert_int_eq(store_test_decode(REC_USER, enc.data, enc.len, &back),
	    STATUS_OK);
	ck_assert_str_eq(back.name, "张三");
	ck_assert_str_eq(back.full_name, "");
	ck_assert_uint_eq(back.roles, 0);
	ck_assert_uint_eq(back.pw_hash.len, 0);
	ck_assert_int_eq(back.created, 0);
	rec_free(REC_USER, &back);
	buf_free(&enc);
}
END_TEST

static enum status
codec_test_decode_bytes(const unsigned char *p, size_t n)
{
	struct rec_doc d;
	enum status rc = store_test_decode(REC_DOC, p, n, &d);

	rec_free(REC_DOC, &d);
	return rc;
}

START_TEST(test_damaged_refused)
{
	static const unsigned char bad_format[] = { 2 };
	static const unsigned char bad_wire[] = { 1, 1u << 3 | 5, 0 };
	static const unsigned char wrong_wire[] = { 1, 9u << 3 | 0, 5 };
	static const unsigned char too_big[] = { 1, 2u << 3 | 0, 0xac, 0x02 };
	static const unsigned char cut_str[] = { 1, 9u << 3 | 2, 10, 'a' };
	static const unsigned char nul_str[] = { 1, 9u << 3 | 2, 3, 'a', 0, 'b' };
	static const unsigned char cut_varint[] = { 1, 11u << 3 | 0, 0x80 };
	/* Wire type 4 (schema 10): an unknown dictionary, a length with no
	 * stream, a stream that is not deflate, on a number. */
	static const unsigned char dict_unknown[] = { 1, 9u << 3 | 4, 4, 99, 1,
	    0x03, 0x00 };
	static const unsigned char dict_no_stream[] = { 1, 9u << 3 | 4, 2, 1,
	    5 };
	static const unsigned char dict_garbage[] = { 1, 9u << 3 | 4, 5, 2, 3,
	    0xff, 0xff, 0xff };
	static const unsigned char dict_number[] = { 1, 2u << 3 | 4, 1, 1 };

	ck_assert_int_eq(codec_test_decode_bytes(bad_format, 1), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(bad_format, 0), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(bad_wire, 3), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(wrong_wire, 3), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(too_big, 4), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(cut_str, 4), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(nul_str, 6), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(cut_varint, 3), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(dict_unknown,
	    sizeof dict_unknown), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(dict_no_stream,
	    sizeof dict_no_stream), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(dict_garbage,
	    sizeof dict_garbage), STATUS_CORRUPT);
	ck_assert_int_eq(codec_test_decode_bytes(dict_number,
	    sizeof dict_number), STATUS_CORRUPT);
}
END_TEST

/* Dump text: secrets show as their length only, whatever the kind. */
START_TEST(test_format_hides_secrets)
{
	static unsigned char hash[] = "SECRET-HASH-BYTES";
	struct rec_user u;
	struct rec_seal s;
	struct rec_custody c;
	struct rec_meta m = { 1, "audit.signing_key", "cafe0123beef" };
	struct rec_meta pub = { 2, "audit.public_key", "04abcdef" };
	char *text;

	memset(&u, 0, sizeof u);
	u.id = 7;
	u.name = "张三";
	u.roles = ROLE_DRAFTER | ROLE_CLERK;
	u.pw_hash.data = hash;
	u.pw_hash.len = sizeof hash - 1;
	u.pw_history = u.pw_hash;
	u.created = 86400;
	text = rec_format(REC_USER, &u);
	ck_assert_ptr_nonnull(strstr(text, "id: 7\n"));
	ck_assert_ptr_nonnull(strstr(text, "name: 张三\n"));
	ck_assert_ptr_nonnull(strstr(text, "pw_hash: (set, 17 bytes)\n"));
	ck_assert_ptr_nonnull(strstr(text, "pw_history: (set, 17 bytes)\n"));
	ck_assert_ptr_nonnull(strstr(text, "roles: drafter,clerk (0x5)\n"));
	ck_assert_ptr_nonnull(strstr(text, "created: 1970-01-02T00:00:00Z"));
	ck_assert_ptr_null(strstr(text, "SECRET"));
	ck_assert_ptr_null(strstr(text, "534543524554"));	/* its hex */
	free(text);

	memset(&s, 0, sizeof s);
	s.wrapped_key.data = hash;
	s.wrapped_key.len = 4;
	s.public_key.data = hash;
	s.public_key.len = 2;
	text = rec_format(REC_SEAL, &s);
	ck_assert_ptr_nonnull(strstr(text, "wrapped_key: (set, 4 bytes)\n"));
	ck_assert_ptr_nonnull(strstr(text, "public_key: 5345\n"));
	ck_assert_ptr_nonnull(strstr(text, "status: active (0)\n"));
	free(text);

	memset(&c, 0, sizeof c);
	c.wrapped_key.data = hash;
	c.wrapped_key.len = 9;
	text = rec_format(REC_CUSTODY, &c);
	ck_assert_ptr_nonnull(strstr(text, "wrapped_key: (set, 9 bytes)\n"));
	free(text);

	text = rec_format(REC_META, &m);
	ck_assert_ptr_nonnull(strstr(text, "value: (set, 12 bytes)\n"));
	ck_assert_ptr_null(strstr(text, "cafe"));
	free(text);
	text = rec_format(REC_META, &pub);
	ck_assert_ptr_nonnull(strstr(text, "value: 04abcdef\n"));
	free(text);
}
END_TEST

/* One field per line, even for a body with newlines and escapes. */
START_TEST(test_format_one_line_per_field)
{
	struct rec_version v;
	char *text;

	memset(&v, 0, sizeof v);
	v.body = "第一行\n第二行\x1b[31m";
	text = rec_format(REC_VERSION, &v);
	ck_assert_ptr_nonnull(strstr(text,
	    "body: 第一行\\x0a第二行\\x1b[31m\n"));
	ck_assert_ptr_null(strchr(text, '\x1b'));
	free(text);
	ck_assert_str_eq(rec_kind_name(REC_PRINTJOB), "printjob");
}
END_TEST

START_TEST(test_role_sets)
{
	ck_assert(role_set_valid(0));
	ck_assert(role_set_valid(ROLE_DRAFTER | ROLE_APPROVER | ROLE_CLERK |
	    ROLE_PRINTER | ROLE_OFFICE_DIRECTOR | ROLE_STATION_DIRECTOR |
	    ROLE_IT_STAFF));
	ck_assert(role_set_valid(ROLE_SYSADMIN));
	ck_assert(role_set_valid(ROLE_SECADMIN));
	ck_assert(role_set_valid(ROLE_AUDITOR));
	ck_assert(!role_set_valid(ROLE_SYSADMIN | ROLE_SECADMIN));
	ck_assert(!role_set_valid(ROLE_SECADMIN | ROLE_AUDITOR));
	ck_assert(!role_set_valid(ROLE_SYSADMIN | ROLE_AUDITOR));
	ck_assert(!role_set_valid(ROLE_ADMIN_MASK));
	ck_assert(!role_set_valid(ROLE_AUDITOR | ROLE_DRAFTER));
	ck_assert(!role_set_valid(ROLE_SYSADMIN | ROLE_IT_STAFF));
	ck_assert(!role_set_valid(1u << 24));	/* no such role */
}
END_TEST

Suite *
codec_suite(void)
{
	Suite *s = suite_create("codec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_tables_sound);
	tcase_add_test(tc, test_round_trip_every_kind);
	tcase_add_test(tc, test_zero_is_empty);
	tcase_add_test(tc, test_unknown_fields_skipped);
	tcase_add_test(tc, test_missing_fields_zero);
	tcase_add_test(tc, test_damaged_refused);
	tcase_add_test(tc, test_format_hides_secrets);
	tcase_add_test(tc, test_format_one_line_per_field);
	tcase_add_test(tc, test_role_sets);
	suite_add_tcase(s, tc);
	return s;
}
