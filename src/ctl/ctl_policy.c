/*
 * ctl_policy.c -- "esealctl policy": show the password and session
 * policy, or change it as the security administrator.
 *
 *   policy show
 *   policy set NAME=VALUE...
 *   policy classification none|secret|confidential
 *
 * The core refuses any setting looser than the floor of the
 * workstation's classification; this file only parses and prints.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_policy_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] policy COMMAND\n"
	    "  show\n"
	    "  set NAME=VALUE...\n"
	    "  classification none|secret|confidential\n"), stderr);
	return CTL_EXIT_USAGE;
}

static int
ctl_policy_show(struct session *s)
{
	struct policy p;
	enum status rc;
	uint32_t v, floor;
	const char *name;
	unsigned i;

	if ((rc = policy_get(s->store, &p)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("classification: %s\n", policy_class_name(p.classification));
	for (i = 0; (name = policy_field_name(i)) != NULL; i++) {
		policy_field_get(&p, name, &v);
		policy_field_floor(&p, name, &floor);
		printf("%s: %u (floor %u)\n", name, (unsigned) v,
		    (unsigned) floor);
	}
	return CTL_EXIT_OK;
}

/* Apply one "name=value" to P; returns an exit code or -1 to go on. */
static int
ctl_policy_assign(struct policy *p, const char *arg)
{
	const char *eq = strchr(arg, '=');
	unsigned long v;
	char *name, *end;
	enum status rc;

	if (eq == NULL)
		return ctl_policy_usage();
	errno = 0;
	v = strtoul(eq + 1, &end, 10);
	if (errno != 0 || end == eq + 1 || *end != '\0' || v > UINT32_MAX)
		return ctl_policy_usage();
	name = xstrndup(arg, (size_t) (eq - arg));
	rc = policy_field_set(p, name, (uint32_t) v);
	if (rc != STATUS_OK) {
		fprintf(stderr, _("esealctl: no policy setting '%s'\n"), name);
		free(name);
		return CTL_EXIT_USAGE;
	}
	free(name);
	return -1;
}

static int
ctl_policy_set(struct session *s, int argc, char **argv)
{
	struct policy p;
	enum status rc;
	int i, ex;

	if (argc < 2)
		return ctl_policy_usage();
	if ((rc = policy_get(s->store, &p)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	for (i = 1; i < argc; i++)
		if ((ex = ctl_policy_assign(&p, argv[i])) >= 0)
			return ex;
	rc = policy_set(s, &p);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
}

static int
ctl_policy_class(struct session *s, int argc, char **argv)
{
	enum status rc;
	unsigned cls;

	if (argc != 2 || policy_class_parse(argv[1], &cls) != STATUS_OK)
		return ctl_policy_usage();
	rc = policy_set_classification(s, cls);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
}

int
ctl_policy_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (argc < 1 || (strcmp(argv[0], "show") != 0 &&
	    strcmp(argv[0], "set") != 0 &&
	    strcmp(argv[0], "classification") != 0))
		return ctl_policy_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	if (strcmp(argv[0], "show") == 0)
		ex = argc == 1 ? ctl_policy_show(s) : ctl_policy_usage();
	else if (strcmp(argv[0], "set") == 0)
		ex = ctl_policy_set(s, argc, argv);
	else
		ex = ctl_policy_class(s, argc, argv);
	ctl_session_close(st, s);
	return ex;
}
