/*
 * workflow.h -- the document workflow (Art. 1-3, 9-11, Flows 1-5): what
 * the screens and esealctl call to draft, approve, issue, seal, reject,
 * reprint, print more copies of and recall documents.
 *
 * Every call takes the acting session, checks the action against the
 * permission table and the workflow's own rules, and either changes the
 * workspace in ONE transaction together with ONE audit entry, or changes
 * nothing and audits the refusal.  The state diagram is at the top of
 * workflow.c.  Statuses a user may meet are listed with each call; any
 * call may also return STATUS_DENIED (the roles do not allow it), a
 * session restriction, STATUS_NOT_FOUND or a storage error.
 */
#ifndef ESEAL_CORE_WORKFLOW_H
#define ESEAL_CORE_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "core/chain.h"
#include "core/doc.h"
#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

/* Non-zero when the diagram has an edge FROM -> TO (tests, asserts). */
int workflow_may_move(enum doc_state from, enum doc_state to);

/* -- Drafting (ACT_DOC_DRAFT, ACT_DOC_SUBMIT) ---------------------------- */

/*
 * Record a new document drafted by the session's user, with C as its
 * version 1, in the drafter's department; its id in *DOC_ID.  A kind
 * that is never e-sealed (Party-group, outside the system) is recorded
 * in state DOC_REFUSED, where every workflow action answers
 * STATUS_REFUSED_KIND (Art. 2).  C->batch is refused here: blank-form
 * batches are applied for with printapp_batch().
 * STATUS_INVALID (doc_content_check), STATUS_STATION_CLASSIFIED.
 */
enum status workflow_create(struct store *st, struct session *s,
    const struct doc_content *c, uint64_t *doc_id);

/*
 * The drafter's revision: C becomes a new version (the old one is kept,
 * unchanged) and the document goes back to DOC_DRAFT, to be approved
 * again.  From DOC_DRAFT, DOC_RETURNED, DOC_APPROVED, and DOC_REJECTED
 * when the rejected version was never sealed.  STATUS_FROZEN once the
 * version was sent for e-sealing (use reprint_apply), STATUS_INVALID
 * when the kind or batch flag changes.
 */
enum status workflow_revise(struct store *st, struct session *s,
    uint64_t doc_id, const struct doc_content *c);

/* DOC_DRAFT -> DOC_IN_APPROVAL at the chain's first step (drafter). */
enum status workflow_submit(struct store *st, struct session *s,
    uint64_t doc_id);

/* -- Approval (ACT_DOC_APPROVE, ACT_DOC_ISSUE, ACT_DOC_RETURN) ------------- */

/*
 * Approve at the current step, with an optional COMMENT.  At the last
 * step this is the issuance (签发, audited as ACT_DOC_ISSUE): the
 * document number is allocated if the document has none, and the
 * document becomes DOC_APPROVED (DOC_CLOSED for the traditional seal).
 * STATUS_CHAIN_LEVEL, STATUS_NOT_ISSUER, STATUS_SELF_APPROVAL (own
 * document, or a second act on one version).
 */
enum status workflow_approve(struct store *st, struct session *s,
    uint64_t doc_id, const char *comment);

/* Return to the drafter with a COMMENT (required:
 * STATUS_REASON_REQUIRED).  DOC_IN_APPROVAL -> DOC_RETURNED. */
enum status workflow_return(struct store *st, struct session *s,
    uint64_t doc_id, const char *comment);

/* -- Sealing (ACT_DOC_SEND, ACT_DOC_SEAL, ACT_DOC_REJECT) ------------------ */

/*
 * The drafter, having checked the issued version, sends it to the
 * clerk: the version is frozen (Art. 10), DOC_APPROVED -> DOC_TO_SEAL.
 */
enum status workflow_send(struct store *st, struct session *s,
    uint64_t doc_id);

/*
 * The clerk seals the frozen version with SEAL_ID, confirming COPIES
 * (must equal the approved number), unwrapping the seal's key with the
 * key PASSWORD of its custodian (or proxy).  DOC_TO_SEAL -> DOC_SEALED;
 * the print room may then print COPIES numbered copies.  Refusals:
 * STATUS_NOT_ISSUED (Art. 9), STATUS_COPIES (Art. 11),
 * STATUS_RECALL_PENDING (Flow 4: copies of the earlier sealed version
 * are still out), and from the seal register (core/sealing.h) whether
 * the clerk may use the seal now: STATUS_SEAL_INACTIVE,
 * STATUS_SEAL_CUSTODY, STATUS_CUSTODY_PERIOD, STATUS_SEAL_NO_GRANT,
 * STATUS_KEY_PASSWORD.  The signature is made between two transactions,
 * with the workspace free for others: STATUS_SEAL_CHANGED when the
 * document, the seal or the clerk's right to use it changed meanwhile
 * (another clerk sealed it first, say); nothing was sealed, and the
 * clerk may try again.  Each call leaves one audit entry: the sealing,
 * or its refusal.
 */
enum status workflow_seal(struct store *st, struct session *s,
    uint64_t doc_id, uint64_t seal_id, uint32_t copies,
    const char *password);

/*
 * workflow_seal() in its three steps, for a program that makes many
 * sealings and signs them while it does other acts (the bulk path):
 * prepare (a read transaction: the checks, and what the signature
 * binds), sign (no transaction), store (the write transaction).  Each
 * step returns the status workflow_seal() would, a refusal audited; on
 * a refusal, or after the store, workflow_sealing_free() *W (NULL after
 * a refused preparation) and, when a renderer is installed, call
 * sealing_end() (core/sealing.h) before the next sealing is signed.
 */
struct workflow_sealing;
enum status workflow_seal_prepare(struct store *st, struct session *s,
    uint64_t doc_id, uint64_t seal_id, uint32_t copies,
    struct workflow_sealing **w);
enum status workflow_seal_sign(struct store *st, struct session *s,
    struct workflow_sealing *w, const char *password);
enum status workflow_seal_store(struct store *st, struct session *s,
    struct workflow_sealing *w);
void workflow_sealing_free(struct workflow_sealing *w);

/*
 * Reject (退签, Flow 3) with a written REASON: the clerk from
 * DOC_TO_SEAL, the print room from DOC_SEALED (no job in progress).
 * The document goes back to its drafter as DOC_REJECTED.
 */
enum status workflow_reject(struct store *st, struct session *s,
    uint64_t doc_id, const char *reason);

#endif
