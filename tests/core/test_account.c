/*
 * test_account.c -- the administrators' account operations (Art. 7, 8):
 * every role against every account action through the real calls, the
 * role rules, the last administrator, the workspace's creation, and no
 * password or hash in any log, dump or audit entry.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/accounts_fixture.h"
#include "core/suites.h"
#include "crypto/crypto.h"
#include "lib/testlib.h"

#define PW	FX_PW

static const uint32_t account_test_roles[] = {
	ROLE_DRAFTER, ROLE_APPROVER, ROLE_CLERK, ROLE_PRINTER,
	ROLE_OFFICE_DIRECTOR, ROLE_STATION_DIRECTOR, ROLE_IT_STAFF,
	ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR
};
#define ACCOUNT_NROLES \
	(sizeof account_test_roles / sizeof account_test_roles[0])

/* What an account action can change, to see that a refusal changed
 * nothing. */
struct account_snapshot {
	struct rec_user	 target;
	struct policy	 pol;
	size_t		 users;
	size_t		 depts;
};

static void
account_snap(struct account_snapshot *s)
{
	struct rec_user *users;
	struct rec_dept *depts;

	fx_get_user("target", &s->target);
	ck_assert_int_eq(policy_get(fx.st, &s->pol), STATUS_OK);
	ck_assert_int_eq(account_list(fx.sys, &users, &s->users), STATUS_OK);
	account_list_free(users, s->users);
	ck_assert_int_eq(account_dept_list(fx.sys, &depts, &s->depts),
	    STATUS_OK);
	account_dept_free(depts, s->depts);
}

static void
account_snap_same(struct account_snapshot *a, struct account_snapshot *b)
{
	ck_assert_uint_eq(a->target.roles, b->target.roles);
	ck_assert_uint_eq(a->target.disabled, b->target.disabled);
	ck_assert_uint_eq(a->target.pw_must_change, b->target.pw_must_change);
	ck_assert_int_eq(a->target.locked_until, b->target.locked_until);
	ck_assert_uint_eq(a->target.pw_hash.len, b->target.pw_hash.len);
	ck_assert(memcmp(a->target.pw_hash.data, b->target.pw_hash.data,
	    a->target.pw_hash.len) == 0);
	ck_assert(memcmp(&a->pol, &b->pol, sizeof a->pol) == 0);
	ck_assert_uint_eq(a->users, b->users);
	ck_assert_uint_eq(a->depts, b->depts);
	rec_free(REC_USER, &a->target);
	rec_free(REC_USER, &b->target);
}

/* Perform ACT as session S with the real core call. */
static enum status
account_do(struct session *s, enum action act, unsigned n)
{
	struct account_attrs a;
	struct rec_user *users;
	struct rec_dept *depts;
	struct policy p;
	char name[32], *pw = NULL;
	enum status rc;
	size_t cnt;

	memset(&a, 0, sizeof a);
	snprintf(name, sizeof name, "new%u", n);
	switch (act) {
	case ACT_USER_ADD:
		rc = account_add(s, name, NULL, 0, &pw, NULL);
		break;
	case ACT_USER_DISABLE:
		rc = account_set_disabled(s, "target", 1);
		if (rc == STATUS_OK)
			rc = account_set_disabled(s, "target", 0);
		break;
	case ACT_USER_LIST:
		rc = account_list(s, &users, &cnt);
		if (rc == STATUS_OK)
			account_list_free(users, cnt);
		break;
	case ACT_USER_ROLES:
		a.fields = ACCOUNT_ROLES;
		a.roles = ROLE_DRAFTER | ROLE_APPROVER;
		rc = account_set_attrs(s, "target", &a);
		a.roles = ROLE_DRAFTER;
		if (rc == STATUS_OK)
			rc = account_set_attrs(s, "target", &a);
		break;
	case ACT_PW_RESET:
		rc = account_reset_password(s, "target", &pw);
		break;
	case ACT_USER_UNLOCK:
		rc = account_unlock(s, "target");
		break;
	case ACT_POLICY_SET:
		ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
		p.history++;
		rc = policy_set(s, &p);
		break;
	case ACT_WORKSTATION_CLASS:
		rc = policy_set_classification(s, CLASS_NONE);
		break;
	case ACT_DEPT_MANAGE:
		snprintf(name, sizeof name, "科室%u", n);
		rc = account_dept_add(s, name, NULL, 0, NULL);
		if (rc == STATUS_OK)	/* listing needs ACT_USER_LIST */
			rc = account_dept_list(fx.sys, &depts, &cnt);
		if (rc == STATUS_OK)
			account_dept_free(depts, cnt);
		break;
	default:
		ck_abort_msg("no call for %s", action_name(act));
		return STATUS_INVALID;
	}
	account_password_free(pw);
	return rc;
}

static const enum action account_actions[] = {
	ACT_USER_ADD, ACT_USER_DISABLE, ACT_USER_LIST, ACT_USER_ROLES,
	ACT_PW_RESET, ACT_USER_UNLOCK, ACT_POLICY_SET, ACT_WORKSTATION_CLASS,
	ACT_DEPT_MANAGE
};

/*
 * The matrix through the real calls: an account holding only role R tries
 * each account action; an allowed pair succeeds, any other returns
 * STATUS_DENIED, changes nothing and leaves a refused audit entry.
 */
START_TEST(test_account_matrix)
{
	struct account_snapshot before, after;
	struct session *s;
	char name[32];
	uint64_t seq, id;
	unsigned r, a, n = 0;
	enum status rc;

	fx_user("target", ROLE_DRAFTER, PW);
	for (r = 0; r < ACCOUNT_NROLES; r++) {
		snprintf(name, sizeof name, "actor%u", r);
		id = fx_user(name, account_test_roles[r], PW);
		s = fx_login(name, PW, STATUS_OK);
		for (a = 0; a < sizeof account_actions /
		    sizeof account_actions[0]; a++) {
			int allowed = (action_roles(account_actions[a]) &
			    account_test_roles[r]) != 0;

			account_snap(&before);
			seq = fx_audit_count();
			rc = account_do(s, account_actions[a], n++);
			ck_assert_msg(rc ==
			    (allowed ? STATUS_OK : STATUS_DENIED),
			    "%s as %s: %s", action_name(account_actions[a]),
			    perm_role_name(account_test_roles[r]),
			    status_name(rc));
			ck_assert(fx_audit_has(seq, account_actions[a],
			    allowed ? AUDIT_OK : AUDIT_REFUSED, id));
			if (allowed) {
				rec_free(REC_USER, &before.target);
				continue;
			}
			account_snap(&after);
			account_snap_same(&before, &after);
		}
		session_logout(s);
	}
}
END_TEST

START_TEST(test_account_add_gives_initial_password_once)
{
	struct rec_user u;
	char *pw = NULL;
	uint64_t id = 0;

	ck_assert_int_eq(account_add(fx.sys, "zhao", "赵六\x1b[2J", 0, &pw,
	    &id), STATUS_OK);
	ck_assert_ptr_nonnull(pw);
	ck_assert_uint_ge(strlen(pw), 12);
	fx_get_user("zhao", &u);
	ck_assert_uint_eq(u.id, id);
	ck_assert_str_eq(u.full_name, "赵六");	/* the sequence goes whole */
	ck_assert_uint_eq(u.roles, 0);
	ck_assert_uint_eq(u.pw_must_change, 1);
	ck_assert(memmem(u.pw_hash.data, u.pw_hash.len, pw, strlen(pw)) ==
	    NULL);			/* a hash, not the password */
	rec_free(REC_USER, &u);
	ck_assert_int_eq(account_add(fx.sys, "zhao", NULL, 0, &pw, NULL),
	    STATUS_EXISTS);
	ck_assert_ptr_null(pw);
	ck_assert_int_eq(account_add(fx.sys, "bad name", NULL, 0, &pw, NULL),
	    STATUS_INVALID);
}
END_TEST

START_TEST(test_account_reset_forces_change)
{
	struct session *s;
	char *pw = NULL;

	fx_user("li", ROLE_DRAFTER, PW);
	ck_assert_int_eq(account_reset_password(fx.sec, "li", &pw), STATUS_OK);
	fx_login("li", PW, STATUS_BAD_PASSWORD);
	s = fx_login("li", pw, STATUS_PW_MUST_CHANGE);
	/* The forgotten password is in the history: not again. */
	ck_assert_int_eq(session_change_password(s, pw, PW), STATUS_PW_REUSED);
	ck_assert_int_eq(session_change_password(s, pw, "Seal-2026-new"),
	    STATUS_OK);
	session_free(s);
	account_password_free(pw);
}
END_TEST

START_TEST(test_account_role_conflicts_refused)
{
	struct account_attrs a;
	struct rec_user u;
	uint64_t before;

	fx_user("li", ROLE_DRAFTER, PW);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES;
	before = fx_audit_count();
	a.roles = ROLE_SYSADMIN | ROLE_AUDITOR;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a),
	    STATUS_ROLE_CONFLICT);
	a.roles = ROLE_SECADMIN | ROLE_DRAFTER;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a),
	    STATUS_ROLE_CONFLICT);
	ck_assert(fx_audit_has(before, ACT_USER_ROLES, AUDIT_FAILED,
	    fx.sec->user_id));
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.roles, ROLE_DRAFTER);
	rec_free(REC_USER, &u);

	a.roles = ROLE_DRAFTER | ROLE_APPROVER | ROLE_CLERK;
	a.fields |= ACCOUNT_ISSUING | ACCOUNT_LEADER | ACCOUNT_CLEARANCE;
	a.issuing_kinds = 1u << DOC_LIT_COMPOSED;
	a.leader_level = 3;
	a.clearance = CLASS_SECRET;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a), STATUS_OK);
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.roles, a.roles);
	ck_assert_uint_eq(u.issuing_kinds, a.issuing_kinds);
	ck_assert_uint_eq(u.leader_level, 3);
	ck_assert_uint_eq(u.clearance, CLASS_SECRET);
	rec_free(REC_USER, &u);
	a.leader_level = 4;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a), STATUS_INVALID);
}
END_TEST

START_TEST(test_account_last_admin_kept)
{
	struct account_attrs a;

	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES;
	a.roles = 0;
	ck_assert_int_eq(account_set_disabled(fx.sys, "secadmin", 1),
	    STATUS_LAST_ADMIN);
	ck_assert_int_eq(account_set_disabled(fx.sys, "sysadmin", 1),
	    STATUS_LAST_ADMIN);
	ck_assert_int_eq(account_set_attrs(fx.sec, "auditor", &a),
	    STATUS_LAST_ADMIN);
	ck_assert_int_eq(account_set_attrs(fx.sec, "secadmin", &a),
	    STATUS_LAST_ADMIN);

	/* With a second security administrator, the first may go. */
	fx_user("sec2", ROLE_SECADMIN, PW);
	ck_assert_int_eq(account_set_disabled(fx.sys, "secadmin", 1),
	    STATUS_OK);
	fx_login("secadmin", "Sec-admin-2026", STATUS_DISABLED);
}
END_TEST

START_TEST(test_account_departments)
{
	struct account_attrs a;
	struct rec_dept *d;
	struct rec_user u;
	uint64_t id = 0, found = 0;
	size_t n;

	ck_assert_int_eq(account_dept_add(fx.sys, "行政复议科", "示司复", 0,
	    &id), STATUS_OK);
	ck_assert_int_eq(account_dept_add(fx.sys, "行政复议科", NULL, 0, NULL),
	    STATUS_EXISTS);
	ck_assert_int_eq(account_dept_add(fx.sys, "城关司法所", NULL, 1, NULL),
	    STATUS_OK);
	ck_assert_int_eq(account_dept_list(fx.sec, &d, &n), STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(d[0].name, "行政复议科");
	ck_assert_str_eq(d[0].number_prefix, "示司复");
	ck_assert_uint_eq(d[1].is_station, 1);
	account_dept_free(d, n);
	ck_assert_int_eq(account_dept_find(fx.sec, "行政复议科", &found),
	    STATUS_OK);
	ck_assert_uint_eq(found, id);

	fx_user("li", ROLE_DRAFTER, PW);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_DEPT;
	a.dept_id = id;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a), STATUS_OK);
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.dept_id, id);
	rec_free(REC_USER, &u);
	a.dept_id = id + 100;
	ck_assert_int_eq(account_set_attrs(fx.sec, "li", &a),
	    STATUS_NOT_FOUND);
}
END_TEST

START_TEST(test_account_init_refuses_existing)
{
	struct account_init ai;
	struct rec_user u;
	struct policy p;

	memset(&ai, 0, sizeof ai);
	ai.bureau = "另一个局";
	ai.names[0] = "s2";
	ai.names[1] = "c2";
	ai.names[2] = "a2";
	ck_assert_int_eq(account_init_workspace(fx.st, &ai),
	    STATUS_WORKSPACE_EXISTS);
	ck_assert_ptr_null(ai.passwords[0]);

	fx_get_user("secadmin", &u);
	ck_assert_uint_eq(u.roles, ROLE_SECADMIN);
	rec_free(REC_USER, &u);
	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	ck_assert_uint_eq(p.classification, CLASS_NONE);
	ck_assert_uint_eq(p.min_length, 10);
}
END_TEST

START_TEST(test_account_init_classified)
{
	struct policy p;

	fx_teardown();
	fx_setup_class(CLASS_CONFIDENTIAL);
	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	ck_assert_uint_eq(p.classification, CLASS_CONFIDENTIAL);
	ck_assert_uint_eq(p.max_age_days, 7);
	ck_assert_uint_eq(p.letters_digits, 1);
}
END_TEST

/* -- No secret anywhere -------------------------------------------------- */

struct account_secrets {
	char	**needles;
	size_t	  n, cap;
	FILE	 *dump;
};

static void
account_secret_add(struct account_secrets *sec, const char *s)
{
	if (sec->n == sec->cap) {
		sec->cap = sec->cap * 2 + 16;
		sec->needles = xrealloc(sec->needles,
		    sec->cap * sizeof *sec->needles);
	}
	sec->needles[sec->n++] = xstrdup(s);
}

/* A hash's hex (as a dump would print it) and its text (it is a
 * self-describing string) are both secrets. */
static void
account_secret_blob(struct account_secrets *sec, const struct blob *b)
{
	char *hex;

	if (b->len == 0)
		return;
	hex = xmalloc(b->len * 2 + 1);
	crypto_hex(b->data, b->len, hex);
	account_secret_add(sec, hex);
	free(hex);
	if (b->len > 24) {
		char *text = xstrndup((const char *) b->data + b->len - 24, 24);

		account_secret_add(sec, text);
		free(text);
	}
}

struct account_dump_kind {
	struct account_secrets	*sec;
	enum rec_kind		 kind;
};

static int
account_dump_any(const void *rec, void *arg)
{
	struct account_dump_kind *k = arg;
	char *text = rec_format(k->kind, rec);

	fputs(text, k->sec->dump);
	fputc('\n', k->sec->dump);
	free(text);
	return 0;
}

static enum status
account_dump_txn(struct store_txn *txn, void *arg)
{
	struct account_dump_kind k = { arg, REC_META };
	enum status rc = STATUS_OK;

	for (k.kind = 0; k.kind < REC__COUNT && rc == STATUS_OK; k.kind++)
		rc = store_scan_all(txn, k.kind, account_dump_any, &k);
	return rc;
}

static int
account_hash_each(const void *rec, void *arg)
{
	const struct rec_user *u = rec;
	struct account_secrets *sec = arg;
	struct buf_reader r;
	const unsigned char *p;
	struct blob b;

	account_secret_blob(sec, &u->pw_hash);
	buf_reader_init(&r, u->pw_history.data, u->pw_history.len);
	while (r.left > 0) {
		b.len = buf_get_bytes(&r, &p);
		if (r.error)
			break;
		b.data = (unsigned char *) p;
		account_secret_blob(sec, &b);
	}
	return 0;
}

static enum status
account_hashes_txn(struct store_txn *txn, void *arg)
{
	return store_scan_all(txn, REC_USER, account_hash_each, arg);
}

START_TEST(test_account_no_secret_in_log_dump_or_audit)
{
	struct account_secrets sec;
	struct session *s;
	char *logpath = xasprintf("%s/eseal.log", fx.dir);
	char *dumppath = xasprintf("%s/dump.txt", fx.dir);
	char *pw = NULL, *text;
	unsigned i;
	int j;

	memset(&sec, 0, sizeof sec);
	ck_assert_int_eq(log_open(logpath, LOG_LEVEL_DEBUG), 0);
	for (i = 0; i < 3; i++)
		account_secret_add(&sec, fx.initial[i]);
	account_secret_add(&sec, "Sys-admin-2026");
	account_secret_add(&sec, "Sec-admin-2026");

	/* A scenario touching every path that sees a password. */
	fx_user("li", ROLE_DRAFTER, PW);
	account_secret_add(&sec, PW);
	fx_login("li", "Typo-Secret-77", STATUS_BAD_PASSWORD);
	account_secret_add(&sec, "Typo-Secret-77");
	fx_login("Unknown-Secret-88", PW, STATUS_BAD_PASSWORD);
	account_secret_add(&sec, "Unknown-Secret-88");
	for (j = 0; j < 4; j++)		/* the typo was the first failure */
		fx_login("li", "Guess-Secret-99", j < 3 ? STATUS_BAD_PASSWORD :
		    STATUS_LOCKED);
	account_secret_add(&sec, "Guess-Secret-99");
	ck_assert_int_eq(account_unlock(fx.sec, "li"), STATUS_OK);
	ck_assert_int_eq(account_reset_password(fx.sec, "li", &pw), STATUS_OK);
	account_secret_add(&sec, pw);
	s = fx_login("li", pw, STATUS_PW_MUST_CHANGE);
	ck_assert_int_eq(session_change_password(s, pw, "Short-1"),
	    STATUS_PW_WEAK);
	account_secret_add(&sec, "Short-1");
	ck_assert_int_eq(session_change_password(s, pw, "Chosen-Secret-42"),
	    STATUS_OK);
	account_secret_add(&sec, "Chosen-Secret-42");
	session_logout(s);
	account_password_free(pw);
	log_close();

	ck_assert_int_eq(store_run(fx.st, STORE_READ, account_hashes_txn, &sec),
	    STATUS_OK);
	sec.dump = fopen(dumppath, "w");
	ck_assert_ptr_nonnull(sec.dump);
	ck_assert_int_eq(store_run(fx.st, STORE_READ, account_dump_txn, &sec),
	    STATUS_OK);
	fclose(sec.dump);

	/* The audit trail is in the dump (every REC_AUDIT entry). */
	text = testlib_read_file(logpath, NULL);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "login failed"));
	for (i = 0; i < sec.n; i++)
		ck_assert_msg(strstr(text, sec.needles[i]) == NULL,
		    "secret %u in the log", i);
	free(text);
	text = testlib_read_file(dumppath, NULL);
	ck_assert_ptr_nonnull(strstr(text, "li"));
	for (i = 0; i < sec.n; i++)
		ck_assert_msg(strstr(text, sec.needles[i]) == NULL,
		    "secret %u in the dump", i);
	free(text);

	for (i = 0; i < sec.n; i++)
		free(sec.needles[i]);
	free(sec.needles);
	free(logpath);
	free(dumppath);
}
END_TEST

Suite *
account_suite(void)
{
	Suite *s = suite_create("account");
	TCase *tc = tcase_create("admin");
	TCase *mx = tcase_create("matrix");

	tcase_add_checked_fixture(tc, fx_setup_none, fx_teardown);
	tcase_add_test(tc, test_account_add_gives_initial_password_once);
	tcase_add_test(tc, test_account_reset_forces_change);
	tcase_add_test(tc, test_account_role_conflicts_refused);
	tcase_add_test(tc, test_account_last_admin_kept);
	tcase_add_test(tc, test_account_departments);
	tcase_add_test(tc, test_account_init_refuses_existing);
	tcase_add_test(tc, test_account_init_classified);
	tcase_add_test(tc, test_account_no_secret_in_log_dump_or_audit);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(mx, fx_setup_none, fx_teardown);
	tcase_set_timeout(mx, 60);
	tcase_add_test(mx, test_account_matrix);
	suite_add_tcase(s, mx);
	return s;
}
