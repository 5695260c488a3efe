/* suites.h -- the core layer's suites, one per module. */
#ifndef ESEAL_TESTS_CORE_SUITES_H
#define ESEAL_TESTS_CORE_SUITES_H

#include <check.h>

Suite *account_suite(void);
Suite *audit_suite(void);
Suite *audit_tamper_suite(void);
Suite *kekfile_suite(void);
Suite *form_suite(void);
Suite *perm_suite(void);
Suite *policy_suite(void);
Suite *session_suite(void);
Suite *chain_suite(void);
Suite *doc_suite(void);
Suite *import_suite(void);
Suite *workflow_suite(void);
Suite *corpus_suite(void);
Suite *invariants_suite(void);
Suite *seal_suite(void);
Suite *custody_suite(void);
Suite *grant_suite(void);
Suite *sealing_suite(void);
Suite *sealsize_suite(void);
Suite *report_suite(void);
Suite *daysum_suite(void);
Suite *export_suite(void);
Suite *printjobs_suite(void);
Suite *standalone_suite(void);
Suite *standalone_tamper_suite(void);
Suite *docsearch_suite(void);
Suite *bulk_suite(void);
Suite *printable_suite(void);
Suite *recwords_suite(void);
Suite *queuecount_suite(void);
Suite *approvebox_suite(void);
Suite *sealsteps_suite(void);

#endif
