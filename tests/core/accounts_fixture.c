/*
 * accounts_fixture.c -- the workspace the account, session and policy
 * suites start from.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/accounts_fixture.h"
#include "lib/testlib.h"

struct fx fx;

static const char *const fx_admin_pw[3] = {
	"Sys-admin-2026", "Sec-admin-2026", "Aud-itor-2026"
};

/* Log in with the initial password and change it: what every new
 * account does first. */
static struct session *
fx_first_login(const char *name, const char *initial, const char *pw)
{
	struct session *s = NULL;

	ck_assert_int_eq(session_login(fx.st, name, initial, "test", &s),
	    STATUS_PW_MUST_CHANGE);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(session_change_password(s, initial, pw), STATUS_OK);
	ck_assert_int_eq(s->restriction, STATUS_OK);
	return s;
}

void
fx_setup_class(unsigned cls)
{
	struct account_init ai;
	unsigned i;

	memset(&fx, 0, sizeof fx);
	clock_set(FX_T0);
	policy_test_kdf_floor(FX_KDF_KIB, FX_KDF_PASSES);
	fx.dir = testlib_tmpdir();
	ck_assert_int_eq(store_open(fx.dir, STORE_CREATE, &fx.st), STATUS_OK);
	audit_attach(fx.st);

	memset(&ai, 0, sizeof ai);
	ai.bureau = "示例市司法局";
	ai.classification = cls;
	ai.names[0] = "sysadmin";
	ai.names[1] = "secadmin";
	ai.names[2] = "auditor";
	ck_assert_int_eq(account_init_workspace(fx.st, &ai), STATUS_OK);
	for (i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(ai.passwords[i]);
		fx.initial[i] = xstrdup(ai.passwords[i]);
		account_password_free(ai.passwords[i]);
	}
	fx.sys = fx_first_login("sysadmin", fx.initial[0], fx_admin_pw[0]);
	fx.sec = fx_first_login("secadmin", fx.initial[1], fx_admin_pw[1]);
	fx.aud = fx_first_login("auditor", fx.initial[2], fx_admin_pw[2]);
}

void
fx_setup_none(void)
{
	fx_setup_class(CLASS_NONE);
}

void
fx_teardown(void)
{
	unsigned i;

	session_free(fx.sys);
	session_free(fx.sec);
	session_free(fx.aud);
	audit_attach(NULL);
	store_close(fx.st);
	for (i = 0; i < 3; i++)
		free(fx.initial[i]);
	testlib_rmdir(fx.dir);
	clock_set(0);
}

uint64_t
fx_user(const char *name, uint32_t roles, const char *pw)
{
	struct account_attrs a;
	struct session *s;
	char *initial = NULL;
	uint64_t id = 0;

	ck_assert_int_eq(account_add(fx.sys, name, NULL, 0, &initial, &id),
	    STATUS_OK);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES;
	a.roles = roles;
	ck_assert_int_eq(account_set_attrs(fx.sec, name, &a), STATUS_OK);
	s = fx_first_login(name, initial, pw);
	session_free(s);
	account_password_free(initial);
	return id;
}

struct session *
fx_login(const char *name, const char *pw, enum status want)
{
	struct session *s = NULL;
	enum status rc = session_login(fx.st, name, pw, "test", &s);

	ck_assert_msg(rc == want, "login %s: got %s, want %s", name,
	    status_name(rc), status_name(want));
	if (want == STATUS_OK || want == STATUS_PW_MUST_CHANGE ||
	    want == STATUS_PW_EXPIRED)
		ck_assert_ptr_nonnull(s);
	else
		ck_assert_ptr_null(s);
	return s;
}

struct fx_get {
	const char	*name;
	struct rec_user	*u;
};

static enum status
fx_get_txn(struct store_txn *txn, void *arg)
{
	struct fx_get *g = arg;

	rec_free(REC_USER, g->u);
	return store_get_by_name(txn, IDX_USER_NAME, g->name, g->u);
}

void
fx_get_user(const char *name, struct rec_user *u)
{
	struct fx_get g = { name, u };

	memset(u, 0, sizeof *u);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_get_txn, &g),
	    STATUS_OK);
}

static enum status
fx_count_txn(struct store_txn *txn, void *arg)
{
	return store_last_id(txn, REC_AUDIT, arg);
}

uint64_t
fx_audit_count(void)
{
	uint64_t n = 0;

	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_count_txn, &n),
	    STATUS_OK);
	return n;
}

struct fx_audit_get {
	uint64_t	 id;
	struct rec_audit *e;
};

static enum status
fx_audit_get_txn(struct store_txn *txn, void *arg)
{
	struct fx_audit_get *g = arg;

	rec_free(REC_AUDIT, g->e);
	return store_get(txn, REC_AUDIT, g->id, g->e);
}

static void
fx_audit_get(uint64_t id, struct rec_audit *e)
{
	struct fx_audit_get g = { id, e };

	memset(e, 0, sizeof *e);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_audit_get_txn, &g),
	    STATUS_OK);
}

void
fx_audit_last(struct rec_audit *e)
{
	fx_audit_get(fx_audit_count(), e);
}

int
fx_audit_has(uint64_t since, enum action act, enum audit_outcome outcome,
    uint64_t user_id)
{
	uint64_t id, last = fx_audit_count();
	struct rec_audit e;
	int found = 0;

	for (id = since + 1; id <= last && !found; id++) {
		fx_audit_get(id, &e);
		found = e.action == act && e.outcome == outcome &&
		    e.user_id == user_id;
		rec_free(REC_AUDIT, &e);
	}
	return found;
}
