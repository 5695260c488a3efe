/*
 * keycheck.h -- the check of a workspace's key files for 'esealctl
 * check': each secret that unwraps a key kept in the database (the
 * office authority's, the audit trail's) must be there, private and
 * whole, and must unwrap its keys, which must be the ones their public
 * halves (certificates, the published audit key) name.  A key file that
 * fails is what would stop sealing or the audit trail later.
 *
 * Reads only; repairs nothing (a damaged key file is restored from the
 * office's safe keeping, never made anew: new keys would orphan every
 * certificate and checkpoint made under the old ones).
 */
#ifndef ESEAL_CORE_KEYCHECK_H
#define ESEAL_CORE_KEYCHECK_H

#include "store/store.h"
#include "util/util.h"

/* Called with each fault found, in the user's language. */
typedef void (*keycheck_report_fn)(const char *what, void *arg);

/*
 * Check the key files of workspace ST (opened, audit_attach()ed),
 * calling REPORT for each fault and counting them in *FAULTS.  A key
 * the workspace does not have yet is not a fault.  Returns the store's
 * error when it could not look, STATUS_OK otherwise.
 */
enum status keycheck_run(struct store *st, keycheck_report_fn report,
    void *arg, unsigned *faults);

#endif
