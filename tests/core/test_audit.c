/*
 * test_audit.c -- the audit trail: entries chain as documented; verify
 * names the first entry altered, removed, inserted or reordered when a
 * copy of a real trail is tampered with at the storage level; only the
 * security auditor reads, verifies and exports, and refusals are kept;
 * retention, the space warning, export files, and no secret anywhere.
 *
 * Every trail here is made as the programs make it (audit_append in the
 * caller's transaction); the tampering goes around the core, straight to
 * store_put and store_del, as someone with the database files would.
 */
#include <config.h>

#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "core/suites.h"
#include "core/core.h"
#include "crypto/crypto.h"
#include "store/store.h"

#define FX_T0		1767225600	/* 2026-01-01 00:00 UTC */
#define FX_DAY		86400
#define FX_PASSWORD	"Kq7#audit-Never-Here"
#define FX_WRONG_PW	"Wrong#pass-word-9"
#define FX_KEK_FILE	"audit-key.kek"

/* The trail every test starts from (see fx_trail): 28 entries, the
 * checkpoints at 2 (the key's), 5, 10, 15, 20 and 25. */
#define FX_ENTRIES	28
#define FX_CLERK_ACTS	20

enum fx_who { FX_SYS, FX_SEC, FX_AUD, FX_CLERK, FX_NUSERS };

static struct {
	char		*dir;
	char		*home;		/* the workspace under test */
	struct store	*st;
	uint64_t	 uid[FX_NUSERS];
} fx;

/* -- The workspace --------------------------------------------------------- */

static enum status
fx_users_txn(struct store_txn *txn, void *arg)
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

	for (i = 0; i < FX_NUSERS; i++) {
		memset(&u, 0, sizeof u);
		u.name = xstrdup(users[i].name);
		u.full_name = xstrdup("");
		u.roles = users[i].roles;
		u.created = u.pw_changed = clock_now();
		st = crypto_pw_hash(FX_PASSWORD, &kp, &u.pw_hash.data,
		    &u.pw_hash.len);
		if (st == STATUS_OK)
			st = store_put(txn, REC_USER, &u);
		fx.uid[i] = u.id;
		rec_free(REC_USER, &u);
		if (st != STATUS_OK)
			return st;
	}
	st = audit_append(txn, NULL, 0, ACT_INIT, REC_META, 0, AUDIT_OK,
	    "workspace created");
	if (st == STATUS_OK)
		st = audit_init_workstation_key(txn, fx.home);
	return st;
}

/* A session for user WHO, as a login would have made it. */
static struct session *
fx_session(enum fx_who who)
{
	static const char *const names[] = { "sys", "sec", "aud", "clerk" };
	struct session *s = xcalloc(1, sizeof *s);

	s->store = fx.st;
	s->user_id = fx.uid[who];
	s->name = xstrdup(names[who]);
	s->full_name = xstrdup("");
	s->terminal = xstrdup("tty-test");
	s->restriction = STATUS_OK;
	s->login_at = s->last_active = clock_now();
	s->warn_days = -1;
	return s;
}

struct fx_act {
	uint64_t	 doc;
};

static enum status
fx_clerk_txn(struct store_txn *txn, void *arg)
{
	struct fx_act *a = arg;
	struct rec_user u;
	enum status st;
	char detail[64];

	memset(&u, 0, sizeof u);
	if ((st = store_get(txn, REC_USER, fx.uid[FX_CLERK], &u)) != STATUS_OK)
		return st;
	snprintf(detail, sizeof detail, "sealed document %" PRIu64, a->doc);
	st = audit_append(txn, &u, ROLE_CLERK, ACT_DOC_SEAL, REC_DOC, a->doc,
	    AUDIT_OK, detail);
	rec_free(REC_USER, &u);
	return st;
}

/* N clerk actions, a minute apart, each in its own transaction. */
static void
fx_clerk_acts(unsigned n)
{
	static uint64_t doc;
	struct fx_act a;
	unsigned i;

	for (i = 0; i < n; i++) {
		a.doc = ++doc;
		clock_advance(60);
		ck_assert_int_eq(store_run(fx.st, STORE_WRITE, fx_clerk_txn,
		    &a), STATUS_OK);
	}
}

/* The trail: 1 the workspace, 2 the key's checkpoint, 3 the interval
 * set to 5 by the security administrator, then 20 clerk actions with a
 * checkpoint at every multiple of 5. */
static void
fx_trail(void)
{
	struct session *sec;

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, fx_users_txn, NULL),
	    STATUS_OK);
	sec = fx_session(FX_SEC);
	ck_assert_int_eq(audit_set_checkpoint_every(sec, 5), STATUS_OK);
	session_free(sec);
	fx_clerk_acts(FX_CLERK_ACTS);
}

static void
fx_open(const char *sub)
{
	free(fx.home);
	fx.home = xasprintf("%s/%s", fx.dir, sub);
	ck_assert_int_eq(store_open(fx.home, STORE_CREATE, &fx.st), STATUS_OK);
	audit_attach(fx.st);
}

static void
fx_close(void)
{
	audit_attach(NULL);
	store_close(fx.st);
	fx.st = NULL;
}

static void
fx_setup(void)
{
	memset(&fx, 0, sizeof fx);
	policy_test_kdf_floor(64, 1);
	clock_set(FX_T0);
	audit_set_terminal("tty-test");
	fx.dir = testlib_tmpdir();
	fx_open("orig");
	fx_trail();
}

static void
fx_teardown(void)
{
	if (fx.st != NULL)
		fx_close();
	free(fx.home);
	testlib_rmdir(fx.dir);
	audit_set_terminal(NULL);
	clock_set(0);
	unsetenv("ESEAL_TEST_MEDIA_DIRS");
	unsetenv("ESEAL_TEST_EXPORT_FSIZE");
}

/* Work on a fresh copy of the original trail from now on. */
static void
fx_copy(const char *sub)
{
	char *cmd;

	fx_close();
	cmd = xasprintf("rm -rf '%s/%s' && cp -a '%s/orig' '%s/%s'", fx.dir,
	    sub, fx.dir, fx.dir, sub);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	fx_open(sub);
}

/* -- Reading and tampering at the storage level ---------------------------- */

struct fx_rec {
	uint64_t		 id;
	struct rec_audit	*e;
	const char		*key;	/* a meta key, with VALUE */
	const char		*value;
};

static enum status
fx_get_txn(struct store_txn *txn, void *arg)
{
	struct fx_rec *r = arg;

	rec_free(REC_AUDIT, r->e);
	return store_get(txn, REC_AUDIT, r->id, r->e);
}

static void
fx_get(uint64_t id, struct rec_audit *e)
{
	struct fx_rec r = { id, e, NULL, NULL };

	memset(e, 0, sizeof *e);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_get_txn, &r),
	    STATUS_OK);
}

static enum status
fx_put_txn(struct store_txn *txn, void *arg)
{
	struct fx_rec *r = arg;

	return store_put(txn, REC_AUDIT, r->e);
}

static void
fx_put(struct rec_audit *e)
{
	struct fx_rec r = { e->id, e, NULL, NULL };

	ck_assert_uint_ne(e->id, 0);
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, fx_put_txn, &r),
	    STATUS_OK);
}

static enum status
fx_del_txn(struct store_txn *txn, void *arg)
{
	return store_del(txn, REC_AUDIT, ((struct fx_rec *) arg)->id);
}

static void
fx_del(uint64_t id)
{
	struct fx_rec r = { id, NULL, NULL, NULL };

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, fx_del_txn, &r),
	    STATUS_OK);
}

static enum status
fx_meta_txn(struct store_txn *txn, void *arg)
{
	struct fx_rec *r = arg;
	struct rec_meta m;
	enum status st;

	memset(&m, 0, sizeof m);
	st = store_get_by_name(txn, IDX_META_KEY, r->key, &m);
	if (st == STATUS_NOT_FOUND) {
		memset(&m, 0, sizeof m);
		m.key = xstrdup(r->key);
	} else if (st != STATUS_OK) {
		return st;
	}
	free(m.value);
	m.value = xstrdup(r->value);
	st = store_put(txn, REC_META, &m);
	rec_free(REC_META, &m);
	return st;
}

static void
fx_meta(const char *key, const char *value)
{
	struct fx_rec r = { 0, NULL, key, value };

	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, fx_meta_txn, &r),
	    STATUS_OK);
}

static enum status
fx_last_txn(struct store_txn *txn, void *arg)
{
	return store_last_id(txn, REC_AUDIT, arg);
}

static uint64_t
fx_last_id(void)
{
	uint64_t last = 0;

	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_last_txn, &last),
	    STATUS_OK);
	return last;
}

struct fx_app {
	enum action		 act;
	enum rec_kind		 kind;
	enum audit_outcome	 outcome;
	const char		*detail;
	enum status		 then;	/* what the txn returns */
};

static enum status
fx_append_txn(struct store_txn *txn, void *arg)
{
	struct fx_app *a = arg;
	enum status st;

	st = audit_append(txn, NULL, 0, a->act, a->kind, 1, a->outcome,
	    a->detail);
	return st == STATUS_OK ? a->then : st;
}

/* A system entry in a transaction that ends with THEN. */
static enum status
fx_append_then(enum action act, enum rec_kind kind,
    enum audit_outcome outcome, const char *detail, enum status then)
{
	struct fx_app a = { act, kind, outcome, detail, then };

	return store_run(fx.st, STORE_WRITE, fx_append_txn, &a);
}

static enum status
fx_append(enum action act, enum rec_kind kind, enum audit_outcome outcome,
    const char *detail)
{
	return fx_append_then(act, kind, outcome, detail, STATUS_OK);
}

static enum status
fx_get_any_txn(struct store_txn *txn, void *arg)
{
	struct fx_rec *r = arg;
	enum status st;

	rec_free(REC_AUDIT, r->e);
	st = store_get(txn, REC_AUDIT, r->id, r->e);
	return st == STATUS_NOT_FOUND ? STATUS_OK : st;
}

/* All entries there are, in order, into a new array of *N (1 to the
 * last id while nothing was archived). */
static struct rec_audit *
fx_all(uint64_t *n)
{
	struct rec_audit *v;
	uint64_t i, last = fx_last_id();
	struct fx_rec r = { 0, NULL, NULL, NULL };

	v = xcalloc(last + 1, sizeof *v);
	*n = 0;
	for (i = 1; i <= last; i++) {
		r.id = i;
		r.e = &v[*n];
		ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_get_any_txn,
		    &r), STATUS_OK);
		if (v[*n].id == i)
			(*n)++;
	}
	return v;
}

/* Is entry ID in the store? */
static int
fx_present(uint64_t id)
{
	struct rec_audit e;
	struct fx_rec r = { id, &e, NULL, NULL };
	int found;

	memset(&e, 0, sizeof e);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, fx_get_any_txn, &r),
	    STATUS_OK);
	found = e.id == id;
	rec_free(REC_AUDIT, &e);
	return found;
}

/* A directory registered as a removable medium (test mode, medium.h). */
static char *
fx_medium(const char *name)
{
	char *path = xasprintf("%s/%s", fx.dir, name);
	struct session *sec = fx_session(FX_SEC);

	ck_assert_msg(testhook_enabled(), "the archive tests need a build "
	    "configured with --enable-test-hooks (directory media)");
	setenv("ESEAL_TEST_MEDIA_DIRS", "1", 1);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(medium_register(sec, path, "stick"), STATUS_OK);
	session_free(sec);
	return path;
}

/* The files in DIR, hidden ones too. */
static unsigned
fx_files(const char *dir)
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

static void
fx_all_free(struct rec_audit *v, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_AUDIT, &v[i]);
	free(v);
}

/* The newest entry by USER_ID (0: the system) with ACT, into E. */
static void
fx_last_of(uint64_t user_id, enum action act, struct rec_audit *e)
{
	uint64_t id;

	for (id = fx_last_id(); id > 0; id--) {
		fx_get(id, e);
		if (e->user_id == user_id && e->action == act)
			return;
		rec_free(REC_AUDIT, e);
	}
	ck_abort_msg("no entry of %s", action_name(act));
}

static void
fx_blob_set(struct blob *b, const void *p, size_t n)
{
	free(b->data);
	b->data = xmalloc(n);
	memcpy(b->data, p, n);
	b->len = n;
}

/* The canonical encoding as audit.c documents it, written out here
 * independently, byte by byte: the test pins the format. */
static void
fx_be(struct buf *b, uint64_t v, int bytes)
{
	while (bytes-- > 0)
		buf_add_u8(b, (uint8_t) (v >> (8 * bytes)));
}

static void
fx_lv(struct buf *b, const void *p, size_t n)
{
	fx_be(b, n, 4);
	if (n > 0)
		buf_add(b, p, n);
}

static void
fx_hash(const struct rec_audit *e, unsigned char out[32])
{
	struct buf b;

	buf_init(&b);
	fx_be(&b, 1, 1);
	fx_be(&b, e->id, 8);
	fx_be(&b, (uint64_t) e->time, 8);
	fx_be(&b, e->user_id, 8);
	fx_be(&b, e->role, 4);
	fx_lv(&b, e->terminal, strlen(e->terminal));
	fx_be(&b, e->action, 2);
	fx_be(&b, e->object_kind, 1);
	fx_be(&b, e->object_id, 8);
	fx_be(&b, e->outcome, 1);
	fx_lv(&b, e->detail, strlen(e->detail));
	fx_lv(&b, e->prev_hash.data, e->prev_hash.len);
	fx_lv(&b, e->signature.data, e->signature.len);
	ck_assert_int_eq(crypto_sm3(b.data, b.len, out), STATUS_OK);
	buf_free(&b);
}

/* Relink entry ID to the entry stored before it, as a forger would. */
static void
fx_relink(uint64_t id)
{
	struct rec_audit prev, e;
	unsigned char h[32];

	fx_get(id - 1, &prev);
	fx_get(id, &e);
	fx_hash(&prev, h);
	fx_blob_set(&e.prev_hash, h, sizeof h);
	fx_put(&e);
	rec_free(REC_AUDIT, &prev);
	rec_free(REC_AUDIT, &e);
}

/* -- What verify says ------------------------------------------------------ */

struct fx_report {
	char	 lines[4][160];
	int	 n;
};

static void
fx_report(const char *line, void *arg)
{
	struct fx_report *r = arg;

	if (r->n < 4)
		snprintf(r->lines[r->n], sizeof r->lines[0], "%s", line);
	r->n++;
}

static void
fx_expect_intact(void)
{
	struct fx_report r;
	uint64_t bad = 99;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_msg(strncmp(r.lines[0], "audit trail intact: ", 20) == 0,
	    "verify said: %s", r.lines[0]);
}

static void
fx_expect_broken(const char *want, uint64_t seq)
{
	struct fx_report r;
	uint64_t bad = 0;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad),
	    STATUS_AUDIT_BROKEN);
	ck_assert_str_eq(r.lines[0], want);
	ck_assert_uint_eq(bad, seq);
	ck_assert_int_eq(r.n, 1);
}

/* -- The chain ------------------------------------------------------------- */

START_TEST(test_audit_chain_links)
{
	struct rec_audit *v;
	unsigned char h[32], zero[32];
	uint64_t n, i;

	v = fx_all(&n);
	ck_assert_uint_eq(n, FX_ENTRIES);
	memset(zero, 0, sizeof zero);
	ck_assert_uint_eq(v[0].prev_hash.len, 32);
	ck_assert_mem_eq(v[0].prev_hash.data, zero, 32);
	for (i = 1; i < n; i++) {
		ck_assert_uint_eq(v[i].id, i + 1);
		fx_hash(&v[i - 1], h);
		ck_assert_uint_eq(v[i].prev_hash.len, 32);
		ck_assert_mem_eq(v[i].prev_hash.data, h, 32);
	}

	/* Entry 4, the clerk's first act, says who, as what, from where. */
	ck_assert_uint_eq(v[3].user_id, fx.uid[FX_CLERK]);
	ck_assert_uint_eq(v[3].role, ROLE_CLERK);
	ck_assert_str_eq(v[3].terminal, "tty-test");
	ck_assert_uint_eq(v[3].action, ACT_DOC_SEAL);
	ck_assert_uint_eq(v[3].object_kind, REC_DOC);
	ck_assert_uint_eq(v[3].outcome, AUDIT_OK);
	ck_assert_str_eq(v[3].detail, "sealed document 1");
	ck_assert_int_eq(v[3].time, FX_T0 + 60);
	ck_assert_uint_eq(v[3].signature.len, 0);

	/* The checkpoints: the system's, signed, naming the head. */
	for (i = 0; i < n; i++) {
		int cp = v[i].id == 2 || v[i].id % 5 == 0;

		ck_assert_int_eq(v[i].action == ACT_AUDIT_CHECKPOINT, cp);
		if (!cp)
			continue;
		ck_assert_uint_eq(v[i].user_id, 0);
		ck_assert_uint_eq(v[i].object_kind, REC_AUDIT);
		ck_assert_uint_eq(v[i].object_id, v[i].id - 1);
		ck_assert_uint_gt(v[i].signature.len, 0);
	}
	ck_assert_msg(strncmp(v[1].detail, "workstation key sm3:", 20) == 0,
	    "%s", v[1].detail);
	fx_all_free(v, n);
}
END_TEST

START_TEST(test_audit_verify_intact)
{
	struct rec_audit key;
	struct fx_report r;
	uint64_t bad = 99;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(r.n, 3);
	ck_assert_str_eq(r.lines[0], "audit trail intact: 28 entries, 6 checkpoints");
	ck_assert_str_eq(r.lines[1], "entries 26 to 28 are chained but not yet under a checkpoint");

	/* The fingerprint verify shows is the one the key's first
	 * checkpoint named. */
	fx_get(2, &key);
	ck_assert_str_eq(r.lines[2], key.detail);
	rec_free(REC_AUDIT, &key);
}
END_TEST

START_TEST(test_audit_append_rules)
{
	struct rec_audit e;

	/* Nobody appends a checkpoint, or nonsense, through the API. */
	ck_assert_int_eq(fx_append(ACT_AUDIT_CHECKPOINT, REC_AUDIT, AUDIT_OK,
	    "forged"), STATUS_INVALID);
	ck_assert_int_eq(fx_append((enum action) ACT__COUNT, REC_DOC, AUDIT_OK,
	    "x"),
	    STATUS_INVALID);
	ck_assert_int_eq(fx_append(ACT_DOC_SEAL, (enum rec_kind) REC__COUNT,
	    AUDIT_OK, "x"),
	    STATUS_INVALID);
	ck_assert_int_eq(fx_append(ACT_DOC_SEAL, REC_DOC,
	    (enum audit_outcome) 7, "x"),
	    STATUS_INVALID);
	ck_assert_uint_eq(fx_last_id(), FX_ENTRIES);

	/* A detail is kept as one line without control characters, and the
	 * terminal is the one set. */
	audit_set_terminal("tty9");
	ck_assert_int_eq(fx_append(ACT_DOC_SEAL, REC_DOC, AUDIT_FAILED,
	    "a\x1b[31mb\nc\td"), STATUS_OK);
	fx_get(FX_ENTRIES + 1, &e);
	ck_assert_str_eq(e.terminal, "tty9");
	ck_assert_ptr_null(strchr(e.detail, '\x1b'));
	ck_assert_ptr_null(strchr(e.detail, '\n'));
	ck_assert_uint_eq(e.outcome, AUDIT_FAILED);
	rec_free(REC_AUDIT, &e);
	fx_expect_intact();
}
END_TEST

START_TEST(test_audit_aborted_leaves_no_gap)
{
	struct rec_audit e;

	/* A change that is rolled back takes its entry with it, and the
	 * number is not lost: the next entry follows on. */
	ck_assert_int_eq(fx_append_then(ACT_DOC_SEAL, REC_DOC, AUDIT_OK,
	    "rolled back", STATUS_CANCELLED), STATUS_CANCELLED);
	ck_assert_uint_eq(fx_last_id(), FX_ENTRIES);
	fx_clerk_acts(1);
	fx_get(FX_ENTRIES + 1, &e);
	ck_assert_uint_eq(e.action, ACT_DOC_SEAL);
	ck_assert_uint_eq(e.user_id, fx.uid[FX_CLERK]);
	rec_free(REC_AUDIT, &e);
	fx_expect_intact();
}
END_TEST

START_TEST(test_audit_two_writers)
{
	struct store *mine;
	pid_t child;
	int status;

	/* Two processes append at once, each in its own transactions: the
	 * chain stays one chain. */
	child = fork();
	ck_assert_int_ne(child, -1);
	if (child == 0) {
		/* A handle is not shared across fork: the child opens its own
		 * and leaves the parent's alone. */
		ck_assert_int_eq(store_open(fx.home, 0, &mine), STATUS_OK);
		fx.st = mine;
		audit_attach(mine);
		fx_clerk_acts(15);
		store_close(mine);
		_exit(0);
	}
	fx_clerk_acts(15);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_ge(fx_last_id(), FX_ENTRIES + 30);
	fx_expect_intact();
}
END_TEST

/* -- Tampering with a copy ------------------------------------------------- */

START_TEST(test_audit_alter_field)
{
	static const struct { uint64_t seq; int field; } cases[] = {
		{ 7, 0 }, { 12, 1 }, { 17, 2 }, { 24, 3 }, { 2, 0 }
	};
	struct rec_audit e;
	char want[64];
	unsigned i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fx_copy("copy");
		fx_get(cases[i].seq, &e);
		if (cases[i].field == 0) {
			free(e.detail);
			e.detail = xstrdup("sealed document 999");
		} else if (cases[i].field == 1) {
			e.user_id = fx.uid[FX_AUD];
		} else if (cases[i].field == 2) {
			e.time -= 3600;
		} else {
			e.outcome = AUDIT_REFUSED;
		}
		fx_put(&e);
		rec_free(REC_AUDIT, &e);

		/* A checkpoint's own signature catches it first. */
		if (cases[i].seq == 2)
			snprintf(want, sizeof want, "entry 2: checkpoint signature does not verify");
		else
			snprintf(want, sizeof want, "entry %" PRIu64 " altered",
			    cases[i].seq);
		fx_expect_broken(want, cases[i].seq);
	}
}
END_TEST

START_TEST(test_audit_checkpoint_signature)
{
	struct rec_audit e, other;

	fx_copy("copy");
	fx_get(10, &e);
	e.signature.data[e.signature.len / 2] ^= 0x01;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_expect_broken("entry 10: checkpoint signature does not verify", 10);

	/* A checkpoint stripped of its signature is no better. */
	fx_copy("copy");
	fx_get(15, &e);
	free(e.signature.data);
	e.signature.data = NULL;
	e.signature.len = 0;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_expect_broken("entry 15: checkpoint signature does not verify", 15);

	/* Nor is one carrying another checkpoint's good signature: the key
	 * signs deterministically (RFC 6979), but over each entry's own
	 * encoding, so a real signature moved to another entry fails. */
	fx_copy("copy");
	fx_get(10, &other);
	fx_get(15, &e);
	free(e.signature.data);
	e.signature.data = xmalloc(other.signature.len);
	memcpy(e.signature.data, other.signature.data, other.signature.len);
	e.signature.len = other.signature.len;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	rec_free(REC_AUDIT, &other);
	fx_expect_broken("entry 15: checkpoint signature does not verify", 15);
}
END_TEST

START_TEST(test_audit_delete)
{
	fx_copy("copy");
	fx_del(7);
	fx_expect_broken("entry 7 removed", 7);

	/* The original, which the copy came from, is untouched. */
	fx_close();
	fx_open("orig");
	fx_expect_intact();
}
END_TEST

START_TEST(test_audit_delete_last)
{
	fx_copy("copy");
	fx_del(FX_ENTRIES);
	fx_expect_broken("entry 28 removed at the end", FX_ENTRIES);
}
END_TEST

START_TEST(test_audit_delete_renumbered)
{
	struct rec_audit e;
	uint64_t id;

	/* Remove 7 and close the gap by moving every later entry down. */
	fx_copy("copy");
	for (id = 8; id <= FX_ENTRIES; id++) {
		fx_get(id, &e);
		e.id = id - 1;
		fx_put(&e);
		rec_free(REC_AUDIT, &e);
	}
	fx_del(FX_ENTRIES);
	fx_expect_broken("entry 7 removed and later entries renumbered", 7);
}
END_TEST

START_TEST(test_audit_insert)
{
	struct rec_audit e, prev;
	unsigned char h[32];
	uint64_t id;
	int smart;

	for (smart = 0; smart < 2; smart++) {
		/* Make room at 9, then forge an entry there: with a made-up
		 * link, or linked properly to entry 8. */
		fx_copy("copy");
		for (id = FX_ENTRIES; id >= 9; id--) {
			fx_get(id, &e);
			e.id = id + 1;
			fx_put(&e);
			rec_free(REC_AUDIT, &e);
		}
		fx_get(10, &e);
		e.id = 9;
		free(e.detail);
		e.detail = xstrdup("sealed document 7 with approval");
		memset(h, 0xab, sizeof h);
		if (smart) {
			fx_get(8, &prev);
			fx_hash(&prev, h);
			rec_free(REC_AUDIT, &prev);
		}
		fx_blob_set(&e.prev_hash, h, sizeof h);
		fx_put(&e);
		rec_free(REC_AUDIT, &e);
		fx_expect_broken("entry 9 inserted", 9);
	}
}
END_TEST

START_TEST(test_audit_swap)
{
	struct rec_audit a, b;

	/* Neighbours. */
	fx_copy("copy");
	fx_get(7, &a);
	fx_get(8, &b);
	a.id = 8;
	b.id = 7;
	fx_put(&a);
	fx_put(&b);
	rec_free(REC_AUDIT, &a);
	rec_free(REC_AUDIT, &b);
	fx_expect_broken("entry 7 reordered", 7);

	/* Further apart. */
	fx_copy("copy");
	fx_get(7, &a);
	fx_get(12, &b);
	a.id = 12;
	b.id = 7;
	fx_put(&a);
	fx_put(&b);
	rec_free(REC_AUDIT, &a);
	rec_free(REC_AUDIT, &b);
	fx_expect_broken("entry 7 reordered", 7);
}
END_TEST

START_TEST(test_audit_rewrite_chain)
{
	struct rec_audit e;
	uint64_t id;

	/* Alter 7 and recompute every link after it: the chain holds, but
	 * the next checkpoint's signature cannot be made again. */
	fx_copy("copy");
	fx_get(7, &e);
	free(e.detail);
	e.detail = xstrdup("sealed document 999");
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	for (id = 8; id <= FX_ENTRIES; id++)
		fx_relink(id);
	fx_expect_broken("entry 10: checkpoint signature does not verify", 10);
}
END_TEST

/* -- Who may read ---------------------------------------------------------- */

static int
fx_count_each(const struct rec_audit *e, const char *user, void *arg)
{
	(void) e;
	(void) user;
	++*(uint64_t *) arg;
	return 0;
}

/* Entries by user WHO with ACT and OUTCOME. */
static unsigned
fx_count(enum fx_who who, enum action act, enum audit_outcome outcome)
{
	struct rec_audit *v;
	unsigned found = 0;
	uint64_t n, i;

	v = fx_all(&n);
	for (i = 0; i < n; i++)
		if (v[i].user_id == fx.uid[who] && v[i].action == act &&
		    v[i].outcome == outcome)
			found++;
	fx_all_free(v, n);
	return found;
}

static int
fx_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

START_TEST(test_audit_only_the_auditor)
{
	static const enum fx_who others[] = { FX_SYS, FX_SEC, FX_CLERK };
	char *path = xasprintf("%s/export.txt", fx.dir);
	struct session *s;
	struct fx_report r;
	uint64_t n, bad, count;
	unsigned i;

	for (i = 0; i < 3; i++) {
		s = fx_session(others[i]);
		n = 0;
		ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &n),
		    STATUS_DENIED);
		ck_assert_uint_eq(n, 0);
		ck_assert_int_eq(audit_verify_as(s, fx_report, &r, &bad),
		    STATUS_DENIED);
		ck_assert_int_eq(audit_export_as(s, NULL, path, &count),
		    STATUS_DENIED);
		ck_assert_int_eq(audit_archive_as(s, 3, path, NULL),
		    STATUS_DENIED);
		ck_assert_int_eq(audit_export_verify_as(s, path),
		    STATUS_DENIED);
		ck_assert(!fx_exists(path));
		session_free(s);

		/* Each refusal is itself in the trail. */
		ck_assert_uint_eq(fx_count(others[i], ACT_AUDIT_READ,
		    AUDIT_REFUSED), 1);
		ck_assert_uint_eq(fx_count(others[i], ACT_AUDIT_VERIFY,
		    AUDIT_REFUSED), 2);
		ck_assert_uint_eq(fx_count(others[i], ACT_AUDIT_EXPORT,
		    AUDIT_REFUSED), 2);
	}

	/* The auditor reads everything there was, and that too is kept. */
	s = fx_session(FX_AUD);
	count = fx_last_id();
	n = 0;
	ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, count);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_READ, AUDIT_OK), 1);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify_as(s, fx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_VERIFY, AUDIT_OK), 1);
	ck_assert_int_eq(audit_export_as(s, NULL, path, &count), STATUS_OK);
	ck_assert(fx_exists(path));
	ck_assert_int_eq(audit_export_verify_as(s, path), STATUS_OK);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_EXPORT, AUDIT_OK), 1);
	session_free(s);
	fx_expect_intact();
	free(path);
}
END_TEST

START_TEST(test_audit_search_filters)
{
	struct audit_filter f;
	struct session *s = fx_session(FX_AUD);
	uint64_t n;

	/* The clerk's seals between the 5th and the 7th minute. */
	audit_filter_init(&f);
	f.from = FX_T0 + 5 * 60;
	f.to = FX_T0 + 7 * 60;
	f.user_name = "clerk";
	f.action = ACT_DOC_SEAL;
	n = 0;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 3);

	/* One document. */
	audit_filter_init(&f);
	f.object_kind = REC_DOC;
	f.object_id = 4;
	n = 0;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);

	/* Nobody of that name. */
	audit_filter_init(&f);
	f.user_name = "nobody";
	n = 0;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 0);
	session_free(s);
}
END_TEST

START_TEST(test_audit_search_outcome_text)
{
	struct session *s = fx_session(FX_AUD), *clerk = fx_session(FX_CLERK);
	struct audit_filter f;
	struct rec_audit e;
	uint64_t n = 0;

	/* The clerk's refused search is the one refusal. */
	ck_assert_int_eq(audit_search_as(clerk, NULL, fx_count_each, &n),
	    STATUS_DENIED);
	audit_filter_init(&f);
	f.outcome = AUDIT_REFUSED;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);

	/* A text in the object, or in the detail, in either case. */
	audit_filter_init(&f);
	f.object_text = "DOC:12";
	n = 0;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	f.object_text = "Sealed Document 7";
	f.outcome = AUDIT_OK;
	n = 0;
	ck_assert_int_eq(audit_search_as(s, &f, fx_count_each, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);

	/* The search's own entry says what it asked for. */
	fx_last_of(fx.uid[FX_AUD], ACT_AUDIT_READ, &e);
	ck_assert_str_eq(e.detail, "search outcome ok text Sealed Document 7: 1 found");
	rec_free(REC_AUDIT, &e);
	session_free(clerk);
	session_free(s);
}
END_TEST

/* -- Export files ---------------------------------------------------------- */

static unsigned
fx_fields(const char *line, size_t len)
{
	unsigned n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		n += line[i] == '\t';
	return n;
}

START_TEST(test_audit_export_file)
{
	char *path = xasprintf("%s/export.txt", fx.dir);
	struct session *s = fx_session(FX_AUD);
	struct audit_filter f;
	struct rec_audit e;
	unsigned long len;
	uint64_t count = 0;
	unsigned lines = 0;
	char *data, *p, *nl;

	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_export_as(s, &f, path, &count), STATUS_OK);
	ck_assert_uint_eq(count, FX_CLERK_ACTS);

	/* One line per entry, twelve fields, then the signature line. */
	data = testlib_read_file(path, &len);
	ck_assert_ptr_nonnull(data);
	for (p = data; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		lines++;
		if (lines <= FX_CLERK_ACTS) {
			ck_assert_uint_eq(fx_fields(p, (size_t) (nl - p)), 12);
			ck_assert_ptr_nonnull(strstr(p, "\tclerk\tclerk\ttty-test\tACT_DOC_SEAL\t"));
		} else {
			ck_assert_msg(strncmp(p, "sm3:", 4) == 0, "%.40s", p);
			ck_assert_ptr_nonnull(strstr(p, "\tsm2:"));
			ck_assert_ptr_nonnull(strstr(p, "\tkey:"));
		}
	}
	ck_assert_uint_eq(lines, FX_CLERK_ACTS + 1);
	ck_assert_int_eq(audit_export_verify(fx.st, path), STATUS_OK);

	/* The export signed the head first, and was recorded after. */
	fx_last_of(0, ACT_AUDIT_CHECKPOINT, &e);
	ck_assert_str_eq(e.detail, "export");
	ck_assert_uint_eq(e.id, FX_ENTRIES + 1);
	rec_free(REC_AUDIT, &e);
	fx_last_of(fx.uid[FX_AUD], ACT_AUDIT_EXPORT, &e);
	ck_assert_uint_eq(e.outcome, AUDIT_OK);
	ck_assert_msg(strncmp(e.detail, "20 entries to ", 14) == 0, "%s",
	    e.detail);
	rec_free(REC_AUDIT, &e);

	/* One changed byte, or a lost last line, and the file is refused. */
	p = strstr(data, "sealed document 3");
	p[0] = 'S';
	testlib_write_file(path, data, len);
	ck_assert_int_eq(audit_export_verify(fx.st, path),
	    STATUS_BAD_SIGNATURE);
	p[0] = 's';
	p = data + len - 2;
	while (*p != '\n')
		p--;
	testlib_write_file(path, data, (unsigned long) (p + 1 - data));
	ck_assert_int_eq(audit_export_verify(fx.st, path), STATUS_MALFORMED);

	free(data);
	free(path);
	session_free(s);
}
END_TEST

/* -- Retention, space, the key --------------------------------------------- */

START_TEST(test_audit_retention)
{
	char *stick = fx_medium("stick");
	struct session *aud = fx_session(FX_AUD), *sec = fx_session(FX_SEC);
	struct rec_audit e;
	uint32_t days;
	char *where = NULL;

	/* Today's entries cannot be archived away. */
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where),
	    STATUS_AUDIT_RETENTION);
	ck_assert_ptr_null(where);
	ck_assert_uint_eq(fx_files(stick), 0);
	fx_last_of(fx.uid[FX_AUD], ACT_AUDIT_EXPORT, &e);
	ck_assert_uint_eq(e.outcome, AUDIT_REFUSED);
	ck_assert_str_eq(e.detail, "archive up to 10 refused: entry 1 is younger than 180 days");
	rec_free(REC_AUDIT, &e);

	/* Past the retention period they can, into a signed file and a
	 * signed record of it. */
	clock_advance(181 * FX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where), STATUS_OK);
	ck_assert_int_eq(audit_export_verify(fx.st, where), STATUS_OK);
	free(where);
	fx_last_of(0, ACT_AUDIT_CHECKPOINT, &e);
	ck_assert_msg(strncmp(e.detail, "archive of entries 1..10 to ",
	    28) == 0, "%s", e.detail);
	rec_free(REC_AUDIT, &e);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_INVALID);
	fx_expect_intact();

	/* The security administrator may lengthen retention, not shorten
	 * it below the floor; the auditor may do neither. */
	ck_assert_int_eq(audit_set_retention(sec, 179), STATUS_POLICY_FLOOR);
	ck_assert_uint_eq(fx_count(FX_SEC, ACT_POLICY_SET, AUDIT_REFUSED), 1);
	ck_assert_int_eq(audit_set_retention(aud, 400), STATUS_DENIED);
	ck_assert_int_eq(audit_set_retention(sec, 400), STATUS_OK);
	ck_assert_int_eq(audit_settings(fx.st, &days, NULL, NULL), STATUS_OK);
	ck_assert_uint_eq(days, 400);
	ck_assert_int_eq(audit_archive_as(aud, 20, stick, NULL),
	    STATUS_AUDIT_RETENTION);

	session_free(aud);
	session_free(sec);
	free(stick);
}
END_TEST

START_TEST(test_audit_space)
{
	struct session *sec = fx_session(FX_SEC);
	uint64_t used = 0, threshold = 0;

	ck_assert_int_eq(audit_space_warning(fx.st, &used, &threshold),
	    STATUS_OK);
	ck_assert_uint_eq(threshold, AUDIT_SPACE_THRESHOLD);
	ck_assert_uint_gt(used, FX_ENTRIES * 57);

	/* Past the threshold the login path is told to warn. */
	fx_meta("audit.space_threshold", "100");
	ck_assert_int_eq(audit_space_warning(fx.st, &used, &threshold),
	    STATUS_AUDIT_SPACE);
	ck_assert_uint_eq(threshold, 100);

	ck_assert_int_eq(audit_set_space_threshold(sec, 1000),
	    STATUS_POLICY_FLOOR);
	ck_assert_int_eq(audit_set_space_threshold(sec, 2u << 20), STATUS_OK);
	ck_assert_int_eq(audit_space_warning(fx.st, &used, &threshold),
	    STATUS_OK);
	ck_assert_uint_eq(threshold, 2u << 20);
	session_free(sec);
}
END_TEST

START_TEST(test_audit_key_file)
{
	char *kek = xasprintf("%s/%s", fx.home, FX_KEK_FILE);
	char *path = xasprintf("%s/export.txt", fx.dir);
	struct session *aud = fx_session(FX_AUD);
	struct fx_report r;
	struct stat sb;
	uint64_t bad;

	ck_assert_int_eq(stat(kek, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);

	/* A key file others may read is not used: work goes on, chained,
	 * and verify shows how far the signatures reach. */
	ck_assert_int_eq(chmod(kek, 0644), 0);
	fx_clerk_acts(10);
	ck_assert_uint_eq(fx_last_id(), FX_ENTRIES + 10);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad), STATUS_OK);
	ck_assert_str_eq(r.lines[1], "entries 26 to 38 are chained but not yet under a checkpoint");
	ck_assert_int_eq(audit_export_as(aud, NULL, path, NULL),
	    STATUS_AUDIT_NO_KEY);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED), 1);

	ck_assert_int_eq(chmod(kek, 0600), 0);
	ck_assert_int_eq(audit_export_as(aud, NULL, path, NULL), STATUS_OK);
	fx_expect_intact();
	session_free(aud);
	free(path);
	free(kek);
}
END_TEST

/* -- No secret ------------------------------------------------------------- */

static int
fx_contains(const char *data, size_t n, const void *needle, size_t m)
{
	return m > 0 && n >= m && memmem(data, n, needle, m) != NULL;
}

/* No file under DIR but the key file holds any of the N secrets; returns
 * the number of files read. */
static unsigned
fx_scan_files(const char *dir, const char *const *secrets, unsigned n)
{
	struct dirent *d;
	struct stat sb;
	unsigned long len;
	unsigned i, files = 0;
	char *path, *data;
	DIR *dp;

	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 ||
		    strcmp(d->d_name, "..") == 0 ||
		    strcmp(d->d_name, FX_KEK_FILE) == 0)
			continue;
		path = xasprintf("%s/%s", dir, d->d_name);
		ck_assert_int_eq(lstat(path, &sb), 0);
		if (S_ISDIR(sb.st_mode))
			files += fx_scan_files(path, secrets, n);
		else if (S_ISREG(sb.st_mode) &&
		    (data = testlib_read_file(path, &len)) != NULL) {
			files++;
			for (i = 0; i < n; i++)
				ck_assert_msg(!fx_contains(data, len,
				    secrets[i], strlen(secrets[i])),
				    "a secret in %s", path);
			free(data);
		}
		free(path);
	}
	closedir(dp);
	return files;
}

START_TEST(test_audit_no_secret)
{
	struct session *s = NULL;
	struct rec_audit *v;
	unsigned long len;
	uint64_t n, i, found = 0;
	char *kek_path, *kek;
	const char *secrets[3];

	/* Logins, good and bad, and an auditor's reading. */
	ck_assert_int_eq(session_login(fx.st, "clerk", FX_WRONG_PW, "tty-test",
	    &s), STATUS_BAD_PASSWORD);
	ck_assert_int_eq(session_login(fx.st, "aud", FX_PASSWORD, "tty-test",
	    &s), STATUS_OK);
	ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &found),
	    STATUS_OK);
	session_logout(s);

	v = fx_all(&n);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_null(strstr(v[i].detail, FX_PASSWORD));
		ck_assert_ptr_null(strstr(v[i].detail, FX_WRONG_PW));
		ck_assert_ptr_null(strstr(v[i].terminal, FX_PASSWORD));
	}
	fx_all_free(v, n);

	/* Neither the passwords nor the secret that unwraps the workstation
	 * key are in any database file or log. */
	kek_path = xasprintf("%s/%s", fx.home, FX_KEK_FILE);
	kek = testlib_read_file(kek_path, &len);
	ck_assert_ptr_nonnull(kek);
	ck_assert_uint_eq(len, 64);
	secrets[0] = FX_PASSWORD;
	secrets[1] = FX_WRONG_PW;
	secrets[2] = kek;
	fx_close();
	ck_assert_uint_gt(fx_scan_files(fx.home, secrets, 3), 0);
	free(kek);
	free(kek_path);
}
END_TEST

/* -- Archive --------------------------------------------------------------- */

static void
fx_check_line(const char *what, void *arg)
{
	(void) arg;
	fprintf(stderr, "store check: %s\n", what);
}

/* The archive checkpoint whose detail starts with PREFIX. */
static uint64_t
fx_archive_record(const char *prefix)
{
	struct rec_audit *v;
	uint64_t n, i, id = 0;

	v = fx_all(&n);
	for (i = 0; i < n && id == 0; i++)
		if (v[i].action == ACT_AUDIT_CHECKPOINT &&
		    strncmp(v[i].detail, prefix, strlen(prefix)) == 0)
			id = v[i].id;
	fx_all_free(v, n);
	ck_assert_msg(id != 0, "no archive record %s", prefix);
	return id;
}

/* The lines of the file at PATH. */
static unsigned
fx_lines(const char *path)
{
	unsigned long len, i;
	unsigned n = 0;
	char *data;

	ck_assert_ptr_nonnull(data = testlib_read_file(path, &len));
	for (i = 0; i < len; i++)
		n += data[i] == '\n';
	free(data);
	return n;
}

START_TEST(test_audit_archive_boundary)
{
	char *stick = fx_medium("stick"), *where = NULL;
	struct session *aud = fx_session(FX_AUD);
	struct audit_filter f;
	struct rec_audit e10, e11;
	struct fx_report r;
	uint64_t id, bad = 99, n = 0;
	unsigned faults = 99;

	/* Entry 10 is exactly as old as the retention period, 11 is one
	 * minute younger: 11 stays, and stops an archive that takes it. */
	fx_get(10, &e10);
	fx_get(11, &e11);
	ck_assert_int_lt(e10.time, e11.time);
	clock_set(e10.time + 180 * FX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 11, stick, &where),
	    STATUS_AUDIT_RETENTION);
	ck_assert(fx_present(1) && fx_present(10) && fx_present(11));
	ck_assert_uint_eq(fx_files(stick), 0);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where), STATUS_OK);

	/* Gone from the trail, kept whole and signed on the medium. */
	for (id = 1; id <= 10; id++)
		ck_assert_msg(!fx_present(id), "entry %" PRIu64 " kept", id);
	ck_assert(fx_present(11));
	ck_assert_uint_eq(fx_files(stick), 1);
	ck_assert_ptr_nonnull(strstr(where, "eseal-audit-archive-1-10"));
	ck_assert_int_eq(audit_export_verify(fx.st, where), STATUS_OK);
	ck_assert_uint_eq(fx_lines(where), 10 + 1);

	/* The indexes over the entries lost them too: the sealings by
	 * action (what the period reports count) and the times. */
	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_search_as(aud, &f, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, FX_CLERK_ACTS - 5);
	audit_filter_init(&f);
	f.from = 1;
	f.to = e10.time;
	n = 0;
	ck_assert_int_eq(audit_search_as(aud, &f, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, 0);

	/* The chain kept verifies from the signed archive record. */
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_msg(strncmp(r.lines[1], "entries 1 to 10 archived; ", 26) ==
	    0, "%s", r.lines[1]);

	/* And the store finds its records and indexes consistent. */
	fx_close();
	ck_assert_int_eq(store_check(fx.home, fx_check_line, NULL, &faults),
	    STATUS_OK);
	ck_assert_uint_eq(faults, 0);
	fx_open("orig");

	rec_free(REC_AUDIT, &e10);
	rec_free(REC_AUDIT, &e11);
	session_free(aud);
	free(where);
	free(stick);
}
END_TEST

START_TEST(test_audit_archive_medium_refused)
{
	char *stick = fx_medium("stick"), *away;
	char *plain = xasprintf("%s/plain", fx.dir);
	struct session *aud = fx_session(FX_AUD), *sec = fx_session(FX_SEC);
	uint64_t id, last;

	ck_assert_int_eq(mkdir(plain, 0755), 0);
	clock_advance(181 * FX_DAY);
	last = fx_last_id();

	/* Only to a registered medium. */
	ck_assert_int_eq(audit_archive_as(aud, 10, plain, NULL),
	    STATUS_MEDIUM_UNREGISTERED);
	ck_assert_uint_eq(fx_files(plain), 0);

	/* A medium that fills up keeps no part of the file. */
	setenv("ESEAL_TEST_EXPORT_FSIZE", "200", 1);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_NO_SPACE);
	unsetenv("ESEAL_TEST_EXPORT_FSIZE");
	ck_assert_uint_eq(fx_files(stick), 0);

	/* One pulled out is not there. */
	away = xasprintf("%s.away", stick);
	ck_assert_int_eq(rename(stick, away), 0);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_MEDIUM_ABSENT);
	ck_assert_int_eq(rename(away, stick), 0);

	/* A revoked one is no longer registered. */
	ck_assert_int_eq(medium_revoke(sec, stick), STATUS_OK);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_MEDIUM_UNREGISTERED);

	/* Every entry stays; each failure is in the trail; it verifies. */
	for (id = 1; id <= last; id++)
		ck_assert_msg(fx_present(id), "entry %" PRIu64 " lost", id);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED), 4);
	fx_expect_intact();

	session_free(aud);
	session_free(sec);
	free(away);
	free(plain);
	free(stick);
}
END_TEST

START_TEST(test_audit_archive_tampering)
{
	char *stick = fx_medium("stick"), *want, *p;
	struct session *aud = fx_session(FX_AUD);
	struct rec_audit e;
	uint64_t cp, id;

	clock_advance(181 * FX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL), STATUS_OK);
	session_free(aud);
	cp = fx_archive_record("archive of entries 1..10 ");
	fx_expect_intact();

	/* The archive record removed: the gap it leaves. */
	fx_copy("a");
	fx_del(cp);
	want = xasprintf("entry %" PRIu64 " removed", cp);
	fx_expect_broken(want, cp);
	free(want);

	/* Entries removed after the archive, without one. */
	fx_copy("b");
	fx_del(11);
	fx_expect_broken("entry 11 removed", 11);
	fx_copy("c");
	for (id = 11; id <= 14; id++)
		fx_del(id);
	fx_expect_broken("entry 11 removed", 11);

	/* The first entry kept altered. */
	fx_copy("d");
	fx_get(11, &e);
	p = strstr(e.detail, "sealed");
	ck_assert_ptr_nonnull(p);
	p[0] = 'S';
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_expect_broken("entry 11 altered", 11);

	/* The record changed to claim one more entry, and that one
	 * removed: its signature gives it away. */
	fx_copy("e");
	fx_get(cp, &e);
	p = strstr(e.detail, "1..10 ");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "1..11", 5);
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_del(11);
	want = xasprintf("entry %" PRIu64 ": checkpoint signature does not verify", cp);
	fx_expect_broken(want, cp);
	free(want);

	/* A trail that does not verify is not archived: the archive would
	 * carry the evidence away. */
	fx_copy("f");
	fx_get(14, &e);
	p = strstr(e.detail, "sealed");
	ck_assert_ptr_nonnull(p);
	p[0] = 'S';
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	aud = fx_session(FX_AUD);
	ck_assert_int_eq(audit_archive_as(aud, 20, stick, NULL),
	    STATUS_AUDIT_BROKEN);
	session_free(aud);
	for (id = 11; id <= 20; id++)
		ck_assert_msg(fx_present(id), "entry %" PRIu64 " lost", id);
	ck_assert_uint_eq(fx_files(stick), 1);
	free(stick);
}
END_TEST

START_TEST(test_audit_export_medium)
{
	char *stick = fx_medium("stick"), *where = NULL;
	char *plain = xasprintf("%s/plain", fx.dir);
	struct session *aud = fx_session(FX_AUD);
	struct audit_filter f;
	uint64_t count = 0, last;

	/* The clerk's sealings, to the registered medium, read back. */
	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_export_medium_as(aud, &f, stick, &where,
	    &count), STATUS_OK);
	ck_assert_uint_eq(count, FX_CLERK_ACTS);
	ck_assert_ptr_nonnull(strstr(where, "/eseal-audit-"));
	ck_assert_int_eq(audit_export_verify(fx.st, where), STATUS_OK);
	ck_assert_uint_eq(fx_lines(where), FX_CLERK_ACTS + 1);
	ck_assert_uint_eq(fx_files(stick), 1);

	/* Never to a directory nobody registered; the refusal is kept,
	 * and the export took nothing out of the trail. */
	ck_assert_int_eq(mkdir(plain, 0755), 0);
	last = fx_last_id();
	ck_assert_int_eq(audit_export_medium_as(aud, &f, plain, NULL, NULL),
	    STATUS_MEDIUM_UNREGISTERED);
	ck_assert_uint_eq(fx_files(plain), 0);
	ck_assert_uint_eq(fx_count(FX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED), 1);
	ck_assert(fx_present(1) && fx_present(last));
	fx_expect_intact();

	session_free(aud);
	free(where);
	free(plain);
	free(stick);
}
END_TEST

START_TEST(test_audit_archive_again)
{
	char *stick = fx_medium("stick");
	struct session *aud = fx_session(FX_AUD);
	struct fx_report r;
	uint64_t bad = 99;

	clock_advance(181 * FX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL), STATUS_OK);
	fx_clerk_acts(12);
	fx_expect_intact();

	/* A second archive goes on from the first; the chain kept starts
	 * from the second record. */
	ck_assert_int_eq(audit_archive_as(aud, 25, stick, NULL), STATUS_OK);
	ck_assert(!fx_present(11) && !fx_present(25) && fx_present(26));
	ck_assert_uint_eq(fx_files(stick), 2);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(fx.st, fx_report, &r, &bad), STATUS_OK);
	ck_assert_msg(strncmp(r.lines[1], "entries 1 to 25 archived; ", 26) ==
	    0, "%s", r.lines[1]);
	ck_assert_int_eq(audit_archive_as(aud, 25, stick, NULL),
	    STATUS_INVALID);
	session_free(aud);
	free(stick);
}
END_TEST

Suite *
audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("audit");

	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_audit_chain_links);
	tcase_add_test(tc, test_audit_verify_intact);
	tcase_add_test(tc, test_audit_append_rules);
	tcase_add_test(tc, test_audit_aborted_leaves_no_gap);
	tcase_add_test(tc, test_audit_two_writers);
	tcase_add_test(tc, test_audit_alter_field);
	tcase_add_test(tc, test_audit_checkpoint_signature);
	tcase_add_test(tc, test_audit_delete);
	tcase_add_test(tc, test_audit_delete_last);
	tcase_add_test(tc, test_audit_delete_renumbered);
	tcase_add_test(tc, test_audit_insert);
	tcase_add_test(tc, test_audit_swap);
	tcase_add_test(tc, test_audit_rewrite_chain);
	tcase_add_test(tc, test_audit_only_the_auditor);
	tcase_add_test(tc, test_audit_search_filters);
	tcase_add_test(tc, test_audit_search_outcome_text);
	tcase_add_test(tc, test_audit_export_file);
	tcase_add_test(tc, test_audit_retention);
	tcase_add_test(tc, test_audit_space);
	tcase_add_test(tc, test_audit_key_file);
	tcase_add_test(tc, test_audit_no_secret);
	suite_add_tcase(s, tc);

	tc = tcase_create("archive");
	tcase_add_checked_fixture(tc, fx_setup, fx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_audit_archive_boundary);
	tcase_add_test(tc, test_audit_archive_medium_refused);
	tcase_add_test(tc, test_audit_archive_tampering);
	tcase_add_test(tc, test_audit_archive_again);
	tcase_add_test(tc, test_audit_export_medium);
	suite_add_tcase(s, tc);
	return s;
}
