/*
 * ses.h -- the electronic seal and the electronic signature of
 * GB/T 38540-2020, version 4, in DER: SESeal (the seal as the office
 * makes it) and SES_Signature (the seal applied to one piece of data),
 * the "protected information" this product adds to every signature, and
 * the verifier that checks a signature in the standard's order.
 *
 * Part of the crypto layer's facade (crypto.h includes it).  The manual's
 * chapter on seals (doc/seals.texi) describes every field and what this
 * product puts in it; the ASN.1 is repeated in ses.c and ses_protect.c.
 *
 * Nothing here reads the store or knows who may seal: the core decides
 * that, then hands these functions finished values.
 */
#ifndef ESEAL_CRYPTO_SES_H
#define ESEAL_CRYPTO_SES_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/x509.h"
#include "util/util.h"

struct crypto_key;

#define SES_VERSION		4
#define SES_HEADER_ID		"ES"
/* SES_Header.Vid: the vendor identifier this product writes. */
#define SES_VENDOR_ID		"eseal"
/* SES_ESPropertyInfo.type: a seal of an organisation (单位印章). */
#define SES_SEAL_TYPE_ORG	1
/* SES_ESPropertyInfo.certListType. */
#define SES_CERTLIST_CERTS	1
#define SES_CERTLIST_DIGESTS	2
/* The picture type this product writes. */
#define SES_PICTURE_PNG		"png"
/* The text every copy this product exports carries (in a PDF, among its
 * keywords), so that the verifier can say "a marked copy" (Art. 4). */
#define SES_COPY_MARK		"eseal-copy"

/*
 * The object identifier of the protected information (an ExtData of
 * TBS_Sign): a UUID-based identifier (ITU-T X.667, arc 2.25), which
 * needs no registration and collides with nobody's.
 */
#define SES_OID_PROTECTED	"2.25.322887977353428714121842280883791012618"

/* -- SESeal ---------------------------------------------------------------- */

/* What ses_seal_make() writes into SES_SealInfo. */
struct ses_seal_in {
	const char		*es_id;	/* IA5String: the registration number */
	const char		*name;		/* UTF-8 */
	const unsigned char	*cert;		/* the seal key's certificate */
	size_t			 cert_len;
	int64_t			 created;
	int64_t			 valid_from;
	int64_t			 valid_to;
	const unsigned char	*picture;	/* PNG */
	size_t			 picture_len;
	uint32_t		 width_mm;
	uint32_t		 height_mm;
};

/* Write a SESeal: SES_SealInfo from IN, then MAKER_CERT, the maker key's
 * algorithm and its signature over DER(SES_SealInfo).  *DER malloc'd. */
enum status ses_seal_make(const struct ses_seal_in *in,
    const unsigned char *maker_cert, size_t maker_cert_len,
    const struct crypto_key *maker_key, unsigned char **der, size_t *n);

/* One entry of the seal's certificate list: a whole certificate (list
 * type 1) or a digest with its algorithm's name (list type 2). */
struct ses_listed {
	const unsigned char	*p;
	size_t			 n;
	char			*digest_alg;	/* NULL for a certificate */
};

/* A SESeal as read; pointers point into the caller's DER, strings and
 * the array belong to the structure (ses_seal_free). */
struct ses_seal {
	const unsigned char	*der;
	size_t			 der_len;
	const unsigned char	*info;		/* SES_SealInfo, whole */
	size_t			 info_len;
	char			*header_id;
	uint64_t		 version;
	char			*vendor;
	char			*es_id;
	uint64_t		 type;
	char			*name;
	uint64_t		 cert_list_type;
	struct ses_listed	*listed;
	size_t			 n_listed;
	int64_t			 created;
	int64_t			 valid_from;
	int64_t			 valid_to;
	char			*picture_type;
	const unsigned char	*picture;
	size_t			 picture_len;
	uint64_t		 width_mm;
	uint64_t		 height_mm;
	const unsigned char	*maker_cert;
	size_t			 maker_cert_len;
	char			*sig_oid;
	const unsigned char	*sig;
	size_t			 sig_len;
};

/* Read a SESeal.  STATUS_MALFORMED when it is not one; STATUS_UNSUPPORTED
 * for another version than 4. */
enum status ses_seal_parse(const unsigned char *der, size_t n,
    struct ses_seal *s);
void ses_seal_free(struct ses_seal *s);

/* -- The protected information (ses_protect.c) ----------------------------- */

enum ses_data_kind {
	SES_DATA_PDF = 1,	/* dataHash is SM3 of the rendered PDF */
	SES_DATA_CONTENT = 2	/* no PDF was rendered: SM3 of the canonical
				 * content */
};

struct ses_person {
	uint64_t	 id;
	char		*login;
	char		*name;
};

/* What a signature binds besides the data hash (doc/seals.texi). */
struct ses_protected {
	uint32_t		 data_kind;	/* enum ses_data_kind */
	uint64_t		 doc_id;
	uint32_t		 doc_version;
	char			*doc_number; /* 发文字号, "" before numbering */
	unsigned char		 content_sm3[32];
	int			 has_pdf;
	unsigned char		 pdf_sm3[32];
	char			*seal_regno;
	unsigned char		 impression_sm3[32];
	uint32_t		 page;		/* 1-based; 0 when not placed */
	uint32_t		 x_um;		/* centre, from the top left */
	uint32_t		 y_um;
	uint32_t		 diameter_um;
	struct ses_person	 signer;
	uint64_t		 custody_id;	/* 0: by the custodian; else the
						 * proxy custody it acted in */
	struct ses_person	 issuer;
	int64_t			 issued_at;
	uint32_t		 approvals;	/* records in the chain hash */
	unsigned char		 chain_sm3[32];
	uint32_t		 copies;
};

/* P as DER (*DER malloc'd). */
enum status ses_protected_encode(const struct ses_protected *p,
    unsigned char **der, size_t *n);
/* Read DER into P (strings malloc'd: ses_protected_free). */
enum status ses_protected_parse(const unsigned char *der, size_t n,
    struct ses_protected *p);
void ses_protected_free(struct ses_protected *p);

/* -- SES_Signature --------------------------------------------------------- */

struct ses_sign_in {
	const unsigned char		*seal;		/* SESeal DER */
	size_t				 seal_len;
	int64_t				 time;
	const unsigned char		*data_hash;	/* SM3, 32 bytes */
	const char			*property;	/* IA5String */
	const struct ses_protected	*protected;	/* NULL: none */
	const unsigned char		*cert;		/* the signer's */
	size_t				 cert_len;
};

/* Write a SES_Signature signed with KEY (whose public half must be the
 * one in IN->cert).  *DER malloc'd. */
enum status ses_sign(const struct ses_sign_in *in,
    const struct crypto_key *key, unsigned char **der, size_t *n);

struct ses_signature {
	const unsigned char	*der;
	size_t			 der_len;
	const unsigned char	*tbs;		/* TBS_Sign, whole */
	size_t			 tbs_len;
	uint64_t		 version;
	struct ses_seal		 seal;
	int64_t			 time;
	const unsigned char	*data_hash;
	size_t			 data_hash_len;
	char			*property;
	int			 has_protected;
	struct ses_protected	 protected;
	size_t			 n_ext;		/* extensions, ours included */
	const unsigned char	*cert;
	size_t			 cert_len;
	char			*sig_oid;
	const unsigned char	*sig;
	size_t			 sig_len;
	int			 has_timestamp;
};

/* Read a SES_Signature (the DER stays the caller's). */
enum status ses_signature_parse(const unsigned char *der, size_t n,
    struct ses_signature *s);
void ses_signature_free(struct ses_signature *s);

/* -- Verification (ses_verify.c) ------------------------------------------- */

/* The checks, in the order GB/T 38540 makes them. */
#define SES_CHECK_LIST(X) \
	X(SES_CHECK_STRUCTURE,	N_("structure")) \
	X(SES_CHECK_SIGNATURE,	N_("signature over the signed data")) \
	X(SES_CHECK_SIGNER_CERT, N_("signer's certificate at the signing time")) \
	X(SES_CHECK_CERT_IN_SEAL, N_("signer's certificate listed in the seal")) \
	X(SES_CHECK_DATA_HASH,	N_("data hash against the file")) \
	X(SES_CHECK_SEAL,	N_("seal: maker's signature and validity")) \
	X(SES_CHECK_ORIGINAL,	N_("signed original (Art. 4)"))

#define SES_CHECK_ENUM(name, text) name,
enum ses_check {
	SES_CHECK_LIST(SES_CHECK_ENUM)
	SES_CHECK__COUNT
};
#undef SES_CHECK_ENUM

enum ses_outcome { SES_NOT_RUN, SES_PASS, SES_FAIL };

struct ses_check_result {
	enum ses_outcome	 outcome;
	enum status		 why;		/* STATUS_OK when passed */
	char			 note[256];	/* facts, translated */
};

/* The trust anchors and revocation lists a verification uses (copies). */
struct ses_trust {
	struct x509_cert	*roots;
	unsigned char		**root_der;
	size_t			 n_roots;
	struct x509_crl		*crls;
	unsigned char		**crl_der;
	int			*crl_complete;
	size_t			 n_crls;
	int64_t			 now;		/* for the lists' freshness */
	struct ses_memo		*memo;		/* issuers already checked */
};

void ses_trust_init(struct ses_trust *t, int64_t now);
void ses_trust_free(struct ses_trust *t);
/* Add a root certificate (DER, copied); STATUS_MALFORMED if unreadable. */
enum status ses_trust_add_root(struct ses_trust *t, const unsigned char *der,
    size_t n);
/* Add a CRL (copied).  COMPLETE marks this workspace's own list, which
 * is rewritten with every change and so is current whatever its
 * nextUpdate says; others count only until their nextUpdate. */
enum status ses_trust_add_crl(struct ses_trust *t, const unsigned char *der,
    size_t n, int complete);

struct ses_report {
	struct ses_check_result	 check[SES_CHECK__COUNT];
	struct ses_signature	 sig;	/* as read, when structure passed */
	int			 parsed;
	char			*signer_cn;
	char			*signer_issuer_cn;
	char			*maker_cn;
};

/*
 * Verify the SES_Signature SIG against the protected FILE, using TRUST.
 * Every check runs that can (the structure failing stops the rest) and
 * its result goes to R (ses_report_free after).  Returns STATUS_OK when
 * every check passed, else the first failure's reason.  SIG and FILE
 * must stay alive while R is used.
 */
enum status ses_verify(const unsigned char *sig, size_t siglen,
    const unsigned char *file, size_t filelen,
    const struct ses_trust *trust, struct ses_report *r);
void ses_report_free(struct ses_report *r);

/* The translated name of check C. */
const char *ses_check_name(enum ses_check c);

/* T as "YYYY-MM-DD HH:MM:SS UTC" into BUF (at least 24 bytes). */
const char *ses_time_text(int64_t t, char *buf, size_t size);

#endif
