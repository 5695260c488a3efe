/*
 * custody.c -- custody of a seal and proxy custody (Art. 6); custody.h
 * has the states and who moves a custody from one to the next.
 *
 * Two people confirm a handover or a return together, each with their
 * own session, in one transaction: the custodian's key password opens
 * the key and the proxy's new one wraps the proxy's copy
 * (crypto_key_rewrap), so neither learns the other's.  The proxy's copy
 * is wiped when the custody is returned or its period ends; the end is
 * noticed by the next write that looks (a use, a custody step), which
 * is enough because nothing can use the copy after the end anyway.
 *
 * It must not keep, log or return a key password or an unwrapped key.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/custody.h"
#include "core/grant.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/seal_private.h"

static const char *const custody_states[] = {
	"requested", "approved", "active", "returned", "denied"
};

const char *
custody_state_name(unsigned state)
{
	return state < sizeof custody_states / sizeof custody_states[0] ?
	    custody_states[state] : "?";
}

/* -- Scanning a seal's custody records ------------------------------------- */

struct custody_scan {
	uint64_t		 user;		/* whose past proxies to note */
	int64_t			 now;
	uint64_t		*ended;		/* active, period over */
	size_t			 n_ended;
	uint64_t		 open;	/* requested, approved or active */
	int			 was_proxy;	/* USER was ever a proxy here */
	int			 taken_back;	/* USER's custody returned
						 * early, its period on */
};

static int
custody_scan_each(const void *rec, void *arg)
{
	const struct rec_custody *c = rec;
	struct custody_scan *sc = arg;

	if (c->kind != CUSTODY_PROXY)
		return 0;
	if (c->to_user == sc->user)
		sc->was_proxy = 1;
	/* A period that simply ran out is closed at its end; one closed
	 * before it was taken back, which the proxy is told. */
	if (c->to_user == sc->user && c->state == CUSTODY_RETURNED &&
	    c->returned_at < c->period_to && sc->now >= c->period_from &&
	    sc->now <= c->period_to)
		sc->taken_back = 1;
	if (c->state == CUSTODY_ACTIVE && c->period_to < sc->now) {
		sc->ended = xrealloc(sc->ended, (sc->n_ended + 1) *
		    sizeof *sc->ended);
		sc->ended[sc->n_ended++] = c->id;
	} else if ((c->state == CUSTODY_REQUESTED ||
	    c->state == CUSTODY_APPROVED) && c->period_to < sc->now) {
		/* Never handed over and its period is over: it can no
		 * longer become a custody, so it leaves room for a new
		 * request instead of blocking the seal for good. */
	} else if (c->state == CUSTODY_REQUESTED ||
	    c->state == CUSTODY_APPROVED || c->state == CUSTODY_ACTIVE) {
		sc->open = c->id;
	}
	return 0;
}

static enum status
custody_scan(struct store_txn *txn, uint64_t seal_id, struct custody_scan *sc)
{
	struct store_range r = { 1, { seal_id, 0, 0 }, 0, UINT64_MAX };

	return store_scan(txn, IDX_CUSTODY_SEAL, &r, 0, custody_scan_each, sc);
}

/* Proxy custodies whose period is over end now: the copy of the key is
 * wiped.  *OPEN gets the open custody left, if any; *WAS_PROXY is 0 when
 * USER was never a proxy of the seal, 2 when a custody of theirs was
 * taken back within its period, 1 otherwise.  Without WRITE, nothing is
 * ended (a read transaction): the answers are the same, since an ended
 * custody is never the open one. */
static enum status
custody_expire_if(struct store_txn *txn, uint64_t seal_id, uint64_t user,
    int write, uint64_t *open, int *was_proxy)
{
	struct custody_scan sc;
	struct rec_custody c;
	enum status st;
	size_t i;

	memset(&sc, 0, sizeof sc);
	sc.user = user;
	sc.now = clock_now();
	st = custody_scan(txn, seal_id, &sc);
	for (i = 0; write && i < sc.n_ended && st == STATUS_OK; i++) {
		if ((st = store_get(txn, REC_CUSTODY, sc.ended[i], &c)) !=
		    STATUS_OK)
			break;
		c.state = CUSTODY_RETURNED;
		c.returned_at = c.period_to;
		seal_blob_wipe(&c.wrapped_key);
		st = store_put(txn, REC_CUSTODY, &c);
		rec_free(REC_CUSTODY, &c);
	}
	free(sc.ended);
	if (open != NULL)
		*open = sc.open;
	if (was_proxy != NULL)
		*was_proxy = sc.taken_back ? 2 : sc.was_proxy;
	return st;
}

static enum status
custody_expire(struct store_txn *txn, uint64_t seal_id, uint64_t user,
    uint64_t *open, int *was_proxy)
{
	return custody_expire_if(txn, seal_id, user, 1, open, was_proxy);
}

/* -- Using a seal ---------------------------------------------------------- */

static void
custody_copy_blob(const struct blob *from, struct blob *to)
{
	to->data = xmalloc(from->len ? from->len : 1);
	memcpy(to->data, from->data, from->len);
	to->len = from->len;
}

/* Whose wrapped key opens the seal for USER now (ending custodies whose
 * period is over only when WRITE). */
static enum status
custody_holder(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, int write, struct blob *wrapped,
    uint64_t *custody_id)
{
	struct rec_custody c;
	uint64_t open = 0;
	int was_proxy = 0;
	enum status st;

	if ((st = custody_expire_if(txn, seal->id, user->id, write, &open,
	    &was_proxy)) != STATUS_OK)
		return st;
	memset(&c, 0, sizeof c);
	if (open != 0 && (st = store_get(txn, REC_CUSTODY, open, &c)) !=
	    STATUS_OK)
		return st;
	if (open != 0 && c.state == CUSTODY_ACTIVE &&
	    clock_now() >= c.period_from) {
		/* Handed over and begun: the proxy holds the seal now; its
		 * custodian is told so rather than that it is not theirs. */
		st = c.to_user == user->id ? STATUS_OK :
		    user->id == seal->custodian_id ? STATUS_SEAL_WITH_PROXY :
		    STATUS_SEAL_CUSTODY;
		if (st == STATUS_OK) {
			custody_copy_blob(&c.wrapped_key, wrapped);
			*custody_id = c.id;
		}
	} else if (user->id == seal->custodian_id) {
		custody_copy_blob(&seal->wrapped_key, wrapped);
		*custody_id = 0;
		st = STATUS_OK;
	} else {
		st = was_proxy == 2 ? STATUS_CUSTODY_RETURNED : was_proxy ?
		    STATUS_CUSTODY_PERIOD : STATUS_SEAL_CUSTODY;
	}
	rec_free(REC_CUSTODY, &c);
	return st;
}

/* custody_use() and custody_check(): the same decision, counting the
 * use and ending what ran out only when WRITE. */
static enum status
custody_decide_use(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, int write, struct blob *wrapped,
    uint64_t *custody_id)
{
	int64_t now = clock_now();
	enum status st;

	memset(wrapped, 0, sizeof *wrapped);
	*custody_id = 0;
	/* A bound of 0 is no bound, as in the workflow's own check. */
	if (seal->status != SEAL_ACTIVE || now < seal->valid_from ||
	    (seal->valid_to != 0 && now > seal->valid_to) ||
	    seal->wrapped_key.len == 0)
		return STATUS_SEAL_INACTIVE;
	if ((st = custody_holder(txn, seal, user, write, wrapped,
	    custody_id)) != STATUS_OK)
		return st;
	st = write ? grant_use(txn, seal->id, user->id, now, NULL) :
	    grant_check(txn, seal->id, user->id, now);
	if (st != STATUS_OK)
		seal_blob_wipe(wrapped);
	return st;
}

enum status
custody_use(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, struct blob *wrapped, uint64_t *custody_id)
{
	return custody_decide_use(txn, seal, user, 1, wrapped, custody_id);
}

enum status
custody_check(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, struct blob *wrapped, uint64_t *custody_id)
{
	return custody_decide_use(txn, seal, user, 0, wrapped, custody_id);
}

/* -- Requests and decisions ------------------------------------------------ */

struct custody_op {
	struct session	*s;		/* the requester or director; or the
					 * custodian at a handover */
	struct session	*proxy;		/* at a handover or return */
	const char	*regno;
	const char	*login;
	int64_t		 from;
	int64_t		 to;
	char		*reason;
	int		 approve;
	const char	*pw_custodian;
	const char	*pw_proxy;
	uint64_t	 id;
	uint64_t	 seal_id;
	char		 detail[512];
};

static enum status
custody_request_check(struct store_txn *txn, struct custody_op *op,
    const struct rec_seal *seal, struct rec_user *proxy)
{
	uint64_t open = 0;
	enum status st;

	if (seal->status != SEAL_ACTIVE)
		return STATUS_SEAL_INACTIVE;
	if (op->from >= op->to || op->to <= clock_now() ||
	    op->from < seal->valid_from || op->to > seal->valid_to)
		return STATUS_CUSTODY_BAD_PERIOD;
	if ((st = store_get_by_name(txn, IDX_USER_NAME, op->login, proxy)) !=
	    STATUS_OK)
		return st;
	if (proxy->disabled || !(proxy->roles & ROLE_CLERK))
		return STATUS_CUSTODY_PROXY_ROLE;
	if (proxy->id == seal->custodian_id)
		return STATUS_SEAL_TWO_PEOPLE;
	if ((st = custody_expire(txn, seal->id, 0, &open, NULL)) != STATUS_OK)
		return st;
	return open != 0 ? STATUS_CUSTODY_OPEN : STATUS_OK;
}

static enum status
custody_request_apply(struct store_txn *txn, struct custody_op *op)
{
	struct rec_custody c;
	struct rec_seal seal;
	struct rec_user proxy;
	char t1[32], t2[32];
	enum status st;

	memset(&proxy, 0, sizeof proxy);
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	op->seal_id = seal.id;
	if ((st = custody_request_check(txn, op, &seal, &proxy)) != STATUS_OK)
		goto out;
	memset(&c, 0, sizeof c);
	c.seal_id = seal.id;
	c.kind = CUSTODY_PROXY;
	c.state = CUSTODY_REQUESTED;
	c.from_user = seal.custodian_id;
	c.to_user = proxy.id;
	c.period_from = op->from;
	c.period_to = op->to;
	c.created = clock_now();
	if ((st = store_put(txn, REC_CUSTODY, &c)) != STATUS_OK)
		goto out;
	op->id = c.id;
	snprintf(op->detail, sizeof op->detail, "custody %llu of seal %s "
	    "requested for proxy %s, %s to %s: %s", (unsigned long long) c.id,
	    seal.regno, proxy.name, ses_time_text(op->from, t1, sizeof t1),
	    ses_time_text(op->to, t2, sizeof t2), op->reason);
out:
	rec_free(REC_USER, &proxy);
	rec_free(REC_SEAL, &seal);
	return st;
}

static enum status
custody_decide_apply(struct store_txn *txn, struct custody_op *op,
    const struct rec_user *actor)
{
	struct rec_custody c;
	enum status st;

	if ((st = store_get(txn, REC_CUSTODY, op->id, &c)) != STATUS_OK)
		return st;
	op->seal_id = c.seal_id;
	if (c.kind != CUSTODY_PROXY || c.state != CUSTODY_REQUESTED)
		st = STATUS_CUSTODY_STATE;
	else if (actor->id == c.from_user || actor->id == c.to_user)
		st = STATUS_SELF_APPROVAL;
	if (st == STATUS_OK) {
		c.state = op->approve ? CUSTODY_APPROVED : CUSTODY_DENIED;
		c.approved_by = actor->id;
		st = store_put(txn, REC_CUSTODY, &c);
	}
	snprintf(op->detail, sizeof op->detail, "custody %llu %s%s%s",
	    (unsigned long long) op->id, op->approve ? "approved" : "denied",
	    op->reason != NULL ? ": " : "", op->reason != NULL ? op->reason :
	    "");
	rec_free(REC_CUSTODY, &c);
	return st;
}

static enum status
custody_one_txn(struct store_txn *txn, void *arg)
{
	struct custody_op *op = arg;
	enum action act = op->regno != NULL ? ACT_CUSTODY_REQUEST :
	    ACT_CUSTODY_APPROVE;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, act, &actor)) != STATUS_OK)
		return st;
	st = act == ACT_CUSTODY_REQUEST ? custody_request_apply(txn, op) :
	    custody_decide_apply(txn, op, &actor);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor, act),
		    act, REC_SEAL, op->seal_id, AUDIT_OK, op->detail);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
custody_finish(struct custody_op *op, enum action act, enum status st)
{
	if (st != STATUS_OK)
		st = session_audit_failure(op->s, act, REC_SEAL, op->seal_id,
		    st, op->detail);
	free(op->reason);
	return st;
}

enum status
custody_request(struct session *s, const char *regno, const char *proxy,
    int64_t from, int64_t to, const char *reason, uint64_t *id)
{
	struct custody_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	op.login = proxy;
	op.from = from;
	op.to = to;
	snprintf(op.detail, sizeof op.detail, "proxy custody of seal %s for "
	    "%s", regno, proxy);
	if (reason == NULL || reason[strspn(reason, " ")] == '\0')
		return custody_finish(&op, ACT_CUSTODY_REQUEST,
		    STATUS_REASON_REQUIRED);
	op.reason = text_sanitize(reason, strlen(reason), 0);
	st = store_run(s->store, STORE_WRITE, custody_one_txn, &op);
	if (st == STATUS_OK && id != NULL)
		*id = op.id;
	return custody_finish(&op, ACT_CUSTODY_REQUEST, st);
}

enum status
custody_decide(struct session *s, uint64_t id, int approve,
    const char *reason)
{
	struct custody_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.id = id;
	op.approve = approve;
	snprintf(op.detail, sizeof op.detail, "custody %llu",
	    (unsigned long long) id);
	if (reason != NULL && *reason != '\0')
		op.reason = text_sanitize(reason, strlen(reason), 0);
	if (!approve && op.reason == NULL)
		return custody_finish(&op, ACT_CUSTODY_APPROVE,
		    STATUS_REASON_REQUIRED);
	st = store_run(s->store, STORE_WRITE, custody_one_txn, &op);
	return custody_finish(&op, ACT_CUSTODY_APPROVE, st);
}
