/*
 * test_wrap.c -- wrapped private keys: round trips for both algorithms,
 * a wrong password told apart from damage, every byte of a blob guarded,
 * the public key readable without the password, handing a key to a new
 * password, the private key never in the blob in the clear, keys wrapped
 * by earlier releases still opening, and a header whose public key was
 * replaced refused even with its checksum made good.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* The GB/T 32918 example private key: known bytes to look for. */
#define EX_D	"3945208f7b2144b13f36e38ac6d39f95" \
		"889393692860b51a42fb81ef4df7c5b8"

/* EX_D wrapped under "Custodian#1" by the release before public keys
 * were taken from the header (Argon2id, 64 KiB, one pass, two lanes then
 * computed in two threads), and an Ed25519 key wrapped the same way with
 * its public key. */
#define OLD_SM2_WRAP \
	"45534b570101010000004000000001021072273143d8bfd4d042355b0af90a77" \
	"48410409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356" \
	"f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072d" \
	"a9ad130fe428580fa18a1571a6f5f04fb05ae42fdf6f31280bc0233281dc45d5" \
	"edbc1c09afb7b7a25ba8b652d8e06e3b78dc7384e3f1a5928db5d650f5db8221" \
	"3e144aa3358b40db51050c0713d8ddd847197daca0c2589ab1c5de48dd08f6a5" \
	"e4422c1d729394"
#define OLD_ED_WRAP \
	"45534b57010201000000400000000102105f6db3b255f2e9160491508debb212" \
	"de2055c379b1fc2ca201c6771cac2b6cc8d8e40149471dd4c3affac4b57951a9" \
	"769b8aba2212df044d4a0ff854097700c0c5f92710279e8f03046e7c676c851b" \
	"4da89625f5b4a6fe79f55da768386d6198eff8bcf0595eb30cb409cd3cfeb92c" \
	"faf7926c8b2c64ec3bbb31cf7d5054c23d7788087fd1e33f378f8ae3a2e9fc7e" \
	"0c4225abf603"
#define OLD_ED_PUB \
	"55c379b1fc2ca201c6771cac2b6cc8d8e40149471dd4c3affac4b57951a9769b"

/* Where the public key starts in a blob: after the 17-byte fixed part,
 * the salt and the public key's length byte. */
#define WRAP_PUB_AT(blob)	(17u + (blob)[16] + 1u)

static void
wrap_round_trip(enum crypto_alg alg)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *sig;
	size_t n, siglen;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(alg, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "Custodian#1", &back),
	    STATUS_OK);
	ck_assert(crypto_key_has_private(back));
	ck_assert_int_eq(crypto_key_alg(back), alg);

	/* The unwrapped key signs for the original public key. */
	ck_assert_int_eq(crypto_sign(back, "doc", 3, &sig, &siglen), STATUS_OK);
	ck_assert_int_eq(crypto_verify(k, "doc", 3, sig, siglen), STATUS_OK);
	free(sig);
	crypto_key_free(back);

	ck_assert_int_eq(crypto_key_unwrap(blob, n, "custodian#1", &back),
	    STATUS_BAD_PASSWORD);
	ck_assert_ptr_null(back);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "", &back),
	    STATUS_BAD_PASSWORD);
	free(blob);
	crypto_key_free(k);
}

START_TEST(test_round_trip_sm2)
{
	wrap_round_trip(CRYPTO_ALG_SM2);
}
END_TEST

START_TEST(test_round_trip_ed25519)
{
	wrap_round_trip(CRYPTO_ALG_ED25519);
}
END_TEST

START_TEST(test_every_byte_guarded)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *copy;
	size_t n, i;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	/* Flip each byte in turn: damage, never the key nor a crash. */
	for (i = 0; i < n; i++) {
		blob[i] ^= 0x01;
		ck_assert_msg(crypto_key_unwrap(blob, n, "Custodian#1",
		    &back) ==
		    STATUS_CORRUPT, "byte %zu", i);
		ck_assert_ptr_null(back);
		blob[i] ^= 0x01;
	}

	/* Every truncation, in exact-size copies, and one extra byte. */
	for (i = 0; i < n; i++) {
		copy = xmalloc(i + 1);
		memcpy(copy, blob, i);
		ck_assert_int_eq(crypto_key_unwrap(copy, i, "Custodian#1",
		    &back), STATUS_CORRUPT);
		free(copy);
	}
	copy = xmalloc(n + 1);
	memcpy(copy, blob, n);
	copy[n] = 0;
	ck_assert_int_eq(crypto_key_unwrap(copy, n + 1, "Custodian#1", &back),
	    STATUS_CORRUPT);
	free(copy);
	free(blob);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_private_key_not_in_blob)
{
	struct crypto_kdf_params p;
	struct crypto_key *k;
	unsigned char *d, *blob;
	size_t n, dlen, i;

	th_tiny_params(&p);
	d = th_unhex(EX_D, &dlen);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	/* Not the scalar, nor any 8-byte run of it. */
	for (i = 0; i + 8 <= dlen; i++)
		ck_assert_ptr_null(memmem(blob, n, d + i, 8));
	free(blob);
	free(d);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_public_without_password)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *pub;
	unsigned char *blob, *b2, a[CRYPTO_PUBLIC_MAX], b[CRYPTO_PUBLIC_MAX];
	size_t n, n2, alen, blen;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_wrapped_public(blob, n, &pub), STATUS_OK);
	ck_assert(!crypto_key_has_private(pub));
	crypto_key_public_raw(k, a, &alen);
	crypto_key_public_raw(pub, b, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);

	/* Wrapping again: fresh salt and nonce, different bytes. */
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &b2, &n2),
	    STATUS_OK);
	ck_assert_uint_eq(n, n2);
	ck_assert_int_ne(memcmp(blob, b2, n), 0);

	/* A public key cannot be wrapped. */
	free(b2);
	ck_assert_int_eq(crypto_key_wrap(pub, "x", &p, &b2, &n2),
	    STATUS_INVALID);
	free(blob);
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_rewrap_for_proxy)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *proxy;
	size_t n, pn;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	ck_assert_int_eq(crypto_key_rewrap(blob, n, "wrong", "Proxy#2", &p,
	    &proxy, &pn), STATUS_BAD_PASSWORD);
	ck_assert_ptr_null(proxy);
	ck_assert_int_eq(crypto_key_rewrap(blob, n, "Custodian#1", "Proxy#2",
	    &p, &proxy, &pn), STATUS_OK);
	ck_assert_int_eq(crypto_key_unwrap(proxy, pn, "Custodian#1", &back),
	    STATUS_BAD_PASSWORD);
	ck_assert_int_eq(crypto_key_unwrap(proxy, pn, "Proxy#2", &back),
	    STATUS_OK);
	crypto_key_free(back);
	free(proxy);
	free(blob);
	crypto_key_free(k);
}
END_TEST

/* The key in the old blob HEX signs for the public key EXPECT. */
static void
wrap_old_blob_signs(const char *hex, const struct crypto_key *expect)
{
	struct crypto_key *back;
	unsigned char *blob, *sig;
	size_t n, siglen;

	blob = th_unhex(hex, &n);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "Custodian#1", &back),
	    STATUS_OK);
	ck_assert(crypto_key_has_private(back));
	ck_assert_int_eq(crypto_sign(back, "doc", 3, &sig, &siglen), STATUS_OK);
	ck_assert_int_eq(crypto_verify(expect, "doc", 3, sig, siglen),
	    STATUS_OK);
	free(sig);
	crypto_key_free(back);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "Custodian#2", &back),
	    STATUS_BAD_PASSWORD);
	free(blob);
}

START_TEST(test_old_blobs_open)
{
	struct crypto_key *sm2, *ed;
	unsigned char *d, *pub;
	size_t dlen, publen;

	d = th_unhex(EX_D, &dlen);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &sm2),
	    STATUS_OK);
	pub = th_unhex(OLD_ED_PUB, &publen);
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_ED25519, pub,
	    publen, &ed), STATUS_OK);
	wrap_old_blob_signs(OLD_SM2_WRAP, sm2);
	wrap_old_blob_signs(OLD_ED_WRAP, ed);
	crypto_key_free(ed);
	crypto_key_free(sm2);
	free(pub);
	free(d);
}
END_TEST

/* BLOB with its public key replaced by OTHER's and its SM3 computed
 * again, as someone altering it on purpose would: the tag still
 * refuses it as damage. */
static void
wrap_swap_public(const unsigned char *blob, size_t n,
    const struct crypto_key *other)
{
	unsigned char raw[CRYPTO_PUBLIC_MAX], *copy = xmalloc(n);
	struct crypto_key *back;
	size_t at = WRAP_PUB_AT(blob), rawlen, sumat;

	memcpy(copy, blob, n);
	crypto_key_public_raw(other, raw, &rawlen);
	ck_assert_uint_eq(copy[at - 1], rawlen);
	memcpy(copy + at, raw, rawlen);
	sumat = n - 16 - 32 - CRYPTO_SM3_LEN;	/* before scalar and tag */
	ck_assert_int_eq(crypto_sm3(copy, sumat, copy + sumat), STATUS_OK);

	ck_assert_int_eq(crypto_key_unwrap(copy, n, "Custodian#1", &back),
	    STATUS_CORRUPT);
	ck_assert_ptr_null(back);
	free(copy);
}

START_TEST(test_public_key_swapped)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *other, *back;
	unsigned char *blob;
	size_t n;

	/* Both algorithms, both a blob of the old release and a new one. */
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &other),
	    STATUS_OK);
	blob = th_unhex(OLD_SM2_WRAP, &n);
	wrap_swap_public(blob, n, other);
	free(blob);
	crypto_key_free(other);

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &other),
	    STATUS_OK);
	blob = th_unhex(OLD_ED_WRAP, &n);
	wrap_swap_public(blob, n, other);
	free(blob);
	/* Lanes of 1 MiB: derived in threads, as a real seal's key is. */
	th_tiny_params(&p);
	p.mem_kib = 2048;
	p.parallelism = 2;
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "Custodian#1", &back),
	    STATUS_OK);
	crypto_key_free(back);
	wrap_swap_public(blob, n, other);
	free(blob);
	crypto_key_free(k);
	crypto_key_free(other);
}
END_TEST

Suite *
wrap_suite(void)
{
	Suite *s = suite_create("wrap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_round_trip_sm2);
	tcase_add_test(tc, test_round_trip_ed25519);
	tcase_add_test(tc, test_every_byte_guarded);
	tcase_add_test(tc, test_private_key_not_in_blob);
	tcase_add_test(tc, test_public_without_password);
	tcase_add_test(tc, test_rewrap_for_proxy);
	tcase_add_test(tc, test_old_blobs_open);
	tcase_add_test(tc, test_public_key_swapped);
	suite_add_tcase(s, tc);
	return s;
}
