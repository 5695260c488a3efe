/*
 * printapp.h -- applications for copies: the extra print (加印, Flow 5)
 * of a sealed document, and the batch of sealed blank forms (Flow 1.2).
 *
 * Same contract as workflow.h: one transaction and one audit entry per
 * call, or nothing changed and the refusal audited.
 */
#ifndef ESEAL_CORE_PRINTAPP_H
#define ESEAL_CORE_PRINTAPP_H

#include <stdint.h>

#include "core/doc.h"
#include "core/session.h"
#include "store/store.h"

/*
 * The drafter applies for COUNT more copies of the sealed version, with
 * an optional REASON; the application's id in *APP_ID.  From DOC_SEALED
 * or DOC_PRINTED.  Nothing is printable until an approver agrees
 * (printapp_decide).  ACT_DOC_EXTRA_PRINT.
 */
enum status printapp_extra(struct store *st, struct session *s,
    uint64_t doc_id, uint32_t count, const char *reason, uint64_t *app_id);

/*
 * A department's designated person applies for COUNT sealed blank forms
 * of the template C (its batch flag and copies are set here), to be
 * received by RECEIVER_ID (0: the applicant).  This records the template
 * as a new document in DOC_DRAFT, with a batch application that the
 * register shows with the copy numbers printed; the template then goes
 * through approval and sealing like any document, and the clerk confirms
 * COUNT copies.  The new document's id in *DOC_ID.  ACT_DOC_BATCH.
 */
enum status printapp_batch(struct store *st, struct session *s,
    const struct doc_content *c, uint32_t count, uint64_t receiver_id,
    const char *reason, uint64_t *doc_id);

/*
 * An approver (section chief or above, not the applicant) decides the
 * pending extra-print application APP_ID: APPROVE adds its copies to the
 * document's approved copies (DOC_PRINTED -> DOC_SEALED); a denial needs
 * a COMMENT.  STATUS_UNSUPPORTED for applications of other kinds (seal
 * custody is decided by the seal register).  ACT_APP_DECIDE.
 */
enum status printapp_decide(struct store *st, struct session *s,
    uint64_t app_id, int approve, const char *comment);

#endif
