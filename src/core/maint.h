/*
 * maint.h -- upkeep of the workspace's files by the system administrator:
 * giving the database's half-empty pages back to the file system.
 *
 * Compacting changes no record (the store only moves them between
 * pages), so it is allowed while clerks work; it is ACT_COMPACT, and its
 * audit entry says what it gave back.
 */
#ifndef ESEAL_CORE_MAINT_H
#define ESEAL_CORE_MAINT_H

#include "core/session.h"
#include "store/store.h"
#include "util/status.h"

/* Compact every database file of S's workspace (store_compact, PASSES
 * passes, REPORT told each file's sizes) for the system administrator:
 * a refusal, a failure and the result are audited. */
enum status maint_compact(struct session *s, unsigned passes,
    store_compact_fn report, void *arg);

#endif
