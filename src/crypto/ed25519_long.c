/*
 * ed25519_long.c -- Ed25519 (RFC 8032, PureEdDSA) of messages too long for
 * libgcrypt's own signer.
 *
 * libgcrypt takes the message inside an S-expression, whose values hold
 * at most 65,535 bytes; a longer one breaks its parser, which then aborts
 * the whole process.  The data an SES signature covers holds the seal's
 * picture and certificate, so a real seal's is longer than that.  Here
 * the same algorithm is computed from libgcrypt's curve arithmetic and
 * SHA-512, the message streamed into the hashes: the signatures are the
 * bytes libgcrypt or OpenSSL would make (the tests compare them), and a
 * verifier anywhere accepts them.
 *
 * Must not let the secret scalar or the nonce out of secure memory, and
 * must not be used for SM2 (sm2.c hashes its message itself).
 */
#include <config.h>

#include <string.h>

#include "crypto/internal.h"

#define ED_HALF		32	/* an encoded point, a scalar */
#define ED_HASH		64	/* SHA-512 */

/* The little-endian number in LE[0..N) as an MPI (in secure memory when
 * SECURE: libgcrypt allocates the MPI where the buffer it reads is). */
static gcry_mpi_t
ed_from_le(const unsigned char *le, size_t n, int secure)
{
	unsigned char *be = secure ? crypto_secure_alloc(n) : xmalloc(n);
	gcry_mpi_t v = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		be[i] = le[n - 1 - i];
	if (gcry_mpi_scan(&v, GCRYMPI_FMT_USG, be, n, NULL) != 0)
		v = NULL;
	if (secure)
		crypto_secure_free(be);
	else
		free(be);
	return v;
}

/* V (below 2^256) as 32 little-endian bytes. */
static enum status
ed_to_le(gcry_mpi_t v, unsigned char out[ED_HALF])
{
	unsigned char be[ED_HALF];
	size_t n, i;

	if (gcry_mpi_print(GCRYMPI_FMT_USG, be, sizeof be, &n, v) != 0)
		return STATUS_INVALID;
	memset(out, 0, ED_HALF);
	for (i = 0; i < n; i++)
		out[i] = be[n - 1 - i];
	return STATUS_OK;
}

/* SHA-512 of A || B || M, as a little-endian number reduced mod L. */
static enum status
ed_hash_mod(const void *a, size_t an, const void *b, size_t bn,
    const void *m, size_t mn, gcry_mpi_t l, gcry_mpi_t *out)
{
	gcry_md_hd_t md;
	gcry_mpi_t v;

	*out = NULL;
	if (gcry_md_open(&md, GCRY_MD_SHA512, GCRY_MD_FLAG_SECURE) != 0)
		return STATUS_NOMEM;
	gcry_md_write(md, a, an);
	if (bn > 0)
		gcry_md_write(md, b, bn);
	gcry_md_write(md, m, mn);
	v = ed_from_le(gcry_md_read(md, GCRY_MD_SHA512), ED_HASH, 1);
	gcry_md_close(md);
	if (v == NULL)
		return STATUS_NOMEM;
	gcry_mpi_mod(v, v, l);
	*out = v;
	return STATUS_OK;
}

/* The 32-byte encoding of the point P of CTX's curve. */
static enum status
ed_encode(gcry_ctx_t ctx, gcry_mpi_point_t p, unsigned char out[ED_HALF])
{
	gcry_mpi_t enc;
	const unsigned char *raw;
	unsigned int nbits = 0;
	enum status st = STATUS_INVALID;

	if (gcry_mpi_ec_set_point("q", p, ctx) != 0)
		return STATUS_INVALID;
	enc = gcry_mpi_ec_get_mpi("q@eddsa", ctx, 1);
	raw = enc != NULL ? gcry_mpi_get_opaque(enc, &nbits) : NULL;
	if (raw != NULL && nbits == ED_HALF * 8) {
		memcpy(out, raw, ED_HALF);
		st = STATUS_OK;
	}
	gcry_mpi_release(enc);
	return st;
}

/* The point whose encoding is ENC, or NULL if ENC encodes none. */
static gcry_mpi_point_t
ed_decode(const unsigned char enc[ED_HALF])
{
	gcry_sexp_t s = NULL;
	gcry_ctx_t ctx = NULL;
	gcry_mpi_point_t p = NULL;

	if (gcry_sexp_build(&s, NULL,
	    "(public-key (ecc (curve Ed25519) (flags eddsa) (q %b)))",
	    ED_HALF, enc) == 0 && gcry_mpi_ec_new(&ctx, s, NULL) == 0)
		p = gcry_mpi_ec_get_point("q", ctx, 1);
	gcry_ctx_release(ctx);
	gcry_sexp_release(s);
	return p;
}

/* The curve, its base point and its order. */
static enum status
ed_curve(gcry_ctx_t *ctx, gcry_mpi_point_t *g, gcry_mpi_t *l)
{
	*g = NULL;
	*l = NULL;
	if (gcry_mpi_ec_new(ctx, NULL, "Ed25519") != 0)
		return STATUS_INVALID;
	*g = gcry_mpi_ec_get_point("g", *ctx, 1);
	*l = gcry_mpi_ec_get_mpi("n", *ctx, 1);
	return *g != NULL && *l != NULL ? STATUS_OK : STATUS_INVALID;
}

enum status
crypto_ed25519_sign_long(const struct crypto_key *key, const void *msg,
    size_t n, unsigned char sig[CRYPTO_ED25519_SIG_LEN])
{
	unsigned char *h = crypto_secure_alloc(ED_HASH);
	gcry_ctx_t ctx = NULL;
	gcry_mpi_point_t g = NULL, r_pt = gcry_mpi_point_new(0);
	gcry_mpi_t l = NULL, s = NULL, r = NULL, k = NULL;
	gcry_mpi_t sum = gcry_mpi_snew(256);
	enum status st;

	if (key->alg != CRYPTO_ALG_ED25519 || key->d == NULL) {
		st = STATUS_INVALID;
		goto out;
	}

	/* The secret scalar is the clamped first half of SHA-512 of the
	 * seed; the second half keys the nonce. */
	gcry_md_hash_buffer(GCRY_MD_SHA512, h, key->d, CRYPTO_SCALAR_LEN);
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	if ((st = ed_curve(&ctx, &g, &l)) != STATUS_OK)
		goto out;
	if ((s = ed_from_le(h, ED_HALF, 1)) == NULL) {
		st = STATUS_NOMEM;
		goto out;
	}

	/* R = rB with r = H(prefix || M); S = r + H(R || A || M) s. */
	if ((st = ed_hash_mod(h + ED_HALF, ED_HALF, NULL, 0, msg, n, l,
	    &r)) != STATUS_OK)
		goto out;
	gcry_mpi_ec_mul(r_pt, r, g, ctx);
	if ((st = ed_encode(ctx, r_pt, sig)) != STATUS_OK ||
	    (st = ed_hash_mod(sig, ED_HALF, key->pub, ED_HALF, msg, n, l,
	    &k)) != STATUS_OK)
		goto out;
	gcry_mpi_mulm(sum, k, s, l);
	gcry_mpi_addm(sum, sum, r, l);
	st = ed_to_le(sum, sig + ED_HALF);
out:
	gcry_mpi_release(sum);
	gcry_mpi_release(k);
	gcry_mpi_release(r);
	gcry_mpi_release(s);
	gcry_mpi_release(l);
	gcry_mpi_point_release(r_pt);
	gcry_mpi_point_release(g);
	gcry_ctx_release(ctx);
	crypto_secure_free(h);
	return st;
}

/* Whether SB = R + kA, with k = H(R || A || M) (the check libgcrypt and
 * OpenSSL make, without the cofactor). */
static int
ed_holds(gcry_ctx_t ctx, gcry_mpi_point_t g, gcry_mpi_t l,
    const struct crypto_key *key, const void *msg, size_t n,
    const unsigned char *sig)
{
	gcry_mpi_point_t a = ed_decode(key->pub), r_pt = ed_decode(sig);
	gcry_mpi_point_t left = gcry_mpi_point_new(0), right =
	    gcry_mpi_point_new(0);
	gcry_mpi_t s = ed_from_le(sig + ED_HALF, ED_HALF, 0), k = NULL;
	unsigned char lhs[ED_HALF], rhs[ED_HALF];
	int ok = 0;

	if (a == NULL || r_pt == NULL || s == NULL || gcry_mpi_cmp(s, l) >= 0 ||
	    ed_hash_mod(sig, ED_HALF, key->pub, ED_HALF, msg, n, l, &k) !=
	    STATUS_OK)
		goto out;
	gcry_mpi_ec_mul(left, s, g, ctx);
	gcry_mpi_ec_mul(right, k, a, ctx);
	gcry_mpi_ec_add(right, r_pt, right, ctx);
	ok = ed_encode(ctx, left, lhs) == STATUS_OK &&
	    ed_encode(ctx, right, rhs) == STATUS_OK &&
	    memcmp(lhs, rhs, ED_HALF) == 0;
out:
	gcry_mpi_release(k);
	gcry_mpi_release(s);
	gcry_mpi_point_release(right);
	gcry_mpi_point_release(left);
	gcry_mpi_point_release(r_pt);
	gcry_mpi_point_release(a);
	return ok;
}

enum status
crypto_ed25519_verify_long(const struct crypto_key *key, const void *msg,
    size_t n, const unsigned char *sig, size_t siglen)
{
	gcry_ctx_t ctx = NULL;
	gcry_mpi_point_t g = NULL;
	gcry_mpi_t l = NULL;
	int ok;

	if (key->alg != CRYPTO_ALG_ED25519 || siglen != CRYPTO_ED25519_SIG_LEN)
		return STATUS_BAD_SIGNATURE;
	ok = ed_curve(&ctx, &g, &l) == STATUS_OK &&
	    ed_holds(ctx, g, l, key, msg, n, sig);
	gcry_mpi_release(l);
	gcry_mpi_point_release(g);
	gcry_ctx_release(ctx);
	return ok ? STATUS_OK : STATUS_BAD_SIGNATURE;
}
