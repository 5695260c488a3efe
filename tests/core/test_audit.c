/*
 * test_audit.c -- the audit trail: entries chain as documented; only the
 * security auditor reads, verifies and exports, and refusals are kept;
 * retention, the space warning, export files, archives, and no secret
 * anywhere.  Tampering with a trail is test_audit_tamper.c's.
 *
 * Every trail here is made as the programs make it (audit_append in the
 * caller's transaction; see audit_fixture.h).
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
#include "core/audit_fixture.h"
#include "core/suites.h"

/* -- Reading and writing at the storage level ------------------------------ */

static enum status
fx_meta_txn(struct store_txn *txn, void *arg)
{
	struct afx_rec *r = arg;
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
	struct afx_rec r = { 0, NULL, key, value };

	ck_assert_int_eq(store_run(afx.st, STORE_WRITE, fx_meta_txn, &r),
	    STATUS_OK);
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

	return store_run(afx.st, STORE_WRITE, fx_append_txn, &a);
}

static enum status
fx_append(enum action act, enum rec_kind kind, enum audit_outcome outcome,
    const char *detail)
{
	return fx_append_then(act, kind, outcome, detail, STATUS_OK);
}

/* The newest entry by USER_ID (0: the system) with ACT, into E. */
static void
fx_last_of(uint64_t user_id, enum action act, struct rec_audit *e)
{
	uint64_t id;

	for (id = afx_last_id(); id > 0; id--) {
		afx_get(id, e);
		if (e->user_id == user_id && e->action == act)
			return;
		rec_free(REC_AUDIT, e);
	}
	ck_abort_msg("no entry of %s", action_name(act));
}

/* -- The chain ------------------------------------------------------------- */

START_TEST(test_audit_chain_links)
{
	struct rec_audit *v;
	unsigned char h[32], zero[32];
	uint64_t n, i;

	v = afx_all(&n);
	ck_assert_uint_eq(n, AFX_ENTRIES);
	memset(zero, 0, sizeof zero);
	ck_assert_uint_eq(v[0].prev_hash.len, 32);
	ck_assert_mem_eq(v[0].prev_hash.data, zero, 32);
	for (i = 1; i < n; i++) {
		ck_assert_uint_eq(v[i].id, i + 1);
		afx_hash(&v[i - 1], h);
		ck_assert_uint_eq(v[i].prev_hash.len, 32);
		ck_assert_mem_eq(v[i].prev_hash.data, h, 32);
	}

	/* Entry 4, the clerk's first act, says who, as what, from where. */
	ck_assert_uint_eq(v[3].user_id, afx.uid[AFX_CLERK]);
	ck_assert_uint_eq(v[3].role, ROLE_CLERK);
	ck_assert_str_eq(v[3].terminal, "tty-test");
	ck_assert_uint_eq(v[3].action, ACT_DOC_SEAL);
	ck_assert_uint_eq(v[3].object_kind, REC_DOC);
	ck_assert_uint_eq(v[3].outcome, AUDIT_OK);
	ck_assert_str_eq(v[3].detail, "sealed document 1");
	ck_assert_int_eq(v[3].time, AFX_T0 + 60);
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
	afx_all_free(v, n);
}
END_TEST

START_TEST(test_audit_verify_intact)
{
	struct rec_audit key;
	struct afx_report r;
	uint64_t bad = 99;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(r.n, 3);
	ck_assert_str_eq(r.lines[0], "audit trail intact: 28 entries, 6 checkpoints");
	ck_assert_str_eq(r.lines[1], "entries 26 to 28 are chained but not yet under a checkpoint");

	/* The fingerprint verify shows is the one the key's first
	 * checkpoint named. */
	afx_get(2, &key);
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
	ck_assert_uint_eq(afx_last_id(), AFX_ENTRIES);

	/* A detail is kept as one line without control characters, and the
	 * terminal is the one set. */
	audit_set_terminal("tty9");
	ck_assert_int_eq(fx_append(ACT_DOC_SEAL, REC_DOC, AUDIT_FAILED,
	    "a\x1b[31mb\nc\td"), STATUS_OK);
	afx_get(AFX_ENTRIES + 1, &e);
	ck_assert_str_eq(e.terminal, "tty9");
	ck_assert_ptr_null(strchr(e.detail, '\x1b'));
	ck_assert_ptr_null(strchr(e.detail, '\n'));
	ck_assert_uint_eq(e.outcome, AUDIT_FAILED);
	rec_free(REC_AUDIT, &e);
	afx_expect_intact();
}
END_TEST

START_TEST(test_audit_aborted_leaves_no_gap)
{
	struct rec_audit e;

	/* A change that is rolled back takes its entry with it, and the
	 * number is not lost: the next entry follows on. */
	ck_assert_int_eq(fx_append_then(ACT_DOC_SEAL, REC_DOC, AUDIT_OK,
	    "rolled back", STATUS_CANCELLED), STATUS_CANCELLED);
	ck_assert_uint_eq(afx_last_id(), AFX_ENTRIES);
	afx_clerk_acts(1);
	afx_get(AFX_ENTRIES + 1, &e);
	ck_assert_uint_eq(e.action, ACT_DOC_SEAL);
	ck_assert_uint_eq(e.user_id, afx.uid[AFX_CLERK]);
	rec_free(REC_AUDIT, &e);
	afx_expect_intact();
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
		ck_assert_int_eq(store_open(afx.home, 0, &mine), STATUS_OK);
		afx.st = mine;
		audit_attach(mine);
		afx_clerk_acts(15);
		store_close(mine);
		_exit(0);
	}
	afx_clerk_acts(15);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_ge(afx_last_id(), AFX_ENTRIES + 30);
	afx_expect_intact();
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
fx_count(enum afx_who who, enum action act, enum audit_outcome outcome)
{
	struct rec_audit *v;
	unsigned found = 0;
	uint64_t n, i;

	v = afx_all(&n);
	for (i = 0; i < n; i++)
		if (v[i].user_id == afx.uid[who] && v[i].action == act &&
		    v[i].outcome == outcome)
			found++;
	afx_all_free(v, n);
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
	static const enum afx_who others[] = { AFX_SYS, AFX_SEC, AFX_CLERK };
	char *path = xasprintf("%s/export.txt", afx.dir);
	struct session *s;
	struct afx_report r;
	uint64_t n, bad, count;
	unsigned i;

	for (i = 0; i < 3; i++) {
		s = afx_session(others[i]);
		n = 0;
		ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &n),
		    STATUS_DENIED);
		ck_assert_uint_eq(n, 0);
		ck_assert_int_eq(audit_verify_as(s, afx_report, &r, &bad),
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
	s = afx_session(AFX_AUD);
	count = afx_last_id();
	n = 0;
	ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, count);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_READ, AUDIT_OK), 1);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify_as(s, afx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_VERIFY, AUDIT_OK), 1);
	ck_assert_int_eq(audit_export_as(s, NULL, path, &count), STATUS_OK);
	ck_assert(fx_exists(path));
	ck_assert_int_eq(audit_export_verify_as(s, path), STATUS_OK);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_EXPORT, AUDIT_OK), 1);
	session_free(s);
	afx_expect_intact();
	free(path);
}
END_TEST

START_TEST(test_audit_search_filters)
{
	struct audit_filter f;
	struct session *s = afx_session(AFX_AUD);
	uint64_t n;

	/* The clerk's seals between the 5th and the 7th minute. */
	audit_filter_init(&f);
	f.from = AFX_T0 + 5 * 60;
	f.to = AFX_T0 + 7 * 60;
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

/* The ids of the entries given, in their order; with FILTER set, of
 * those alone whose time lies in FROM..TO. */
struct fx_ids {
	uint64_t	 v[128];
	size_t		 n;
	int64_t		 from, to;
	int		 filter;
};

static int
fx_ids_each(const struct rec_audit *e, const char *user, void *arg)
{
	struct fx_ids *r = arg;

	(void) user;
	ck_assert_uint_lt(r->n, 128);
	if (!r->filter || (e->time >= r->from && e->time <= r->to))
		r->v[r->n++] = e->id;
	return 0;
}

/* The search of FROM..TO returns, in sequence order, what a filter of
 * every entry does: the count. */
static size_t
fx_search_range(struct session *s, int64_t from, int64_t to)
{
	struct fx_ids all = { { 0 }, 0, from, to, 1 };
	struct fx_ids got = { { 0 }, 0, from, to, 0 };
	struct audit_filter f;
	size_t i;

	audit_filter_init(&f);
	f.from = from;
	f.to = to;
	ck_assert_int_eq(audit_search_as(s, &f, fx_ids_each, &got), STATUS_OK);
	ck_assert_int_eq(audit_search_as(s, NULL, fx_ids_each, &all),
	    STATUS_OK);
	ck_assert_uint_eq(got.n, all.n);
	for (i = 0; i < got.n; i++)
		ck_assert_uint_eq(got.v[i], all.v[i]);
	return got.n;
}

/* A clock stepped back a day, then a day ahead, then back to the hour:
 * a search of a range of time finds the entries whatever their order. */
START_TEST(test_audit_search_clock_stepped)
{
	struct session *s = afx_session(AFX_AUD);

	clock_set(AFX_T0 - AFX_DAY);
	afx_clerk_acts(3);
	clock_set(AFX_T0 + AFX_DAY);
	afx_clerk_acts(2);
	clock_set(AFX_T0 + 3600);
	afx_clerk_acts(2);
	/* The searches' own entries fall after every range. */
	clock_set(AFX_T0 + 10 * AFX_DAY);
	ck_assert_uint_ge(fx_search_range(s, AFX_T0 - AFX_DAY, AFX_T0 - 1), 3);
	ck_assert_uint_ge(fx_search_range(s, AFX_T0, AFX_T0 + AFX_DAY - 1),
	    AFX_ENTRIES + 2);
	ck_assert_uint_ge(fx_search_range(s, AFX_T0 + AFX_DAY,
	    AFX_T0 + 2 * AFX_DAY), 2);
	ck_assert_uint_ge(fx_search_range(s, AFX_T0 + 3600, AFX_T0 + 3600 +
	    300), 2);
	ck_assert_uint_eq(fx_search_range(s, AFX_T0 - 2 * AFX_DAY,
	    AFX_T0 - AFX_DAY), 0);
	ck_assert_uint_eq(fx_search_range(s, AFX_T0 + 3 * AFX_DAY,
	    AFX_T0 + 9 * AFX_DAY), 0);
	session_free(s);
}
END_TEST

START_TEST(test_audit_search_outcome_text)
{
	struct session *s = afx_session(AFX_AUD);
	struct session *clerk = afx_session(AFX_CLERK);
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
	fx_last_of(afx.uid[AFX_AUD], ACT_AUDIT_READ, &e);
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
	char *path = xasprintf("%s/export.txt", afx.dir);
	struct session *s = afx_session(AFX_AUD);
	struct audit_filter f;
	struct rec_audit e;
	unsigned long len;
	uint64_t count = 0;
	unsigned lines = 0;
	char *data, *p, *nl;

	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_export_as(s, &f, path, &count), STATUS_OK);
	ck_assert_uint_eq(count, AFX_CLERK_ACTS);

	/* One line per entry, twelve fields, then the signature line. */
	data = testlib_read_file(path, &len);
	ck_assert_ptr_nonnull(data);
	for (p = data; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		lines++;
		if (lines <= AFX_CLERK_ACTS) {
			ck_assert_uint_eq(fx_fields(p, (size_t) (nl - p)), 12);
			ck_assert_ptr_nonnull(strstr(p, "\tclerk\tclerk\ttty-test\tACT_DOC_SEAL\t"));
		} else {
			ck_assert_msg(strncmp(p, "sm3:", 4) == 0, "%.40s", p);
			ck_assert_ptr_nonnull(strstr(p, "\tsm2:"));
			ck_assert_ptr_nonnull(strstr(p, "\tkey:"));
		}
	}
	ck_assert_uint_eq(lines, AFX_CLERK_ACTS + 1);
	ck_assert_int_eq(audit_export_verify(afx.st, path), STATUS_OK);

	/* The export signed the head first, and was recorded after. */
	fx_last_of(0, ACT_AUDIT_CHECKPOINT, &e);
	ck_assert_str_eq(e.detail, "export");
	ck_assert_uint_eq(e.id, AFX_ENTRIES + 1);
	rec_free(REC_AUDIT, &e);
	fx_last_of(afx.uid[AFX_AUD], ACT_AUDIT_EXPORT, &e);
	ck_assert_uint_eq(e.outcome, AUDIT_OK);
	ck_assert_msg(strncmp(e.detail, "20 entries to ", 14) == 0, "%s",
	    e.detail);
	rec_free(REC_AUDIT, &e);

	/* One changed byte, or a lost last line, and the file is refused. */
	p = strstr(data, "sealed document 3");
	p[0] = 'S';
	testlib_write_file(path, data, len);
	ck_assert_int_eq(audit_export_verify(afx.st, path),
	    STATUS_BAD_SIGNATURE);
	p[0] = 's';
	p = data + len - 2;
	while (*p != '\n')
		p--;
	testlib_write_file(path, data, (unsigned long) (p + 1 - data));
	ck_assert_int_eq(audit_export_verify(afx.st, path), STATUS_MALFORMED);

	free(data);
	free(path);
	session_free(s);
}
END_TEST

/* -- Retention, space, the key --------------------------------------------- */

START_TEST(test_audit_retention)
{
	char *stick = afx_medium("stick");
	struct session *aud = afx_session(AFX_AUD), *sec = afx_session(AFX_SEC);
	struct rec_audit e;
	uint32_t days;
	char *where = NULL;

	/* Today's entries cannot be archived away. */
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where),
	    STATUS_AUDIT_RETENTION);
	ck_assert_ptr_null(where);
	ck_assert_uint_eq(afx_files(stick), 0);
	fx_last_of(afx.uid[AFX_AUD], ACT_AUDIT_EXPORT, &e);
	ck_assert_uint_eq(e.outcome, AUDIT_REFUSED);
	ck_assert_str_eq(e.detail, "archive up to 10 refused: entry 1 is younger than 180 days");
	rec_free(REC_AUDIT, &e);

	/* Past the retention period they can, into a signed file and a
	 * signed record of it. */
	clock_advance(181 * AFX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where), STATUS_OK);
	ck_assert_int_eq(audit_export_verify(afx.st, where), STATUS_OK);
	free(where);
	fx_last_of(0, ACT_AUDIT_CHECKPOINT, &e);
	ck_assert_msg(strncmp(e.detail, "archive of entries 1..10 to ",
	    28) == 0, "%s", e.detail);
	rec_free(REC_AUDIT, &e);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_INVALID);
	afx_expect_intact();

	/* The security administrator may lengthen retention, not shorten
	 * it below the floor; the auditor may do neither. */
	ck_assert_int_eq(audit_set_retention(sec, 179), STATUS_POLICY_FLOOR);
	ck_assert_uint_eq(fx_count(AFX_SEC, ACT_POLICY_SET, AUDIT_REFUSED), 1);
	ck_assert_int_eq(audit_set_retention(aud, 400), STATUS_DENIED);
	ck_assert_int_eq(audit_set_retention(sec, 400), STATUS_OK);
	ck_assert_int_eq(audit_settings(afx.st, &days, NULL, NULL), STATUS_OK);
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
	struct session *sec = afx_session(AFX_SEC);
	uint64_t used = 0, threshold = 0;

	ck_assert_int_eq(audit_space_warning(afx.st, &used, &threshold),
	    STATUS_OK);
	ck_assert_uint_eq(threshold, AUDIT_SPACE_THRESHOLD);
	ck_assert_uint_gt(used, AFX_ENTRIES * 57);

	/* Past the threshold the login path is told to warn. */
	fx_meta("audit.space_threshold", "100");
	ck_assert_int_eq(audit_space_warning(afx.st, &used, &threshold),
	    STATUS_AUDIT_SPACE);
	ck_assert_uint_eq(threshold, 100);

	ck_assert_int_eq(audit_set_space_threshold(sec, 1000),
	    STATUS_POLICY_FLOOR);
	ck_assert_int_eq(audit_set_space_threshold(sec, 2u << 20), STATUS_OK);
	ck_assert_int_eq(audit_space_warning(afx.st, &used, &threshold),
	    STATUS_OK);
	ck_assert_uint_eq(threshold, 2u << 20);
	session_free(sec);
}
END_TEST

START_TEST(test_audit_key_file)
{
	char *kek = xasprintf("%s/%s", afx.home, AFX_KEK_FILE);
	char *path = xasprintf("%s/export.txt", afx.dir);
	struct session *aud = afx_session(AFX_AUD);
	struct afx_report r;
	struct stat sb;
	uint64_t bad;

	ck_assert_int_eq(stat(kek, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);

	/* A key file others may read is not used: work goes on, chained,
	 * and verify shows how far the signatures reach. */
	ck_assert_int_eq(chmod(kek, 0644), 0);
	afx_clerk_acts(10);
	ck_assert_uint_eq(afx_last_id(), AFX_ENTRIES + 10);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad), STATUS_OK);
	ck_assert_str_eq(r.lines[1], "entries 26 to 38 are chained but not yet under a checkpoint");
	ck_assert_int_eq(audit_export_as(aud, NULL, path, NULL),
	    STATUS_AUDIT_NO_KEY);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED),
	    1);

	ck_assert_int_eq(chmod(kek, 0600), 0);
	ck_assert_int_eq(audit_export_as(aud, NULL, path, NULL), STATUS_OK);
	afx_expect_intact();
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
		    strcmp(d->d_name, AFX_KEK_FILE) == 0)
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
	ck_assert_int_eq(session_login(afx.st, "clerk", AFX_WRONG_PW,
	    "tty-test", &s), STATUS_BAD_PASSWORD);
	ck_assert_int_eq(session_login(afx.st, "aud", AFX_PASSWORD, "tty-test",
	    &s), STATUS_OK);
	ck_assert_int_eq(audit_search_as(s, NULL, fx_count_each, &found),
	    STATUS_OK);
	session_logout(s);

	v = afx_all(&n);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_null(strstr(v[i].detail, AFX_PASSWORD));
		ck_assert_ptr_null(strstr(v[i].detail, AFX_WRONG_PW));
		ck_assert_ptr_null(strstr(v[i].terminal, AFX_PASSWORD));
	}
	afx_all_free(v, n);

	/* Neither the passwords nor the secret that unwraps the workstation
	 * key are in any database file or log. */
	kek_path = xasprintf("%s/%s", afx.home, AFX_KEK_FILE);
	kek = testlib_read_file(kek_path, &len);
	ck_assert_ptr_nonnull(kek);
	ck_assert_uint_eq(len, 64);
	secrets[0] = AFX_PASSWORD;
	secrets[1] = AFX_WRONG_PW;
	secrets[2] = kek;
	afx_close();
	ck_assert_uint_gt(fx_scan_files(afx.home, secrets, 3), 0);
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
	char *stick = afx_medium("stick"), *where = NULL;
	struct session *aud = afx_session(AFX_AUD);
	struct audit_filter f;
	struct rec_audit e10, e11;
	struct afx_report r;
	uint64_t id, bad = 99, n = 0;
	unsigned faults = 99;

	/* Entry 10 is exactly as old as the retention period, 11 is one
	 * minute younger: 11 stays, and stops an archive that takes it. */
	afx_get(10, &e10);
	afx_get(11, &e11);
	ck_assert_int_lt(e10.time, e11.time);
	clock_set(e10.time + 180 * AFX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 11, stick, &where),
	    STATUS_AUDIT_RETENTION);
	ck_assert(afx_present(1) && afx_present(10) && afx_present(11));
	ck_assert_uint_eq(afx_files(stick), 0);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, &where), STATUS_OK);

	/* Gone from the trail, kept whole and signed on the medium. */
	for (id = 1; id <= 10; id++)
		ck_assert_msg(!afx_present(id), "entry %" PRIu64 " kept", id);
	ck_assert(afx_present(11));
	ck_assert_uint_eq(afx_files(stick), 1);
	ck_assert_ptr_nonnull(strstr(where, "eseal-audit-archive-1-10"));
	ck_assert_int_eq(audit_export_verify(afx.st, where), STATUS_OK);
	ck_assert_uint_eq(fx_lines(where), 10 + 1);

	/* The indexes over the entries lost them too: the sealings by
	 * action (what the period reports count) and the times. */
	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_search_as(aud, &f, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, AFX_CLERK_ACTS - 5);
	audit_filter_init(&f);
	f.from = 1;
	f.to = e10.time;
	n = 0;
	ck_assert_int_eq(audit_search_as(aud, &f, fx_count_each, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, 0);

	/* The chain kept verifies from the signed archive record. */
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad), STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert_msg(strncmp(r.lines[1], "entries 1 to 10 archived; ", 26) ==
	    0, "%s", r.lines[1]);

	/* And the store finds its records and indexes consistent. */
	afx_close();
	ck_assert_int_eq(store_check(afx.home, fx_check_line, NULL, &faults),
	    STATUS_OK);
	ck_assert_uint_eq(faults, 0);
	afx_open("orig");

	rec_free(REC_AUDIT, &e10);
	rec_free(REC_AUDIT, &e11);
	session_free(aud);
	free(where);
	free(stick);
}
END_TEST

START_TEST(test_audit_archive_medium_refused)
{
	char *stick = afx_medium("stick"), *away;
	char *plain = xasprintf("%s/plain", afx.dir);
	struct session *aud = afx_session(AFX_AUD), *sec = afx_session(AFX_SEC);
	uint64_t id, last;

	ck_assert_int_eq(mkdir(plain, 0755), 0);
	clock_advance(181 * AFX_DAY);
	last = afx_last_id();

	/* Only to a registered medium. */
	ck_assert_int_eq(audit_archive_as(aud, 10, plain, NULL),
	    STATUS_MEDIUM_UNREGISTERED);
	ck_assert_uint_eq(afx_files(plain), 0);

	/* A medium that fills up keeps no part of the file. */
	setenv("ESEAL_TEST_EXPORT_FSIZE", "200", 1);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL),
	    STATUS_NO_SPACE);
	unsetenv("ESEAL_TEST_EXPORT_FSIZE");
	ck_assert_uint_eq(afx_files(stick), 0);

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
		ck_assert_msg(afx_present(id), "entry %" PRIu64 " lost", id);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED),
	    4);
	afx_expect_intact();

	session_free(aud);
	session_free(sec);
	free(away);
	free(plain);
	free(stick);
}
END_TEST

START_TEST(test_audit_export_medium)
{
	char *stick = afx_medium("stick"), *where = NULL;
	char *plain = xasprintf("%s/plain", afx.dir);
	struct session *aud = afx_session(AFX_AUD);
	struct audit_filter f;
	uint64_t count = 0, last;

	/* The clerk's sealings, to the registered medium, read back. */
	audit_filter_init(&f);
	f.action = ACT_DOC_SEAL;
	ck_assert_int_eq(audit_export_medium_as(aud, &f, stick, &where,
	    &count), STATUS_OK);
	ck_assert_uint_eq(count, AFX_CLERK_ACTS);
	ck_assert_ptr_nonnull(strstr(where, "/eseal-audit-"));
	ck_assert_int_eq(audit_export_verify(afx.st, where), STATUS_OK);
	ck_assert_uint_eq(fx_lines(where), AFX_CLERK_ACTS + 1);
	ck_assert_uint_eq(afx_files(stick), 1);

	/* Never to a directory nobody registered; the refusal is kept,
	 * and the export took nothing out of the trail. */
	ck_assert_int_eq(mkdir(plain, 0755), 0);
	last = afx_last_id();
	ck_assert_int_eq(audit_export_medium_as(aud, &f, plain, NULL, NULL),
	    STATUS_MEDIUM_UNREGISTERED);
	ck_assert_uint_eq(afx_files(plain), 0);
	ck_assert_uint_eq(fx_count(AFX_AUD, ACT_AUDIT_EXPORT, AUDIT_FAILED),
	    1);
	ck_assert(afx_present(1) && afx_present(last));
	afx_expect_intact();

	session_free(aud);
	free(where);
	free(plain);
	free(stick);
}
END_TEST

START_TEST(test_audit_archive_again)
{
	char *stick = afx_medium("stick");
	struct session *aud = afx_session(AFX_AUD);
	struct afx_report r;
	uint64_t bad = 99;

	clock_advance(181 * AFX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL), STATUS_OK);
	afx_clerk_acts(12);
	afx_expect_intact();

	/* A second archive goes on from the first; the chain kept starts
	 * from the second record. */
	ck_assert_int_eq(audit_archive_as(aud, 25, stick, NULL), STATUS_OK);
	ck_assert(!afx_present(11) && !afx_present(25) && afx_present(26));
	ck_assert_uint_eq(afx_files(stick), 2);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad), STATUS_OK);
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
	TCase *tc = afx_tcase("audit");

	tcase_add_test(tc, test_audit_chain_links);
	tcase_add_test(tc, test_audit_verify_intact);
	tcase_add_test(tc, test_audit_append_rules);
	tcase_add_test(tc, test_audit_aborted_leaves_no_gap);
	tcase_add_test(tc, test_audit_two_writers);
	tcase_add_test(tc, test_audit_only_the_auditor);
	tcase_add_test(tc, test_audit_search_filters);
	tcase_add_test(tc, test_audit_search_outcome_text);
	tcase_add_test(tc, test_audit_search_clock_stepped);
	tcase_add_test(tc, test_audit_export_file);
	tcase_add_test(tc, test_audit_retention);
	tcase_add_test(tc, test_audit_space);
	tcase_add_test(tc, test_audit_key_file);
	tcase_add_test(tc, test_audit_no_secret);
	suite_add_tcase(s, tc);

	tc = afx_tcase("archive");
	tcase_add_test(tc, test_audit_archive_boundary);
	tcase_add_test(tc, test_audit_archive_medium_refused);
	tcase_add_test(tc, test_audit_archive_again);
	tcase_add_test(tc, test_audit_export_medium);
	suite_add_tcase(s, tc);
	return s;
}
