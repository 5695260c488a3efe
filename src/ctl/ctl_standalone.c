/*
 * ctl_standalone.c -- "esealctl standalone": standalone seals for the
 * work stations (Art. 14) from the command line: apply, approve or deny,
 * issue to a registered medium, take back from it, and list.
 *
 * "issue" prints the one-time secret once, on its own line, for the
 * clerk to hand to the designated person; it is kept nowhere.  With
 * --password-fd the lines are the clerk's login password, then the key
 * password.  Like every verb, this only parses and prints.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_seal.h"
#include "ctl/verbs.h"

struct ctl_sa_opts {
	struct standalone_spec	 spec;
	const char		*reason;
	const char		*medium;
	int			 bad;
};

static int
ctl_standalone_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] standalone "
	    "COMMAND\n"
	    "  apply REGNO --person LOGIN --station NAME --purpose TEXT\n"
	    "      --from DATE --until DATE --uses N\n"
	    "  approve ID | deny ID --reason TEXT\n"
	    "  issue ID --medium UUID     (asks for the key password; prints "
	    "the one-time secret)\n"
	    "  return ID --medium UUID\n"
	    "  list | pending | overdue\n"
	    "DATE is YYYY-MM-DD or \"YYYY-MM-DD HH:MM\" (local time); the "
	    "period includes\nboth ends, and an --until date alone means the "
	    "end of that day.\n"),
	    stderr);
	return CTL_EXIT_USAGE;
}

static int
ctl_standalone_opts(int argc, char **argv, struct ctl_sa_opts *o)
{
	static const struct option opts[] = {
		{ "person", required_argument, NULL, 'p' },
		{ "station", required_argument, NULL, 's' },
		{ "purpose", required_argument, NULL, 'P' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ "uses", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' },
		{ "medium", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	optind = 0;
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'p')
			o->spec.person = optarg;
		else if (ch == 's')
			o->spec.station = optarg;
		else if (ch == 'P')
			o->spec.purpose = optarg;
		else if (ch == 'f')
			o->bad |= standalone_time_parse(optarg, 0,
			    &o->spec.from) != STATUS_OK;
		else if (ch == 'u')
			o->bad |= standalone_time_parse(optarg, 1,
			    &o->spec.to) != STATUS_OK;
		else if (ch == 'n')
			o->spec.uses = (uint32_t) strtoul(optarg, NULL, 10);
		else if (ch == 'r')
			o->reason = optarg;
		else if (ch == 'm')
			o->medium = optarg;
		else
			o->bad = 1;
	}
	return o->bad || optind + 1 != argc ? -1 : optind;
}

/* The standalone statuses' exit codes: refused by the state of things
 * (5), or altered (7, as a signature that does not verify). */
static int
ctl_standalone_fail(enum status rc, const char *what)
{
	int ex = ctl_fail(rc, what);

	switch (rc) {
	case STATUS_SA_PERIOD:
	case STATUS_SA_PERIOD_SEAL:
	case STATUS_SA_USES:
	case STATUS_SA_PERSON_STATION:
		return CTL_EXIT_USAGE;	/* what was asked for, as before */
	case STATUS_SA_APPROVALS:
	case STATUS_SA_EXPIRED:
	case STATUS_SA_NO_PACKAGE:
		return CTL_EXIT_STATE;
	case STATUS_SA_PACKAGE_TAMPERED:
	case STATUS_SA_LOG_EDITED:
	case STATUS_SA_LOG_REMOVED:
	case STATUS_SA_LOG_REORDERED:
	case STATUS_SA_LOG_TRUNCATED:
	case STATUS_SA_LOG_OLDER:
	case STATUS_SA_LOG_NO_HEAD:
		return CTL_EXIT_VERIFY;
	default:
		return ex;
	}
}

static int
ctl_standalone_list(struct session *s, int pending)
{
	struct rec_application *v;
	char t1[32], t2[32];
	enum status rc;
	size_t n, i;

	rc = pending ? standalone_pending(s, &v, &n) :
	    standalone_list(s, &v, &n);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	/* id, seal id, person id, station id, state, from, to, uses
	 * allowed, uses made (user and department ids; times UTC) */
	for (i = 0; i < n; i++)
		printf("%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
		    "\t%s\t%s\t%s\t%" PRIu32 "\t%" PRIu32 "\n", v[i].id,
		    v[i].seal_id, v[i].subject_id, v[i].station_id,
		    standalone_state_name(&v[i], clock_now()),
		    ses_time_text(v[i].period_from, t1, sizeof t1),
		    ses_time_text(v[i].period_to, t2, sizeof t2),
		    v[i].count, v[i].uses);
	standalone_list_free(v, n);
	return CTL_EXIT_OK;
}

static int
ctl_standalone_issue(struct ctl *c, struct session *s, uint64_t id,
    const char *medium)
{
	char *kp, *secret = NULL;
	enum status rc;

	kp = ctl_seal_key_password(c, _("Key password: "), 0);
	rc = standalone_issue(s, id, kp, medium, &secret);
	mem_free_secret(kp);
	if (rc != STATUS_OK)
		return ctl_standalone_fail(rc, medium);
	printf("standalone: %" PRIu64 " issued\n", id);
	printf("secret: %s\n", secret);
	crypto_secure_free(secret);
	return CTL_EXIT_OK;
}

static int
ctl_standalone_return(struct session *s, uint64_t id, const char *medium)
{
	struct standalone_return_info info;
	enum status rc;

	rc = standalone_return(s, id, medium, &info);
	if (rc != STATUS_OK && info.tampered == STATUS_OK)
		return ctl_standalone_fail(rc, medium);
	printf("standalone: %" PRIu64 " returned, %" PRIu32 " uses\n", id,
	    info.uses);
	if (info.tampered != STATUS_OK) {
		printf("tampered: %s (entry %" PRIu32 ")\n",
		    status_name(info.tampered), info.at);
		return ctl_standalone_fail(info.tampered, medium);
	}
	return CTL_EXIT_OK;
}

static int
ctl_standalone_cmd(struct ctl *c, struct store *st, struct session *s,
    int argc, char **argv)
{
	const char *cmd = argv[0], *arg;
	struct ctl_sa_opts o;
	uint64_t id = 0;
	uint32_t late = 0;
	enum status rc;
	int at;

	if (argc == 1 && strcmp(cmd, "overdue") == 0) {
		if ((rc = standalone_overdue(st, &late)) != STATUS_OK)
			return ctl_fail(rc, NULL);
		printf("overdue: %" PRIu32 "\n", late);
		return CTL_EXIT_OK;
	}
	if (argc == 1 && (strcmp(cmd, "list") == 0 ||
	    strcmp(cmd, "pending") == 0))
		return ctl_standalone_list(s, cmd[0] == 'p');
	if ((at = ctl_standalone_opts(argc, argv, &o)) < 0)
		return ctl_standalone_usage();
	arg = argv[at];
	if (strcmp(cmd, "apply") == 0) {
		o.spec.regno = arg;
		if ((rc = standalone_apply(s, &o.spec, &id)) != STATUS_OK)
			return ctl_standalone_fail(rc, arg);
		printf("standalone: %" PRIu64 " applied\n", id);
		return CTL_EXIT_OK;
	}
	if ((id = strtoull(arg, NULL, 10)) == 0)
		return ctl_standalone_usage();
	if (strcmp(cmd, "approve") == 0 || strcmp(cmd, "deny") == 0) {
		rc = standalone_decide(s, id, cmd[0] == 'a', o.reason);
		if (rc != STATUS_OK)
			return ctl_standalone_fail(rc, arg);
		printf("standalone: %" PRIu64 " %s\n", id, cmd[0] == 'a' ?
		    "approved" : "denied");
		return CTL_EXIT_OK;
	}
	if (strcmp(cmd, "issue") == 0 && o.medium != NULL)
		return ctl_standalone_issue(c, s, id, o.medium);
	if (strcmp(cmd, "return") == 0 && o.medium != NULL)
		return ctl_standalone_return(s, id, o.medium);
	return ctl_standalone_usage();
}

int
ctl_standalone_run(struct ctl *c)
{
	struct store *st = NULL;
	struct session *s = NULL;
	int ex;

	if (c->argc < 2)
		return ctl_standalone_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	ex = ctl_standalone_cmd(c, st, s, c->argc - 1, c->argv + 1);
	ctl_session_close(st, s);
	return ex;
}
