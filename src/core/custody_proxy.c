/*
 * custody_proxy.c -- who holds a seal as its proxy now, and until when:
 * what a custodian refused with STATUS_SEAL_WITH_PROXY is told, so that
 * she knows whom to ask (Art. 6), in the sealing dialog and in
 * 'esealctl doc seal' alike.
 *
 * It only reads: it must not end a custody whose period is over (the
 * next write that looks does, custody.c), nor return key material.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/custody.h"
#include "core/perm.h"
#include "core/seal_private.h"

struct custody_proxy_op {
	struct session		*s;
	const char		*regno;
	int64_t			 now;
	struct rec_custody	 found;	/* its key blob never copied */
	struct custody_proxy	*out;
};

/* A proxy custody handed over whose period holds NOW. */
static int
custody_proxy_each(const void *rec, void *arg)
{
	const struct rec_custody *c = rec;
	struct custody_proxy_op *op = arg;

	if (c->kind == CUSTODY_PROXY && c->state == CUSTODY_ACTIVE &&
	    c->period_from <= op->now && op->now <= c->period_to) {
		op->found = *c;
		memset(&op->found.wrapped_key, 0, sizeof op->found.wrapped_key);
	}
	return 0;
}

static enum status
custody_proxy_txn(struct store_txn *txn, void *arg)
{
	struct custody_proxy_op *op = arg;
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct rec_user actor, proxy;
	struct rec_seal seal;
	enum status st;

	/* Run again after a deadlock: nothing of a first run is kept. */
	custody_proxy_free(op->out);
	memset(&op->found, 0, sizeof op->found);
	if ((st = session_authorize(txn, op->s, ACT_SEAL_READ, &actor)) !=
	    STATUS_OK)
		return st;
	rec_free(REC_USER, &actor);
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	r.prefix[0] = seal.id;
	rec_free(REC_SEAL, &seal);

	if ((st = store_scan(txn, IDX_CUSTODY_SEAL, &r, 0, custody_proxy_each,
	    op)) != STATUS_OK)
		return st;
	if (op->found.id == 0)
		return STATUS_NOT_FOUND;

	if ((st = store_get(txn, REC_USER, op->found.to_user, &proxy)) !=
	    STATUS_OK)
		return st;
	op->out->custody_id = op->found.id;
	op->out->login = xstrdup(proxy.name != NULL ? proxy.name : "");
	op->out->full_name = xstrdup(proxy.full_name != NULL ?
	    proxy.full_name : "");
	op->out->until = op->found.period_to;
	rec_free(REC_USER, &proxy);
	return STATUS_OK;
}

enum status
custody_proxy_now(struct session *s, const char *regno,
    struct custody_proxy *out)
{
	struct custody_proxy_op op;
	enum status st;

	memset(out, 0, sizeof *out);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	op.now = clock_now();
	op.out = out;
	st = store_run(s->store, STORE_READ, custody_proxy_txn, &op);
	if (st == STATUS_OK || st == STATUS_NOT_FOUND) {
		if (st != STATUS_OK)
			custody_proxy_free(out);
		return st;
	}
	custody_proxy_free(out);
	return session_audit_failure(s, ACT_SEAL_READ, REC_SEAL, 0, st, regno);
}

enum status
custody_proxy_refusal(struct session *s, const char *regno, char **text)
{
	struct custody_proxy p;
	char until[32], *who;
	enum status st;

	*text = NULL;
	if ((st = custody_proxy_now(s, regno, &p)) != STATUS_OK)
		return st;
	/* The full name is what she knows the proxy by; it is optional. */
	who = *p.full_name != '\0' ? xasprintf(_("%s (%s)"), p.full_name,
	    p.login) : xstrdup(p.login);
	*text = xasprintf(_("The seal is with its proxy %s until %s, in an "
	    "approved proxy custody (Art. 6). Use it again once the custody "
	    "is returned or its period ends."), who,
	    clock_format(p.until, until, sizeof until));
	free(who);
	custody_proxy_free(&p);
	return STATUS_OK;
}

void
custody_proxy_free(struct custody_proxy *p)
{
	free(p->login);
	free(p->full_name);
	memset(p, 0, sizeof *p);
}
