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

/*
 * The key for a checkpoint: audit_key_private()'s, or, between
 * audit_key_hold() and audit_key_release() (the bulk path, around one
 * batch), one unwrapped at the batch's first checkpoint and kept to its
 * end.  Give it back with audit_key_return(), never crypto_key_free().
 * Holds nest; the key is freed when the outermost hold is released.
 */
enum status audit_key_borrow(struct store_txn *txn, struct crypto_key **key);
void audit_key_return(struct crypto_key *key);
void audit_key_hold(void);
void audit_key_release(void);

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

/* -- audit_export.c: selecting and writing entries ---------------------- */

/* The entries a filter selects within a range of sequence numbers, with
 * the login name of each one's user. */
struct audit_sel {
	const struct audit_filter	*f;
	uint64_t			 user_id;	/* of f->user_name */
	uint64_t			 seq_lo;	/* inclusive */
	uint64_t			 seq_hi;
	struct audit_list		 list;
	char				**users;	/* per entry */
};

/* Start S on filter F, or on ALL (set to select everything) when F is
 * NULL; the whole sequence range. */
void audit_sel_init(struct audit_sel *s, const struct audit_filter *f,
    struct audit_filter *all);
void audit_sel_clear(struct audit_sel *s);

/* Select into S (cleared first) what its filter and range allow, in
 * sequence order. */
enum status audit_select(struct store_txn *txn, struct audit_sel *s);

/* An export file's content for S, signed by KEY, into OUT (reset). */
enum status audit_export_build(const struct audit_sel *s,
    const struct crypto_key *key, struct buf *out);

/* The hex SM3 an export file's last line carries. */
void audit_content_hex(const struct buf *content, char *hex);

/* -- audit_archive.c ------------------------------------------------------- */

/*
 * Write the N bytes at DATA as a new file named BASE (or BASE-2 ... when
 * taken), with SUFFIX after it, on the medium MEDIUM mounted now, then
 * read it back and compare: a file that does not match is removed.  No
 * register is checked here (the caller did, in its transaction).  *WHERE
 * gets the file's path.
 */
enum status audit_medium_write(const char *medium, const char *base,
    const char *suffix, const void *data, size_t n, char **where);

/* What ends an archive checkpoint's detail, before the hex SM3 of the
 * last entry archived. */
#define AUDIT_ARCHIVE_LAST	"last:"

/* Is E an archive checkpoint?  Then 1, with the last sequence number it
 * archived in *UPTO and that entry's hash in LAST, as its detail says
 * (the caller checks the signature); else 0. */
int audit_archive_anchor(const struct rec_audit *e, uint64_t *upto,
    unsigned char last[AUDIT_HASH_LEN]);

#endif
