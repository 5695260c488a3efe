/*
 * probe.c -- the measurements made through the core on a workspace gen
 * built, each printed as "name value unit" lines for run.sh:
 *
 *   probe inbox DIR REPS        inbox_counts + the first page of the
 *                               clerk's and an approver's inbox
 *   probe search DIR WORD REPS  titles and numbers holding WORD
 *   probe report DIR FIRST LAST REPS   the summary of a period
 *   probe audit DIR FROM TO REPS  the auditor's search of the trail
 *                               between two times (seconds)
 *   probe export DIR FILE       the same documents and print jobs as
 *                               SQL, for the sqlite3 comparison
 *   probe verify DIR N REPS     verify N sealed documents' signed
 *                               content as files (verify_files, as
 *                               esealctl verify --each), one worker
 *                               then two
 *   probe sm2 N                 SM2 signs and verifies per second
 *
 * Read only: it logs users in (audited, as any login) and never changes
 * a document.  The clock is the workspace's (ESEAL_FAKE_TIME).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "crypto/crypto.h"

#define PROBE_PAGE	20	/* the lines of a first screen */

static struct store *
probe_open(const char *dir)
{
	struct store *st = NULL;

	bench_check(crypto_init(), "crypto_init");
	report_daysum_attach();		/* an upgrade computes the totals */
	bench_check(store_open(dir, 0, &st), dir);
	audit_attach(st);
	return st;
}

static void
probe_close(struct store *st)
{
	audit_attach(NULL);
	store_close(st);
}

static int
probe_count_item(const struct inbox_item *item, void *arg)
{
	(void) item;
	++*(size_t *) arg;
	return 0;
}

/* What the home screen asks after a login: the counts and one page;
 * *PAGE_MS gets the time of the page alone. */
static size_t
probe_inbox_once(struct store *st, struct session *s, enum inbox_queue q,
    double *page_ms)
{
	struct inbox_counts c;
	size_t n = 0;
	double t;

	bench_check(inbox_counts(st, s, &c), "inbox_counts");
	t = bench_ms();
	bench_check(inbox_list(st, s, q, 0, PROBE_PAGE, probe_count_item, &n),
	    "inbox_list");
	*page_ms = bench_ms() - t;
	return n;
}

static void
probe_inbox(const char *dir, int reps)
{
	struct store *st = probe_open(dir);
	struct session *clerk = bench_login(st, "clerk", BENCH_PW_NOW);
	struct session *chief = bench_login(st, "chief", BENCH_PW_NOW);
	double *a = xcalloc((size_t) reps, sizeof *a);
	double *b = xcalloc((size_t) reps, sizeof *b);
	double *p = xcalloc((size_t) reps, sizeof *p);
	double t, page;
	size_t n = 0;
	int i;

	for (i = 0; i < reps; i++) {
		t = bench_ms();
		n = probe_inbox_once(st, clerk, INBOX_SEAL, &page);
		a[i] = bench_ms() - t;
		t = bench_ms();
		probe_inbox_once(st, chief, INBOX_APPROVE, &p[i]);
		b[i] = bench_ms() - t;
	}
	printf("inbox_clerk %.3f ms\ninbox_approver %.3f ms\n"
	    "inbox_approver_page %.3f ms\ninbox_rows %zu\n",
	    bench_median(a, (size_t) reps), bench_median(b, (size_t) reps),
	    bench_median(p, (size_t) reps), n);
	free(p);
	free(a);
	free(b);
	session_free(clerk);
	session_free(chief);
	probe_close(st);
}

#define PROBE_SEARCH_PAGE	20	/* a screen of results */

struct probe_search {
	const char	*word;
	size_t		 hits;
	FILE		*sql;
};

static char *
probe_number(const struct rec_doc *d)
{
	if (d->number_seq == 0 || d->number_prefix == NULL)
		return xstrdup("");
	return docnum_format(d->number_prefix, d->number_year, d->number_seq);
}

static int
probe_search_doc(const struct rec_doc *d, void *arg)
{
	struct probe_search *ps = arg;
	char *num;

	if (d->title != NULL && strstr(d->title, ps->word) != NULL) {
		ps->hits++;
		return 0;
	}
	num = probe_number(d);
	if (strstr(num, ps->word) != NULL)
		ps->hits++;
	free(num);
	return 0;
}

static int
probe_search_hit(const struct rec_doc *d, void *arg)
{
	(void) d;
	((struct probe_search *) arg)->hits++;
	return 0;
}

/* The search through the core's index (docview_search) as a user gets
 * it, the first page of 20 and the total; then the whole list; and
 * beside them, in the same rounds, the scan it replaced: every document
 * in the list, its title and number matched in memory.  The index's
 * total, the whole list and the scan must agree. */
static void
probe_search(const char *dir, const char *word, int reps)
{
	struct store *st = probe_open(dir);
	struct session *s = bench_login(st, "clerk", BENCH_PW_NOW);
	struct docview_filter f = { -1, 0, 0, 0 };
	struct docview_page page = { 0, PROBE_SEARCH_PAGE };
	struct probe_search ps = { word, 0, NULL }, all = { word, 0, NULL };
	struct probe_search scan = { word, 0, NULL };
	double *a = xcalloc((size_t) reps, sizeof *a);
	double *w = xcalloc((size_t) reps, sizeof *w);
	double *b = xcalloc((size_t) reps, sizeof *b);
	size_t total = 0, total_all = 0;
	double t;
	int i;

	for (i = 0; i < reps; i++) {
		ps.hits = all.hits = scan.hits = 0;
		t = bench_ms();
		bench_check(docview_search(st, s, word, &page,
		    probe_search_hit, &ps, &total), "docview_search");
		a[i] = bench_ms() - t;
		t = bench_ms();
		bench_check(docview_search(st, s, word, NULL, probe_search_hit,
		    &all, &total_all), "docview_search");
		w[i] = bench_ms() - t;
		t = bench_ms();
		bench_check(docview_list(st, s, &f, probe_search_doc, &scan),
		    "docview_list");
		b[i] = bench_ms() - t;
	}
	if (total != scan.hits || all.hits != scan.hits ||
	    total_all != scan.hits ||
	    ps.hits != (total < PROBE_SEARCH_PAGE ? total : PROBE_SEARCH_PAGE))
		bench_check(STATUS_CORRUPT, "search: index and scan differ");
	printf("search %.3f ms\nsearch_all %.3f ms\nsearch_hits %zu\n"
	    "search_scan %.3f ms\n", bench_median(a, (size_t) reps),
	    bench_median(w, (size_t) reps), total,
	    bench_median(b, (size_t) reps));
	free(a);
	free(w);
	free(b);
	session_free(s);
	probe_close(st);
}

static void
probe_report(const char *dir, const char *first, const char *last, int reps)
{
	struct store *st = probe_open(dir);
	struct session *s = bench_login(st, "clerk", BENCH_PW_NOW);
	struct report_period p;
	struct report r;
	double *a = xcalloc((size_t) reps, sizeof *a);
	double t;
	int i;

	bench_check(report_period_days(first, last, &p), "period");
	for (i = 0; i < reps; i++) {
		t = bench_ms();
		bench_check(report_summary(s, &p, &r), "report_summary");
		a[i] = bench_ms() - t;
		report_free(&r);
	}
	printf("report %.3f ms\n", bench_median(a, (size_t) reps));
	free(a);
	session_free(s);
	probe_close(st);
}

/* -- The auditor's search ----------------------------------------------- */

static int
probe_audit_entry(const struct rec_audit *e, const char *user, void *arg)
{
	(void) e;
	(void) user;
	++*(size_t *) arg;
	return 0;
}

/* The auditor's session: gen gives the password at the first login,
 * which expires after a few months of generated time; an expired one is
 * changed (to PROBE_AUDITOR_PW), as the auditor would. */
#define PROBE_AUDITOR_PW	"Aud-itor-2027"

static struct session *
probe_auditor(struct store *st)
{
	struct session *s = NULL;
	enum status rc;

	if (session_login(st, "auditor", PROBE_AUDITOR_PW, "bench", &s) ==
	    STATUS_OK)
		return s;
	session_free(s);
	s = NULL;
	rc = session_login(st, "auditor", "Aud-itor-2026", "bench", &s);
	if (rc == STATUS_PW_EXPIRED || rc == STATUS_PW_MUST_CHANGE) {
		bench_check(session_change_password(s, "Aud-itor-2026",
		    PROBE_AUDITOR_PW), "auditor's password");
		session_free(s);
		return bench_login(st, "auditor", PROBE_AUDITOR_PW);
	}
	bench_check(rc, "auditor");
	return s;
}

/* Each search is audited, as any: the trail grows by one entry a rep. */
static void
probe_audit(const char *dir, int64_t from, int64_t to, int reps)
{
	struct store *st = probe_open(dir);
	struct session *s = probe_auditor(st);
	double *a = xcalloc((size_t) reps, sizeof *a);
	struct audit_filter f;
	size_t n = 0;
	double t;
	int i;

	audit_filter_init(&f);
	f.from = from;
	f.to = to;
	for (i = 0; i < reps; i++) {
		n = 0;
		t = bench_ms();
		bench_check(audit_search_as(s, &f, probe_audit_entry, &n),
		    "audit_search_as");
		a[i] = bench_ms() - t;
	}
	printf("audit_search %.3f ms\naudit_rows %zu\n",
	    bench_median(a, (size_t) reps), n);
	free(a);
	session_free(s);
	probe_close(st);
}

/* -- Export for sqlite3 ------------------------------------------------- */

static void
probe_sql_text(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static int
probe_export_doc(const struct rec_doc *d, void *arg)
{
	struct probe_search *ps = arg;
	char *num = probe_number(d);

	fprintf(ps->sql, "INSERT INTO doc VALUES(%llu,%u,%u,%llu,",
	    (unsigned long long) d->id, d->kind, d->state,
	    (unsigned long long) d->seal_id);
	probe_sql_text(ps->sql, d->title);
	fputc(',', ps->sql);
	probe_sql_text(ps->sql, num);
	fprintf(ps->sql, ",%lld);\n", (long long) d->updated);
	free(num);
	return 0;
}

static int
probe_export_job(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;

	fprintf(arg, "INSERT INTO job VALUES(%llu,%llu,%u,%u,%lld);\n",
	    (unsigned long long) j->id, (unsigned long long) j->doc_id,
	    j->count, j->outcome, (long long) j->time);
	return 0;
}

static enum status
probe_export_jobs(struct store_txn *txn, void *arg)
{
	return store_scan_all(txn, REC_PRINTJOB, probe_export_job, arg);
}

static void
probe_export(const char *dir, const char *file)
{
	struct store *st = probe_open(dir);
	struct session *s = bench_login(st, "clerk", BENCH_PW_NOW);
	struct docview_filter f = { -1, 0, 0, 0 };
	struct probe_search ps = { "", 0, fopen(file, "w") };

	if (ps.sql == NULL)
		bench_check(STATUS_PERM_FS, file);
	fputs("BEGIN;\nCREATE TABLE doc(id INTEGER PRIMARY KEY, kind, state, "
	    "seal_id, title TEXT, number TEXT, updated);\n"
	    "CREATE TABLE job(id INTEGER PRIMARY KEY, doc_id, copies, "
	    "outcome, time);\n", ps.sql);
	bench_check(docview_list(st, s, &f, probe_export_doc, &ps), "list");
	bench_check(store_run(st, STORE_READ, probe_export_jobs, ps.sql),
	    "jobs");
	fputs("CREATE INDEX job_time ON job(time);\nCOMMIT;\n", ps.sql);
	if (fclose(ps.sql) != 0)
		bench_check(STATUS_PERM_FS, file);
	session_free(s);
	probe_close(st);
}

/* -- Verifying sealed documents ----------------------------------------- */

/*
 * What esealctl verify --each does, through the same core call
 * (verify_files): the sealed versions' signed content and signatures
 * are written as files (FILE and FILE.sig) into a temporary folder, then
 * verified with one worker and with two, side by side in each round.
 */
struct probe_sealed {
	char			*dir;
	size_t			 n;
	size_t			 max;
};

static void
probe_write(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		bench_check(STATUS_PERM_FS, path);
}

/* Version V as the file its signature covers, and the signature. */
static int
probe_sealed_version(const void *rec, void *arg)
{
	const struct rec_version *v = rec;
	struct probe_sealed *ps = arg;
	struct buf b;
	char *path;

	if (v->signature.len == 0 || ps->n == ps->max)
		return ps->n == ps->max;
	buf_init(&b);
	doc_canonical(v->doc_id, v, &b);
	path = xasprintf("%s/%zu", ps->dir, ps->n);
	probe_write(path, b.data, b.len);
	free(path);
	path = xasprintf("%s/%zu.sig", ps->dir, ps->n);
	probe_write(path, v->signature.data, v->signature.len);
	free(path);
	buf_free(&b);
	ps->n++;
	return 0;
}

static enum status
probe_sealed_txn(struct store_txn *txn, void *arg)
{
	((struct probe_sealed *) arg)->n = 0;
	return store_scan_ids(txn, REC_VERSION, 1, probe_sealed_version, arg);
}

struct probe_outcome {
	enum status	*rc;	/* per file, of the first run */
	int		 differ;
};

static void
probe_verify_one(size_t i, enum status rc, const struct verify_result *v,
    void *arg)
{
	struct probe_outcome *o = arg;

	(void) v;
	if (o->rc[i] == (enum status) -1)
		o->rc[i] = rc;
	else if (o->rc[i] != rc)
		o->differ = 1;
}

/* The processor time this process used, in ms: on a shared machine it
 * tells the work done from the cores another program took. */
static double
probe_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
probe_verify_run(const struct ses_trust *t, const struct verify_job *jobs,
    size_t n, unsigned workers, struct probe_outcome *o, double *cpu)
{
	double ms = bench_ms();

	*cpu = probe_cpu_ms();
	bench_check(verify_files(t, jobs, n, workers, probe_verify_one, o),
	    "verify_files");
	*cpu = probe_cpu_ms() - *cpu;
	ms = bench_ms() - ms;
	if (o->differ)
		bench_check(STATUS_BAD_SIGNATURE, "verify: outcomes differ");
	return ms;
}

/* The run as it was before the trust kept its issuers' verdicts: one
 * worker, every certificate's issuer checked again for each file. */
static void
probe_verify_before(const struct verify_job *jobs, size_t n,
    struct ses_trust *t, struct probe_outcome *o)
{
	struct ses_memo *memo = t->memo;
	double ms, cpu;

	t->memo = NULL;
	ms = probe_verify_run(t, jobs, n, 1, o, &cpu);
	t->memo = memo;
	printf("verify_before_1proc %.1f ms\nverify_before_1proc_cpu %.1f ms\n",
	    ms, cpu);
}

static void
probe_verify_jobs(const struct probe_sealed *ps, struct ses_trust *t,
    int reps)
{
	struct verify_job *jobs = xcalloc(ps->n, sizeof *jobs);
	struct probe_outcome o = { xcalloc(ps->n, sizeof *o.rc), 0 };
	double *one = xcalloc((size_t) reps, sizeof *one);
	double *two = xcalloc((size_t) reps, sizeof *two);
	double *cpu1 = xcalloc((size_t) reps, sizeof *cpu1);
	double *cpu2 = xcalloc((size_t) reps, sizeof *cpu2);
	size_t i, ok = 0;
	int r;

	for (i = 0; i < ps->n; i++) {
		jobs[i].pdf_path = xasprintf("%s/%zu", ps->dir, i);
		o.rc[i] = (enum status) -1;
	}
	probe_verify_before(jobs, ps->n, t, &o);
	for (r = 0; r < reps; r++) {
		one[r] = probe_verify_run(t, jobs, ps->n, 1, &o, &cpu1[r]);
		two[r] = probe_verify_run(t, jobs, ps->n, 2, &o, &cpu2[r]);
	}
	for (i = 0; i < ps->n; i++)
		ok += o.rc[i] == STATUS_OK;
	printf("verify_valid %zu\nverify_1proc %.1f ms\nverify_2proc %.1f ms\n",
	    ok, bench_median(one, (size_t) reps),
	    bench_median(two, (size_t) reps));
	printf("verify_1proc_cpu %.1f ms\nverify_2proc_cpu %.1f ms\n",
	    bench_median(cpu1, (size_t) reps),
	    bench_median(cpu2, (size_t) reps));
	free(cpu1);
	free(cpu2);
	for (i = 0; i < ps->n; i++)
		free((char *) jobs[i].pdf_path);
	free(jobs);
	free(o.rc);
	free(one);
	free(two);
}

/* How busy the machine was: the 1-minute load average. */
static void
probe_load(void)
{
	FILE *f = fopen("/proc/loadavg", "r");
	double load = -1;

	if (f != NULL) {
		if (fscanf(f, "%lf", &load) != 1)
			load = -1;
		fclose(f);
	}
	printf("verify_load %.2f\n", load);
}

static void
probe_verify(const char *dir, size_t n, int reps)
{
	struct store *st = probe_open(dir);
	const char *tmp = getenv("TMPDIR");
	struct probe_sealed ps;
	struct ses_trust t;
	double ms = bench_ms();
	char *tmpl, *path;
	size_t i;

	memset(&ps, 0, sizeof ps);
	ps.max = n;
	tmpl = xasprintf("%s/eseal-probe-XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if ((ps.dir = mkdtemp(tmpl)) == NULL)
		bench_check(STATUS_PERM_FS, tmpl);
	bench_check(store_run(st, STORE_READ, probe_sealed_txn, &ps), "read");
	ses_trust_init(&t, clock_now());
	bench_check(verify_trust_load(st, &t), "trust");
	printf("verify_read %.1f ms\nverify_docs %zu\n", bench_ms() - ms,
	    ps.n);
	probe_load();
	probe_verify_jobs(&ps, &t, reps);
	probe_load();
	for (i = 0; i < ps.n; i++) {
		path = xasprintf("%s/%zu", ps.dir, i);
		unlink(path);
		free(path);
		path = xasprintf("%s/%zu.sig", ps.dir, i);
		unlink(path);
		free(path);
	}
	rmdir(ps.dir);
	free(tmpl);
	ses_trust_free(&t);
	probe_close(st);
}

static void
probe_sm2(int n)
{
	static const char msg[] = "eseal benchmark message";
	struct crypto_key *key = NULL;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	double t;
	int i;

	bench_check(crypto_init(), "crypto_init");
	bench_check(crypto_key_generate(CRYPTO_ALG_SM2, &key), "generate");
	t = bench_ms();
	for (i = 0; i < n; i++) {
		free(sig);
		bench_check(crypto_sign(key, msg, sizeof msg, &sig, &siglen),
		    "sign");
	}
	printf("sm2_sign %.0f /s\n", n * 1e3 / (bench_ms() - t));
	t = bench_ms();
	for (i = 0; i < n; i++)
		bench_check(crypto_verify(key, msg, sizeof msg, sig, siglen),
		    "verify");
	printf("sm2_verify %.0f /s\n", n * 1e3 / (bench_ms() - t));
	free(sig);
	crypto_key_free(key);
}

int
main(int argc, char **argv)
{
	const char *v = argc > 1 ? argv[1] : "";

	if (strcmp(v, "inbox") == 0 && argc == 4)
		probe_inbox(argv[2], atoi(argv[3]));
	else if (strcmp(v, "search") == 0 && argc == 5)
		probe_search(argv[2], argv[3], atoi(argv[4]));
	else if (strcmp(v, "report") == 0 && argc == 6)
		probe_report(argv[2], argv[3], argv[4], atoi(argv[5]));
	else if (strcmp(v, "audit") == 0 && argc == 6)
		probe_audit(argv[2], strtoll(argv[3], NULL, 10),
		    strtoll(argv[4], NULL, 10), atoi(argv[5]));
	else if (strcmp(v, "export") == 0 && argc == 4)
		probe_export(argv[2], argv[3]);
	else if (strcmp(v, "verify") == 0 && argc == 5)
		probe_verify(argv[2], strtoul(argv[3], NULL, 10),
		    atoi(argv[4]));
	else if (strcmp(v, "sm2") == 0 && argc == 3)
		probe_sm2(atoi(argv[2]));
	else {
		fprintf(stderr, "usage: probe inbox|search|report|audit|export|"
		    "verify|sm2 ARGS (see probe.c)\n");
		return 2;
	}
	return 0;
}
