#ifndef TESTS_PRINT_SUITES_H
#define TESTS_PRINT_SUITES_H
#include <check.h>
Suite *printer_suite(void);
Suite *compose_suite(void);
Suite *original_suite(void);
Suite *folder_suite(void);
Suite *cups_suite(void);
Suite *direct_suite(void);
Suite *stamp_suite(void);
#endif
