/*
 * testhook.c -- test-only environment switches; see testhook.h for why
 * they are compiled out of production builds.
 */
#include <config.h>

#include <stdlib.h>

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
