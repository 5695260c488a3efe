/*
 * testlib.h -- what every libcheck runner shares: a fresh temporary
 * directory per test, and running the runner's suites.
 */
#ifndef ESEAL_TESTLIB_H
#define ESEAL_TESTLIB_H

#include <check.h>

/* Create a new empty directory under $TMPDIR (or /tmp) for one test and
 * return its path; testlib_rmdir() removes it and everything in it. */
char *testlib_tmpdir(void);
void testlib_rmdir(char *path);

/* Write N bytes to PATH (tests that plant input files). */
void testlib_write_file(const char *path, const void *data, unsigned long n);

/* Read a whole file into a new NUL-terminated buffer (NULL if missing). */
char *testlib_read_file(const char *path, unsigned long *len);

/* Run every suite in the NULL-terminated array; returns the exit status
 * for the runner (0 when all passed). */
int testlib_run(Suite **suites);

#endif
