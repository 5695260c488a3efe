/*
 * audit_private.h -- what the audit trail's own files share: the
 * canonical encoding, the settings in REC_META, the workstation key and
 * an in-memory list of entries.  Included only by src/core/audit*.c;
 * everything else goes through audit.h.
 */
#ifndef ESEAL_CORE_AUDIT_PRIVATE_H
#define ESEAL_CORE_AUDIT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "crypto/crypto.h"

/* REC_META keys. */
#define AUDIT_META_EVERY	"audit.checkpoint_every"
#define AUDIT_META_RETENTION	"audit.retention_days"
#define AUDIT_META_SPACE	"audit.space_threshold"
#define AUDIT_META_ARCHIVED	"audit.archived_upto"
#define AUDIT_META_PUBKEY	"audit.public_key"	/* hex, 04||x||y */
#define AUDIT_META_WRAPPED	"audit.signing_key"	/* hex, wrapped */

/* The file beside the databases holding the key that unwraps the
 * signing key (audit_key.c says why it is there). */
#define AUDIT_KEK_FILE		"audit-key.kek"

#define AUDIT_SECONDS_PER_DAY	86400

/* -- audit.c --------------------------------------------------------------- */

/* The canonical encoding of E (see audit.c); without its signature when
 * FOR_SIGNING, which is what a checkpoint's signature covers. */
void audit_encode(const struct rec_audit *e, int for_signing, struct buf *out);

/* SM3 of the canonical encoding of E: the link the next entry stores. */
enum status audit_hash(const struct rec_audit *e,
    unsigned char out[AUDIT_HASH_LEN]);

/* The workspace directory audit_attach() recorded, or NULL. */
const char *audit_home(void);

/* Append a checkpoint now, signing the head, with DETAIL (may be NULL);
 * its sequence number goes to *SEQ (may be NULL). */
enum status audit_checkpoint(struct store_txn *txn, const char *detail,
    uint64_t *seq);

/* A setting: the number in REC_META under KEY, or DFLT when unset. */
enum status audit_meta_u64(struct store_txn *txn, const char *key,
    uint64_t dflt, uint64_t *value);
/* Strings in REC_META are read and written with policy_meta_get() and
 * policy_meta_set() (policy.h). */

/* What a session's audit operation does once session_authorize() let
 * ACTOR through, inside the same transaction. */
typedef enum status (*audit_op_fn)(struct store_txn *txn,
    const struct rec_user *actor, void *arg);

/*
 * Run FN for session S doing ACT in a transaction of MODE, after
 * session_authorize().  Any failure, the refusal included, is audited
 * (session_audit_failure, object KIND:ID, WHAT as detail) and returned.
 */
enum status audit_session_run(struct session *s, enum action act,
    enum store_mode mode, audit_op_fn fn, void *arg, enum rec_kind kind,
    uint64_t id, const char *what);

/* An audit_op_fn that does nothing: for checking a session first. */
enum status audit_op_allowed(struct store_txn *txn,
    const struct rec_user *actor, void *arg);

/* The role bits an entry for ACTOR doing ACT records: the role acted in,
 * or every role ACTOR holds when none allows ACT (a refusal). */
uint32_t audit_role(const struct rec_user *actor, enum action act);

/* The length of E's canonical encoding: the bytes it takes. */
size_t audit_encoded_len(const struct rec_audit *e);

/* -- audit_key.c ----------------------------------------------------------- */

/* Create (or, run again, reuse) the workstation key; *FPR gets the SM3
 * fingerprint of its public key. */
enum status audit_key_create(struct store_txn *txn, const char *home,
    unsigned char fpr[CRYPTO_SM3_LEN]);

/* The workstation's private key, unwrapped (STATUS_AUDIT_NO_KEY when
 * this process cannot reach it); crypto_key_free() it soon. */
enum status audit_key_private(struct store_txn *txn, struct crypto_key **key);

/* The workstation's public key from REC_META (STATUS_AUDIT_NO_KEY when
 * none was created). */
enum status audit_key_public(struct store_txn *txn, struct crypto_key **pub);

/* -- A list of entries, copied out of a transaction ------------------------ */

struct audit_list {
	struct rec_audit	*v;
	size_t			 n;
	size_t			 cap;
};

void audit_list_add(struct audit_list *l, const struct rec_audit *e);
void audit_list_clear(struct audit_list *l);

/* Every entry in sequence order into L (cleared first). */
enum status audit_list_all(struct store_txn *txn, struct audit_list *l);

#endif
