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
 * (custody_check and custody_use: status, custody or proxy custody,
 * grant).
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
 * Sealing in three steps, so that the slow part (drawing the original,
 * unwrapping the key, the SM2 signature) runs with no transaction open
 * and no workspace lock held: two clerks, or two processes loading
 * history, then seal at the same time instead of one waiting.
 *
 *   sealing_prepare()  inside a READ transaction: reads everything the
 *                      signature binds (the version, the seal, the
 *                      clerk, the approval chain and its issuer, the
 *                      document's number) and decides whether the clerk
 *                      may use the seal now, counting nothing
 *                      (custody_check);
 *   sealing_sign()     inside none: draws the original (when a renderer
 *                      is installed), unwraps the key with the key
 *                      PASSWORD, signs, frees the key and wipes the
 *                      wrapped copy;
 *   sealing_store()    inside the sealing's WRITE transaction: reads and
 *                      decides again (custody_use, now counting the use)
 *                      and refuses with STATUS_SEAL_CHANGED unless all it
 *                      read is what the preparation read; then puts the
 *                      signature and the original's SM3 into the version
 *                      for the caller to store.
 *
 * The workflow decides whether the version may be sealed, in both
 * transactions (workflow_seal).  STRUCT SEALING belongs to the caller:
 * sealing_init() it, read the version to seal and the seal record into
 * it inside the preparing transaction, then sealing_prepare(); call
 * sealing_free() before a re-run of that transaction and at the end,
 * whatever happened (it wipes the wrapped key).
 */
struct sealing_facts;

struct sealing {
	struct rec_version	 version;	/* read by the caller */
	struct rec_seal		 seal;		/* read by the caller */
	/* The rest is sealing.c's. */
	struct sealing_facts	*facts;
	struct blob		 wrapped;	/* the key, until signed */
	unsigned char		 read_sm3[32];	/* of all that was read */
	struct blob		 signature;	/* SES_Signature, DER */
};

void sealing_init(struct sealing *sg);
void sealing_free(struct sealing *sg);

/* Prepare SG->version's sealing with SG->seal for CLERK (see above).
 * STATUS_CORRUPT for a seal not made by the register; the refusals of
 * custody_check() (custody.h) and STATUS_NOT_ISSUED. */
enum status sealing_prepare(struct store_txn *txn, struct sealing *sg,
    const struct rec_user *clerk);

/* Sign what SG holds; no transaction may be open.  STATUS_KEY_PASSWORD
 * for a wrong key password (never STATUS_BAD_PASSWORD, which is the
 * login's), STATUS_CORRUPT for a damaged wrapped key; the renderer's
 * status when the original cannot be drawn. */
enum status sealing_sign(struct sealing *sg, const char *password);

/*
 * Inside TXN, with SEAL and V read afresh in it: check that CLERK may
 * still use SEAL (counting the use) and that nothing changed since
 * sealing_prepare(), then set V->signature to SG's signature and
 * V->pdf_sm3 to the SM3 of the original the renderer drew (emptied when
 * none is installed).  The caller stores V in the same transaction.
 * STATUS_SEAL_CHANGED, or custody_use()'s refusals.
 */
enum status sealing_store(struct store_txn *txn, const struct sealing *sg,
    const struct rec_user *clerk, const struct rec_seal *seal,
    struct rec_version *v);

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
 * storing transaction.  TODO: the renderer of the print layer keeps
 * one such file a process, so a process that installs it must end one
 * sealing (sealing_end) before it signs the next; the bulk generator,
 * which keeps many sealings signed and not yet stored, installs none.
 * Keeping the pending file in the sealing itself would lift that.
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
