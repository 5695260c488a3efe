/*
 * wf_fixture.c -- the office the workflow suites work in (see
 * wf_fixture.h).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/seal_fixture.h"
#include "core/wf_fixture.h"
#include "core/wfop.h"
#include "crypto/crypto.h"
#include "lib/testlib.h"

struct wfx wfx;

const char *const wfx_names[WFX__COUNT] = {
	"drafter", "chief", "leader", "bureau", "clerk", "clerk2", "printer",
	"drafter2"
};

#define WFX_SEALABLE	((1u << DOC_PARTY_GROUP) - 1)
#define WFX_LITIGATION	((1u << DOC_LIT_TABLE) | (1u << DOC_LIT_FILL_IN) | \
	(1u << DOC_LIT_COMPOSED))

static const struct wfx_person {
	uint32_t	 roles;
	uint8_t		 level;
	uint32_t	 issuing;
} wfx_people[WFX__COUNT] = {
	[WFX_DRAFTER] = { ROLE_DRAFTER, 0, 0 },
	[WFX_CHIEF] = { ROLE_APPROVER, 1, WFX_LITIGATION },
	[WFX_LEADER] = { ROLE_APPROVER, 2, WFX_SEALABLE },
	[WFX_BUREAU] = { ROLE_APPROVER, 3, WFX_SEALABLE },
	[WFX_CLERK] = { ROLE_CLERK, 0, 0 },
	[WFX_CLERK2] = { ROLE_CLERK, 0, 0 },
	[WFX_PRINTER] = { ROLE_PRINTER, 0, 0 },
	[WFX_DRAFTER2] = { ROLE_DRAFTER, 0, 0 },
};

static void
wfx_person(enum wfx_who who)
{
	const struct wfx_person *p = &wfx_people[who];
	struct account_attrs a;

	wfx.id[who] = fx_user(wfx_names[who], p->roles, FX_PW);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_LEADER | ACCOUNT_ISSUING | ACCOUNT_DEPT |
	    ACCOUNT_CLEARANCE;
	a.leader_level = p->level;
	a.issuing_kinds = p->issuing;
	a.dept_id = wfx.dept;
	a.clearance = CLASS_SECRET;
	ck_assert_int_eq(account_set_attrs(fx.sec, wfx_names[who], &a),
	    STATUS_OK);
	wfx.s[who] = fx_login(wfx_names[who], FX_PW, STATUS_OK);
}

struct wfx_rec {
	enum rec_kind	 kind;
	void		*rec;
};

static enum status
wfx_put_txn(struct store_txn *txn, void *arg)
{
	struct wfx_rec *r = arg;

	return store_put(txn, r->kind, r->rec);
}

void
wfx_put(enum rec_kind kind, void *rec)
{
	struct wfx_rec r = { kind, rec };

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, wfx_put_txn, &r),
	    STATUS_OK);
}

static uint64_t
wfx_printer(const char *name, int colour, int classified)
{
	struct rec_printer p;

	memset(&p, 0, sizeof p);
	p.name = (char *) name;
	p.queue = (char *) "/nonexistent";
	p.kind = PRINTER_FOLDER;
	p.colour = (uint8_t) colour;
	p.classified = (uint8_t) classified;
	wfx_put(REC_PRINTER, &p);
	return p.id;
}

void
wfx_setup(void)
{
	int who;

	fx_setup_none();
	memset(&wfx, 0, sizeof wfx);
	ck_assert_int_eq(crypto_init(), STATUS_OK);
	ck_assert_int_eq(account_dept_add(fx.sys, "办公室", "示司办", 0,
	    &wfx.dept), STATUS_OK);
	for (who = 0; who < WFX__COUNT; who++)
		wfx_person((enum wfx_who) who);

	/* Real seals, made by the register with an office director. */
	wfx.seal = sfx_register("SEAL-001", wfx.s[WFX_CLERK], WFX_KEY_PW);
	wfx.seal2 = sfx_register("SEAL-002", wfx.s[WFX_CLERK2], WFX_KEY_PW);
	wfx.pr_colour = wfx_printer("colour", 1, 0);
	wfx.pr_mono = wfx_printer("mono", 0, 0);
	wfx.pr_classified = wfx_printer("classified", 1, 1);
}

void
wfx_teardown(void)
{
	int who;

	for (who = 0; who < WFX__COUNT; who++)
		session_free(wfx.s[who]);
	fx_teardown();
}

void
wfx_content(struct doc_content *c, enum doc_kind kind, uint32_t copies)
{
	doc_content_init(c);
	c->kind = (uint8_t) kind;
	c->copies = copies;
	c->title = xstrdup("关于申请配置彩色激光打印机的请示");
	c->recipients = xstrdup("示范市示范区司法局");
	c->body = xstrdup("局领导：\n拟为文印室配置彩色激光打印机一台。\n"
	    "妥否，请批示。");
	c->issuing_body = xstrdup("示范市示范区司法局办公室");
}

uint64_t
wfx_create(enum doc_kind kind, uint32_t copies)
{
	struct doc_content c;
	uint64_t id = 0;

	wfx_content(&c, kind, copies);
	ck_assert_int_eq(workflow_create(fx.st, wfx.s[WFX_DRAFTER], &c, &id),
	    STATUS_OK);
	doc_content_free(&c);
	ck_assert_uint_ne(id, 0);
	return id;
}

struct wfx_get {
	enum rec_kind	 kind;
	uint64_t	 id;
	uint32_t	 number;
	void		*rec;
};

static enum status
wfx_get_txn(struct store_txn *txn, void *arg)
{
	struct wfx_get *g = arg;
	struct store_range r = { 1, { g->id, 0, 0 }, g->number, g->number };
	uint64_t id = 0;
	enum status rc;

	if (g->kind != REC_VERSION)
		return store_get(txn, g->kind, g->id, g->rec);
	rc = store_scan(txn, IDX_VERSION_DOC, &r, 0, wfop_first_id, &id);
	if (rc == STATUS_OK)
		rc = id != 0 ? store_get(txn, REC_VERSION, id, g->rec) :
		    STATUS_NOT_FOUND;
	return rc;
}

void
wfx_doc(uint64_t doc_id, struct rec_doc *d)
{
	struct wfx_get g = { REC_DOC, doc_id, 0, d };

	memset(d, 0, sizeof *d);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, wfx_get_txn, &g),
	    STATUS_OK);
}

void
wfx_version(uint64_t doc_id, uint32_t number, struct rec_version *v)
{
	struct wfx_get g = { REC_VERSION, doc_id, number, v };

	memset(v, 0, sizeof *v);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, wfx_get_txn, &g),
	    STATUS_OK);
}

struct wfx_meta_set {
	const char	*key;
	const char	*value;
};

static enum status
wfx_meta_txn(struct store_txn *txn, void *arg)
{
	struct wfx_meta_set *m = arg;

	return policy_meta_set(txn, m->key, m->value);
}

void
wfx_meta(const char *key, const char *value)
{
	struct wfx_meta_set m = { key, value };

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, wfx_meta_txn, &m),
	    STATUS_OK);
}

/* Who approves at STEP of CHAIN for KIND in the fixture's office. */
static enum wfx_who
wfx_approver(const struct chain *chain, unsigned step, enum doc_kind kind)
{
	int last = step + 1 == chain->n;

	if (chain->level[step] == CHAIN_SECTION_CHIEF &&
	    (!last || ((1u << kind) & WFX_LITIGATION)))
		return WFX_CHIEF;
	if (chain->level[step] <= CHAIN_LEADER_IN_CHARGE)
		return WFX_LEADER;
	return WFX_BUREAU;
}

static void
wfx_approve_all(uint64_t doc_id)
{
	struct docview v;
	enum wfx_who who;

	for (;;) {
		ck_assert_int_eq(docview_get(fx.st, wfx.s[WFX_CLERK], doc_id,
		    &v), STATUS_OK);
		if (v.doc.state != DOC_IN_APPROVAL) {
			docview_free(&v);
			return;
		}
		who = wfx_approver(&v.chain, v.doc.approval_level,
		    (enum doc_kind) v.doc.kind);
		docview_free(&v);
		ck_assert_int_eq(workflow_approve(fx.st, wfx.s[who], doc_id,
		    NULL), STATUS_OK);
	}
}

void
wfx_print(uint64_t doc_id, uint32_t count)
{
	struct printlog_job job;

	ck_assert_int_eq(printlog_reserve(fx.st, wfx.s[WFX_PRINTER], doc_id,
	    wfx.pr_colour, count, &job), STATUS_OK);
	ck_assert_int_eq(printlog_complete(fx.st, wfx.s[WFX_PRINTER], job.id,
	    PRINT_DONE, count, count, 0, NULL), STATUS_OK);
}

void
wfx_walk(uint64_t doc_id, enum doc_state target)
{
	struct rec_doc d;

	for (;;) {
		wfx_doc(doc_id, &d);
		if (d.state == target) {
			rec_free(REC_DOC, &d);
			return;
		}
		switch (d.state) {
		case DOC_DRAFT:
			ck_assert_int_eq(workflow_submit(fx.st,
			    wfx.s[WFX_DRAFTER], doc_id), STATUS_OK);
			break;
		case DOC_IN_APPROVAL:
			wfx_approve_all(doc_id);
			break;
		case DOC_APPROVED:
			ck_assert_int_eq(workflow_send(fx.st,
			    wfx.s[WFX_DRAFTER], doc_id), STATUS_OK);
			break;
		case DOC_TO_SEAL:
			ck_assert_int_eq(workflow_seal(fx.st, wfx.s[WFX_CLERK],
			    doc_id, wfx.seal, d.copies, WFX_KEY_PW), STATUS_OK);
			break;
		case DOC_SEALED:
			wfx_print(doc_id, d.copies - d.copies_printed);
			break;
		default:
			ck_abort_msg("cannot walk from %s",
			    doc_state_name(d.state));
		}
		rec_free(REC_DOC, &d);
	}
}

struct wfx_audit_scan {
	uint64_t	 since;
	unsigned	 n;
	uint64_t	 last;
};

static int
wfx_audit_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct wfx_audit_scan *sc = arg;

	if (e->id > sc->since && e->action != ACT_AUDIT_CHECKPOINT) {
		sc->n++;
		sc->last = e->id;
	}
	return 0;
}

static enum status
wfx_audit_txn(struct store_txn *txn, void *arg)
{
	struct wfx_audit_scan *sc = arg;
	struct rec_audit e;
	enum status rc;
	uint64_t id, last;

	/* Entries are numbered from 1 without gaps: read them by id. */
	if ((rc = store_last_id(txn, REC_AUDIT, &last)) != STATUS_OK)
		return rc;
	for (id = sc->since + 1; id <= last && rc == STATUS_OK; id++) {
		if ((rc = store_get(txn, REC_AUDIT, id, &e)) == STATUS_OK)
			wfx_audit_each(&e, sc);
		rec_free(REC_AUDIT, &e);
	}
	return rc;
}

unsigned
wfx_audit_since(uint64_t since, struct rec_audit *last)
{
	struct wfx_audit_scan sc = { since, 0, 0 };
	struct wfx_get g = { REC_AUDIT, 0, 0, last };

	ck_assert_int_eq(store_run(fx.st, STORE_READ, wfx_audit_txn, &sc),
	    STATUS_OK);
	if (last != NULL) {
		memset(last, 0, sizeof *last);
		if (sc.last != 0) {
			g.id = sc.last;
			ck_assert_int_eq(store_run(fx.st, STORE_READ,
			    wfx_get_txn, &g), STATUS_OK);
		}
	}
	return sc.n;
}

const char *
wfx_corpus_dir(void)
{
	static char path[4096];
	const char *e = getenv("ESEAL_CORPUS_DIR");
	const char *top = getenv("abs_top_srcdir");

	if (e != NULL && *e != '\0')
		snprintf(path, sizeof path, "%s", e);
	else if (top != NULL && *top != '\0')
		snprintf(path, sizeof path, "%s/../shared/corpus", top);
	else
		ck_abort_msg("the sample documents were not found: set "
		    "ESEAL_CORPUS_DIR, or abs_top_srcdir with the corpus in "
		    "../shared/corpus beside the source tree");
	ck_assert_msg(access(path, R_OK | X_OK) == 0, "the sample documents "
	    "were not found in %s: set ESEAL_CORPUS_DIR to the corpus folder",
	    path);
	return path;
}

char *
wfx_corpus_file(const char *name, unsigned long *len)
{
	char *path = xasprintf("%s/%s", wfx_corpus_dir(), name);
	char *data = testlib_read_file(path, len);

	ck_assert_msg(data != NULL, "sample document %s is missing", path);
	free(path);
	return data;
}
