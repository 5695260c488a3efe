/* suites.h -- the ui layer's suites, one per module. */
#ifndef ESEAL_TESTS_UI_SUITES_H
#define ESEAL_TESTS_UI_SUITES_H

#include <check.h>

Suite *field_suite(void);
Suite *list_suite(void);
Suite *command_suite(void);
Suite *entry_suite(void);
Suite *home_suite(void);
Suite *docfmt_suite(void);
Suite *tableview_suite(void);
Suite *keybytes_suite(void);

#endif
