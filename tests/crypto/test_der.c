/*
 * test_der.c -- the DER writer and reader: exact encodings of each
 * type, a nested structure read back, and the reader refusing BER
 * freedoms, truncations, over-long lengths and garbage without ever
 * reading past its input (run under AddressSanitizer to be sure).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* Finish W and compare with HEX. */
static void
der_expect(struct der_writer *w, const char *hex)
{
	unsigned char *out;
	size_t n;
	char *got;

	ck_assert_int_eq(der_writer_finish(w, &out, &n), STATUS_OK);
	got = xmalloc(2 * n + 1);
	crypto_hex(out, n, got);
	ck_assert_str_eq(got, hex);
	free(got);
	free(out);
}

START_TEST(test_integer_encodings)
{
	static const struct { uint64_t v; const char *hex; } cases[] = {
		{ 0, "020100" }, { 127, "02017f" }, { 128, "02020080" },
		{ 256, "02020100" }, { 0xffffffffffffffffULL,
		    "020900ffffffffffffffff" },
	};
	struct der_writer w;
	struct der_reader r;
	unsigned char *bytes;
	uint64_t v;
	size_t i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		der_writer_init(&w);
		der_put_uint(&w, cases[i].v);
		der_expect(&w, cases[i].hex);

		bytes = th_unhex(cases[i].hex, &n);
		der_reader_init(&r, bytes, n);
		ck_assert_int_eq(der_get_uint(&r, &v), STATUS_OK);
		ck_assert_uint_eq(v, cases[i].v);
		ck_assert(der_reader_empty(&r));
		free(bytes);
	}

	/* A magnitude with leading zeros is written minimally. */
	der_writer_init(&w);
	der_put_integer(&w, (const unsigned char *) "\0\0\x80\x01", 4);
	der_expect(&w, "0203008001");
}
END_TEST

START_TEST(test_primitive_encodings)
{
	struct der_writer w;
	unsigned char big[300], *out;
	size_t n;

	der_writer_init(&w);
	der_put_bool(&w, 1);
	der_put_bool(&w, 0);
	der_put_null(&w);
	der_put_oid(&w, "1.2.840.10045.2.1");
	der_put_oid(&w, "1.2.156.10197.1.301");
	der_put_oid(&w, "2.999.3");
	der_put_bits(&w, "\xa0", 1, 5);
	der_put_utf8(&w, "印章");
	der_put_ia5(&w, "a@b");
	der_put_printable(&w, "CN");
	der_expect(&w, "0101ff010100" "0500" "06072a8648ce3d0201"
	    "06082a811ccf5501822d" "0603883703" "030205a0"
	    "0c06e58db0e7aba0" "1603614062" "1302434e");

	/* Lengths of 128 and 300 take the long form (81 80, 82 01 2c). */
	memset(big, 0x5a, sizeof big);
	der_writer_init(&w);
	der_put_octets(&w, big, 128);
	der_put_octets(&w, big, 300);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_OK);
	ck_assert_uint_eq(n, 3 + 128 + 4 + 300);
	ck_assert_mem_eq(out, "\x04\x81\x80", 3);
	ck_assert_mem_eq(out + 131, "\x04\x82\x01\x2c", 4);
	free(out);
}
END_TEST

START_TEST(test_times)
{
	struct der_writer w;
	struct der_reader r;
	unsigned char *out;
	size_t n;
	int64_t t;

	/* 2025-01-02 03:04:05 UTC; 2049 is UTCTime, 2050 GeneralizedTime. */
	der_writer_init(&w);
	der_put_gtime(&w, 1735787045);
	der_put_time(&w, 1735787045);
	der_put_time(&w, 2524607999LL);
	der_put_time(&w, 2524608000LL);
	der_put_gtime(&w, -86400);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_OK);

	der_reader_init(&r, out, n);
	ck_assert(der_next_is(&r, DER_GENERALIZEDTIME));
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
	ck_assert_int_eq(t, 1735787045);
	ck_assert(der_next_is(&r, DER_UTCTIME));
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
	ck_assert_int_eq(t, 1735787045);
	ck_assert(der_next_is(&r, DER_UTCTIME));
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
	ck_assert_int_eq(t, 2524607999LL);
	ck_assert(der_next_is(&r, DER_GENERALIZEDTIME));
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
	ck_assert_int_eq(t, 2524608000LL);
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
	ck_assert_int_eq(t, -86400);
	ck_assert_int_eq(der_reader_done(&r), STATUS_OK);
	ck_assert_mem_eq(out, "\x18\x0f" "20250102030405Z", 17);
	free(out);
}
END_TEST

START_TEST(test_bad_times_refused)
{
	static const char *const bad[] = {
		"20250230000000Z",	/* 30 February */
		"20230229000000Z",	/* not a leap year */
		"20251301000000Z", "20250101240000Z", "20250101006000Z",
		"20250101000060Z", "20250101000000",  "20250101000000.5Z",
		"2025010100000+Z", "20250101000000+0800",
	};
	struct der_reader r;
	unsigned char buf[40];
	int64_t t;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf[0] = DER_GENERALIZEDTIME;
		buf[1] = (unsigned char) strlen(bad[i]);
		memcpy(buf + 2, bad[i], strlen(bad[i]));
		der_reader_init(&r, buf, 2 + strlen(bad[i]));
		ck_assert_int_eq(der_get_time(&r, &t), STATUS_MALFORMED);
		ck_assert_uint_eq(r.left,
		    2 + strlen(bad[i]));	/* not consumed */
	}
	memcpy(buf, "\x18\x0f" "20240229235959Z", 17);
	der_reader_init(&r, buf, 17);
	ck_assert_int_eq(der_get_time(&r, &t), STATUS_OK);
}
END_TEST

/* A structure shaped like the seal ones: SEQUENCE with nesting, OPTIONAL
 * context tags, long contents that force der_end to move bytes. */
static void
der_build_sample(unsigned char **out, size_t *n)
{
	struct der_writer w;
	unsigned char blob[200];

	memset(blob, 0xab, sizeof blob);
	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	der_put_uint(&w, 4);
	der_begin(&w, DER_SEQUENCE);
	der_put_ia5(&w, "ES");
	der_put_utf8(&w, "某某市某某局办公室");
	der_begin(&w, DER_SET);
	der_put_oid(&w, CRYPTO_OID_SM2_SM3);
	der_end(&w);
	der_end(&w);
	der_begin(&w, DER_CONTEXT(0));
	der_put_octets(&w, blob, sizeof blob);
	der_end(&w);
	der_put_tlv(&w, DER_CONTEXT_PRIM(1), "\x01\x02", 2);
	der_put_gtime(&w, 1735787045);
	der_put_bits(&w, blob, 64, 0);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, out, n), STATUS_OK);
}

START_TEST(test_structure_round_trip)
{
	struct der_reader r, seq, inner, set, ctx;
	struct der_tlv tlv;
	unsigned char *der;
	const unsigned char *p;
	char *s, *oid;
	size_t n, len;
	unsigned unused, tag;
	uint64_t v;
	int64_t t;

	der_build_sample(&der, &n);
	der_reader_init(&r, der, n);
	ck_assert_int_eq(der_peek(&r, &tag), STATUS_OK);
	ck_assert_uint_eq(tag, DER_SEQUENCE);
	ck_assert_int_eq(der_enter(&r, DER_SEQUENCE, &seq), STATUS_OK);
	ck_assert_int_eq(der_reader_done(&r), STATUS_OK);
	ck_assert_int_eq(der_get_uint(&seq, &v), STATUS_OK);
	ck_assert_uint_eq(v, 4);

	ck_assert_int_eq(der_enter(&seq, DER_SEQUENCE, &inner), STATUS_OK);
	ck_assert_int_eq(der_get_string(&inner, DER_IA5STRING, &s), STATUS_OK);
	ck_assert_str_eq(s, "ES");
	free(s);
	ck_assert_int_eq(der_get_string(&inner, DER_UTF8STRING, &s), STATUS_OK);
	ck_assert_str_eq(s, "某某市某某局办公室");
	free(s);
	ck_assert_int_eq(der_enter(&inner, DER_SET, &set), STATUS_OK);
	ck_assert_int_eq(der_get_oid(&set, &oid), STATUS_OK);
	ck_assert_str_eq(oid, CRYPTO_OID_SM2_SM3);
	free(oid);
	ck_assert_int_eq(der_reader_done(&inner), STATUS_OK);

	/* OPTIONAL [0] is there, [2] is not. */
	ck_assert(!der_next_is(&seq, DER_CONTEXT(2)));
	ck_assert_int_eq(der_enter(&seq, DER_CONTEXT(0), &ctx), STATUS_OK);
	ck_assert_int_eq(der_get_octets(&ctx, &p, &len), STATUS_OK);
	ck_assert_uint_eq(len, 200);
	ck_assert_int_eq(der_get_expect(&seq, DER_CONTEXT_PRIM(1), &tlv),
	    STATUS_OK);
	ck_assert_uint_eq(tlv.len, 2);
	ck_assert_uint_eq(tlv.rawlen, 4);
	ck_assert_int_eq(der_get_time(&seq, &t), STATUS_OK);
	ck_assert_int_eq(der_get_bits(&seq, &p, &len, &unused), STATUS_OK);
	ck_assert_uint_eq(len, 64);
	ck_assert_uint_eq(unused, 0);
	ck_assert_int_eq(der_reader_done(&seq), STATUS_OK);
	ck_assert_int_eq(der_peek(&seq, &tag), STATUS_NOT_FOUND);
	free(der);
}
END_TEST

/* Walk every element of R recursively; returns the first failure. */
static enum status
der_walk(struct der_reader *r, int depth)
{
	struct der_tlv tlv;
	struct der_reader inner;
	enum status st;

	while (!der_reader_empty(r)) {
		if ((st = der_get_tlv(r, &tlv)) != STATUS_OK)
			return st;
		ck_assert(tlv.data + tlv.len <= r->p);
		if ((tlv.tag & 0x20) && depth < 20) {
			der_reader_init(&inner, tlv.data, tlv.len);
			if ((st = der_walk(&inner, depth + 1)) != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

START_TEST(test_truncated_and_overlong)
{
	struct der_reader r;
	unsigned char *der, *copy;
	size_t n, i;

	der_build_sample(&der, &n);

	/* Every truncation: the outer element claims more than is there.
	 * Copies are exactly as long, so ASan sees any read beyond. */
	for (i = 0; i < n; i++) {
		copy = xmalloc(i + 1);
		memcpy(copy, der, i);
		der_reader_init(&r, copy, i);
		if (i == 0)
			ck_assert_int_eq(der_walk(&r, 0), STATUS_OK);
		else
			ck_assert_int_eq(der_walk(&r, 0), STATUS_MALFORMED);
		free(copy);
	}

	/* Over-long: the outer length says one byte more than given. */
	der[3]++;
	der_reader_init(&r, der, n);
	ck_assert_int_eq(der_walk(&r, 0), STATUS_MALFORMED);
	free(der);
}
END_TEST

START_TEST(test_ber_and_garbage_refused)
{
	static const char *const bad[] = {
		"3080020100" "0000",	/* indefinite length */
		"04810100",		/* long form for a short length */
		"0482000100",		/* long form with a leading zero */
		"0485000000000100",	/* five length octets */
		"1f2001ff",		/* high tag number form */
		"04ff",			/* reserved length octet */
		"3003020101ff",		/* a stray byte after the element */
	};
	struct der_reader r;
	unsigned char *p;
	size_t i, n;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = th_unhex(bad[i], &n);
		der_reader_init(&r, p, n);
		ck_assert_msg(der_walk(&r, 0) != STATUS_OK, "accepted %s",
		    bad[i]);
		free(p);
	}
}
END_TEST

START_TEST(test_bad_values_refused)
{
	static const struct { const char *hex; int kind; } bad[] = {
		{ "02020001", 0 },	/* INTEGER with a needless 00 */
		{ "0202ff80", 0 },	/* negative */
		{ "0200", 0 },		/* empty INTEGER */
		{ "010101", 1 },	/* BOOLEAN that is neither 00 nor FF */
		{ "050100", 2 },	/* NULL with contents */
		{ "030207ff", 3 },	/* padding bits not zero */
		{ "030108", 3 },	/* unused count beyond 7 */
		{ "030101", 3 },	/* empty with unused bits */
		{ "06028001", 4 },	/* OID arc with a leading 0x80 */
		{ "060181", 4 },	/* OID ending mid-arc */
		{ "0c02c3a9" "ff", 5 },	/* (only two bytes are the string) */
		{ "0c01ff", 5 },	/* invalid UTF-8 */
		{ "0c03610062", 5 },	/* embedded NUL */
		{ "160180", 6 },	/* IA5 beyond 7 bits */
		{ "130140", 7 },	/* '@' is not printable */
	};
	struct der_reader r;
	unsigned char *p;
	const unsigned char *q;
	size_t i, n, len;
	unsigned unused;
	uint64_t v;
	char *s;
	int b;
	enum status st = STATUS_OK;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p = th_unhex(bad[i].hex, &n);
		der_reader_init(&r, p, n);
		switch (bad[i].kind) {
		case 0: st = der_get_uint(&r, &v); break;
		case 1: st = der_get_bool(&r, &b); break;
		case 2: st = der_get_null(&r); break;
		case 3: st = der_get_bits(&r, &q, &len, &unused); break;
		case 4: st = der_get_oid(&r, &s); break;
		case 5:
			st = der_get_string(&r, DER_UTF8STRING, &s);
			if (st == STATUS_OK) {
				free(s);
				st = der_reader_done(&r);
			}
			break;
		case 6: st = der_get_string(&r, DER_IA5STRING, &s); break;
		case 7: st = der_get_string(&r, DER_PRINTABLESTRING, &s); break;
		}
		ck_assert_msg(st == STATUS_MALFORMED, "%s gave %s", bad[i].hex,
		    status_name(st));
		free(p);
	}

	/* A wider INTEGER than asked for, and the wrong tag, are refused. */
	p = th_unhex("020901ffffffffffffffff", &n);
	der_reader_init(&r, p, n);
	ck_assert_int_eq(der_get_uint(&r, &v), STATUS_MALFORMED);
	ck_assert_int_eq(der_get_octets(&r, &q, &len), STATUS_MALFORMED);
	ck_assert_uint_eq(r.left, n);
	free(p);
}
END_TEST

START_TEST(test_writer_errors)
{
	static const char *const oids[] = {
		"1", "3.1", "1.40", "1..2", "1.2.", "1.02", "1.2.4294967296",
		"x",
	};
	struct der_writer w;
	unsigned char *out;
	size_t n;
	int i;

	der_writer_init(&w);
	der_begin(&w, DER_SEQUENCE);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);
	ck_assert_ptr_null(out);

	der_writer_init(&w);
	der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);

	for (i = 0; i < (int) (sizeof oids / sizeof oids[0]); i++) {
		der_writer_init(&w);
		der_put_oid(&w, oids[i]);
		ck_assert_msg(der_writer_finish(&w, &out, &n) == STATUS_INVALID,
		    "wrote OID %s", oids[i]);
	}

	der_writer_init(&w);
	der_put_printable(&w, "a@b");
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);
	der_writer_init(&w);
	der_put_utf8(&w, "\xff");
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);
	der_writer_init(&w);
	der_put_bits(&w, "\x01", 1, 1);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);
	der_writer_init(&w);
	der_put_raw(&w, "\x30\x05\x01", 3);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);

	/* Nesting to the limit works, one more does not. */
	der_writer_init(&w);
	for (i = 0; i < DER_MAX_DEPTH; i++)
		der_begin(&w, DER_SEQUENCE);
	for (i = 0; i < DER_MAX_DEPTH; i++)
		der_end(&w);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2 * DER_MAX_DEPTH);
	free(out);
	der_writer_init(&w);
	for (i = 0; i <= DER_MAX_DEPTH; i++)
		der_begin(&w, DER_SEQUENCE);
	ck_assert_int_eq(der_writer_finish(&w, &out, &n), STATUS_INVALID);
}
END_TEST

START_TEST(test_random_garbage)
{
	struct der_reader r;
	unsigned char *buf;
	uint32_t len;
	int i;

	/* Random bytes of random length: refused or walked, never a crash
	 * or a read past the end (exact-size buffers for ASan). */
	for (i = 0; i < 20000; i++) {
		crypto_random_below(64, &len);
		buf = xmalloc(len + 1);
		crypto_random(buf, len);
		if (i % 2 && len > 2)
			buf[0] = DER_SEQUENCE;
		der_reader_init(&r, buf, len);
		(void) der_walk(&r, 0);
		free(buf);
	}
}
END_TEST

Suite *
der_suite(void)
{
	Suite *s = suite_create("der");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_integer_encodings);
	tcase_add_test(tc, test_primitive_encodings);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_bad_times_refused);
	tcase_add_test(tc, test_structure_round_trip);
	tcase_add_test(tc, test_truncated_and_overlong);
	tcase_add_test(tc, test_ber_and_garbage_refused);
	tcase_add_test(tc, test_bad_values_refused);
	tcase_add_test(tc, test_writer_errors);
	tcase_add_test(tc, test_random_garbage);
	suite_add_tcase(s, tc);
	return s;
}
