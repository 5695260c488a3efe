/*
 * audit_verify.c -- walking the audit trail's chain and checkpoints, and
 * naming the first entry that was altered, removed, inserted or
 * reordered.
 *
 * It only reads.  It must not "repair" anything: a broken trail is
 * evidence and stays as it is.
 *
 * The walk takes the entries in sequence order and, for entry N at
 * position k, checks in turn: that N is the next number (else the
 * missing number was removed); that N's link equals the hash of the entry
 * before it (entry 1: zero); and, for a checkpoint, its signature.  The
 * first link that does not match is explained by looking one entry
 * further, since each tampering leaves its own pattern:
 *
 *	N and N-1 link to the same entry      N-1 was inserted (the forger
 *	                                      computed its link; the entry
 *	                                      it displaced still points back)
 *	N+1 links to N-1, and N to N+1 as it  N and N+1 were swapped
 *	was numbered before
 *	N+1 links to N-1                      N was inserted
 *	N+1 links to N as if N were N+1       an entry was removed at N and
 *	                                      the later ones renumbered
 *	N links to some other entry M         N was moved from after M
 *	N+1 does not link to N either         N itself was altered
 *	otherwise                             N-1 was altered
 *
 * An altered entry shows only at the next link, so the newest entry can be
 * changed unseen until another entry follows it; checkpoints bound that
 * too, because rewriting every link breaks the next checkpoint's
 * signature.
 */
#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_private.h"
#include "core/session.h"

enum audit_fault {
	AUDIT_FAULT_NONE,
	AUDIT_FAULT_REMOVED,
	AUDIT_FAULT_REMOVED_END,
	AUDIT_FAULT_RENUMBERED,
	AUDIT_FAULT_ALTERED,
	AUDIT_FAULT_INSERTED,
	AUDIT_FAULT_REORDERED,
	AUDIT_FAULT_SIGNATURE
};

struct audit_walk {
	struct audit_list	 list;
	unsigned char		(*hash)[AUDIT_HASH_LEN];
	uint64_t		 last_id;	/* the store's sequence */
	struct crypto_key	*pub;		/* NULL: none published */
	unsigned char		 fpr[CRYPTO_SM3_LEN];
	uint64_t		 checkpoints;
	uint64_t		 signed_upto;	/* last good checkpoint */
	uint64_t		 archived_hint;	/* the mark in REC_META */
	uint64_t		 first;		/* the first entry kept */
	uint64_t		 anchor_seq;	/* its archive record, or 0 */
	unsigned char		 anchor[AUDIT_HASH_LEN];
	uint64_t		 missing_from;	/* removed before FIRST */
};

static enum status
audit_walk_txn(struct store_txn *txn, void *arg)
{
	struct audit_walk *w = arg;
	enum status st;

	crypto_key_free(w->pub);
	w->pub = NULL;
	if ((st = audit_list_all(txn, &w->list)) != STATUS_OK)
		return st;
	if ((st = store_last_id(txn, REC_AUDIT, &w->last_id)) != STATUS_OK)
		return st;
	st = audit_meta_u64(txn, AUDIT_META_ARCHIVED, 0, &w->archived_hint);
	if (st != STATUS_OK)
		return st;
	st = audit_key_public(txn, &w->pub);
	if (st == STATUS_AUDIT_NO_KEY)
		return STATUS_OK;	/* the checkpoints will say so */
	if (st == STATUS_OK)
		st = crypto_key_fingerprint(w->pub, w->fpr);
	return st;
}

static int
audit_link_is(const struct blob *link, const unsigned char *hash)
{
	return link->len == AUDIT_HASH_LEN &&
	    memcmp(link->data, hash, AUDIT_HASH_LEN) == 0;
}

/* Does LINK equal the hash of E as it would be numbered ID? */
static int
audit_link_is_renumbered(const struct blob *link, const struct rec_audit *e,
    uint64_t id)
{
	unsigned char h[AUDIT_HASH_LEN];
	struct rec_audit c = *e;

	c.id = id;
	return audit_hash(&c, h) == STATUS_OK && audit_link_is(link, h);
}

/* The link entry K should hold: the first one kept links to nothing,
 * or to the last entry archived as its signed record says; without such
 * a record its link is taken as it is, and the removal before it is
 * reported when nothing later is (audit_walk_start). */
static const unsigned char *
audit_want(const struct audit_walk *w, size_t k)
{
	static const unsigned char zero[AUDIT_HASH_LEN];

	if (k > 0)
		return w->hash[k - 1];
	if (w->first <= 1)
		return zero;
	if (w->anchor_seq != 0)
		return w->anchor;
	return w->list.v[0].prev_hash.len == AUDIT_HASH_LEN ?
	    w->list.v[0].prev_hash.data : zero;
}

/* Entry at K does not link to the one before it: which tampering left
 * that pattern (the table at the top of the file), and at which entry. */
static enum audit_fault
audit_explain(const struct audit_walk *w, size_t k, uint64_t *seq)
{
	const struct rec_audit *e = w->list.v, *next;
	uint64_t id = e[k].id;
	size_t j;

	next = k + 1 < w->list.n ? &e[k + 1] : NULL;
	*seq = id;
	if (k >= 1 && e[k - 1].prev_hash.len == AUDIT_HASH_LEN &&
	    audit_link_is(&e[k].prev_hash, e[k - 1].prev_hash.data)) {
		*seq = e[k - 1].id;
		return AUDIT_FAULT_INSERTED;
	}
	if (next != NULL && audit_link_is(&next->prev_hash, audit_want(w, k)))
		return audit_link_is_renumbered(&e[k].prev_hash, next, id) ?
		    AUDIT_FAULT_REORDERED : AUDIT_FAULT_INSERTED;
	if (next != NULL && audit_link_is_renumbered(&next->prev_hash, &e[k],
	    id + 1))
		return AUDIT_FAULT_RENUMBERED;
	for (j = 0; j < w->list.n; j++)
		if (j + 1 != k && audit_link_is(&e[k].prev_hash, w->hash[j]))
			return AUDIT_FAULT_REORDERED;
	if (next != NULL && !audit_link_is(&next->prev_hash, w->hash[k]))
		return AUDIT_FAULT_ALTERED;
	if (k > 0)
		*seq = e[k - 1].id;
	return AUDIT_FAULT_ALTERED;
}

static int
audit_signature_good(const struct audit_walk *w, const struct rec_audit *e)
{
	struct buf b;
	enum status st;

	if (w->pub == NULL || e->signature.len == 0)
		return 0;
	buf_init(&b);
	audit_encode(e, 1, &b);
	st = crypto_verify(w->pub, b.data, b.len, e->signature.data,
	    e->signature.len);
	buf_free(&b);
	return st == STATUS_OK;
}

/*
 * Where the walk starts.  Entries before the first one kept are gone by
 * an archive when a checkpoint with a good signature records archiving
 * up to just before it: that is the anchor.  Otherwise they were
 * removed, from the first number after the last archive known (a signed
 * record, or the mark in REC_META, which only names the place).
 */
static void
audit_walk_start(struct audit_walk *w)
{
	unsigned char last[AUDIT_HASH_LEN];
	uint64_t upto, known = 0;
	size_t k;

	w->first = w->list.n > 0 ? w->list.v[0].id : 1;
	w->signed_upto = w->first - 1;
	for (k = 0; w->first > 1 && k < w->list.n; k++) {
		if (!audit_archive_anchor(&w->list.v[k], &upto, last) ||
		    upto >= w->first || !audit_signature_good(w,
		    &w->list.v[k]))
			continue;
		if (upto + 1 == w->first) {
			w->anchor_seq = w->list.v[k].id;
			memcpy(w->anchor, last, sizeof w->anchor);
		} else if (upto > known) {
			known = upto;
		}
	}
	if (w->archived_hint > known && w->archived_hint + 1 < w->first)
		known = w->archived_hint;
	w->missing_from = w->first > 1 && w->anchor_seq == 0 ? known + 1 : 0;
}

/* The first fault, or AUDIT_FAULT_NONE; *SEQ gets its entry.  A fault in
 * the entries kept is named before a removal ahead of them: it is the
 * more precise (removing an archive record shows as the gap it left). */
static enum audit_fault
audit_walk_check(struct audit_walk *w, uint64_t *seq)
{
	const struct rec_audit *e;
	uint64_t expect = w->first;
	size_t k;

	for (k = 0; k < w->list.n; k++, expect++) {
		e = &w->list.v[k];
		*seq = expect;
		if (e->id != expect)
			return AUDIT_FAULT_REMOVED;
		if (!audit_link_is(&e->prev_hash, audit_want(w, k)))
			return audit_explain(w, k, seq);
		if (e->action != ACT_AUDIT_CHECKPOINT)
			continue;
		if (!audit_signature_good(w, e))
			return AUDIT_FAULT_SIGNATURE;
		w->checkpoints++;
		w->signed_upto = e->id;
	}
	*seq = expect;
	if (w->last_id >= expect)
		return AUDIT_FAULT_REMOVED_END;
	*seq = w->missing_from;
	return w->missing_from != 0 ? AUDIT_FAULT_REMOVED : AUDIT_FAULT_NONE;
}

static char *
audit_fault_line(enum audit_fault f, uint64_t seq)
{
	switch (f) {
	case AUDIT_FAULT_REMOVED:
		return xasprintf(_("entry %" PRIu64 " removed"), seq);
	case AUDIT_FAULT_REMOVED_END:
		return xasprintf(_("entry %" PRIu64 " removed at the end"),
		    seq);
	case AUDIT_FAULT_RENUMBERED:
		return xasprintf(_("entry %" PRIu64 " removed and later entries renumbered"), seq);
	case AUDIT_FAULT_ALTERED:
		return xasprintf(_("entry %" PRIu64 " altered"), seq);
	case AUDIT_FAULT_INSERTED:
		return xasprintf(_("entry %" PRIu64 " inserted"), seq);
	case AUDIT_FAULT_REORDERED:
		return xasprintf(_("entry %" PRIu64 " reordered"), seq);
	case AUDIT_FAULT_SIGNATURE:
		return xasprintf(_("entry %" PRIu64 ": checkpoint signature does not verify"), seq);
	default:
		return NULL;
	}
}

static void
audit_report_fault(enum audit_fault f, uint64_t seq, audit_report_fn report,
    void *arg)
{
	char *line = audit_fault_line(f, seq);

	if (line != NULL)
		report(line, arg);
	free(line);
}

/* What an intact trail reports: how much there is and how far the
 * signatures reach, and the key, for comparing with the fingerprint kept
 * on paper since the workspace was made. */
static void
audit_report_intact(const struct audit_walk *w, audit_report_fn report,
    void *arg)
{
	char hex[2 * CRYPTO_SM3_LEN + 1], *line, *entries, *cps;
	uint64_t n = w->list.n;
	uint64_t head = n > 0 ? w->list.v[n - 1].id : 0;

	entries = xasprintf(ngettext("%" PRIu64 " entry", "%" PRIu64
	    " entries", (unsigned long) n), n);
	cps = xasprintf(ngettext("%" PRIu64 " checkpoint", "%" PRIu64
	    " checkpoints", (unsigned long) w->checkpoints), w->checkpoints);
	line = xasprintf(_("audit trail intact: %s, %s"), entries, cps);
	report(line, arg);
	free(line);
	free(entries);
	free(cps);
	if (w->anchor_seq != 0) {
		line = xasprintf(_("entries 1 to %" PRIu64 " archived; the "
		    "chain kept starts from the signed archive record, entry %"
		    PRIu64), w->first - 1, w->anchor_seq);
		report(line, arg);
		free(line);
	}
	if (head > w->signed_upto) {
		line = xasprintf(_("entries %" PRIu64 " to %" PRIu64
		    " are chained but not yet under a checkpoint"),
		    w->signed_upto + 1, head);
		report(line, arg);
		free(line);
	}
	if (w->pub != NULL) {
		crypto_hex(w->fpr, sizeof w->fpr, hex);
		line = xasprintf(_("workstation key sm3:%s"), hex);
		report(line, arg);
		free(line);
	}
}

enum status
audit_verify(struct store *st, audit_report_fn report, void *arg,
    uint64_t *first_bad)
{
	struct audit_walk w;
	enum audit_fault f = AUDIT_FAULT_NONE;
	uint64_t seq = 0;
	enum status s;
	size_t k;

	memset(&w, 0, sizeof w);
	if ((s = crypto_init()) != STATUS_OK)
		return s;
	if ((s = store_run(st, STORE_READ, audit_walk_txn, &w)) != STATUS_OK)
		goto out;

	w.hash = xcalloc(w.list.n + 1, sizeof *w.hash);
	for (k = 0; k < w.list.n && s == STATUS_OK; k++)
		s = audit_hash(&w.list.v[k], w.hash[k]);
	if (s != STATUS_OK)
		goto out;

	audit_walk_start(&w);
	f = audit_walk_check(&w, &seq);
	if (f != AUDIT_FAULT_NONE) {
		audit_report_fault(f, seq, report, arg);
		s = STATUS_AUDIT_BROKEN;
	} else {
		audit_report_intact(&w, report, arg);
	}
out:
	if (first_bad != NULL)
		*first_bad = seq;
	free(w.hash);
	crypto_key_free(w.pub);
	audit_list_clear(&w.list);
	return s;
}

struct audit_verified {
	enum status	 result;
	uint64_t	 bad;
};

/* The auditor's own entry: what the verification found. */
static enum status
audit_verified_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_verified *v = arg;
	enum status st;
	char *detail;

	if (v->result == STATUS_AUDIT_BROKEN)
		detail = xasprintf("broken at entry %" PRIu64, v->bad);
	else
		detail = xstrdup(status_name(v->result));
	st = audit_append(txn, actor, audit_role(actor, ACT_AUDIT_VERIFY),
	    ACT_AUDIT_VERIFY, REC_AUDIT, v->bad, v->result == STATUS_OK ?
	    AUDIT_OK : AUDIT_FAILED, detail);
	free(detail);
	return st;
}

enum status
audit_verify_as(struct session *s, audit_report_fn report, void *arg,
    uint64_t *first_bad)
{
	struct audit_verified v = { STATUS_OK, 0 };
	enum status st;

	if (first_bad != NULL)
		*first_bad = 0;
	st = audit_session_run(s, ACT_AUDIT_VERIFY, STORE_READ,
	    audit_op_allowed, NULL, REC_AUDIT, 0, "verify");
	if (st != STATUS_OK)
		return st;

	v.result = audit_verify(s->store, report, arg, &v.bad);
	st = audit_session_run(s, ACT_AUDIT_VERIFY, STORE_WRITE,
	    audit_verified_txn, &v, REC_AUDIT, v.bad, "verify");
	if (first_bad != NULL)
		*first_bad = v.bad;
	return v.result != STATUS_OK ? v.result : st;
}
