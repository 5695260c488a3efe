/*
 * ctl_report.c -- "esealctl report": the summary of sealing and printing
 * and the registers (Art. 11) on the command line, their export to a
 * registered removable medium, and checking an export.
 *
 *   report summary   [PERIOD] [--format F] [--bom] [--output FILE]
 *   report registers [PERIOD] [--only LIST] [--format F] [--bom] [--output FILE]
 *   report accounts  [--format F] [--bom] [--output FILE]
 *   report export --medium UUID [summary|registers|accounts]... [PERIOD] [--bom]
 *   report verify MANIFEST [--root CERT]
 *
 * PERIOD: --month YYYY-MM, --quarter YYYY-Qn, --year YYYY, --from DATE
 * --to DATE, or --period TEXT (report_period_parse); the default is the
 * month before this one.  F: text, csv, csv-gb18030, pdf.
 *
 * Every report runs as the --user through the core, which checks the
 * role and audits it; verify needs no login.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"
#include "render/render.h"

enum ctl_report_format { CTL_TEXT, CTL_CSV, CTL_CSV_GB, CTL_PDF };

/* What the options said. */
struct ctl_report_opts {
	struct report_period	 period;
	const char		*from, *to;
	enum ctl_report_format	 format;
	int			 bom;
	unsigned		 only;		/* REGISTER_* bits, 0: all */
	const char		*output;
	const char		*medium;
	const char		*root;
	int			 bad;
};

static int
ctl_report_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] report COMMAND\n"
	    "  summary   [PERIOD] [--format F] [--bom] [--output FILE]\n"
	    "            the summary of sealing and printing (Art. 11)\n"
	    "  registers [PERIOD] [--only LIST] [--format F] [--bom] [--output FILE]\n"
	    "            seals, custody, standalone, recalls, rejects\n"
	    "  accounts  [--format F] [--bom] [--output FILE]\n"
	    "            accounts, password age and locks (security administrator)\n"
	    "  export --medium UUID [summary|registers|accounts]... [PERIOD] [--bom]\n"
	    "            write text, CSV, GB18030 CSV, PDF and a signed MANIFEST\n"
	    "            to a registered medium (default: summary and registers)\n"
	    "  verify MANIFEST [--root CERT]\n"
	    "            check an export against the office's root certificate\n"
	    "PERIOD: --month YYYY-MM | --quarter YYYY-Qn | --year YYYY |\n"
	    "        --from YYYY-MM-DD --to YYYY-MM-DD | --period TEXT\n"
	    "        (default: last month)\n"
	    "F: text (default), csv, csv-gb18030, pdf\n"), stderr);
	return CTL_EXIT_USAGE;
}

/* The month before this one: what the office archives each month. */
static void
ctl_report_last_month(struct report_period *p)
{
	char text[16];
	time_t now = (time_t) clock_now();
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mday = 1;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	mktime(&tm);
	strftime(text, sizeof text, "%Y-%m", &tm);
	(void) report_period_parse(text, p);
}

static int
ctl_report_format(const char *s, enum ctl_report_format *f)
{
	static const char *const names[] = { "text", "csv", "csv-gb18030",
		"pdf" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum ctl_report_format) i;
			return 0;
		}
	return -1;
}

/* "seals,recalls" into REGISTER_* bits. */
static int
ctl_report_only(const char *list, unsigned *bits)
{
	static const char *const names[] = { "seals", "custody",
		"standalone", "recalls", "rejects" };
	char *copy = xstrdup(list), *tok, *save = NULL;
	unsigned i;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < 5 && strcmp(tok, names[i]) != 0; i++)
			continue;
		if (i == 5)
			rc = -1;
		else
			*bits |= 1u << i;
	}
	free(copy);
	return rc;
}

static void
ctl_report_opt(int ch, const char *arg, struct ctl_report_opts *o)
{
	switch (ch) {
	case 'm': case 'q': case 'y': case 'p':
		o->bad |= report_period_parse(arg, &o->period) != STATUS_OK;
		break;
	case 'f':
		o->from = arg;
		break;
	case 't':
		o->to = arg;
		break;
	case 'F':
		o->bad |= ctl_report_format(arg, &o->format) != 0;
		break;
	case 'b':
		o->bom = 1;
		break;
	case 'O':
		o->bad |= ctl_report_only(arg, &o->only) != 0;
		break;
	case 'o':
		o->output = arg;
		break;
	case 'M':
		o->medium = arg;
		break;
	case 'r':
		o->root = arg;
		break;
	default:
		o->bad = 1;
	}
}

/* Parse the sub-command's options; non-zero on a usage error. */
static int
ctl_report_opts(int argc, char **argv, struct ctl_report_opts *o)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "year", required_argument, NULL, 'y' },
		{ "period", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "bom", no_argument, NULL, 'b' },
		{ "only", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "medium", required_argument, NULL, 'M' },
		{ "root", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof *o);
	ctl_report_last_month(&o->period);
	optind = 0;	/* rescan from argv[1] of the sub-command */
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1)
		ctl_report_opt(ch, optarg, o);
	if ((o->from != NULL) != (o->to != NULL))
		o->bad = 1;
	else if (o->from != NULL)
		o->bad |= report_period_days(o->from, o->to, &o->period) !=
		    STATUS_OK;
	return o->bad;
}

/* -- Showing a report ------------------------------------------------------ */

static enum status
ctl_report_bytes(const struct report *r, const struct ctl_report_opts *o,
    struct buf *out)
{
	switch (o->format) {
	case CTL_CSV:
		return report_csv(r, o->bom ? REPORT_CSV_UTF8_BOM :
		    REPORT_CSV_UTF8, out);
	case CTL_CSV_GB:
		return report_csv(r, REPORT_CSV_GB18030, out);
	case CTL_PDF:
		return report_pdf(r, out);
	default:
		report_text(r, out);
		return STATUS_OK;
	}
}

static int
ctl_report_emit(const struct report *r, const struct ctl_report_opts *o)
{
	enum status rc;
	struct buf b;

	buf_init(&b);
	rc = ctl_report_bytes(r, o, &b);
	if (rc == STATUS_OK && o->output != NULL)
		rc = render_save(b.data, b.len, o->output);
	else if (rc == STATUS_OK)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, o->output);
}

/* Produce the report named KIND ("summary", "registers", "accounts"). */
static enum status
ctl_report_make(struct session *s, const char *kind,
    const struct ctl_report_opts *o, struct report *r)
{
	memset(r, 0, sizeof *r);
	if (strcmp(kind, "summary") == 0)
		return report_summary(s, &o->period, r);
	if (strcmp(kind, "registers") == 0)
		return report_registers(s, &o->period, o->only != 0 ? o->only :
		    REGISTER_ALL, r);
	if (strcmp(kind, "accounts") == 0)
		return report_accounts(s, r);
	return STATUS_INVALID;
}

static int
ctl_report_show(struct session *s, const char *kind,
    const struct ctl_report_opts *o)
{
	struct report r;
	enum status rc;
	int ex;

	rc = ctl_report_make(s, kind, o, &r);
	ex = rc == STATUS_OK ? ctl_report_emit(&r, o) : ctl_fail(rc, NULL);
	report_free(&r);
	return ex;
}

/* -- Exporting ------------------------------------------------------------- */

/* Add report R's four forms to B. */
static enum status
ctl_report_add(struct export_bundle *b, const struct report *r, int bom)
{
	struct buf pdf;
	enum status rc;
	char *name;

	if ((rc = export_bundle_forms(b, r, bom)) != STATUS_OK)
		return rc;
	buf_init(&pdf);
	if ((rc = report_pdf(r, &pdf)) == STATUS_OK) {
		name = xasprintf("%s.pdf", report_kind_name(r->kind));
		export_bundle_add(b, name, pdf.data, pdf.len);
		free(name);
	}
	buf_free(&pdf);
	return rc;
}

static enum status
ctl_report_bundle(struct session *s, int argc, char **argv,
    const struct ctl_report_opts *o, struct export_bundle *b)
{
	static const char *const dflt[] = { "summary", "registers" };
	const char *const *kinds = dflt;
	enum status rc = STATUS_OK;
	struct report r;
	int i, n = 2;

	if (optind < argc) {
		kinds = (const char *const *) &argv[optind];
		n = argc - optind;
	}
	for (i = 0; i < n && rc == STATUS_OK; i++) {
		if ((rc = ctl_report_make(s, kinds[i], o, &r)) == STATUS_OK) {
			if (i == 0)
				export_bundle_init(b, &r);
			rc = ctl_report_add(b, &r, o->bom);
		}
		report_free(&r);
	}
	return rc;
}

static int
ctl_report_export(struct session *s, int argc, char **argv,
    const struct ctl_report_opts *o)
{
	struct export_bundle b;
	struct export_result res;
	enum status rc;
	char size[32];
	int ex;

	if (o->medium == NULL)
		return ctl_report_usage();
	memset(&b, 0, sizeof b);
	rc = ctl_report_bundle(s, argc, argv, o, &b);
	if (rc == STATUS_INVALID) {
		export_bundle_free(&b);
		return ctl_report_usage();
	}
	if (rc == STATUS_OK)
		rc = export_write(s, o->medium, &b, &res);
	if (rc == STATUS_OK) {
		printf("exported: %s\nmedium: %s %s\nfiles: %zu\nsize: %s\n",
		    res.dir, res.uuid, res.label, res.nfiles,
		    media_size_text(res.bytes, size, sizeof size));
		export_result_free(&res);
		ex = CTL_EXIT_OK;
	} else {
		ex = ctl_fail(rc, o->medium);
		if (rc == STATUS_NO_SPACE || rc == STATUS_READ_ONLY ||
		    rc == STATUS_MEDIUM_GONE || rc == STATUS_MEDIUM_MISMATCH)
			fputs(_("esealctl: no export was left on the medium "
			    "that looks complete; the export can be run "
			    "again\n"), stderr);
	}
	export_bundle_free(&b);
	return ex;
}

/* -- Verifying ------------------------------------------------------------- */

static void
ctl_report_line(const char *line, void *arg)
{
	(void) arg;
	printf("%s\n", line);
}

/* The root certificate in the file PATH (DER or PEM) into *DER; none
 * when PATH is NULL (the workspace's office root is used). */
static int
ctl_report_root(const char *path, unsigned char **der, size_t *n)
{
	char chunk[4096];
	struct buf b;
	size_t got;
	FILE *f;

	*der = NULL;
	*n = 0;
	if (path == NULL)
		return 0;
	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	fclose(f);
	*der = b.data;
	*n = b.len;
	return 0;
}

static int
ctl_report_verify(struct ctl *c, int argc, char **argv,
    const struct ctl_report_opts *o)
{
	struct store *st = NULL;
	unsigned char *root = NULL;
	size_t root_len = 0;
	enum status rc;
	int ex;

	if (optind + 1 != argc)
		return ctl_report_usage();
	if (ctl_report_root(o->root, &root, &root_len) != 0)
		return ctl_fail(STATUS_NOT_FOUND, o->root);
	if (root == NULL && (ex = ctl_store_open(c, STORE_RDONLY, &st)) != 0)
		return ex;
	rc = export_verify(st, argv[optind], root, root_len, ctl_report_line,
	    NULL);
	free(root);
	if (st != NULL)
		store_close(st);
	if (rc == STATUS_OK) {
		printf("%s\n", _("the export is intact and signed by the "
		    "office"));
		return CTL_EXIT_OK;
	}
	return ctl_fail(rc, argv[optind]);
}

int
ctl_report_run(struct ctl *c)
{
	struct ctl_report_opts o;
	struct store *st;
	struct session *s;
	const char *cmd;
	int ex;

	if (c->argc < 2)
		return ctl_report_usage();
	cmd = c->argv[1];
	if (ctl_report_opts(c->argc - 1, c->argv + 1, &o) != 0)
		return ctl_report_usage();
	if (strcmp(cmd, "verify") == 0)
		return ctl_report_verify(c, c->argc - 1, c->argv + 1, &o);
	if (strcmp(cmd, "summary") != 0 && strcmp(cmd, "registers") != 0 &&
	    strcmp(cmd, "accounts") != 0 && strcmp(cmd, "export") != 0)
		return ctl_report_usage();
	if (strcmp(cmd, "export") != 0 && optind != c->argc - 1)
		return ctl_report_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != 0)
		return ex;
	if (strcmp(cmd, "export") == 0)
		ex = ctl_report_export(s, c->argc - 1, c->argv + 1, &o);
	else
		ex = ctl_report_show(s, cmd, &o);
	ctl_session_close(st, s);
	render_release();
	return ex == CTL_EXIT_OK ? ctl_flush_stdout() : ex;
}
