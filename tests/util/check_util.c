/* check_util.c -- the util layer's runner: one suite per module. */
#include <config.h>

#include "lib/testlib.h"
#include "util/suites.h"

int
main(void)
{
	Suite *suites[] = { text_suite(), buf_suite(), safefile_suite(),
	    media_suite(), NULL };

	return testlib_run(suites);
}
