/* check_render.c -- the render layer's runner: one suite per module. */
#include <config.h>

#include "lib/testlib.h"
#include "render/suites.h"

/*
 * Read by LeakSanitizer in sanitizer builds, ignored otherwise.  cairo
 * 1.16 loses 768 bytes for every OpenType (CFF) font subset it writes
 * into a PDF, and the CJK fonts are all CFF.  Its frames have no frame
 * pointers, so the report cannot be narrowed below the library: cairo's
 * own allocations are excused, ours are still checked.
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
	Suite *suites[] = { impression_suite(), impression_check_suite(),
	    linebreak_suite(), layout_suite(), report_pdf_suite(),
	    splice_suite(), NULL };

	return testlib_run(suites);
}
