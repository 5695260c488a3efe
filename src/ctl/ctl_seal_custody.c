/*
 * ctl_seal_custody.c -- "esealctl seal custody" and "seal grant": proxy
 * custody (Art. 6) and grants from the command line.
 *
 * A handover or a return is made by the custodian (--user) with the
 * proxy beside them: with --password-fd the lines are the custodian's
 * login password, the proxy's login password, then for a handover the
 * custodian's key password and the proxy's new key password.  A day
 * alone given to --until lasts to its end, as on the screen and for a
 * standalone seal (standalone_time_parse).
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_seal.h"

struct ctl_seal_opts {
	const char	*proxy;
	const char	*to;
	const char	*reason;
	int64_t		 from;
	int64_t		 until;
	uint32_t	 uses;
	int		 bad;
};

/* The options the custody and grant commands share. */
static int
ctl_seal_opts(int argc, char **argv, struct ctl_seal_opts *o)
{
	static const struct option opts[] = {
		{ "proxy", required_argument, NULL, 'p' },
		{ "to", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ "uses", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	optind = 0;	/* a fresh scan of this sub-command's arguments */
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'p')
			o->proxy = optarg;
		else if (ch == 't')
			o->to = optarg;
		else if (ch == 'r')
			o->reason = optarg;
		else if (ch == 'f')
			o->bad |= ctl_seal_time(optarg, &o->from);
		else if (ch == 'u')
			o->bad |= standalone_time_parse(optarg, 1,
			    &o->until) != STATUS_OK;
		else if (ch == 'n')
			o->uses = (uint32_t) strtoul(optarg, NULL, 10);
		else
			o->bad = 1;
	}
	return o->bad || optind + 1 != argc ? -1 : optind;
}

/* An id argument; 0 when it is not a number. */
static uint64_t
ctl_seal_id(const char *text)
{
	char *end;
	unsigned long long v = strtoull(text, &end, 10);

	return *end == '\0' ? (uint64_t) v : 0;
}

/* Print "NOUN: ID VERB" after success, or the failure for WHAT. */
static int
ctl_seal_done(enum status rc, const char *what, const char *noun,
    uint64_t id, const char *verb)
{
	if (rc != STATUS_OK)
		return ctl_fail(rc, what);
	printf("%s: %llu %s\n", noun, (unsigned long long) id, verb);
	return CTL_EXIT_OK;
}

/* -- custody --------------------------------------------------------------- */

/* handover and return: the proxy logs in beside the custodian. */
static int
ctl_seal_pair(struct ctl *c, struct store *st, struct session *s,
    const char *cmd, uint64_t id, const char *proxy_name)
{
	struct session *proxy = NULL;
	char *kp = NULL, *pp = NULL;
	enum status rc;
	int ex;

	if ((ex = ctl_seal_login(c, st, proxy_name, _("Proxy's password: "),
	    &proxy)) != CTL_EXIT_OK)
		return ex;
	if (strcmp(cmd, "return") == 0) {
		rc = custody_return(s, proxy, id);
	} else {
		kp = ctl_seal_key_password(c,
		    _("Custodian's key password: "), 0);
		pp = ctl_seal_key_password(c,
		    _("Proxy's new key password: "), 1);
		rc = pp == NULL ? STATUS_INVALID :
		    custody_handover(s, proxy, id, kp, pp);
	}
	mem_free_secret(kp);
	mem_free_secret(pp);
	session_logout(proxy);
	return ctl_seal_done(rc, proxy_name, "custody", id,
	    strcmp(cmd, "return") == 0 ? "returned" : "handed over");
}

/* A seal's custody records, or (REGNO NULL) every pending request. */
static int
ctl_seal_custody_list(struct session *s, const char *regno)
{
	struct rec_custody *l;
	char t1[32], t2[32];
	enum status rc;
	size_t n, i;

	rc = regno != NULL ? custody_list(s, regno, &l, &n) :
	    custody_pending(s, &l, &n);
	if (rc != STATUS_OK)
		return ctl_fail(rc, regno);
	/* id, kind, state, from, to, approved by, period, handover,
	 * returned (user ids; times UTC) */
	for (i = 0; i < n; i++) {
		printf("%llu\t%s\t%s\t%llu\t%llu\t%llu\t%s\t%s", (unsigned long
		    long) l[i].id, l[i].kind == CUSTODY_PROXY ? "proxy" :
		    "assign", custody_state_name(l[i].state),
		    (unsigned long long) l[i].from_user,
		    (unsigned long long) l[i].to_user,
		    (unsigned long long) l[i].approved_by,
		    ses_time_text(l[i].period_from, t1, sizeof t1),
		    ses_time_text(l[i].period_to, t2, sizeof t2));
		printf("\t%s", l[i].handover_to_at ? ses_time_text(
		    l[i].handover_to_at, t1, sizeof t1) : "-");
		printf("\t%s\n", l[i].returned_at ? ses_time_text(
		    l[i].returned_at, t1, sizeof t1) : "-");
	}
	custody_list_free(l, n);
	return CTL_EXIT_OK;
}

int
ctl_seal_custody(struct ctl *c, struct store *st, struct session *s,
    int argc, char **argv)
{
	struct ctl_seal_opts o;
	const char *cmd, *arg;
	enum status rc;
	uint64_t id = 0;
	int at;

	if (argc == 1 && strcmp(argv[0], "pending") == 0)
		return ctl_seal_custody_list(s, NULL);
	if (argc < 2 || (at = ctl_seal_opts(argc, argv, &o)) < 0)
		return ctl_seal_usage();
	cmd = argv[0];
	arg = argv[at];
	if (strcmp(cmd, "list") == 0)
		return ctl_seal_custody_list(s, arg);
	if (strcmp(cmd, "request") == 0) {
		if (o.proxy == NULL || o.from == 0 || o.until == 0)
			return ctl_seal_usage();
		rc = custody_request(s, arg, o.proxy, o.from, o.until,
		    o.reason, &id);
		return ctl_seal_done(rc, arg, "custody", id, "requested");
	}
	if ((id = ctl_seal_id(arg)) == 0)
		return ctl_seal_usage();
	if (strcmp(cmd, "approve") == 0 || strcmp(cmd, "deny") == 0)
		return ctl_seal_done(custody_decide(s, id, cmd[0] == 'a',
		    o.reason), arg, "custody", id, cmd[0] == 'a' ? "approved" :
		    "denied");
	if ((strcmp(cmd, "handover") == 0 || strcmp(cmd, "return") == 0) &&
	    o.proxy != NULL)
		return ctl_seal_pair(c, st, s, cmd, id, o.proxy);
	return ctl_seal_usage();
}

/* -- grant ----------------------------------------------------------------- */

static int
ctl_seal_grant_list(struct session *s, const char *regno)
{
	struct rec_grant *g;
	char t1[32], t2[32];
	enum status rc;
	size_t n, i;

	if ((rc = grant_list(s, regno, &g, &n)) != STATUS_OK)
		return ctl_fail(rc, regno);
	/* id, user id, from, to, uses, most uses (0: no limit) */
	for (i = 0; i < n; i++)
		printf("%llu\t%llu\t%s\t%s\t%u\t%u\n",
		    (unsigned long long) g[i].id,
		    (unsigned long long) g[i].user_id,
		    ses_time_text(g[i].period_from, t1, sizeof t1),
		    ses_time_text(g[i].period_to, t2, sizeof t2),
		    (unsigned) g[i].uses, (unsigned) g[i].max_uses);
	free(g);
	return CTL_EXIT_OK;
}

int
ctl_seal_grant(struct session *s, int argc, char **argv)
{
	struct ctl_seal_opts o;
	const char *cmd, *arg;
	enum status rc;
	uint64_t id = 0;
	int at;

	if (argc < 2 || (at = ctl_seal_opts(argc, argv, &o)) < 0)
		return ctl_seal_usage();
	cmd = argv[0];
	arg = argv[at];
	if (strcmp(cmd, "list") == 0)
		return ctl_seal_grant_list(s, arg);
	if (strcmp(cmd, "add") == 0 && o.to != NULL && o.from != 0 &&
	    o.until != 0) {
		rc = grant_add(s, arg, o.to, o.from, o.until, o.uses, &id);
		return ctl_seal_done(rc, arg, "grant", id, "granted");
	}
	if (strcmp(cmd, "end") == 0 && (id = ctl_seal_id(arg)) != 0)
		return ctl_seal_done(grant_end(s, id, o.reason), arg, "grant",
		    id, "ended");
	return ctl_seal_usage();
}
