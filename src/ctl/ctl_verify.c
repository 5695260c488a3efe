/*
 * ctl_verify.c -- "esealctl verify FILE [SIGNATURE]": check a
 * GB/T 38540 signature against the file it protects and print every
 * check with its result, in the standard's order, then the verdict.
 *
 *   esealctl verify [--root FILE]... [--crl FILE]... [--export-sig OUT]
 *       FILE [SIGNATURE]
 *   esealctl verify [--root FILE]... [--crl FILE]... [--jobs N] --each
 *       FILE...
 *
 * SIGNATURE defaults to FILE.sig or, for a file named as a sealed
 * original (doc-ID-vN.pdf) or a printed copy of one (doc-ID-vN-NNNNNN.pdf),
 * to the signature the workspace keeps with that version; --export-sig
 * writes the signature used to OUT (a new file), so that the original
 * and its .sig can be checked where there is no workspace.  With --each every operand is a file
 * checked against its own FILE.sig, on N threads at once (default: one
 * per online processor), each file's lines printed as for one file and
 * in the order given.  The trust comes from the workspace
 * when there is one (the office's root and revocation list, and the
 * roots and lists imported from other bodies), plus any --root and
 * --crl files; no login is needed, verifying is open to anyone.
 *
 * Output, one "key: value" per line, stable for scripts: file, signature,
 * signed, seal, signer, document (when the signature carries this
 * product's protected information), then one line per check
 *
 *   check N ID: ok|FAILED|not run: NOTE
 *
 * with ID one of structure, signature, signer-certificate,
 * certificate-in-seal, data-hash, seal, original, and last
 * "result: valid original", "result: COPY: REASON" (a printed copy: the
 * signature and seal hold, the bytes are not the signed ones) or
 * "result: NOT VALID: REASON" (an altered file among them).
 *
 * Exit status: 0 every check passed and FILE is the signed original;
 * 7 a check failed (the signature, a certificate, the seal, the data,
 * or FILE is a copy or conversion); 6 FILE or SIGNATURE could not be
 * read, FILE has no signature, or OUT could not be written; 2 bad usage; 1 the workspace could not be opened.  With --each,
 * the highest of the files' statuses: 7 when any check failed, else 6
 * when any file could not be read, else 0.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_seal.h"
#include "ctl/verbs.h"

static const char *const ctl_verify_ids[SES_CHECK__COUNT] = {
	"structure", "signature", "signer-certificate", "certificate-in-seal",
	"data-hash", "seal", "original"
};

static int
ctl_verify_usage(void)
{
	fputs(_("Usage: esealctl verify [--root FILE]... [--crl FILE]... "
	    "[--export-sig OUT] FILE [SIGNATURE]\n"
	    "       esealctl verify [--root FILE]... [--crl FILE]... "
	    "[--jobs N] --each FILE...\n"
	    "Check the GB/T 38540 signature SIGNATURE of FILE and print each "
	    "check.\nSIGNATURE defaults to FILE.sig or, for a sealed original "
	    "(doc-ID-vN.pdf) or a\nprinted copy (doc-ID-vN-NNNNNN.pdf), to the "
	    "signature kept in the workspace.\n--export-sig writes that "
	    "signature to the new file OUT.  With --each, check\nevery FILE "
	    "against FILE.sig on N threads (default: one per processor), in "
	    "the\norder given.  Exit status: 0 valid original, 7 a check "
	    "failed or FILE is a copy,\n6 a file could not be read or has no "
	    "signature, 2 bad usage.\n"), stderr);
	return CTL_EXIT_USAGE;
}

/* Add a --root or --crl file to T. */
static enum status
ctl_verify_add(struct ses_trust *t, const char *path, int crl)
{
	unsigned char *data = NULL, *der = NULL;
	size_t n = 0, len = 0;
	enum status st;

	if ((st = ctl_seal_read_file(path, &data, &n)) != STATUS_OK)
		return st;
	if (n > 0 && data[0] == DER_SEQUENCE)
		st = crl ? ses_trust_add_crl(t, data, n, 0) :
		    ses_trust_add_root(t, data, n);
	else if ((st = crypto_pem_decode((char *) data, n, crl ? "X509 CRL" :
	    "CERTIFICATE", &der, &len)) == STATUS_OK)
		st = crl ? ses_trust_add_crl(t, der, len, 0) :
		    ses_trust_add_root(t, der, len);
	free(data);
	free(der);
	return st;
}

/* The workspace's trust, when there is a workspace; the workspace stays
 * open in *ST (NULL when there is none) for the signatures it keeps. */
static enum status
ctl_verify_workspace(struct ctl *c, struct ses_trust *t, struct store **st)
{
	enum status rc;

	*st = NULL;
	rc = store_open(c->home, STORE_RDONLY, st);
	if (rc == STATUS_NO_WORKSPACE)
		return STATUS_OK;
	if (rc != STATUS_OK)
		return rc;
	if ((rc = verify_trust_load(*st, t)) != STATUS_OK) {
		store_close(*st);
		*st = NULL;
	}
	return rc;
}

/* How many files at once (--each, --jobs); where the signature goes. */
struct ctl_verify_opts {
	int		 each;
	unsigned	 jobs;
	const char	*export_sig;
};

static int
ctl_verify_jobs(const char *arg, struct ctl_verify_opts *o)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*arg < '1' || *arg > '9' || *end != '\0' || n > 64)
		return ctl_verify_usage();
	o->jobs = (unsigned) n;
	return -1;
}

static int
ctl_verify_options(struct ctl *c, struct ses_trust *t,
    struct ctl_verify_opts *o)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "crl", required_argument, NULL, 'c' },
		{ "each", no_argument, NULL, 'e' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "export-sig", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	enum status rc;
	int ch, ex;

	while ((ch = ctl_getopt(c->argc, c->argv, "", opts)) != -1) {
		switch (ch) {
		case 'e':
			o->each = 1;
			break;
		case 'x':
			o->export_sig = optarg;
			break;
		case 'j':
			if ((ex = ctl_verify_jobs(optarg, o)) >= 0)
				return ex;
			break;
		case 'r':
		case 'c':
			if ((rc = ctl_verify_add(t, optarg, ch == 'c')) !=
			    STATUS_OK)
				return ctl_fail(rc, optarg);
			break;
		default:
			return ctl_verify_usage();
		}
	}
	if (optind >= c->argc || (!o->each && c->argc - optind > 2) ||
	    (o->each && o->export_sig != NULL))
		return ctl_verify_usage();
	return -1;
}

static void
ctl_verify_facts(const struct ses_report *r)
{
	const struct ses_protected *p = &r->sig.protected;
	char t[32];

	printf("signed: %s\n", ses_time_text(r->sig.time, t, sizeof t));
	printf("seal: %s \"%s\" (vendor %s)\n", r->sig.seal.es_id,
	    r->sig.seal.name, r->sig.seal.vendor);
	printf("signer: \"%s\" issued by \"%s\"\n", r->signer_cn,
	    r->signer_issuer_cn);
	if (!r->sig.has_protected)
		return;
	printf("document: %llu version %u %s, %u copies, %s\n",
	    (unsigned long long) p->doc_id, (unsigned) p->doc_version,
	    p->doc_number, (unsigned) p->copies, p->data_kind == SES_DATA_PDF ?
	    "rendered PDF" : "canonical content");
	if (p->page != 0)
		printf("placed: page %u at %.3f, %.3f mm, %.3f mm across\n",
		    (unsigned) p->page, p->x_um / 1000.0, p->y_um / 1000.0,
		    p->diameter_um / 1000.0);
	printf("sealed-by: %s (%s)%s\n", p->signer.login, p->signer.name,
	    p->custody_id != 0 ? " in proxy custody" : "");
	printf("issued-by: %s (%s) %s, %u approval records\n",
	    p->issuer.login, p->issuer.name, ses_time_text(p->issued_at, t,
	    sizeof t), (unsigned) p->approvals);
}

static void
ctl_verify_print(const struct ses_report *r, enum status rc)
{
	static const char *const outcome[] = { "not run", "ok", "FAILED" };
	int i;

	if (r->parsed && r->check[SES_CHECK_STRUCTURE].outcome == SES_PASS)
		ctl_verify_facts(r);
	for (i = 0; i < SES_CHECK__COUNT; i++)
		printf("check %d %s: %s: %s\n", i + 1, ctl_verify_ids[i],
		    outcome[r->check[i].outcome], r->check[i].outcome ==
		    SES_NOT_RUN ? ses_check_name((enum ses_check) i) :
		    r->check[i].note);
	if (rc == STATUS_OK)
		printf("result: valid original\n");
	else if (rc == STATUS_IS_COPY)
		printf("result: COPY: %s\n", status_message(rc));
	else
		printf("result: NOT VALID: %s\n", status_message(rc));
}

/* One file's lines and its exit status. */
static int
ctl_verify_show(const char *file, enum status rc,
    const struct verify_result *v)
{
	/* Whatever kept a file from being read, the answer is "6". */
	if (v->unreadable != NULL) {
		fflush(stdout);	/* the message after the files before */
		ctl_fail(rc, v->unreadable);
		return CTL_EXIT_IO;
	}
	printf("file: %s\nsignature: %s\n", file, v->sig_path);
	ctl_verify_print(&v->report, rc);
	return rc == STATUS_OK ? CTL_EXIT_OK : CTL_EXIT_VERIFY;
}

/* --export-sig: the signature the checks used, to a new file OUT. */
static int
ctl_verify_export(const struct verify_result *v, const char *out)
{
	enum status rc = STATUS_OK;
	FILE *f;

	if ((f = fopen(out, "wbx")) == NULL)
		rc = status_from_errno(errno);
	else if (fwrite(v->sig, 1, v->siglen, f) != v->siglen)
		rc = status_from_errno(errno);
	if (f != NULL && fclose(f) != 0 && rc == STATUS_OK)
		rc = status_from_errno(errno);
	if (rc != STATUS_OK) {
		fflush(stdout);
		ctl_fail(rc, out);
		return CTL_EXIT_IO;
	}
	printf("exported: %s\n", out);
	return CTL_EXIT_OK;
}

static int
ctl_verify_files(struct store *st, const char *file, const char *sigpath,
    const struct ses_trust *t, const char *export_sig)
{
	struct verify_result v;
	enum status rc;
	int ex, ex2;

	rc = verify_file(st, t, file, sigpath, &v);
	ex = ctl_verify_show(file, rc, &v);
	if (export_sig != NULL && v.unreadable == NULL && v.ran &&
	    (ex2 = ctl_verify_export(&v, export_sig)) != CTL_EXIT_OK &&
	    ex == CTL_EXIT_OK)
		ex = ex2;
	verify_result_free(&v);
	return ex;
}

struct ctl_verify_each {
	const struct verify_job	*jobs;
	int			 ex;	/* the highest status so far */
};

static void
ctl_verify_each_one(size_t i, enum status rc, const struct verify_result *v,
    void *arg)
{
	struct ctl_verify_each *e = arg;
	int ex = ctl_verify_show(e->jobs[i].pdf_path, rc, v);

	if (ex > e->ex)
		e->ex = ex;
}

/* --each: every operand against its own FILE.sig, in parallel. */
static int
ctl_verify_each(struct ctl *c, const struct ses_trust *t, unsigned jobs)
{
	size_t i, n = (size_t) (c->argc - optind);
	struct verify_job *job = xcalloc(n, sizeof *job);
	struct ctl_verify_each e = { job, CTL_EXIT_OK };
	enum status rc;

	for (i = 0; i < n; i++)
		job[i].pdf_path = c->argv[optind + (int) i];
	rc = verify_files(t, job, n, jobs != 0 ? jobs :
	    verify_workers_default(), ctl_verify_each_one, &e);
	free(job);
	return rc != STATUS_OK ? ctl_fail(rc, NULL) : e.ex;
}

int
ctl_verify_run(struct ctl *c)
{
	struct ctl_verify_opts o = { 0, 0, NULL };
	struct store *st = NULL;
	struct ses_trust t;
	enum status rc;
	const char *sigpath;
	int ex;

	if ((rc = crypto_init()) != STATUS_OK)
		return ctl_fail(rc, NULL);
	ses_trust_init(&t, clock_now());
	if ((ex = ctl_verify_options(c, &t, &o)) >= 0) {
		ses_trust_free(&t);
		return ex;
	}
	if ((rc = ctl_verify_workspace(c, &t, &st)) != STATUS_OK) {
		ses_trust_free(&t);
		return ctl_fail(rc, c->home);
	}
	if (o.each) {
		ex = ctl_verify_each(c, &t, o.jobs);
		goto out;
	}
	sigpath = c->argc - optind == 2 ? c->argv[optind + 1] : NULL;
	ex = ctl_verify_files(st, c->argv[optind], sigpath, &t, o.export_sig);
out:
	if (st != NULL)
		store_close(st);
	ses_trust_free(&t);
	return ex;
}
