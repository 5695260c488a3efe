#ifndef TESTS_UTIL_SUITES_H
#define TESTS_UTIL_SUITES_H
#include <check.h>
Suite *text_suite(void);
Suite *buf_suite(void);
Suite *safefile_suite(void);
Suite *media_suite(void);
#endif
