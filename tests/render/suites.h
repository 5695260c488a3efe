#ifndef TESTS_RENDER_SUITES_H
#define TESTS_RENDER_SUITES_H
#include <check.h>
Suite *impression_suite(void);
Suite *impression_check_suite(void);
Suite *linebreak_suite(void);
Suite *layout_suite(void);
Suite *report_pdf_suite(void);
Suite *splice_suite(void);
#endif
