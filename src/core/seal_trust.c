/*
 * seal_trust.c -- the office's revocation list, and the trust list that
 * verification uses: the office's own root and list, and the roots and
 * lists of other bodies imported from media (nothing can be fetched
 * online).
 *
 * The office's list is kept as text in REC_META (SEAL_META_REVOKED, one
 * "serial time reason" line per listed certificate) and the signed CRL
 * made from it beside it; both change in the transaction that changes a
 * seal's status.  Imported roots and lists are kept as hex DER, one per
 * line.  It must not trust anything it has not checked: an imported root
 * must have signed itself, an imported list must be signed by a trusted
 * root.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/seal_private.h"

#define SEAL_DAY	86400

/* -- The office's own list ------------------------------------------------- */

/* Parse SEAL_META_REVOKED text into a new array (*N entries). */
static enum status
seal_revoked_parse(const char *text, struct x509_revoked **list, size_t *n)
{
	unsigned long long serial;
	long long when;
	const char *p;
	int reason, used;

	*list = NULL;
	*n = 0;
	for (p = text; *p != '\0'; p += used) {
		if (sscanf(p, "%llu %lld %d\n%n", &serial, &when, &reason,
		    &used) != 3) {
			free(*list);
			*list = NULL;
			return STATUS_CORRUPT;
		}
		*list = xrealloc(*list, (*n + 1) * sizeof **list);
		(*list)[*n].serial = serial;
		(*list)[*n].when = when;
		(*list)[(*n)++].reason = reason;
	}
	return STATUS_OK;
}

static enum status
seal_revoked_save(struct store_txn *txn, const struct x509_revoked *list,
    size_t n)
{
	struct buf b;
	char line[80];
	enum status st;
	size_t i;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%llu %lld %d\n",
		    (unsigned long long) list[i].serial,
		    (long long) list[i].when, list[i].reason);
		buf_add(&b, line, strlen(line));
	}
	buf_add_u8(&b, 0);
	st = policy_meta_set(txn, SEAL_META_REVOKED, (char *) b.data);
	buf_free(&b);
	return st;
}

/* Sign a new list from LIST with the next CRL number. */
static enum status
seal_crl_issue(struct store_txn *txn, struct seal_ca *ca,
    const struct x509_revoked *list, size_t n)
{
	unsigned char *der = NULL;
	char *v = NULL, buf[32];
	uint64_t number = 0;
	int64_t now = clock_now();
	size_t len = 0;
	enum status st;

	st = policy_meta_get(txn, SEAL_META_CRL_NUMBER, &v);
	if (st == STATUS_OK)
		number = strtoull(v, NULL, 10);
	else if (st != STATUS_NOT_FOUND)
		return st;
	free(v);
	snprintf(buf, sizeof buf, "%llu", (unsigned long long) ++number);
	if ((st = policy_meta_set(txn, SEAL_META_CRL_NUMBER, buf)) !=
	    STATUS_OK ||
	    (st = x509_crl_issue(&ca->root, ca->root_key, number, now,
	    now + SEAL_CRL_DAYS * SEAL_DAY, list, n, &der, &len)) !=
	    STATUS_OK)
		return st;
	st = seal_meta_put_hex(txn, SEAL_META_CRL, der, len);
	free(der);
	return st;
}

enum status
seal_ca_list(struct store_txn *txn, struct seal_ca *ca, uint64_t serial,
    int64_t when, int reason)
{
	struct x509_revoked *list = NULL;
	size_t n = 0, i, keep = 0;
	char *text = NULL;
	enum status st;

	st = policy_meta_get(txn, SEAL_META_REVOKED, &text);
	if (st == STATUS_NOT_FOUND)
		text = xstrdup("");
	else if (st != STATUS_OK)
		return st;
	st = seal_revoked_parse(text, &list, &n);
	free(text);
	if (st != STATUS_OK)
		return st;

	for (i = 0; i < n; i++)
		if (serial == 0 || list[i].serial != serial)
			list[keep++] = list[i];
	n = keep;
	if (serial != 0 && reason >= 0) {
		list = xrealloc(list, (n + 1) * sizeof *list);
		list[n].serial = serial;
		list[n].when = when;
		list[n++].reason = reason;
	}
	if ((st = seal_revoked_save(txn, list, n)) == STATUS_OK)
		st = seal_crl_issue(txn, ca, list, n);
	free(list);
	return st;
}

/* -- Lists of hex values in REC_META --------------------------------------- */

struct seal_hexlist {
	char	**item;
	size_t	  n;
};

static enum status
seal_hexlist_get(struct store_txn *txn, const char *key,
    struct seal_hexlist *l)
{
	char *v = NULL, *save = NULL, *tok;
	enum status st;

	memset(l, 0, sizeof *l);
	st = policy_meta_get(txn, key, &v);
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st != STATUS_OK)
		return st;
	for (tok = strtok_r(v, "\n", &save); tok != NULL;
	    tok = strtok_r(NULL, "\n", &save)) {
		l->item = xrealloc(l->item, (l->n + 1) * sizeof *l->item);
		l->item[l->n++] = xstrdup(tok);
	}
	free(v);
	return STATUS_OK;
}

static enum status
seal_hexlist_put(struct store_txn *txn, const char *key,
    const struct seal_hexlist *l)
{
	struct buf b;
	enum status st;
	size_t i;

	buf_init(&b);
	for (i = 0; i < l->n; i++) {
		if (l->item[i] == NULL)
			continue;
		buf_add(&b, l->item[i], strlen(l->item[i]));
		buf_add_u8(&b, '\n');
	}
	buf_add_u8(&b, 0);
	st = policy_meta_set(txn, key, (char *) b.data);
	buf_free(&b);
	return st;
}

static void
seal_hexlist_free(struct seal_hexlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->item[i]);
	free(l->item);
	memset(l, 0, sizeof *l);
}

static void
seal_hexlist_add(struct seal_hexlist *l, const unsigned char *p, size_t n)
{
	char *hex = xmalloc(2 * n + 1);

	crypto_hex(p, n, hex);
	l->item = xrealloc(l->item, (l->n + 1) * sizeof *l->item);
	l->item[l->n++] = hex;
}

/* -- Loading the trust list ------------------------------------------------ */

/* What the workspace holds, read in a transaction and used after it (a
 * transaction may run twice, so it only collects). */
struct seal_trust_raw {
	unsigned char		*root;		/* ours, or NULL */
	size_t			 root_len;
	unsigned char		*crl;		/* ours, or NULL */
	size_t			 crl_len;
	struct seal_hexlist	 roots;		/* imported */
	struct seal_hexlist	 crls;
};

static void
seal_trust_raw_free(struct seal_trust_raw *raw)
{
	free(raw->root);
	free(raw->crl);
	seal_hexlist_free(&raw->roots);
	seal_hexlist_free(&raw->crls);
	memset(raw, 0, sizeof *raw);
}

static enum status
seal_trust_read(struct store_txn *txn, struct seal_trust_raw *raw)
{
	enum status st;

	seal_trust_raw_free(raw);
	st = seal_meta_get_hex(txn, SEAL_META_ROOT, &raw->root,
	    &raw->root_len);
	if (st == STATUS_OK)
		st = seal_meta_get_hex(txn, SEAL_META_CRL, &raw->crl,
		    &raw->crl_len);
	if (st != STATUS_OK && st != STATUS_NOT_FOUND)
		return st;
	if ((st = seal_hexlist_get(txn, SEAL_META_ROOTS, &raw->roots)) !=
	    STATUS_OK)
		return st;
	return seal_hexlist_get(txn, SEAL_META_CRLS, &raw->crls);
}

static void
seal_trust_add_hex(struct ses_trust *t, const char *hex, int is_crl)
{
	unsigned char *der = NULL;
	size_t n = 0;

	if (crypto_unhex(hex, &der, &n) != STATUS_OK) {
		log_error("seal: an entry of the trust list is not hex");
		return;
	}
	if ((is_crl ? ses_trust_add_crl(t, der, n, 0) :
	    ses_trust_add_root(t, der, n)) != STATUS_OK)
		log_error("seal: an entry of the trust list cannot be read");
	free(der);
}

/* Add what RAW holds to T: ours first (our list is complete). */
static enum status
seal_trust_fill(const struct seal_trust_raw *raw, struct ses_trust *t)
{
	enum status st = STATUS_OK;
	size_t i;

	if (raw->root != NULL)
		st = ses_trust_add_root(t, raw->root, raw->root_len);
	if (st == STATUS_OK && raw->crl != NULL)
		st = ses_trust_add_crl(t, raw->crl, raw->crl_len, 1);
	if (st != STATUS_OK)
		return STATUS_SEAL_NO_CA;
	for (i = 0; i < raw->roots.n; i++)
		seal_trust_add_hex(t, raw->roots.item[i], 0);
	for (i = 0; i < raw->crls.n; i++)
		seal_trust_add_hex(t, raw->crls.item[i], 1);
	return STATUS_OK;
}

static enum status
seal_trust_load_txn(struct store_txn *txn, void *arg)
{
	return seal_trust_read(txn, arg);
}

enum status
seal_trust_load(struct store *st, struct ses_trust *t)
{
	struct seal_trust_raw raw;
	enum status rc;

	if ((rc = crypto_init()) != STATUS_OK)
		return rc;
	memset(&raw, 0, sizeof raw);
	rc = store_run(st, STORE_READ, seal_trust_load_txn, &raw);
	if (rc == STATUS_OK)
		rc = seal_trust_fill(&raw, t);
	seal_trust_raw_free(&raw);
	return rc;
}

struct seal_der_out {
	unsigned char	*der;
	size_t		 n;
};

static enum status
seal_ca_root_txn(struct store_txn *txn, void *arg)
{
	struct seal_der_out *o = arg;
	enum status st;

	free(o->der);
	st = seal_meta_get_hex(txn, SEAL_META_ROOT, &o->der, &o->n);
	return st == STATUS_NOT_FOUND ? STATUS_SEAL_NO_CA : st;
}

enum status
seal_ca_root(struct store *st, unsigned char **der, size_t *n)
{
	struct seal_der_out o = { NULL, 0 };
	enum status rc;

	rc = store_run(st, STORE_READ, seal_ca_root_txn, &o);
	*der = o.der;
	*n = o.n;
	return rc;
}

/* -- Acting on the trust list ---------------------------------------------- */

struct seal_trust_op {
	struct session		*s;
	enum action		 act;
	const unsigned char	*data;		/* DER */
	size_t			 n;
	unsigned char		*out;		/* the exported list */
	size_t			 out_len;
	char			 detail[256];
};

/* DATA as DER: as given, or out of PEM armour with LABEL. */
static enum status
seal_trust_der(const unsigned char *data, size_t n, const char *label,
    unsigned char **der, size_t *len)
{
	if (n > 0 && data[0] == DER_SEQUENCE) {
		*der = xmalloc(n);
		memcpy(*der, data, n);
		*len = n;
		return STATUS_OK;
	}
	return crypto_pem_decode((const char *) data, n, label, der, len);
}

static enum status
seal_import_root_apply(struct store_txn *txn, struct seal_trust_op *op)
{
	struct seal_hexlist roots;
	struct x509_cert c;
	unsigned char *ours = NULL;
	char id[17];
	size_t ours_len = 0, i;
	enum status st;

	if ((st = x509_cert_parse(op->data, op->n, &c)) != STATUS_OK)
		return STATUS_MALFORMED;
	x509_cert_short_id(op->data, op->n, id);
	snprintf(op->detail, sizeof op->detail, "root \"%s\" %s",
	    c.subject_cn, id);
	st = !c.ca || x509_cert_check_issued(&c, &c) != STATUS_OK ?
	    STATUS_CERT_UNTRUSTED : STATUS_OK;
	x509_cert_free(&c);
	if (st != STATUS_OK)
		return st;

	if (seal_meta_get_hex(txn, SEAL_META_ROOT, &ours, &ours_len) ==
	    STATUS_OK && ours_len == op->n && memcmp(ours, op->data, op->n) ==
	    0)
		st = STATUS_EXISTS;
	free(ours);
	if (st != STATUS_OK || (st = seal_hexlist_get(txn, SEAL_META_ROOTS,
	    &roots)) != STATUS_OK)
		return st;
	seal_hexlist_add(&roots, op->data, op->n);
	for (i = 0; i + 1 < roots.n && st == STATUS_OK; i++)
		if (strcmp(roots.item[i], roots.item[roots.n - 1]) == 0)
			st = STATUS_EXISTS;
	if (st == STATUS_OK)
		st = seal_hexlist_put(txn, SEAL_META_ROOTS, &roots);
	seal_hexlist_free(&roots);
	return st;
}

/* Is the list CRL signed by an imported root?  (The office's own list
 * is made here, never imported: STATUS_INVALID.) */
static enum status
seal_crl_issuer_trusted(struct store_txn *txn, const struct x509_crl *crl)
{
	struct seal_trust_raw raw;
	struct ses_trust t;
	enum status st;
	size_t i, first = 0;

	memset(&raw, 0, sizeof raw);
	ses_trust_init(&t, clock_now());
	if ((st = seal_trust_read(txn, &raw)) == STATUS_OK)
		st = seal_trust_fill(&raw, &t);
	if (raw.root != NULL && t.n_roots > 0) {
		first = 1;
		if (x509_crl_check_issued(crl, &t.roots[0]) == STATUS_OK)
			st = STATUS_INVALID;
	}
	if (st == STATUS_OK)
		st = STATUS_CERT_UNTRUSTED;
	for (i = first; i < t.n_roots && st == STATUS_CERT_UNTRUSTED; i++)
		if (x509_crl_check_issued(crl, &t.roots[i]) == STATUS_OK)
			st = STATUS_OK;
	ses_trust_free(&t);
	seal_trust_raw_free(&raw);
	return st;
}

/* Drop from L the lists of CRL's issuer; STATUS_STATE if one is newer. */
static enum status
seal_crl_replace(struct seal_hexlist *l, const struct x509_crl *crl)
{
	unsigned char *der;
	struct x509_crl old;
	enum status st = STATUS_OK;
	size_t i, n;

	for (i = 0; i < l->n && st == STATUS_OK; i++) {
		if (crypto_unhex(l->item[i], &der, &n) != STATUS_OK)
			continue;
		if (x509_crl_parse(der, n, &old) == STATUS_OK) {
			if (old.issuer_len == crl->issuer_len &&
			    memcmp(old.issuer, crl->issuer, old.issuer_len) ==
			    0) {
				if (old.this_update > crl->this_update)
					st = STATUS_STATE;
				free(l->item[i]);
				l->item[i] = NULL;
			}
			x509_crl_free(&old);
		}
		free(der);
	}
	return st;
}

static enum status
seal_import_crl_apply(struct store_txn *txn, struct seal_trust_op *op)
{
	struct seal_hexlist crls;
	struct x509_crl crl;
	char when[32];
	enum status st;

	if (x509_crl_parse(op->data, op->n, &crl) != STATUS_OK)
		return STATUS_MALFORMED;
	snprintf(op->detail, sizeof op->detail, "revocation list %llu of %s, "
	    "%zu entries", (unsigned long long) crl.number,
	    ses_time_text(crl.this_update, when, sizeof when), crl.n_entries);
	if ((st = seal_crl_issuer_trusted(txn, &crl)) != STATUS_OK ||
	    (st = seal_hexlist_get(txn, SEAL_META_CRLS, &crls)) != STATUS_OK) {
		x509_crl_free(&crl);
		return st;
	}
	if ((st = seal_crl_replace(&crls, &crl)) == STATUS_OK) {
		seal_hexlist_add(&crls, op->data, op->n);
		st = seal_hexlist_put(txn, SEAL_META_CRLS, &crls);
	}
	seal_hexlist_free(&crls);
	x509_crl_free(&crl);
	return st;
}

static enum status
seal_export_crl_apply(struct store_txn *txn, struct seal_trust_op *op)
{
	struct seal_ca ca;
	enum status st;

	if ((st = seal_ca_open(txn, store_home(op->s->store), &ca)) !=
	    STATUS_OK)
		return st;
	st = seal_ca_list(txn, &ca, 0, 0, -1);
	seal_ca_close(&ca);
	free(op->out);
	op->out = NULL;
	if (st == STATUS_OK)
		st = seal_meta_get_hex(txn, SEAL_META_CRL, &op->out,
		    &op->out_len);
	snprintf(op->detail, sizeof op->detail, "revocation list exported");
	return st;
}

static enum status
seal_trust_txn(struct store_txn *txn, void *arg)
{
	struct seal_trust_op *op = arg;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, op->act, &actor)) != STATUS_OK)
		return st;
	if (op->act == ACT_SEAL_TRUST)
		st = seal_import_root_apply(txn, op);
	else if (op->data != NULL)
		st = seal_import_crl_apply(txn, op);
	else
		st = seal_export_crl_apply(txn, op);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor,
		    op->act), op->act, REC_META, 0, AUDIT_OK, op->detail);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
seal_trust_run(struct seal_trust_op *op)
{
	enum status st;

	if ((st = crypto_init()) != STATUS_OK)
		return st;
	st = store_run(op->s->store, STORE_WRITE, seal_trust_txn, op);
	if (st != STATUS_OK)
		return session_audit_failure(op->s, op->act, REC_META, 0, st,
		    op->detail[0] != '\0' ? op->detail : NULL);
	return STATUS_OK;
}

static enum status
seal_trust_import(struct session *s, enum action act, const char *label,
    const unsigned char *data, size_t n)
{
	struct seal_trust_op op;
	unsigned char *der = NULL;
	size_t len = 0;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = act;
	if (seal_trust_der(data, n, label, &der, &len) != STATUS_OK)
		return session_audit_failure(s, act, REC_META, 0,
		    STATUS_MALFORMED, "neither DER nor PEM");
	op.data = der;
	op.n = len;
	st = seal_trust_run(&op);
	free(der);
	return st;
}

enum status
seal_trust_import_root(struct session *s, const unsigned char *data,
    size_t n)
{
	return seal_trust_import(s, ACT_SEAL_TRUST, "CERTIFICATE", data, n);
}

enum status
seal_trust_import_crl(struct session *s, const unsigned char *data, size_t n)
{
	return seal_trust_import(s, ACT_SEAL_CRL, "X509 CRL", data, n);
}

enum status
seal_ca_export_crl(struct session *s, unsigned char **der, size_t *n)
{
	struct seal_trust_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_SEAL_CRL;
	st = seal_trust_run(&op);
	*der = st == STATUS_OK ? op.out : NULL;
	*n = st == STATUS_OK ? op.out_len : 0;
	if (st != STATUS_OK)
		free(op.out);
	return st;
}
