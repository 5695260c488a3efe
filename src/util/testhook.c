/*
 * testhook.c -- test-only environment switches; see testhook.h for why
 * they are compiled out of production builds.
 */
#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "util/testhook.h"

const char *
testhook_env(const char *name)
{
#ifdef ESEAL_TEST_HOOKS
	return getenv(name);
#else
	(void) name;
	return NULL;
#endif
}

int
testhook_enabled(void)
{
#ifdef ESEAL_TEST_HOOKS
	return 1;
#else
	return 0;
#endif
}

int
testhook_fsize_begin(struct rlimit *saved)
{
	const char *v = testhook_env("ESEAL_TEST_EXPORT_FSIZE");
	struct rlimit lim;

	if (v == NULL || *v == '\0' || getrlimit(RLIMIT_FSIZE, saved) != 0)
		return 0;
	lim = *saved;
	lim.rlim_cur = (rlim_t) strtoull(v, NULL, 10);
	return setrlimit(RLIMIT_FSIZE, &lim) == 0;
}

void
testhook_fsize_end(int limited, const struct rlimit *saved)
{
	if (limited)
		(void) setrlimit(RLIMIT_FSIZE, saved);
}

void
testhook_print_pause(unsigned long sent)
{
	const char *v = testhook_env("ESEAL_TEST_PRINT_PAUSE");
	struct timespec ts = { 30, 0 };

	if (v == NULL || strtoul(v, NULL, 10) != sent)
		return;
	nanosleep(&ts, NULL);	/* a signal ends it early */
}
