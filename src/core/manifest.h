/*
 * manifest.h -- the MANIFEST of an export (its format is in export.h):
 * making and signing it, and checking it with the files beside it.
 * Private to export.c and manifest.c; other code goes through export.h.
 */
#ifndef ESEAL_CORE_MANIFEST_H
#define ESEAL_CORE_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/export.h"
#include "store/store.h"

/* The heading of a manifest. */
struct manifest_head {
	const char	*what;
	const char	*bureau;
	const char	*by;
	const char	*medium;	/* "UUID LABEL" */
	int64_t		 at;
};

/*
 * The MANIFEST for the files of B, signed inside TXN by a one-time key
 * that the office's root certificate (workspace HOME) certifies now;
 * appended to OUT.  Takes a serial number from the office's authority,
 * so TXN must be a write transaction.
 */
enum status manifest_make(struct store_txn *txn, const char *home,
    const struct manifest_head *h, const struct export_bundle *b,
    struct buf *out);

/* Check the MANIFEST at PATH against the root certificate ROOT (DER);
 * see export_verify(). */
enum status manifest_check(const char *path, const unsigned char *root,
    size_t root_len, export_report_fn fn, void *arg);

#endif
