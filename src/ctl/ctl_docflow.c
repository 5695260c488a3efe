/*
 * ctl_docflow.c -- the flow sub-commands of "esealctl doc": revise,
 * submit, approve, return, send, seal, reject, reprint, extra-print,
 * decide, recall and destroy (see ctl_doc.c for the synopsis).
 *
 * Each one is a single core call made as the --user; after a success
 * the document's id and state are printed as "key: value" lines.  The
 * rules (who, when, with what reason) are the core's, never checked
 * here.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl/ctl_doc.h"
#include "print/print.h"

/* The options any flow sub-command may take; each uses its own. */
struct ctl_flow_opts {
	struct ctl_doc_source	 src;
	const char		*comment;
	const char		*reason;
	const char		*witness;
	const char		*seal;
	const char		*copies;
	int			 approve;	/* 1 yes, 0 deny, -1 unset */
};

static const struct option ctl_flow_options[] = {
	{ "import", required_argument, NULL, 'i' },
	{ "form", required_argument, NULL, 'f' },
	{ "field", required_argument, NULL, 'F' },
	{ "comment", required_argument, NULL, 'C' },
	{ "reason", required_argument, NULL, 'R' },
	{ "witness", required_argument, NULL, 'w' },
	{ "seal", required_argument, NULL, 's' },
	{ "copies", required_argument, NULL, 'c' },
	{ "approve", no_argument, NULL, 'A' },
	{ "deny", no_argument, NULL, 'D' },
	{ NULL, 0, NULL, 0 }
};

/* Parse the options; ALLOWED lists the option letters SUB takes. */
static int
ctl_flow_parse(int argc, char **argv, const char *allowed,
    struct ctl_flow_opts *o)
{
	int ch;

	memset(o, 0, sizeof *o);
	o->approve = -1;
	while ((ch = ctl_getopt(argc, argv, "", ctl_flow_options)) != -1) {
		if (ch == '?' || strchr(allowed, ch) == NULL)
			return ctl_doc_usage();
		switch (ch) {
		case 'i': o->src.import = optarg; break;
		case 'f': o->src.form = optarg; break;
		case 'F': ctl_doc_source_add_field(&o->src, optarg); break;
		case 'C': o->comment = optarg; break;
		case 'R': o->reason = optarg; break;
		case 'w': o->witness = optarg; break;
		case 's': o->seal = optarg; break;
		case 'c': o->copies = optarg; break;
		case 'A': o->approve = 1; break;
		case 'D': o->approve = 0; break;
		}
	}
	return CTL_EXIT_OK;
}

/* The result of a core call on document ID. */
static int
ctl_flow_done(struct store *st, struct session *s, enum status rc,
    uint64_t id, const char *what)
{
	if (rc != STATUS_OK)
		return ctl_fail(rc, what);
	return ctl_doc_report(st, s, id);
}

/* revise and reprint: a new version from a file or a form. */
static int
ctl_flow_version(struct store *st, struct session *s, uint64_t id,
    struct ctl_flow_opts *o, int reprint)
{
	struct doc_content c;
	enum status rc;
	int ex;

	if ((ex = ctl_doc_content(&o->src, &c)) != CTL_EXIT_OK) {
		doc_content_free(&c);
		return ex;
	}
	if (reprint)
		rc = reprint_apply(st, s, id, &c, o->reason);
	else
		rc = workflow_revise(st, s, id, &c);
	doc_content_free(&c);
	return ctl_flow_done(st, s, rc, id, NULL);
}

/* The custodian refused while her proxy holds the seal is told whom to
 * ask and until when. */
static int
ctl_flow_with_proxy(struct session *s, const char *regno)
{
	char *text;

	if (custody_proxy_refusal(s, regno, &text) != STATUS_OK)
		return ctl_fail(STATUS_SEAL_WITH_PROXY, NULL);
	fprintf(stderr, "esealctl: %s\n", text);
	free(text);
	return ctl_exit_for(STATUS_SEAL_WITH_PROXY);
}

/* A sealing commits before its original comes into originals/; when
 * that fails (the log says why) the document is sealed all the same and
 * the original is drawn again when needed, but the clerk is told. */
static void
ctl_flow_seal_kept(struct store *st, struct session *s, uint64_t id)
{
	struct docview dv;
	struct stat sb;
	char *path;

	if (docview_get(st, s, id, &dv) != STATUS_OK) {
		docview_free(&dv);
		return;
	}
	path = print_original_path(store_home(st), id,
	    dv.doc.sealed_version);
	if (dv.doc.sealed_version != 0 &&
	    (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)))
		fprintf(stderr, _("esealctl: doc seal: the sealed original was not kept as %s; it is drawn again when it is needed\n"),
		    path);
	free(path);
	docview_free(&dv);
}

static int
ctl_flow_seal(struct store *st, struct session *s, uint64_t id,
    const struct ctl_flow_opts *o, const char *password)
{
	uint64_t seal_id = 0;
	uint32_t copies;
	enum status rc;

	if (o->seal == NULL ||
	    ctl_doc_number(o->copies, DOC_COPIES_MAX, &copies) != 0)
		return ctl_doc_usage();
	if ((rc = ctl_doc_find(st, IDX_SEAL_REGNO, REC_SEAL, o->seal,
	    &seal_id)) != STATUS_OK)
		return ctl_fail(rc, o->seal);
	rc = workflow_seal(st, s, id, seal_id, copies, password);
	if (rc == STATUS_SEAL_WITH_PROXY)
		return ctl_flow_with_proxy(s, o->seal);
	if (rc == STATUS_OK)
		ctl_flow_seal_kept(st, s, id);
	return ctl_flow_done(st, s, rc, id, NULL);
}

static int
ctl_flow_extra(struct store *st, struct session *s, uint64_t id,
    const struct ctl_flow_opts *o)
{
	uint64_t app = 0;
	uint32_t count;
	enum status rc;

	if (ctl_doc_number(o->copies, DOC_COPIES_MAX, &count) != 0)
		return ctl_doc_usage();
	rc = printapp_extra(st, s, id, count, o->reason, &app);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("application: %llu\n", (unsigned long long) app);
	return ctl_doc_report(st, s, id);
}

/* recall and destroy: copy numbers after the document's id. */
static int
ctl_flow_copies(struct store *st, struct session *s, uint64_t id,
    const struct ctl_flow_opts *o, int argc, char **argv, int destroy)
{
	uint32_t *nos = NULL;
	enum status rc;
	size_t n = 0;

	if (ctl_doc_copies(argc, argv, &nos, &n) != 0)
		return ctl_doc_usage();
	if (destroy)
		rc = reprint_destroy(st, s, id, nos, n, o->witness);
	else
		rc = reprint_recall(st, s, id, nos, n);
	free(nos);
	return ctl_flow_done(st, s, rc, id, NULL);
}

/* The sub-commands, with the options each one takes. */
static const struct ctl_flow_sub {
	const char	*name;
	const char	*opts;
} ctl_flow_subs[] = {
	{ "revise", "ifF" }, { "submit", "" }, { "approve", "C" },
	{ "return", "C" }, { "send", "" }, { "seal", "sc" },
	{ "reject", "R" }, { "reprint", "ifFR" }, { "extra-print", "cR" },
	{ "decide", "ADC" }, { "recall", "" }, { "destroy", "w" },
	{ NULL, NULL }
};

static const struct ctl_flow_sub *
ctl_flow_find(const char *sub)
{
	const struct ctl_flow_sub *f;

	for (f = ctl_flow_subs; f->name != NULL; f++)
		if (strcmp(f->name, sub) == 0)
			return f;
	return NULL;
}

int
ctl_docflow_has(const char *sub)
{
	return ctl_flow_find(sub) != NULL;
}

/* One sub-command on document (or application) ID; the rest of the
 * arguments are in ARGV[0..ARGC-1]. */
static int
ctl_flow_dispatch(struct store *st, struct session *s, const char *sub,
    uint64_t id, struct ctl_flow_opts *o, const char *password, int argc,
    char **argv)
{
	int recall = strcmp(sub, "recall") == 0;

	if (argc > 0 && !recall && strcmp(sub, "destroy") != 0)
		return ctl_doc_usage();
	if (strcmp(sub, "revise") == 0 || strcmp(sub, "reprint") == 0)
		return ctl_flow_version(st, s, id, o,
		    strcmp(sub, "reprint") == 0);
	if (strcmp(sub, "submit") == 0)
		return ctl_flow_done(st, s, workflow_submit(st, s, id), id,
		    NULL);
	if (strcmp(sub, "approve") == 0)
		return ctl_flow_done(st, s, workflow_approve(st, s, id,
		    o->comment), id, NULL);
	if (strcmp(sub, "return") == 0)
		return ctl_flow_done(st, s, workflow_return(st, s, id,
		    o->comment), id, NULL);
	if (strcmp(sub, "send") == 0)
		return ctl_flow_done(st, s, workflow_send(st, s, id), id, NULL);
	if (strcmp(sub, "seal") == 0)
		return ctl_flow_seal(st, s, id, o, password);
	if (strcmp(sub, "reject") == 0)
		return ctl_flow_done(st, s, workflow_reject(st, s, id,
		    o->reason), id, NULL);
	if (strcmp(sub, "extra-print") == 0)
		return ctl_flow_extra(st, s, id, o);
	if (strcmp(sub, "decide") == 0) {
		enum status rc;

		if (o->approve < 0)
			return ctl_doc_usage();
		rc = printapp_decide(st, s, id, o->approve, o->comment);
		if (rc != STATUS_OK)
			return ctl_fail(rc, NULL);
		printf("application: %llu\ndecision: %s\n",
		    (unsigned long long) id,
		    o->approve ? "approved" : "denied");
		return CTL_EXIT_OK;
	}
	return ctl_flow_copies(st, s, id, o, argc, argv, !recall);
}

int
ctl_docflow_run(struct store *st, struct session *s, const char *password,
    int argc, char **argv)
{
	const struct ctl_flow_sub *f = ctl_flow_find(argv[0]);
	struct ctl_flow_opts o;
	uint64_t id;
	int ex;

	if (f == NULL)
		return ctl_doc_usage();
	if ((ex = ctl_flow_parse(argc, argv, f->opts, &o)) != CTL_EXIT_OK)
		goto out;
	if (optind >= argc || (id = ctl_doc_id(argv[optind])) == 0) {
		ex = ctl_doc_usage();
		goto out;
	}
	ex = ctl_flow_dispatch(st, s, f->name, id, &o, password,
	    argc - optind - 1, argv + optind + 1);
out:
	ctl_doc_source_free(&o.src);
	return ex;
}
