/*
 * wfop.h -- private to the document workflow (workflow.c, reprint.c,
 * printapp.c, printlog.c, inbox.c, docview.c): how one workflow action
 * runs as one transaction with exactly one audit entry, and the lookups
 * those files share.  Not part of the core's facade.
 *
 * The pattern every action follows (wfop_run):
 *   1. session_authorize(): the account is fresh, usable and its roles
 *      allow the action (Art. 7);
 *   2. the document, when the action names one, is read;
 *   3. the action's own function checks its rules and writes records;
 *   4. one audit entry is appended in the same transaction.
 * Any refusal aborts the transaction, so nothing changed, and the
 * refusal is audited in a transaction of its own (wfop_refuse).
 */
#ifndef ESEAL_CORE_WFOP_H
#define ESEAL_CORE_WFOP_H

#include <stdint.h>

#include "core/action.h"
#include "core/chain.h"
#include "core/doc.h"
#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

struct wfop;
typedef enum status (*wfop_fn)(struct store_txn *txn, struct wfop *op);

struct wfop {
	/* Set by the caller. */
	struct session		*s;
	enum action		 act;		/* authorised, and audited */
	uint64_t		 doc_id;	/* 0: no document to read */
	wfop_fn			 fn;
	void			*arg;		/* the action's own data */

	/* Filled in for FN on each run of the transaction. */
	struct rec_user		 actor;
	struct rec_doc		 doc;

	/* What FN says for the audit entry (defaults: the document, ok). */
	enum rec_kind		 object_kind;
	uint64_t		 object_id;
	enum audit_outcome	 outcome;
	char			 detail[512];
};

/* STATUS_CLEARANCE unless the actor's clearance covers OP->doc's
 * classification; checked for every action on a document. */
enum status wfop_cleared(const struct wfop *op);

/* Run OP as described above; returns FN's status (or the refusal). */
enum status wfop_run(struct store *st, struct wfop *op);

/* Run a read-only look at the workspace as S (ACT_DOC_READ checked);
 * FN gets the fresh actor in OP->actor. */
enum status wfop_read(struct store *st, struct wfop *op);

/* The read-only first part of an action done in parts (sealing: read,
 * sign outside the store, then write with wfop_run): OP runs as with
 * wfop_read, OP->act checked; a refusal is audited as wfop_run audits
 * it, and success writes nothing. */
enum status wfop_prepare(struct store *st, struct wfop *op);

/* Audit OP refused for WHY in a transaction of its own, as wfop_run does
 * (for a refusal between the parts of an action). */
void wfop_refuse(struct store *st, struct wfop *op, enum status why);

/* Append to OP->detail (printf style), for the audit entry. */
void wfop_note(struct wfop *op, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Move OP->doc to state TO: asserts the diagram allows it (workflow.c)
 * and stamps the time. */
void wfop_move(struct wfop *op, enum doc_state to);

/* A store_scan callback keeping the first record's id in *(uint64_t *)
 * ARG and stopping. */
int wfop_first_id(const void *rec, void *arg);

/* Version NUMBER of document DOC_ID into V (rec_free after). */
enum status wfop_version(struct store_txn *txn, uint64_t doc_id,
    uint32_t number, struct rec_version *v);

/* SM3 of the canonical serialisation of V of document DOC_ID. */
enum status wfop_hash(uint64_t doc_id, const struct rec_version *v,
    unsigned char out[32]);

/* STATUS_CORRUPT unless V's stored hash matches its content. */
enum status wfop_hash_check(uint64_t doc_id, const struct rec_version *v);

/* The chain of DOC's current version (reads its flags and the
 * configuration). */
enum status wfop_chain(struct store_txn *txn, const struct rec_doc *doc,
    struct chain *out);

/* A REC_META value (a new string in *VALUE, NULL when unset). */
enum status wfop_meta_get(struct store_txn *txn, const char *key,
    char **value);
enum status wfop_meta_set(struct store_txn *txn, const char *key,
    const char *value);

/* The workstation's classification (REC_META "classification", set by
 * the security administrator; unset means unclassified). */
enum status wfop_station_class(struct store_txn *txn, enum classification *c);

/* STATUS_STATION_CLASSIFIED unless this workstation may hold a document
 * of classification C (Art. 13). */
enum status wfop_station_allows(struct store_txn *txn, enum classification c);

/* What the approval records say about version VERSION of DOC_ID. */
struct wfop_approvals {
	unsigned	 count;		/* records for this version */
	int		 issued;	/* an ISSUE, not followed by a RETURN */
	int		 acted;		/* USER approved or issued it already */
	uint8_t		 last_action;	/* of the newest record */
};

enum status wfop_approvals(struct store_txn *txn, uint64_t doc_id,
    uint32_t version, uint64_t user, struct wfop_approvals *out);

/* Write one approval record. */
enum status wfop_approval_add(struct store_txn *txn, const struct wfop *op,
    uint8_t level, enum approval_action action, const char *comment);

/* What the print log says about DOC_ID. */
struct wfop_jobs {
	uint64_t	 pending;	/* the job in progress, or 0 */
	uint32_t	 done_sealed;	/* copies printed of SEALED_VERSION */
	uint32_t	 done_total;	/* copies printed of every version */
};

enum status wfop_jobs(struct store_txn *txn, uint64_t doc_id,
    uint32_t sealed_version, struct wfop_jobs *out);

/* The version COPY_NO was printed for (a copy that came out of a
 * finished job), or STATUS_COPY_NUMBER. */
enum status wfop_copy_printed(struct store_txn *txn, uint64_t doc_id,
    uint32_t copy_no, uint32_t *version);

/* The PENDING application of KIND for DOC_ID into APP (id 0: none). */
enum status wfop_pending_app(struct store_txn *txn, uint64_t doc_id,
    enum app_kind kind, struct rec_application *app);

/* A user's text (a comment, a reason): sanitised, trimmed, NULL when
 * nothing is left. */
char *wfop_text(const char *s);

/* How many copies of DOC_ID are recorded recalled, and destroyed. */
enum status wfop_recalls(struct store_txn *txn, uint64_t doc_id,
    uint32_t *recalled, uint32_t *destroyed);

/* -- Documents and versions ---------------------------------------------- */

/* STATUS_DENIED unless the actor drafted OP->doc; STATUS_REFUSED_KIND for
 * a document refused for e-sealing (Art. 2). */
enum status wfop_own(const struct wfop *op);

/* STATUS_OK when C may be recorded by OP's actor on this workstation
 * (its content checks, and for a classified one the actor's clearance
 * and the workstation's classification, Art. 13). */
enum status wfop_check_content(struct store_txn *txn, const struct wfop *op,
    const struct doc_content *c);

/* Copy what the lists show from C into OP->doc: title, flags, form, and
 * the copies asked for while no version is sealed. */
void wfop_doc_apply(struct wfop *op, const struct doc_content *c);

/* Write C as version NUMBER of OP->doc, its content hash computed. */
enum status wfop_version_add(struct store_txn *txn, struct wfop *op,
    const struct doc_content *c, uint32_t number);

/* Record a new document drafted by OP->actor from C, with its version
 * 1: OP->doc is the new record (and the audit entry's object). */
enum status wfop_doc_new(struct store_txn *txn, struct wfop *op,
    const struct doc_content *c);

#endif
