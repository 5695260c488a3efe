/*
 * grant.c -- grants of a seal to a user for a period and a number of
 * uses (grant.h), and counting each use.
 *
 * It must not let a use through without a grant covering the moment,
 * and never counts a use outside the sealing transaction (so a sealing
 * that fails leaves the count as it was).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/grant.h"
#include "core/perm.h"
#include "core/seal_private.h"

/* -- The engine ------------------------------------------------------------ */

enum status
grant_put(struct store_txn *txn, uint64_t seal_id, uint64_t user_id,
    int64_t from, int64_t to, uint32_t max_uses, uint64_t *id)
{
	struct rec_grant g;
	enum status st;

	memset(&g, 0, sizeof g);
	g.seal_id = seal_id;
	g.user_id = user_id;
	g.period_from = from;
	g.period_to = to;
	g.max_uses = max_uses;
	if ((st = store_put(txn, REC_GRANT, &g)) == STATUS_OK && id != NULL)
		*id = g.id;
	return st;
}

struct grant_pick {
	int64_t		 now;
	uint64_t	 id;		/* the chosen grant, or 0 */
	int64_t		 ends;
};

/* Of the grants that cover NOW with a use left, the one ending first,
 * so that a short or counted grant is spent before a standing one. */
static int
grant_pick_each(const void *rec, void *arg)
{
	const struct rec_grant *g = rec;
	struct grant_pick *p = arg;

	if (g->period_from > p->now || g->period_to < p->now ||
	    (g->max_uses != 0 && g->uses >= g->max_uses))
		return 0;
	if (p->id == 0 || g->period_to < p->ends) {
		p->id = g->id;
		p->ends = g->period_to;
	}
	return 0;
}

/* The grant grant_use() would count, in *ID. */
static enum status
grant_find(struct store_txn *txn, uint64_t seal_id, uint64_t user_id,
    int64_t now, uint64_t *id)
{
	struct store_range r = { 1, { user_id, 0, 0 }, seal_id, seal_id };
	struct grant_pick p = { now, 0, 0 };
	enum status st;

	*id = 0;
	if ((st = store_scan(txn, IDX_GRANT_USER, &r, 0, grant_pick_each,
	    &p)) != STATUS_OK)
		return st;
	*id = p.id;
	return p.id == 0 ? STATUS_SEAL_NO_GRANT : STATUS_OK;
}

enum status
grant_check(struct store_txn *txn, uint64_t seal_id, uint64_t user_id,
    int64_t now)
{
	uint64_t id;

	return grant_find(txn, seal_id, user_id, now, &id);
}

enum status
grant_use(struct store_txn *txn, uint64_t seal_id, uint64_t user_id,
    int64_t now, uint64_t *grant_id)
{
	struct rec_grant g;
	uint64_t id;
	enum status st;

	if ((st = grant_find(txn, seal_id, user_id, now, &id)) != STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_GRANT, id, &g)) != STATUS_OK)
		return st;
	g.uses++;
	st = store_put(txn, REC_GRANT, &g);
	rec_free(REC_GRANT, &g);
	if (st == STATUS_OK && grant_id != NULL)
		*grant_id = id;
	return st;
}

struct grant_match {
	int64_t		 period_to;
	uint64_t	*id;
	size_t		 n;
};

static int
grant_match_each(const void *rec, void *arg)
{
	const struct rec_grant *g = rec;
	struct grant_match *m = arg;

	if (g->period_to == m->period_to) {
		m->id = xrealloc(m->id, (m->n + 1) * sizeof *m->id);
		m->id[m->n++] = g->id;
	}
	return 0;
}

enum status
grant_end_for(struct store_txn *txn, uint64_t user_id, uint64_t seal_id,
    int64_t period_to, int64_t now)
{
	struct store_range r = { 1, { user_id, 0, 0 }, seal_id, seal_id };
	struct grant_match m = { period_to, NULL, 0 };
	struct rec_grant g;
	enum status st;
	size_t i;

	if (period_to <= now)
		return STATUS_OK;
	st = store_scan(txn, IDX_GRANT_USER, &r, 0, grant_match_each, &m);
	for (i = 0; i < m.n && st == STATUS_OK; i++) {
		if ((st = store_get(txn, REC_GRANT, m.id[i], &g)) != STATUS_OK)
			break;
		g.period_to = now - 1;	/* periods include their end */
		st = store_put(txn, REC_GRANT, &g);
		rec_free(REC_GRANT, &g);
	}
	free(m.id);
	return st;
}

/* -- Granting and ending --------------------------------------------------- */

struct grant_op {
	struct session	*s;
	const char	*regno;
	const char	*login;
	int64_t		 from;
	int64_t		 to;
	uint32_t	 max_uses;
	uint64_t	 id;		/* in: the grant to end; out: made */
	char		*reason;
	uint64_t	 seal_id;
	char		 detail[512];
};

static enum status
grant_add_apply(struct store_txn *txn, struct grant_op *op)
{
	struct rec_seal seal;
	struct rec_user u;
	char t1[32], t2[32];
	enum status st;

	memset(&u, 0, sizeof u);
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	op->seal_id = seal.id;
	if (seal.status != SEAL_ACTIVE)
		st = STATUS_SEAL_INACTIVE;
	else if (op->from < seal.valid_from || op->to > seal.valid_to)
		st = STATUS_INVALID;
	else if ((st = store_get_by_name(txn, IDX_USER_NAME, op->login, &u)) ==
	    STATUS_OK && (u.disabled || !(u.roles & ROLE_CLERK)))
		st = STATUS_DENIED;	/* only a clerk applies a seal */
	if (st == STATUS_OK)
		st = grant_put(txn, seal.id, u.id, op->from, op->to,
		    op->max_uses, &op->id);
	snprintf(op->detail, sizeof op->detail, "grant %llu: seal %s to %s, "
	    "%s to %s, %s%u uses", (unsigned long long) op->id, seal.regno,
	    op->login, ses_time_text(op->from, t1, sizeof t1),
	    ses_time_text(op->to, t2, sizeof t2),
	    op->max_uses ? "at most " : "any number of ",
	    (unsigned) op->max_uses);
	rec_free(REC_USER, &u);
	rec_free(REC_SEAL, &seal);
	return st;
}

static enum status
grant_end_apply(struct store_txn *txn, struct grant_op *op)
{
	struct rec_grant g;
	enum status st;
	int64_t now = clock_now();

	if ((st = store_get(txn, REC_GRANT, op->id, &g)) != STATUS_OK)
		return st;
	op->seal_id = g.seal_id;
	if (g.period_to < now) {
		rec_free(REC_GRANT, &g);
		return STATUS_STATE;
	}
	g.period_to = now - 1;	/* periods include their end */
	st = store_put(txn, REC_GRANT, &g);
	snprintf(op->detail, sizeof op->detail, "grant %llu ended after %u "
	    "uses: %s", (unsigned long long) g.id, (unsigned) g.uses,
	    op->reason);
	rec_free(REC_GRANT, &g);
	return st;
}

static enum status
grant_txn(struct store_txn *txn, void *arg)
{
	struct grant_op *op = arg;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, ACT_GRANT, &actor)) !=
	    STATUS_OK)
		return st;
	st = op->regno != NULL ? grant_add_apply(txn, op) :
	    grant_end_apply(txn, op);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor,
		    ACT_GRANT), ACT_GRANT, REC_SEAL, op->seal_id, AUDIT_OK,
		    op->detail);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
grant_run(struct grant_op *op)
{
	enum status st;

	st = store_run(op->s->store, STORE_WRITE, grant_txn, op);
	if (st != STATUS_OK)
		st = session_audit_failure(op->s, ACT_GRANT, REC_SEAL,
		    op->seal_id, st, op->detail);
	return st;
}

enum status
grant_add(struct session *s, const char *regno, const char *login,
    int64_t from, int64_t to, uint32_t max_uses, uint64_t *id)
{
	struct grant_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	op.login = login;
	op.from = from;
	op.to = to;
	op.max_uses = max_uses;
	snprintf(op.detail, sizeof op.detail, "grant of seal %s to %s",
	    regno, login);
	if (from >= to || to <= clock_now())
		return session_audit_failure(s, ACT_GRANT, REC_SEAL, 0,
		    STATUS_INVALID, op.detail);
	if ((st = grant_run(&op)) == STATUS_OK && id != NULL)
		*id = op.id;
	return st;
}

enum status
grant_end(struct session *s, uint64_t id, const char *reason)
{
	struct grant_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.id = id;
	snprintf(op.detail, sizeof op.detail, "end of grant %llu",
	    (unsigned long long) id);
	if (reason == NULL || *reason == '\0')
		return session_audit_failure(s, ACT_GRANT, REC_GRANT, id,
		    STATUS_REASON_REQUIRED, op.detail);
	op.reason = text_sanitize(reason, strlen(reason), 0);
	st = grant_run(&op);
	free(op.reason);
	return st;
}

/* -- Listing --------------------------------------------------------------- */

struct grant_list_op {
	struct session		*s;
	const char		*regno;
	uint64_t		 seal_id;
	struct rec_grant	*list;
	size_t			 n;
};

static int
grant_list_each(const void *rec, void *arg)
{
	const struct rec_grant *g = rec;
	struct grant_list_op *op = arg;

	if (g->seal_id != op->seal_id)
		return 0;
	op->list = xrealloc(op->list, (op->n + 1) * sizeof *op->list);
	op->list[op->n++] = *g;		/* no owned members */
	return 0;
}

static enum status
grant_list_txn(struct store_txn *txn, void *arg)
{
	struct store_range all = { 0, { 0, 0, 0 }, 0, UINT64_MAX };
	struct grant_list_op *op = arg;
	struct rec_user actor;
	struct rec_seal seal;
	enum status st;

	free(op->list);
	op->list = NULL;
	op->n = 0;
	if ((st = session_authorize(txn, op->s, ACT_SEAL_READ, &actor)) !=
	    STATUS_OK)
		return st;
	rec_free(REC_USER, &actor);
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	op->seal_id = seal.id;
	rec_free(REC_SEAL, &seal);
	return store_scan(txn, IDX_GRANT_USER, &all, 0, grant_list_each, op);
}

enum status
grant_list(struct session *s, const char *regno, struct rec_grant **grants,
    size_t *n)
{
	struct grant_list_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	st = store_run(s->store, STORE_READ, grant_list_txn, &op);
	if (st != STATUS_OK) {
		free(op.list);
		return st == STATUS_NOT_FOUND ? st : session_audit_failure(s,
		    ACT_SEAL_READ, REC_SEAL, 0, st, regno);
	}
	*grants = op.list;
	*n = op.n;
	return STATUS_OK;
}
