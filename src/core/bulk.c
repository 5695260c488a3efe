/*
 * bulk.c -- the bulk path (bulk.h): a batch of ordinary acts in one store
 * transaction.
 *
 * Only wraps store_batch() and says in the log what became of a batch.
 * Must not skip or weaken any act's checks or audit entries: the acts
 * are the ordinary calls and run as they always do.  The audit trail's
 * key is unwrapped once for the batch's checkpoints instead of at each
 * (audit_key_hold), and must not outlive the batch.
 */
#include <config.h>

#include "core/audit_private.h"
#include "core/bulk.h"

enum status
bulk_run(struct store *st, bulk_fn fn, void *arg)
{
	enum status rc;

	if (st == NULL || fn == NULL)
		return STATUS_INVALID;

	audit_key_hold();
	rc = store_batch(st, fn, arg);
	audit_key_release();
	if (rc != STATUS_OK)
		log_warn("bulk: batch not kept: %s", status_name(rc));
	return rc;
}
