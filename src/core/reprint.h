/*
 * reprint.h -- Flow 4, the reprint (重印): a corrected version replaces
 * a sealed one.  The earlier sealed version can no longer be printed as
 * soon as the reprint is applied for; if copies of it were printed, the
 * clerk records each one recalled, by copy number, and destroyed, with
 * a witness, before the new version can be sealed.
 *
 * Same contract as workflow.h: one transaction and one audit entry per
 * call, or nothing changed and the refusal audited.
 */
#ifndef ESEAL_CORE_REPRINT_H
#define ESEAL_CORE_REPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "core/session.h"
#include "store/store.h"

/*
 * The drafter applies for a reprint with the corrected content C and a
 * REASON (required): C becomes a new version that goes straight into
 * approval (DOC_IN_APPROVAL), and a reprint application records the
 * request until the new version is sealed.  From DOC_SEALED (no print
 * job in progress), DOC_PRINTED, or DOC_REJECTED when the rejected
 * version is the sealed one.  ACT_DOC_REPRINT.
 */
enum status reprint_apply(struct store *st, struct session *s,
    uint64_t doc_id, const struct doc_content *c, const char *reason);

/*
 * The clerk records that the printed copies COPY_NOS[0..N-1] of an
 * earlier sealed version were recalled (ACT_DOC_RECALL).  Only while
 * that version is being replaced (a reprint under way, or the document
 * rejected).  STATUS_COPY_NUMBER names a number never printed or already
 * recalled (the first one in the audit detail).
 */
enum status reprint_recall(struct store *st, struct session *s,
    uint64_t doc_id, const uint32_t *copy_nos, size_t n);

/*
 * The clerk records the recalled copies COPY_NOS[0..N-1] destroyed, in
 * the presence of WITNESS (a name, required: STATUS_WITNESS_REQUIRED).
 * STATUS_COPY_NUMBER for a copy not recalled or already destroyed.
 * ACT_DOC_DESTROY.
 */
enum status reprint_destroy(struct store *st, struct session *s,
    uint64_t doc_id, const uint32_t *copy_nos, size_t n,
    const char *witness);

#endif
