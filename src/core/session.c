/*
 * session.c -- logins, failed-login lockout, the idle lock, password
 * changes, and the authorisation step every core operation starts with.
 *
 * A login runs in three steps, so that the slow, memory-hard password
 * check never happens inside a transaction (where it would hold locks, and
 * be repeated whenever the transaction is retried after a deadlock):
 *
 *   1. read:   the policy and the account as they are now;
 *   2. no txn: verify the password (and re-hash it when the policy asks
 *              for a stronger KDF than the stored hash used);
 *   3. write:  read the account again, record the outcome (the failure
 *              count, the lock, the new hash, the audit entry) and commit.
 *
 * If the account's hash changed between 1 and 3 (a reset or a change by
 * another process), step 3 refuses and the attempt starts over.
 *
 * What a failure tells the user is deliberately poor: an unknown name and
 * a wrong password give the same answer and take the same time.  Neither
 * the password nor any hash is ever logged or audited; an unknown name is
 * not logged either, since it is often a password typed in the wrong box.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/report.h"
#include "core/session.h"
#include "core/session_private.h"
#include "crypto/crypto.h"
#include "util/util.h"

/* How often a login starts over when the hash keeps changing under it. */
#define SESSION_RETRIES	3

enum session_purpose {
	SESSION_FOR_LOGIN,	/* a new session */
	SESSION_FOR_RESUME,	/* unlock an idle session */
	SESSION_FOR_CHANGE	/* prove the old password before a change */
};

/* One authentication attempt through the three steps. */
struct session_auth {
	enum session_purpose	 purpose;
	const char		*name;
	const char		*password;
	uint64_t		 expect_id;	/* resume, change: the user */
	/* step 1 */
	struct policy		 pol;
	struct rec_user		 user;
	int			 found;
	/* step 2 */
	enum status		 verdict;
	unsigned char		*rehash;
	size_t			 rehash_len;
	/* step 3 */
	enum status		 result;
	int			 locked_now;
	char			 detail[128];
};

/* -- Helpers shared with account.c (session_private.h) ------------------- */

void
session_kdf_params(const struct policy *p, struct crypto_kdf_params *k)
{
	crypto_init();
	crypto_kdf_defaults(k);
	k->mem_kib = p->kdf_memory_kib;
	k->passes = p->kdf_passes;
}

void
session_blob_set(struct blob *b, const unsigned char *p, size_t n)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	if (p == NULL)
		return;
	b->data = xmalloc(n);
	memcpy(b->data, p, n);
	b->len = n;
}

int
session_blob_equal(const struct blob *a, const struct blob *b)
{
	if (a->len != b->len)
		return 0;
	return a->len == 0 || memcmp(a->data, b->data, a->len) == 0;
}

/*
 * Make OLD_HASH the newest entry of USER's history, keeping at most KEEP
 * entries.  The history blob is a sequence of length-prefixed hashes
 * (buf_add_bytes), newest first.
 */
void
session_history_push(struct rec_user *user, const struct blob *old_hash,
    unsigned keep)
{
	struct buf_reader r;
	const unsigned char *p;
	struct buf out;
	unsigned kept = 0;
	size_t n;

	buf_init(&out);
	if (old_hash->len > 0 && keep > 0) {
		buf_add_bytes(&out, old_hash->data, old_hash->len);
		kept++;
	}
	buf_reader_init(&r, user->pw_history.data, user->pw_history.len);
	while (kept < keep && r.left > 0) {
		n = buf_get_bytes(&r, &p);
		if (r.error)
			break;
		buf_add_bytes(&out, p, n);
		kept++;
	}
	session_blob_set(&user->pw_history, out.data, out.len);
	buf_free(&out);
}

/* Non-zero when PW matches the current hash of USER or one of the first
 * HISTORY-1 entries of its history: "none of the last HISTORY". */
static int
session_history_has(const struct rec_user *user, const char *pw,
    unsigned history)
{
	struct buf_reader r;
	const unsigned char *p;
	unsigned seen = 1;
	size_t n;

	if (crypto_pw_verify(pw, user->pw_hash.data, user->pw_hash.len, NULL,
	    NULL) == STATUS_OK)
		return 1;

	buf_reader_init(&r, user->pw_history.data, user->pw_history.len);
	while (seen < history && r.left > 0) {
		n = buf_get_bytes(&r, &p);
		if (r.error)
			break;
		if (crypto_pw_verify(pw, p, n, NULL, NULL) == STATUS_OK)
			return 1;
		seen++;
	}
	return 0;
}

/* "2026-03-01T08:00:00Z" for log lines: the injected clock, in UTC. */
const char *
session_time_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t) t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

static const char *
session_terminal_or_default(const char *terminal)
{
	return terminal != NULL && *terminal != '\0' ? terminal :
	    audit_terminal();
}

/* -- Step 1: read -------------------------------------------------------- */

static enum status
session_read_txn(struct store_txn *txn, void *arg)
{
	struct session_auth *a = arg;
	enum status rc;

	rec_free(REC_USER, &a->user);
	memset(&a->user, 0, sizeof a->user);
	a->found = 0;
	if ((rc = policy_load(txn, &a->pol)) != STATUS_OK)
		return rc;

	rc = store_get_by_name(txn, IDX_USER_NAME, a->name, &a->user);
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc != STATUS_OK)
		return rc;
	a->found = a->expect_id == 0 || a->user.id == a->expect_id;
	return STATUS_OK;
}

/* -- Step 2: verify, outside any transaction ----------------------------- */

static void
session_verify(struct session_auth *a)
{
	struct crypto_kdf_params k;
	unsigned char *dummy = NULL;
	size_t dummy_len;
	int rehash = 0;

	session_kdf_params(&a->pol, &k);
	free(a->rehash);
	a->rehash = NULL;

	if (!a->found) {
		/* Spend the time a real check would, then fail. */
		crypto_pw_hash(a->password, &k, &dummy, &dummy_len);
		free(dummy);
		a->verdict = STATUS_BAD_PASSWORD;
		return;
	}
	if (account_is_locked(&a->user, clock_now())) {
		a->verdict = STATUS_LOCKED;
		return;
	}

	a->verdict = crypto_pw_verify(a->password, a->user.pw_hash.data,
	    a->user.pw_hash.len, &k, &rehash);
	if (a->verdict != STATUS_OK || !rehash ||
	    a->purpose == SESSION_FOR_CHANGE)
		return;
	if (crypto_pw_hash(a->password, &k, &a->rehash, &a->rehash_len) !=
	    STATUS_OK)
		a->rehash = NULL;	/* keep the old hash; try next time */
}

/* -- Step 3: record ------------------------------------------------------ */

/* A wrong password on a known account: count it, lock at the limit. */
static enum status
session_record_failure(struct store_txn *txn, struct session_auth *a,
    struct rec_user *u)
{
	const char *why = a->purpose == SESSION_FOR_LOGIN ? "wrong password" :
	    a->purpose == SESSION_FOR_RESUME ?
	    "wrong password at session unlock" :
	    "wrong current password at password change";
	int64_t now = clock_now();
	enum status rc;

	u->failed_logins++;
	snprintf(a->detail, sizeof a->detail, "%s (%u of %u)", why,
	    (unsigned) u->failed_logins, (unsigned) a->pol.max_failures);
	a->result = STATUS_BAD_PASSWORD;
	if (u->failed_logins >= a->pol.max_failures) {
		u->locked_until = now + (int64_t) a->pol.lock_minutes * 60;
		a->locked_now = 1;
		a->result = STATUS_LOCKED;
	}
	if ((rc = store_put(txn, REC_USER, u)) != STATUS_OK)
		return rc;

	rc = audit_append(txn, u, 0, ACT_LOGIN_FAILED, REC_USER, u->id,
	    AUDIT_REFUSED, a->detail);
	if (rc == STATUS_OK && a->locked_now)
		rc = audit_append(txn, u, 0, ACT_LOCKOUT, REC_USER, u->id,
		    AUDIT_OK, "locked after failed logins");
	return rc;
}

/* The password was right: what kind of session does the account get? */
static enum status
session_record_success(struct store_txn *txn, struct session_auth *a,
    struct rec_user *u)
{
	enum audit_outcome outcome = AUDIT_OK;
	int64_t now = clock_now();
	enum status rc;

	if (a->rehash != NULL)
		session_blob_set(&u->pw_hash, a->rehash, a->rehash_len);
	u->failed_logins = 0;
	u->locked_until = 0;

	a->result = STATUS_OK;
	snprintf(a->detail, sizeof a->detail, "%s",
	    a->purpose == SESSION_FOR_RESUME ? "session unlocked" :
	    "logged in");
	if (u->disabled) {
		a->result = STATUS_DISABLED;
		snprintf(a->detail, sizeof a->detail, "account disabled");
	} else if (perm_check(u, ACT_LOGIN) != STATUS_OK) {
		a->result = STATUS_DENIED;
		snprintf(a->detail, sizeof a->detail, "account holds no role");
	} else if (u->pw_must_change) {
		a->result = STATUS_PW_MUST_CHANGE;
		snprintf(a->detail, sizeof a->detail,
		    "logged in with an initial password; must change it");
	} else if (now >= policy_expires_at(&a->pol, u->pw_changed)) {
		a->result = STATUS_PW_EXPIRED;
		snprintf(a->detail, sizeof a->detail,
		    "logged in with an expired password; must change it");
	}
	if (a->result == STATUS_DISABLED || a->result == STATUS_DENIED)
		outcome = AUDIT_REFUSED;
	if (a->rehash != NULL && a->result != STATUS_DISABLED)
		strncat(a->detail, "; password re-hashed with the current "
		    "parameters", sizeof a->detail - strlen(a->detail) - 1);

	if ((rc = store_put(txn, REC_USER, u)) != STATUS_OK)
		return rc;
	return audit_append(txn, u, perm_acting_role(u, ACT_LOGIN), ACT_LOGIN,
	    REC_USER, u->id, outcome, a->detail);
}

static enum status
session_record_txn(struct store_txn *txn, void *arg)
{
	struct session_auth *a = arg;
	struct rec_user u;
	enum status rc;

	a->locked_now = 0;
	memset(&u, 0, sizeof u);
	if (!a->found) {
		a->result = STATUS_BAD_PASSWORD;
		return audit_append(txn, NULL, 0, ACT_LOGIN_FAILED, REC_USER, 0,
		    AUDIT_REFUSED, "unknown user name");
	}

	rc = store_get(txn, REC_USER, a->user.id, &u);
	if (rc != STATUS_OK)
		goto out;
	rc = STATUS_BUSY;	/* changed since step 1: start over */
	if (!session_blob_equal(&u.pw_hash, &a->user.pw_hash))
		goto out;

	if (a->verdict == STATUS_LOCKED) {
		a->result = STATUS_LOCKED;
		snprintf(a->detail, sizeof a->detail, "account locked");
		rc = audit_append(txn, &u, 0, ACT_LOGIN_FAILED, REC_USER, u.id,
		    AUDIT_REFUSED, a->detail);
	} else if (a->verdict == STATUS_BAD_PASSWORD) {
		rc = session_record_failure(txn, a, &u);
	} else if (a->verdict != STATUS_OK) {
		rc = a->verdict;	/* a damaged hash: nothing to record */
	} else if (a->purpose == SESSION_FOR_CHANGE) {
		a->result = STATUS_OK;	/* the change records itself */
		rc = STATUS_OK;
	} else {
		rc = session_record_success(txn, a, &u);
	}
	if (rc == STATUS_OK)
		a->user.failed_logins = u.failed_logins;
out:
	rec_free(REC_USER, &u);
	return rc;
}

/* A lock that has run out is lifted before the next attempt counts, so
 * the next wrong password starts a fresh series. */
static enum status
session_expire_lock_txn(struct store_txn *txn, void *arg)
{
	struct session_auth *a = arg;
	struct rec_user u;
	enum status rc;

	memset(&u, 0, sizeof u);
	rc = store_get(txn, REC_USER, a->user.id, &u);
	if (rc == STATUS_OK && u.locked_until != 0 &&
	    u.locked_until <= clock_now()) {
		u.locked_until = 0;
		u.failed_logins = 0;
		rc = store_put(txn, REC_USER, &u);
	}
	rec_free(REC_USER, &u);
	return rc;
}

/* Run the three steps for A; A->result says how it ended. */
static enum status
session_authenticate(struct store *st, struct session_auth *a)
{
	enum status rc = STATUS_BUSY;
	int tries;

	for (tries = 0; tries < SESSION_RETRIES; tries++) {
		if ((rc = store_run(st, STORE_READ, session_read_txn, a)) !=
		    STATUS_OK)
			break;
		if (a->found && a->user.locked_until != 0 &&
		    a->user.locked_until <= clock_now()) {
			rc = store_run(st, STORE_WRITE,
			    session_expire_lock_txn, a);
			if (rc != STATUS_OK)
				break;
			continue;	/* read again, unlocked */
		}
		session_verify(a);
		rc = store_run(st, STORE_WRITE, session_record_txn, a);
		if (rc != STATUS_BUSY)
			break;
	}
	return rc;
}

static void
session_auth_free(struct session_auth *a)
{
	rec_free(REC_USER, &a->user);
	free(a->rehash);
}

/* Tell syslog's authpriv what happened: who, when, where; no secret. */
static void
session_log_auth(const struct session_auth *a, const char *terminal)
{
	char when[32];
	const char *who = a->found ? a->name : "(unknown user name)";

	session_time_text(clock_now(), when, sizeof when);
	if (a->result == STATUS_OK || a->result == STATUS_PW_MUST_CHANGE ||
	    a->result == STATUS_PW_EXPIRED)
		log_authpriv("%s user=%s terminal=%s time=%s result=%s",
		    a->purpose == SESSION_FOR_RESUME ? "session unlocked" :
		    "login", who, terminal, when, status_name(a->result));
	else
		log_authpriv("login failed user=%s terminal=%s time=%s "
		    "result=%s detail=%s", who, terminal, when,
		    status_name(a->result), a->detail);
	if (a->locked_now)
		log_authpriv("account locked user=%s terminal=%s time=%s "
		    "after %u failed logins", who, terminal, when,
		    (unsigned) a->pol.max_failures);
}

/* -- Sessions ------------------------------------------------------------ */

/* Refresh the expiry fields of S from P and the password's age. */
static void
session_set_expiry(struct session *s, const struct policy *p,
    int64_t changed)
{
	int64_t now = clock_now(), left;

	s->pw_expires_at = policy_expires_at(p, changed);
	s->idle_seconds = p->idle_minutes * 60;
	s->warn_days = -1;
	if (s->restriction != STATUS_OK || now < policy_warn_from(p, changed))
		return;
	left = s->pw_expires_at - now;
	s->warn_days = (int) ((left + 86399) / 86400);
}

static struct session *
session_new(struct store *st, const struct session_auth *a,
    const char *terminal)
{
	struct session *s = xcalloc(1, sizeof *s);

	/* Every counted act runs in a session: keep the summary's daily
	 * totals with them, whoever opened the workspace. */
	report_daysum_attach();
	s->store = st;
	s->user_id = a->user.id;
	s->name = xstrdup(a->user.name);
	s->full_name = xstrdup(a->user.full_name != NULL ?
	    a->user.full_name : "");
	s->roles = a->user.roles;
	s->terminal = xstrdup(terminal);
	s->restriction = a->result;
	s->login_at = s->last_active = clock_now();
	session_set_expiry(s, &a->pol, a->user.pw_changed);
	return s;
}

enum status
session_login(struct store *st, const char *name, const char *password,
    const char *terminal, struct session **out)
{
	struct session_auth a;
	enum status rc;
	char *term;

	*out = NULL;
	if (name == NULL || password == NULL)
		return STATUS_INVALID;
	memset(&a, 0, sizeof a);
	a.purpose = SESSION_FOR_LOGIN;
	a.name = name;
	a.password = password;
	/* Our own copy: the default may be the audit module's string, which
	 * audit_set_terminal() replaces. */
	term = xstrdup(session_terminal_or_default(terminal));
	audit_set_terminal(term);

	rc = session_authenticate(st, &a);
	if (rc == STATUS_OK) {
		session_log_auth(&a, term);
		rc = a.result;
		if (rc == STATUS_OK || rc == STATUS_PW_MUST_CHANGE ||
		    rc == STATUS_PW_EXPIRED)
			*out = session_new(st, &a, term);
	}
	session_auth_free(&a);
	free(term);
	return rc;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->name);
	free(s->full_name);
	free(s->terminal);
	free(s);
}

static enum status
session_logout_txn(struct store_txn *txn, void *arg)
{
	struct session *s = arg;
	struct rec_user u;
	enum status rc;

	memset(&u, 0, sizeof u);
	rc = store_get(txn, REC_USER, s->user_id, &u);
	if (rc == STATUS_OK)
		rc = audit_append(txn, &u, perm_acting_role(&u, ACT_LOGOUT),
		    ACT_LOGOUT, REC_USER, u.id, AUDIT_OK, "logged out");
	rec_free(REC_USER, &u);
	return rc;
}

void
session_logout(struct session *s)
{
	char when[32];

	if (s == NULL)
		return;
	audit_set_terminal(s->terminal);
	if (store_run(s->store, STORE_WRITE, session_logout_txn, s) !=
	    STATUS_OK)
		log_warn("could not record the logout of %s", s->name);
	log_authpriv("logout user=%s terminal=%s time=%s", s->name,
	    s->terminal, session_time_text(clock_now(), when, sizeof when));
	session_free(s);
}

int
session_expiry_warning(const struct session *s)
{
	return s->warn_days;
}

enum status
session_check_idle(struct session *s)
{
	if (s->idle_locked)
		return STATUS_SESSION_IDLE;
	if (s->idle_seconds > 0 &&
	    clock_now() - s->last_active >= (int64_t) s->idle_seconds) {
		s->idle_locked = 1;
		log_info("session of %s locked after %u idle seconds", s->name,
		    (unsigned) s->idle_seconds);
		return STATUS_SESSION_IDLE;
	}
	return STATUS_OK;
}

enum status
session_touch(struct session *s)
{
	enum status rc = session_check_idle(s);

	if (rc == STATUS_OK)
		s->last_active = clock_now();
	return rc;
}

enum status
session_resume(struct session *s, const char *password)
{
	struct session_auth a;
	enum status rc;

	memset(&a, 0, sizeof a);
	a.purpose = SESSION_FOR_RESUME;
	a.name = s->name;
	a.password = password;
	a.expect_id = s->user_id;
	audit_set_terminal(s->terminal);

	rc = session_authenticate(s->store, &a);
	if (rc == STATUS_OK) {
		session_log_auth(&a, s->terminal);
		rc = a.result;
	}
	if (rc == STATUS_OK || rc == STATUS_PW_MUST_CHANGE ||
	    rc == STATUS_PW_EXPIRED) {
		s->idle_locked = 0;
		s->last_active = clock_now();
		s->roles = a.user.roles;
		rc = STATUS_OK;
	}
	session_auth_free(&a);
	return rc;
}

/* -- Authorisation for core operations ----------------------------------- */

static int
session_is_refusal(enum status why)
{
	return why == STATUS_DENIED || why == STATUS_PW_MUST_CHANGE ||
	    why == STATUS_PW_EXPIRED || why == STATUS_SESSION_IDLE ||
	    why == STATUS_DISABLED || why == STATUS_LOCKED;
}

enum status
session_authorize(struct store_txn *txn, struct session *s, enum action act,
    struct rec_user *actor)
{
	enum status rc;

	memset(actor, 0, sizeof *actor);
	if (s == NULL)
		return STATUS_DENIED;
	if (session_check_idle(s) != STATUS_OK)
		return STATUS_SESSION_IDLE;
	if (s->restriction != STATUS_OK && act != ACT_PW_CHANGE &&
	    act != ACT_LOGOUT)
		return s->restriction;

	rc = store_get(txn, REC_USER, s->user_id, actor);
	if (rc == STATUS_NOT_FOUND)
		rc = STATUS_DENIED;
	if (rc == STATUS_OK && actor->disabled)
		rc = STATUS_DISABLED;
	if (rc == STATUS_OK)
		rc = perm_check(actor, act);
	if (rc != STATUS_OK) {
		rec_free(REC_USER, actor);
		memset(actor, 0, sizeof *actor);
		return rc;
	}

	audit_set_terminal(s->terminal);
	s->last_active = clock_now();
	return STATUS_OK;
}

struct session_failure {
	struct session	*s;
	enum action	 act;
	enum rec_kind	 kind;
	uint64_t	 id;
	enum status	 why;
	const char	*detail;
};

static enum status
session_failure_txn(struct store_txn *txn, void *arg)
{
	struct session_failure *f = arg;
	struct rec_user u, *actor = NULL;
	enum audit_outcome outcome;
	char detail[512];
	enum status rc;

	memset(&u, 0, sizeof u);
	if (f->s != NULL && store_get(txn, REC_USER, f->s->user_id, &u) ==
	    STATUS_OK)
		actor = &u;
	outcome = session_is_refusal(f->why) ? AUDIT_REFUSED : AUDIT_FAILED;
	snprintf(detail, sizeof detail, "%s%s%s", status_name(f->why),
	    f->detail != NULL ? ": " : "", f->detail != NULL ? f->detail : "");

	rc = audit_append(txn, actor, outcome == AUDIT_REFUSED ? 0 :
	    perm_acting_role(actor, f->act), f->act, f->kind, f->id, outcome,
	    detail);
	rec_free(REC_USER, &u);
	return rc;
}

enum status
session_audit_failure(struct session *s, enum action act, enum rec_kind kind,
    uint64_t id, enum status why, const char *detail)
{
	struct session_failure f = { s, act, kind, id, why, detail };

	if (s != NULL) {
		audit_set_terminal(s->terminal);
		if (store_run(s->store, STORE_WRITE, session_failure_txn, &f) !=
		    STATUS_OK)
			log_warn("could not audit the failed %s of %s",
			    action_name(act), s->name);
	}
	log_info("%s by %s %s: %s", action_name(act),
	    s != NULL ? s->name : "nobody",
	    session_is_refusal(why) ? "refused" : "failed", status_name(why));
	return why;
}

/* -- Changing one's own password ----------------------------------------- */

struct session_change {
	struct session	*s;
	const char	*new_pw;
	struct blob	 old_hash;	/* the hash the change replaces */
	unsigned char	*hash;
	size_t		 hash_len;
	unsigned	 keep;		/* history entries to keep */
	struct policy	 pol;
	int64_t		 changed;
};

static enum status
session_change_txn(struct store_txn *txn, void *arg)
{
	struct session_change *c = arg;
	struct rec_user actor;
	enum status rc;

	rc = session_authorize(txn, c->s, ACT_PW_CHANGE, &actor);
	if (rc != STATUS_OK)
		return rc;
	rc = STATUS_BUSY;	/* reset or changed meanwhile: start over */
	if (!session_blob_equal(&actor.pw_hash, &c->old_hash))
		goto out;

	session_history_push(&actor, &actor.pw_hash, c->keep);
	session_blob_set(&actor.pw_hash, c->hash, c->hash_len);
	c->changed = actor.pw_changed = clock_now();
	actor.pw_must_change = 0;
	actor.failed_logins = 0;
	if ((rc = store_put(txn, REC_USER, &actor)) != STATUS_OK)
		goto out;
	rc = audit_append(txn, &actor, perm_acting_role(&actor, ACT_PW_CHANGE),
	    ACT_PW_CHANGE, REC_USER, actor.id, AUDIT_OK, "password changed");
out:
	rec_free(REC_USER, &actor);
	return rc;
}

/* The checks before the new hash is made: the old password (through the
 * three login steps, so that guessing it here counts as failed logins),
 * the policy, the history. */
static enum status
session_change_check(struct session_change *c, const char *old_pw,
    struct session_auth *a)
{
	enum status rc;

	a->purpose = SESSION_FOR_CHANGE;
	a->name = c->s->name;
	a->password = old_pw;
	a->expect_id = c->s->user_id;

	rc = session_authenticate(c->s->store, a);
	if (rc == STATUS_OK && a->result != STATUS_OK)
		session_log_auth(a, c->s->terminal);
	if (rc == STATUS_OK)
		rc = a->result;
	if (rc != STATUS_OK)
		return rc == STATUS_LOCKED ? rc : STATUS_BAD_PASSWORD;

	c->pol = a->pol;
	if ((rc = policy_check_password(&a->pol, c->s->name, c->new_pw)) !=
	    STATUS_OK)
		return rc;
	if (session_history_has(&a->user, c->new_pw, a->pol.history))
		return STATUS_PW_REUSED;
	return STATUS_OK;
}

enum status
session_change_password(struct session *s, const char *old_pw,
    const char *new_pw)
{
	struct session_change c;
	struct crypto_kdf_params k;
	struct session_auth a;
	char when[32];
	enum status rc;

	memset(&c, 0, sizeof c);
	memset(&a, 0, sizeof a);
	c.s = s;
	c.new_pw = new_pw;
	audit_set_terminal(s->terminal);
	if ((rc = session_check_idle(s)) != STATUS_OK)
		goto fail;
	if ((rc = session_change_check(&c, old_pw, &a)) != STATUS_OK)
		goto fail;

	session_kdf_params(&c.pol, &k);
	if ((rc = crypto_pw_hash(new_pw, &k, &c.hash, &c.hash_len)) !=
	    STATUS_OK)
		goto fail;
	c.old_hash = a.user.pw_hash;
	c.keep = c.pol.history > 0 ? c.pol.history - 1 : 0;
	rc = store_run(s->store, STORE_WRITE, session_change_txn, &c);
	if (rc != STATUS_OK)
		goto fail;

	s->restriction = STATUS_OK;
	session_set_expiry(s, &c.pol, c.changed);
	log_authpriv("password changed user=%s terminal=%s time=%s", s->name,
	    s->terminal, session_time_text(clock_now(), when, sizeof when));
	goto out;
fail:
	/* A wrong old password was recorded as a failed login already. */
	if (rc != STATUS_BAD_PASSWORD && rc != STATUS_LOCKED)
		session_audit_failure(s, ACT_PW_CHANGE, REC_USER, s->user_id,
		    rc, "password not changed");
out:
	free(c.hash);
	session_auth_free(&a);
	return rc;
}
