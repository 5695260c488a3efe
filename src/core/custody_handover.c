/*
 * custody_handover.c -- the two-person steps of proxy custody: the
 * handover, where the key is re-wrapped for the proxy, and the early
 * return, where the proxy's copy is destroyed; and listing a seal's
 * custody records.
 *
 * Both people act in their own sessions, authorised in the same
 * transaction, and each gets an audit entry.  It must not keep, log or
 * return either key password, nor the key between unwrapping and
 * re-wrapping (crypto_key_rewrap keeps it in secure memory).
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

struct custody_pair_op {
	struct session	*custodian;
	struct session	*proxy;
	uint64_t	 id;
	const char	*pw_custodian;
	const char	*pw_proxy;
	int		 handover;	/* else a return */
	uint64_t	 seal_id;
	char		 detail[256];
};

/* The two people, the custody and its seal, checked for either step. */
static enum status
custody_pair_load(struct store_txn *txn, struct custody_pair_op *op,
    struct rec_user *c, struct rec_user *p, struct rec_custody *cu,
    struct rec_seal *seal)
{
	enum status st;

	if ((st = session_authorize(txn, op->custodian, ACT_CUSTODY_CONFIRM,
	    c)) != STATUS_OK ||
	    (st = session_authorize(txn, op->proxy, ACT_CUSTODY_CONFIRM, p)) !=
	    STATUS_OK)
		return st;
	if (c->id == p->id)
		return STATUS_SEAL_TWO_PEOPLE;
	if ((st = store_get(txn, REC_CUSTODY, op->id, cu)) != STATUS_OK ||
	    (st = store_get(txn, REC_SEAL, cu->seal_id, seal)) != STATUS_OK)
		return st;
	op->seal_id = seal->id;
	if (cu->kind != CUSTODY_PROXY || cu->state != (op->handover ?
	    CUSTODY_APPROVED : CUSTODY_ACTIVE))
		return STATUS_CUSTODY_STATE;
	if (clock_now() > cu->period_to)
		return STATUS_CUSTODY_PERIOD;
	if (seal->status != SEAL_ACTIVE)
		return STATUS_SEAL_INACTIVE;
	if (c->id != seal->custodian_id)
		return STATUS_SEAL_CUSTODY;
	return p->id == cu->to_user ? STATUS_OK : STATUS_DENIED;
}

static enum status
custody_pair_handover(struct store_txn *txn, struct custody_pair_op *op,
    const struct rec_user *p, struct rec_custody *cu,
    const struct rec_seal *seal)
{
	struct crypto_kdf_params kdf;
	unsigned char *out = NULL;
	size_t n = 0;
	enum status st;

	if ((st = seal_kdf_params(txn, &kdf)) != STATUS_OK)
		return st;
	st = crypto_key_rewrap(seal->wrapped_key.data, seal->wrapped_key.len,
	    op->pw_custodian, op->pw_proxy, &kdf, &out, &n);
	if (st != STATUS_OK)
		return st;
	seal_blob_wipe(&cu->wrapped_key);
	cu->wrapped_key.data = out;
	cu->wrapped_key.len = n;
	cu->state = CUSTODY_ACTIVE;
	cu->handover_from_at = cu->handover_to_at = clock_now();
	return grant_put(txn, seal->id, p->id, cu->period_from, cu->period_to,
	    0, NULL);
}

/* End the proxy's grant that came with this custody (the handover made
 * one, ending with the period). */
static enum status
custody_pair_end_grant(struct store_txn *txn, const struct rec_user *p,
    const struct rec_custody *cu)
{
	return grant_end_for(txn, p->id, cu->seal_id, cu->period_to,
	    clock_now());
}

static enum status
custody_pair_txn(struct store_txn *txn, void *arg)
{
	struct custody_pair_op *op = arg;
	struct rec_user c, p;
	struct rec_custody cu;
	struct rec_seal seal;
	char *director = NULL;
	enum status st;

	memset(&c, 0, sizeof c);
	memset(&p, 0, sizeof p);
	memset(&cu, 0, sizeof cu);
	memset(&seal, 0, sizeof seal);
	if ((st = custody_pair_load(txn, op, &c, &p, &cu, &seal)) != STATUS_OK)
		goto out;
	if (op->handover)
		st = custody_pair_handover(txn, op, &p, &cu, &seal);
	else {
		seal_blob_wipe(&cu.wrapped_key);
		cu.state = CUSTODY_RETURNED;
		cu.returned_at = clock_now();
		st = custody_pair_end_grant(txn, &p, &cu);
	}
	if (st != STATUS_OK || (st = store_put(txn, REC_CUSTODY, &cu)) !=
	    STATUS_OK)
		goto out;

	director = seal_user_name(txn, cu.approved_by);
	snprintf(op->detail, sizeof op->detail, "seal %s %s %s, custody %llu "
	    "approved by %s", seal.regno, op->handover ? "handed over to" :
	    "returned by", p.name, (unsigned long long) cu.id, director);
	if ((st = audit_append(txn, &c, ROLE_CLERK, ACT_CUSTODY_CONFIRM,
	    REC_SEAL, seal.id, AUDIT_OK, op->detail)) == STATUS_OK)
		st = audit_append(txn, &p, ROLE_CLERK, ACT_CUSTODY_CONFIRM,
		    REC_SEAL, seal.id, AUDIT_OK, op->detail);
out:
	free(director);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_CUSTODY, &cu);
	rec_free(REC_USER, &c);
	rec_free(REC_USER, &p);
	return st;
}

static enum status
custody_pair_run(struct custody_pair_op *op)
{
	enum status st;

	snprintf(op->detail, sizeof op->detail, "%s of custody %llu",
	    op->handover ? "handover" : "return", (unsigned long long) op->id);
	if ((st = crypto_init()) == STATUS_OK)
		st = store_run(op->custodian->store, STORE_WRITE,
		    custody_pair_txn, op);
	if (st != STATUS_OK) {
		session_audit_failure(op->proxy, ACT_CUSTODY_CONFIRM, REC_SEAL,
		    op->seal_id, st, op->detail);
		st = session_audit_failure(op->custodian, ACT_CUSTODY_CONFIRM,
		    REC_SEAL, op->seal_id, st, op->detail);
	}
	return st;
}

enum status
custody_handover(struct session *custodian, struct session *proxy,
    uint64_t id, const char *custodian_pw, const char *proxy_pw)
{
	struct custody_pair_op op;
	struct policy pol;
	enum status st;

	memset(&op, 0, sizeof op);
	op.custodian = custodian;
	op.proxy = proxy;
	op.id = id;
	op.pw_custodian = custodian_pw;
	op.pw_proxy = proxy_pw;
	op.handover = 1;
	if (custodian_pw == NULL || proxy_pw == NULL)
		return STATUS_BAD_PASSWORD;
	if ((st = policy_get(proxy->store, &pol)) != STATUS_OK ||
	    (st = policy_check_password(&pol, proxy->name, proxy_pw)) !=
	    STATUS_OK)
		return session_audit_failure(proxy, ACT_CUSTODY_CONFIRM,
		    REC_CUSTODY, id, st, "the proxy's key password");
	return custody_pair_run(&op);
}

enum status
custody_return(struct session *custodian, struct session *proxy,
    uint64_t id)
{
	struct custody_pair_op op;

	memset(&op, 0, sizeof op);
	op.custodian = custodian;
	op.proxy = proxy;
	op.id = id;
	return custody_pair_run(&op);
}

/* -- Listing --------------------------------------------------------------- */

struct custody_list_op {
	struct session		*s;
	const char		*regno;		/* NULL: pending, of any seal */
	struct rec_custody	*list;
	size_t			 n;
};

static int
custody_list_each(const void *rec, void *arg)
{
	const struct rec_custody *c = rec;
	struct custody_list_op *op = arg;
	struct rec_custody *out;

	if (op->regno == NULL && c->state != CUSTODY_REQUESTED)
		return 0;
	op->list = xrealloc(op->list, (op->n + 1) * sizeof *op->list);
	out = &op->list[op->n++];
	*out = *c;		/* only the blob is owned: not copied */
	memset(&out->wrapped_key, 0, sizeof out->wrapped_key);
	if (out->kind == CUSTODY_PROXY && out->state == CUSTODY_ACTIVE &&
	    out->period_to < clock_now()) {
		out->state = CUSTODY_RETURNED;
		out->returned_at = out->period_to;
	}
	return 0;
}

static enum status
custody_list_txn(struct store_txn *txn, void *arg)
{
	struct custody_list_op *op = arg;
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
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
	if (op->regno == NULL) {
		r.nprefix = 0;
		return store_scan(txn, IDX_CUSTODY_SEAL, &r, 0,
		    custody_list_each, op);
	}
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	r.prefix[0] = seal.id;
	rec_free(REC_SEAL, &seal);
	return store_scan(txn, IDX_CUSTODY_SEAL, &r, 0, custody_list_each, op);
}

enum status
custody_list(struct session *s, const char *regno, struct rec_custody **list,
    size_t *n)
{
	struct custody_list_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	st = store_run(s->store, STORE_READ, custody_list_txn, &op);
	if (st != STATUS_OK) {
		free(op.list);
		return st == STATUS_NOT_FOUND ? st : session_audit_failure(s,
		    ACT_SEAL_READ, REC_SEAL, 0, st, regno != NULL ? regno :
		    "pending custody");
	}
	*list = op.list;
	*n = op.n;
	return STATUS_OK;
}

enum status
custody_pending(struct session *s, struct rec_custody **list, size_t *n)
{
	return custody_list(s, NULL, list, n);
}

void
custody_list_free(struct rec_custody *list, size_t n)
{
	(void) n;
	free(list);	/* the records own nothing once the keys are gone */
}
