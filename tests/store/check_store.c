/* check_store.c -- the storage layer's runner: one suite per module. */
#include <config.h>

#include "lib/testlib.h"
#include "store/suites.h"

/*
 * Berkeley DB keeps the memory of handles closed after the environment
 * panicked (it must not touch the shared regions any more), and the
 * recovery tests panic it on purpose.  Its frames carry no caller, so
 * the whole library is excused from the leak check of this runner.
 */
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libdb-5.3.so\n";
}

int
main(void)
{
	Suite *suites[] = {
		codec_suite(), record_suite(), index_suite(), schema_suite(),
		check_suite(), backup_suite(), fault_suite(), crash_suite(),
		batch_suite(),
		regions_suite(), counts_suite(), daysum_suite(), pack_suite(),
		postings_suite(), splice_suite(), compact_suite(),
		dict_suite(), audtime_suite(), prefix_suite(),
		NULL
	};

	return testlib_run(suites);
}
