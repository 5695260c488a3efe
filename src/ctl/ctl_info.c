/*
 * ctl_info.c -- "esealctl info": the version, the libraries built in and
 * the settings a maintainer may need (the workspace cache).
 */
#include <config.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"
#include "store/store.h"

int
ctl_info_run(struct ctl *c)
{
	printf("package: %s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	printf("home: %s\n", c->home);
	printf("test-hooks: %s\n", testhook_enabled() ? "yes" : "no");
	/* What a workspace's shared cache is made with: each process's
	 * memory holds up to this much of it. */
	printf("cache: %llu MiB\n",
	    (unsigned long long) (store_cache_setting() >> 20));
	return CTL_EXIT_OK;
}
