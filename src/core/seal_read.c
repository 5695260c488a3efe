/*
 * seal_read.c -- reading the seal register: the list, one entry, and a
 * seal's history from the audit trail.
 *
 * Readers never see key material: the wrapped keys are wiped from every
 * record handed out.  Reading is not audited (it changes nothing and the
 * register is not secret to the bureau's staff), but it does need a
 * business role (ACT_SEAL_READ).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/seal_private.h"

struct seal_read_op {
	struct session		*s;
	const char		*regno;
	struct rec_seal		*seals;
	size_t			 n;
	struct seal_event	*events;
	size_t			 n_events;
	uint64_t		 seal_id;
};

static void
seal_read_reset(struct seal_read_op *op)
{
	seal_list_free(op->seals, op->n);
	seal_history_free(op->events, op->n_events);
	op->seals = NULL;
	op->events = NULL;
	op->n = op->n_events = 0;
}

static enum status
seal_list_txn(struct store_txn *txn, void *arg)
{
	struct seal_read_op *op = arg;
	struct rec_user actor;
	struct rec_seal seal;
	uint64_t last = 0, id;
	enum status st;

	seal_read_reset(op);
	if ((st = session_authorize(txn, op->s, ACT_SEAL_READ, &actor)) !=
	    STATUS_OK)
		return st;
	rec_free(REC_USER, &actor);
	if ((st = store_last_id(txn, REC_SEAL, &last)) != STATUS_OK)
		return st;
	for (id = 1; id <= last; id++) {
		st = store_get(txn, REC_SEAL, id, &seal);
		if (st == STATUS_NOT_FOUND)
			continue;
		if (st != STATUS_OK)
			return st;
		seal_blob_wipe(&seal.wrapped_key);
		op->seals = xrealloc(op->seals, (op->n + 1) * sizeof seal);
		op->seals[op->n++] = seal;
	}
	return STATUS_OK;
}

enum status
seal_list(struct session *s, struct rec_seal **seals, size_t *n)
{
	struct seal_read_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	st = store_run(s->store, STORE_READ, seal_list_txn, &op);
	if (st != STATUS_OK) {
		seal_read_reset(&op);
		return session_audit_failure(s, ACT_SEAL_READ, REC_SEAL, 0, st,
		    NULL);
	}
	*seals = op.seals;
	*n = op.n;
	return STATUS_OK;
}

void
seal_list_free(struct rec_seal *seals, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_SEAL, &seals[i]);
	free(seals);
}

static enum status
seal_get_txn(struct store_txn *txn, void *arg)
{
	struct seal_read_op *op = arg;
	struct rec_user actor;
	enum status st;

	rec_free(REC_SEAL, op->seals);
	memset(op->seals, 0, sizeof *op->seals);
	if ((st = session_authorize(txn, op->s, ACT_SEAL_READ, &actor)) !=
	    STATUS_OK)
		return st;
	rec_free(REC_USER, &actor);
	if ((st = seal_find(txn, op->regno, op->seals)) == STATUS_OK)
		seal_blob_wipe(&op->seals->wrapped_key);
	return st;
}

enum status
seal_get(struct session *s, const char *regno, struct rec_seal *seal)
{
	struct seal_read_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	memset(seal, 0, sizeof *seal);
	op.s = s;
	op.regno = regno;
	op.seals = seal;
	st = store_run(s->store, STORE_READ, seal_get_txn, &op);
	if (st == STATUS_NOT_FOUND)
		return st;
	if (st != STATUS_OK)
		return session_audit_failure(s, ACT_SEAL_READ, REC_SEAL, 0, st,
		    regno);
	return STATUS_OK;
}

/* -- History --------------------------------------------------------------- */

struct seal_history_scan {
	struct seal_read_op	*op;
	struct store_txn	*txn;
};

static int
seal_history_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct seal_history_scan *sc = arg;
	struct seal_read_op *op = sc->op;
	struct seal_event *ev;

	if (e->object_kind != REC_SEAL || e->object_id != op->seal_id)
		return 0;
	op->events = xrealloc(op->events, (op->n_events + 1) *
	    sizeof *op->events);
	ev = &op->events[op->n_events++];
	ev->time = e->time;
	ev->user = seal_user_name(sc->txn, e->user_id);
	ev->action = e->action;
	ev->outcome = e->outcome;
	ev->detail = xstrdup(e->detail != NULL ? e->detail : "");
	return 0;
}

static enum status
seal_history_txn(struct store_txn *txn, void *arg)
{
	struct seal_read_op *op = arg;
	struct seal_history_scan sc = { op, txn };
	struct rec_user actor;
	struct rec_seal seal;
	enum status st;

	seal_read_reset(op);
	if ((st = session_authorize(txn, op->s, ACT_SEAL_READ, &actor)) !=
	    STATUS_OK)
		return st;
	rec_free(REC_USER, &actor);
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		return st;
	op->seal_id = seal.id;
	rec_free(REC_SEAL, &seal);
	/* In sequence order, the order the events happened in: the same
	 * as time order unless a clock was stepped back. */
	return store_scan_all(txn, REC_AUDIT, seal_history_each, &sc);
}

enum status
seal_history(struct session *s, const char *regno, struct seal_event **events,
    size_t *n)
{
	struct seal_read_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	st = store_run(s->store, STORE_READ, seal_history_txn, &op);
	if (st != STATUS_OK) {
		seal_read_reset(&op);
		return st == STATUS_NOT_FOUND ? st : session_audit_failure(s,
		    ACT_SEAL_READ, REC_SEAL, 0, st, regno);
	}
	*events = op.events;
	*n = op.n_events;
	return STATUS_OK;
}

void
seal_history_free(struct seal_event *events, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(events[i].user);
		free(events[i].detail);
	}
	free(events);
}
