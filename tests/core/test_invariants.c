/*
 * test_invariants.c -- thousands of random workflow actions by random
 * users, allowed and not, with the workflow's invariants checked after
 * every one:
 *
 *   - no seal without the approval chain and an issuance by a holder of
 *     issuing authority (Art. 9);
 *   - no print of an unsealed or superseded version (Flow 2, 4);
 *   - printed copies never exceed approved copies (Art. 11);
 *   - copy numbers of printed copies are unique per document;
 *   - a frozen version never changes (Art. 10);
 *   - every action appends exactly one audit entry;
 *   - a refused action changes nothing.
 *
 * The run is seeded: ESEAL_SEED=N repeats one, and every failure names
 * the seed and the step; INV_DEBUG=1 prints each step and its result.  Checks read only the records of the document
 * the step touched, through its indexes, so the run stays fast.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "core/wfop.h"
#include "crypto/crypto.h"

#define INV_STEPS	10000
#define INV_MAXDOCS	48
#define INV_MAXAPPS	64
#define INV_MAXVERSIONS	64

/* What the test remembers between steps. */
struct inv {
	unsigned	 seed;
	unsigned	 step;
	uint64_t	 docs[INV_MAXDOCS];
	unsigned	 ndocs;
	uint64_t	 apps[INV_MAXAPPS];
	unsigned	 app_slot[INV_MAXAPPS];	/* its document's slot */
	unsigned	 napps;
	uint64_t	 jobs[INV_MAXDOCS];	/* pending job per doc slot */
	/* The SM3 of the canonical content of each frozen version, by
	 * (doc slot, version): a frozen version must never change. */
	unsigned char	 frozen[INV_MAXDOCS][INV_MAXVERSIONS][32];
	uint8_t		 has_frozen[INV_MAXDOCS][INV_MAXVERSIONS];
	unsigned	 ok, refused;
};

static struct inv inv;

#define INV_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		char inv_msg_[256]; \
		snprintf(inv_msg_, sizeof inv_msg_, __VA_ARGS__); \
		ck_abort_msg("seed %u step %u: %s (%s)", inv.seed, inv.step, \
		    inv_msg_, #cond); \
	} \
} while (0)

static unsigned
inv_rand(unsigned n)
{
	return n == 0 ? 0 : (unsigned) rand() % n;
}

/* -- A snapshot of what a refusal must not change ----------------------- */

struct inv_snap {
	uint64_t	 last[REC__COUNT];
	char		*doc;		/* rec_format of the touched document */
	char		*app;		/* and application */
};

struct inv_snap_arg {
	struct inv_snap	*snap;
	uint64_t	 doc_id, app_id;
};

static char *
inv_format(struct store_txn *txn, enum rec_kind kind, uint64_t id)
{
	union {
		struct rec_doc		d;
		struct rec_application	a;
	} rec;
	char *text = NULL;

	memset(&rec, 0, sizeof rec);
	if (id != 0 && store_get(txn, kind, id, &rec) == STATUS_OK) {
		text = rec_format(kind, &rec);
		rec_free(kind, &rec);
	}
	return text;
}

static enum status
inv_snap_txn(struct store_txn *txn, void *arg)
{
	struct inv_snap_arg *a = arg;
	static const enum rec_kind kinds[] = {
		REC_DOC, REC_VERSION, REC_APPROVAL, REC_APPLICATION,
		REC_PRINTJOB, REC_RECALL, REC_META
	};
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0] && rc == STATUS_OK; i++)
		rc = store_last_id(txn, kinds[i], &a->snap->last[kinds[i]]);
	free(a->snap->doc);
	free(a->snap->app);
	a->snap->doc = inv_format(txn, REC_DOC, a->doc_id);
	a->snap->app = inv_format(txn, REC_APPLICATION, a->app_id);
	return rc;
}

static void
inv_snap(struct inv_snap *snap, uint64_t doc_id, uint64_t app_id)
{
	struct inv_snap_arg a = { snap, doc_id, app_id };

	ck_assert_int_eq(store_run(fx.st, STORE_READ, inv_snap_txn, &a),
	    STATUS_OK);
}

static int
inv_str_eq(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

static void
inv_unchanged(const struct inv_snap *before, uint64_t doc_id, uint64_t app_id)
{
	struct inv_snap after;
	size_t k;

	memset(&after, 0, sizeof after);
	inv_snap(&after, doc_id, app_id);
	for (k = 0; k < REC__COUNT; k++)
		INV_ASSERT(after.last[k] == before->last[k],
		    "a refusal added a %s record", rec_kind_name(k));
	INV_ASSERT(inv_str_eq(after.doc, before->doc),
	    "a refusal changed document %llu", (unsigned long long) doc_id);
	INV_ASSERT(inv_str_eq(after.app, before->app),
	    "a refusal changed application %llu", (unsigned long long) app_id);
	free(after.doc);
	free(after.app);
}

/* -- The checks on one document ------------------------------------------ */

struct inv_jobs {
	uint32_t	 first[256], count[256];
	unsigned	 n, pending;
	uint32_t	 done_sealed;
	uint32_t	 done_earlier;	/* of versions before the sealed one */
	int		 overflow;
	const struct rec_doc *doc;
};

static int
inv_job_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	struct inv_jobs *js = arg;

	if (j->outcome == PRINT_PENDING)
		js->pending++;
	if (j->outcome != PRINT_DONE)
		return 0;
	/* A printed copy is always of a version that was sealed. */
	INV_ASSERT(j->version >= 1 && j->version <= js->doc->sealed_version,
	    "copies printed of unsealed version %u", (unsigned) j->version);
	INV_ASSERT(j->first_copy >= 1 && j->first_copy + j->count <=
	    js->doc->next_copy_no, "copy numbers %u+%u beyond %u",
	    (unsigned) j->first_copy, (unsigned) j->count,
	    (unsigned) js->doc->next_copy_no);
	if (j->version == js->doc->sealed_version)
		js->done_sealed += j->count;
	else
		js->done_earlier += j->count;
	if (js->n == 256) {
		js->overflow = 1;
		return 0;
	}
	js->first[js->n] = j->first_copy;
	js->count[js->n++] = j->count;
	return 0;
}

struct inv_recalls {
	uint32_t	 before;	/* versions below this */
	uint32_t	 n;
};

static int
inv_recall_each(const void *rec, void *arg)
{
	const struct rec_recall *r = rec;
	struct inv_recalls *c = arg;

	if (r->version < c->before && r->destroyed_by != 0)
		c->n++;
	return 0;
}

/* Copies of versions before the sealed one recorded destroyed. */
static uint32_t
inv_destroyed_earlier(struct store_txn *txn, const struct rec_doc *d)
{
	struct store_range r = { 1, { d->id, 0, 0 }, 0, UINT64_MAX };
	struct inv_recalls c = { d->sealed_version, 0 };

	ck_assert_int_eq(store_scan(txn, IDX_RECALL_DOC, &r, 0,
	    inv_recall_each, &c), STATUS_OK);
	return c.n;
}

static void
inv_check_jobs(struct store_txn *txn, const struct rec_doc *d)
{
	struct store_range r = { 1, { d->id, 0, 0 }, 0, UINT64_MAX };
	struct inv_jobs js;
	unsigned i, k;

	memset(&js, 0, sizeof js);
	js.doc = d;
	ck_assert_int_eq(store_scan(txn, IDX_PRINTJOB_DOC, &r, 0, inv_job_each,
	    &js), STATUS_OK);
	INV_ASSERT(js.pending <= 1, "%u jobs pending", js.pending);
	INV_ASSERT(js.done_sealed == d->copies_printed,
	    "log says %u printed, document says %u", js.done_sealed,
	    (unsigned) d->copies_printed);
	INV_ASSERT(d->copies_printed <= d->copies, "%u printed of %u approved",
	    (unsigned) d->copies_printed, (unsigned) d->copies);

	/* Flow 4: a version sealed after copies of an earlier one were
	 * printed was sealed only once all of those were destroyed. */
	INV_ASSERT(inv_destroyed_earlier(txn, d) == js.done_earlier,
	    "sealed version %u while %u earlier copies were out",
	    (unsigned) d->sealed_version,
	    js.done_earlier - inv_destroyed_earlier(txn, d));

	/* Copy numbers unique per document: the ranges never overlap. */
	for (i = 0; i < js.n; i++)
		for (k = i + 1; k < js.n; k++)
			INV_ASSERT(js.first[i] + js.count[i] <= js.first[k] ||
			    js.first[k] + js.count[k] <= js.first[i],
			    "copy ranges %u+%u and %u+%u overlap", js.first[i],
			    js.count[i], js.first[k], js.count[k]);
}

/* The issuance of VERSION: by someone holding issuing authority for the
 * kind, with an approval at every step before it (Art. 9). */
struct inv_chain {
	uint32_t	 version;
	uint32_t	 levels;	/* bit per level approved */
	int		 issue_level;	/* of the newest issuance, or -1 */
	uint64_t	 issuer;
};

static int
inv_approval_each(const void *rec, void *arg)
{
	const struct rec_approval *a = rec;
	struct inv_chain *c = arg;

	if (a->version != c->version)
		return 0;
	if (a->action == APPROVAL_APPROVE)
		c->levels |= 1u << a->level;
	else if (a->action == APPROVAL_ISSUE) {
		c->issue_level = a->level;
		c->issuer = a->approver_id;
	}
	return 0;
}

static void
inv_check_issued(struct store_txn *txn, const struct rec_doc *d,
    uint32_t version)
{
	struct store_range r = { 1, { d->id, 0, 0 }, 0, UINT64_MAX };
	struct inv_chain c = { version, 0, -1, 0 };
	struct wfop_approvals ap;
	struct rec_user u;

	ck_assert_int_eq(wfop_approvals(txn, d->id, version, 0, &ap),
	    STATUS_OK);
	INV_ASSERT(ap.issued, "version %u sealed or sent without issuance",
	    (unsigned) version);
	ck_assert_int_eq(store_scan(txn, IDX_APPROVAL_DOC, &r, 0,
	    inv_approval_each, &c), STATUS_OK);
	INV_ASSERT(c.issue_level >= 0, "no issuance record");
	INV_ASSERT(c.levels == (1u << c.issue_level) - 1,
	    "issued at step %d after approvals %#x", c.issue_level,
	    (unsigned) c.levels);
	ck_assert_int_eq(store_get(txn, REC_USER, c.issuer, &u), STATUS_OK);
	INV_ASSERT(u.issuing_kinds & (1u << d->kind),
	    "issued by %s without issuing authority", u.name);
	INV_ASSERT(u.id != d->drafter_id, "the drafter issued");
	rec_free(REC_USER, &u);
}

/* Versions: each hashes to its stored hash, and a frozen one is exactly
 * what it was when it froze. */
static void
inv_check_versions(struct store_txn *txn, const struct rec_doc *d,
    unsigned slot)
{
	struct rec_version v;
	uint32_t n;

	for (n = 1; n <= d->version && n < INV_MAXVERSIONS; n++) {
		ck_assert_int_eq(wfop_version(txn, d->id, n, &v), STATUS_OK);
		INV_ASSERT(wfop_hash_check(d->id, &v) == STATUS_OK,
		    "version %u does not match its hash", (unsigned) n);
		if (inv.has_frozen[slot][n]) {
			INV_ASSERT(v.frozen, "version %u thawed", (unsigned) n);
			INV_ASSERT(memcmp(inv.frozen[slot][n],
			    v.content_sm3.data, 32) == 0,
			    "frozen version %u changed", (unsigned) n);
		} else if (v.frozen) {
			memcpy(inv.frozen[slot][n], v.content_sm3.data, 32);
			inv.has_frozen[slot][n] = 1;
		}
		/* A signature only on the sealed versions. */
		INV_ASSERT(v.signature.len == 0 || (v.frozen &&
		    n <= d->sealed_version), "version %u signed unsealed",
		    (unsigned) n);
		rec_free(REC_VERSION, &v);
	}
}

struct inv_doc_arg {
	uint64_t	 doc_id;
	unsigned	 slot;
};

static enum status
inv_doc_txn(struct store_txn *txn, void *arg)
{
	struct inv_doc_arg *a = arg;
	struct rec_version v;
	struct rec_doc d;
	enum status rc;

	if ((rc = store_get(txn, REC_DOC, a->doc_id, &d)) != STATUS_OK)
		return rc;
	INV_ASSERT(d.state < DOC__STATE_COUNT && d.version >= 1 &&
	    d.sealed_version <= d.version, "state %u version %u sealed %u",
	    d.state, (unsigned) d.version, (unsigned) d.sealed_version);
	inv_check_jobs(txn, &d);
	inv_check_versions(txn, &d, a->slot);

	if (d.state == DOC_SEALED || d.state == DOC_PRINTED) {
		INV_ASSERT(d.sealed_version == d.version,
		    "%s with version %u, sealed %u", doc_state_name(d.state),
		    (unsigned) d.version, (unsigned) d.sealed_version);
		ck_assert_int_eq(wfop_version(txn, d.id, d.version, &v),
		    STATUS_OK);
		INV_ASSERT(v.frozen && v.signature.len > 0,
		    "sealed version not frozen or not signed");
		rec_free(REC_VERSION, &v);
	}
	if (d.sealed_version != 0)
		inv_check_issued(txn, &d, d.sealed_version);
	if (d.state == DOC_TO_SEAL || d.state == DOC_APPROVED)
		inv_check_issued(txn, &d, d.version);
	if (d.state == DOC_PRINTED)
		INV_ASSERT(d.copies_printed == d.copies, "printed %u of %u",
		    (unsigned) d.copies_printed, (unsigned) d.copies);
	INV_ASSERT(doc_kind_sealable((enum doc_kind) d.kind) ||
	    d.state == DOC_REFUSED, "a Party-group document moved");
	rec_free(REC_DOC, &d);
	return STATUS_OK;
}

static void
inv_check_doc(unsigned slot)
{
	struct inv_doc_arg a = { inv.docs[slot], slot };

	ck_assert_int_eq(store_run(fx.st, STORE_READ, inv_doc_txn, &a),
	    STATUS_OK);
}

/* -- Random actions ------------------------------------------------------- */

enum inv_action {
	A_CREATE, A_BATCH, A_REVISE, A_SUBMIT, A_APPROVE, A_RETURN, A_SEND,
	A_SEAL, A_REJECT, A_REPRINT, A_EXTRA, A_DECIDE, A_RECALL, A_DESTROY,
	A_RESERVE, A_COMPLETE, A__COUNT
};

static const char *const inv_action_names[A__COUNT] = {
	"create", "batch", "revise", "submit", "approve", "return", "send",
	"seal", "reject", "reprint", "extra", "decide", "recall", "destroy",
	"reserve", "complete"
};

/* One step: who does what to which document, and what came of it. */
struct inv_step {
	enum inv_action		 act;
	enum wfx_who		 who;
	int			 slot;		/* -1: no known document */
	uint64_t		 doc_id;
	uint64_t		 app_id;
	int			 app_slot;	/* the application's document */
	struct rec_doc		 before;	/* the document before */
};

static struct printlog_job inv_jobs_pending[INV_MAXDOCS];
static enum wfx_who inv_drafter[INV_MAXDOCS];

/* The person the action is meant for, most of the time; anyone else
 * now and then, so that refusals are exercised too. */
static enum wfx_who
inv_who(enum wfx_who meant)
{
	return inv_rand(5) == 0 ? (enum wfx_who) inv_rand(WFX__COUNT) : meant;
}

static enum wfx_who
inv_approver(void)
{
	static const enum wfx_who a[] = { WFX_CHIEF, WFX_LEADER, WFX_BUREAU };

	return inv_who(a[inv_rand(3)]);
}

static void
inv_content(struct doc_content *c, enum doc_kind kind)
{
	wfx_content(c, kind, 1 + inv_rand(4));
	c->urgency = (uint8_t) inv_rand(4);
	c->leader_in_charge = inv_rand(3) == 0;
	c->special_number = inv_rand(8) == 0;
	if (inv_rand(12) == 0)
		c->seal_mode = SEAL_MODE_TRADITIONAL;
	if (inv_rand(12) == 0)
		c->classification = CLASS_SECRET;	/* refused here */
}

static enum doc_kind
inv_kind(void)
{
	return inv_rand(10) == 0 ? DOC_PARTY_GROUP :
	    (enum doc_kind) inv_rand(DOC_PARTY_GROUP);
}

static enum status
inv_create(struct inv_step *st, int batch)
{
	struct doc_content c;
	enum status rc;
	uint64_t id = 0;

	st->who = inv_who(inv_rand(2) ? WFX_DRAFTER : WFX_DRAFTER2);
	inv_content(&c, batch ? DOC_LIT_FILL_IN : inv_kind());
	if (batch)
		rc = printapp_batch(fx.st, wfx.s[st->who], &c, 1 + inv_rand(5),
		    inv_rand(2) ? wfx.id[inv_rand(WFX__COUNT)] : 0, "batch",
		    &id);
	else
		rc = workflow_create(fx.st, wfx.s[st->who], &c, &id);
	doc_content_free(&c);
	if (rc == STATUS_OK && inv.ndocs < INV_MAXDOCS) {
		inv_drafter[inv.ndocs] = st->who;
		st->slot = (int) inv.ndocs;
		inv.docs[inv.ndocs++] = id;
		st->doc_id = id;
	}
	return rc;
}

static enum status
inv_new_version(struct inv_step *st, int reprint)
{
	struct doc_content c;
	enum status rc;

	inv_content(&c, (enum doc_kind) st->before.kind);
	c.batch = st->before.batch;
	if (inv_rand(4) != 0)
		c.seal_mode = st->before.seal_mode;
	st->who = inv_who(inv_drafter[st->slot]);
	if (reprint)
		rc = reprint_apply(fx.st, wfx.s[st->who], st->doc_id, &c,
		    inv_rand(6) ? "更正" : NULL);
	else
		rc = workflow_revise(fx.st, wfx.s[st->who], st->doc_id, &c);
	doc_content_free(&c);
	return rc;
}

/* The copies the current version asks for: what the clerk confirms. */
static uint32_t
inv_asked(const struct rec_doc *d)
{
	struct rec_version v;
	struct doc_content c;
	uint32_t n;

	wfx_version(d->id, d->version, &v);
	ck_assert_int_eq(doc_content_from_version(&v, &c), STATUS_OK);
	n = c.copies;
	doc_content_free(&c);
	rec_free(REC_VERSION, &v);
	return n;
}

static enum status
inv_seal(struct inv_step *st)
{
	uint32_t copies = inv_asked(&st->before);

	if (inv_rand(8) == 0)
		copies += inv_rand(2) ? 1 : -1;
	st->who = inv_who(inv_rand(6) ? WFX_CLERK : WFX_CLERK2);
	return workflow_seal(fx.st, wfx.s[st->who], st->doc_id,
	    inv_rand(6) ? wfx.seal : wfx.seal2, copies,
	    inv_rand(10) ? WFX_KEY_PW : "not-the-password");
}

static enum status
inv_copies(struct inv_step *st, int destroy)
{
	uint32_t nos[2];
	size_t n = 1 + inv_rand(2);
	uint32_t top = st->before.next_copy_no + 1;

	nos[0] = 1 + inv_rand(top);
	nos[1] = nos[0] + 1;
	st->who = inv_who(WFX_CLERK);
	if (destroy)
		return reprint_destroy(fx.st, wfx.s[st->who], st->doc_id, nos,
		    n, inv_rand(8) ? "见证人" : "");
	return reprint_recall(fx.st, wfx.s[st->who], st->doc_id, nos, n);
}

static enum status
inv_reserve(struct inv_step *st)
{
	uint64_t printers[3] = { wfx.pr_colour, wfx.pr_mono,
	    wfx.pr_classified };
	struct printlog_job job;
	enum status rc;

	st->who = inv_who(WFX_PRINTER);
	rc = printlog_reserve(fx.st, wfx.s[st->who], st->doc_id,
	    printers[inv_rand(5) == 0 ? 1 + inv_rand(2) : 0], 1 + inv_rand(3),
	    &job);
	if (rc == STATUS_OK) {
		INV_ASSERT(st->before.state == DOC_SEALED &&
		    st->before.version == st->before.sealed_version,
		    "reserved copies of a %s document",
		    doc_state_name(st->before.state));
		INV_ASSERT(job.first_copy == st->before.next_copy_no,
		    "reserved from %u, next is %u", (unsigned) job.first_copy,
		    (unsigned) st->before.next_copy_no);
		inv_jobs_pending[st->slot] = job;
	}
	return rc;
}

static enum status
inv_complete(struct inv_step *st, enum print_outcome *outcome)
{
	struct printlog_job *job = &inv_jobs_pending[st->slot];
	uint32_t printed;
	enum status rc;

	st->who = inv_who(WFX_PRINTER);
	*outcome = inv_rand(4) ? PRINT_DONE : PRINT_FAILED;
	printed = *outcome == PRINT_DONE ? job->count : inv_rand(job->count);
	/* Without a pending job, a job that does not exist. */
	rc = printlog_complete(fx.st, wfx.s[st->who], job->id != 0 ? job->id :
	    UINT32_MAX, *outcome, printed, 1, 0, "random");
	if (rc == STATUS_OK) {
		INV_ASSERT(job->id != 0, "completed a job not pending");
		memset(job, 0, sizeof *job);
	}
	return rc;
}

static enum status
inv_extra(struct inv_step *st)
{
	uint64_t app = 0;
	enum status rc;

	st->who = inv_who(inv_drafter[st->slot]);
	rc = printapp_extra(fx.st, wfx.s[st->who], st->doc_id, 1 + inv_rand(3),
	    NULL, &app);
	if (rc == STATUS_OK && inv.napps < INV_MAXAPPS) {
		inv.app_slot[inv.napps] = (unsigned) st->slot;
		inv.apps[inv.napps++] = app;
	}
	return rc;
}

static enum status
inv_decide(struct inv_step *st)
{
	int approve = inv_rand(3) != 0;

	st->who = inv_approver();
	return printapp_decide(fx.st, wfx.s[st->who], st->app_id, approve,
	    approve && inv_rand(2) ? NULL : "意见");
}

/* Perform ST->act; *OUTCOME is what the audit entry must say. */
static enum status
inv_perform(struct inv_step *st, enum audit_outcome *outcome)
{
	enum print_outcome po = PRINT_DONE;
	struct session *s;
	enum status rc;

	*outcome = AUDIT_OK;
	switch (st->act) {
	case A_CREATE:
		return inv_create(st, 0);
	case A_BATCH:
		return inv_create(st, 1);
	case A_REVISE:
		return inv_new_version(st, 0);
	case A_REPRINT:
		return inv_new_version(st, 1);
	case A_SUBMIT:
		st->who = inv_who(inv_drafter[st->slot]);
		return workflow_submit(fx.st, wfx.s[st->who], st->doc_id);
	case A_SEND:
		st->who = inv_who(inv_drafter[st->slot]);
		return workflow_send(fx.st, wfx.s[st->who], st->doc_id);
	case A_APPROVE:
		st->who = inv_approver();
		return workflow_approve(fx.st, wfx.s[st->who], st->doc_id,
		    inv_rand(2) ? "同意" : NULL);
	case A_RETURN:
		st->who = inv_approver();
		return workflow_return(fx.st, wfx.s[st->who], st->doc_id,
		    inv_rand(5) ? "请修改" : "");
	case A_SEAL:
		return inv_seal(st);
	case A_REJECT:
		st->who = inv_who(inv_rand(2) ? WFX_CLERK : WFX_PRINTER);
		s = wfx.s[st->who];
		return workflow_reject(fx.st, s, st->doc_id,
		    inv_rand(6) ? "有误" : NULL);
	case A_EXTRA:
		return inv_extra(st);
	case A_DECIDE:
		return inv_decide(st);
	case A_RECALL:
		return inv_copies(st, 0);
	case A_DESTROY:
		return inv_copies(st, 1);
	case A_RESERVE:
		return inv_reserve(st);
	case A_COMPLETE:
		rc = inv_complete(st, &po);
		if (rc == STATUS_OK && po != PRINT_DONE)
			*outcome = AUDIT_FAILED;
		return rc;
	default:
		return STATUS_INVALID;
	}
}

/* An action that fits the state more often than not, so documents make
 * progress; a random one otherwise. */
static enum inv_action
inv_pick_action(const struct rec_doc *d)
{
	static const enum inv_action fits[DOC__STATE_COUNT][3] = {
		[DOC_DRAFT] = { A_SUBMIT, A_REVISE, A_SUBMIT },
		[DOC_IN_APPROVAL] = { A_APPROVE, A_APPROVE, A_RETURN },
		[DOC_RETURNED] = { A_REVISE, A_REVISE, A_SUBMIT },
		[DOC_APPROVED] = { A_SEND, A_SEND, A_REVISE },
		[DOC_TO_SEAL] = { A_SEAL, A_SEAL, A_REJECT },
		[DOC_SEALED] = { A_RESERVE, A_COMPLETE, A_REJECT },
		[DOC_PRINTED] = { A_EXTRA, A_REPRINT, A_DECIDE },
		[DOC_REJECTED] = { A_REPRINT, A_REVISE, A_RECALL },
		[DOC_REFUSED] = { A_SUBMIT, A_SEAL, A_CREATE },
		[DOC_CLOSED] = { A_SEND, A_CREATE, A_REPRINT },
	};

	if (d->state == DOC_IN_APPROVAL && d->version > d->sealed_version &&
	    d->sealed_version != 0 && inv_rand(3) == 0)
		return inv_rand(2) ? A_RECALL : A_DESTROY;
	if (d->state == DOC_TO_SEAL && d->sealed_version != 0 &&
	    inv_rand(2) == 0)
		return inv_rand(2) ? A_RECALL : A_DESTROY;
	if (inv_rand(4) == 0)
		return (enum inv_action) inv_rand(A__COUNT);
	return fits[d->state][inv_rand(3)];
}

struct inv_read {
	uint64_t	 id;
	struct rec_doc	*d;
};

static enum status
inv_read_txn(struct store_txn *txn, void *arg)
{
	struct inv_read *r = arg;

	return store_get(txn, REC_DOC, r->id, r->d);
}

static void
inv_choose(struct inv_step *st)
{
	struct inv_read r = { 0, &st->before };

	memset(&st->before, 0, sizeof st->before);
	st->slot = -1;
	st->doc_id = 0;
	if (inv.ndocs == 0 || (inv.ndocs < INV_MAXDOCS && inv_rand(12) == 0)) {
		st->act = inv_rand(4) ? A_CREATE : A_BATCH;
		return;
	}
	st->slot = (int) inv_rand(inv.ndocs);
	st->doc_id = r.id = inv.docs[st->slot];
	ck_assert_int_eq(store_run(fx.st, STORE_READ, inv_read_txn, &r),
	    STATUS_OK);
	st->act = inv_pick_action(&st->before);
	if (st->act == A_COMPLETE && inv_jobs_pending[st->slot].id == 0 &&
	    inv_rand(2))
		st->act = A_RESERVE;
	if ((st->act == A_CREATE || st->act == A_BATCH) &&
	    inv.ndocs == INV_MAXDOCS)
		st->act = A_SUBMIT;
	if (st->act == A_DECIDE) {
		unsigned i = inv.napps > 0 ? inv_rand(inv.napps) : 0;

		st->app_id = inv.napps > 0 ? inv.apps[i] : UINT32_MAX;
		st->app_slot = inv.napps > 0 ? (int) inv.app_slot[i] : -1;
	}
}

static void
inv_one_step(void)
{
	enum audit_outcome want;
	struct inv_snap snap;
	struct inv_step st;
	struct rec_audit e;
	enum status rc;
	uint64_t before;
	unsigned n;

	memset(&snap, 0, sizeof snap);
	memset(&st, 0, sizeof st);
	inv_choose(&st);
	inv_snap(&snap, st.doc_id, st.app_id);
	before = fx_audit_count();
	rc = inv_perform(&st, &want);

	/* Exactly one audit entry, by the actor, saying how it ended. */
	n = wfx_audit_since(before, &e);
	INV_ASSERT(n == 1, "%s by %s: %u audit entries",
	    inv_action_names[st.act], wfx_names[st.who], n);
	INV_ASSERT(e.user_id == wfx.id[st.who], "audited as user %llu",
	    (unsigned long long) e.user_id);
	INV_ASSERT(e.outcome == (rc == STATUS_OK ? want : AUDIT_REFUSED),
	    "%s by %s: %s audited as outcome %u", inv_action_names[st.act],
	    wfx_names[st.who], status_name(rc), e.outcome);
	rec_free(REC_AUDIT, &e);

	if (getenv("INV_DEBUG") != NULL)
		fprintf(stderr, "%u %s by %s on %llu (%s): %s\n", inv.step,
		    inv_action_names[st.act], wfx_names[st.who],
		    (unsigned long long) st.doc_id,
		    doc_state_name(st.before.state), status_name(rc));
	if (rc != STATUS_OK) {
		inv.refused++;
		if (st.act != A_CREATE && st.act != A_BATCH)
			inv_unchanged(&snap, st.doc_id, st.app_id);
	} else {
		inv.ok++;
	}
	if (st.slot >= 0)
		inv_check_doc((unsigned) st.slot);
	if (st.act == A_DECIDE && st.app_slot >= 0)
		inv_check_doc((unsigned) st.app_slot);
	rec_free(REC_DOC, &st.before);
	free(snap.doc);
	free(snap.app);
}

START_TEST(test_random_actions)
{
	const char *env = getenv("ESEAL_SEED");
	unsigned i;

	memset(&inv, 0, sizeof inv);
	memset(inv_jobs_pending, 0, sizeof inv_jobs_pending);
	inv.seed = env != NULL ? (unsigned) strtoul(env, NULL, 10) :
	    (unsigned) time(NULL);
	srand(inv.seed);
	fprintf(stderr, "invariants: seed %u (ESEAL_SEED=%u repeats it)\n",
	    inv.seed, inv.seed);
	for (inv.step = 0; inv.step < INV_STEPS; inv.step++) {
		/* Time moves on a little, so the queues' ages differ; the
		 * users stay at their desks, so no session locks. */
		if (inv_rand(4) == 0)
			clock_advance(1 + inv_rand(5));
		for (i = 0; i < WFX__COUNT; i++)
			session_touch(wfx.s[i]);
		inv_one_step();
	}
	/* The run must have done real work, not only refusals. */
	ck_assert_msg(inv.ok > INV_STEPS / 5, "seed %u: only %u of %u "
	    "actions succeeded", inv.seed, inv.ok, INV_STEPS);
	for (i = 0; i < inv.ndocs; i++)
		inv_check_doc(i);
}
END_TEST

Suite *
invariants_suite(void)
{
	Suite *s = suite_create("invariants");
	TCase *tc = tcase_create("random");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_random_actions);
	suite_add_tcase(s, tc);
	return s;
}
