/*
 * wrap.c -- private keys encrypted under a password, the only form in
 * which a seal's key is ever stored.
 *
 * A wrapped key (all integers big-endian):
 *
 *   off  len  field
 *   0    4    magic "ESKW"
 *   4    1    format version, 1
 *   5    1    key algorithm: 1 SM2, 2 Ed25519
 *   6    1    KDF: 1 Argon2id, 2 scrypt
 *   7    4    KDF memory in KiB (scrypt: N)
 *   11   4    KDF passes
 *   15   1    KDF parallelism
 *   16   1    salt length S (8-64)
 *   17   S    salt, fresh for every wrap
 *   ..   1    public key length P (65 or 32)
 *   ..   P    public key, raw
 *   ..   12   AES-GCM nonce, random
 *   ..   8    password check: bytes 32-39 of the KDF output
 *   ..   32   SM3 of every byte above (the damage check)
 *   ..   32   private scalar, AES-256-GCM encrypted under KDF bytes 0-31,
 *             with every byte above as associated data
 *   ..   16   GCM tag
 *
 * Telling a wrong password from damage: the SM3 check catches any damage
 * to the header before the (slow) KDF runs, the password check value
 * then tells a wrong password, and the GCM tag catches damage to the
 * ciphertext or tag.  Where they cannot be told apart: someone who
 * alters the header on purpose and recomputes the SM3 makes it look like
 * a wrong password (the SM3 is a checksum, not a MAC; nothing is
 * decrypted either way).  The check value gives a password guesser
 * nothing the GCM tag does not already give.
 *
 * The public key rides in the clear so the seal list can show it without
 * a password, and is bound to the private key by the associated data:
 * see crypto_key_unwrap for why it is not computed again.  Must not
 * write a private scalar anywhere but into secure memory or through the
 * cipher.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

#define CRYPTO_WRAP_MAGIC	"ESKW"
#define CRYPTO_WRAP_VERSION	1
#define CRYPTO_WRAP_NONCE	12
#define CRYPTO_WRAP_CHECK	8
#define CRYPTO_WRAP_TAG		16
#define CRYPTO_WRAP_KEK		32
#define CRYPTO_WRAP_DERIVED	(CRYPTO_WRAP_KEK + CRYPTO_WRAP_CHECK)

/* The header taken apart; pointers into the blob. */
struct crypto_wrap_hdr {
	enum crypto_alg			 alg;
	struct crypto_kdf_params	 kdf;
	const unsigned char		*salt;
	const unsigned char		*pub;
	size_t				 publen;
	const unsigned char		*nonce;
	const unsigned char		*check;
	size_t				 len;		/* header bytes */
	const unsigned char		*ct;		/* scalar, then tag */
};

/* An AES-256-GCM handle keyed with KEK, set to NONCE, fed the associated
 * data AD. */
static enum status
crypto_wrap_cipher(const unsigned char *kek, const unsigned char *nonce,
    const unsigned char *ad, size_t adlen, gcry_cipher_hd_t *hd)
{
	gcry_error_t err;

	err = gcry_cipher_open(hd, GCRY_CIPHER_AES256, GCRY_CIPHER_MODE_GCM,
	    GCRY_CIPHER_SECURE);
	if (err != 0)
		return crypto_status_from_gcry(err, "AES-GCM open");

	err = gcry_cipher_setkey(*hd, kek, CRYPTO_WRAP_KEK);
	if (err == 0)
		err = gcry_cipher_setiv(*hd, nonce, CRYPTO_WRAP_NONCE);
	if (err == 0)
		err = gcry_cipher_authenticate(*hd, ad, adlen);
	if (err != 0)
		gcry_cipher_close(*hd);
	return crypto_status_from_gcry(err, "AES-GCM set-up");
}

/* Encrypt the scalar D into CT and TAG. */
static enum status
crypto_wrap_seal(const unsigned char *kek, const unsigned char *nonce,
    const unsigned char *ad, size_t adlen, const unsigned char *d,
    unsigned char *ct, unsigned char *tag)
{
	gcry_cipher_hd_t hd;
	gcry_error_t err;
	enum status st;

	if ((st = crypto_wrap_cipher(kek, nonce, ad, adlen, &hd)) != STATUS_OK)
		return st;
	err = gcry_cipher_encrypt(hd, ct, CRYPTO_SCALAR_LEN, d,
	    CRYPTO_SCALAR_LEN);
	if (err == 0)
		err = gcry_cipher_gettag(hd, tag, CRYPTO_WRAP_TAG);
	gcry_cipher_close(hd);
	return crypto_status_from_gcry(err, "AES-GCM encrypt");
}

/* Decrypt CT into D (secure memory) if TAG checks, else STATUS_CORRUPT. */
static enum status
crypto_wrap_open(const unsigned char *kek, const unsigned char *nonce,
    const unsigned char *ad, size_t adlen, const unsigned char *ct,
    const unsigned char *tag, unsigned char *d)
{
	gcry_cipher_hd_t hd;
	gcry_error_t err;
	enum status st;

	if ((st = crypto_wrap_cipher(kek, nonce, ad, adlen, &hd)) != STATUS_OK)
		return st;
	err = gcry_cipher_decrypt(hd, d, CRYPTO_SCALAR_LEN, ct,
	    CRYPTO_SCALAR_LEN);
	st = crypto_status_from_gcry(err, "AES-GCM decrypt");
	if (st == STATUS_OK &&
	    gcry_cipher_checktag(hd, tag, CRYPTO_WRAP_TAG) != 0)
		st = STATUS_CORRUPT;
	if (st != STATUS_OK)
		mem_wipe(d, CRYPTO_SCALAR_LEN);
	gcry_cipher_close(hd);
	return st;
}

/* Write the header, all but its closing SM3, into B. */
static void
crypto_wrap_put_header(struct buf *b, const struct crypto_key *key,
    const struct crypto_kdf_params *p, const unsigned char *salt,
    const unsigned char *nonce, const unsigned char *check)
{
	buf_add(b, CRYPTO_WRAP_MAGIC, 4);
	buf_add_u8(b, CRYPTO_WRAP_VERSION);
	buf_add_u8(b, key->alg == CRYPTO_ALG_SM2 ? 1 : 2);
	buf_add_u8(b, (uint8_t) p->alg);
	buf_add_u32(b, p->mem_kib);
	buf_add_u32(b, p->passes);
	buf_add_u8(b, (uint8_t) p->parallelism);
	buf_add_u8(b, (uint8_t) p->salt_len);
	buf_add(b, salt, p->salt_len);
	buf_add_u8(b, (uint8_t) key->publen);
	buf_add(b, key->pub, key->publen);
	buf_add(b, nonce, CRYPTO_WRAP_NONCE);
	buf_add(b, check, CRYPTO_WRAP_CHECK);
}

enum status
crypto_key_wrap(const struct crypto_key *key, const char *password,
    const struct crypto_kdf_params *params, unsigned char **blob, size_t *n)
{
	struct crypto_kdf_params p;
	unsigned char salt[64], nonce[CRYPTO_WRAP_NONCE], sum[CRYPTO_SM3_LEN];
	unsigned char ct[CRYPTO_SCALAR_LEN], tag[CRYPTO_WRAP_TAG];
	unsigned char *derived = NULL;
	struct buf b;
	enum status st;

	*blob = NULL;
	*n = 0;
	buf_init(&b);
	if (key->d == NULL)
		return STATUS_INVALID;
	crypto_kdf_resolve(params, &p);
	if ((st = crypto_kdf_check(&p)) != STATUS_OK)
		return st;

	crypto_random(salt, p.salt_len);
	crypto_random(nonce, sizeof nonce);
	derived = crypto_secure_alloc(CRYPTO_WRAP_DERIVED);
	st = crypto_kdf_derive(password, &p, salt, derived,
	    CRYPTO_WRAP_DERIVED);
	if (st != STATUS_OK)
		goto out;

	crypto_wrap_put_header(&b, key, &p, salt, nonce,
	    derived + CRYPTO_WRAP_KEK);
	crypto_sm3(b.data, b.len, sum);
	buf_add(&b, sum, sizeof sum);
	st = crypto_wrap_seal(derived, nonce, b.data, b.len, key->d, ct, tag);
	if (st != STATUS_OK)
		goto out;

	buf_add(&b, ct, sizeof ct);
	buf_add(&b, tag, sizeof tag);
	*blob = b.data;
	*n = b.len;
	buf_init(&b);
out:
	buf_free(&b);
	crypto_secure_free(derived);
	return st;
}

/* Take the header apart and check its SM3; STATUS_CORRUPT if anything
 * is out of place. */
static enum status
crypto_wrap_parse(const unsigned char *blob, size_t n,
    struct crypto_wrap_hdr *h)
{
	unsigned char sum[CRYPTO_SM3_LEN];
	size_t at = 17;

	memset(h, 0, sizeof *h);
	if (n < at || memcmp(blob, CRYPTO_WRAP_MAGIC, 4) != 0 ||
	    blob[4] != CRYPTO_WRAP_VERSION || (blob[5] != 1 && blob[5] != 2))
		return STATUS_CORRUPT;
	h->alg = blob[5] == 1 ? CRYPTO_ALG_SM2 : CRYPTO_ALG_ED25519;
	h->kdf.alg = (enum crypto_kdf_alg) blob[6];
	h->kdf.mem_kib = (uint32_t) blob[7] << 24 | (uint32_t) blob[8] << 16 |
	    (uint32_t) blob[9] << 8 | blob[10];
	h->kdf.passes = (uint32_t) blob[11] << 24 | (uint32_t) blob[12] << 16 |
	    (uint32_t) blob[13] << 8 | blob[14];
	h->kdf.parallelism = blob[15];
	h->kdf.salt_len = blob[16];

	/* Salt, public key length; then everything else has a fixed size. */
	if (n < at + h->kdf.salt_len + 1)
		return STATUS_CORRUPT;
	h->salt = blob + at;
	at += h->kdf.salt_len;
	h->publen = blob[at++];
	h->pub = blob + at;
	h->len = at + h->publen + CRYPTO_WRAP_NONCE + CRYPTO_WRAP_CHECK +
	    CRYPTO_SM3_LEN;
	if (n != h->len + CRYPTO_SCALAR_LEN + CRYPTO_WRAP_TAG)
		return STATUS_CORRUPT;
	h->nonce = h->pub + h->publen;
	h->check = h->nonce + CRYPTO_WRAP_NONCE;
	h->ct = blob + h->len;

	crypto_sm3(blob, h->len - CRYPTO_SM3_LEN, sum);
	if (!crypto_equal(sum, blob + h->len - CRYPTO_SM3_LEN, sizeof sum) ||
	    crypto_kdf_check(&h->kdf) != STATUS_OK)
		return STATUS_CORRUPT;
	return STATUS_OK;
}

enum status
crypto_key_wrapped_public(const unsigned char *blob, size_t n,
    struct crypto_key **pub)
{
	struct crypto_wrap_hdr h;
	enum status st;

	*pub = NULL;
	if ((st = crypto_wrap_parse(blob, n, &h)) != STATUS_OK)
		return st;
	st = crypto_key_from_public_raw(h.alg, h.pub, h.publen, pub);
	return st == STATUS_INVALID ? STATUS_CORRUPT : st;
}

enum status
crypto_key_unwrap(const unsigned char *blob, size_t n, const char *password,
    struct crypto_key **key)
{
	struct crypto_wrap_hdr h;
	unsigned char *derived = NULL, *d = NULL;
	enum status st;

	*key = NULL;
	if ((st = crypto_wrap_parse(blob, n, &h)) != STATUS_OK)
		return st;

	derived = crypto_secure_alloc(CRYPTO_WRAP_DERIVED);
	d = crypto_secure_alloc(CRYPTO_SCALAR_LEN);
	st = crypto_kdf_derive(password, &h.kdf, h.salt, derived,
	    CRYPTO_WRAP_DERIVED);
	if (st == STATUS_INVALID && *password == '\0')
		st = STATUS_BAD_PASSWORD;
	if (st != STATUS_OK)
		goto out;
	if (!crypto_equal(derived + CRYPTO_WRAP_KEK, h.check,
	    CRYPTO_WRAP_CHECK)) {
		st = STATUS_BAD_PASSWORD;
		goto out;
	}

	st = crypto_wrap_open(derived, h.nonce, blob, h.len, h.ct,
	    h.ct + CRYPTO_SCALAR_LEN, d);
	if (st != STATUS_OK)
		goto out;

	/*
	 * The public key is taken from the header, not computed from the
	 * scalar again (a scalar multiplication, as costly as the signature
	 * the key is unwrapped for).  The whole header, public key and
	 * algorithm included, is the GCM tag's associated data, and the tag
	 * has just checked under a key derived from the password and the
	 * header's salt: a header whose public key was altered is refused
	 * as damage above.  crypto_key_wrap writes only the public key that
	 * key.c computed from the very scalar it encrypts, so a mismatched
	 * pair can only be made by someone who knows the password, who can
	 * already wrap any key; and its signatures would not verify.
	 */
	st = crypto_key_import_pair(h.alg, d, h.pub, h.publen, key);
	if (st == STATUS_INVALID)
		st = STATUS_CORRUPT;
out:
	crypto_secure_free(d);
	crypto_secure_free(derived);
	return st;
}

enum status
crypto_key_rewrap(const unsigned char *blob, size_t n, const char *old_password,
    const char *new_password, const struct crypto_kdf_params *p,
    unsigned char **out, size_t *outlen)
{
	struct crypto_key *key;
	enum status st;

	*out = NULL;
	*outlen = 0;
	if ((st = crypto_key_unwrap(blob, n, old_password, &key)) != STATUS_OK)
		return st;
	st = crypto_key_wrap(key, new_password, p, out, outlen);
	crypto_key_free(key);
	return st;
}
