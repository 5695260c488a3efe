/*
 * inbox.c -- the queues of work waiting for the session's user.
 *
 * Each queue reads the index range of its states (or of the pending
 * applications), keeps what this user can act on, and orders it most
 * urgent first, then longest waiting.  Read only: it never changes a
 * record, and it decides nothing the actions do not check again.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/inbox.h"
#include "core/standalone.h"
#include "core/wfop.h"

static const char *const inbox_names[INBOX__COUNT] = {
	"approve", "send", "returned", "seal", "print", "applications",
	"standalone"
};

static const char *const inbox_labels[INBOX__COUNT] = {
	N_("To approve"), N_("To send for sealing"), N_("Returned to me"),
	N_("To seal"), N_("To print"), N_("Applications to decide"),
	N_("Standalone seals to decide or take back")
};

const char *
inbox_queue_name(enum inbox_queue q)
{
	return (unsigned) q < INBOX__COUNT ? inbox_names[q] : "unknown";
}

const char *
inbox_queue_label(enum inbox_queue q)
{
	return (unsigned) q < INBOX__COUNT ? _(inbox_labels[q]) : "";
}

int
inbox_queue_parse(const char *name)
{
	int i;

	for (i = 0; i < INBOX__COUNT; i++)
		if (name != NULL && strcmp(inbox_names[i], name) == 0)
			return i;
	return -1;
}

/* A candidate: what the lists show plus what the filters need. */
struct inbox_cand {
	struct inbox_item	 item;
	struct rec_doc		 doc;		/* id, kind, flags, version */
	uint64_t		 applicant;
};

struct inbox_set {
	struct inbox_cand	*v;
	size_t			 n, cap;
	size_t			 max;		/* stop at this many, or 0 */
	enum inbox_queue	 q;
	uint64_t		 drafter;	/* only this drafter's, or 0 */
	/* A first page of the approval queue filters while it reads, in
	 * index order, and stops at MAX kept: set TXN and ACTOR. */
	struct store_txn	*txn;
	const struct rec_user	*actor;
	enum status		 rc;		/* the filter's failure */
	int			 filtered;	/* gathered only what may be */
};

/* Non-zero: count and list the approval queue by walking every document
 * in approval (the reference the tests compare the step indexes with). */
static int inbox_walk;

void
inbox_test_walk(int on)
{
	inbox_walk = on;
}

static enum status inbox_may_approve(struct store_txn *txn,
    const struct rec_user *actor, const struct inbox_cand *c, int *yes);

static void
inbox_set_free(struct inbox_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		free((char *) (uintptr_t) set->v[i].item.title);
	free(set->v);
	memset(set, 0, sizeof *set);
}

static struct inbox_cand *
inbox_set_add(struct inbox_set *set)
{
	struct inbox_cand *c;

	if (set->n == set->cap) {
		set->cap = set->cap * 2 + 16;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	c = &set->v[set->n++];
	memset(c, 0, sizeof *c);
	c->item.queue = set->q;
	return c;
}

static void
inbox_fill(struct inbox_cand *c, const struct rec_doc *d)
{
	c->item.doc_id = d->id;
	c->item.kind = d->kind;
	c->item.state = d->state;
	c->item.urgency = d->urgency;
	c->item.classification = d->classification;
	c->item.copies = d->copies;
	c->item.since = d->updated;
	c->item.title = xstrdup(d->title != NULL ? d->title : "");

	/* Only the numbers the filters read; no strings are owned. */
	c->doc.id = d->id;
	c->doc.kind = d->kind;
	c->doc.state = d->state;
	c->doc.special_number = d->special_number;
	c->doc.approval_level = d->approval_level;
	c->doc.drafter_id = d->drafter_id;
	c->doc.version = d->version;
}

static int
inbox_doc_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct inbox_set *set = arg;
	struct inbox_cand *c;
	int yes = 1;

	if (set->drafter != 0 && d->drafter_id != set->drafter)
		return 0;
	c = inbox_set_add(set);
	inbox_fill(c, d);
	if (set->actor != NULL &&
	    (set->rc = inbox_may_approve(set->txn, set->actor, c, &yes)) !=
	    STATUS_OK)
		return 1;
	if (!yes) {
		free((char *) (uintptr_t) c->item.title);
		set->n--;
		return 0;
	}
	return set->max != 0 && set->n >= set->max;
}

static enum status
inbox_gather_state(struct store_txn *txn, struct inbox_set *set,
    enum doc_state state)
{
	struct store_range r = { 1, { state, 0, 0 }, 0, UINT64_MAX };

	return store_scan(txn, IDX_DOC_STATE, &r, 0, inbox_doc_each, set);
}

static int
inbox_app_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct inbox_set *set = arg;
	struct inbox_cand *c = inbox_set_add(set);

	c->item.app_id = a->id;
	c->item.doc_id = a->doc_id;
	c->item.copies = a->count;
	c->item.since = a->created;
	c->applicant = a->applicant_id;
	return 0;
}

/* The pending extra prints, each with its document's urgency and title. */
static enum status
inbox_gather_apps(struct store_txn *txn, struct inbox_set *set)
{
	struct store_range r = { 2, { APP_PENDING, APP_EXTRA_PRINT, 0 }, 0,
	    UINT64_MAX };
	struct rec_doc d;
	enum status rc;
	uint32_t count;
	int64_t since;
	size_t i;

	rc = store_scan(txn, IDX_APPLICATION_STATE, &r, 0, inbox_app_each, set);
	for (i = 0; i < set->n && rc == STATUS_OK; i++) {
		if ((rc = store_get(txn, REC_DOC, set->v[i].item.doc_id, &d)) !=
		    STATUS_OK)
			break;
		/* The application's own count and age, the document's rest. */
		since = set->v[i].item.since;
		count = set->v[i].item.copies;
		inbox_fill(&set->v[i], &d);
		set->v[i].item.since = since;
		set->v[i].item.copies = count;
		rec_free(REC_DOC, &d);
	}
	return rc;
}

/* The standalone seals ACTOR may decide, and the overdue ones. */
struct inbox_sa {
	struct inbox_set	*set;
	const struct rec_user	*actor;
};

static int
inbox_sa_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct inbox_sa *x = arg;
	struct inbox_cand *c;

	if (!standalone_inbox_wants(a, x->actor, clock_now()))
		return 0;
	c = inbox_set_add(x->set);
	c->item.app_id = a->id;
	c->item.copies = a->count;
	c->item.since = a->state == APP_PENDING ? a->created : a->period_to;
	c->item.title = xstrdup(a->reason != NULL ? a->reason : "");
	return 0;
}

static enum status
inbox_gather_standalone(struct store_txn *txn, struct inbox_set *set,
    const struct rec_user *actor)
{
	struct store_range r = { 1, { APP_STANDALONE, 0, 0 }, 0, UINT64_MAX };
	struct inbox_sa x = { set, actor };

	return store_scan(txn, IDX_APPLICATION_KIND, &r, 0, inbox_sa_each, &x);
}

/* May ACTOR act at the step C waits at (the approval queue)? */
static enum status
inbox_may_approve(struct store_txn *txn, const struct rec_user *actor,
    const struct inbox_cand *c, int *yes)
{
	struct wfop_approvals ap;
	struct chain chain;
	enum status rc;

	*yes = 0;
	if (c->doc.drafter_id == actor->id)
		return STATUS_OK;
	if ((rc = wfop_chain(txn, &c->doc, &chain)) != STATUS_OK)
		return rc;
	if (c->doc.approval_level >= chain.n ||
	    chain_may_act(&chain, c->doc.approval_level, actor,
	    (enum doc_kind) c->doc.kind, 1) != STATUS_OK)
		return STATUS_OK;
	if ((rc = wfop_approvals(txn, c->doc.id, c->doc.version, actor->id,
	    &ap)) != STATUS_OK)
		return rc;
	*yes = !ap.acted;
	return STATUS_OK;
}

/* Drop the candidates ACTOR cannot act on. */
static enum status
inbox_filter(struct store_txn *txn, struct inbox_set *set,
    const struct rec_user *actor)
{
	enum status rc = STATUS_OK;
	size_t i, keep = 0;
	int yes;

	for (i = 0; i < set->n && rc == STATUS_OK; i++) {
		if (set->filtered)
			yes = 1;
		else if (set->q == INBOX_APPROVE)
			rc = inbox_may_approve(txn, actor, &set->v[i], &yes);
		else if (set->q == INBOX_APPLICATIONS)
			yes = set->v[i].applicant != actor->id;
		else
			yes = 1;
		if (rc == STATUS_OK && yes)
			set->v[keep++] = set->v[i];
		else
			free((char *) (uintptr_t) set->v[i].item.title);
	}
	for (; i < set->n; i++)
		free((char *) (uintptr_t) set->v[i].item.title);
	set->n = keep;
	return rc;
}

/* -- The approval queue from the step indexes (schema 5) ----------------- */

/*
 * Every document in approval is filed under its step (rec_doc.waits_for,
 * kept by the store): its kind, special number, leader-in-charge flag and
 * chain step, which with the current chain settings decide the level and
 * the issuing authority an actor needs there.  So whether a user may act
 * on a waiting document is a property of its step, except for the two
 * exclusions inbox_may_approve makes: the user's own documents and those
 * whose current version the user already approved.  Those are found
 * through the indexes by drafter and by approver (IDX_DOC_OWN_STEP,
 * IDX_DOC_ACTED1..3), which hold only the few documents concerned.
 * Nothing is stored per user, so a change of an account or of the chain
 * settings needs no recomputation: the steps are judged at each read.
 */

/* Mark in SAT the steps of KIND ACTOR may act at, under BASE and
 * SPECIAL (the settings' chains, NULL for the defaults), for each
 * special-number (bit 0 of SP) and leader-in-charge flag (bit 1). */
static void
inbox_steps_kind(const struct rec_user *actor, unsigned kind,
    const char *base, const char *special, uint8_t sat[256])
{
	struct chain chain;
	unsigned sp, lv;

	for (sp = 0; sp < 4; sp++) {
		chain_build(base, special, (int) (sp & 1), (int) (sp >> 1),
		    &chain);
		for (lv = 0; lv < chain.n; lv++)
			if (chain_may_act(&chain, lv, actor,
			    (enum doc_kind) kind, 1) == STATUS_OK)
				sat[STORE_DOC_STEP(kind, sp & 1, sp >> 1,
				    lv)] = 1;
	}
}

/* The steps (rec_doc.waits_for values) ACTOR may act at now. */
static enum status
inbox_steps(struct store_txn *txn, const struct rec_user *actor,
    uint8_t sat[256])
{
	char *base = NULL, *special = NULL, *key;
	enum status rc;
	unsigned k;

	memset(sat, 0, 256);
	rc = wfop_meta_get(txn, "chain.special-number", &special);
	for (k = 0; k < DOC__KIND_COUNT && rc == STATUS_OK; k++) {
		key = xasprintf("chain.%s", doc_kind_name((enum doc_kind) k));
		rc = wfop_meta_get(txn, key, &base);
		if (rc == STATUS_OK)
			inbox_steps_kind(actor, k, base, special, sat);
		free(key);
		free(base);
		base = NULL;
	}
	free(special);
	return rc;
}

/* The waiting documents a user may not act on at a step they may act
 * at, each counted once. */
struct inbox_excl {
	const uint8_t		*sat;
	uint64_t		 user;
	enum store_index	 idx;
	uint64_t		 n;
};

static int
inbox_excl_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct inbox_excl *x = arg;

	if (!x->sat[d->waits_for])
		return 0;
	/* Counted under the first index naming the user. */
	if ((x->idx != IDX_DOC_OWN_STEP && d->drafter_id == x->user) ||
	    (x->idx > IDX_DOC_ACTED1 && d->acted1 == x->user) ||
	    (x->idx > IDX_DOC_ACTED2 && d->acted2 == x->user))
		return 0;
	x->n++;
	return 0;
}

static enum status
inbox_approve_count(struct store_txn *txn, const struct rec_user *actor,
    uint32_t *n)
{
	static const enum store_index excl[] = { IDX_DOC_OWN_STEP,
	    IDX_DOC_ACTED1, IDX_DOC_ACTED2, IDX_DOC_ACTED3 };
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct inbox_excl x;
	uint64_t total = 0, c;
	uint8_t sat[256];
	enum status rc;
	unsigned v;

	rc = inbox_steps(txn, actor, sat);
	for (v = 1; v < 256 && rc == STATUS_OK; v++) {
		r.prefix[0] = v;
		if (sat[v] && (rc = store_count(txn, IDX_DOC_STEP, &r, &c)) ==
		    STATUS_OK)
			total += c;
	}

	memset(&x, 0, sizeof x);
	x.sat = sat;
	x.user = actor->id;
	r.prefix[0] = actor->id;
	r.lo = 1;
	for (v = 0; v < 4 && rc == STATUS_OK; v++) {
		x.idx = excl[v];
		rc = store_scan(txn, excl[v], &r, 0, inbox_excl_each, &x);
	}
	*n = rc == STATUS_OK && total > x.n ? (uint32_t) (total - x.n) : 0;
	return rc;
}

struct inbox_stepscan {
	struct inbox_set	*set;
	uint64_t		 user;
	size_t			 kept;
};

static int
inbox_step_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct inbox_stepscan *x = arg;

	if (d->drafter_id == x->user || d->acted1 == x->user ||
	    d->acted2 == x->user || d->acted3 == x->user)
		return 0;
	inbox_fill(inbox_set_add(x->set), d);
	x->kept++;
	return x->set->max != 0 && x->kept >= x->set->max;
}

/* The approval queue: at most SET->max (or all) from each step ACTOR
 * may act at, in the index's order, which is the queue's; the caller
 * orders the steps' runs together. */
static enum status
inbox_gather_steps(struct store_txn *txn, struct inbox_set *set,
    const struct rec_user *actor)
{
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct inbox_stepscan x = { set, actor->id, 0 };
	uint8_t sat[256];
	enum status rc;
	unsigned v;

	rc = inbox_steps(txn, actor, sat);
	for (v = 1; v < 256 && rc == STATUS_OK; v++) {
		if (!sat[v])
			continue;
		r.prefix[0] = v;
		x.kept = 0;
		rc = store_scan(txn, IDX_DOC_STEP, &r, 0, inbox_step_each, &x);
	}
	set->filtered = 1;
	return rc;
}

/* Most urgent first, then longest waiting, then by id: the same order
 * as IDX_DOC_STATE, so a single-state queue keeps its index order. */
static int
inbox_cmp(const void *a, const void *b)
{
	const struct inbox_item *x = &((const struct inbox_cand *) a)->item;
	const struct inbox_item *y = &((const struct inbox_cand *) b)->item;

	if (x->urgency != y->urgency)
		return x->urgency > y->urgency ? -1 : 1;
	if (x->since != y->since)
		return x->since < y->since ? -1 : 1;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? -1 : 1;
	return x->app_id < y->app_id ? -1 : x->app_id > y->app_id;
}

/* The roles a queue belongs to, and who may see it. */
static int
inbox_for(const struct rec_user *u, enum inbox_queue q)
{
	switch (q) {
	case INBOX_APPROVE:
		return (u->roles & ROLE_APPROVER) && u->leader_level > 0;
	case INBOX_APPLICATIONS:
		return (u->roles & ROLE_APPROVER) &&
		    u->leader_level >= CHAIN_SECTION_CHIEF;
	case INBOX_SEND:
	case INBOX_RETURNED:
		return (u->roles & ROLE_DRAFTER) != 0;
	case INBOX_SEAL:
		return (u->roles & ROLE_CLERK) != 0;
	case INBOX_PRINT:
		return (u->roles & ROLE_PRINTER) != 0;
	case INBOX_STANDALONE:
		return (u->roles & (ROLE_CLERK | ROLE_OFFICE_DIRECTOR |
		    ROLE_STATION_DIRECTOR)) != 0;
	default:
		return 0;
	}
}

/* Gather, filter and order queue SET->q for ACTOR. */
static enum status
inbox_queue(struct store_txn *txn, struct inbox_set *set,
    const struct rec_user *actor)
{
	enum status rc;

	switch (set->q) {
	case INBOX_APPROVE:
		if (inbox_walk)
			rc = inbox_gather_state(txn, set, DOC_IN_APPROVAL);
		else
			rc = inbox_gather_steps(txn, set, actor);
		break;
	case INBOX_SEND:
		set->drafter = actor->id;
		rc = inbox_gather_state(txn, set, DOC_APPROVED);
		break;
	case INBOX_RETURNED:
		set->drafter = actor->id;
		rc = inbox_gather_state(txn, set, DOC_RETURNED);
		if (rc == STATUS_OK)
			rc = inbox_gather_state(txn, set, DOC_REJECTED);
		break;
	case INBOX_SEAL:
		rc = inbox_gather_state(txn, set, DOC_TO_SEAL);
		break;
	case INBOX_PRINT:
		rc = inbox_gather_state(txn, set, DOC_SEALED);
		break;
	case INBOX_APPLICATIONS:
		rc = inbox_gather_apps(txn, set);
		break;
	case INBOX_STANDALONE:
		rc = inbox_gather_standalone(txn, set, actor);
		break;
	default:
		return STATUS_INVALID;
	}
	if (rc == STATUS_OK)
		rc = set->rc;
	if (rc == STATUS_OK && set->actor == NULL)
		rc = inbox_filter(txn, set, actor);
	if (rc == STATUS_OK && set->n > 1)
		qsort(set->v, set->n, sizeof *set->v, inbox_cmp);
	return rc;
}

/*
 * The single-state queues need no filter: their counts are the store's
 * counts of documents per state, one read each.  The approval queue's
 * count is a read per step the user may act at and a short walk of the
 * documents they may not act on (inbox_approve_count).  The others are
 * gathered and filtered.
 */
static enum status
inbox_count_one(struct store_txn *txn, enum inbox_queue q,
    const struct rec_user *actor, uint32_t *n)
{
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct inbox_set set;
	enum status rc;
	uint64_t count;

	*n = 0;
	if (!inbox_for(actor, q))
		return STATUS_OK;
	if (q == INBOX_SEAL || q == INBOX_PRINT) {
		r.prefix[0] = q == INBOX_SEAL ? DOC_TO_SEAL : DOC_SEALED;
		rc = store_count(txn, IDX_DOC_STATE, &r, &count);
		*n = (uint32_t) count;
		return rc;
	}
	if (q == INBOX_APPROVE && !inbox_walk)
		return inbox_approve_count(txn, actor, n);
	memset(&set, 0, sizeof set);
	set.q = q;
	rc = inbox_queue(txn, &set, actor);
	*n = (uint32_t) set.n;
	inbox_set_free(&set);
	return rc;
}

static enum status
inbox_counts_fn(struct store_txn *txn, struct wfop *op)
{
	struct inbox_counts *out = op->arg;
	enum status rc = STATUS_OK;
	int q;

	for (q = 0; q < INBOX__COUNT && rc == STATUS_OK; q++)
		rc = inbox_count_one(txn, (enum inbox_queue) q, &op->actor,
		    &out->n[q]);
	return rc;
}

enum status
inbox_counts(struct store *st, struct session *s, struct inbox_counts *out)
{
	struct wfop op;

	memset(out, 0, sizeof *out);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = inbox_counts_fn;
	op.arg = out;
	return wfop_read(st, &op);
}

struct inbox_listing {
	enum inbox_queue	 q;
	size_t			 offset, limit;
	struct inbox_set	 set;
};

static enum status
inbox_list_fn(struct store_txn *txn, struct wfop *op)
{
	struct inbox_listing *l = op->arg;

	inbox_set_free(&l->set);	/* from an earlier, retried run */
	l->set.q = l->q;
	if (!inbox_for(&op->actor, l->q))
		return STATUS_OK;
	/* Single-state queues come in the index's order, which is the
	 * queue's: they stop reading once they have a page.  The approval
	 * queue filters each document as it reads (at 100,000 documents a
	 * first page read every one waiting in approval, some 5,000, to show
	 * 20); the others need every candidate to filter and order. */
	if ((l->q == INBOX_SEAL || l->q == INBOX_PRINT ||
	    l->q == INBOX_APPROVE) && l->limit != 0)
		l->set.max = l->offset + l->limit;
	if (l->q == INBOX_APPROVE && l->limit != 0 && inbox_walk) {
		l->set.txn = txn;
		l->set.actor = &op->actor;
	}
	return inbox_queue(txn, &l->set, &op->actor);
}

enum status
inbox_list(struct store *st, struct session *s, enum inbox_queue q,
    size_t offset, size_t limit, inbox_fn fn, void *arg)
{
	struct inbox_listing l;
	struct wfop op;
	enum status rc;
	size_t i;

	if ((unsigned) q >= INBOX__COUNT)
		return STATUS_INVALID;
	memset(&l, 0, sizeof l);
	l.q = q;
	l.offset = offset;
	l.limit = limit;
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = inbox_list_fn;
	op.arg = &l;
	rc = wfop_read(st, &op);

	/* The callback runs outside the transaction: the UI may take its
	 * time drawing without holding locks. */
	for (i = offset; rc == STATUS_OK && i < l.set.n &&
	    (limit == 0 || i < offset + limit); i++)
		if (fn(&l.set.v[i].item, arg) != 0)
			break;
	inbox_set_free(&l.set);
	return rc;
}
