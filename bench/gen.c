/*
 * gen.c -- build a benchmark workspace of N documents through the core
 * API, the way an office would fill it over the years: every state,
 * approval chains, returns, rejections, reprints with recalled and
 * destroyed copies, extra prints, about 10 printed copies per document,
 * and the audit trail all of that writes.
 *
 * Usage: gen [-w WORKERS] DIR N [SEED]
 *        gen --seal DIR NOW REPS [norender]
 *
 * The second form times the sealing of REPS new three-page documents in
 * the workspace DIR at time NOW (render, sign, durable commit, audit),
 * each drafted and approved first (not timed); "seal_one MS ms".  With
 * "norender" the PDF is not drawn and the signature covers the content.
 *
 * Every document goes through workflow_*, printlog_* and reprint_* like
 * a clerk's, each act with its own checks and audit entries; nothing
 * writes records directly.  The acts of GEN_BATCH documents are committed
 * together through the core's bulk path (bulk_run), one durable
 * transaction per batch instead of one per act.  The clock is fixed and
 * moved on per act (BENCH_STEP a document), so the workspace spans
 * N * BENCH_STEP seconds of history.  At the end every account's
 * password is changed again, so that it is not expired at the
 * workspace's "now" (printed as "now: T"), which the measurements run at
 * through ESEAL_FAKE_TIME.  Last, the files are compacted as the nightly
 * "esealctl compact" would ("db_kib_before_compaction: K" and
 * "db_kib_compacted: K" printed), since a maintained workspace is what
 * an office has.  Needs a test-hooks build only for that fixed clock and
 * ESEAL_TEST_KDF.
 *
 * WORKERS processes (by default one per online processor) build the
 * documents at once, worker W the documents W+1, W+1+WORKERS, ... each
 * opening the workspace itself and logging the office in.  They take
 * turns at the workspace lock, and the SM2 signature, about half of the
 * work, is made outside it: a sealing is prepared inside a batch
 * (workflow_seal_prepare), signed after the batch has committed
 * (workflow_seal_sign, while the other workers' batches run) and stored
 * in the worker's next batch (workflow_seal_store), where the
 * document's life goes on.  So a batch holds the lives of its new
 * documents up to their first sealing and the rest of the lives of the
 * previous batch's.  Each worker's clock runs on by itself, so the
 * audit entries of two workers interleave a few minutes out of time
 * order, as two clerks' would on two machines whose clocks differ
 * slightly.  One worker builds the same workspace for the same SEED
 * every time; with several, which worker commits first decides the
 * order of ids and document numbers, so only the shapes repeat: the
 * counts printed at the end ("state NAME: N", "sealings: N" ...) are
 * the same for a SEED and a number of workers.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "crypto/crypto.h"
#include "print/print.h"
#include "render/render.h"

/* Documents started per bulk_run batch: about 10 acts each, and their
 * locks are held to the batch's end. */
#define GEN_BATCH	50

/* What a worker made: the shapes printed at the end, and its clock. */
struct gen_tally {
	uint64_t	 state[DOC__STATE_COUNT];	/* where lives ended */
	uint64_t	 sealings;
	uint64_t	 copies;		/* printed */
	uint64_t	 reprints;
	uint64_t	 extras;
	int64_t		 now;
};

struct gen {
	struct store		*st;
	struct session		*s[BENCH__COUNT];
	uint64_t		 seal;
	uint64_t		 printer;
	uint64_t		 dept;
	uint64_t		 rng;
	int64_t			 now;
	int			 defer;	/* sign outside the batches */
	struct gen_tally	*tally;
};

static struct gen gen;

/* xorshift64*: reproducible shapes for one SEED. */
static uint32_t
gen_rand(uint32_t n)
{
	gen.rng ^= gen.rng >> 12;
	gen.rng ^= gen.rng << 25;
	gen.rng ^= gen.rng >> 27;
	return (uint32_t) ((gen.rng * 2685821657736338717ULL) >> 33) % n;
}

/* WHO's session, unlocked if it sat idle (as the user would unlock it). */
static struct session *
gen_live(enum bench_who who)
{
	struct session *s = gen.s[who];

	if (session_touch(s) != STATUS_OK)
		bench_check(session_resume(s, BENCH_PW), "resume");
	return s;
}

/*
 * Every session active at the start of each document, as the bureau's
 * people are through a working day.  The generator's clock jumps
 * BENCH_STEP seconds a document, so without this the session of anyone
 * who did not act for a couple of documents would lock as idle and be
 * unlocked again with a password check and audit entries of its own:
 * about a fifth of the generator's time at 2,000 documents, measured.
 */
static void
gen_keep_awake(void)
{
	int who;

	for (who = 0; who < BENCH__COUNT; who++)
		gen_live((enum bench_who) who);
}

/* Each act happens a little later. */
static struct session *
gen_as(enum bench_who who)
{
	gen.now += 20;
	clock_set(gen.now);
	return gen_live(who);
}

static const uint32_t gen_roles[BENCH__COUNT] = {
	ROLE_DRAFTER, ROLE_APPROVER, ROLE_APPROVER, ROLE_APPROVER, ROLE_CLERK,
	ROLE_PRINTER, ROLE_OFFICE_DIRECTOR
};

static const uint8_t gen_levels[BENCH__COUNT] = { 0, 1, 2, 3, 0, 0, 0 };

#define GEN_SEALABLE	((1u << DOC_PARTY_GROUP) - 1)
#define GEN_LITIGATION	((1u << DOC_LIT_TABLE) | (1u << DOC_LIT_FILL_IN) | \
	(1u << DOC_LIT_COMPOSED))

static struct session *
gen_first_login(const char *name, const char *initial, const char *pw)
{
	struct session *s = NULL;
	enum status rc = session_login(gen.st, name, initial, "bench", &s);

	if (rc != STATUS_PW_MUST_CHANGE)
		bench_check(rc == STATUS_OK ? STATUS_INVALID : rc, name);
	bench_check(session_change_password(s, initial, pw), "password");
	return s;
}

static void
gen_person(struct session *sys, struct session *sec, enum bench_who who)
{
	struct account_attrs a;
	char *initial = NULL;

	bench_check(account_add(sys, bench_names[who], NULL, gen.dept,
	    &initial, NULL), "account_add");
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES | ACCOUNT_LEADER | ACCOUNT_ISSUING |
	    ACCOUNT_DEPT | ACCOUNT_CLEARANCE;
	a.roles = gen_roles[who];
	a.leader_level = gen_levels[who];
	a.issuing_kinds = who == BENCH_CHIEF ? GEN_LITIGATION :
	    who == BENCH_LEADER || who == BENCH_BUREAU ? GEN_SEALABLE : 0;
	a.dept_id = gen.dept;
	a.clearance = CLASS_SECRET;
	bench_check(account_set_attrs(sec, bench_names[who], &a), "attrs");
	gen.s[who] = gen_first_login(bench_names[who], initial, BENCH_PW);
	account_password_free(initial);
}

static const unsigned char gen_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 3, 0xe0, 0, 0, 3, 0xe0, 8, 6, 0, 0, 0, 0xb3, 0x2c,
	0x6e, 0x9b
};

static void
gen_seal_and_printer(struct session *sys)
{
	struct seal_spec spec;
	struct printer_spec p;

	memset(&spec, 0, sizeof spec);
	spec.regno = BENCH_SEAL;
	spec.name = "示范市示范区司法局";
	spec.owner_body = "示范市示范区司法局";
	spec.impression = gen_png;
	spec.impression_len = sizeof gen_png;
	spec.diameter_mm = 42;
	spec.valid_to = BENCH_T0 + 20LL * 365 * 86400;
	bench_check(seal_add(gen.s[BENCH_DIRECTOR], gen.s[BENCH_CLERK], &spec,
	    BENCH_KEY_PW, &gen.seal), "seal_add");

	memset(&p, 0, sizeof p);
	p.name = "colour";
	p.kind = PRINTER_FOLDER;
	p.queue = "/nonexistent/bench-printer";
	p.colour = 1;
	bench_check(printer_add(sys, &p, &gen.printer), "printer_add");
}

static void
gen_office(const char *dir)
{
	static const char *const admin_pw[3] = {
		"Sys-admin-2026", "Sec-admin-2026", "Aud-itor-2026"
	};
	struct session *adm[3];
	struct account_init ai;
	int i;

	gen.now = BENCH_T0 - 86400;
	clock_set(gen.now);
	report_daysum_attach();
	bench_check(store_open(dir, STORE_CREATE, &gen.st), dir);
	audit_attach(gen.st);
	memset(&ai, 0, sizeof ai);
	ai.bureau = "示范市示范区司法局";
	ai.names[0] = "sysadmin";
	ai.names[1] = "secadmin";
	ai.names[2] = "auditor";
	bench_check(account_init_workspace(gen.st, &ai), "init");
	for (i = 0; i < 3; i++) {
		adm[i] = gen_first_login(ai.names[i], ai.passwords[i],
		    admin_pw[i]);
		account_password_free(ai.passwords[i]);
	}
	bench_check(account_dept_add(adm[0], "办公室", "示区司办", 0,
	    &gen.dept), "dept");
	for (i = 0; i < BENCH__COUNT; i++)
		gen_person(adm[0], adm[1], (enum bench_who) i);
	gen_seal_and_printer(adm[0]);
	for (i = 0; i < 3; i++)
		session_free(adm[i]);
}

/* -- One document's life ------------------------------------------------- */

static const char *const gen_topics[] = {
	"配置彩色激光打印机", "行政复议案件办理", "2026年度普法宣传",
	"律师事务所年度检查考核", "人民调解员培训", "法律援助经费使用",
	"社区矫正对象管理", "公证业务规范化建设", "机关办公用房调整",
	"政府信息公开工作"
};

static const char *const gen_forms[] = {
	"请示", "通知", "决定书", "报告", "函", "答复书", "委托函", "纪要"
};

static const char gen_para[] =
	"根据有关规定，结合我局工作实际，现就有关事项说明如下。"
	"一是提高认识，加强领导，确保各项工作落到实处；"
	"二是明确责任，细化分工，按时完成各阶段任务；"
	"三是加强督查，及时总结，发现问题立即整改。\n";

static void
gen_content(struct doc_content *c, uint64_t i, enum doc_kind kind)
{
	struct buf body;
	unsigned n = 1 + gen_rand(4), k;

	doc_content_init(c);
	c->kind = (uint8_t) kind;
	c->copies = 1 + gen_rand(19);
	c->urgency = (uint8_t) (gen_rand(10) == 0 ? URGENCY_URGENT :
	    URGENCY_NORMAL);
	c->title = xasprintf("关于%s的%s（第%llu号）",
	    gen_topics[gen_rand(10)], gen_forms[gen_rand(8)],
	    (unsigned long long) i);
	c->recipients = xstrdup("示范市示范区司法局各科室");
	buf_init(&body);
	buf_add(&body, "各科室：\n", strlen("各科室：\n"));
	for (k = 0; k < n; k++)
		buf_add(&body, gen_para, sizeof gen_para - 1);
	buf_add(&body, "特此通知。", sizeof "特此通知。");
	c->body = (char *) body.data;	/* the buffer becomes the string */
	c->issuing_body = xstrdup("示范市示范区司法局办公室");
}

static enum bench_who
gen_approver(const struct chain *chain, unsigned step, enum doc_kind kind)
{
	int last = step + 1 == chain->n;

	if (chain->level[step] == CHAIN_SECTION_CHIEF &&
	    (!last || ((1u << kind) & GEN_LITIGATION)))
		return BENCH_CHIEF;
	if (chain->level[step] <= CHAIN_LEADER_IN_CHARGE)
		return BENCH_LEADER;
	return BENCH_BUREAU;
}

/*
 * One document's life, which may wait between batches for its sealing
 * to be signed.  The generator follows the state its own acts lead to
 * rather than reading the document back before each act: a clerk sees
 * the document once, where reading it whole (every version inflated,
 * the print log, the approvals and their people) before each of ten
 * acts was about an eighth of the generator's processor time (4.1 s
 * against 3.6 s for 2,000 documents).  Each act still makes all of its
 * checks, so a step the generator got wrong is refused and stops it.
 */
struct gen_doc {
	uint64_t		 i;	/* its number in the run, from 1 */
	uint64_t		 id;
	unsigned		 b;	/* where it ends, by shares of 100 */
	unsigned		 stage;	/* gen_life's */
	enum doc_kind		 kind;
	enum doc_state		 state;
	struct chain		 chain;	/* of the current version */
	unsigned		 level;	/* the approval step it waits at */
	uint32_t		 copies;	/* approved for the version */
	uint32_t		 left;		/* to print */
	uint32_t		 printed;	/* of the sealed version */
	struct workflow_sealing	*w;	/* prepared; to sign, then store */
};

/* D has a new version waiting for approval (drafted or reprinted): its
 * chain, as the core builds it from this office's settings (none). */
static void
gen_version(struct gen_doc *d, const struct doc_content *c)
{
	chain_build(NULL, NULL, c->special_number, 0, &d->chain);
	d->copies = c->copies;
	d->level = 0;
}

static void
gen_print(struct gen_doc *d)
{
	struct printlog_job job;
	uint32_t count = d->left;

	bench_check(printlog_reserve(gen.st, gen_as(BENCH_PRINTER), d->id,
	    gen.printer, count, &job), "reserve");
	bench_check(printlog_complete(gen.st, gen_as(BENCH_PRINTER), job.id,
	    PRINT_DONE, count, count * 2, 0, NULL), "complete");
	gen.tally->copies += count;
	d->printed += count;
	d->left = 0;
	d->state = DOC_PRINTED;
}

/* D's version is sealed: COPIES of it may print. */
static void
gen_sealed(struct gen_doc *d)
{
	d->state = DOC_SEALED;
	d->left = d->copies;
	d->printed = 0;
	gen.tally->sealings++;
}

/* The clerk seals D: at once, or (gen.defer) prepared now, signed after
 * the batch and stored in the next (gen_seal_store); 2 then. */
static int
gen_seal(struct gen_doc *d)
{
	if (gen.defer) {
		bench_check(workflow_seal_prepare(gen.st, gen_as(BENCH_CLERK),
		    d->id, gen.seal, d->copies, &d->w), "seal_prepare");
		return 2;
	}
	bench_check(workflow_seal(gen.st, gen_as(BENCH_CLERK), d->id,
	    gen.seal, d->copies, BENCH_KEY_PW), "seal");
	gen_sealed(d);
	return 1;
}

static void
gen_seal_store(struct gen_doc *d)
{
	bench_check(workflow_seal_store(gen.st, gen_as(BENCH_CLERK), d->w),
	    "seal_store");
	workflow_sealing_free(d->w);
	d->w = NULL;
	gen_sealed(d);
}

static void
gen_approve(struct gen_doc *d)
{
	enum bench_who who = gen_approver(&d->chain, d->level, d->kind);

	bench_check(workflow_approve(gen.st, gen_as(who), d->id,
	    gen_rand(3) == 0 ? "同意。" : NULL), "approve");
	if (++d->level == d->chain.n)
		d->state = DOC_APPROVED;
}

/* One act towards TARGET: 0 once D is there, 1 after an act, 2 when
 * its sealing waits to be signed. */
static int
gen_step(struct gen_doc *d, enum doc_state target)
{
	if (d->state == target)
		return 0;
	switch (d->state) {
	case DOC_DRAFT:
		bench_check(workflow_submit(gen.st, gen_as(BENCH_DRAFTER),
		    d->id), "submit");
		d->state = DOC_IN_APPROVAL;
		break;
	case DOC_IN_APPROVAL:
		gen_approve(d);
		break;
	case DOC_APPROVED:
		bench_check(workflow_send(gen.st, gen_as(BENCH_DRAFTER),
		    d->id), "send");
		d->state = DOC_TO_SEAL;
		break;
	case DOC_TO_SEAL:
		return gen_seal(d);
	case DOC_SEALED:
		gen_print(d);
		break;
	default:
		bench_check(STATUS_STATE, doc_state_name(d->state));
	}
	return 1;
}

/* 1 once D is at TARGET, 0 when it waits for its sealing. */
static int
gen_walk(struct gen_doc *d, enum doc_state target)
{
	int r;

	while ((r = gen_step(d, target)) == 1)
		;
	return r == 0;
}

/* A printed document is corrected: the reprint, every printed copy of
 * the old version recalled and destroyed (the new version is sealed and
 * printed by the walk after it). */
static void
gen_reprint(struct gen_doc *d)
{
	struct doc_content c;
	uint32_t *nos, n = d->printed, k;

	gen_content(&c, d->i, d->kind);
	c.copies = d->copies;
	bench_check(reprint_apply(gen.st, gen_as(BENCH_DRAFTER), d->id, &c,
	    "文字有误，更正后重印。"), "reprint");
	gen_version(d, &c);
	d->state = DOC_IN_APPROVAL;
	doc_content_free(&c);
	nos = xcalloc(n, sizeof *nos);
	for (k = 0; k < n; k++)
		nos[k] = k + 1;
	bench_check(reprint_recall(gen.st, gen_as(BENCH_CLERK), d->id, nos,
	    n), "recall");
	bench_check(reprint_destroy(gen.st, gen_as(BENCH_CLERK), d->id, nos,
	    n, "王监销"), "destroy");
	free(nos);
	gen.tally->reprints++;
}

/* Two more copies asked for and agreed: printed by the walk after. */
static void
gen_extra(struct gen_doc *d)
{
	uint64_t app = 0;

	bench_check(printapp_extra(gen.st, gen_as(BENCH_DRAFTER), d->id, 2,
	    "存档需要", &app), "extra");
	bench_check(printapp_decide(gen.st, gen_as(BENCH_LEADER), app, 1,
	    NULL), "decide");
	d->state = DOC_SEALED;
	d->left = 2;
	gen.tally->extras++;
}

/* Document D is drafted (where it will end is drawn first). */
static void
gen_start(struct gen_doc *d)
{
	static const enum doc_kind kinds[] = {
		DOC_OFFICIAL_ADMIN, DOC_OFFICIAL_OFFICE, DOC_LIT_TABLE,
		DOC_LIT_FILL_IN, DOC_LIT_COMPOSED
	};
	int64_t at = BENCH_T0 + (int64_t) d->i * BENCH_STEP;
	struct doc_content c;

	/* A worker's clock never goes back: the lives of the batch before
	 * may have run past this document's hour.  Its documents are
	 * WORKERS steps apart; its people are kept awake at every step
	 * between, as the other workers' documents keep them busy. */
	while (gen.now + BENCH_STEP < at) {
		gen.now += BENCH_STEP;
		clock_set(gen.now);
		gen_keep_awake();
	}
	if (gen.now < at)
		gen.now = at;
	clock_set(gen.now);
	gen_keep_awake();
	d->b = gen_rand(100);
	d->kind = d->b == 99 ? DOC_PARTY_GROUP : kinds[gen_rand(5)];
	gen_content(&c, d->i, d->kind);
	bench_check(workflow_create(gen.st, gen_as(BENCH_DRAFTER), &c,
	    &d->id), "create");
	d->state = d->b == 99 ? DOC_REFUSED : DOC_DRAFT;
	gen_version(d, &c);
	doc_content_free(&c);
}

/* The state the first walk of a life with share B goes to. */
static enum doc_state
gen_target(unsigned b)
{
	if (b < 8)
		return DOC_IN_APPROVAL;
	if (b < 10)
		return DOC_APPROVED;
	if (b < 13 || (b >= 16 && b < 18))
		return DOC_TO_SEAL;
	return b < 16 ? DOC_SEALED : DOC_PRINTED;
}

static int
gen_end(enum doc_state state)
{
	gen.tally->state[state]++;
	return 1;
}

/*
 * Where document D ends, by shares of a hundred: refused kind 1, drafts
 * 3, in approval 3, returned 2, approved 2, waiting for the seal 3,
 * sealed 3, rejected by the clerk 2, printed 81 (of which reprinted 2,
 * with an extra print 2).  Goes on from where it waited; 1 once the
 * life is over, 0 when it waits for a sealing again.
 */
static int
gen_life(struct gen_doc *d)
{
	unsigned b = d->b;

	if (b == 99 || b < 3)
		return gen_end(b == 99 ? DOC_REFUSED : DOC_DRAFT);
	if (d->stage == 0) {
		if (!gen_walk(d, gen_target(b)))
			return 0;
		d->stage = 1;
	}
	if (d->stage == 1) {
		d->stage = 2;
		if (b >= 6 && b < 8) {
			bench_check(workflow_return(gen.st,
			    gen_as(BENCH_CHIEF), d->id, "请补充依据。"),
			    "return");
			return gen_end(DOC_RETURNED);
		}
		if (b >= 16 && b < 18) {
			bench_check(workflow_reject(gen.st,
			    gen_as(BENCH_CLERK), d->id, "附件不全。"),
			    "reject");
			return gen_end(DOC_REJECTED);
		}
		if (b >= 18 && b < 20)
			gen_reprint(d);
		else if (b >= 20 && b < 22)
			gen_extra(d);
		else
			return gen_end(gen_target(b));
	}
	return gen_walk(d, DOC_PRINTED) ? gen_end(DOC_PRINTED) : 0;
}

/* Passwords changed at the end, so none has expired at the end's time:
 * each person logs in once more (an expired password still lets one
 * change it). */
static void
gen_refresh(const char *dir)
{
	struct session *s;
	enum status rc;
	int who;

	gen.now += 3600;
	clock_set(gen.now);
	bench_check(store_open(dir, 0, &gen.st), dir);
	audit_attach(gen.st);
	for (who = 0; who < BENCH__COUNT; who++) {
		gen.now += 20;
		clock_set(gen.now);
		s = NULL;
		rc = session_login(gen.st, bench_names[who], BENCH_PW, "bench",
		    &s);
		if (rc == STATUS_PW_EXPIRED || rc == STATUS_PW_MUST_CHANGE)
			rc = STATUS_OK;
		bench_check(rc, bench_names[who]);
		bench_check(session_change_password(s, BENCH_PW,
		    BENCH_PW_NOW), "refresh");
		session_free(s);
	}
}

/* KiB the .db files of DIR take on disk, as du counts them. */
static uint64_t
gen_db_kib(const char *dir)
{
	uint64_t kib = 0;
	struct dirent *e;
	struct stat sb;
	size_t len;
	char *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (stat(path, &sb) == 0)
			kib += (uint64_t) sb.st_blocks / 2;
		free(path);
	}
	closedir(d);
	return kib;
}

/* End with what a nightly "esealctl compact" does (store_compact, two
 * passes; the verb adds one audit entry), so that the store measured is
 * a maintained workspace's; the size before is printed for comparison. */
static void
gen_compact(const char *dir)
{
	uint64_t before = gen_db_kib(dir);
	double t0 = bench_ms();

	bench_check(store_compact(gen.st, 2, NULL, NULL), "compact");
	printf("db_kib_before_compaction: %llu\ndb_kib_compacted: %llu\n"
	    "compact_seconds: %.2f\n", (unsigned long long) before,
	    (unsigned long long) gen_db_kib(dir), (bench_ms() - t0) / 1e3);
}

/* The drawn original needs a seal whose picture the renderer can use:
 * one made by the render layer, as esealctl makes it. */
static void
gen_real_seal(void)
{
	struct impression_spec is;
	struct seal_spec spec;
	struct buf png;
	char *regno = xasprintf("BENCH-R%ld", (long) getpid());

	memset(&is, 0, sizeof is);
	is.name = "示范市示范区司法局";
	buf_init(&png);
	bench_check(impression_png(&is, &png), "impression");
	memset(&spec, 0, sizeof spec);
	spec.regno = regno;
	spec.name = is.name;
	spec.owner_body = is.name;
	spec.impression = png.data;
	spec.impression_len = png.len;
	spec.diameter_mm = 42;
	bench_check(seal_add(gen_as(BENCH_DIRECTOR), gen_as(BENCH_CLERK),
	    &spec, BENCH_KEY_PW, &gen.seal), "seal_add");
	buf_free(&png);
	free(regno);
}

/* The processor time of this process, in ms: a shared machine's other
 * programs do not count in it. */
static double
gen_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
gen_seal_docs(const char *dir, int64_t now, int reps, int render)
{
	double *a = xcalloc((size_t) reps, sizeof *a);
	double *cpu = xcalloc((size_t) reps, sizeof *cpu);
	static struct gen_tally tally;
	struct doc_content c;
	struct gen_doc d;
	double t;
	char *body;
	int who, i, k;

	gen.now = now;
	gen.rng = 20261204;
	gen.tally = &tally;
	clock_set(now);
	report_daysum_attach();
	bench_check(store_open(dir, 0, &gen.st), dir);
	audit_attach(gen.st);
	if (render)
		print_attach(gen.st);
	for (who = 0; who < BENCH__COUNT; who++)
		gen.s[who] = bench_login(gen.st, bench_names[who],
		    BENCH_PW_NOW);
	gen_real_seal();
	for (i = 0; i < reps; i++) {
		gen_content(&c, 9000000 + (uint64_t) i, DOC_OFFICIAL_ADMIN);
		for (k = 0; k < 16; k++) {	/* three pages of A4 */
			body = xasprintf("%s%s", c.body, gen_para);
			free(c.body);
			c.body = body;
		}
		memset(&d, 0, sizeof d);
		bench_check(workflow_create(gen.st, gen_as(BENCH_DRAFTER), &c,
		    &d.id), "create");
		d.kind = DOC_OFFICIAL_ADMIN;
		d.state = DOC_DRAFT;
		gen_version(&d, &c);
		doc_content_free(&c);
		gen_walk(&d, DOC_TO_SEAL);
		t = bench_ms();
		cpu[i] = gen_cpu_ms();
		gen_step(&d, DOC_SEALED);
		a[i] = bench_ms() - t;
		cpu[i] = gen_cpu_ms() - cpu[i];
	}
	printf("seal_one %.2f ms\nseal_first %.2f ms\n",
	    bench_median(a, (size_t) reps), a[0]);
	printf("seal_one_cpu %.2f ms\n", bench_median(cpu, (size_t) reps));
	free(cpu);
	for (who = 0; who < BENCH__COUNT; who++)
		session_free(gen.s[who]);
	print_attach(NULL);
	audit_attach(NULL);
	store_close(gen.st);
	free(a);
}

/*
 * A worker's share of the documents: the next to start, and the lives
 * waiting for their sealings.  A life waits for at most two sealings
 * (its first and a reprint's), each for one batch, so no more than
 * 2 * GEN_BATCH lives wait at a time.
 */
#define GEN_WAIT_MAX	(2 * GEN_BATCH)

struct gen_work {
	uint64_t	 n;
	uint64_t	 next;
	unsigned	 step;		/* the number of workers */
	struct gen_doc	*wait;		/* signed: stored in this batch */
	size_t		 n_wait;
	struct gen_doc	*todo;		/* prepared: signed after it */
	size_t		 n_todo;
};

/* Go on with D's life; a life waiting for its sealing again is kept. */
static void
gen_continue(struct gen_work *g, const struct gen_doc *d)
{
	struct gen_doc copy = *d;

	if (gen_life(&copy))
		return;
	if (g->n_todo == GEN_WAIT_MAX)
		bench_check(STATUS_INVALID, "too many sealings waiting");
	g->todo[g->n_todo++] = copy;
}

/* One batch: the sealings signed since the last stored and their lives
 * gone on with, then up to GEN_BATCH new documents. */
static enum status
gen_batch(void *arg)
{
	struct gen_work *g = arg;
	struct gen_doc d;
	size_t k, started;

	g->n_todo = 0;
	for (k = 0; k < g->n_wait; k++) {
		gen_keep_awake();
		gen_seal_store(&g->wait[k]);
		gen_continue(g, &g->wait[k]);
	}
	for (started = 0; started < GEN_BATCH && g->next <= g->n; started++) {
		memset(&d, 0, sizeof d);
		d.i = g->next;
		g->next += g->step;
		gen_start(&d);
		gen_continue(g, &d);
	}
	return STATUS_OK;
}

/* Sign the sealings the batch prepared, with the workspace free for the
 * other workers; they are stored by the next batch. */
static void
gen_sign(struct gen_work *g)
{
	struct gen_doc *t;
	size_t k;

	for (k = 0; k < g->n_todo; k++)
		bench_check(workflow_seal_sign(gen.st, gen_live(BENCH_CLERK),
		    g->todo[k].w, BENCH_KEY_PW), "seal_sign");
	t = g->wait;
	g->wait = g->todo;
	g->n_wait = g->n_todo;
	g->todo = t;
	g->n_todo = 0;
}

static void
gen_work(struct gen_work *g, double t0, int talk)
{
	uint64_t shown = 0;

	while (g->next <= g->n || g->n_wait > 0) {
		bench_check(bulk_run(gen.st, gen_batch, g), "bulk_run");
		gen_sign(g);
		if (talk && g->next - shown > 10000 && g->next <= g->n) {
			shown = g->next;
			fprintf(stderr, "gen: about %llu documents, %.0f/s\n",
			    (unsigned long long) shown,
			    (double) shown * 1e3 / (bench_ms() - t0));
		}
	}
}

/* Worker W of WORKERS, in a process of its own: its share of the N
 * documents, with its own handle on the workspace and its own sessions
 * of the office's people. */
static void
gen_worker(const char *dir, uint64_t n, unsigned w, unsigned workers,
    struct gen_tally *tally, double t0)
{
	struct gen_work g;
	int who;

	gen.rng += w;		/* worker 0 draws as a single one does */
	gen.tally = tally;
	gen.defer = 1;
	bench_check(store_open(dir, 0, &gen.st), dir);
	audit_attach(gen.st);
	for (who = 0; who < BENCH__COUNT; who++)
		gen.s[who] = bench_login(gen.st, bench_names[who], BENCH_PW);
	memset(&g, 0, sizeof g);
	g.n = n;
	g.next = w + 1;
	g.step = workers;
	g.wait = xcalloc(GEN_WAIT_MAX, sizeof *g.wait);
	g.todo = xcalloc(GEN_WAIT_MAX, sizeof *g.todo);
	gen_work(&g, t0, w == 0);
	tally->now = gen.now;
	free(g.wait);
	free(g.todo);
	for (who = 0; who < BENCH__COUNT; who++)
		session_free(gen.s[who]);
	audit_attach(NULL);
	store_close(gen.st);
}

/* Run the workers and add up what they made into *SUM. */
static void
gen_workers(const char *dir, uint64_t n, unsigned workers, double t0,
    struct gen_tally *sum)
{
	struct gen_tally *t = mmap(NULL, workers * sizeof *t, PROT_READ |
	    PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned w, failed = 0;
	int k, status;
	pid_t pid;

	if (t == MAP_FAILED)
		bench_check(STATUS_NOMEM, "mmap");
	memset(t, 0, workers * sizeof *t);
	fflush(NULL);
	for (w = 0; w < workers; w++) {
		if ((pid = fork()) < 0)
			bench_check(status_from_errno(errno), "fork");
		if (pid == 0) {
			gen_worker(dir, n, w, workers, &t[w], t0);
			_exit(0);
		}
	}
	for (w = 0; w < workers; w++)
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed++;
	if (failed != 0)
		bench_check(STATUS_INVALID, "a worker failed");
	memset(sum, 0, sizeof *sum);
	for (w = 0; w < workers; w++) {
		for (k = 0; k < DOC__STATE_COUNT; k++)
			sum->state[k] += t[w].state[k];
		sum->sealings += t[w].sealings;
		sum->copies += t[w].copies;
		sum->reprints += t[w].reprints;
		sum->extras += t[w].extras;
		if (t[w].now > sum->now)
			sum->now = t[w].now;
	}
	munmap(t, workers * sizeof *t);
}

static void
gen_print_shapes(const struct gen_tally *t)
{
	int k;

	for (k = 0; k < DOC__STATE_COUNT; k++)
		if (t->state[k] != 0)
			printf("state %s: %llu\n", doc_state_name(k),
			    (unsigned long long) t->state[k]);
	printf("sealings: %llu\ncopies printed: %llu\nreprints: %llu\n"
	    "extra prints: %llu\n", (unsigned long long) t->sealings,
	    (unsigned long long) t->copies, (unsigned long long) t->reprints,
	    (unsigned long long) t->extras);
}

static unsigned
gen_online(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (unsigned) n : 1;
}

int
main(int argc, char **argv)
{
	struct gen_tally sum;
	unsigned workers = gen_online();
	uint64_t n;
	double t0;
	int who;

	if (argc >= 5 && strcmp(argv[1], "--seal") == 0) {
		bench_check(crypto_init(), "crypto_init");
		gen_seal_docs(argv[2], strtoll(argv[3], NULL, 10),
		    atoi(argv[4]), argc == 5);
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "-w") == 0) {
		workers = (unsigned) strtoul(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if (argc < 3 || workers < 1 || workers > 64) {
		fprintf(stderr, "usage: gen [-w WORKERS] DIR N [SEED]\n");
		return 2;
	}
	n = strtoull(argv[2], NULL, 10);
	gen.rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 20261204;
	bench_check(crypto_init(), "crypto_init");
	t0 = bench_ms();
	gen_office(argv[1]);
	for (who = 0; who < BENCH__COUNT; who++)
		session_free(gen.s[who]);
	audit_attach(NULL);
	store_close(gen.st);

	gen_workers(argv[1], n, workers, t0, &sum);
	if (sum.now > gen.now)
		gen.now = sum.now;
	gen_refresh(argv[1]);
	printf("documents: %llu\nworkers: %u\nseconds: %.1f\nnow: %lld\n",
	    (unsigned long long) n, workers, (bench_ms() - t0) / 1e3,
	    (long long) gen.now);
	gen_print_shapes(&sum);
	gen_compact(argv[1]);
	audit_attach(NULL);
	store_close(gen.st);
	return 0;
}
