/*
 * ctl_user.c -- "esealctl user", "esealctl passwd" and "esealctl dept":
 * accounts and departments from the command line.
 *
 *   user add NAME [--full-name TEXT] [--dept DEPARTMENT]
 *   user list
 *   user disable|enable|unlock NAME
 *   user reset NAME
 *   user roles NAME [ROLES] [--clearance C] [--issuing KINDS]
 *                           [--leader N] [--dept DEPARTMENT]
 *   passwd                  (the --user's own password)
 *   dept add NAME [--prefix TEXT] [--station]
 *   dept list
 *
 * Every call goes through the core as the --user, so the same roles rule
 * here as on the screens.  Passwords come from --password-fd or the
 * terminal, never the command line; generated ones are printed once.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_user_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] user COMMAND\n"
	    "  add NAME [--full-name TEXT] [--dept DEPARTMENT]\n"
	    "  list\n"
	    "  disable NAME | enable NAME | unlock NAME | reset NAME\n"
	    "  roles NAME [ROLE,...] [--clearance LEVEL] [--issuing KIND,...]\n"
	    "             [--leader 0-3] [--dept DEPARTMENT]\n"
	    "Roles: drafter approver clerk printer office-director\n"
	    "       station-director it-staff sysadmin secadmin auditor\n"
	    "       none\n"),
	    stderr);
	return CTL_EXIT_USAGE;
}

/* "A,B" of document kind names into a bitmask; -1 on an unknown one. */
static int
ctl_user_parse_kinds(const char *text, uint32_t *kinds)
{
	char *copy = xstrdup(text), *tok, *save = NULL;
	int k, rc = 0;

	*kinds = 0;
	if (strcmp(text, "none") == 0)
		goto out;
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((k = doc_kind_parse(tok)) < 0) {
			rc = -1;
			break;
		}
		*kinds |= 1u << k;
	}
out:
	free(copy);
	return rc;
}

/* --dept NAME to its id, as the session's user. */
static enum status
ctl_user_dept(struct session *s, const char *name, uint64_t *id)
{
	*id = 0;
	if (name == NULL || *name == '\0')
		return STATUS_OK;
	return account_dept_find(s, name, id);
}

static int
ctl_user_add(struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "full-name", required_argument, NULL, 'f' },
		{ "dept", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *full = NULL, *dept = NULL;
	char *pw = NULL;
	enum status rc;
	uint64_t did;
	int ch;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'f')
			full = optarg;
		else if (ch == 'd')
			dept = optarg;
		else
			return ctl_user_usage();
	}
	if (optind + 1 != argc)
		return ctl_user_usage();

	if ((rc = ctl_user_dept(s, dept, &did)) != STATUS_OK)
		return ctl_fail(rc, dept);
	rc = account_add(s, argv[optind], full, did, &pw, NULL);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[optind]);
	printf("%s %s\n", argv[optind], pw);
	account_password_free(pw);
	return CTL_EXIT_OK;
}

/* The state column of "user list": enabled or disabled, and flags. */
static void
ctl_user_state(const struct rec_user *u, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", u->disabled ? "disabled" : "enabled",
	    account_is_locked(u, clock_now()) ? ",locked" : "",
	    u->pw_must_change ? ",must-change" : "");
}

static int
ctl_user_list(struct session *s, int argc, char **argv)
{
	struct rec_user *users;
	char roles[256], state[64];
	enum status rc;
	size_t n, i;

	if (argc != 1)
		return ctl_user_usage();
	if ((rc = account_list(s, &users, &n)) != STATUS_OK)
		return ctl_fail(rc, NULL);

	/* name, roles, state, clearance, department id, full name */
	for (i = 0; i < n; i++) {
		ctl_user_state(&users[i], state, sizeof state);
		printf("%s\t%s\t%s\t%s\t%llu\t%s\n", users[i].name,
		    perm_roles_format(users[i].roles, roles, sizeof roles),
		    state, doc_class_name(users[i].clearance),
		    (unsigned long long) users[i].dept_id, users[i].full_name);
	}
	account_list_free(users, n);
	return CTL_EXIT_OK;
}

/* disable, enable, unlock, reset: one NAME each. */
static int
ctl_user_simple(struct session *s, int argc, char **argv)
{
	const char *cmd = argv[0], *name = argv[1];
	enum status rc;
	char *pw = NULL;

	if (argc != 2)
		return ctl_user_usage();
	if (strcmp(cmd, "disable") == 0 || strcmp(cmd, "enable") == 0)
		rc = account_set_disabled(s, name, strcmp(cmd, "disable") == 0);
	else if (strcmp(cmd, "unlock") == 0)
		rc = account_unlock(s, name);
	else
		rc = account_reset_password(s, name, &pw);
	if (rc != STATUS_OK)
		return ctl_fail(rc, name);
	if (pw != NULL)
		printf("%s %s\n", name, pw);
	account_password_free(pw);
	return CTL_EXIT_OK;
}

/* The options of "user roles" into A; returns an exit code or -1. */
static int
ctl_user_roles_options(struct session *s, int argc, char **argv,
    struct account_attrs *a)
{
	static const struct option opts[] = {
		{ "clearance", required_argument, NULL, 'c' },
		{ "issuing", required_argument, NULL, 'i' },
		{ "leader", required_argument, NULL, 'l' },
		{ "dept", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	enum status rc;
	int ch, v;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		switch (ch) {
		case 'c':
			if ((v = doc_class_parse(optarg)) < 0)
				return ctl_user_usage();
			a->clearance = (uint8_t) v;
			a->fields |= ACCOUNT_CLEARANCE;
			break;
		case 'i':
			if (ctl_user_parse_kinds(optarg, &a->issuing_kinds) < 0)
				return ctl_user_usage();
			a->fields |= ACCOUNT_ISSUING;
			break;
		case 'l':
			v = atoi(optarg);
			if (strlen(optarg) != 1 ||
			    strspn(optarg, "0123") != 1)
				return ctl_user_usage();
			a->leader_level = (uint8_t) v;
			a->fields |= ACCOUNT_LEADER;
			break;
		case 'd':
			rc = ctl_user_dept(s, optarg, &a->dept_id);
			if (rc != STATUS_OK)
				return ctl_fail(rc, optarg);
			a->fields |= ACCOUNT_DEPT;
			break;
		default:
			return ctl_user_usage();
		}
	}
	return -1;
}

static int
ctl_user_roles(struct session *s, int argc, char **argv)
{
	struct account_attrs a;
	enum status rc;
	int ex;

	memset(&a, 0, sizeof a);
	if ((ex = ctl_user_roles_options(s, argc, argv, &a)) >= 0)
		return ex;
	if (optind >= argc || argc - optind > 2)
		return ctl_user_usage();
	if (argc - optind == 2) {
		if (perm_roles_parse(argv[optind + 1], &a.roles) != STATUS_OK)
			return ctl_user_usage();
		a.fields |= ACCOUNT_ROLES;
	}
	if (a.fields == 0)
		return ctl_user_usage();

	rc = account_set_attrs(s, argv[optind], &a);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, argv[optind]);
}

int
ctl_user_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	const char *cmd;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (argc < 1)
		return ctl_user_usage();
	cmd = argv[0];
	if (strcmp(cmd, "add") != 0 && strcmp(cmd, "list") != 0 &&
	    strcmp(cmd, "disable") != 0 && strcmp(cmd, "enable") != 0 &&
	    strcmp(cmd, "unlock") != 0 && strcmp(cmd, "reset") != 0 &&
	    strcmp(cmd, "roles") != 0)
		return ctl_user_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;

	optind = 0;	/* rescan from argv[1] of the sub-command */
	if (strcmp(cmd, "add") == 0)
		ex = ctl_user_add(s, argc, argv);
	else if (strcmp(cmd, "list") == 0)
		ex = ctl_user_list(s, argc, argv);
	else if (strcmp(cmd, "roles") == 0)
		ex = ctl_user_roles(s, argc, argv);
	else
		ex = ctl_user_simple(s, argc, argv);
	ctl_session_close(st, s);
	return ex;
}

/* -- passwd -------------------------------------------------------------- */

/* The new password: one more line from --password-fd, or asked twice on
 * the terminal.  NULL when the two typed differ. */
static char *
ctl_passwd_new(struct ctl *c)
{
	char *pw, *again;

	pw = ctl_read_password(c->password_fd, _("New password: "));
	if (c->password_fd >= 0)
		return pw;
	again = ctl_read_password(-1, _("Retype the new password: "));
	if (strcmp(pw, again) != 0) {
		mem_free_secret(pw);
		pw = NULL;
	}
	mem_free_secret(again);
	return pw;
}

/* Which rules a refused password must meet. */
static void
ctl_passwd_rules(struct store *st)
{
	struct policy pol;
	char *rules;

	if (policy_get(st, &pol) != STATUS_OK)
		return;
	rules = policy_password_rules(&pol);
	fprintf(stderr, "esealctl: %s\n", rules);
	free(rules);
}

int
ctl_passwd_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	char *old, *new = NULL;
	enum status rc;
	int ex;

	if (c->argc != 1 || c->user == NULL) {
		fputs(_("Usage: esealctl --user NAME [--password-fd N] passwd\n"
		    "With --password-fd, the current password is the first "
		    "line and the new one the second.\n"), stderr);
		return CTL_EXIT_USAGE;
	}
	if ((ex = ctl_store_open(c, 0, &st)) != CTL_EXIT_OK)
		return ex;

	old = ctl_read_password(c->password_fd, _("Password: "));
	rc = session_login(st, c->user, old, NULL, &s);
	if (s != NULL && (new = ctl_passwd_new(c)) == NULL)
		rc = STATUS_INVALID;
	else if (s != NULL)
		rc = session_change_password(s, old, new);
	mem_free_secret(old);
	mem_free_secret(new);
	if (rc == STATUS_PW_WEAK)
		ctl_passwd_rules(st);
	ctl_session_close(st, s);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->user);
	return CTL_EXIT_OK;
}

/* -- dept ---------------------------------------------------------------- */

static int
ctl_dept_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] dept COMMAND\n"
	    "  add NAME [--prefix TEXT] [--station]\n"
	    "  list\n"), stderr);
	return CTL_EXIT_USAGE;
}

static int
ctl_dept_add(struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "prefix", required_argument, NULL, 'p' },
		{ "station", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *prefix = NULL;
	int ch, station = 0;
	enum status rc;
	uint64_t id;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'p')
			prefix = optarg;
		else if (ch == 's')
			station = 1;
		else
			return ctl_dept_usage();
	}
	if (optind + 1 != argc)
		return ctl_dept_usage();
	rc = account_dept_add(s, argv[optind], prefix, station, &id);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[optind]);
	printf("%llu\t%s\n", (unsigned long long) id, argv[optind]);
	return CTL_EXIT_OK;
}

static int
ctl_dept_list(struct session *s)
{
	struct rec_dept *d;
	enum status rc;
	size_t n, i;

	if ((rc = account_dept_list(s, &d, &n)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	/* id, name, number prefix, kind */
	for (i = 0; i < n; i++)
		printf("%llu\t%s\t%s\t%s\n", (unsigned long long) d[i].id,
		    d[i].name, d[i].number_prefix,
		    d[i].is_station ? "station" : "department");
	account_dept_free(d, n);
	return CTL_EXIT_OK;
}

int
ctl_dept_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (argc < 1 || (strcmp(argv[0], "add") != 0 &&
	    !(strcmp(argv[0], "list") == 0 && argc == 1)))
		return ctl_dept_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	optind = 0;
	if (strcmp(argv[0], "add") == 0)
		ex = ctl_dept_add(s, argc, argv);
	else
		ex = ctl_dept_list(s);
	ctl_session_close(st, s);
	return ex;
}
