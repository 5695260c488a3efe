/* check_core.c -- the core layer's runner: one suite per module. */
#include <config.h>

#include "lib/testlib.h"
#include "core/suites.h"

int
main(void)
{
	Suite *suites[] = {
		audit_suite(),
		audit_tamper_suite(),
		kekfile_suite(),
		form_suite(),
		perm_suite(),
		policy_suite(),
		session_suite(),
		account_suite(),
		chain_suite(),
		doc_suite(),
		import_suite(),
		workflow_suite(),
		corpus_suite(),
		invariants_suite(),
		seal_suite(),
		custody_suite(),
		grant_suite(),
		sealing_suite(),
		sealsize_suite(),
		report_suite(),
		daysum_suite(),
		export_suite(),
		printjobs_suite(),
		standalone_suite(),
		standalone_tamper_suite(),
		docsearch_suite(),
		bulk_suite(),
		printable_suite(),
		recwords_suite(),
		queuecount_suite(),
		approvebox_suite(),
		sealsteps_suite(),
		NULL
	};

	return testlib_run(suites);
}
