/*
 * gen.c -- build a benchmark workspace of N documents through the core
 * API, the way an office would fill it over the years: every state,
 * approval chains, returns, rejections, reprints with recalled and
 * destroyed copies, extra prints, about 10 printed copies per document,
 * and the audit trail all of that writes.
 *
 * Usage: gen DIR N [SEED]
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
 * N * BENCH_STEP seconds of history.
 * At the end every account's password is changed again, so that it is
 * not expired at the workspace's "now" (printed as "now: T"), which the
 * measurements run at through ESEAL_FAKE_TIME.  Needs a test-hooks build
 * only for that fixed clock and ESEAL_TEST_KDF.
 *
 * One generator, one core: every act runs under the workspace lock
 * (store/wslock.c), its signature included, and the signature is half
 * of the generator's processor time.  A second writer on the same
 * workspace can only wait for the lock: two processes sealing 150
 * documents each took 2.5-3.7 s where one process sealing 300 took
 * 1.9-2.2 s (per-act transactions on a memory file system, where the
 * sync costs nothing).  Using both cores needs the signature made
 * outside the lock, a change to how the core seals.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "crypto/crypto.h"
#include "print/print.h"
#include "render/render.h"

/* Documents per bulk_run batch: about 10 acts each, and their locks are
 * held to the batch's end. */
#define GEN_BATCH	50

struct gen {
	struct store	*st;
	struct session	*s[BENCH__COUNT];
	uint64_t	 seal;
	uint64_t	 printer;
	uint64_t	 dept;
	uint64_t	 rng;
	int64_t		 now;
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

/* Read the document's state; at an approval step, who acts there. */
static enum doc_state
gen_state(uint64_t id, enum bench_who *approver, uint32_t *left)
{
	struct docview v;
	enum doc_state state;

	bench_check(docview_get(gen.st, gen_live(BENCH_CLERK), id, &v), "view");
	state = (enum doc_state) v.doc.state;
	if (state == DOC_IN_APPROVAL)
		*approver = gen_approver(&v.chain, v.doc.approval_level,
		    (enum doc_kind) v.doc.kind);
	/* Before sealing, the copies asked for are the version's. */
	*left = state == DOC_TO_SEAL ? v.content.copies :
	    v.doc.copies - v.doc.copies_printed;
	docview_free(&v);
	return state;
}

static void
gen_print(uint64_t id, uint32_t count)
{
	struct printlog_job job;

	bench_check(printlog_reserve(gen.st, gen_as(BENCH_PRINTER), id,
	    gen.printer, count, &job), "reserve");
	bench_check(printlog_complete(gen.st, gen_as(BENCH_PRINTER), job.id,
	    PRINT_DONE, count, count * 2, 0, NULL), "complete");
}

/* One act towards TARGET; returns 0 once the document is there. */
static int
gen_step(uint64_t id, enum doc_state target)
{
	enum bench_who who = BENCH_CHIEF;
	uint32_t left = 0;
	enum doc_state state = gen_state(id, &who, &left);

	if (state == target)
		return 0;
	switch (state) {
	case DOC_DRAFT:
		bench_check(workflow_submit(gen.st, gen_as(BENCH_DRAFTER), id),
		    "submit");
		break;
	case DOC_IN_APPROVAL:
		bench_check(workflow_approve(gen.st, gen_as(who), id,
		    gen_rand(3) == 0 ? "同意。" : NULL), "approve");
		break;
	case DOC_APPROVED:
		bench_check(workflow_send(gen.st, gen_as(BENCH_DRAFTER), id),
		    "send");
		break;
	case DOC_TO_SEAL:
		bench_check(workflow_seal(gen.st, gen_as(BENCH_CLERK), id,
		    gen.seal, left, BENCH_KEY_PW), "seal");
		break;
	case DOC_SEALED:
		gen_print(id, left);
		break;
	default:
		bench_check(STATUS_STATE, doc_state_name(state));
	}
	return 1;
}

static void
gen_walk(uint64_t id, enum doc_state target)
{
	while (gen_step(id, target))
		;
}

/* A printed document is corrected: the reprint, every printed copy of
 * the old version recalled and destroyed, the new one sealed and
 * printed. */
static void
gen_reprint(uint64_t id, uint64_t i)
{
	struct docview v;
	struct doc_content c;
	uint32_t *nos, n, k;

	bench_check(docview_get(gen.st, gen_live(BENCH_CLERK), id, &v), "view");
	n = v.doc.copies_printed;
	gen_content(&c, i, (enum doc_kind) v.doc.kind);
	c.copies = v.doc.copies;
	docview_free(&v);
	bench_check(reprint_apply(gen.st, gen_as(BENCH_DRAFTER), id, &c,
	    "文字有误，更正后重印。"), "reprint");
	doc_content_free(&c);
	nos = xcalloc(n, sizeof *nos);
	for (k = 0; k < n; k++)
		nos[k] = k + 1;
	bench_check(reprint_recall(gen.st, gen_as(BENCH_CLERK), id, nos, n),
	    "recall");
	bench_check(reprint_destroy(gen.st, gen_as(BENCH_CLERK), id, nos, n,
	    "王监销"), "destroy");
	free(nos);
	gen_walk(id, DOC_PRINTED);
}

static void
gen_extra(uint64_t id)
{
	uint64_t app = 0;

	bench_check(printapp_extra(gen.st, gen_as(BENCH_DRAFTER), id, 2,
	    "存档需要", &app), "extra");
	bench_check(printapp_decide(gen.st, gen_as(BENCH_LEADER), app, 1,
	    NULL), "decide");
	gen_walk(id, DOC_PRINTED);
}

/* Where document I ends, by shares of a hundred. */
static void
gen_document(uint64_t i)
{
	static const enum doc_kind kinds[] = {
		DOC_OFFICIAL_ADMIN, DOC_OFFICIAL_OFFICE, DOC_LIT_TABLE,
		DOC_LIT_FILL_IN, DOC_LIT_COMPOSED
	};
	unsigned b = gen_rand(100);
	struct doc_content c;
	uint64_t id = 0;

	gen.now = BENCH_T0 + (int64_t) i * BENCH_STEP;
	clock_set(gen.now);
	gen_keep_awake();
	gen_content(&c, i, b == 99 ? DOC_PARTY_GROUP : kinds[gen_rand(5)]);
	bench_check(workflow_create(gen.st, gen_as(BENCH_DRAFTER), &c, &id),
	    "create");
	doc_content_free(&c);
	if (b == 99 || b < 3)
		return;			/* refused kind; drafts */
	if (b < 6)
		gen_walk(id, DOC_IN_APPROVAL);
	else if (b < 8) {
		gen_walk(id, DOC_IN_APPROVAL);
		bench_check(workflow_return(gen.st, gen_as(BENCH_CHIEF), id,
		    "请补充依据。"), "return");
	} else if (b < 10)
		gen_walk(id, DOC_APPROVED);
	else if (b < 13)
		gen_walk(id, DOC_TO_SEAL);
	else if (b < 16)
		gen_walk(id, DOC_SEALED);
	else if (b < 18) {
		gen_walk(id, DOC_TO_SEAL);
		bench_check(workflow_reject(gen.st, gen_as(BENCH_CLERK), id,
		    "附件不全。"), "reject");
	} else {
		gen_walk(id, DOC_PRINTED);
		if (b < 20)
			gen_reprint(id, i);
		else if (b < 22)
			gen_extra(id);
	}
}

/* Passwords changed at the end, so none has expired at the end's time. */
static void
gen_refresh(void)
{
	int who;

	gen.now += 3600;
	clock_set(gen.now);
	for (who = 0; who < BENCH__COUNT; who++) {
		gen_as((enum bench_who) who);
		bench_check(session_change_password(gen.s[who], BENCH_PW,
		    BENCH_PW_NOW), "refresh");
		session_free(gen.s[who]);
	}
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
	struct doc_content c;
	uint64_t id;
	double t;
	char *body;
	int who, i, k;

	gen.now = now;
	gen.rng = 20261204;
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
		bench_check(workflow_create(gen.st, gen_as(BENCH_DRAFTER), &c,
		    &id), "create");
		doc_content_free(&c);
		gen_walk(id, DOC_TO_SEAL);
		t = bench_ms();
		cpu[i] = gen_cpu_ms();
		gen_step(id, DOC_SEALED);
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

/* The documents of one batch: [*first, last]. */
struct gen_range {
	uint64_t	 first;
	uint64_t	 last;
};

static enum status
gen_batch(void *arg)
{
	const struct gen_range *r = arg;
	uint64_t i;

	for (i = r->first; i <= r->last; i++)
		gen_document(i);
	return STATUS_OK;
}

static void
gen_documents(uint64_t n, double t0)
{
	struct gen_range r;

	for (r.first = 1; r.first <= n; r.first = r.last + 1) {
		r.last = r.first + GEN_BATCH - 1;
		if (r.last > n)
			r.last = n;
		bench_check(bulk_run(gen.st, gen_batch, &r), "bulk_run");
		if (r.last / 1000 != (r.first - 1) / 1000)
			fprintf(stderr, "gen: %llu documents, %.0f/s\n",
			    (unsigned long long) r.last,
			    (double) r.last * 1e3 / (bench_ms() - t0));
	}
}

int
main(int argc, char **argv)
{
	uint64_t n;
	double t0;

	if (argc >= 5 && strcmp(argv[1], "--seal") == 0) {
		bench_check(crypto_init(), "crypto_init");
		gen_seal_docs(argv[2], strtoll(argv[3], NULL, 10),
		    atoi(argv[4]), argc == 5);
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: gen DIR N [SEED]\n");
		return 2;
	}
	n = strtoull(argv[2], NULL, 10);
	gen.rng = argc > 3 ? strtoull(argv[3], NULL, 10) : 20261204;
	bench_check(crypto_init(), "crypto_init");
	t0 = bench_ms();
	gen_office(argv[1]);
	gen_documents(n, t0);
	gen_refresh();
	printf("documents: %llu\nseconds: %.1f\nnow: %lld\n",
	    (unsigned long long) n, (bench_ms() - t0) / 1e3,
	    (long long) gen.now);
	audit_attach(NULL);
	store_close(gen.st);
	return 0;
}
