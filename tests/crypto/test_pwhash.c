/*
 * test_pwhash.c -- password hashes: right and wrong passwords, the PHC
 * strings other tools write (the Argon2 reference tool, Python's
 * scrypt), parameters carried in the hash and re-hashing when they rise,
 * damaged records refused, and which derivations get threads.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* "correct horse", salt "saltsaltsaltsalt": by the Argon2 reference
 * implementation's command-line tool (argon2 -id -t 2 -m 6 -p 2 -l 32
 * -e), and by Python's hashlib.scrypt (n=16, r=8, p=1, dklen=32). */
#define REF_SALT	"c2FsdHNhbHRzYWx0c2FsdA"
#define REF_HASH	"Sh1LF6dsajp2YjljvL/T0Tk68lSWQP232iGGbb+Qa5Y"
#define REF_SHASH	"rkTI9fAgA7thDzzR8FHXhMiojYBreJBmYTkEzWypBCQ"
#define REF_ARGON2	"$argon2id$v=19$m=64,t=2,p=2$" REF_SALT "$" REF_HASH
#define REF_SCRYPT	"$scrypt$ln=4,r=8,p=1$" REF_SALT "$" REF_SHASH

static enum status
pw_check(const char *pw, const char *stored,
    const struct crypto_kdf_params *cur, int *rehash)
{
	return crypto_pw_verify(pw, (const unsigned char *) stored,
	    strlen(stored), cur, rehash);
}

START_TEST(test_hash_and_verify)
{
	struct crypto_kdf_params p;
	unsigned char *h1, *h2;
	size_t n1, n2;
	int rehash = -1;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_pw_hash("Zhang-San#2025", &p, &h1, &n1),
	    STATUS_OK);
	ck_assert_uint_eq(strlen((char *) h1), n1);
	ck_assert_int_eq(strncmp((char *) h1, "$argon2id$v=19$m=64,t=1,p=1$",
	    28), 0);

	ck_assert_int_eq(pw_check("Zhang-San#2025", (char *) h1, &p, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 0);
	ck_assert_int_eq(pw_check("zhang-San#2025", (char *) h1, &p, &rehash),
	    STATUS_BAD_PASSWORD);
	ck_assert_int_eq(pw_check("", (char *) h1, &p, &rehash),
	    STATUS_BAD_PASSWORD);

	/* A fresh salt each time: the same password hashes differently. */
	ck_assert_int_eq(crypto_pw_hash("Zhang-San#2025", &p, &h2, &n2),
	    STATUS_OK);
	ck_assert(n1 != n2 || memcmp(h1, h2, n1) != 0);
	free(h2);
	free(h1);
}
END_TEST

START_TEST(test_other_tools_hashes)
{
	struct crypto_kdf_params p;
	unsigned char *h;
	size_t n;

	ck_assert_int_eq(pw_check("correct horse", REF_ARGON2, NULL, NULL),
	    STATUS_OK);
	ck_assert_int_eq(pw_check("correct horsE", REF_ARGON2, NULL, NULL),
	    STATUS_BAD_PASSWORD);
	ck_assert_int_eq(pw_check("correct horse", REF_SCRYPT, NULL, NULL),
	    STATUS_OK);
	ck_assert_int_eq(pw_check("correct horsE", REF_SCRYPT, NULL, NULL),
	    STATUS_BAD_PASSWORD);

	/* And we write scrypt in the same form when asked to. */
	th_tiny_params(&p);
	p.alg = CRYPTO_KDF_SCRYPT;
	p.mem_kib = 16;
	ck_assert_int_eq(crypto_pw_hash("correct horse", &p, &h, &n),
	    STATUS_OK);
	ck_assert_int_eq(strncmp((char *) h, "$scrypt$ln=4,r=8,p=1$", 21), 0);
	ck_assert_int_eq(pw_check("correct horse", (char *) h, &p, NULL),
	    STATUS_OK);
	free(h);
}
END_TEST

START_TEST(test_rehash_when_params_rise)
{
	struct crypto_kdf_params p, cur;
	unsigned char *h;
	size_t n;
	int rehash;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_pw_hash("Li-Si@2025", &p, &h, &n), STATUS_OK);

	cur = p;
	cur.mem_kib = 128;
	ck_assert_int_eq(pw_check("Li-Si@2025", (char *) h, &cur, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 1);
	cur = p;
	cur.passes = 2;
	ck_assert_int_eq(pw_check("Li-Si@2025", (char *) h, &cur, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 1);
	cur = p;
	cur.alg = CRYPTO_KDF_SCRYPT;
	ck_assert_int_eq(pw_check("Li-Si@2025", (char *) h, &cur, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 1);

	/* Lower parameters than stored: nothing to do. */
	cur = p;
	cur.mem_kib = 32;
	ck_assert_int_eq(pw_check("Li-Si@2025", (char *) h, &cur, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 0);

	/* The defaults are higher than the tiny test parameters. */
	ck_assert_int_eq(pw_check("Li-Si@2025", (char *) h, NULL, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 1);
	free(h);
}
END_TEST

START_TEST(test_damaged_records_refused)
{
	static const char *const bad[] = {
		"",
		"$argon2id$v=19$m=64,t=1,p=1$" REF_SALT,
		"$argon2i$v=19$m=64,t=2,p=2$" REF_SALT "$" REF_HASH,
		"$argon2id$v=16$m=64,t=2,p=2$" REF_SALT "$" REF_HASH,
		"$argon2id$v=19$m=064,t=2,p=2$" REF_SALT "$" REF_HASH,
		"$argon2id$v=19$m=99999999,t=2,p=2$" REF_SALT "$" REF_HASH,
		"$argon2id$v=19$m=64,t=0,p=2$" REF_SALT "$" REF_HASH,
		"$argon2id$v=19$m=64,t=2,p=0$" REF_SALT "$" REF_HASH,
		"$argon2id$v=19$m=64,t=2,p=2$c2Fsd*NhbHRzYWx0c2FsdA$" REF_HASH,
		"$argon2id$v=19$m=64,t=2,p=2$" REF_SALT "==$" REF_HASH,
		"$argon2id$v=19$m=64,t=2,p=2$" REF_SALT "$Sh1LF6dsajp2",
		"$argon2id$v=19$m=64,t=2,p=2$" REF_SALT "$" REF_HASH "$",
		"$scrypt$ln=40,r=8,p=1$" REF_SALT "$" REF_SHASH,
		"$scrypt$ln=4,r=1,p=1$" REF_SALT "$" REF_SHASH,
		"$pbkdf2$x",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(pw_check("correct horse", bad[i], NULL, NULL) ==
		    STATUS_CORRUPT, "accepted %s", bad[i]);

	/* No truncation of a good record lets the password in (most are
	 * refused as damaged; a shorter hash is a wrong one). */
	for (i = 0; i < strlen(REF_ARGON2); i++)
		ck_assert_int_ne(crypto_pw_verify("correct horse",
		    (const unsigned char *) REF_ARGON2, i, NULL, NULL),
		    STATUS_OK);
}
END_TEST

START_TEST(test_defaults_work)
{
	struct crypto_kdf_params p;
	unsigned char *h;
	size_t n;
	int rehash = -1;

	/* The documented defaults (the manual quotes them). */
	crypto_kdf_defaults(&p);
	ck_assert_int_eq(p.alg, CRYPTO_KDF_ARGON2ID);
	ck_assert_uint_eq(p.mem_kib, 128 * 1024);
	ck_assert_uint_eq(p.passes, 4);
	ck_assert_uint_eq(p.parallelism, 2);
	ck_assert_uint_eq(p.salt_len, 16);
	ck_assert(crypto_kdf_threaded(&p));

	ck_assert_int_eq(crypto_pw_hash("Wang-Wu!2025", NULL, &h, &n),
	    STATUS_OK);
	ck_assert_int_eq(strncmp((char *) h, "$argon2id$v=19$m=131072,t=4,p=2$",
	    32), 0);
	ck_assert_int_eq(pw_check("Wang-Wu!2025", (char *) h, NULL, &rehash),
	    STATUS_OK);
	ck_assert_int_eq(rehash, 0);
	free(h);
}
END_TEST

START_TEST(test_threads_only_for_big_lanes)
{
	struct crypto_kdf_params p;

	/* A test build's cheap hash (64 KiB, two lanes) and one lane of
	 * any size run on the caller's thread; 1 MiB lanes get their own.
	 * The reference tool's two-lane hash above is such a cheap one, and
	 * still comes out the same. */
	th_tiny_params(&p);
	p.parallelism = 2;
	ck_assert(!crypto_kdf_threaded(&p));
	p.mem_kib = 2047;
	ck_assert(!crypto_kdf_threaded(&p));
	p.mem_kib = 2048;
	ck_assert(crypto_kdf_threaded(&p));
	p.parallelism = 1;
	p.mem_kib = 128 * 1024;
	ck_assert(!crypto_kdf_threaded(&p));
	p.alg = CRYPTO_KDF_SCRYPT;
	p.parallelism = 2;
	ck_assert(!crypto_kdf_threaded(&p));
}
END_TEST

Suite *
pwhash_suite(void)
{
	Suite *s = suite_create("pwhash");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_hash_and_verify);
	tcase_add_test(tc, test_threads_only_for_big_lanes);
	tcase_add_test(tc, test_other_tools_hashes);
	tcase_add_test(tc, test_rehash_when_params_rise);
	tcase_add_test(tc, test_damaged_records_refused);
	tcase_add_test(tc, test_defaults_work);
	suite_add_tcase(s, tc);
	return s;
}
