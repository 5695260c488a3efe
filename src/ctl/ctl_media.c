/*
 * ctl_media.c -- "esealctl media": the register of removable media that
 * reports may be exported to (Art. 11).
 *
 *   media list                      the media: for the security
 *                                   administrator every registered one and
 *                                   every mounted removable one; for
 *                                   others those offered for an export
 *   media register UUID [--label L] register a medium (security
 *                                   administrator)
 *   media revoke UUID               revoke it
 *
 * list prints one medium per line, tab-separated: UUID, label, state
 * (registered, revoked, unregistered), mount point ("-" when not
 * mounted), size, free space, and "ro" for a read-only one.
 */
#include <config.h>

#include <getopt.h>
#include <string.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_media_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] media COMMAND\n"
	    "  list                        the removable media (registered and\n"
	    "                              mounted; an exporter sees those offered)\n"
	    "  register UUID [--label L]   register a medium by its file-system\n"
	    "                              UUID (security administrator)\n"
	    "  revoke UUID                 revoke a registered medium\n"), stderr);
	return CTL_EXIT_USAGE;
}

static void
ctl_media_print(const struct medium *m)
{
	char size[32], avail[32];
	const char *state = m->id == 0 ? "unregistered" : m->revoked ?
	    "revoked" : "registered";

	printf("%s\t%s\t%s\t%s\t%s\t%s%s\n", m->uuid[0] != '\0' ? m->uuid :
	    "-", m->label[0] != '\0' ? m->label : "-", state,
	    m->mounted ? m->info.mountpoint : "-",
	    m->mounted ? media_size_text(m->info.size, size, sizeof size) : "-",
	    m->mounted ? media_size_text(m->info.avail, avail, sizeof avail) :
	    "-", m->mounted && m->info.read_only ? "\tro" : "");
}

static int
ctl_media_list(struct session *s)
{
	struct medium *v;
	enum status rc;
	size_t n, i;

	/* The security administrator sees the whole register; anyone who
	 * may export sees what is offered. */
	rc = medium_list(s, &v, &n);
	if (rc == STATUS_DENIED)
		rc = medium_offered(s, &v, &n);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	for (i = 0; i < n; i++)
		ctl_media_print(&v[i]);
	medium_list_free(v, n);
	return CTL_EXIT_OK;
}

static int
ctl_media_change(struct session *s, int argc, char **argv, int revoke)
{
	static const struct option opts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *label = NULL;
	enum status rc;
	int ch;

	optind = 0;	/* rescan from argv[1] of the sub-command */
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch != 'l' || revoke)
			return ctl_media_usage();
		label = optarg;
	}
	if (optind + 1 != argc)
		return ctl_media_usage();
	rc = revoke ? medium_revoke(s, argv[optind]) :
	    medium_register(s, argv[optind], label);
	if (rc == STATUS_INVALID)
		fprintf(stderr, _("esealctl: '%s' is not a file-system UUID; "
		    "'media list' shows the UUID of each inserted medium\n"),
		    argv[optind]);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, argv[optind]);
}

int
ctl_media_run(struct ctl *c)
{
	struct store *st;
	struct session *s;
	const char *cmd;
	int ex;

	if (c->argc < 2)
		return ctl_media_usage();
	cmd = c->argv[1];
	if (strcmp(cmd, "list") != 0 && strcmp(cmd, "register") != 0 &&
	    strcmp(cmd, "revoke") != 0)
		return ctl_media_usage();
	if (strcmp(cmd, "list") == 0 && c->argc != 2)
		return ctl_media_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != 0)
		return ex;
	if (strcmp(cmd, "list") == 0)
		ex = ctl_media_list(s);
	else
		ex = ctl_media_change(s, c->argc - 1, c->argv + 1,
		    strcmp(cmd, "revoke") == 0);
	ctl_session_close(st, s);
	return ex == CTL_EXIT_OK ? ctl_flush_stdout() : ex;
}
