/*
 * seal_ca.c -- the office's small certificate authority, and the trust
 * list verification uses.
 *
 * The hierarchy, made once per workspace (seal_ca_init, or the first
 * seal_add of a workspace made before seals existed):
 *
 *   root           self-signed, SM2 with SM3, CA, keyCertSign | cRLSign,
 *                  "<bureau>印章根证书", valid 20 years, serial 1
 *   seal-making    issued by the root, digitalSignature | nonRepudiation,
 *                  "<bureau>印章制作", serial 2: the maker of every SESeal
 *   each seal      issued by the root, digitalSignature | nonRepudiation,
 *                  O = bureau, OU = owning body, CN = the seal's name,
 *                  serialNumber = registration number; serials from 3
 *
 * The revocation list is reissued, signed by the root, in the very
 * transaction that suspends, resumes or revokes a seal, so the list in
 * the workspace is always complete; what goes to other bodies is a fresh
 * copy valid SEAL_CRL_DAYS.
 *
 * Where the keys live.  Making a seal happens with the office director
 * present but no password of theirs guards the authority: directors
 * change, the authority stays.  So, as the audit key does (audit_key.c),
 * both private keys are kept wrapped in REC_META and the 256-bit secret
 * that unwraps them lives in SEAL_CA_KEK_FILE in the workspace
 * directory, mode 0600, refused when others may read it.  Dumps, logs
 * and backups of the database carry only wrapped keys.
 * TODO: the account that runs eseal can read both halves; a hardware
 * token or a signing helper under another account would close that.
 * A restored backup needs the file carried over separately.
 *
 * It must not put a private key, or the secret, in a record or a log.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/kekfile.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/seal_private.h"

#define SEAL_ROOT_YEARS	20
#define SEAL_YEAR	(365 * 86400LL)

/* -- Hex values in REC_META ------------------------------------------------ */

enum status
seal_meta_get_hex(struct store_txn *txn, const char *key, unsigned char **p,
    size_t *n)
{
	char *hex = NULL;
	enum status st;

	*p = NULL;
	*n = 0;
	if ((st = policy_meta_get(txn, key, &hex)) != STATUS_OK)
		return st;
	st = crypto_unhex(hex, p, n) == STATUS_OK ? STATUS_OK : STATUS_CORRUPT;
	free(hex);
	return st;
}

enum status
seal_meta_put_hex(struct store_txn *txn, const char *key,
    const unsigned char *p, size_t n)
{
	char *hex = xmalloc(2 * n + 1);
	enum status st;

	crypto_hex(p, n, hex);
	st = policy_meta_set(txn, key, hex);
	free(hex);
	return st;
}

/* -- The unwrapping secret ------------------------------------------------- */

/* A missing or unsafe secret means the authority cannot be used. */
static enum status
seal_kek_read(const char *home, char **kek)
{
	enum status st = kekfile_read(home, SEAL_CA_KEK_FILE, kek);

	return st == STATUS_NOT_FOUND ? STATUS_SEAL_NO_CA : st;
}

/* -- Making the authority -------------------------------------------------- */

static enum status
seal_ca_store_key(struct store_txn *txn, const char *meta,
    const struct crypto_key *key, const char *kek)
{
	struct crypto_kdf_params p;
	unsigned char *blob = NULL;
	size_t n = 0;
	enum status st;

	kekfile_params(&p);
	if ((st = crypto_key_wrap(key, kek, &p, &blob, &n)) == STATUS_OK)
		st = seal_meta_put_hex(txn, meta, blob, n);
	free(blob);
	return st;
}

static void
seal_ca_template(struct x509_template *t, uint64_t serial,
    const char *bureau, const char *cn, int64_t now)
{
	memset(t, 0, sizeof *t);
	t->serial = serial;
	t->subject.country = "CN";
	t->subject.org = bureau;
	t->subject.common = cn;
	/* A clock a little behind still accepts the certificate. */
	t->not_before = now - 3600;
	t->not_after = now + SEAL_ROOT_YEARS * SEAL_YEAR;
}

/* Keep the new authority CA in REC_META, its keys wrapped under KEK, and
 * start its serial numbers and its (empty) revocation list. */
static enum status
seal_ca_save(struct store_txn *txn, const char *kek, struct seal_ca *ca)
{
	enum status st;

	if ((st = seal_ca_store_key(txn, SEAL_META_ROOT_KEY, ca->root_key,
	    kek)) != STATUS_OK ||
	    (st = seal_ca_store_key(txn, SEAL_META_MAKER_KEY, ca->maker_key,
	    kek)) != STATUS_OK ||
	    (st = seal_meta_put_hex(txn, SEAL_META_ROOT, ca->root_der,
	    ca->root_len)) != STATUS_OK ||
	    (st = seal_meta_put_hex(txn, SEAL_META_MAKER, ca->maker_der,
	    ca->maker_len)) != STATUS_OK ||
	    (st = policy_meta_set(txn, SEAL_META_SERIAL, "2")) != STATUS_OK ||
	    (st = policy_meta_set(txn, SEAL_META_REVOKED, "")) != STATUS_OK)
		return st;
	return seal_ca_list(txn, ca, 0, 0, -1);
}

/* Make the root and the seal-making certificate into CA. */
static enum status
seal_ca_make(struct store_txn *txn, const char *bureau, const char *kek,
    struct seal_ca *ca)
{
	struct x509_template t;
	char *cn_root = xasprintf("%s印章根证书", bureau);
	char *cn_maker = xasprintf("%s印章制作", bureau);
	int64_t now = clock_now();
	enum status st;

	if ((st = crypto_key_generate(CRYPTO_ALG_SM2, &ca->root_key)) !=
	    STATUS_OK ||
	    (st = crypto_key_generate(CRYPTO_ALG_SM2, &ca->maker_key)) !=
	    STATUS_OK)
		goto out;
	seal_ca_template(&t, 1, bureau, cn_root, now);
	t.ca = 1;
	t.key_usage = X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN;
	t.subject_key = ca->root_key;
	if ((st = x509_cert_issue(&t, NULL, ca->root_key, &ca->root_der,
	    &ca->root_len)) != STATUS_OK ||
	    (st = x509_cert_parse(ca->root_der, ca->root_len, &ca->root)) !=
	    STATUS_OK)
		goto out;
	seal_ca_template(&t, 2, bureau, cn_maker, now);
	t.key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION;
	t.subject_key = ca->maker_key;
	if ((st = x509_cert_issue(&t, &ca->root, ca->root_key,
	    &ca->maker_der, &ca->maker_len)) == STATUS_OK)
		st = seal_ca_save(txn, kek, ca);
out:
	free(cn_root);
	free(cn_maker);
	return st;
}

/* Unwrap the stored key META with KEK; it must be CERT's key. */
static enum status
seal_ca_load_key(struct store_txn *txn, const char *meta, const char *kek,
    const unsigned char *cert, size_t cert_len, struct crypto_key **key)
{
	unsigned char *blob = NULL, a[CRYPTO_SM3_LEN], b[CRYPTO_SM3_LEN];
	struct x509_cert c;
	size_t n = 0;
	enum status st;

	*key = NULL;
	if ((st = seal_meta_get_hex(txn, meta, &blob, &n)) != STATUS_OK)
		return st == STATUS_NOT_FOUND ? STATUS_SEAL_NO_CA : st;
	st = crypto_key_unwrap(blob, n, kek, key);
	free(blob);
	if (st != STATUS_OK)
		return STATUS_SEAL_NO_CA;
	if ((st = x509_cert_parse(cert, cert_len, &c)) != STATUS_OK)
		return STATUS_SEAL_NO_CA;
	if (crypto_key_fingerprint(*key, a) != STATUS_OK ||
	    crypto_key_fingerprint(c.key, b) != STATUS_OK ||
	    memcmp(a, b, sizeof a) != 0)
		st = STATUS_SEAL_NO_CA;
	x509_cert_free(&c);
	return st;
}

static enum status
seal_ca_load(struct store_txn *txn, const char *kek, struct seal_ca *ca)
{
	enum status st;

	if ((st = seal_meta_get_hex(txn, SEAL_META_ROOT, &ca->root_der,
	    &ca->root_len)) != STATUS_OK ||
	    (st = seal_meta_get_hex(txn, SEAL_META_MAKER, &ca->maker_der,
	    &ca->maker_len)) != STATUS_OK)
		return st;
	if (x509_cert_parse(ca->root_der, ca->root_len, &ca->root) !=
	    STATUS_OK)
		return STATUS_SEAL_NO_CA;
	if ((st = seal_ca_load_key(txn, SEAL_META_ROOT_KEY, kek, ca->root_der,
	    ca->root_len, &ca->root_key)) != STATUS_OK)
		return st;
	return seal_ca_load_key(txn, SEAL_META_MAKER_KEY, kek, ca->maker_der,
	    ca->maker_len, &ca->maker_key);
}

static enum status
seal_ca_get(struct store_txn *txn, const char *home, const char *bureau,
    struct seal_ca *ca)
{
	char *root = NULL, *kek = NULL;
	enum status st;

	memset(ca, 0, sizeof *ca);
	st = policy_meta_get(txn, SEAL_META_ROOT, &root);
	free(root);
	if (st == STATUS_NOT_FOUND) {
		if ((st = kekfile_obtain(home, SEAL_CA_KEK_FILE, &kek)) == STATUS_OK)
			st = seal_ca_make(txn, bureau, kek, ca);
	} else if (st == STATUS_OK &&
	    (st = seal_kek_read(home, &kek)) == STATUS_OK) {
		st = seal_ca_load(txn, kek, ca);
	}
	crypto_secure_free(kek);
	if (st != STATUS_OK)
		seal_ca_close(ca);
	return st;
}

enum status
seal_ca_init(struct store_txn *txn, const char *home, const char *bureau)
{
	struct seal_ca ca;
	enum status st;

	if ((st = crypto_init()) != STATUS_OK)
		return st;
	if ((st = seal_ca_get(txn, home, bureau, &ca)) == STATUS_OK)
		seal_ca_close(&ca);
	return st;
}

enum status
seal_ca_open(struct store_txn *txn, const char *home, struct seal_ca *ca)
{
	char *bureau = NULL;
	enum status st;

	if ((st = crypto_init()) != STATUS_OK)
		return st;
	if ((st = policy_meta_get(txn, "bureau", &bureau)) != STATUS_OK)
		return st == STATUS_NOT_FOUND ? STATUS_SEAL_NO_CA : st;
	st = seal_ca_get(txn, home, bureau, ca);
	free(bureau);
	return st;
}

void
seal_ca_close(struct seal_ca *ca)
{
	x509_cert_free(&ca->root);
	crypto_key_free(ca->root_key);
	crypto_key_free(ca->maker_key);
	free(ca->root_der);
	free(ca->maker_der);
	memset(ca, 0, sizeof *ca);
}

enum status
seal_ca_next_serial(struct store_txn *txn, uint64_t *serial)
{
	char *v = NULL, buf[32], *end;
	enum status st;

	if ((st = policy_meta_get(txn, SEAL_META_SERIAL, &v)) != STATUS_OK)
		return st == STATUS_NOT_FOUND ? STATUS_SEAL_NO_CA : st;
	*serial = strtoull(v, &end, 10) + 1;
	st = *end == '\0' && *serial > 1 ? STATUS_OK : STATUS_CORRUPT;
	free(v);
	if (st != STATUS_OK)
		return st;
	snprintf(buf, sizeof buf, "%llu", (unsigned long long) *serial);
	return policy_meta_set(txn, SEAL_META_SERIAL, buf);
}
