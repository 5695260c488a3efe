#ifndef TESTS_CRYPTO_SUITES_H
#define TESTS_CRYPTO_SUITES_H
#include <check.h>
Suite *sm3_suite(void);
Suite *sm2_suite(void);
Suite *ed25519_suite(void);
Suite *key_suite(void);
Suite *openssl_suite(void);
Suite *der_suite(void);
Suite *pwhash_suite(void);
Suite *wrap_suite(void);
Suite *rand_suite(void);
Suite *x509_suite(void);
Suite *ses_suite(void);
Suite *keyscan_suite(void);
#endif
