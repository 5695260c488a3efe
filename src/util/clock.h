/*
 * clock.h -- the time every rule is judged by.
 *
 * Password expiry, lockouts, custody periods and grants all read the
 * clock through here, so tests can inject a time (and the environment
 * variable ESEAL_FAKE_TIME, seconds since the epoch, does the same for the
 * real programs under test; it is honoured only in builds configured with
 * --enable-test-hooks, see testhook.h).
 */
#ifndef ESEAL_UTIL_CLOCK_H
#define ESEAL_UTIL_CLOCK_H

#include <stdint.h>

/* Seconds since the epoch (UTC). */
int64_t clock_now(void);

/* Fix the clock at T (tests); clock_set(0) returns to the real clock. */
void clock_set(int64_t t);

/* Move a fixed clock forward by SECONDS. */
void clock_advance(int64_t seconds);

/* Format T as local "YYYY-MM-DD HH:MM" into BUF (at least 20 bytes). */
const char *clock_format(int64_t t, char *buf, unsigned long size);

#endif
