/*
 * ctl_printer.c -- "esealctl printer": the printer register, kept by the
 * system administrator (Art. 13, Flow 2).
 *
 *   printer add NAME (--folder DIR | --cups QUEUE) [--colour]
 *               [--classified] [--location TEXT]
 *   printer list | show NAME
 *   printer disable NAME | enable NAME | remove NAME
 *
 * A folder is made absolute here, so that the register never depends on
 * the directory esealctl happened to run in.  Like every verb this one
 * only parses and prints; the core checks who may and what is valid.
 */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_printer_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] printer CMD\n"
	    "  add NAME (--folder DIR | --cups QUEUE) [--colour]\n"
	    "      [--classified] [--location TEXT]\n"
	    "  list | show NAME\n"
	    "  disable NAME | enable NAME | remove NAME\n"
	    "A folder printer writes each copy as a PDF file into DIR; a\n"
	    "CUPS printer sends it to the CUPS queue QUEUE.  Sealed documents\n"
	    "print only on colour printers (Flow 2), classified documents\n"
	    "only on classified printers (Art. 13).  A printer named in the\n"
	    "print log can be disabled but not removed.\n"), stderr);
	return CTL_EXIT_USAGE;
}

/* DIR as an absolute path (a new string). */
static char *
ctl_printer_folder(const char *dir)
{
	char cwd[PATH_MAX];

	if (dir[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return xstrdup(dir);
	return xasprintf("%s/%s", cwd, dir);
}

static int
ctl_printer_add(struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "folder", required_argument, NULL, 'f' },
		{ "cups", required_argument, NULL, 'q' },
		{ "colour", no_argument, NULL, 'c' },
		{ "color", no_argument, NULL, 'c' },
		{ "classified", no_argument, NULL, 'k' },
		{ "location", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const char *folder = NULL, *queue = NULL;
	struct printer_spec spec;
	char *where;
	enum status rc;
	uint64_t id;
	int ch;

	memset(&spec, 0, sizeof spec);
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'f')
			folder = optarg;
		else if (ch == 'q')
			queue = optarg;
		else if (ch == 'c')
			spec.colour = 1;
		else if (ch == 'k')
			spec.classified = 1;
		else if (ch == 'l')
			spec.location = optarg;
		else
			return ctl_printer_usage();
	}
	if (optind + 1 != argc || (folder == NULL) == (queue == NULL))
		return ctl_printer_usage();

	spec.name = argv[optind];
	spec.kind = folder != NULL ? PRINTER_FOLDER : PRINTER_CUPS;
	where = folder != NULL ? ctl_printer_folder(folder) : xstrdup(queue);
	spec.queue = where;
	rc = printer_add(s, &spec, &id);
	free(where);
	if (rc != STATUS_OK)
		return ctl_fail(rc, spec.name);
	printf("%llu\t%s\n", (unsigned long long) id, spec.name);
	return CTL_EXIT_OK;
}

static void
ctl_printer_line(const struct rec_printer *p)
{
	/* name, kind, queue or folder, colour, classified, state, location */
	printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p->name,
	    printer_kind_name((enum printer_kind) p->kind), p->queue,
	    p->colour ? "colour" : "mono",
	    p->classified ? "classified" : "unclassified",
	    p->disabled ? "disabled" : "enabled", p->location);
}

static int
ctl_printer_list(struct session *s)
{
	struct rec_printer *p;
	enum status rc;
	size_t n, i;

	if ((rc = printer_list(s, &p, &n)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	for (i = 0; i < n; i++)
		ctl_printer_line(&p[i]);
	printer_list_free(p, n);
	return CTL_EXIT_OK;
}

static int
ctl_printer_show(struct session *s, const char *name)
{
	struct rec_printer p;
	enum status rc;

	if ((rc = printer_get(s, name, &p)) == STATUS_OK)
		printf("name: %s\nkind: %s\n%s: %s\ncolour: %s\n"
		    "classified: %s\nstate: %s\nlocation: %s\n", p.name,
		    printer_kind_name((enum printer_kind) p.kind),
		    p.kind == PRINTER_CUPS ? "queue" : "folder", p.queue,
		    p.colour ? "yes" : "no", p.classified ? "yes" : "no",
		    p.disabled ? "disabled" : "enabled",
		    p.location != NULL ? p.location : "");
	rec_free(REC_PRINTER, &p);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, name);
}

/* disable, enable, remove, show: one NAME each. */
static int
ctl_printer_one(struct session *s, const char *cmd, const char *name)
{
	enum status rc;

	if (strcmp(cmd, "show") == 0)
		return ctl_printer_show(s, name);
	if (strcmp(cmd, "remove") == 0)
		rc = printer_remove(s, name);
	else
		rc = printer_set_disabled(s, name, strcmp(cmd, "disable") == 0);
	if (rc != STATUS_OK)
		return ctl_fail(rc, name);
	printf("%s\t%s\n", name, strcmp(cmd, "remove") == 0 ? "removed" :
	    strcmp(cmd, "disable") == 0 ? "disabled" : "enabled");
	return CTL_EXIT_OK;
}

static int
ctl_printer_known(int argc, char **argv)
{
	static const char *const one[] = { "show", "disable", "enable",
	    "remove" };
	size_t i;

	if (argc < 1)
		return 0;
	if (strcmp(argv[0], "add") == 0)
		return 1;
	if (strcmp(argv[0], "list") == 0)
		return argc == 1;
	for (i = 0; i < sizeof one / sizeof one[0]; i++)
		if (strcmp(argv[0], one[i]) == 0)
			return argc == 2;
	return 0;
}

int
ctl_printer_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (!ctl_printer_known(argc, argv))
		return ctl_printer_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	optind = 0;
	if (strcmp(argv[0], "add") == 0)
		ex = ctl_printer_add(s, argc, argv);
	else if (strcmp(argv[0], "list") == 0)
		ex = ctl_printer_list(s);
	else
		ex = ctl_printer_one(s, argv[0], argv[1]);
	ctl_session_close(st, s);
	return ex;
}
