/*
 * x509.h -- the small X.509 profile of the office's offline hierarchy:
 * certificates (RFC 5280, version 3) and certificate revocation lists
 * (version 2), written and read with the strict DER of der.h.
 *
 * Part of the crypto layer's facade (crypto.h includes it).  What is
 * written: SM2-with-SM3 signatures (1.2.156.10197.1.501) over the
 * to-be-signed part with GB/T 32918's default signer identifier, names
 * of C, O, OU, CN and serialNumber, and the extensions basicConstraints,
 * keyUsage (both critical), subjectKeyIdentifier and
 * authorityKeyIdentifier.  What is read: any certificate or CRL in DER
 * whose keys are SM2 or Ed25519; a critical extension this module does
 * not know is remembered (x509_cert.unknown_critical) so that a chain
 * check refuses the certificate, as RFC 5280 asks.
 *
 * Nothing here decides trust by itself: x509_cert_check_issued() checks
 * one link, and the seal verifier (ses.h) decides what a signature needs.
 */
#ifndef ESEAL_CRYPTO_X509_H
#define ESEAL_CRYPTO_X509_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/der.h"
#include "util/util.h"

struct crypto_key;

/* keyUsage bits, numbered as RFC 5280 numbers them. */
#define X509_KU_DIGITAL_SIGNATURE	(1u << 0)
#define X509_KU_NON_REPUDIATION		(1u << 1)
#define X509_KU_KEY_CERT_SIGN		(1u << 5)
#define X509_KU_CRL_SIGN		(1u << 6)

/* The longest serial number RFC 5280 allows, in bytes. */
#define X509_SERIAL_MAX		20
/* The length of our key identifiers (the first bytes of SM3 of the key). */
#define X509_KEYID_LEN		20
/* The longest subject key identifier kept from a certificate read. */
#define X509_SKID_MAX		64

/* A distinguished name as this product writes it; NULL parts are left
 * out.  SERIAL (the seal's registration number) must be a
 * PrintableString; the rest is UTF-8. */
struct x509_name {
	const char	*country;	/* "CN" */
	const char	*org;		/* the bureau */
	const char	*unit;		/* the owning body of a seal */
	const char	*common;	/* the certificate's own name */
	const char	*serial;	/* a seal's registration number */
};

/* What x509_cert_issue() writes. */
struct x509_template {
	uint64_t			 serial;
	struct x509_name		 subject;
	int64_t				 not_before;
	int64_t				 not_after;
	const struct crypto_key		*subject_key; /* public half is used */
	int				 ca;	/* basicConstraints cA */
	unsigned			 key_usage;	/* X509_KU_* bits */
};

/*
 * A certificate as read.  The pointers point into the DER the caller
 * keeps alive; the strings and KEY belong to the structure
 * (x509_cert_free).
 */
struct x509_cert {
	const unsigned char	*der;
	size_t			 der_len;
	const unsigned char	*tbs;		/* TBSCertificate, whole */
	size_t			 tbs_len;
	unsigned char		 serial[X509_SERIAL_MAX];
	size_t			 serial_len;
	const unsigned char	*issuer;	/* Name, whole encoding */
	size_t			 issuer_len;
	const unsigned char	*subject;
	size_t			 subject_len;
	char			*issuer_cn;	/* "" when absent */
	char			*subject_cn;
	char			*subject_org;
	char			*subject_serial;
	int64_t			 not_before;
	int64_t			 not_after;
	struct crypto_key	*key;		/* the subject's public key */
	int			 ca;
	int			 has_key_usage;
	unsigned		 key_usage;	/* X509_KU_* bits */
	unsigned char		 skid[X509_SKID_MAX];
	size_t			 skid_len;	/* 0 when absent */
	int			 unknown_critical;
	char			*sig_oid;
	const unsigned char	*sig;	/* the signature value's bytes */
	size_t			 sig_len;
};

/*
 * Write a certificate for T signed by ISSUER_KEY.  ISSUER is the issuing
 * certificate (its subject becomes the issuer name, its key identifier
 * the authority key identifier), or NULL for a self-signed one, whose
 * ISSUER_KEY must then be T's subject key.  *DER is malloc'd.
 */
enum status x509_cert_issue(const struct x509_template *t,
    const struct x509_cert *issuer, const struct crypto_key *issuer_key,
    unsigned char **der, size_t *n);

/* Read DER (which must stay alive while C is used).  STATUS_MALFORMED
 * for anything that is not one DER certificate; STATUS_UNSUPPORTED for a
 * well-formed one whose key is neither SM2 nor Ed25519. */
enum status x509_cert_parse(const unsigned char *der, size_t n,
    struct x509_cert *c);
void x509_cert_free(struct x509_cert *c);

/*
 * STATUS_OK when CERT names ISSUER as its issuer (the encodings of the
 * names are equal) and ISSUER's key made its signature; else
 * STATUS_BAD_SIGNATURE.  Dates and usages are the caller's business.
 */
enum status x509_cert_check_issued(const struct x509_cert *cert,
    const struct x509_cert *issuer);

/* Non-zero when A and B are the same certificate (byte for byte). */
int x509_cert_same(const struct x509_cert *a, const struct x509_cert *b);

/* SM3 of the whole certificate, and its first 8 bytes as 16 hex digits
 * (a short name for lists and store keys; OUT holds 17 bytes). */
enum status x509_cert_fingerprint(const unsigned char *der, size_t n,
    unsigned char out[32]);
void x509_cert_short_id(const unsigned char *der, size_t n, char out[17]);

/* The serial number as hex into OUT (2 * X509_SERIAL_MAX + 1 bytes). */
void x509_serial_hex(const unsigned char *serial, size_t n, char *out);

/* -- Revocation lists ------------------------------------------------------ */

/* CRLReason values this product writes. */
enum x509_reason {
	X509_REASON_UNSPECIFIED = 0,
	X509_REASON_KEY_COMPROMISE = 1,
	X509_REASON_SUPERSEDED = 4,
	X509_REASON_CESSATION = 5,
	X509_REASON_HOLD = 6		/* certificateHold: a suspension */
};

/* One revoked certificate. */
struct x509_revoked {
	uint64_t	 serial;	/* ours are 64-bit */
	int64_t		 when;
	int		 reason;	/* enum x509_reason */
};

/*
 * Write a CRL issued by ISSUER (signed with ISSUER_KEY) with CRL number
 * NUMBER, thisUpdate THIS_UPDATE, nextUpdate NEXT_UPDATE (0 leaves it
 * out), listing the N entries of LIST.  *DER is malloc'd.
 */
enum status x509_crl_issue(const struct x509_cert *issuer,
    const struct crypto_key *issuer_key, uint64_t number,
    int64_t this_update, int64_t next_update,
    const struct x509_revoked *list, size_t n, unsigned char **der,
    size_t *len);

/* One entry as read (pointers into the CRL's DER). */
struct x509_crl_entry {
	const unsigned char	*serial;
	size_t			 serial_len;
	int64_t			 when;
	int			 reason; /* -1 when the entry gives none */
};

struct x509_crl {
	const unsigned char	*der;
	size_t			 der_len;
	const unsigned char	*tbs;
	size_t			 tbs_len;
	const unsigned char	*issuer;
	size_t			 issuer_len;
	int64_t			 this_update;
	int64_t			 next_update;	/* 0 when absent */
	uint64_t		 number;	/* 0 when absent */
	struct x509_crl_entry	*entries;
	size_t			 n_entries;
	char			*sig_oid;
	const unsigned char	*sig;
	size_t			 sig_len;
};

/* Read a CRL in DER (kept alive by the caller while CRL is used). */
enum status x509_crl_parse(const unsigned char *der, size_t n,
    struct x509_crl *crl);
void x509_crl_free(struct x509_crl *crl);

/* STATUS_OK when ISSUER's name is the CRL's issuer and its key signed it,
 * else STATUS_BAD_SIGNATURE. */
enum status x509_crl_check_issued(const struct x509_crl *crl,
    const struct x509_cert *issuer);

/* The entry for CERT's serial number in CRL, or NULL. */
const struct x509_crl_entry *x509_crl_find(const struct x509_crl *crl,
    const struct x509_cert *cert);

/* -- Shared with ses.c ----------------------------------------------------- */

/* Read an AlgorithmIdentifier (its OID into *OID, parameters skipped). */
enum status x509_get_algid(struct der_reader *r, char **oid);

/* STATUS_OK when SIG (its algorithm SIG_OID) is KEY's signature of DATA.
 * An SM2 signature given as 64 raw bytes r || s, as some vendors write
 * it, is accepted too. */
enum status x509_verify_data(const struct crypto_key *key,
    const char *sig_oid, const void *data, size_t n,
    const unsigned char *sig, size_t siglen);

#endif
