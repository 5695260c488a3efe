/*
 * crypto.h -- facade of the crypto layer.  Other layers include only this
 * header.
 *
 * It exposes no libgcrypt type: keys are the opaque struct crypto_key,
 * digests are 32-byte arrays, and every call returns enum status.  Call
 * crypto_init() once before anything else here (it is idempotent).
 *
 * Algorithms: SM3 hashing (GB/T 32905); SM2 signatures (GB/T 32918) with
 * the signer's Z value over the default identifier "1234567812345678",
 * exported as DER SEQUENCE { r INTEGER, s INTEGER }; Ed25519 (RFC 8032)
 * as the other per-key choice, 64-byte raw signatures; Argon2id password
 * hashes with scrypt as the fallback; private keys wrapped with
 * AES-256-GCM under a password-derived key.
 */
#ifndef ESEAL_CRYPTO_H
#define ESEAL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/der.h"
#include "util/util.h"

/* Object identifiers used in keys, certificates and seals. */
#define CRYPTO_OID_EC_PUBLIC_KEY	"1.2.840.10045.2.1"
#define CRYPTO_OID_SM2_CURVE		"1.2.156.10197.1.301"
/* SM2 signature with SM3, the AlgorithmIdentifier of our signatures. */
#define CRYPTO_OID_SM2_SM3		"1.2.156.10197.1.501"
#define CRYPTO_OID_SM3			"1.2.156.10197.1.401"
#define CRYPTO_OID_ED25519		"1.3.101.112"

#define CRYPTO_SM3_LEN		32
/* GB/T 32918's default signer identifier, used unless another is given. */
#define CRYPTO_SM2_DEFAULT_ID	"1234567812345678"

/* -- Set-up and memory for secrets (crypto_init.c, secure.c) ------------- */

/* Initialise libgcrypt: its log lines go to our log (never to the
 * terminal), secure memory is set up (a warning in the log if it cannot
 * be locked).  Idempotent. */
enum status crypto_init(void);

/* Memory for passwords and keys: locked, never swapped, wiped on free.
 * Dies when out of memory, like xmalloc. */
void *crypto_secure_alloc(size_t n);
char *crypto_secure_strdup(const char *s);
void crypto_secure_free(void *p);

/* Compare N bytes in time independent of where they differ; 1 if equal. */
int crypto_equal(const void *a, const void *b, size_t n);

/* -- SM3 (sm3.c) ----------------------------------------------------------- */

enum status crypto_sm3(const void *p, size_t n,
    unsigned char out[CRYPTO_SM3_LEN]);

struct crypto_hash;
enum status crypto_hash_new(struct crypto_hash **h);
enum status crypto_hash_update(struct crypto_hash *h, const void *p, size_t n);
/* Finish into OUT and free H. */
enum status crypto_hash_final(struct crypto_hash *h,
    unsigned char out[CRYPTO_SM3_LEN]);
/* Free an unfinished hash (after an error). */
void crypto_hash_free(struct crypto_hash *h);

/* N bytes as lower-case hex into OUT (2N+1 bytes). */
void crypto_hex(const unsigned char *p, size_t n, char *out);
/* Hex text (even length, either case) into new bytes. */
enum status crypto_unhex(const char *hex, unsigned char **out, size_t *n);

/* -- Keys and signatures (key.c, sign.c, sm2.c, spki.c, pem.c) ------------- */

enum crypto_alg { CRYPTO_ALG_SM2, CRYPTO_ALG_ED25519 };

struct crypto_key;

/* A new key pair; the private half lives in secure memory. */
enum status crypto_key_generate(enum crypto_alg alg, struct crypto_key **key);
/* A key pair from a known private scalar D of 32 bytes (the SM2 private
 * key, or the Ed25519 seed), e.g. a published test key; the public half
 * is computed.  D is copied into secure memory. */
enum status crypto_key_import_private(enum crypto_alg alg,
    const unsigned char *d, struct crypto_key **key);
void crypto_key_free(struct crypto_key *key);
enum crypto_alg crypto_key_alg(const struct crypto_key *key);
int crypto_key_has_private(const struct crypto_key *key);
/* A public-only copy (to hand to verifiers). */
enum status crypto_key_public(const struct crypto_key *key,
    struct crypto_key **pub);

/* The raw public key: SM2 the 65-byte uncompressed point 04||x||y,
 * Ed25519 the 32-byte encoding.  OUT holds CRYPTO_PUBLIC_MAX bytes. */
#define CRYPTO_PUBLIC_MAX	65
enum status crypto_key_public_raw(const struct crypto_key *key,
    unsigned char out[CRYPTO_PUBLIC_MAX], size_t *n);
/* A public-only key from its raw form; the point is checked to lie on
 * the curve. */
enum status crypto_key_from_public_raw(enum crypto_alg alg,
    const unsigned char *p, size_t n, struct crypto_key **key);

/* SubjectPublicKeyInfo DER (what OpenSSL's "openssl pkey -pubout
 * -outform DER" reads and writes, and what a certificate carries). */
enum status crypto_key_to_spki(const struct crypto_key *key,
    unsigned char **der, size_t *n);
enum status crypto_key_from_spki(const unsigned char *der, size_t n,
    struct crypto_key **key);
/* Write the SubjectPublicKeyInfo element into W (inside a certificate). */
void crypto_key_put_spki(const struct crypto_key *key, struct der_writer *w);

/* The signature AlgorithmIdentifier OID for this key's signatures. */
const char *crypto_key_sig_oid(const struct crypto_key *key);

/* SM3 of the SubjectPublicKeyInfo: a key's stable identifier. */
enum status crypto_key_fingerprint(const struct crypto_key *key,
    unsigned char out[CRYPTO_SM3_LEN]);

/* PEM armour: LABEL is e.g. "PUBLIC KEY".  Decoding ignores text around
 * the block and requires the same label. */
enum status crypto_pem_encode(const char *label, const unsigned char *der,
    size_t n, char **pem);
enum status crypto_pem_decode(const char *pem, size_t len, const char *label,
    unsigned char **der, size_t *n);

/* Sign MSG: SM2 over e = SM3(Z || MSG) with the default identifier,
 * DER-encoded; Ed25519 over MSG itself, 64 raw bytes.  *SIG is malloc'd. */
enum status crypto_sign(const struct crypto_key *key, const void *msg,
    size_t n, unsigned char **sig, size_t *siglen);
/* STATUS_OK when SIG is a valid signature of MSG by KEY, else
 * STATUS_BAD_SIGNATURE (a malformed signature is a bad one too). */
enum status crypto_verify(const struct crypto_key *key, const void *msg,
    size_t n, const unsigned char *sig, size_t siglen);

/* SM2 with another signer identifier (ID of IDLEN bytes, < 8192). */
enum status crypto_sm2_sign_id(const struct crypto_key *key, const void *id,
    size_t idlen, const void *msg, size_t n, unsigned char **sig,
    size_t *siglen);
enum status crypto_sm2_verify_id(const struct crypto_key *key, const void *id,
    size_t idlen, const void *msg, size_t n, const unsigned char *sig,
    size_t siglen);
/* Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA) for an SM2 key. */
enum status crypto_sm2_z(const struct crypto_key *key, const void *id,
    size_t idlen, unsigned char z[CRYPTO_SM3_LEN]);

/* -- Password hashing (kdf.c, pwhash.c) ------------------------------------ */

enum crypto_kdf_alg { CRYPTO_KDF_ARGON2ID = 1, CRYPTO_KDF_SCRYPT = 2 };

/* For scrypt, MEM_KIB is N (a power of two; r is fixed at 8, so N
 * blocks take N KiB), PARALLELISM is p and PASSES is ignored. */
struct crypto_kdf_params {
	enum crypto_kdf_alg	 alg;
	uint32_t		 mem_kib;
	uint32_t		 passes;
	uint32_t		 parallelism;
	uint32_t		 salt_len;
};

/* The defaults for a clerk's login and for key wrapping. */
void crypto_kdf_defaults(struct crypto_kdf_params *p);
/* Non-zero when a derivation under P computes its lanes in threads of
 * their own: only Argon2id lanes big enough to pay for a thread. */
int crypto_kdf_threaded(const struct crypto_kdf_params *p);

/* Hash PW under P (NULL: the defaults) with a fresh salt into a
 * self-describing string (see pwhash.c); *OUT is malloc'd and
 * NUL-terminated, *OUTLEN excludes the NUL.  Callers keep passwords in
 * crypto_secure_alloc() memory; the derived hash stays in it here. */
enum status crypto_pw_hash(const char *pw, const struct crypto_kdf_params *p,
    unsigned char **out, size_t *outlen);
/* STATUS_OK if PW matches STORED, STATUS_BAD_PASSWORD if not,
 * STATUS_CORRUPT if STORED is not a hash we wrote.  On a match,
 * *NEEDS_REHASH says STORED is weaker than CURRENT (NULL: the defaults)
 * and should be replaced by a new crypto_pw_hash(). */
enum status crypto_pw_verify(const char *pw, const unsigned char *stored,
    size_t len, const struct crypto_kdf_params *current, int *needs_rehash);

/* -- Wrapped private keys (wrap.c) ----------------------------------------- */

/* Encrypt KEY's private half under PASSWORD (KDF parameters P, NULL for
 * the defaults) into a blob safe to store; see wrap.c for the format. */
enum status crypto_key_wrap(const struct crypto_key *key, const char *password,
    const struct crypto_kdf_params *p, unsigned char **blob, size_t *n);
/* STATUS_BAD_PASSWORD for a wrong password, STATUS_CORRUPT for a damaged
 * blob. */
enum status crypto_key_unwrap(const unsigned char *blob, size_t n,
    const char *password, struct crypto_key **key);
/* The public key stored in a blob, without the password. */
enum status crypto_key_wrapped_public(const unsigned char *blob, size_t n,
    struct crypto_key **pub);
/* Re-encrypt under a new password (handing custody to a proxy). */
enum status crypto_key_rewrap(const unsigned char *blob, size_t n,
    const char *old_password, const char *new_password,
    const struct crypto_kdf_params *p, unsigned char **out, size_t *outlen);

/* Non-zero when the N bytes at P contain KEY's private scalar, raw or as
 * hex text (keyscan.c): the check that no key lies on disk in the clear.
 * Says nothing else about the key. */
int crypto_key_found_in(const struct crypto_key *key, const void *p,
    size_t n);

/* -- Randomness (rand.c) --------------------------------------------------- */

enum status crypto_random(void *p, size_t n);
/* A uniform number below BOUND (> 0). */
enum status crypto_random_below(uint32_t bound, uint32_t *v);
/* A readable initial password of LEN (>= 10) characters with at least
 * one upper-case letter, lower-case letter, digit and symbol, and none of
 * the look-alikes 0 O o 1 l I; in secure memory (crypto_secure_free). */
enum status crypto_random_password(size_t len, char **pw);

#include "crypto/x509.h"
#include "crypto/ses.h"

#endif
