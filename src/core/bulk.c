/*
 * bulk.c -- the bulk path (bulk.h): a batch of ordinary acts in one store
 * transaction.
 *
 * Only wraps store_batch() and says in the log what became of a batch.
 * Must not skip or weaken any act's checks or audit entries: the acts
 * are the ordinary calls and run as they always do.
 */
#include <config.h>

#include "core/bulk.h"

enum status
bulk_run(struct store *st, bulk_fn fn, void *arg)
{
	enum status rc;

	if (st == NULL || fn == NULL)
		return STATUS_INVALID;

	rc = store_batch(st, fn, arg);
	if (rc != STATUS_OK)
		log_warn("bulk: batch not kept: %s", status_name(rc));
	return rc;
}
