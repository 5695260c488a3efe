/*
 * ctl_info.c -- "esealctl info": the version and the libraries built in.
 */
#include <config.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"

int
ctl_info_run(struct ctl *c)
{
	printf("package: %s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	printf("home: %s\n", c->home);
	printf("test-hooks: %s\n", testhook_enabled() ? "yes" : "no");
	return CTL_EXIT_OK;
}
