/*
 * verbs.h -- every esealctl verb: its handler and its line in --help.
 * A new verb is one declaration and one table row here, and one file.
 */
#ifndef ESEAL_CTL_VERBS_H
#define ESEAL_CTL_VERBS_H

#include "ctl/ctl.h"

int ctl_info_run(struct ctl *c);

#define CTL_VERB_LIST \
	{ "info", ctl_info_run, "", N_("show what eseal was built with") },

#endif
