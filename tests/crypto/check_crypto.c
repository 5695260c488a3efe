/* check_crypto.c -- the crypto layer's runner: one suite per module. */
#include <config.h>

#include <stdio.h>

#include "lib/testlib.h"
#include "crypto/crypto.h"
#include "crypto/suites.h"

int
main(void)
{
	Suite *suites[] = {
		sm3_suite(), sm2_suite(), ed25519_suite(), key_suite(),
		openssl_suite(), der_suite(), pwhash_suite(), wrap_suite(),
		rand_suite(), x509_suite(), ses_suite(),
		keyscan_suite(), NULL
	};

	if (crypto_init() != STATUS_OK) {
		fprintf(stderr, "crypto_init failed\n");
		return 1;
	}
	return testlib_run(suites);
}
