/*
 * eseal.c -- the program clerks use.  A thin main: everything is in
 * src/ui.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

int
main(int argc, char **argv)
{
	int i;

	i18n_init();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("eseal (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return 0;
		}
		if (strcmp(argv[i], "--help") == 0) {
			printf(_("Usage: %s [OPTION]...\n"), "eseal");
			printf(_("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
			return 0;
		}
	}
	fputs(_("eseal: the interface is not built yet; use esealctl.\n"), stderr);
	return 1;
}
