/*
 * cupsd_fixture.h -- a private CUPS scheduler for one test, started
 * through tests/lib/cupsd.sh (which records what had to be measured to
 * make it work), listening only on a unix socket in the test's
 * directory.  It dies with the test process even when a test fails
 * half-way (the parent-death signal), so no scheduler outlives its test.
 */
#ifndef ESEAL_TESTS_PRINT_CUPSD_FIXTURE_H
#define ESEAL_TESTS_PRINT_CUPSD_FIXTURE_H

#include <sys/types.h>

struct cupsd {
	pid_t	 pid;
	char	*dir;		/* its configuration, spool and logs */
	char	*sock;		/* CUPS_SERVER */
};

/* Start cupsd under DIR (created) and point libcups at it. */
void cupsd_start(struct cupsd *c, const char *dir);

/* A queue NAME with the Generic PDF printer writing into FILE. */
void cupsd_queue(struct cupsd *c, const char *name, const char *file);

/* Run a CUPS command line (lpadmin, cancel, cupsdisable ...) against
 * it; the test fails when the command does. */
void cupsd_run(struct cupsd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Stop it (again is fine). */
void cupsd_stop(struct cupsd *c);

#endif
