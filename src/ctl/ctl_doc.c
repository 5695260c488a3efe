/*
 * ctl_doc.c -- "esealctl doc": documents from the command line, on the
 * same core calls and permission checks as the screens.  This file
 * holds the dispatcher and the sub-commands that record and read
 * documents; the flow (submit ... destroy) is in ctl_docflow.c.
 *
 *   doc new (--import FILE | --form ID [--field NAME=VALUE]...)
 *   doc batch (--import FILE | --form ID ...) --copies N
 *             [--receiver USER] [--reason TEXT]
 *   doc list [--state STATE] [--mine] [--offset N] [--limit N]
 *   doc show ID [--body]
 *   doc inbox [QUEUE]
 *
 * Output is stable text for scripts: "key: value" blocks, or one record
 * per line with tab-separated fields.  Like every verb, it parses and
 * prints only; the core decides.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl/ctl_doc.h"
#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

int
ctl_doc_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] doc COMMAND\n"
	    "  new (--import FILE | --form ID [--field NAME=VALUE]...)\n"
	    "  batch (--import FILE | --form ID ...) --copies N\n"
	    "        [--receiver USER] [--reason TEXT]\n"
	    "  list [--state STATE] [--mine] [--offset N] [--limit N]\n"
	    "  list --search TEXT [--offset N] [--limit N]\n"
	    "  show ID [--body]\n"
	    "  inbox [approve|send|returned|seal|print|applications]\n"
	    "  revise ID (--import FILE | --form ID ...)\n"
	    "  submit ID | send ID\n"
	    "  approve ID [--comment TEXT]\n"
	    "  return ID --comment TEXT\n"
	    "  seal ID --seal REGNO --copies N\n"
	    "  reject ID --reason TEXT\n"
	    "  reprint ID (--import FILE | --form ID ...) --reason TEXT\n"
	    "  extra-print ID --copies N [--reason TEXT]\n"
	    "  decide APPLICATION (--approve | --deny) [--comment TEXT]\n"
	    "  recall ID COPY...            (COPY: N or N-M)\n"
	    "  destroy ID --witness NAME COPY...\n"
	    "A FILE holds 'key: value' header lines, a blank line and the\n"
	    "body, in UTF-8 or GB18030 (see the manual).  'seal' reads the\n"
	    "seal's key password after the user's: the next line of\n"
	    "--password-fd, or asked on the terminal.\n"), stderr);
	return CTL_EXIT_USAGE;
}

/* -- Reading content ------------------------------------------------------ */

void
ctl_doc_source_add_field(struct ctl_doc_source *src, const char *arg)
{
	src->fields = xrealloc(src->fields, (src->nfields + 1) *
	    sizeof *src->fields);
	src->fields[src->nfields++] = xstrdup(arg);
}

void
ctl_doc_source_free(struct ctl_doc_source *src)
{
	size_t i;

	for (i = 0; i < src->nfields; i++)
		free(src->fields[i]);
	free(src->fields);
	memset(src, 0, sizeof *src);
}

static int
ctl_doc_import(const char *path, struct doc_content *c)
{
	struct import_error err;
	enum import_encoding enc;
	enum status rc;

	/* The reading is the core's, shared with the Documents screen. */
	if (strcmp(path, "-") == 0)
		rc = import_fd(STDIN_FILENO, c, &enc, &err);
	else
		rc = import_file(path, c, &enc, &err);
	if (rc == STATUS_IMPORT_FORMAT && err.line > 0)
		fprintf(stderr, "esealctl: %s:%u: %s%s%s\n", path, err.line,
		    err.key, err.key[0] != '\0' ? ": " : "",
		    err.what != NULL ? err.what : status_message(rc));
	else if (rc == STATUS_IMPORT_FORMAT)
		fprintf(stderr, "esealctl: %s: %s\n", path, err.what != NULL ?
		    err.what : status_message(rc));
	else if (rc != STATUS_OK && err.what != NULL) {
		fprintf(stderr, "esealctl: %s: %s\n", path, err.what);
		return ctl_exit_for(rc);
	} else if (rc != STATUS_OK)
		return ctl_fail(rc, path);
	return rc == STATUS_OK ? CTL_EXIT_OK : CTL_EXIT_FAIL;
}

/* The values of form F from --field NAME=VALUE, in field order; a
 * field not given starts from its default, as on the screen. */
static int
ctl_doc_values(const struct form *f, const struct ctl_doc_source *src,
    const char **values)
{
	size_t i, klen;
	const char *eq;
	int k;

	for (i = 0; i < f->nfields; i++)
		values[i] = f->fields[i].def;
	for (i = 0; i < src->nfields; i++) {
		eq = strchr(src->fields[i], '=');
		klen = eq != NULL ? (size_t) (eq - src->fields[i]) : 0;
		for (k = 0; eq != NULL && (size_t) k < f->nfields; k++)
			if (strlen(f->fields[k].name) == klen && strncmp(
			    f->fields[k].name, src->fields[i], klen) == 0)
				break;
		if (eq == NULL || (size_t) k == f->nfields) {
			fprintf(stderr, _("esealctl: form %s has no field '%s'\n"),
			    f->id, src->fields[i]);
			return CTL_EXIT_USAGE;
		}
		values[k] = eq + 1;
	}
	return CTL_EXIT_OK;
}

static int
ctl_doc_from_form(const struct ctl_doc_source *src, struct doc_content *c)
{
	char *path = xasprintf("%s/%s.form", form_dir(), src->form);
	struct import_error err;
	struct form *f = NULL;
	const char **values = NULL;
	char **msgs = NULL, *ferr = NULL;
	enum status rc;
	size_t i;
	int ex;

	doc_content_init(c);
	if ((rc = form_load(path, &f, &ferr)) != STATUS_OK) {
		fprintf(stderr, "esealctl: %s\n", ferr != NULL ? ferr :
		    status_message(rc));
		ex = ctl_exit_for(rc);
		goto out;
	}
	values = xcalloc(f->nfields + 1, sizeof *values);
	msgs = xcalloc(f->nfields + 1, sizeof *msgs);
	if ((ex = ctl_doc_values(f, src, values)) != CTL_EXIT_OK)
		goto out;
	if (form_validate(f, values, NULL, msgs) != STATUS_OK) {
		for (i = 0; i < f->nfields; i++)
			if (msgs[i] != NULL)
				fprintf(stderr, "esealctl: %s: %s\n",
				    f->fields[i].name, msgs[i]);
		ex = CTL_EXIT_USAGE;
		goto out;
	}
	rc = import_form(f, values, c, &err);
	if (rc != STATUS_OK)
		fprintf(stderr, "esealctl: %s: %s\n", err.key,
		    err.what != NULL ? err.what : status_message(rc));
	ex = rc == STATUS_OK ? CTL_EXIT_OK : CTL_EXIT_USAGE;
out:
	if (f != NULL && msgs != NULL)
		form_messages_free(f, msgs);
	free(msgs);
	free(values);
	form_free(f);
	free(ferr);
	free(path);
	return ex;
}

int
ctl_doc_content(const struct ctl_doc_source *src, struct doc_content *c)
{
	doc_content_init(c);
	if ((src->import == NULL) == (src->form == NULL)) {
		fputs(_("esealctl: give either --import FILE or --form ID\n"),
		    stderr);
		return CTL_EXIT_USAGE;
	}
	if (src->import != NULL)
		return ctl_doc_import(src->import, c);
	return ctl_doc_from_form(src, c);
}

/* -- Small parsers -------------------------------------------------------- */

uint64_t
ctl_doc_id(const char *arg)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = arg != NULL ? strtoull(arg, &end, 10) : 0;
	if (arg == NULL || end == arg || *end != '\0' || errno != 0 || v == 0) {
		fprintf(stderr, _("esealctl: '%s' is not a record number\n"),
		    arg != NULL ? arg : "");
		return 0;
	}
	return (uint64_t) v;
}

int
ctl_doc_number(const char *arg, uint32_t max, uint32_t *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = arg != NULL ? strtoul(arg, &end, 10) : 0;
	if (arg == NULL || end == arg || *end != '\0' || errno != 0 || n < 1 ||
	    n > max)
		return -1;
	*v = (uint32_t) n;
	return 0;
}

/* One "N" or "N-M" appended to *NOS. */
static int
ctl_doc_copy_range(const char *arg, uint32_t **nos, size_t *n)
{
	const char *dash = strchr(arg, '-');
	char *lo = dash != NULL ? xstrndup(arg, (size_t) (dash - arg)) :
	    xstrdup(arg);
	uint32_t a, b, i;
	int bad;

	bad = ctl_doc_number(lo, DOC_COPIES_MAX * 100, &a) != 0 ||
	    ctl_doc_number(dash != NULL ? dash + 1 : lo, DOC_COPIES_MAX * 100,
	    &b) != 0 || b < a || b - a >= 10000;
	free(lo);
	if (bad)
		return -1;
	*nos = xrealloc(*nos, (*n + (b - a) + 1) * sizeof **nos);
	for (i = a; i <= b; i++)
		(*nos)[(*n)++] = i;
	return 0;
}

int
ctl_doc_copies(int argc, char **argv, uint32_t **nos, size_t *n)
{
	int i;

	*nos = NULL;
	*n = 0;
	for (i = 0; i < argc; i++)
		if (ctl_doc_copy_range(argv[i], nos, n) != 0) {
			fprintf(stderr, _("esealctl: '%s' is not a copy number "
			    "or a range N-M\n"), argv[i]);
			free(*nos);
			*nos = NULL;
			return -1;
		}
	return *n == 0 ? -1 : 0;
}

struct ctl_doc_lookup {
	enum store_index idx;
	enum rec_kind	 kind;
	const char	*name;
	uint64_t	 id;
};

static enum status
ctl_doc_find_txn(struct store_txn *txn, void *arg)
{
	struct ctl_doc_lookup *l = arg;
	union {
		struct rec_user		u;
		struct rec_seal		s;
		struct rec_printer	p;
	} rec;
	enum status rc;

	memset(&rec, 0, sizeof rec);
	rc = store_get_by_name(txn, l->idx, l->name, &rec);
	if (rc == STATUS_OK)
		l->id = *(uint64_t *) (void *) &rec;	/* every record's id */
	rec_free(l->kind, &rec);
	return rc;
}

enum status
ctl_doc_find(struct store *st, enum store_index idx, enum rec_kind kind,
    const char *name, uint64_t *id)
{
	struct ctl_doc_lookup l = { idx, kind, name, 0 };
	enum status rc;

	rc = store_run(st, STORE_READ, ctl_doc_find_txn, &l);
	*id = l.id;
	return rc;
}

int
ctl_doc_report(struct store *st, struct session *s, uint64_t id)
{
	struct docview v;
	enum status rc;

	rc = docview_get(st, s, id, &v);
	if (rc == STATUS_OK) {
		printf("id: %llu\nstate: %s\n", (unsigned long long) id,
		    doc_state_name(v.doc.state));
		if (v.number[0] != '\0')
			printf("number: %s\n", v.number);
	}
	docview_free(&v);
	/* The action itself succeeded; a reader without clearance just
	 * does not see the result. */
	return CTL_EXIT_OK;
}

/* -- doc new, doc batch --------------------------------------------------- */

static const struct option ctl_doc_source_opts[] = {
	{ "import", required_argument, NULL, 'i' },
	{ "form", required_argument, NULL, 'f' },
	{ "field", required_argument, NULL, 'F' },
	{ "copies", required_argument, NULL, 'c' },
	{ "receiver", required_argument, NULL, 'r' },
	{ "reason", required_argument, NULL, 'R' },
	{ NULL, 0, NULL, 0 }
};

struct ctl_doc_new {
	struct ctl_doc_source	 src;
	const char		*copies;
	const char		*receiver;
	const char		*reason;
};

static int
ctl_doc_new_opts(int argc, char **argv, struct ctl_doc_new *n, int batch)
{
	int ch;

	memset(n, 0, sizeof *n);
	while ((ch = ctl_getopt(argc, argv, "", ctl_doc_source_opts)) !=
	    -1) {
		if (ch == 'i')
			n->src.import = optarg;
		else if (ch == 'f')
			n->src.form = optarg;
		else if (ch == 'F')
			ctl_doc_source_add_field(&n->src, optarg);
		else if (batch && ch == 'c')
			n->copies = optarg;
		else if (batch && ch == 'r')
			n->receiver = optarg;
		else if (batch && ch == 'R')
			n->reason = optarg;
		else
			return ctl_doc_usage();
	}
	return optind == argc ? CTL_EXIT_OK : ctl_doc_usage();
}

/* Record C: as a blank-form batch of COUNT for RECEIVER when asked. */
static int
ctl_doc_record(struct store *st, struct session *s, struct doc_content *c,
    int batch, uint32_t count, uint64_t receiver, const char *reason)
{
	enum status rc;
	uint64_t id = 0;

	if (batch)
		rc = printapp_batch(st, s, c, count, receiver, reason, &id);
	else
		rc = workflow_create(st, s, c, &id);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	ctl_doc_report(st, s, id);
	if (!doc_kind_sealable((enum doc_kind) c->kind))
		fprintf(stderr, _("esealctl: document %llu recorded; %s\n"),
		    (unsigned long long) id,
		    status_message(STATUS_REFUSED_KIND));
	return CTL_EXIT_OK;
}

static int
ctl_doc_new(struct store *st, struct session *s, int argc, char **argv,
    int batch)
{
	struct ctl_doc_new n;
	struct doc_content c;
	uint64_t receiver = 0;
	uint32_t count = 0;
	enum status rc;
	int ex;

	if ((ex = ctl_doc_new_opts(argc, argv, &n, batch)) != CTL_EXIT_OK)
		goto out;
	if (batch && ctl_doc_number(n.copies, DOC_COPIES_MAX, &count) != 0) {
		ex = ctl_doc_usage();
		goto out;
	}
	if (n.receiver != NULL && (rc = ctl_doc_find(st, IDX_USER_NAME,
	    REC_USER, n.receiver, &receiver)) != STATUS_OK) {
		ex = ctl_fail(rc, n.receiver);
		goto out;
	}
	if ((ex = ctl_doc_content(&n.src, &c)) == CTL_EXIT_OK) {
		/* A file that says "batch: yes" is a batch of its copies. */
		if (!batch && c.batch) {
			batch = 1;
			count = c.copies;
		}
		ex = ctl_doc_record(st, s, &c, batch, count, receiver,
		    n.reason);
	}
	doc_content_free(&c);
out:
	ctl_doc_source_free(&n.src);
	return ex;
}

/* -- doc list ------------------------------------------------------------- */

static int
ctl_doc_list_line(const struct rec_doc *d, void *arg)
{
	(void) arg;
	printf("%llu\t%s\t%s\t%s\t%u\t%s\n", (unsigned long long) d->id,
	    doc_state_name(d->state), doc_kind_name(d->kind),
	    doc_urgency_name(d->urgency), (unsigned) d->copies,
	    d->title != NULL ? d->title : "");
	return 0;
}

/* An offset or a limit: 0 (the newest document; no limit) or more. */
static int
ctl_doc_list_number(const char *arg, uint32_t *v)
{
	if (arg != NULL && strcmp(arg, "0") == 0) {
		*v = 0;
		return 0;
	}
	return ctl_doc_number(arg, ~0u, v);
}

/* Say what was wrong with option CH (its value ARG), then the usage:
 * getopt has named an unknown option or a missing value already. */
static int
ctl_doc_list_bad(int ch, const char *arg)
{
	if (ch == 's')
		fprintf(stderr, _("esealctl: doc list: --state: '%s' is not "
		    "a document state (draft, in-approval, returned, approved, "
		    "to-seal, sealed, printed, rejected, refused, closed)\n"),
		    arg);
	else if (ch == 'o')
		fprintf(stderr, _("esealctl: doc list: --offset: '%s' is not "
		    "a number of documents (0 or more)\n"), arg);
	else if (ch == 'l')
		fprintf(stderr, _("esealctl: doc list: --limit: '%s' is not "
		    "a number of documents (0 for all, or more)\n"), arg);
	else if (ch == 't')
		fputs(_("esealctl: doc list: --search is given once: put "
		    "the whole text in one\n"), stderr);
	else if (ch == 'A')
		fprintf(stderr, _("esealctl: doc list: '%s' is not an "
		    "option (a text to search goes after --search)\n"), arg);
	else if (ch == 'x')
		fputs(_("esealctl: doc list: --search cannot be combined "
		    "with --state or --mine\n"), stderr);
	return ctl_doc_usage();
}

static int
ctl_doc_list(struct store *st, struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "mine", no_argument, NULL, 'm' },
		{ "offset", required_argument, NULL, 'o' },
		{ "limit", required_argument, NULL, 'l' },
		{ "search", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct docview_filter f = { -1, 0, 0, 0 };
	struct docview_page page;
	const char *text = NULL;
	size_t total = 0;
	enum status rc;
	uint32_t v;
	int ch;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 's' && (f.state = doc_state_parse(optarg)) >= 0)
			continue;
		if (ch == 'm')
			f.mine = 1;
		else if (ch == 't' && text == NULL)
			text = optarg;
		else if (ch == 'o' && ctl_doc_list_number(optarg, &v) == 0)
			f.offset = v;
		else if (ch == 'l' && ctl_doc_list_number(optarg, &v) == 0)
			f.limit = v;
		else
			return ctl_doc_list_bad(ch, optarg);
	}
	if (optind != argc)
		return ctl_doc_list_bad('A', argv[optind]);
	if (text != NULL && (f.state >= 0 || f.mine))
		return ctl_doc_list_bad('x', NULL);
	if (text == NULL) {
		rc = docview_list(st, s, &f, ctl_doc_list_line, NULL);
		return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
	}
	/* The page on stdout, how many in all last on stderr: a script
	 * reading the lines is not disturbed by the count. */
	page.offset = f.offset;
	page.limit = f.limit;
	rc = docview_search(st, s, text, &page, ctl_doc_list_line, NULL,
	    &total);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	fflush(stdout);
	fprintf(stderr, _("documents found: %zu\n"), total);
	return CTL_EXIT_OK;
}

/* -- doc show ------------------------------------------------------------- */

static const char *
ctl_doc_time(int64_t t, char *buf)
{
	return t != 0 ? clock_format(t, buf, 20) : "-";
}

static void
ctl_doc_show_head(const struct docview *v)
{
	const struct rec_doc *d = &v->doc;
	const struct doc_content *c = &v->content;
	char t[32];
	unsigned i;

	printf("id: %llu\nkind: %s\nstate: %s\ntitle: %s\n",
	    (unsigned long long) d->id, doc_kind_name(d->kind),
	    doc_state_name(d->state), d->title != NULL ? d->title : "");
	printf("number: %s\nversion: %u\nsealed-version: %u\n", v->number,
	    (unsigned) d->version, (unsigned) d->sealed_version);
	printf("drafter: %s\nissuing-body: %s\nrecipients: %s\n",
	    docview_user(v, d->drafter_id),
	    c->issuing_body != NULL ? c->issuing_body : "",
	    c->recipients != NULL ? c->recipients : "");
	printf("classification: %s\nurgency: %s\nspecial-number: %s\n"
	    "seal-mode: %s\nbatch: %s\n", doc_class_name(d->classification),
	    doc_urgency_name(d->urgency), d->special_number ? "yes" : "no",
	    doc_mode_name(d->seal_mode), d->batch ? "yes" : "no");
	printf("copies: %u\ncopies-printed: %u\nnext-copy: %u\nseal: %s\n",
	    (unsigned) d->copies, (unsigned) d->copies_printed,
	    (unsigned) d->next_copy_no, v->seal_regno != NULL ?
	    v->seal_regno : "-");
	printf("chain:");
	for (i = 0; i < v->chain.n; i++)
		printf("%s%u", i > 0 ? "," : " ", (unsigned) v->chain.level[i]);
	printf("\nupdated: %s\n", ctl_doc_time(d->updated, t));
}

/* The records, one per line, tab-separated, each line starting with
 * what it is. */
static void
ctl_doc_show_records(const struct docview *v)
{
	char t[32], t2[32];
	size_t i;

	for (i = 0; i < v->napprovals; i++) {
		const struct rec_approval *a = &v->approvals[i];

		printf("approval\t%u\t%u\t%s\t%s\t%s\t%s\n",
		    (unsigned) a->version, (unsigned) a->level + 1,
		    docview_action_name(a->action),
		    docview_user(v, a->approver_id), ctl_doc_time(a->time, t),
		    a->comment != NULL ? a->comment : "");
	}
	for (i = 0; i < v->napps; i++) {
		const struct rec_application *a = &v->apps[i];

		printf("application\t%llu\t%s\t%s\t%u\t%s\t%s\t%s\n",
		    (unsigned long long) a->id, docview_app_kind_name(a->kind),
		    docview_app_state_name(a->state), (unsigned) a->count,
		    docview_user(v, a->applicant_id),
		    docview_user(v, a->subject_id),
		    a->reason != NULL ? a->reason : "");
	}
	for (i = 0; i < v->njobs; i++) {
		const struct rec_printjob *j = &v->jobs[i];

		printf("print\t%llu\t%u\t%u-%u\t%s\t%s\t%s\t%s\n",
		    (unsigned long long) j->id, (unsigned) j->version,
		    (unsigned) j->first_copy,
		    (unsigned) (j->first_copy + j->count - 1),
		    docview_outcome_name(j->outcome),
		    docview_user(v, j->user_id), ctl_doc_time(j->time, t),
		    j->message != NULL ? j->message : "");
	}
	for (i = 0; i < v->nrecalls; i++) {
		const struct rec_recall *r = &v->recalls[i];

		printf("recall\t%u\t%u\t%s\t%s\t%s\t%s\t%s\n",
		    (unsigned) r->copy_no, (unsigned) r->version,
		    docview_user(v, r->recalled_by),
		    ctl_doc_time(r->recalled_at, t),
		    docview_user(v, r->destroyed_by),
		    ctl_doc_time(r->destroyed_at, t2),
		    r->witness != NULL ? r->witness : "-");
	}
}

static int
ctl_doc_show(struct store *st, struct session *s, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "body", no_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct docview v;
	enum status rc;
	int ch, body = 0;
	uint64_t id;

	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch != 'b')
			return ctl_doc_usage();
		body = 1;
	}
	if (optind + 1 != argc || (id = ctl_doc_id(argv[optind])) == 0)
		return ctl_doc_usage();
	if ((rc = docview_get(st, s, id, &v)) != STATUS_OK) {
		docview_free(&v);
		return ctl_fail(rc, argv[optind]);
	}
	ctl_doc_show_head(&v);
	ctl_doc_show_records(&v);
	if (body)
		printf("\n%s\n%s%s", v.content.body != NULL ? v.content.body :
		    "", v.content.attachments != NULL ? "\n" : "",
		    v.content.attachments != NULL ? v.content.attachments : "");
	docview_free(&v);
	return CTL_EXIT_OK;
}

/* -- doc inbox ------------------------------------------------------------ */

static int
ctl_doc_inbox_line(const struct inbox_item *it, void *arg)
{
	char t[32];

	(void) arg;
	printf("%llu\t%llu\t%s\t%s\t%u\t%s\t%s\n",
	    (unsigned long long) it->doc_id, (unsigned long long) it->app_id,
	    doc_state_name(it->state), doc_urgency_name(it->urgency),
	    (unsigned) it->copies, ctl_doc_time(it->since, t), it->title);
	return 0;
}

static int
ctl_doc_inbox(struct store *st, struct session *s, int argc, char **argv)
{
	struct inbox_counts n;
	enum status rc;
	int q;

	if (argc > 2)
		return ctl_doc_usage();
	if (argc == 2) {
		if ((q = inbox_queue_parse(argv[1])) < 0)
			return ctl_doc_usage();
		rc = inbox_list(st, s, (enum inbox_queue) q, 0, 0,
		    ctl_doc_inbox_line, NULL);
		return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
	}
	if ((rc = inbox_counts(st, s, &n)) != STATUS_OK)
		return ctl_fail(rc, NULL);
	for (q = 0; q < INBOX__COUNT; q++)
		printf("%s\t%u\n", inbox_queue_name((enum inbox_queue) q),
		    (unsigned) n.n[q]);
	return CTL_EXIT_OK;
}

/* -- The verb ------------------------------------------------------------- */

static int
ctl_doc_known(const char *sub)
{
	return strcmp(sub, "new") == 0 || strcmp(sub, "batch") == 0 ||
	    strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0 ||
	    strcmp(sub, "inbox") == 0 || ctl_docflow_has(sub);
}

/* Log in like every verb; "seal" then also reads the seal's key
 * password (Art. 6: only its custodian, or proxy, knows it): the next
 * line of --password-fd, or asked on the terminal. */
static int
ctl_doc_open(struct ctl *c, int seal, struct store **st, struct session **s,
    char **key_pw)
{
	int ex;

	*key_pw = NULL;
	if ((ex = ctl_session_open(c, st, s)) != CTL_EXIT_OK || !seal)
		return ex;
	*key_pw = ctl_read_password(c->password_fd,
	    _("The seal's key password: "));
	return CTL_EXIT_OK;
}

int
ctl_doc_run(struct ctl *c)
{
	struct session *s = NULL;
	struct store *st = NULL;
	int ex, argc = c->argc - 1;
	char **argv = c->argv + 1, *pw = NULL;
	const char *sub;

	if (argc < 1 || !ctl_doc_known(argv[0]))
		return ctl_doc_usage();
	sub = argv[0];
	if ((ex = ctl_doc_open(c, strcmp(sub, "seal") == 0, &st, &s, &pw)) !=
	    CTL_EXIT_OK)
		return ex;

	optind = 0;	/* rescan from argv[1] of the sub-command */
	if (strcmp(sub, "new") == 0 || strcmp(sub, "batch") == 0)
		ex = ctl_doc_new(st, s, argc, argv, sub[0] == 'b');
	else if (strcmp(sub, "list") == 0)
		ex = ctl_doc_list(st, s, argc, argv);
	else if (strcmp(sub, "show") == 0)
		ex = ctl_doc_show(st, s, argc, argv);
	else if (strcmp(sub, "inbox") == 0)
		ex = ctl_doc_inbox(st, s, argc, argv);
	else
		ex = ctl_docflow_run(st, s, pw, argc, argv);
	if (pw != NULL)
		mem_free_secret(pw);
	ctl_session_close(st, s);
	return ex;
}
