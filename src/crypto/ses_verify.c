/*
 * ses_verify.c -- verifying an SES_Signature against the file it
 * protects, in the order GB/T 38540 gives, reporting every check:
 *
 *   1. structure          the DER reads as a version 4 SES_Signature
 *                         with its SESeal and both certificates
 *   2. signature          the signer's key signed DER(TBS_Sign)
 *   3. signer's cert      issued by a trusted root (or is one), valid at
 *                         the signing time, not revoked before it by the
 *                         root's current CRL, key usage allows signing
 *   4. cert in the seal   the signer's certificate is one the seal lists
 *   5. data hash          SM3 of the file equals dataHash
 *   6. the seal           the maker's signature over DER(SES_SealInfo),
 *                         the maker's certificate as in 3, and the seal's
 *                         validity period covering the signing time
 *   7. the original       these are exactly the signed bytes (Art. 4)
 *
 * The structure failing stops the rest; every other check runs whatever
 * the others found, so a reader sees all that is wrong at once.  Only
 * the standard's fields are needed: the protected information this
 * product adds is shown and cross-checked, never required.
 *
 * It must not read the store: trust anchors and lists come in through
 * struct ses_trust, which the caller fills.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "crypto/crypto.h"
#include "crypto/ses_private.h"

#define SES_CHECK_TEXT(name, text) text,
static const char *const ses_check_names[SES_CHECK__COUNT] = {
	SES_CHECK_LIST(SES_CHECK_TEXT)
};
#undef SES_CHECK_TEXT

const char *
ses_check_name(enum ses_check c)
{
	if ((unsigned) c >= SES_CHECK__COUNT)
		return "?";
	return _(ses_check_names[c]);
}

const char *
ses_time_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t) t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, size, "@%lld", (long long) t);
	return buf;
}

/* -- Trust anchors and lists ----------------------------------------------- */

void
ses_trust_init(struct ses_trust *t, int64_t now)
{
	memset(t, 0, sizeof *t);
	t->now = now;
	t->memo = ses_memo_new();
}

void
ses_trust_free(struct ses_trust *t)
{
	size_t i;

	for (i = 0; i < t->n_roots; i++) {
		x509_cert_free(&t->roots[i]);
		free(t->root_der[i]);
	}
	for (i = 0; i < t->n_crls; i++) {
		x509_crl_free(&t->crls[i]);
		free(t->crl_der[i]);
	}
	free(t->roots);
	free(t->root_der);
	free(t->crls);
	free(t->crl_der);
	free(t->crl_complete);
	ses_memo_free(t->memo);
	memset(t, 0, sizeof *t);
}

enum status
ses_trust_add_root(struct ses_trust *t, const unsigned char *der, size_t n)
{
	unsigned char *copy = xmalloc(n ? n : 1);
	struct x509_cert c;
	enum status st;

	memcpy(copy, der, n);
	if ((st = x509_cert_parse(copy, n, &c)) != STATUS_OK) {
		free(copy);
		return st;
	}
	t->roots = xrealloc(t->roots, (t->n_roots + 1) * sizeof *t->roots);
	t->root_der = xrealloc(t->root_der,
	    (t->n_roots + 1) * sizeof *t->root_der);
	t->roots[t->n_roots] = c;
	t->root_der[t->n_roots++] = copy;
	return STATUS_OK;
}

enum status
ses_trust_add_crl(struct ses_trust *t, const unsigned char *der, size_t n,
    int complete)
{
	unsigned char *copy = xmalloc(n ? n : 1);
	struct x509_crl crl;
	enum status st;

	memcpy(copy, der, n);
	if ((st = x509_crl_parse(copy, n, &crl)) != STATUS_OK) {
		free(copy);
		return st;
	}
	t->crls = xrealloc(t->crls, (t->n_crls + 1) * sizeof *t->crls);
	t->crl_der = xrealloc(t->crl_der, (t->n_crls + 1) * sizeof *t->crl_der);
	t->crl_complete = xrealloc(t->crl_complete,
	    (t->n_crls + 1) * sizeof *t->crl_complete);
	t->crls[t->n_crls] = crl;
	t->crl_complete[t->n_crls] = complete;
	t->crl_der[t->n_crls++] = copy;
	return STATUS_OK;
}

/* -- Recording results ----------------------------------------------------- */

static void ses_note(struct ses_check_result *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
ses_note(struct ses_check_result *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->note, sizeof c->note, fmt, ap);
	va_end(ap);
}

static void
ses_pass(struct ses_check_result *c)
{
	c->outcome = SES_PASS;
	c->why = STATUS_OK;
}

static void
ses_fail(struct ses_check_result *c, enum status why)
{
	c->outcome = SES_FAIL;
	c->why = why;
}

/* -- Certificates at a point in time --------------------------------------- */

/* The trusted root that issued C (or C itself when it is a root). */
static const struct x509_cert *
ses_find_root(const struct ses_trust *t, const struct x509_cert *c, int *self)
{
	size_t i;

	*self = 0;
	for (i = 0; i < t->n_roots; i++)
		if (x509_cert_same(&t->roots[i], c)) {
			*self = 1;
			return &t->roots[i];
		}
	for (i = 0; i < t->n_roots; i++)
		if (ses_memo_cert_issued(t, c, i) == STATUS_OK)
			return &t->roots[i];
	return NULL;
}

/* The newest CRL ROOT signed; *COMPLETE says whether it is our own. */
static const struct x509_crl *
ses_find_crl(const struct ses_trust *t, const struct x509_cert *root,
    int *complete)
{
	const struct x509_crl *best = NULL;
	size_t i;

	for (i = 0; i < t->n_crls; i++) {
		if (ses_memo_crl_issued(t, &t->crls[i],
		    (size_t) (root - t->roots)) != STATUS_OK)
			continue;
		if (best == NULL ||
		    t->crls[i].this_update > best->this_update) {
			best = &t->crls[i];
			*complete = t->crl_complete[i];
		}
	}
	return best;
}

static enum status
ses_revocation(const struct ses_trust *t, const struct x509_cert *root,
    const struct x509_cert *c, int64_t when, struct ses_check_result *res)
{
	const struct x509_crl_entry *e;
	const struct x509_crl *crl;
	char t1[32], t2[32];
	int complete = 0;

	if ((crl = ses_find_crl(t, root, &complete)) == NULL) {
		ses_note(res, _("no revocation list from \"%s\""),
		    root->subject_cn);
		return STATUS_CERT_NO_CRL;
	}
	if (!complete && crl->next_update != 0 && crl->next_update < t->now) {
		ses_note(res, _("the newest revocation list from \"%s\" "
		    "expired on %s"), root->subject_cn,
		    ses_time_text(crl->next_update, t1, sizeof t1));
		return STATUS_CERT_NO_CRL;
	}
	if ((e = x509_crl_find(crl, c)) != NULL && e->when <= when) {
		ses_note(res, e->reason == X509_REASON_HOLD ?
		    _("suspended since %s; signed %s") :
		    _("revoked on %s; signed %s"),
		    ses_time_text(e->when, t1, sizeof t1),
		    ses_time_text(when, t2, sizeof t2));
		return STATUS_CERT_REVOKED;
	}
	if (e != NULL)
		ses_note(res, _("\"%s\" issued by \"%s\"; revoked on %s, after "
		    "the signing"), c->subject_cn, root->subject_cn,
		    ses_time_text(e->when, t1, sizeof t1));
	else
		ses_note(res, _("\"%s\" issued by \"%s\", valid %s to %s, not "
		    "revoked"), c->subject_cn, root->subject_cn,
		    ses_time_text(c->not_before, t1, sizeof t1),
		    ses_time_text(c->not_after, t2, sizeof t2));
	return STATUS_OK;
}

/* Check C as of WHEN: chain, validity, usage, revocation. */
static enum status
ses_cert_at(const struct ses_trust *t, const struct x509_cert *c,
    int64_t when, struct ses_check_result *res)
{
	const struct x509_cert *root;
	char t1[32], t2[32], t3[32];
	int self = 0;

	if ((root = ses_find_root(t, c, &self)) == NULL) {
		ses_note(res, _("\"%s\" was issued by \"%s\", which is not a "
		    "trusted root"), c->subject_cn, c->issuer_cn);
		return STATUS_CERT_UNTRUSTED;
	}
	if (c->unknown_critical) {
		ses_note(res, _("\"%s\" has a critical extension this program "
		    "does not know"), c->subject_cn);
		return STATUS_CERT_UNTRUSTED;
	}
	if (when < c->not_before || when > c->not_after ||
	    when < root->not_before || when > root->not_after) {
		const struct x509_cert *x = (when < c->not_before ||
		    when > c->not_after) ? c : root;

		ses_note(res, _("\"%s\" is valid %s to %s; signed %s"),
		    x->subject_cn, ses_time_text(x->not_before, t1, sizeof t1),
		    ses_time_text(x->not_after, t2, sizeof t2),
		    ses_time_text(when, t3, sizeof t3));
		return STATUS_CERT_EXPIRED;
	}
	if (c->has_key_usage && !(c->key_usage &
	    (X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION))) {
		ses_note(res, _("\"%s\" may not sign"), c->subject_cn);
		return STATUS_CERT_USAGE;
	}
	if (self) {
		ses_note(res, _("\"%s\" is itself a trusted root"),
		    c->subject_cn);
		return STATUS_OK;
	}
	return ses_revocation(t, root, c, when, res);
}

/* -- The checks ------------------------------------------------------------ */

static enum status
ses_check_structure(struct ses_report *r, const unsigned char *sig,
    size_t siglen, struct x509_cert *signer, struct x509_cert *maker)
{
	struct ses_check_result *c = &r->check[SES_CHECK_STRUCTURE];
	enum status st;

	if ((st = ses_signature_parse(sig, siglen, &r->sig)) != STATUS_OK) {
		ses_note(c, st == STATUS_UNSUPPORTED ?
		    _("not version 4 of GB/T 38540") :
		    _("not a GB/T 38540 electronic signature"));
		return st;
	}
	r->parsed = 1;
	if (strcmp(r->sig.seal.header_id, SES_HEADER_ID) != 0) {
		ses_note(c, _("the seal's header is not \"ES\""));
		return STATUS_MALFORMED;
	}
	if (x509_cert_parse(r->sig.cert, r->sig.cert_len, signer) !=
	    STATUS_OK) {
		ses_note(c, _("the signer's certificate cannot be read"));
		return STATUS_MALFORMED;
	}
	if (x509_cert_parse(r->sig.seal.maker_cert, r->sig.seal.maker_cert_len,
	    maker) != STATUS_OK) {
		ses_note(c, _("the seal maker's certificate cannot be read"));
		return STATUS_MALFORMED;
	}
	ses_note(c, _("GB/T 38540 version 4 from \"%s\", seal \"%s\" (%s)"),
	    r->sig.seal.vendor, r->sig.seal.name, r->sig.seal.es_id);
	return STATUS_OK;
}

static void
ses_check_signature(struct ses_report *r, const struct x509_cert *signer)
{
	struct ses_check_result *c = &r->check[SES_CHECK_SIGNATURE];
	char t[32];

	if (x509_verify_data(signer->key, r->sig.sig_oid, r->sig.tbs,
	    r->sig.tbs_len, r->sig.sig, r->sig.sig_len) != STATUS_OK) {
		ses_note(c, _("the signature value does not match the signed "
		    "data and the signer's key"));
		ses_fail(c, STATUS_BAD_SIGNATURE);
		return;
	}
	ses_note(c, _("signed %s by \"%s\" (%s)"),
	    ses_time_text(r->sig.time, t, sizeof t), signer->subject_cn,
	    r->sig.sig_oid);
	ses_pass(c);
}

static void
ses_check_signer(struct ses_report *r, const struct ses_trust *t,
    const struct x509_cert *signer)
{
	struct ses_check_result *c = &r->check[SES_CHECK_SIGNER_CERT];
	enum status st;

	if ((st = ses_cert_at(t, signer, r->sig.time, c)) != STATUS_OK)
		ses_fail(c, st);
	else
		ses_pass(c);
}

/* Is the signer's certificate one the seal lists (whole, or by SM3)? */
static void
ses_check_listed(struct ses_report *r)
{
	struct ses_check_result *c = &r->check[SES_CHECK_CERT_IN_SEAL];
	const struct ses_seal *s = &r->sig.seal;
	unsigned char h[CRYPTO_SM3_LEN];
	size_t i;

	if (crypto_sm3(r->sig.cert, r->sig.cert_len, h) != STATUS_OK)
		memset(h, 0, sizeof h);
	for (i = 0; i < s->n_listed; i++) {
		const struct ses_listed *l = &s->listed[i];

		if ((l->digest_alg == NULL && l->n == r->sig.cert_len &&
		    memcmp(l->p, r->sig.cert, l->n) == 0) ||
		    (l->digest_alg != NULL && strcasecmp(l->digest_alg,
		    "sm3") == 0 && l->n == sizeof h &&
		    memcmp(l->p, h, sizeof h) == 0)) {
			ses_note(c, _("certificate %zu of %zu in the seal"),
			    i + 1, s->n_listed);
			ses_pass(c);
			return;
		}
	}
	ses_note(c, _("the seal lists %zu certificate(s), none of them the "
	    "signer's"), s->n_listed);
	ses_fail(c, STATUS_CERT_NOT_IN_SEAL);
}

static void
ses_check_data(struct ses_report *r, const unsigned char *file, size_t n)
{
	struct ses_check_result *c = &r->check[SES_CHECK_DATA_HASH];
	const struct ses_protected *p = &r->sig.protected;
	unsigned char h[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_SM3_LEN + 1];

	if (crypto_sm3(file, n, h) != STATUS_OK)
		memset(h, 0, sizeof h);
	crypto_hex(h, sizeof h, hex);
	if (r->sig.has_protected && p->data_kind == SES_DATA_PDF &&
	    (r->sig.data_hash_len != 32 || !p->has_pdf ||
	    memcmp(p->pdf_sm3, r->sig.data_hash, 32) != 0)) {
		ses_note(c, _("the signature's own record of the PDF "
		    "disagrees with its data hash"));
		ses_fail(c, STATUS_DATA_HASH);
		return;
	}
	if (r->sig.data_hash_len != sizeof h ||
	    memcmp(r->sig.data_hash, h, sizeof h) != 0) {
		ses_note(c, _("SM3 of the file is %s; the signed hash differs"),
		    hex);
		ses_fail(c, STATUS_DATA_HASH);
		return;
	}
	ses_note(c, _("SM3 %s"), hex);
	ses_pass(c);
}

static void
ses_check_seal(struct ses_report *r, const struct ses_trust *t,
    const struct x509_cert *maker)
{
	struct ses_check_result *c = &r->check[SES_CHECK_SEAL];
	const struct ses_seal *s = &r->sig.seal;
	char t1[32], t2[32], t3[32];
	enum status st;

	if (x509_verify_data(maker->key, s->sig_oid, s->info, s->info_len,
	    s->sig, s->sig_len) != STATUS_OK) {
		ses_note(c, _("the maker's signature over the seal does not "
		    "verify"));
		ses_fail(c, STATUS_BAD_SIGNATURE);
		return;
	}
	if ((st = ses_cert_at(t, maker, r->sig.time, c)) != STATUS_OK) {
		ses_fail(c, st);
		return;
	}
	if (r->sig.time < s->valid_from || r->sig.time > s->valid_to) {
		ses_note(c, _("the seal is valid %s to %s; signed %s"),
		    ses_time_text(s->valid_from, t1, sizeof t1),
		    ses_time_text(s->valid_to, t2, sizeof t2),
		    ses_time_text(r->sig.time, t3, sizeof t3));
		ses_fail(c, STATUS_SEAL_EXPIRED);
		return;
	}
	ses_note(c, _("made by \"%s\" on %s, valid %s to %s"),
	    maker->subject_cn, ses_time_text(s->created, t1, sizeof t1),
	    ses_time_text(s->valid_from, t2, sizeof t2),
	    ses_time_text(s->valid_to, t3, sizeof t3));
	ses_pass(c);
}

/* Non-zero when the N bytes at P contain the text WORD. */
static int
ses_contains(const unsigned char *p, size_t n, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= n; i++)
		if (memcmp(p + i, word, w) == 0)
			return 1;
	return 0;
}

static void
ses_check_original(struct ses_report *r, const unsigned char *file,
    size_t n)
{
	struct ses_check_result *c = &r->check[SES_CHECK_ORIGINAL];
	const struct ses_protected *p = &r->sig.protected;

	if (r->check[SES_CHECK_DATA_HASH].outcome == SES_PASS) {
		ses_note(c, _("these are exactly the bytes that were signed"));
		ses_pass(c);
		return;
	}
	if (ses_contains(file, n, SES_COPY_MARK))
		ses_note(c, _("the file is marked as a copy"));
	else if (r->sig.has_protected && p->data_kind == SES_DATA_PDF &&
	    (n < 5 || memcmp(file, "%PDF-", 5) != 0))
		ses_note(c, _("the original is a PDF and this file is not: a "
		    "conversion"));
	else
		ses_note(c, _("the bytes differ from the signed original: a "
		    "copy, a conversion or an altered file"));
	ses_fail(c, STATUS_NOT_ORIGINAL);
}

enum status
ses_verify(const unsigned char *sig, size_t siglen,
    const unsigned char *file, size_t filelen,
    const struct ses_trust *trust, struct ses_report *r)
{
	struct x509_cert signer, maker;
	enum status st;
	int i;

	memset(r, 0, sizeof *r);
	memset(&signer, 0, sizeof signer);
	memset(&maker, 0, sizeof maker);
	if ((st = ses_check_structure(r, sig, siglen, &signer, &maker)) !=
	    STATUS_OK) {
		ses_fail(&r->check[SES_CHECK_STRUCTURE], st);
		goto out;
	}
	ses_pass(&r->check[SES_CHECK_STRUCTURE]);
	ses_check_signature(r, &signer);
	ses_check_signer(r, trust, &signer);
	ses_check_listed(r);
	ses_check_data(r, file, filelen);
	ses_check_seal(r, trust, &maker);
	ses_check_original(r, file, filelen);
	r->signer_cn = xstrdup(signer.subject_cn);
	r->signer_issuer_cn = xstrdup(signer.issuer_cn);
	r->maker_cn = xstrdup(maker.subject_cn);
out:
	x509_cert_free(&signer);
	x509_cert_free(&maker);
	for (i = 0; i < SES_CHECK__COUNT; i++)
		if (r->check[i].outcome == SES_FAIL)
			return r->check[i].why;
	return STATUS_OK;
}

void
ses_report_free(struct ses_report *r)
{
	if (r == NULL)
		return;
	if (r->parsed)
		ses_signature_free(&r->sig);
	free(r->signer_cn);
	free(r->signer_issuer_cn);
	free(r->maker_cn);
	memset(r, 0, sizeof *r);
}
