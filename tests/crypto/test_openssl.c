/*
 * test_openssl.c -- interoperability with the OpenSSL 3 command line:
 * our SM2 and Ed25519 signatures verify there, OpenSSL's verify here,
 * and OpenSSL reads our public keys and DER.
 *
 * Flags as checked against OpenSSL 3.0: SM2 needs -rawin -digest sm3 and
 * the identifier as -pkeyopt distid:..., because OpenSSL then computes
 * Z itself, exactly the preprocessing we do in sm2.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

#define SM2_OPTS "-rawin -digest sm3 -pkeyopt distid:" CRYPTO_SM2_DEFAULT_ID

static const char msg[] = "编号 2025-0042：同意用印。";

/* Write KEY's public half as pub.pem and pub.der in DIR. */
static void
ossl_put_public(const char *dir, const struct crypto_key *key)
{
	unsigned char *der;
	char *pem;
	size_t n;

	ck_assert_int_eq(crypto_key_to_spki(key, &der, &n), STATUS_OK);
	ck_assert_int_eq(crypto_pem_encode("PUBLIC KEY", der, n, &pem),
	    STATUS_OK);
	th_put(dir, "pub.der", der, n);
	th_put(dir, "pub.pem", pem, strlen(pem));
	free(pem);
	free(der);
}

static void
ossl_our_signature(enum crypto_alg alg, const char *opts, const char *m,
    size_t mlen)
{
	char *dir = testlib_tmpdir();
	struct crypto_key *k;
	unsigned char *sig;
	size_t siglen;

	ck_assert_int_eq(crypto_key_generate(alg, &k), STATUS_OK);
	ck_assert_int_eq(crypto_sign(k, m, mlen, &sig, &siglen),
	    STATUS_OK);
	ossl_put_public(dir, k);
	th_put(dir, "msg", m, mlen);
	th_put(dir, "sig", sig, siglen);

	ck_assert_int_eq(th_sh(dir,
	    "openssl pkeyutl -verify -pubin -inkey pub.pem "
	    "%s -in msg -sigfile sig", opts), 0);
	/* The same signature over another message: OpenSSL says no too. */
	th_put(dir, "msg", m, mlen - 1);
	ck_assert_int_ne(th_sh(dir,
	    "openssl pkeyutl -verify -pubin -inkey pub.pem "
	    "%s -in msg -sigfile sig", opts), 0);

	free(sig);
	crypto_key_free(k);
	testlib_rmdir(dir);
}

START_TEST(test_our_sm2_verifies_in_openssl)
{
	ossl_our_signature(CRYPTO_ALG_SM2, SM2_OPTS, msg, strlen(msg));
}
END_TEST

START_TEST(test_our_ed25519_verifies_in_openssl)
{
	ossl_our_signature(CRYPTO_ALG_ED25519, "-rawin", msg, strlen(msg));
}
END_TEST

/* OpenSSL makes a key of ALG and signs; we import its public key as PEM
 * and as DER and verify. */
static void
ossl_their_signature(const char *alg, const char *opts, const char *m,
    size_t mlen)
{
	char *dir = testlib_tmpdir();
	struct crypto_key *kp, *kd;
	unsigned char *sig, *der;
	char *pem;
	size_t siglen, n, pemlen;

	th_put(dir, "msg", m, mlen);
	ck_assert_int_eq(th_sh(dir,
	    "openssl genpkey -algorithm %s -out key.pem && "
	    "openssl pkey -in key.pem -pubout -out pub.pem && "
	    "openssl pkey -in key.pem -pubout -outform DER -out pub.der && "
	    "openssl pkeyutl -sign -inkey key.pem %s -in msg -out sig",
	    alg, opts), 0);

	pem = (char *) th_get(dir, "pub.pem", &pemlen);
	ck_assert_int_eq(crypto_pem_decode(pem, pemlen, "PUBLIC KEY", &der, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_from_spki(der, n, &kp), STATUS_OK);
	free(der);
	der = th_get(dir, "pub.der", &n);
	ck_assert_int_eq(crypto_key_from_spki(der, n, &kd), STATUS_OK);

	sig = th_get(dir, "sig", &siglen);
	ck_assert_int_eq(crypto_verify(kp, m, mlen, sig, siglen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_verify(kd, m, mlen, sig, siglen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_verify(kd, m, mlen - 1, sig, siglen),
	    STATUS_BAD_SIGNATURE);

	free(sig);
	free(der);
	free(pem);
	crypto_key_free(kd);
	crypto_key_free(kp);
	testlib_rmdir(dir);
}

START_TEST(test_openssl_sm2_verifies_here)
{
	ossl_their_signature("SM2", SM2_OPTS, msg, strlen(msg));
}
END_TEST

START_TEST(test_openssl_ed25519_verifies_here)
{
	ossl_their_signature("ED25519", "-rawin", msg, strlen(msg));
}
END_TEST

/* A message longer than libgcrypt's own Ed25519 takes (65,535 bytes):
 * the data of a sealed document's signature, picture and all. */
static char *
ossl_long_message(size_t n)
{
	char *m = xmalloc(n);
	size_t i;

	for (i = 0; i < n; i++)
		m[i] = (char) (i * 7 + i / 251);
	return m;
}

START_TEST(test_our_long_ed25519_verifies_in_openssl)
{
	char *m = ossl_long_message(100000);

	ossl_our_signature(CRYPTO_ALG_ED25519, "-rawin", m, 100000);
	free(m);
}
END_TEST

START_TEST(test_openssl_long_ed25519_verifies_here)
{
	char *m = ossl_long_message(100000);

	ossl_their_signature("ED25519", "-rawin", m, 100000);
	free(m);
}
END_TEST

START_TEST(test_openssl_reads_our_der)
{
	char *dir = testlib_tmpdir();
	struct crypto_key *k;
	unsigned char *sig, *out;
	size_t siglen, n;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_sign(k, msg, strlen(msg), &sig, &siglen),
	    STATUS_OK);
	ossl_put_public(dir, k);
	th_put(dir, "sig", sig, siglen);

	ck_assert_int_eq(th_sh(dir, "openssl asn1parse -inform DER -in sig"),
	    0);
	ck_assert_int_eq(th_sh(dir,
	    "openssl asn1parse -inform DER -in pub.der"), 0);

	/* OpenSSL names the curve SM2 when it reads our key. */
	ck_assert_int_eq(th_sh(dir,
	    "openssl pkey -pubin -inform DER -in pub.der "
	    "-text -noout"), 0);
	out = th_get(dir, "out.txt", &n);
	ck_assert_ptr_nonnull(strstr((char *) out, "ASN1 OID: SM2"));

	free(out);
	free(sig);
	crypto_key_free(k);
	testlib_rmdir(dir);
}
END_TEST

Suite *
openssl_suite(void)
{
	Suite *s = suite_create("openssl");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_our_sm2_verifies_in_openssl);
	tcase_add_test(tc, test_our_ed25519_verifies_in_openssl);
	tcase_add_test(tc, test_openssl_sm2_verifies_here);
	tcase_add_test(tc, test_openssl_ed25519_verifies_here);
	tcase_add_test(tc, test_our_long_ed25519_verifies_in_openssl);
	tcase_add_test(tc, test_openssl_long_ed25519_verifies_here);
	tcase_add_test(tc, test_openssl_reads_our_der);
	suite_add_tcase(s, tc);
	return s;
}
