/*
 * batch.c -- store_batch(): many store_run() calls as one durable
 * transaction, for loading a lot of history at once (the core's bulk
 * path, core/bulk.h).
 *
 * Each store_run() inside a batch runs in a child (nested) transaction
 * of the batch's own: an act that fails aborts its child alone, exactly
 * as it would have aborted its own transaction outside a batch, and the
 * acts after it see the store as if it had never run.  What a batch
 * saves is what each top-level transaction costs: the workspace lock,
 * failchk (reading /proc for every registered process, measured at a
 * quarter of the bulk load's time), the synchronous log flush of the
 * commit and the checkpoint test.  Those happen once, at the batch's
 * start and end.
 *
 * Must not retry: the acts of a batch may have done things outside the
 * store (an original written to disk), so a batch that cannot commit is
 * reported, never run again here.  Must not be used for an interactive
 * act: the workspace lock is held for the whole batch, so every other
 * process waits for it.
 */
#include <config.h>

#include <unistd.h>

#include "store/store_int.h"

static enum status store_batch_finish(struct store *st, enum status rc);

/* A batch's acts hold their write locks until its end, so a batch should
 * stay small: a few hundred acts (the lock table holds ENV_MAX_LOCKS). */
enum status
store_batch(struct store *st, store_batch_fn fn, void *arg)
{
	enum status rc;
	int ret;

	if (st->in_run || st->batch != NULL || st->pid != getpid() ||
	    (st->flags & STORE_RDONLY)) {
		log_error("store: store_batch misused (nested, after fork, "
		    "or on a read-only store)");
		return STATUS_INVALID;
	}
	if ((rc = wslock_take(st->home, &st->lock)) != STATUS_OK)
		return rc;
	st->in_run = 1;
	if ((rc = store_sync(st)) != STATUS_OK ||
	    (st->no_space && (rc = env_checkpoint(st, 1)) != STATUS_OK) ||
	    (rc = env_failchk(st)) != STATUS_OK)
		goto out;
	ret = st->env->txn_begin(st->env, NULL, &st->batch,
	    DB_TXN_NOWAIT | DB_READ_COMMITTED);
	if (ret != 0) {
		st->batch = NULL;
		rc = env_fail(ret, "beginning a batch in", st->home);
		goto out;
	}

	st->in_run = 0;
	st->batch_rc = STATUS_OK;
	rc = fn(arg);
	st->in_run = 1;
	rc = store_batch_finish(st, rc);
out:
	st->in_run = 0;
	wslock_release(&st->lock);
	return rc;
}

/* Commit the batch durably when FN and every act's transaction went
 * well; otherwise abort it, returning why. */
static enum status
store_batch_finish(struct store *st, enum status rc)
{
	DB_TXN *txn = st->batch;
	int ret;

	st->batch = NULL;
	if (rc == STATUS_OK)
		rc = st->batch_rc;
	if (rc != STATUS_OK) {
		if ((ret = txn->abort(txn)) != 0)
			env_fail(ret, "aborting a batch in", st->home);
		return rc;
	}
	if ((ret = txn->commit(txn, 0)) != 0)
		return env_fail(ret, "committing a batch in", st->home);
	return env_checkpoint(st, 0);
}

/*
 * One store_run() inside a batch: a child transaction.  A Berkeley DB
 * error that would have made store_run retry or recover dooms the whole
 * batch (st->batch_rc): the batch's own transaction may have lost locks
 * or be unusable, and its earlier acts cannot be run again from here.
 */
enum status
store_batch_run(struct store *st, enum store_mode mode, store_txn_fn fn,
    void *arg)
{
	struct store_txn t = { st, NULL, mode, 0 };
	enum status rc;
	int ret;

	if (st->batch_rc != STATUS_OK)
		return st->batch_rc;
	ret = st->env->txn_begin(st->env, st->batch, &t.txn, DB_TXN_NOWAIT |
	    DB_READ_COMMITTED);	/* as store_run_once's, for its reason */
	if (ret != 0) {
		st->batch_rc = env_fail(ret, "beginning an act in", st->home);
		return st->batch_rc;
	}

	st->in_run = 1;
	rc = fn(&t, arg);
	st->in_run = 0;
	if (t.dberr != 0 || rc != STATUS_OK) {
		if ((ret = t.txn->abort(t.txn)) != 0 && t.dberr == 0)
			t.dberr = ret;
		if (t.dberr != 0)
			st->batch_rc = env_status(t.dberr);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0) {
		st->batch_rc = env_fail(ret, "committing an act in", st->home);
		return st->batch_rc;
	}
	return STATUS_OK;
}
