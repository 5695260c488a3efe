/*
 * ctl_init.c -- "esealctl init": create a workspace with the bureau's
 * name, its classification and the three administrators.
 *
 * Each administrator's initial password is printed here once and never
 * again: it is stored only as a hash, and must be changed at the first
 * login.  An existing workspace is refused, never overwritten.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_init_usage(void)
{
	fprintf(stderr, _("Usage: esealctl init --bureau NAME "
	    "[--classification none|secret|confidential]\n"
	    "       [--sysadmin NAME] [--secadmin NAME] [--auditor NAME]\n"));
	return CTL_EXIT_USAGE;
}

/* Parse the verb's options into AI; returns an exit code or -1 to go on. */
static int
ctl_init_options(struct ctl *c, struct account_init *ai)
{
	static const struct option opts[] = {
		{ "bureau", required_argument, NULL, 'b' },
		{ "classification", required_argument, NULL, 'c' },
		{ "sysadmin", required_argument, NULL, 's' },
		{ "secadmin", required_argument, NULL, 'S' },
		{ "auditor", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = ctl_getopt(c->argc, c->argv, "b:c:", opts)) != -1) {
		switch (ch) {
		case 'b':
			ai->bureau = optarg;
			break;
		case 'c':
			if (policy_class_parse(optarg, &ai->classification) !=
			    STATUS_OK)
				return ctl_init_usage();
			break;
		case 's':
			ai->names[0] = optarg;
			break;
		case 'S':
			ai->names[1] = optarg;
			break;
		case 'a':
			ai->names[2] = optarg;
			break;
		default:
			return ctl_init_usage();
		}
	}
	if (optind != c->argc || ai->bureau == NULL || *ai->bureau == '\0')
		return ctl_init_usage();
	return -1;
}

int
ctl_init_run(struct ctl *c)
{
	static const char *const roles[3] = {
		"sysadmin", "secadmin", "auditor"
	};
	struct account_init ai;
	struct store *st = NULL;
	enum status rc;
	unsigned i;
	int ex;

	memset(&ai, 0, sizeof ai);
	for (i = 0; i < 3; i++)
		ai.names[i] = roles[i];
	if ((ex = ctl_init_options(c, &ai)) >= 0)
		return ex;

	if ((ex = ctl_store_open(c, STORE_CREATE, &st)) != CTL_EXIT_OK)
		return ex;
	rc = account_init_workspace(st, &ai);
	audit_attach(NULL);
	store_close(st);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->home);

	printf("workspace: %s\n", c->home);
	printf("bureau: %s\n", ai.bureau);
	printf("classification: %s\n", policy_class_name(ai.classification));
	for (i = 0; i < 3; i++) {
		printf("account: %s %s %s\n", roles[i], ai.names[i],
		    ai.passwords[i]);
		account_password_free(ai.passwords[i]);
	}
	fputs(_("esealctl: each initial password is shown only this once; "
	    "it must be changed at the first login.\n"), stderr);
	return CTL_EXIT_OK;
}
