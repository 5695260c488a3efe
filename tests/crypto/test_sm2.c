/*
 * test_sm2.c -- SM2 signatures: the published example key and signature
 * of GB/T 32918 with the default identifier, Z computed as the standard
 * says, round trips, and tampering caught.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* The standard's example on the recommended curve (message "message
 * digest", ID 1234567812345678).  Z was computed independently with
 * Python's SM3 over the published curve constants; the signature also
 * verifies with OpenSSL. */
#define EX_D	"3945208f7b2144b13f36e38ac6d39f95" \
		"889393692860b51a42fb81ef4df7c5b8"
#define EX_PUB	"04" \
	"09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020" \
	"ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"
#define EX_Z	"b2e14c5c79c6df5b85f4fe7ed8db7a26" \
		"2b9da7e07ccb0ea9f4747b8ccda8a4f3"
#define EX_SIG	"3046" \
	"022100f5a03b0648d2c4630eeac513e1bb81a1" \
	"5944da3827d5b74143ac7eaceee720b3" \
	"022100b1b6aa29df212fd8763182bc0d421ca1" \
	"bb9038fd1f7f42d4840b69c485bbc1aa"
#define EX_MSG	"message digest"

static struct crypto_key *
sm2_example_public(void)
{
	struct crypto_key *k;
	unsigned char *pub;
	size_t n;

	pub = th_unhex(EX_PUB, &n);
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_SM2, pub, n, &k),
	    STATUS_OK);
	free(pub);
	return k;
}

START_TEST(test_example_key_and_z)
{
	struct crypto_key *k;
	unsigned char *d, raw[CRYPTO_PUBLIC_MAX], z[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_PUBLIC_MAX + 1];
	size_t n;

	d = th_unhex(EX_D, &n);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &k),
	    STATUS_OK);
	free(d);

	/* The public key the standard gives for this private key. */
	ck_assert_int_eq(crypto_key_public_raw(k, raw, &n), STATUS_OK);
	crypto_hex(raw, n, hex);
	ck_assert_str_eq(hex, EX_PUB);

	ck_assert_int_eq(crypto_sm2_z(k, CRYPTO_SM2_DEFAULT_ID, 16, z),
	    STATUS_OK);
	crypto_hex(z, sizeof z, hex);
	ck_assert_str_eq(hex, EX_Z);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_example_signature_verifies)
{
	struct crypto_key *k = sm2_example_public();
	unsigned char *sig;
	size_t n;

	sig = th_unhex(EX_SIG, &n);
	ck_assert_int_eq(crypto_verify(k, EX_MSG, strlen(EX_MSG), sig, n),
	    STATUS_OK);

	/* Z binds the identifier: under another ID it is not valid. */
	ck_assert_int_eq(crypto_sm2_verify_id(k, "ALICE123@YAHOO.COM", 18,
	    EX_MSG, strlen(EX_MSG), sig, n), STATUS_BAD_SIGNATURE);
	ck_assert_int_eq(crypto_verify(k, "message digesT", 14, sig, n),
	    STATUS_BAD_SIGNATURE);
	free(sig);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_round_trip_and_tamper)
{
	struct crypto_key *k, *pub, *other;
	const char msg[] = "关于印发《电子印章管理办法》的通知";
	unsigned char *sig, m[sizeof msg];
	size_t siglen, i;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_public(k, &pub), STATUS_OK);
	ck_assert_int_eq(crypto_sign(k, msg, strlen(msg), &sig, &siglen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_verify(pub, msg, strlen(msg), sig, siglen),
	    STATUS_OK);

	/* A flipped message byte, anywhere, fails. */
	for (i = 0; i < strlen(msg); i++) {
		memcpy(m, msg, sizeof msg);
		m[i] ^= 0x01;
		ck_assert_int_eq(crypto_verify(pub, m, strlen(msg), sig,
		    siglen), STATUS_BAD_SIGNATURE);
	}

	/* A flipped signature byte, anywhere, fails. */
	for (i = 0; i < siglen; i++) {
		sig[i] ^= 0x01;
		ck_assert_int_eq(crypto_verify(pub, msg, strlen(msg), sig,
		    siglen), STATUS_BAD_SIGNATURE);
		sig[i] ^= 0x01;
	}

	/* Another key's signature fails, and a public key cannot sign. */
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &other),
	    STATUS_OK);
	ck_assert_int_eq(crypto_verify(other, msg, strlen(msg), sig, siglen),
	    STATUS_BAD_SIGNATURE);
	free(sig);
	ck_assert_int_eq(crypto_sign(pub, msg, 3, &sig, &siglen),
	    STATUS_INVALID);
	ck_assert_ptr_null(sig);

	crypto_key_free(other);
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_signature_is_strict_der)
{
	struct crypto_key *k;
	unsigned char *sig, r[32], s[32], *again;
	struct der_reader rd, seq;
	struct der_writer w;
	size_t siglen, againlen;
	int i, padded = 0;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	for (i = 0; i < 48; i++) {
		ck_assert_int_eq(crypto_sign(k, &i, sizeof i, &sig, &siglen),
		    STATUS_OK);
		ck_assert_uint_le(siglen, 72);

		/* The strict reader takes it: minimal non-negative INTEGERs. */
		der_reader_init(&rd, sig, siglen);
		ck_assert_int_eq(der_enter(&rd, DER_SEQUENCE, &seq), STATUS_OK);
		ck_assert_int_eq(der_reader_done(&rd), STATUS_OK);
		ck_assert_int_eq(der_get_integer_fixed(&seq, r, 32), STATUS_OK);
		ck_assert_int_eq(der_get_integer_fixed(&seq, s, 32), STATUS_OK);
		ck_assert_int_eq(der_reader_done(&seq), STATUS_OK);
		padded += (r[0] & 0x80) != 0 || (s[0] & 0x80) != 0;

		/* And it is the one encoding of (r, s). */
		der_writer_init(&w);
		der_begin(&w, DER_SEQUENCE);
		der_put_integer(&w, r, 32);
		der_put_integer(&w, s, 32);
		der_end(&w);
		ck_assert_int_eq(der_writer_finish(&w, &again, &againlen),
		    STATUS_OK);
		ck_assert_uint_eq(againlen, siglen);
		ck_assert_mem_eq(again, sig, siglen);
		free(again);
		free(sig);
	}
	/* With 48 signatures, some r or s has its top bit set (00 added). */
	ck_assert_int_gt(padded, 0);
	crypto_key_free(k);
}
END_TEST

/* k is derived (RFC 6979), not drawn: the same key and message give the
 * same signature, another message or identifier another r, and the
 * signature of the standard's example key still verifies as SM2. */
START_TEST(test_signature_deterministic)
{
	struct crypto_key *k, *k2;
	unsigned char *d, *a, *b, *c;
	size_t alen, blen, clen;

	d = th_unhex(EX_D, &alen);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &k),
	    STATUS_OK);
	free(d);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k2), STATUS_OK);

	ck_assert_int_eq(crypto_sign(k, EX_MSG, strlen(EX_MSG), &a, &alen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_sign(k, EX_MSG, strlen(EX_MSG), &b, &blen),
	    STATUS_OK);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);
	ck_assert_int_eq(crypto_verify(k, EX_MSG, strlen(EX_MSG), a, alen),
	    STATUS_OK);
	free(b);

	/* The same message under another identifier or key: another k. */
	ck_assert_int_eq(crypto_sm2_sign_id(k, "ALICE123@YAHOO.COM", 18,
	    EX_MSG, strlen(EX_MSG), &b, &blen), STATUS_OK);
	ck_assert_int_ne(memcmp(a + 4, b + 4, 16), 0);
	ck_assert_int_eq(crypto_sign(k2, EX_MSG, strlen(EX_MSG), &c, &clen),
	    STATUS_OK);
	ck_assert_int_ne(memcmp(a + 4, c + 4, 16), 0);

	/* Another message's signature is no signature of this one. */
	free(c);
	ck_assert_int_eq(crypto_sign(k, "message digesT", 14, &c, &clen),
	    STATUS_OK);
	ck_assert_int_ne(memcmp(a + 4, c + 4, 16), 0);
	ck_assert_int_eq(crypto_verify(k, EX_MSG, strlen(EX_MSG), c, clen),
	    STATUS_BAD_SIGNATURE);
	free(c);
	free(b);
	free(a);
	crypto_key_free(k2);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_identifier_rules)
{
	struct crypto_key *k = sm2_example_public();
	unsigned char z1[CRYPTO_SM3_LEN], z2[CRYPTO_SM3_LEN];
	char *longid = xcalloc(8192, 1);

	ck_assert_int_eq(crypto_sm2_z(k, "1234567812345678", 16, z1),
	    STATUS_OK);
	ck_assert_int_eq(crypto_sm2_z(k, "1234567812345679", 16, z2),
	    STATUS_OK);
	ck_assert_int_ne(memcmp(z1, z2, sizeof z1), 0);

	/* ENTL is 16 bits of bit length: 8191 bytes fit, 8192 do not. */
	ck_assert_int_eq(crypto_sm2_z(k, longid, 8191, z1), STATUS_OK);
	ck_assert_int_eq(crypto_sm2_z(k, longid, 8192, z1), STATUS_INVALID);
	free(longid);
	crypto_key_free(k);
}
END_TEST

Suite *
sm2_suite(void)
{
	Suite *s = suite_create("sm2");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_example_key_and_z);
	tcase_add_test(tc, test_example_signature_verifies);
	tcase_add_test(tc, test_round_trip_and_tamper);
	tcase_add_test(tc, test_signature_is_strict_der);
	tcase_add_test(tc, test_signature_deterministic);
	tcase_add_test(tc, test_identifier_rules);
	suite_add_tcase(s, tc);
	return s;
}
