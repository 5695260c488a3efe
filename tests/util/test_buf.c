/*
 * test_buf.c -- the encoding primitives under every record.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "util/suites.h"
#include "util/util.h"

START_TEST(test_round_trip)
{
	struct buf b;
	struct buf_reader r;
	char *s;

	buf_init(&b);
	buf_add_u8(&b, 7);
	buf_add_u32(&b, 0xdeadbeef);
	buf_add_u64(&b, 1ULL << 40);
	buf_add_varint(&b, 300);
	buf_add_str(&b, "签章");

	buf_reader_init(&r, b.data, b.len);
	ck_assert_uint_eq(buf_get_u8(&r), 7);
	ck_assert_uint_eq(buf_get_u32(&r), 0xdeadbeef);
	ck_assert_uint_eq(buf_get_u64(&r), 1ULL << 40);
	ck_assert_uint_eq(buf_get_varint(&r), 300);
	s = buf_get_str(&r);
	ck_assert_str_eq(s, "签章");
	ck_assert_int_eq(r.error, 0);
	ck_assert_uint_eq(r.left, 0);
	free(s);

	/* Reading past the end sets the error and returns zeros. */
	ck_assert_uint_eq(buf_get_u32(&r), 0);
	ck_assert_int_eq(r.error, 1);
	buf_free(&b);
}
END_TEST

START_TEST(test_truncated_string)
{
	struct buf b;
	struct buf_reader r;

	buf_init(&b);
	buf_add_varint(&b, 100);	/* claims 100 bytes, holds 3 */
	buf_add(&b, "abc", 3);
	buf_reader_init(&r, b.data, b.len);
	ck_assert_ptr_null(buf_get_str(&r));
	ck_assert_int_eq(r.error, 1);
	buf_free(&b);
}
END_TEST

START_TEST(test_be64_sorts)
{
	unsigned char a[8], c[8];

	buf_put_be64(a, 255);
	buf_put_be64(c, 256);
	ck_assert_int_lt(memcmp(a, c, 8), 0);
	ck_assert_uint_eq(buf_read_be64(c), 256);
}
END_TEST

Suite *
buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_truncated_string);
	tcase_add_test(tc, test_be64_sorts);
	suite_add_tcase(s, tc);
	return s;
}
