/*
 * helpers.h -- what the crypto suites share: hex fixtures, tiny KDF
 * parameters, and running the openssl command line in a test directory.
 */
#ifndef TESTS_CRYPTO_HELPERS_H
#define TESTS_CRYPTO_HELPERS_H

#include <stddef.h>

#include "crypto/crypto.h"

/* HEX as new bytes (the test fails on bad hex). */
unsigned char *th_unhex(const char *hex, size_t *n);

/* Parameters small enough for many derivations a second. */
void th_tiny_params(struct crypto_kdf_params *p);

/* DIR/NAME as a new string. */
char *th_path(const char *dir, const char *name);

/* Write N bytes to DIR/NAME. */
void th_put(const char *dir, const char *name, const void *p, size_t n);

/* Read DIR/NAME into new memory (the test fails if it is missing). */
unsigned char *th_get(const char *dir, const char *name, size_t *n);

/* Run a shell command with DIR as the working directory, its output
 * going to DIR/out.txt; returns the exit status. */
int th_sh(const char *dir, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
