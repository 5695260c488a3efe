/*
 * ctl.c -- esealctl's option parsing, verb table and dispatch.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"
#include "store/store.h"

const struct ctl_verb ctl_verbs[] = {
	CTL_VERB_LIST
	{ NULL, NULL, NULL, NULL }
};

/* The words after the global options (the verb first), for
 * ctl_getopt's message heading. */
static char **ctl_words;
static int ctl_nwords;

int
ctl_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	char name[128], *was = argv[0];
	size_t len;
	int i, ch;

	/* getopt heads its messages with argv[0], which is the verb or the
	 * sub-command's word: name it in full while getopt looks. */
	snprintf(name, sizeof name, "%s", "esealctl");
	for (i = 0; ctl_words != NULL && i < ctl_nwords &&
	    ctl_words + i <= argv; i++) {
		len = strlen(name);
		snprintf(name + len, sizeof name - len, "%s%s",
		    i == 0 ? ": " : " ", ctl_words[i]);
	}
	argv[0] = name;
	ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	argv[0] = was;
	return ch;
}

static void
ctl_usage(void)
{
	const struct ctl_verb *v;

	printf(_("Usage: %s [OPTION]... COMMAND [ARG]...\n"), "esealctl");
	fputs(_("Administer an eseal workspace: the electronic-seal workstation's\n"
	    "accounts, seals, documents, backups and audit trail.\n\n"), stdout);
	fputs(_("Options:\n"
	    "  -H, --home=DIR         use the workspace in DIR (default\n"
	    "                         $ESEAL_HOME, else $XDG_DATA_HOME/eseal)\n"
	    "  -u, --user=NAME        act as user NAME\n"
	    "      --password-fd=N    read the user's password from file descriptor N\n"
	    "  -v, --verbose          log what is done to standard error\n"
	    "      --help             display this help and exit\n"
	    "      --version          output version information and exit\n\n"),
	    stdout);
	fputs(_("Commands:\n"), stdout);
	for (v = ctl_verbs; v->name != NULL; v++)
		printf("  %-10s %-28s %s\n", v->name, v->args, _(v->help));
	fputs(_("\nExit status:\n"
	    "  0  done            1  failed, or faults found\n"
	    "  2  bad usage       3  not authenticated or not allowed\n"
	    "  4  not found       5  wrong state for the action\n"
	    "  6  file or disk    7  verification failed\n"), stdout);
	printf(_("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
}

static void
ctl_version(void)
{
	printf("esealctl (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("Copyright (C) 2026 the eseal authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

int
ctl_main(int argc, char **argv)
{
	enum { OPT_HELP = 256, OPT_VERSION, OPT_PWFD };
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "user", required_argument, NULL, 'u' },
		{ "password-fd", required_argument, NULL, OPT_PWFD },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	struct ctl c = { NULL, NULL, -1, 0, 0, NULL };
	const struct ctl_verb *v;
	char *home = NULL;
	int ch, rc;

	ctl_words = NULL;	/* no verb yet: messages say "esealctl" */
	/* "+" stops at the verb, so verbs parse their own options. */
	while ((ch = ctl_getopt(argc, argv, "+H:u:v", opts)) != -1) {
		switch (ch) {
		case 'H':
			c.home = optarg;
			break;
		case 'u':
			c.user = optarg;
			break;
		case OPT_PWFD:
			c.password_fd = atoi(optarg);
			break;
		case 'v':
			c.verbose++;
			break;
		case OPT_HELP:
			ctl_usage();
			return ctl_flush_stdout();
		case OPT_VERSION:
			ctl_version();
			return ctl_flush_stdout();
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"),
			    "esealctl");
			return CTL_EXIT_USAGE;
		}
	}

	if (optind >= argc) {
		fprintf(stderr, _("esealctl: no command given\n"));
		fprintf(stderr, _("Try '%s --help' for more information.\n"), "esealctl");
		return CTL_EXIT_USAGE;
	}
	for (v = ctl_verbs; v->name != NULL; v++)
		if (strcmp(v->name, argv[optind]) == 0)
			break;
	if (v->name == NULL) {
		fprintf(stderr, _("esealctl: unknown command '%s'\n"), argv[optind]);
		fprintf(stderr, _("Try '%s --help' for more information.\n"), "esealctl");
		return CTL_EXIT_USAGE;
	}

	if (c.verbose)
		log_open("-", c.verbose > 1 ? LOG_LEVEL_DEBUG : LOG_LEVEL_INFO);
	if (c.home == NULL)
		c.home = home = store_default_home();
	c.argc = argc - optind;
	c.argv = argv + optind;
	ctl_words = c.argv;
	ctl_nwords = c.argc;
	optind = 1;	/* each verb runs getopt over its own arguments */

	rc = v->run(&c);
	free(home);
	if (ctl_flush_stdout() != 0 && rc == 0)
		rc = CTL_EXIT_IO;
	return rc;
}

int
ctl_exit_for(enum status st)
{
	switch (st) {
	case STATUS_OK:
		return CTL_EXIT_OK;
	case STATUS_INVALID:
	case STATUS_REASON_REQUIRED:
	case STATUS_WITNESS_REQUIRED:
	case STATUS_COPIES:
	case STATUS_COPY_NUMBER:
	case STATUS_REPORT_PERIOD:
	case STATUS_UNPRINTABLE:
	case STATUS_CUSTODY_BAD_PERIOD:
	case STATUS_SEAL_REGNO:
		return CTL_EXIT_USAGE;
	case STATUS_DENIED:
	case STATUS_BAD_PASSWORD:
	case STATUS_KEY_PASSWORD:
	case STATUS_LOCKED:
	case STATUS_DISABLED:
	case STATUS_PW_EXPIRED:
	case STATUS_PW_MUST_CHANGE:
	case STATUS_ROLE_CONFLICT:
	case STATUS_CHAIN_LEVEL:
	case STATUS_NOT_ISSUER:
	case STATUS_SELF_APPROVAL:
	case STATUS_SEAL_CUSTODY:
	case STATUS_SEAL_WITH_PROXY:
	case STATUS_SEAL_NO_GRANT:
	case STATUS_SEAL_TWO_PEOPLE:
	case STATUS_CLEARANCE:
	case STATUS_MEDIUM_UNREGISTERED:
	case STATUS_CUSTODY_PROXY_ROLE:
		return CTL_EXIT_DENIED;
	case STATUS_NOT_FOUND:
	case STATUS_NO_WORKSPACE:
		return CTL_EXIT_NOT_FOUND;
	case STATUS_STATE:
	case STATUS_REFUSED_KIND:
	case STATUS_REFUSED_MODE:
	case STATUS_NOT_ISSUED:
	case STATUS_FROZEN:
	case STATUS_RECALL_PENDING:
	case STATUS_SUPERSEDED:
	case STATUS_PRINT_BUSY:
	case STATUS_COPIES_EXCEEDED:
	case STATUS_SEAL_INACTIVE:
	case STATUS_CUSTODY_PERIOD:
	case STATUS_CUSTODY_RETURNED:
	case STATUS_PRINTER_COLOUR:
	case STATUS_PRINTER_CLASSIFIED:
	case STATUS_STATION_CLASSIFIED:
	case STATUS_PRINTER_DISABLED:
	case STATUS_CUSTODY_OPEN:
	case STATUS_CUSTODY_STATE:
	case STATUS_SEAL_CHANGED:
		return CTL_EXIT_STATE;
	case STATUS_IO:
	case STATUS_NO_SPACE:
	case STATUS_READ_ONLY:
	case STATUS_PERM_FS:
	case STATUS_MEDIUM_ABSENT:
	case STATUS_MEDIUM_GONE:
	case STATUS_MEDIUM_MISMATCH:
		return CTL_EXIT_IO;
	case STATUS_BAD_SIGNATURE:
	case STATUS_MANIFEST_MISMATCH:
	case STATUS_CERT_UNTRUSTED:
	case STATUS_CERT_EXPIRED:
	case STATUS_CERT_REVOKED:
	case STATUS_CERT_NO_CRL:
	case STATUS_CERT_USAGE:
	case STATUS_CERT_NOT_IN_SEAL:
	case STATUS_DATA_HASH:
	case STATUS_SEAL_EXPIRED:
	case STATUS_NOT_ORIGINAL:
		return CTL_EXIT_VERIFY;
	default:
		return CTL_EXIT_FAIL;
	}
}

int
ctl_fail(enum status st, const char *what)
{
	if (what != NULL)
		fprintf(stderr, "esealctl: %s: %s\n", what, status_message(st));
	else
		fprintf(stderr, "esealctl: %s\n", status_message(st));
	return ctl_exit_for(st);
}

char *
ctl_read_password(int fd, const char *prompt)
{
	struct termios old, quiet;
	char buf[512];
	size_t n = 0;
	int tty = 0;
	ssize_t r;
	char *pw;

	if (fd < 0) {
		fd = STDIN_FILENO;
		if (isatty(fd) && tcgetattr(fd, &old) == 0) {
			tty = 1;
			quiet = old;
			quiet.c_lflag &= (tcflag_t) ~ECHO;
			tcsetattr(fd, TCSAFLUSH, &quiet);
			fputs(prompt, stderr);
		}
	}

	/* Byte by byte, so nothing past the newline is consumed. */
	while (n + 1 < sizeof buf) {
		r = read(fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';

	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	pw = xstrdup(buf);
	mem_wipe(buf, sizeof buf);
	return pw;
}

int
ctl_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("esealctl: write error: %s\n"), strerror(errno));
		return CTL_EXIT_IO;
	}
	return CTL_EXIT_OK;
}
