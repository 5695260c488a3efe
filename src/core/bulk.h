/*
 * bulk.h -- the bulk path: many acts (a document's whole life, or a batch
 * of documents) committed as one store transaction.
 *
 * For loading history in quantity (a migration from paper registers, the
 * benchmark workspaces): the acts are the ordinary calls -- workflow_*,
 * printlog_*, reprint_*, printapp_* -- each with its own permission and
 * state checks and its own audit entries, in the order made; only the
 * durable commit, the workspace lock and the store's check for dead
 * processes happen once per batch instead of once per act, and the audit
 * trail's key is unwrapped once for the batch's checkpoints and freed at
 * its end.  Not for the interactive program: other processes wait for
 * the whole batch.
 */
#ifndef ESEAL_CORE_BULK_H
#define ESEAL_CORE_BULK_H

#include "store/store.h"

/* The acts of one batch; ARG is the caller's. */
typedef enum status (*bulk_fn)(void *arg);

/*
 * Run FN, which makes acts through the core's calls on ST, as one batch.
 * An act refused inside (a check failed) is undone alone and FN sees its
 * status, as it would outside a batch; FN decides whether to go on.
 * When FN returns STATUS_OK and the store commits, every act of the batch
 * is on disk with its audit entries; otherwise none is, and the status
 * (FN's, or the store's) is returned.  Files written by an act (a sealed
 * original) are not taken back: a failed batch may leave unreferenced
 * ones.  A batch is not retried; keep it to a few hundred acts.
 */
enum status bulk_run(struct store *st, bulk_fn fn, void *arg);

#endif
