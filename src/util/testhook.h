/*
 * testhook.h -- environment switches that exist only in test builds.
 *
 * The end-to-end tests drive the real programs, and some rules can only
 * be reached in reasonable time by bending the world: a fixed clock
 * (ESEAL_FAKE_TIME, seconds since the epoch) to cross a password's expiry
 * or a month of work, and a cheap password hash (ESEAL_TEST_KDF) so that
 * hundreds of logins fit in a test run.  Either would let a user walk past
 * password expiry or weaken stored hashes, so they are compiled in only
 * with ./configure --enable-test-hooks; a production build ignores them.
 * The terminal tests also shorten the idle lock (ESEAL_TEST_IDLE_SECONDS)
 * and read the message catalogue from the build tree (ESEAL_LOCALEDIR).
 */
#ifndef ESEAL_UTIL_TESTHOOK_H
#define ESEAL_UTIL_TESTHOOK_H

/* The value of the test switch NAME, or NULL when unset or when this is
 * not a test build. */
const char *testhook_env(const char *name);

/* Non-zero in a build configured with --enable-test-hooks. */
int testhook_enabled(void);

#endif
