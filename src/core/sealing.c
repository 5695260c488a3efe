/*
 * sealing.c -- the signature a seal makes on a document version: a
 * GB/T 38540 SES_Signature binding exactly what was approved and sealed
 * (sealing.h; the fields are in doc/seals.texi).
 *
 * The approval chain is bound as SM3 over its records for the version,
 * in the order the store keeps them (document, then time), each encoded
 * as (integers big-endian, util/buf.h):
 *
 *   u64 record id, u32 version, u8 level, u8 action, u64 approver id,
 *   u64 time (two's complement), varint length and UTF-8 of the comment
 *
 * Sealing runs in three steps (sealing.h): prepare in a read
 * transaction, sign in none, store in the write transaction after
 * checking that nothing the preparation read has changed (an SM3 over
 * it all, sealing_read_sm3).  The wrapped key copied out at the
 * preparation is wiped right after signing; the private key is
 * unwrapped into the crypto layer's secure memory and freed right after
 * signing; it is never logged, stored or returned.
 * This file does not decide whether the document may be sealed (the
 * workflow does); it decides whether this user may use this seal now.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/custody.h"
#include "core/doc.h"
#include "core/docnum.h"
#include "core/sealing.h"
#include "core/seal_private.h"
#include "core/session_private.h"

static sealing_render_fn sealing_renderer;
static void *sealing_renderer_arg;

void
sealing_set_renderer(sealing_render_fn fn, void *arg)
{
	sealing_renderer = fn;
	sealing_renderer_arg = arg;
}

static sealing_end_fn sealing_ender;
static void *sealing_ender_arg;

void
sealing_set_end(sealing_end_fn fn, void *arg)
{
	sealing_ender = fn;
	sealing_ender_arg = arg;
}

void
sealing_end(int committed)
{
	if (sealing_ender != NULL)
		sealing_ender(committed, sealing_ender_arg);
}

/* -- The approval chain ---------------------------------------------------- */

struct sealing_chain_scan {
	uint32_t		 version;
	struct buf		 enc;
	uint32_t		 count;
	uint64_t		 issuer;
	int64_t			 issued_at;
};

static int
sealing_chain_each(const void *rec, void *arg)
{
	const struct rec_approval *a = rec;
	struct sealing_chain_scan *sc = arg;

	if (a->version != sc->version)
		return 0;
	buf_add_u64(&sc->enc, a->id);
	buf_add_u32(&sc->enc, a->version);
	buf_add_u8(&sc->enc, a->level);
	buf_add_u8(&sc->enc, a->action);
	buf_add_u64(&sc->enc, a->approver_id);
	buf_add_u64(&sc->enc, (uint64_t) a->time);
	buf_add_bytes(&sc->enc, a->comment != NULL ? a->comment : "",
	    a->comment != NULL ? strlen(a->comment) : 0);
	sc->count++;
	if (a->action == APPROVAL_ISSUE) {
		sc->issuer = a->approver_id;
		sc->issued_at = a->time;
	} else if (a->action == APPROVAL_RETURN) {
		sc->issuer = 0;
		sc->issued_at = 0;
	}
	return 0;
}

enum status
sealing_chain(struct store_txn *txn, const struct rec_version *v,
    uint64_t *issuer, int64_t *issued_at, uint32_t *count,
    unsigned char sm3[32])
{
	struct store_range r = { 1, { v->doc_id, 0, 0 }, 0, UINT64_MAX };
	struct sealing_chain_scan sc;
	enum status st;

	memset(&sc, 0, sizeof sc);
	sc.version = v->number;
	buf_init(&sc.enc);
	st = store_scan(txn, IDX_APPROVAL_DOC, &r, 0, sealing_chain_each, &sc);
	if (st == STATUS_OK)
		st = crypto_sm3(sc.enc.data, sc.enc.len, sm3);
	*issuer = sc.issuer;
	*issued_at = sc.issued_at;
	*count = sc.count;
	buf_free(&sc.enc);
	return st;
}

/* -- What the signature binds ---------------------------------------------- */

/* Everything the protected information needs, read in the transaction
 * and owned here, so that it outlives it (the signature is made after). */
struct sealing_facts {
	struct ses_protected	 p;		/* strings owned below */
	struct rec_doc		 doc;
	struct rec_user		 issuer;
	char			*signer_login;
	char			*signer_name;
	char			*number;
	char			*property;
	char			*crl_number;	/* the CA's, "" before any */
	unsigned char		 data_hash[32];
};

static void
sealing_facts_free(struct sealing_facts *f)
{
	rec_free(REC_DOC, &f->doc);
	rec_free(REC_USER, &f->issuer);
	free(f->signer_login);
	free(f->signer_name);
	free(f->number);
	free(f->property);
	free(f->crl_number);
	memset(f, 0, sizeof *f);
}

static void
sealing_person(struct ses_person *p, const struct rec_user *u)
{
	p->id = u->id;
	p->login = u->name != NULL ? u->name : (char *) "";
	p->name = u->full_name != NULL ? u->full_name : (char *) "";
}

/* The PDF and the seal's place, when a renderer is installed. */
static enum status
sealing_place(struct sealing_facts *f, const struct rec_version *v,
    const struct rec_seal *seal)
{
	struct sealing_render r;
	enum status st;

	/* eseal and esealctl install the print layer's drawing when they
	 * open a workspace (print_attach); only a program without it (the
	 * core's own tests) signs the canonical content. */
	if (sealing_renderer == NULL) {
		f->p.data_kind = SES_DATA_CONTENT;
		memcpy(f->data_hash, f->p.content_sm3, 32);
		return STATUS_OK;
	}
	memset(&r, 0, sizeof r);
	r.doc = &f->doc;
	r.version = v;
	r.seal = seal;
	r.issued_at = f->p.issued_at;
	if ((st = sealing_renderer(&r, sealing_renderer_arg)) != STATUS_OK)
		return st;
	f->p.data_kind = SES_DATA_PDF;
	f->p.has_pdf = 1;
	memcpy(f->p.pdf_sm3, r.pdf_sm3, 32);
	memcpy(f->data_hash, r.pdf_sm3, 32);
	f->p.page = r.page;
	f->p.x_um = (uint32_t) (r.x_mm * 1000.0 + 0.5);
	f->p.y_um = (uint32_t) (r.y_mm * 1000.0 + 0.5);
	f->p.diameter_um = (uint32_t) (r.diameter_mm * 1000.0 + 0.5);
	return STATUS_OK;
}

/* Read what the signature binds, but not the drawing (sealing_place). */
static enum status
sealing_facts(struct store_txn *txn, struct sealing_facts *f,
    const struct rec_user *clerk, const struct rec_seal *seal,
    const struct rec_version *v)
{
	struct doc_content c;
	enum status st;

	memset(f, 0, sizeof *f);
	if ((st = store_get(txn, REC_DOC, v->doc_id, &f->doc)) != STATUS_OK ||
	    (st = sealing_chain(txn, v, &f->issuer.id, &f->p.issued_at,
	    &f->p.approvals, f->p.chain_sm3)) != STATUS_OK)
		return st;
	if (f->issuer.id == 0)
		return STATUS_NOT_ISSUED;
	/* Every suspension, resumption and revocation lists anew, under a
	 * new number, even two within one second by the same person. */
	st = policy_meta_get(txn, SEAL_META_CRL_NUMBER, &f->crl_number);
	if (st == STATUS_NOT_FOUND)
		f->crl_number = xstrdup("");
	else if (st != STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_USER, f->issuer.id, &f->issuer)) !=
	    STATUS_OK || (st = doc_content_from_version(v, &c)) != STATUS_OK)
		return st;
	f->p.copies = c.copies;
	doc_content_free(&c);

	f->number = docnum_format(f->doc.number_prefix != NULL ?
	    f->doc.number_prefix : "", f->doc.number_year, f->doc.number_seq);
	f->p.doc_id = v->doc_id;
	f->p.doc_version = v->number;
	f->p.doc_number = f->number;
	memcpy(f->p.content_sm3, v->content_sm3.data, 32);
	f->p.seal_regno = seal->regno;
	if (seal->impression_sm3.len == 32)
		memcpy(f->p.impression_sm3, seal->impression_sm3.data, 32);
	else if ((st = crypto_sm3(seal->impression.data, seal->impression.len,
	    f->p.impression_sm3)) != STATUS_OK)
		return st;
	f->signer_login = xstrdup(clerk->name != NULL ? clerk->name : "");
	f->signer_name = xstrdup(clerk->full_name != NULL ?
	    clerk->full_name : "");
	f->p.signer.id = clerk->id;
	f->p.signer.login = f->signer_login;
	f->p.signer.name = f->signer_name;
	sealing_person(&f->p.issuer, &f->issuer);
	return STATUS_OK;
}

static void
sealing_add_blob(struct buf *b, const struct blob *x)
{
	buf_add_bytes(b, x->data != NULL ? x->data : (unsigned char *) "",
	    x->len);
}

/*
 * SM3 over everything the preparation read and the store must find
 * unchanged: the version (which one, frozen, unsigned, its content),
 * the seal record (state and its last change, validity, custodian, key,
 * SESeal and certificate), the number of the seal CA's revocation list
 * (a suspension and resumption meanwhile leave the state as it was, but
 * not that number), the custody acted in, and the facts the signature
 * binds (document, chain, issuer, signer, copies).
 */
static enum status
sealing_read_sm3(const struct sealing_facts *f, const struct rec_seal *seal,
    const struct rec_version *v, unsigned char out[32])
{
	const struct ses_protected *p = &f->p;
	struct buf b;
	enum status st;

	buf_init(&b);
	buf_add_u64(&b, v->id);
	buf_add_u32(&b, v->number);
	buf_add_u8(&b, v->frozen);
	buf_add_u64(&b, v->signature.len);
	sealing_add_blob(&b, &v->content_sm3);

	buf_add_u64(&b, seal->id);
	buf_add_u8(&b, seal->status);
	buf_add_u64(&b, seal->status_by);
	buf_add_u64(&b, (uint64_t) seal->status_time);
	buf_add_str(&b, seal->status_reason != NULL ? seal->status_reason : "");
	buf_add_str(&b, f->crl_number);
	buf_add_u64(&b, (uint64_t) seal->valid_from);
	buf_add_u64(&b, (uint64_t) seal->valid_to);
	buf_add_u64(&b, seal->custodian_id);
	sealing_add_blob(&b, &seal->wrapped_key);
	sealing_add_blob(&b, &seal->seal_der);
	sealing_add_blob(&b, &seal->cert);

	buf_add_u64(&b, p->custody_id);
	buf_add_str(&b, f->number);
	buf_add_u64(&b, (uint64_t) p->issued_at);
	buf_add_u32(&b, p->approvals);
	buf_add_bytes(&b, p->chain_sm3, 32);
	buf_add_bytes(&b, p->impression_sm3, 32);
	buf_add_u32(&b, p->copies);
	buf_add_u64(&b, p->signer.id);
	buf_add_str(&b, p->signer.login);
	buf_add_str(&b, p->signer.name);
	buf_add_u64(&b, p->issuer.id);
	buf_add_str(&b, p->issuer.login);
	buf_add_str(&b, p->issuer.name);
	st = crypto_sm3(b.data, b.len, out);
	buf_free(&b);
	return st;
}

/* -- Signing --------------------------------------------------------------- */

/* The unwrapped key must be the one the seal's certificate certifies. */
static enum status
sealing_key_matches(const struct crypto_key *key, const struct rec_seal *seal)
{
	unsigned char a[CRYPTO_SM3_LEN], b[CRYPTO_SM3_LEN];
	struct x509_cert c;
	enum status st;

	if (x509_cert_parse(seal->cert.data, seal->cert.len, &c) != STATUS_OK)
		return STATUS_CORRUPT;
	st = crypto_key_fingerprint(key, a) == STATUS_OK &&
	    crypto_key_fingerprint(c.key, b) == STATUS_OK &&
	    memcmp(a, b, sizeof a) == 0 ? STATUS_OK : STATUS_CORRUPT;
	x509_cert_free(&c);
	return st;
}

static enum status
sealing_make(const struct sealing_facts *f, const struct rec_seal *seal,
    const struct blob *wrapped, const char *password, struct blob *out)
{
	struct crypto_key *key = NULL;
	struct ses_sign_in in;
	unsigned char *sig = NULL;
	size_t siglen = 0;
	enum status st;

	/* The login password opened the session already: a wrong one now
	 * is the seal's key password, which the user must be told. */
	st = crypto_key_unwrap(wrapped->data, wrapped->len, password, &key);
	if (st == STATUS_BAD_PASSWORD)
		return STATUS_KEY_PASSWORD;
	if (st != STATUS_OK)
		return st;
	if ((st = sealing_key_matches(key, seal)) != STATUS_OK)
		goto out;
	memset(&in, 0, sizeof in);
	in.seal = seal->seal_der.data;
	in.seal_len = seal->seal_der.len;
	in.time = clock_now();
	in.data_hash = f->data_hash;
	in.property = f->property;
	in.protected = &f->p;
	in.cert = seal->cert.data;
	in.cert_len = seal->cert.len;
	if ((st = ses_sign(&in, key, &sig, &siglen)) != STATUS_OK)
		goto out;
	free(out->data);
	out->data = sig;
	out->len = siglen;
out:
	crypto_key_free(key);
	return st;
}

/* -- The three steps ------------------------------------------------------- */

void
sealing_init(struct sealing *sg)
{
	memset(sg, 0, sizeof *sg);
}

void
sealing_free(struct sealing *sg)
{
	rec_free(REC_VERSION, &sg->version);
	rec_free(REC_SEAL, &sg->seal);
	if (sg->facts != NULL)
		sealing_facts_free(sg->facts);
	free(sg->facts);
	seal_blob_wipe(&sg->wrapped);
	free(sg->signature.data);
	sealing_init(sg);
}

enum status
sealing_prepare(struct store_txn *txn, struct sealing *sg,
    const struct rec_user *clerk)
{
	uint64_t custody_id = 0;
	enum status st;

	if (sg->seal.seal_der.len == 0 || sg->seal.cert.len == 0)
		return STATUS_CORRUPT;	/* not made by the register */
	if (sg->version.content_sm3.len != 32)
		return STATUS_CORRUPT;
	if (sg->facts != NULL || sg->wrapped.len != 0)
		return STATUS_INVALID;	/* prepared already */
	if ((st = crypto_init()) != STATUS_OK ||
	    (st = custody_check(txn, &sg->seal, clerk, &sg->wrapped,
	    &custody_id)) != STATUS_OK)
		return st;
	sg->facts = xcalloc(1, sizeof *sg->facts);
	if ((st = sealing_facts(txn, sg->facts, clerk, &sg->seal,
	    &sg->version)) != STATUS_OK)
		return st;
	sg->facts->p.custody_id = custody_id;
	return sealing_read_sm3(sg->facts, &sg->seal, &sg->version,
	    sg->read_sm3);
}

enum status
sealing_sign(struct sealing *sg, const char *password)
{
	struct sealing_facts *f = sg->facts;
	enum status st;

	if (password == NULL)
		st = STATUS_KEY_PASSWORD;
	else if (f == NULL || sg->wrapped.len == 0 || sg->signature.len != 0)
		st = STATUS_INVALID;	/* not prepared, or signed already */
	else if ((st = sealing_place(f, &sg->version, &sg->seal)) ==
	    STATUS_OK) {
		free(f->property);
		f->property = xasprintf("eseal/doc-%llu/v%u/%s",
		    (unsigned long long) sg->version.doc_id,
		    (unsigned) sg->version.number,
		    f->p.data_kind == SES_DATA_PDF ? "original.pdf" :
		    "content");
		st = sealing_make(f, &sg->seal, &sg->wrapped, password,
		    &sg->signature);
	}
	/* The wrapped key is needed no longer, whatever happened. */
	seal_blob_wipe(&sg->wrapped);
	return st;
}

enum status
sealing_store(struct store_txn *txn, const struct sealing *sg,
    const struct rec_user *clerk, const struct rec_seal *seal,
    struct rec_version *v)
{
	const struct sealing_facts *was = sg->facts;
	struct sealing_facts f;
	struct blob wrapped = { NULL, 0 };
	unsigned char now_sm3[32];
	uint64_t custody_id = 0;
	enum status st;

	if (was == NULL || sg->signature.len == 0)
		return STATUS_INVALID;	/* not signed */
	if (v->content_sm3.len != 32)
		return STATUS_CORRUPT;
	/* The use is counted now, with the checks made again. */
	if ((st = custody_use(txn, seal, clerk, &wrapped, &custody_id)) !=
	    STATUS_OK)
		return st;
	seal_blob_wipe(&wrapped);
	if ((st = sealing_facts(txn, &f, clerk, seal, v)) == STATUS_OK) {
		f.p.custody_id = custody_id;
		st = sealing_read_sm3(&f, seal, v, now_sm3);
	}
	if (st == STATUS_OK && memcmp(now_sm3, sg->read_sm3, 32) != 0)
		st = STATUS_SEAL_CHANGED;
	sealing_facts_free(&f);
	if (st != STATUS_OK)
		return st;

	session_blob_set(&v->signature, sg->signature.data,
	    sg->signature.len);
	session_blob_set(&v->pdf_sm3, was->p.has_pdf ? was->p.pdf_sm3 : NULL,
	    was->p.has_pdf ? 32 : 0);
	log_info("seal %s signed document %llu version %u for user %llu%s",
	    seal->regno, (unsigned long long) v->doc_id, (unsigned) v->number,
	    (unsigned long long) clerk->id, custody_id != 0 ?
	    " in proxy custody" : "");
	return STATUS_OK;
}

enum status
sealing_verify(const struct rec_seal *seal,
    const unsigned char content_sm3[32], const struct blob *signature)
{
	struct ses_signature s;
	struct x509_cert c;
	enum status st;

	if (signature->len == 0 || crypto_init() != STATUS_OK)
		return STATUS_BAD_SIGNATURE;
	if (ses_signature_parse(signature->data, signature->len, &s) !=
	    STATUS_OK)
		return STATUS_BAD_SIGNATURE;
	st = STATUS_BAD_SIGNATURE;
	if (s.cert_len == seal->cert.len && memcmp(s.cert, seal->cert.data,
	    s.cert_len) == 0 && x509_cert_parse(s.cert, s.cert_len, &c) ==
	    STATUS_OK) {
		if (x509_verify_data(c.key, s.sig_oid, s.tbs, s.tbs_len, s.sig,
		    s.sig_len) == STATUS_OK && s.has_protected &&
		    memcmp(s.protected.content_sm3, content_sm3, 32) == 0)
			st = STATUS_OK;
		x509_cert_free(&c);
	}
	ses_signature_free(&s);
	return st;
}
