/* check_print.c -- the print layer's runner (and the printer register's,
 * whose rules only show when printing): one suite per module. */
#include <config.h>

#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "print/suites.h"
#include "render/render.h"

/*
 * Read by LeakSanitizer in sanitizer builds, ignored otherwise: cairo
 * 1.16 loses 768 bytes for every CFF font subset it writes into a PDF
 * (see tests/render/check_render.c); ours are still checked.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\n";
}

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

int
main(void)
{
	Suite *suites[] = { printer_suite(), compose_suite(),
	    original_suite(), folder_suite(), cups_suite(),
	    direct_suite(), stamp_suite(), NULL };
	int rc;

	pfx_prepare();
	rc = testlib_run(suites);
	render_release();
	return rc;
}
