/*
 * seal_private.h -- what the seal register's own files share (seal.c,
 * seal_ca.c, custody.c, grant.c, sealing.c).  Everything else goes
 * through seal.h, custody.h, grant.h and sealing.h.
 */
#ifndef ESEAL_CORE_SEAL_PRIVATE_H
#define ESEAL_CORE_SEAL_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/seal.h"

/* REC_META keys of the office's authority and of the trust list.  Binary
 * values are lower-case hex; lists hold one hex value per line. */
#define SEAL_META_ROOT		"seal.ca.root"		/* certificate */
#define SEAL_META_ROOT_KEY	"seal.ca.root_key"	/* wrapped */
#define SEAL_META_MAKER		"seal.ca.maker"
#define SEAL_META_MAKER_KEY	"seal.ca.maker_key"
#define SEAL_META_SERIAL	"seal.ca.serial"	/* last serial used */
#define SEAL_META_REVOKED	"seal.ca.revoked" /* "serial time reason" */
#define SEAL_META_CRL		"seal.ca.crl"		/* the current list */
#define SEAL_META_CRL_NUMBER	"seal.ca.crl_number"
#define SEAL_META_ROOTS		"seal.trust.roots"	/* imported */
#define SEAL_META_CRLS		"seal.trust.crls"	/* imported */

/* The file in the workspace directory holding the secret that unwraps
 * the authority's keys (seal_ca.c says why it is there). */
#define SEAL_CA_KEK_FILE	"seal-ca.kek"

/* The authority, opened: both key pairs and certificates. */
struct seal_ca {
	struct crypto_key	*root_key;
	struct crypto_key	*maker_key;
	unsigned char		*root_der;
	size_t			 root_len;
	unsigned char		*maker_der;
	size_t			 maker_len;
	struct x509_cert	 root;
};

/* Open the authority of the workspace in HOME inside TXN, making it
 * first (for the bureau in REC_META) if the workspace has none yet. */
enum status seal_ca_open(struct store_txn *txn, const char *home,
    struct seal_ca *ca);
void seal_ca_close(struct seal_ca *ca);

/* The next certificate serial number. */
enum status seal_ca_next_serial(struct store_txn *txn, uint64_t *serial);

/* Put SERIAL on the revocation list from WHEN for REASON (enum
 * x509_reason), or take it off (REASON < 0), and reissue the list. */
enum status seal_ca_list(struct store_txn *txn, struct seal_ca *ca,
    uint64_t serial, int64_t when, int reason);

/* Hex in REC_META: read KEY into new bytes, or write N bytes. */
enum status seal_meta_get_hex(struct store_txn *txn, const char *key,
    unsigned char **p, size_t *n);
enum status seal_meta_put_hex(struct store_txn *txn, const char *key,
    const unsigned char *p, size_t n);

/* The KDF parameters for wrapping seal keys: the workspace's policy. */
enum status seal_kdf_params(struct store_txn *txn,
    struct crypto_kdf_params *p);

/* The seal REGNO in TXN (STATUS_NOT_FOUND when there is none). */
enum status seal_find(struct store_txn *txn, const char *regno,
    struct rec_seal *seal);

/* Release a blob's bytes, wiping them first (wrapped keys). */
void seal_blob_wipe(struct blob *b);

/* A user's login name for a detail text (a new string, "#ID" when the
 * account is gone). */
char *seal_user_name(struct store_txn *txn, uint64_t id);

#endif
