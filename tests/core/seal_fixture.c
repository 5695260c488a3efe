/*
 * seal_fixture.c -- the office the seal, custody, grant and sealing
 * suites start from (seal_fixture.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "lib/testlib.h"

struct sfx sfx;

const char *const sfx_names[SFX__COUNT] = {
	"zhou", "wang", "li", "zhang", "zhao"
};

static const uint32_t sfx_roles[SFX__COUNT] = {
	ROLE_OFFICE_DIRECTOR, ROLE_CLERK, ROLE_CLERK, ROLE_DRAFTER,
	ROLE_APPROVER
};

/* The PNG signature and header of a 42 mm picture at 600 dpi. */
const unsigned char sfx_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 3, 0xe0, 0, 0, 3, 0xe0, 8, 6, 0, 0, 0, 0xb3, 0x2c,
	0x6e, 0x9b
};
const unsigned long sfx_png_len = sizeof sfx_png;

uint64_t
sfx_add(const char *regno, enum crypto_alg alg)
{
	struct seal_spec spec;
	uint64_t id = 0;

	memset(&spec, 0, sizeof spec);
	spec.regno = regno;
	spec.name = "示例市司法局行政复议专用章";
	spec.owner_body = "示例市司法局";
	spec.purpose = "行政复议专用";
	spec.impression = sfx_png;
	spec.impression_len = sizeof sfx_png;
	spec.diameter_mm = 42;
	spec.alg = alg;
	ck_assert_int_eq(seal_add(sfx.s[SFX_DIRECTOR], sfx.s[SFX_CLERK], &spec,
	    SFX_KEY_PW, &id), STATUS_OK);
	ck_assert_uint_ne(id, 0);
	return id;
}

uint64_t
sfx_register(const char *regno, struct session *custodian, const char *pw)
{
	static unsigned made;
	struct seal_spec spec;
	struct session *s;
	uint64_t id = 0;
	char name[32];

	snprintf(name, sizeof name, "office%u", ++made);
	fx_user(name, ROLE_OFFICE_DIRECTOR, FX_PW);
	s = fx_login(name, FX_PW, STATUS_OK);
	memset(&spec, 0, sizeof spec);
	spec.regno = regno;
	spec.name = "示范市示范区司法局";
	spec.owner_body = "示范市示范区司法局";
	spec.impression = sfx_png;
	spec.impression_len = sizeof sfx_png;
	spec.diameter_mm = 42;
	ck_assert_int_eq(seal_add(s, custodian, &spec, pw, &id), STATUS_OK);
	session_free(s);
	return id;
}

struct sfx_rec {
	enum rec_kind	 kind;
	uint64_t	 id;
	void		*rec;
};

static enum status
sfx_get_txn(struct store_txn *txn, void *arg)
{
	struct sfx_rec *r = arg;

	rec_free(r->kind, r->rec);
	return store_get(txn, r->kind, r->id, r->rec);
}

void
sfx_get(enum rec_kind kind, uint64_t id, void *rec)
{
	struct sfx_rec r = { kind, id, rec };

	memset(rec, 0, rec_size(kind));
	ck_assert_int_eq(store_run(fx.st, STORE_READ, sfx_get_txn, &r),
	    STATUS_OK);
}

void
sfx_get_seal(uint64_t id, struct rec_seal *seal)
{
	sfx_get(REC_SEAL, id, seal);
}

static enum status
sfx_put_txn(struct store_txn *txn, void *arg)
{
	struct sfx_rec *r = arg;

	return store_put(txn, r->kind, r->rec);
}

void
sfx_put(enum rec_kind kind, void *rec)
{
	struct sfx_rec r = { kind, 0, rec };

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, sfx_put_txn, &r),
	    STATUS_OK);
}

static void
sfx_approval(uint64_t doc, uint8_t level, enum approval_action action,
    uint64_t who, int64_t when)
{
	struct rec_approval a;

	memset(&a, 0, sizeof a);
	a.doc_id = doc;
	a.version = 1;
	a.level = level;
	a.action = (uint8_t) action;
	a.approver_id = who;
	a.comment = (char *) "同意";
	a.time = when;
	sfx_put(REC_APPROVAL, &a);
}

uint64_t
sfx_doc(uint32_t copies, uint64_t *version)
{
	struct doc_content c;
	struct rec_version v;
	struct rec_doc d;
	unsigned char h[32];
	struct buf b;

	doc_content_init(&c);
	c.kind = DOC_LIT_COMPOSED;
	c.copies = copies;
	c.title = xstrdup("关于行政复议案件的决定");
	c.body = xstrdup("经审查，决定如下。");
	c.issuing_body = xstrdup("示例市司法局");

	memset(&d, 0, sizeof d);
	d.kind = DOC_LIT_COMPOSED;
	d.state = DOC_TO_SEAL;
	d.title = c.title;
	d.drafter_id = sfx.id[SFX_DRAFTER];
	d.version = 1;
	d.copies = copies;
	d.number_prefix = (char *) "示司复";
	d.number_year = 2026;
	d.number_seq = 7;
	d.created = d.updated = clock_now();
	sfx_put(REC_DOC, &d);

	memset(&v, 0, sizeof v);
	doc_content_to_version(&c, &v);
	v.doc_id = d.id;
	v.number = 1;
	v.frozen = 1;
	v.author_id = sfx.id[SFX_DRAFTER];
	v.created = clock_now();
	buf_init(&b);
	doc_canonical(d.id, &v, &b);
	ck_assert_int_eq(crypto_sm3(b.data, b.len, h), STATUS_OK);
	buf_free(&b);
	v.content_sm3.data = xmalloc(32);
	memcpy(v.content_sm3.data, h, 32);
	v.content_sm3.len = 32;
	sfx_put(REC_VERSION, &v);
	*version = v.id;

	sfx_approval(d.id, 0, APPROVAL_APPROVE, sfx.id[SFX_APPROVER],
	    clock_now() - 7200);
	sfx_approval(d.id, 1, APPROVAL_ISSUE, sfx.id[SFX_APPROVER],
	    clock_now() - 3600);
	rec_free(REC_VERSION, &v);
	doc_content_free(&c);
	return d.id;
}

struct sfx_sign_op {
	uint64_t	 user;
	uint64_t	 seal;
	uint64_t	 version;
	struct sealing	 sg;
	struct blob	*sig;
};

/* The sealing's first step, in a read transaction. */
static enum status
sfx_prepare_txn(struct store_txn *txn, void *arg)
{
	struct sfx_sign_op *op = arg;
	struct rec_user u;
	enum status st;

	sealing_free(&op->sg);
	if ((st = store_get(txn, REC_USER, op->user, &u)) != STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_SEAL, op->seal, &op->sg.seal)) ==
	    STATUS_OK && (st = store_get(txn, REC_VERSION, op->version,
	    &op->sg.version)) == STATUS_OK)
		st = sealing_prepare(txn, &op->sg, &u);
	rec_free(REC_USER, &u);
	return st;
}

/* The last step: the signature checked against the records and handed
 * back (the fixture's version is not stored sealed). */
static enum status
sfx_store_txn(struct store_txn *txn, void *arg)
{
	struct sfx_sign_op *op = arg;
	struct rec_version v;
	struct rec_seal seal;
	struct rec_user u;
	enum status st;

	memset(&v, 0, sizeof v);
	memset(&seal, 0, sizeof seal);
	if ((st = store_get(txn, REC_USER, op->user, &u)) != STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_SEAL, op->seal, &seal)) == STATUS_OK &&
	    (st = store_get(txn, REC_VERSION, op->version, &v)) == STATUS_OK &&
	    (st = sealing_store(txn, &op->sg, &u, &seal, &v)) == STATUS_OK) {
		free(op->sig->data);
		*op->sig = v.signature;
		memset(&v.signature, 0, sizeof v.signature);
	}
	rec_free(REC_VERSION, &v);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_USER, &u);
	return st;
}

enum status
sfx_sign(enum sfx_who who, uint64_t seal_id, uint64_t version,
    const char *pw, struct blob *sig)
{
	struct sfx_sign_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.user = sfx.id[who];
	op.seal = seal_id;
	op.version = version;
	op.sig = sig;
	sealing_init(&op.sg);
	memset(sig, 0, sizeof *sig);
	if ((st = store_run(fx.st, STORE_READ, sfx_prepare_txn, &op)) ==
	    STATUS_OK && (st = sealing_sign(&op.sg, pw)) == STATUS_OK)
		st = store_run(fx.st, STORE_WRITE, sfx_store_txn, &op);
	sealing_free(&op.sg);
	return st;
}

uint64_t
sfx_proxy_approved(int64_t from, int64_t to)
{
	uint64_t id = 0;

	ck_assert_int_eq(custody_request(sfx.s[SFX_CLERK], SFX_REGNO,
	    sfx_names[SFX_CLERK2], from, to, "出差两周", &id), STATUS_OK);
	ck_assert_int_eq(custody_decide(sfx.s[SFX_DIRECTOR], id, 1, NULL),
	    STATUS_OK);
	return id;
}

void
sfx_clock(int64_t t)
{
	unsigned i;

	clock_set(t);
	for (i = 0; i < SFX__COUNT; i++) {
		session_free(sfx.s[i]);
		sfx.s[i] = fx_login(sfx_names[i], FX_PW, STATUS_OK);
	}
}

void
sfx_setup(void)
{
	unsigned i;

	fx_setup_none();
	memset(&sfx, 0, sizeof sfx);
	for (i = 0; i < SFX__COUNT; i++) {
		sfx.id[i] = fx_user(sfx_names[i], sfx_roles[i], FX_PW);
		sfx.s[i] = fx_login(sfx_names[i], FX_PW, STATUS_OK);
	}
	sfx.seal = sfx_add(SFX_REGNO, CRYPTO_ALG_SM2);
	sfx.doc = sfx_doc(3, &sfx.version);
}

void
sfx_teardown(void)
{
	unsigned i;

	sealing_set_renderer(NULL, NULL);
	for (i = 0; i < SFX__COUNT; i++)
		session_free(sfx.s[i]);
	fx_teardown();
}
