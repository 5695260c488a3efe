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

#include <sys/resource.h>

/* The value of the test switch NAME, or NULL when unset or when this is
 * not a test build. */
const char *testhook_env(const char *name);

/* Non-zero in a build configured with --enable-test-hooks. */
int testhook_enabled(void);

/*
 * A removable medium that fills up after ESEAL_TEST_EXPORT_FSIZE bytes a
 * file, for tests that cannot mount a small file system: the file-size
 * limit makes writes fail as on a full medium.  Set it only while the
 * medium is written (the workspace must not be cut short): non-zero when
 * the limit was set, with the old one in *SAVED for testhook_fsize_end.
 */
int testhook_fsize_begin(struct rlimit *saved);
void testhook_fsize_end(int limited, const struct rlimit *saved);

/* A print job that waits (up to 30 s, or until a signal comes) once it
 * has sent copy ESEAL_TEST_PRINT_PAUSE: a test stops it there with a
 * signal however fast copies are made.  SENT is how many were sent. */
void testhook_print_pause(unsigned long sent);

#endif
