#ifndef TESTS_STORE_SUITES_H
#define TESTS_STORE_SUITES_H
#include <check.h>
Suite *codec_suite(void);
Suite *record_suite(void);
Suite *index_suite(void);
Suite *schema_suite(void);
Suite *check_suite(void);
Suite *backup_suite(void);
Suite *fault_suite(void);
Suite *crash_suite(void);
Suite *batch_suite(void);
Suite *regions_suite(void);
Suite *counts_suite(void);
Suite *daysum_suite(void);
Suite *postings_suite(void);
Suite *pack_suite(void);
#endif
