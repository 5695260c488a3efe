/*
 * audit_fixture.c -- the trail the audit suites start from, made as the
 * programs make it, and the reads and checks both suites share.  See
 * audit_fixture.h.  No tampering here: that lives with its tests in
 * test_audit_tamper.c.
 */
#include <config.h>

#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/testlib.h"
#include "core/audit_fixture.h"

struct afx afx;

/* -- The workspace --------------------------------------------------------- */

static enum status
afx_users_txn(struct store_txn *txn, void *arg)
{
	static const struct { const char *name; uint32_t roles; } users[] = {
		{ "sys", ROLE_SYSADMIN }, { "sec", ROLE_SECADMIN },
		{ "aud", ROLE_AUDITOR }, { "clerk", ROLE_CLERK }
	};
	struct crypto_kdf_params kp;
	struct policy pol;
	struct rec_user u;
	enum status st;
	unsigned i;

	(void) arg;
	crypto_kdf_defaults(&kp);
	kp.mem_kib = 64;
	kp.passes = 1;
	kp.parallelism = 1;
	policy_defaults(CLASS_NONE, &pol);
	pol.kdf_memory_kib = 64;
	pol.kdf_passes = 1;
	if ((st = policy_save(txn, &pol)) != STATUS_OK)
		return st;

	for (i = 0; i < AFX_NUSERS; i++) {
		memset(&u, 0, sizeof u);
		u.name = xstrdup(users[i].name);
		u.full_name = xstrdup("");
		u.roles = users[i].roles;
		u.created = u.pw_changed = clock_now();
		st = crypto_pw_hash(AFX_PASSWORD, &kp, &u.pw_hash.data,
		    &u.pw_hash.len);
		if (st == STATUS_OK)
			st = store_put(txn, REC_USER, &u);
		afx.uid[i] = u.id;
		rec_free(REC_USER, &u);
		if (st != STATUS_OK)
			return st;
	}
	st = audit_append(txn, NULL, 0, ACT_INIT, REC_META, 0, AUDIT_OK,
	    "workspace created");
	if (st == STATUS_OK)
		st = audit_init_workstation_key(txn, afx.home);
	return st;
}

/* A session for user WHO, as a login would have made it. */
struct session *
afx_session(enum afx_who who)
{
	static const char *const names[] = { "sys", "sec", "aud", "clerk" };
	struct session *s = xcalloc(1, sizeof *s);

	s->store = afx.st;
	s->user_id = afx.uid[who];
	s->name = xstrdup(names[who]);
	s->full_name = xstrdup("");
	s->terminal = xstrdup("tty-test");
	s->restriction = STATUS_OK;
	s->login_at = s->last_active = clock_now();
	s->warn_days = -1;
	return s;
}

struct afx_act {
	uint64_t	 doc;
};

static enum status
afx_clerk_txn(struct store_txn *txn, void *arg)
{
	struct afx_act *a = arg;
	struct rec_user u;
	enum status st;
	char detail[64];

	memset(&u, 0, sizeof u);
	st = store_get(txn, REC_USER, afx.uid[AFX_CLERK], &u);
	if (st != STATUS_OK)
		return st;
	snprintf(detail, sizeof detail, "sealed document %" PRIu64, a->doc);
	st = audit_append(txn, &u, ROLE_CLERK, ACT_DOC_SEAL, REC_DOC, a->doc,
	    AUDIT_OK, detail);
	rec_free(REC_USER, &u);
	return st;
}

/* N clerk actions, a minute apart, each in its own transaction. */
void
afx_clerk_acts(unsigned n)
{
	static uint64_t doc;
	struct afx_act a;
	unsigned i;

	for (i = 0; i < n; i++) {
		a.doc = ++doc;
		clock_advance(60);
		ck_assert_int_eq(store_run(afx.st, STORE_WRITE, afx_clerk_txn,
		    &a), STATUS_OK);
	}
}

/* The trail: 1 the workspace, 2 the key's checkpoint, 3 the interval
 * set to 5 by the security administrator, then 20 clerk actions with a
 * checkpoint at every multiple of 5. */
static void
afx_trail(void)
{
	struct session *sec;

	ck_assert_int_eq(store_run(afx.st, STORE_WRITE, afx_users_txn, NULL),
	    STATUS_OK);
	sec = afx_session(AFX_SEC);
	ck_assert_int_eq(audit_set_checkpoint_every(sec, 5), STATUS_OK);
	session_free(sec);
	afx_clerk_acts(AFX_CLERK_ACTS);
}

void
afx_open(const char *sub)
{
	free(afx.home);
	afx.home = xasprintf("%s/%s", afx.dir, sub);
	ck_assert_int_eq(store_open(afx.home, STORE_CREATE, &afx.st),
	    STATUS_OK);
	audit_attach(afx.st);
}

void
afx_close(void)
{
	audit_attach(NULL);
	store_close(afx.st);
	afx.st = NULL;
}

void
afx_setup(void)
{
	memset(&afx, 0, sizeof afx);
	policy_test_kdf_floor(64, 1);
	clock_set(AFX_T0);
	audit_set_terminal("tty-test");
	afx.dir = testlib_tmpdir();
	afx_open("orig");
	afx_trail();
}

void
afx_teardown(void)
{
	if (afx.st != NULL)
		afx_close();
	free(afx.home);
	testlib_rmdir(afx.dir);
	audit_set_terminal(NULL);
	clock_set(0);
	unsetenv("ESEAL_TEST_MEDIA_DIRS");
	unsetenv("ESEAL_TEST_EXPORT_FSIZE");
}

TCase *
afx_tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, afx_setup, afx_teardown);
	tcase_set_timeout(tc, 60);
	return tc;
}

/* -- Reading at the storage level ------------------------------------------ */

static enum status
afx_get_txn(struct store_txn *txn, void *arg)
{
	struct afx_rec *r = arg;

	rec_free(REC_AUDIT, r->e);
	return store_get(txn, REC_AUDIT, r->id, r->e);
}

void
afx_get(uint64_t id, struct rec_audit *e)
{
	struct afx_rec r = { id, e, NULL, NULL };

	memset(e, 0, sizeof *e);
	ck_assert_int_eq(store_run(afx.st, STORE_READ, afx_get_txn, &r),
	    STATUS_OK);
}

static enum status
afx_last_txn(struct store_txn *txn, void *arg)
{
	return store_last_id(txn, REC_AUDIT, arg);
}

uint64_t
afx_last_id(void)
{
	uint64_t last = 0;

	ck_assert_int_eq(store_run(afx.st, STORE_READ, afx_last_txn, &last),
	    STATUS_OK);
	return last;
}

static enum status
afx_get_any_txn(struct store_txn *txn, void *arg)
{
	struct afx_rec *r = arg;
	enum status st;

	rec_free(REC_AUDIT, r->e);
	st = store_get(txn, REC_AUDIT, r->id, r->e);
	return st == STATUS_NOT_FOUND ? STATUS_OK : st;
}

/* All entries there are, in order, into a new array of *N (1 to the
 * last id while nothing was archived). */
struct rec_audit *
afx_all(uint64_t *n)
{
	struct rec_audit *v;
	uint64_t i, last = afx_last_id();
	struct afx_rec r = { 0, NULL, NULL, NULL };

	v = xcalloc(last + 1, sizeof *v);
	*n = 0;
	for (i = 1; i <= last; i++) {
		r.id = i;
		r.e = &v[*n];
		ck_assert_int_eq(store_run(afx.st, STORE_READ, afx_get_any_txn,
		    &r), STATUS_OK);
		if (v[*n].id == i)
			(*n)++;
	}
	return v;
}

/* Is entry ID in the store? */
int
afx_present(uint64_t id)
{
	struct rec_audit e;
	struct afx_rec r = { id, &e, NULL, NULL };
	int found;

	memset(&e, 0, sizeof e);
	ck_assert_int_eq(store_run(afx.st, STORE_READ, afx_get_any_txn, &r),
	    STATUS_OK);
	found = e.id == id;
	rec_free(REC_AUDIT, &e);
	return found;
}

/* A directory registered as a removable medium (test mode, medium.h). */
char *
afx_medium(const char *name)
{
	char *path = xasprintf("%s/%s", afx.dir, name);
	struct session *sec = afx_session(AFX_SEC);

	ck_assert_msg(testhook_enabled(), "the archive tests need a build "
	    "configured with --enable-test-hooks (directory media)");
	setenv("ESEAL_TEST_MEDIA_DIRS", "1", 1);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(medium_register(sec, path, "stick"), STATUS_OK);
	session_free(sec);
	return path;
}

/* The files in DIR, hidden ones too. */
unsigned
afx_files(const char *dir)
{
	struct dirent *d;
	unsigned n = 0;
	DIR *dp;

	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((d = readdir(dp)) != NULL)
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

void
afx_all_free(struct rec_audit *v, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_AUDIT, &v[i]);
	free(v);
}

/* The canonical encoding as audit.c documents it, written out here
 * independently, byte by byte: the test pins the format. */
static void
afx_be(struct buf *b, uint64_t v, int bytes)
{
	while (bytes-- > 0)
		buf_add_u8(b, (uint8_t) (v >> (8 * bytes)));
}

static void
afx_lv(struct buf *b, const void *p, size_t n)
{
	afx_be(b, n, 4);
	if (n > 0)
		buf_add(b, p, n);
}

void
afx_hash(const struct rec_audit *e, unsigned char out[32])
{
	struct buf b;

	buf_init(&b);
	afx_be(&b, 1, 1);
	afx_be(&b, e->id, 8);
	afx_be(&b, (uint64_t) e->time, 8);
	afx_be(&b, e->user_id, 8);
	afx_be(&b, e->role, 4);
	afx_lv(&b, e->terminal, strlen(e->terminal));
	afx_be(&b, e->action, 2);
	afx_be(&b, e->object_kind, 1);
	afx_be(&b, e->object_id, 8);
	afx_be(&b, e->outcome, 1);
	afx_lv(&b, e->detail, strlen(e->detail));
	afx_lv(&b, e->prev_hash.data, e->prev_hash.len);
	afx_lv(&b, e->signature.data, e->signature.len);
	ck_assert_int_eq(crypto_sm3(b.data, b.len, out), STATUS_OK);
	buf_free(&b);
}

/* -- What verify says ------------------------------------------------------ */

void
afx_report(const char *line, void *arg)
{
	struct afx_report *r = arg;

	if (r->n < 4)
		snprintf(r->lines[r->n], sizeof r->lines[0], "%s", line);
	r->n++;
}

void
afx_expect_intact(void)
{
	struct afx_report r;
	uint64_t bad = 99;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad),
	    STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_msg(strncmp(r.lines[0], "audit trail intact: ", 20) == 0,
	    "verify said: %s", r.lines[0]);
}
