/*
 * audit_key.c -- the workstation's SM2 key, which signs the audit trail's
 * checkpoints and exports.
 *
 * It must never put the private key, or what unwraps it, into a database
 * record or a log line.
 *
 * Where the key lives, and why.  Checkpoints are written unattended, in
 * the transaction of whatever a clerk happens to do, so no password can
 * guard the key: the program must reach it alone.  The private key is
 * therefore kept wrapped (AES-256-GCM, crypto_key_wrap) in REC_META
 * ("audit.signing_key", beside "audit.public_key"), and the secret that
 * unwraps it -- 256 random bits, as hex -- lives in a file of its own in
 * the workspace directory, AUDIT_KEK_FILE, created with mode 0600 and
 * refused when anyone but its owner may read it.  Database dumps, the
 * transaction logs and backups of the database environment thus carry
 * only a wrapped key that nobody can use: whoever takes a backup medium
 * away cannot sign a forged trail with it.
 *
 * TODO: anyone who can act as the system account that runs eseal can read
 * both halves.  The fix is to keep the unwrapping secret (or the whole
 * signing step) out of that account's reach: a hardware token, or a small
 * signing helper running as another account.  Until then the file's mode
 * is the only guard, and restoring a backup on a new machine needs the
 * file carried over separately, or a new key (which the old checkpoints
 * will not verify under: re-keying should be a checkpoint signed by the
 * old key that names the new one).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit_private.h"
#include "core/kekfile.h"
#include "core/policy.h"

/* A missing or unsafe secret means there is no key to sign with. */
static enum status
audit_kek_read(const char *home, char **kek)
{
	enum status st = kekfile_read(home, AUDIT_KEK_FILE, kek);

	return st == STATUS_NOT_FOUND ? STATUS_AUDIT_NO_KEY : st;
}

static enum status
audit_key_put_hex(struct store_txn *txn, const char *meta_key,
    const unsigned char *p, size_t n)
{
	char *hex = xmalloc(2 * n + 1);
	enum status st;

	crypto_hex(p, n, hex);
	st = policy_meta_set(txn, meta_key, hex);
	free(hex);
	return st;
}

static enum status
audit_key_get_hex(struct store_txn *txn, const char *meta_key,
    unsigned char **p, size_t *n)
{
	char *hex = NULL;
	enum status st;

	st = policy_meta_get(txn, meta_key, &hex);
	if (st == STATUS_NOT_FOUND)
		st = STATUS_AUDIT_NO_KEY;
	if (st == STATUS_OK && crypto_unhex(hex, p, n) != STATUS_OK)
		st = STATUS_AUDIT_NO_KEY;
	free(hex);
	return st;
}

/* Make the key pair and store it wrapped under KEK. */
static enum status
audit_key_new(struct store_txn *txn, const char *kek, struct crypto_key **key)
{
	struct crypto_kdf_params params;
	unsigned char pub[CRYPTO_PUBLIC_MAX], *blob = NULL;
	size_t publen, n = 0;
	enum status st;

	if ((st = crypto_key_generate(CRYPTO_ALG_SM2, key)) != STATUS_OK)
		return st;
	kekfile_params(&params);
	st = crypto_key_wrap(*key, kek, &params, &blob, &n);
	if (st == STATUS_OK)
		st = audit_key_put_hex(txn, AUDIT_META_WRAPPED, blob, n);
	if (st == STATUS_OK)
		st = crypto_key_public_raw(*key, pub, &publen);
	if (st == STATUS_OK)
		st = audit_key_put_hex(txn, AUDIT_META_PUBKEY, pub, publen);
	free(blob);
	return st;
}

/* Unwrap BLOB with KEK and check it is the published key PUB.  Any
 * failure means this process has no usable key. */
static enum status
audit_key_open(const unsigned char *blob, size_t n, const char *kek,
    const unsigned char *pub, size_t publen, struct crypto_key **key)
{
	unsigned char raw[CRYPTO_PUBLIC_MAX];
	size_t rawlen = 0;
	enum status st;

	st = crypto_key_unwrap(blob, n, kek, key);
	if (st == STATUS_OK)
		st = crypto_key_public_raw(*key, raw, &rawlen);
	if (st == STATUS_OK && (rawlen != publen ||
	    memcmp(raw, pub, publen) != 0))
		st = STATUS_AUDIT_NO_KEY;
	if (st == STATUS_OK)
		return STATUS_OK;

	log_error("audit: the workstation key cannot be opened: %s",
	    status_name(st));
	crypto_key_free(*key);
	*key = NULL;
	return st == STATUS_NOMEM ? st : STATUS_AUDIT_NO_KEY;
}

/* The stored key, unwrapped with KEK.  Store errors pass unchanged, so
 * that a deadlock still restarts the transaction. */
static enum status
audit_key_unwrap(struct store_txn *txn, const char *kek,
    struct crypto_key **key)
{
	unsigned char *blob = NULL, *pub = NULL;
	size_t n = 0, publen = 0;
	enum status st;

	*key = NULL;
	st = audit_key_get_hex(txn, AUDIT_META_WRAPPED, &blob, &n);
	if (st == STATUS_OK)
		st = audit_key_get_hex(txn, AUDIT_META_PUBKEY, &pub, &publen);
	if (st == STATUS_OK)
		st = audit_key_open(blob, n, kek, pub, publen, key);
	free(blob);
	free(pub);
	return st;
}

enum status
audit_key_create(struct store_txn *txn, const char *home,
    unsigned char fpr[CRYPTO_SM3_LEN])
{
	struct crypto_key *key = NULL;
	char *kek = NULL, *old = NULL;
	enum status st;

	if ((st = crypto_init()) != STATUS_OK)
		return st;
	if ((st = kekfile_obtain(home, AUDIT_KEK_FILE, &kek)) != STATUS_OK)
		return st;

	st = policy_meta_get(txn, AUDIT_META_WRAPPED, &old);
	if (st == STATUS_OK)
		st = audit_key_unwrap(txn, kek, &key);
	else if (st == STATUS_NOT_FOUND)
		st = audit_key_new(txn, kek, &key);
	if (st == STATUS_OK)
		st = crypto_key_fingerprint(key, fpr);

	free(old);
	crypto_key_free(key);
	crypto_secure_free(kek);
	return st;
}

enum status
audit_key_private(struct store_txn *txn, struct crypto_key **key)
{
	char *kek = NULL;
	enum status st;

	*key = NULL;
	if (audit_home() == NULL)
		return STATUS_AUDIT_NO_KEY;
	if ((st = crypto_init()) != STATUS_OK)
		return st;
	if ((st = audit_kek_read(audit_home(), &kek)) != STATUS_OK)
		return st;
	st = audit_key_unwrap(txn, kek, key);
	crypto_secure_free(kek);
	return st;
}

/*
 * The key held for one bulk batch.  Unwrapping is a key derivation over
 * the secret file's contents, the costliest step of a checkpoint, and a
 * batch of a few hundred acts writes several checkpoints.  The key is
 * kept only while the bulk path holds it (audit_key_hold), so outside a
 * batch it is in memory for one checkpoint, as before; BLOB is the
 * wrapped key it came from, so that a batch that replaces the stored key
 * signs with the new one.
 */
static struct {
	unsigned		 depth;	/* audit_key_hold()s open */
	struct crypto_key	*key;	/* NULL until first needed */
	unsigned char		*blob;
	size_t			 n;
} audit_key_held;

void
audit_key_hold(void)
{
	audit_key_held.depth++;
}

void
audit_key_release(void)
{
	if (audit_key_held.depth == 0 || --audit_key_held.depth > 0)
		return;
	crypto_key_free(audit_key_held.key);
	free(audit_key_held.blob);
	memset(&audit_key_held, 0, sizeof audit_key_held);
}

/* Keep KEY, unwrapped from BLOB (which it takes), for the batch. */
static void
audit_key_keep(struct crypto_key *key, unsigned char *blob, size_t n)
{
	crypto_key_free(audit_key_held.key);
	free(audit_key_held.blob);
	audit_key_held.key = key;
	audit_key_held.blob = blob;
	audit_key_held.n = n;
}

enum status
audit_key_borrow(struct store_txn *txn, struct crypto_key **key)
{
	unsigned char *blob = NULL;
	size_t n = 0;
	enum status st;

	if (audit_key_held.depth == 0 || audit_home() == NULL)
		return audit_key_private(txn, key);

	/* The stored key is read each time (a cheap read): only the same
	 * wrapped bytes may reuse the key unwrapped from them. */
	*key = NULL;
	if ((st = audit_key_get_hex(txn, AUDIT_META_WRAPPED, &blob, &n)) !=
	    STATUS_OK)
		return st;
	if (audit_key_held.key != NULL && n == audit_key_held.n &&
	    memcmp(blob, audit_key_held.blob, n) == 0) {
		free(blob);
		*key = audit_key_held.key;
		return STATUS_OK;
	}

	if ((st = audit_key_private(txn, key)) != STATUS_OK) {
		free(blob);
		return st;
	}
	audit_key_keep(*key, blob, n);
	return STATUS_OK;
}

void
audit_key_return(struct crypto_key *key)
{
	if (key != audit_key_held.key)
		crypto_key_free(key);
}

enum status
audit_key_public(struct store_txn *txn, struct crypto_key **pub)
{
	unsigned char *raw = NULL;
	size_t n = 0;
	enum status st;

	*pub = NULL;
	if ((st = crypto_init()) != STATUS_OK)
		return st;
	st = audit_key_get_hex(txn, AUDIT_META_PUBKEY, &raw, &n);
	if (st == STATUS_OK && crypto_key_from_public_raw(CRYPTO_ALG_SM2, raw,
	    n, pub) != STATUS_OK)
		st = STATUS_AUDIT_NO_KEY;
	free(raw);
	return st;
}
