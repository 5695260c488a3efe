/*
 * esealctl.c -- the administrators' and scripts' command line.  A thin
 * main: everything is in src/ctl.
 */
#include <config.h>

#include <stdlib.h>

#include "ctl/ctl.h"

int
main(int argc, char **argv)
{
	i18n_init();	/* esealctl works in any locale; LANG=C is English */
	return ctl_main(argc, argv);
}
