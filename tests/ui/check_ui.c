/* check_ui.c -- the ui layer's runner: one suite per module, all of
 * them without a terminal (tests/ui/demo.sh drives the real one). */
#include <config.h>

#include "lib/testlib.h"
#include "ui/suites.h"

int
main(void)
{
	Suite *suites[] = {
		field_suite(),
		list_suite(),
		command_suite(),
		entry_suite(),
		home_suite(),
		docfmt_suite(),
		tableview_suite(),
		keybytes_suite(),
		NULL
	};

	return testlib_run(suites);
}
