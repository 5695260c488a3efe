/*
 * sealing.h -- the act of sealing: the one place where a seal's key
 * signs a document version.  The workflow decides WHETHER a version may
 * be sealed (workflow_seal); this seam only makes the signature, so the
 * signature's format can change without touching the workflow.
 *
 * The signature is a GB/T 38540 SES_Signature (crypto/ses.h): the
 * seal's SESeal, the signing time, the SM3 of the rendered PDF as its
 * data hash, and the protected information binding the document and
 * version, the content hash, the seal and its place on the page, the
 * signer, the issuer, the approval chain and the copies (doc/seals.texi
 * lists every field).  Who may use the seal is decided here too
 * (custody_use: status, custody or proxy custody, grant).
 *
 * The PDF is drawn above the core, so the programs hand in a renderer
 * (sealing_set_renderer) that draws the version with the seal and says
 * where the seal went.  Without one, the signature covers the canonical
 * content instead and says so (its data kind is "content"): no PDF
 * file will verify against it.
 */
#ifndef ESEAL_CORE_SEALING_H
#define ESEAL_CORE_SEALING_H

#include <stdint.h>

#include "store/store.h"
#include "util/util.h"

/*
 * Sign version V of a document with SEAL for CLERK, inside TXN (the
 * sealing transaction: the signature and the state change commit
 * together).  CONTENT_SM3 is V's canonical content hash, 32 bytes.
 * The seal's private key is unwrapped with PASSWORD (the custodian's)
 * only for the moment of signing.  *SIGNATURE_OUT receives a new blob
 * (its old contents are freed).  V->pdf_sm3 receives the SM3 of the
 * sealed original the renderer drew (emptied when none is installed),
 * for the caller to store with the signature.  STATUS_KEY_PASSWORD for
 * a wrong key password (never STATUS_BAD_PASSWORD, which is the
 * login's), STATUS_CORRUPT for a damaged wrapped key.
 */
enum status sealing_sign(struct store_txn *txn, const struct rec_user *clerk,
    const struct rec_seal *seal, struct rec_version *v,
    const unsigned char content_sm3[32], const char *password,
    struct blob *signature_out);

/*
 * What a renderer is asked and answers: the version V of DOC drawn with
 * SEAL as the sealed original (no copy number), its SM3, and the seal's
 * page and centre (millimetres from the top left) and diameter.  It must
 * be pure: the same version gives the same bytes, so the original can
 * be drawn again and checked against its hash.
 */
struct sealing_render {
	const struct rec_doc	 *doc;
	const struct rec_version *version;
	const struct rec_seal	 *seal;
	int64_t			  issued_at;	/* the sign-off: 成文日期 */
	unsigned char		  pdf_sm3[32];
	uint32_t		  page;
	double			  x_mm;
	double			  y_mm;
	double			  diameter_mm;
};

typedef enum status (*sealing_render_fn)(struct sealing_render *r,
    void *arg);

/* Install the renderer (NULL removes it); ARG is passed along. */
void sealing_set_renderer(sealing_render_fn fn, void *arg);

/*
 * What the renderer's program does once a sealing transaction has ended:
 * COMMITTED is 1 when the signature was stored, 0 when the sealing
 * failed or was rolled back.  The renderer writes the original under a
 * temporary name and it comes into place only here, so no file is kept
 * for a sealing that never committed.  Installed with the renderer
 * (NULL removes it); workflow_seal() calls sealing_end() after its
 * transaction.
 */
typedef void (*sealing_end_fn)(int committed, void *arg);
void sealing_set_end(sealing_end_fn fn, void *arg);
void sealing_end(int committed);

/* The approval chain of version V of a document as the signature binds
 * it: the issuer (0 when none), the issuance time, the number of
 * approval records and SM3 over them (see sealing.c for the encoding). */
enum status sealing_chain(struct store_txn *txn, const struct rec_version *v,
    uint64_t *issuer, int64_t *issued_at, uint32_t *count,
    unsigned char sm3[32]);

/* STATUS_OK when SIGNATURE is SEAL's signature of CONTENT_SM3. */
enum status sealing_verify(const struct rec_seal *seal,
    const unsigned char content_sm3[32], const struct blob *signature);

#endif
