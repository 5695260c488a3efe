/*
 * seal.c -- the seal register: making a seal (the office director with
 * the clerk who becomes its custodian), suspending, resuming and revoking
 * it, listing it and telling its history (seal.h has the rules).
 *
 * Every operation is one transaction that authorises the acting
 * session(s) first and appends its audit entries before it commits; a
 * refusal or failure is audited on its own afterwards.  The slow work
 * (generating and wrapping the key) happens before the transaction, so
 * no lock is held while Argon2id runs.
 *
 * It must never store, log or return a private key in the clear, nor a
 * key password.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/printable.h"
#include "core/seal_private.h"

#define SEAL_YEAR	(365 * 86400LL)

/* -- Helpers shared by the register's files -------------------------------- */

void
seal_blob_wipe(struct blob *b)
{
	if (b->data != NULL)
		mem_wipe(b->data, b->len);
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

enum status
seal_find(struct store_txn *txn, const char *regno, struct rec_seal *seal)
{
	memset(seal, 0, sizeof *seal);
	return store_get_by_name(txn, IDX_SEAL_REGNO, regno, seal);
}

char *
seal_user_name(struct store_txn *txn, uint64_t id)
{
	struct rec_user u;
	char *name;

	memset(&u, 0, sizeof u);
	if (id == 0)
		return xstrdup("-");
	if (store_get(txn, REC_USER, id, &u) != STATUS_OK)
		return xasprintf("#%llu", (unsigned long long) id);
	name = xstrdup(u.name != NULL ? u.name : "");
	rec_free(REC_USER, &u);
	return name;
}

enum status
seal_kdf_params(struct store_txn *txn, struct crypto_kdf_params *p)
{
	struct policy pol;
	enum status st;

	if ((st = policy_load(txn, &pol)) != STATUS_OK)
		return st;
	crypto_kdf_defaults(p);
	p->alg = CRYPTO_KDF_ARGON2ID;
	p->mem_kib = pol.kdf_memory_kib;
	p->passes = pol.kdf_passes;
	return STATUS_OK;
}

/* Registration numbers fit a PrintableString and an IA5String. */
static int
seal_regno_valid(const char *r)
{
	size_t n = r != NULL ? strlen(r) : 0, i;

	if (n == 0 || n > SEAL_REGNO_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((r[i] >= '0' && r[i] <= '9') || (r[i] >= 'A' &&
		    r[i] <= 'Z') || (r[i] >= 'a' && r[i] <= 'z') ||
		    r[i] == '-' || r[i] == '.' || r[i] == '/'))
			return 0;
	return 1;
}

enum status
seal_regno_check(const char *regno)
{
	return seal_regno_valid(regno) ? STATUS_OK : STATUS_SEAL_REGNO;
}

/* -- Making a seal --------------------------------------------------------- */

/* The same day and time YEARS calendar years after T, on the local
 * clock: a seal is valid for years as its holders count them, leap days
 * included, and 29 February goes to 28 February in a common year. */
static int64_t
seal_years_on(int64_t t, int years)
{
	time_t tt = (time_t) t;
	struct tm tm;
	int y;

	if (localtime_r(&tt, &tm) == NULL)
		return t + years * SEAL_YEAR;
	tm.tm_year += years;
	y = tm.tm_year + 1900;
	if (tm.tm_mon == 1 && tm.tm_mday == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		tm.tm_mday = 28;
	tm.tm_isdst = -1;
	return (int64_t) mktime(&tm);
}

struct seal_add_op {
	struct session		*director;
	struct session		*custodian;
	struct seal_spec	 spec;		/* with the defaults filled */
	char			*name;		/* sanitized */
	char			*owner;
	char			*purpose;
	unsigned char		*wrapped;
	size_t			 wrapped_len;
	struct crypto_key	*pub;		/* the new key's public half */
	uint64_t		 id;
	char			 detail[512];
};

static enum status
seal_add_check(const struct seal_spec *s)
{
	if (!seal_regno_valid(s->regno))
		return STATUS_SEAL_REGNO;
	if (s->name == NULL ||
	    *s->name == '\0' || s->owner_body == NULL ||
	    *s->owner_body == '\0' || s->impression == NULL ||
	    s->impression_len == 0 || s->diameter_mm == 0 ||
	    s->diameter_mm > 100)
		return STATUS_INVALID;
	if (s->alg != CRYPTO_ALG_SM2 && s->alg != CRYPTO_ALG_ED25519)
		return STATUS_INVALID;
	if (s->valid_to != 0 && s->valid_to <= (s->valid_from != 0 ?
	    s->valid_from : clock_now()))
		return STATUS_INVALID;
	/* The body's name and the purpose are drawn in the impression: a
	 * box in a seal is worse than a refusal (Art. 5, 12). */
	if (printable_find(s->owner_body, strlen(s->owner_body)) != 0 ||
	    (s->purpose != NULL && printable_find(s->purpose,
	    strlen(s->purpose)) != 0))
		return STATUS_UNPRINTABLE;
	return STATUS_OK;
}

/* The seal key's certificate, issued by the office's root. */
static enum status
seal_add_cert(struct store_txn *txn, struct seal_add_op *op,
    struct seal_ca *ca, uint64_t serial, struct blob *cert)
{
	struct x509_template t;
	char *bureau = NULL;
	enum status st;

	if ((st = policy_meta_get(txn, "bureau", &bureau)) != STATUS_OK)
		return st;
	memset(&t, 0, sizeof t);
	t.serial = serial;
	t.subject.country = "CN";
	t.subject.org = bureau;
	t.subject.unit = op->owner;
	t.subject.common = op->name;
	t.subject.serial = op->spec.regno;
	t.not_before = op->spec.valid_from;
	t.not_after = op->spec.valid_to;
	t.subject_key = op->pub;
	t.key_usage = X509_KU_DIGITAL_SIGNATURE | X509_KU_NON_REPUDIATION;
	st = x509_cert_issue(&t, &ca->root, ca->root_key, &cert->data,
	    &cert->len);
	free(bureau);
	return st;
}

/* The certificate and the SESeal of the new seal, into SEAL. */
static enum status
seal_add_make(struct store_txn *txn, struct seal_add_op *op,
    struct rec_seal *seal)
{
	struct ses_seal_in in;
	struct seal_ca ca;
	uint64_t serial;
	enum status st;

	if ((st = seal_ca_open(txn, store_home(op->director->store), &ca)) !=
	    STATUS_OK)
		return st;
	if ((st = seal_ca_next_serial(txn, &serial)) != STATUS_OK ||
	    (st = seal_add_cert(txn, op, &ca, serial, &seal->cert)) !=
	    STATUS_OK)
		goto out;

	memset(&in, 0, sizeof in);
	in.es_id = op->spec.regno;
	in.name = op->name;
	in.cert = seal->cert.data;
	in.cert_len = seal->cert.len;
	in.created = clock_now();
	in.valid_from = op->spec.valid_from;
	in.valid_to = op->spec.valid_to;
	in.picture = op->spec.impression;
	in.picture_len = op->spec.impression_len;
	in.width_mm = in.height_mm = op->spec.diameter_mm;
	st = ses_seal_make(&in, ca.maker_der, ca.maker_len, ca.maker_key,
	    &seal->seal_der.data, &seal->seal_der.len);
	snprintf(op->detail, sizeof op->detail, "seal %s \"%s\" made, %s key, "
	    "certificate serial %llu", op->spec.regno, op->name,
	    op->spec.alg == CRYPTO_ALG_SM2 ? "SM2" : "Ed25519",
	    (unsigned long long) serial);
out:
	seal_ca_close(&ca);
	return st;
}

static enum status
seal_add_record(struct seal_add_op *op, uint64_t custodian,
    struct rec_seal *seal)
{
	unsigned char raw[CRYPTO_PUBLIC_MAX], h[CRYPTO_SM3_LEN];
	size_t n = 0;
	enum status st;

	if ((st = crypto_key_public_raw(op->pub, raw, &n)) != STATUS_OK ||
	    (st = crypto_sm3(op->spec.impression, op->spec.impression_len,
	    h)) != STATUS_OK)
		return st;
	seal->regno = xstrdup(op->spec.regno);
	seal->name = xstrdup(op->name);
	seal->owner_body = xstrdup(op->owner);
	seal->purpose = xstrdup(op->purpose != NULL ? op->purpose : "");
	seal->status = SEAL_ACTIVE;
	seal->key_alg = (uint8_t) op->spec.alg;
	seal->custodian_id = custodian;
	seal->impression.data = xmalloc(op->spec.impression_len);
	memcpy(seal->impression.data, op->spec.impression,
	    op->spec.impression_len);
	seal->impression.len = op->spec.impression_len;
	seal->impression_sm3.data = xmalloc(sizeof h);
	memcpy(seal->impression_sm3.data, h, sizeof h);
	seal->impression_sm3.len = sizeof h;
	seal->public_key.data = xmalloc(n);
	memcpy(seal->public_key.data, raw, n);
	seal->public_key.len = n;
	seal->wrapped_key.data = xmalloc(op->wrapped_len);
	memcpy(seal->wrapped_key.data, op->wrapped, op->wrapped_len);
	seal->wrapped_key.len = op->wrapped_len;
	seal->valid_from = op->spec.valid_from;
	seal->valid_to = op->spec.valid_to;
	seal->created = clock_now();
	return STATUS_OK;
}

/* The custodian's custody and standing grant, from now on. */
static enum status
seal_add_custody(struct store_txn *txn, const struct rec_seal *seal,
    uint64_t director)
{
	struct rec_custody c;
	struct rec_grant g;
	enum status st;

	memset(&c, 0, sizeof c);
	c.seal_id = seal->id;
	c.kind = CUSTODY_ASSIGN;
	c.state = CUSTODY_ACTIVE;
	c.to_user = seal->custodian_id;
	c.approved_by = director;
	c.period_from = seal->valid_from;
	c.period_to = seal->valid_to;
	c.handover_from_at = c.handover_to_at = c.created = clock_now();
	if ((st = store_put(txn, REC_CUSTODY, &c)) != STATUS_OK)
		return st;
	memset(&g, 0, sizeof g);
	g.seal_id = seal->id;
	g.user_id = seal->custodian_id;
	g.period_from = seal->valid_from;
	g.period_to = seal->valid_to;
	return store_put(txn, REC_GRANT, &g);
}

/* Both people: an office director and a clerk, not the same person. */
static enum status
seal_add_people(struct store_txn *txn, struct seal_add_op *op,
    struct rec_user *d, struct rec_user *c)
{
	enum status st;

	memset(c, 0, sizeof *c);
	if ((st = session_authorize(txn, op->director, ACT_SEAL_ADD, d)) !=
	    STATUS_OK)
		return st;
	if (!(d->roles & ROLE_OFFICE_DIRECTOR))
		return STATUS_DENIED;
	if ((st = session_authorize(txn, op->custodian, ACT_SEAL_ADD, c)) !=
	    STATUS_OK)
		return st;
	if (!(c->roles & ROLE_CLERK))
		return STATUS_DENIED;
	return d->id == c->id ? STATUS_SEAL_TWO_PEOPLE : STATUS_OK;
}

static enum status
seal_add_txn(struct store_txn *txn, void *arg)
{
	struct seal_add_op *op = arg;
	struct rec_user d, c;
	struct rec_seal seal, old;
	char detail[640];
	enum status st;

	memset(&seal, 0, sizeof seal);
	memset(&d, 0, sizeof d);
	if ((st = seal_add_people(txn, op, &d, &c)) != STATUS_OK)
		goto out;
	if ((st = seal_find(txn, op->spec.regno, &old)) == STATUS_OK)
		st = STATUS_EXISTS;
	rec_free(REC_SEAL, &old);
	if (st != STATUS_NOT_FOUND)
		goto out;

	if ((st = seal_add_make(txn, op, &seal)) != STATUS_OK ||
	    (st = seal_add_record(op, c.id, &seal)) != STATUS_OK ||
	    (st = store_put(txn, REC_SEAL, &seal)) != STATUS_OK ||
	    (st = seal_add_custody(txn, &seal, d.id)) != STATUS_OK)
		goto out;
	op->id = seal.id;
	snprintf(detail, sizeof detail, "%s, custodian %s", op->detail, c.name);
	if ((st = audit_append(txn, &d, ROLE_OFFICE_DIRECTOR, ACT_SEAL_ADD,
	    REC_SEAL, seal.id, AUDIT_OK, detail)) != STATUS_OK)
		goto out;
	snprintf(detail, sizeof detail, "took custody of seal %s and set its "
	    "key password", seal.regno);
	st = audit_append(txn, &c, ROLE_CLERK, ACT_SEAL_ADD, REC_SEAL, seal.id,
	    AUDIT_OK, detail);
out:
	rec_free(REC_SEAL, &seal);
	rec_free(REC_USER, &d);
	rec_free(REC_USER, &c);
	return st;
}

/* Fill the defaults and make the key, outside any transaction. */
static enum status
seal_add_prepare(struct seal_add_op *op, const char *key_password)
{
	struct crypto_kdf_params kdf;
	struct crypto_key *key = NULL;
	struct policy pol;
	enum status st;

	if (op->spec.valid_from == 0)
		op->spec.valid_from = clock_now();
	if (op->spec.valid_to == 0)
		op->spec.valid_to = seal_years_on(op->spec.valid_from,
		    SEAL_DEFAULT_YEARS);
	op->name = text_sanitize(op->spec.name, strlen(op->spec.name), 0);
	op->owner = text_sanitize(op->spec.owner_body,
	    strlen(op->spec.owner_body), 0);
	if (op->spec.purpose != NULL)
		op->purpose = text_sanitize(op->spec.purpose,
		    strlen(op->spec.purpose), 0);

	if ((st = policy_get(op->director->store, &pol)) != STATUS_OK)
		return st;
	if (key_password == NULL || (st = policy_check_password(&pol,
	    op->custodian->name, key_password)) != STATUS_OK)
		return key_password == NULL ? STATUS_PW_WEAK : st;
	crypto_kdf_defaults(&kdf);
	kdf.alg = CRYPTO_KDF_ARGON2ID;
	kdf.mem_kib = pol.kdf_memory_kib;
	kdf.passes = pol.kdf_passes;
	if ((st = crypto_key_generate(op->spec.alg, &key)) == STATUS_OK &&
	    (st = crypto_key_wrap(key, key_password, &kdf, &op->wrapped,
	    &op->wrapped_len)) == STATUS_OK)
		st = crypto_key_public(key, &op->pub);
	crypto_key_free(key);
	return st;
}

enum status
seal_add(struct session *director, struct session *custodian,
    const struct seal_spec *spec, const char *key_password, uint64_t *id)
{
	struct seal_add_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.director = director;
	op.custodian = custodian;
	op.spec = *spec;
	snprintf(op.detail, sizeof op.detail, "seal %s",
	    spec->regno != NULL ? spec->regno : "");
	if ((st = crypto_init()) == STATUS_OK &&
	    (st = seal_add_check(spec)) == STATUS_OK &&
	    (st = seal_add_prepare(&op, key_password)) == STATUS_OK)
		st = store_run(director->store, STORE_WRITE, seal_add_txn, &op);
	if (st == STATUS_OK && id != NULL)
		*id = op.id;
	if (st != STATUS_OK)
		st = session_audit_failure(director, ACT_SEAL_ADD, REC_SEAL, 0,
		    st, op.detail);
	else
		log_info("seal %s registered", spec->regno);
	free(op.wrapped);
	crypto_key_free(op.pub);
	free(op.name);
	free(op.owner);
	free(op.purpose);
	return st;
}

/* -- Status changes -------------------------------------------------------- */

struct seal_status_op {
	struct session		*s;
	const char		*regno;
	enum seal_status	 status;
	char			*reason;	/* sanitized */
	uint64_t		 id;
	char			 detail[512];
};

static const char *const seal_status_names[] = {
	"active", "suspended", "revoked"
};

/* The serial number of the seal's certificate (ours fit 64 bits). */
static enum status
seal_serial(const struct rec_seal *seal, uint64_t *serial)
{
	struct x509_cert c;
	size_t i;

	if (x509_cert_parse(seal->cert.data, seal->cert.len, &c) != STATUS_OK)
		return STATUS_CORRUPT;
	*serial = 0;
	for (i = 0; i < c.serial_len && i < 8; i++)
		*serial = *serial << 8 | c.serial[i];
	x509_cert_free(&c);
	return STATUS_OK;
}

/* The open proxy custodies of a seal: a revocation ends them. */
struct seal_ids {
	uint64_t	*id;
	size_t		 n;
};

static int
seal_custody_each(const void *rec, void *arg)
{
	const struct rec_custody *c = rec;
	struct seal_ids *ids = arg;

	if (c->kind == CUSTODY_PROXY && (c->state == CUSTODY_REQUESTED ||
	    c->state == CUSTODY_APPROVED || c->state == CUSTODY_ACTIVE)) {
		ids->id = xrealloc(ids->id, (ids->n + 1) * sizeof *ids->id);
		ids->id[ids->n++] = c->id;
	}
	return 0;
}

/* A revoked seal's proxies lose their copies of the key too. */
static enum status
seal_revoke_custody(struct store_txn *txn, uint64_t seal_id)
{
	struct store_range r = { 1, { seal_id, 0, 0 }, 0, UINT64_MAX };
	struct seal_ids ids = { NULL, 0 };
	struct rec_custody c;
	enum status st;
	size_t i;

	st = store_scan(txn, IDX_CUSTODY_SEAL, &r, 0, seal_custody_each, &ids);
	for (i = 0; i < ids.n && st == STATUS_OK; i++) {
		if ((st = store_get(txn, REC_CUSTODY, ids.id[i], &c)) !=
		    STATUS_OK)
			break;
		c.state = c.state == CUSTODY_ACTIVE ? CUSTODY_RETURNED :
		    CUSTODY_DENIED;
		c.returned_at = clock_now();
		seal_blob_wipe(&c.wrapped_key);
		st = store_put(txn, REC_CUSTODY, &c);
		rec_free(REC_CUSTODY, &c);
	}
	free(ids.id);
	return st;
}

static enum status
seal_status_apply(struct store_txn *txn, struct seal_status_op *op,
    struct rec_seal *seal)
{
	static const int reason[] = { -1, X509_REASON_HOLD,
	    X509_REASON_CESSATION };
	struct seal_ca ca;
	uint64_t serial;
	enum status st;

	if (seal->status == SEAL_REVOKED || seal->status == op->status ||
	    (op->status == SEAL_ACTIVE && seal->status != SEAL_SUSPENDED))
		return STATUS_STATE;
	if ((st = seal_serial(seal, &serial)) != STATUS_OK ||
	    (st = seal_ca_open(txn, store_home(op->s->store), &ca)) !=
	    STATUS_OK)
		return st;
	st = seal_ca_list(txn, &ca, serial, clock_now(), reason[op->status]);
	seal_ca_close(&ca);
	if (st != STATUS_OK)
		return st;
	if (op->status == SEAL_REVOKED) {
		seal_blob_wipe(&seal->wrapped_key);
		if ((st = seal_revoke_custody(txn, seal->id)) != STATUS_OK)
			return st;
	}
	snprintf(op->detail, sizeof op->detail, "seal %s %s -> %s: %s",
	    seal->regno, seal_status_names[seal->status],
	    seal_status_names[op->status], op->reason);
	seal->status = (uint8_t) op->status;
	free(seal->status_reason);
	seal->status_reason = xstrdup(op->reason);
	seal->status_time = clock_now();
	return STATUS_OK;
}

static enum status
seal_status_txn(struct store_txn *txn, void *arg)
{
	struct seal_status_op *op = arg;
	struct rec_user actor;
	struct rec_seal seal;
	enum status st;

	if ((st = session_authorize(txn, op->s, ACT_SEAL_SUSPEND, &actor)) !=
	    STATUS_OK)
		return st;
	if ((st = seal_find(txn, op->regno, &seal)) != STATUS_OK)
		goto out;
	op->id = seal.id;
	seal.status_by = actor.id;
	if ((st = seal_status_apply(txn, op, &seal)) != STATUS_OK ||
	    (st = store_put(txn, REC_SEAL, &seal)) != STATUS_OK)
		goto out;
	st = audit_append(txn, &actor, ROLE_OFFICE_DIRECTOR, ACT_SEAL_SUSPEND,
	    REC_SEAL, seal.id, AUDIT_OK, op->detail);
out:
	rec_free(REC_SEAL, &seal);
	rec_free(REC_USER, &actor);
	return st;
}

enum status
seal_set_status(struct session *s, const char *regno,
    enum seal_status status, const char *reason)
{
	struct seal_status_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.regno = regno;
	op.status = status;
	if (reason != NULL)
		op.reason = text_sanitize(reason, strlen(reason), 0);
	snprintf(op.detail, sizeof op.detail, "seal %s -> %s", regno,
	    (unsigned) status < 3 ? seal_status_names[status] : "?");
	if ((unsigned) status > SEAL_REVOKED)
		st = STATUS_INVALID;
	else if (op.reason == NULL || op.reason[strspn(op.reason, " ")] ==
	    '\0')
		st = STATUS_REASON_REQUIRED;
	else if ((st = crypto_init()) == STATUS_OK)
		st = store_run(s->store, STORE_WRITE, seal_status_txn, &op);
	if (st != STATUS_OK)
		st = session_audit_failure(s, ACT_SEAL_SUSPEND, REC_SEAL, op.id,
		    st, op.detail);
	free(op.reason);
	return st;
}
