/*
 * home.c -- where the workspace is when no --home is given: the one
 * rule both programs follow, so eseal and esealctl never disagree about
 * which workspace a clerk and an administrator are looking at.
 *
 * Only reads the environment; must not create or open anything.
 */
#include <config.h>

#include <stdlib.h>

#include "store/store.h"

char *
store_default_home(void)
{
	const char *e;

	if ((e = getenv("ESEAL_HOME")) != NULL && *e != '\0')
		return xstrdup(e);
	if ((e = getenv("XDG_DATA_HOME")) != NULL && *e != '\0')
		return xasprintf("%s/eseal", e);
	if ((e = getenv("HOME")) != NULL && *e != '\0')
		return xasprintf("%s/.local/share/eseal", e);
	return xstrdup("/var/lib/eseal");
}
