/*
 * account.c -- what the system and security administrators do to
 * accounts: create, disable and enable, set roles and attributes, reset a
 * forgotten password, unlock, list.
 *
 * Each operation authorises the acting session (session_authorize, which
 * applies the table in action.h), changes the account and appends its
 * audit entry in one write transaction; a refused or failed attempt is
 * audited in a transaction of its own.  Passwords are generated and hashed
 * outside the transaction (the KDF is slow and a transaction may be
 * re-run), and leave this file only once, to the caller that asked.
 *
 * This file must not let anyone act as another user: no call here logs
 * anyone in, and no record it returns carries a hash.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/account_private.h"
#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/session_private.h"
#include "crypto/crypto.h"
#include "util/util.h"

#define ACCOUNT_NAME_MAX	32
/* Initial passwords are a little longer than the policy's minimum. */
#define ACCOUNT_PW_EXTRA	2
#define ACCOUNT_PW_TRIES	20

struct account_op;
typedef enum status (*account_apply_fn)(struct store_txn *txn,
    struct account_op *op, struct rec_user *target);

/* One operation on one account, through account_run(). */
struct account_op {
	struct session		*s;
	enum action		 act;
	const char		*name;		/* the target account */
	account_apply_fn	 apply;
	/* parameters */
	int			 disabled;
	const struct account_attrs *attrs;
	const unsigned char	*hash;		/* reset: the new hash */
	size_t			 hash_len;
	unsigned		 keep;		/* reset: history to keep */
	/* results */
	uint64_t		 target_id;
	char			 detail[256];
};

int
account_is_locked(const struct rec_user *user, int64_t now)
{
	return user->locked_until != 0 && user->locked_until > now;
}

/* Login names are plain ASCII so that scripts, logs and the name check
 * in the password policy treat them alike. */
int
account_name_valid(const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > ACCOUNT_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/*
 * A generated initial password that passes POL for NAME, and its hash.
 * *PW is in secure memory (account_password_free), *HASH malloc'd.
 */
enum status
account_make_password(const struct policy *pol, const char *name, char **pw,
    unsigned char **hash, size_t *hash_len)
{
	struct crypto_kdf_params k;
	size_t len = pol->min_length + ACCOUNT_PW_EXTRA;
	enum status rc = STATUS_CRYPTO;
	int i;

	*pw = NULL;
	*hash = NULL;
	session_kdf_params(pol, &k);
	if (len < 12)
		len = 12;
	for (i = 0; i < ACCOUNT_PW_TRIES; i++) {
		if ((rc = crypto_random_password(len, pw)) != STATUS_OK)
			return rc;
		if (policy_check_password(pol, name, *pw) == STATUS_OK)
			break;
		crypto_secure_free(*pw);
		*pw = NULL;
		rc = STATUS_CRYPTO;
	}
	if (*pw == NULL)
		return rc;

	rc = crypto_pw_hash(*pw, &k, hash, hash_len);
	if (rc != STATUS_OK) {
		crypto_secure_free(*pw);
		*pw = NULL;
	}
	return rc;
}

void
account_password_free(char *password)
{
	if (password != NULL)
		crypto_secure_free(password);
}

/* -- Admin roles must keep a holder -------------------------------------- */

struct account_holders {
	uint64_t	 skip;		/* the account being changed */
	uint32_t	 held;		/* admin roles some other enabled
					 * account holds */
};

static int
account_holders_each(const void *rec, void *arg)
{
	const struct rec_user *u = rec;
	struct account_holders *h = arg;

	if (u->id != h->skip && !u->disabled)
		h->held |= u->roles & ROLE_ADMIN_MASK;
	return 0;
}

/* STATUS_LAST_ADMIN when changing BEFORE into AFTER leaves an
 * administrator role that BEFORE held with no enabled holder. */
static enum status
account_check_last_admin(struct store_txn *txn, const struct rec_user *before,
    const struct rec_user *after)
{
	struct account_holders h = { before->id, 0 };
	uint32_t lost;
	enum status rc;

	lost = before->disabled ? 0 : before->roles & ROLE_ADMIN_MASK;
	if (!after->disabled)
		lost &= ~after->roles;
	if (lost == 0)
		return STATUS_OK;

	rc = store_scan_all(txn, REC_USER, account_holders_each, &h);
	if (rc != STATUS_OK)
		return rc;
	return (lost & ~h.held) != 0 ? STATUS_LAST_ADMIN : STATUS_OK;
}

/* -- The common frame of an operation on one account --------------------- */

static enum status
account_op_txn(struct store_txn *txn, void *arg)
{
	struct account_op *op = arg;
	struct rec_user actor, target;
	enum status rc;

	memset(&target, 0, sizeof target);
	op->detail[0] = '\0';
	rc = session_authorize(txn, op->s, op->act, &actor);
	if (rc != STATUS_OK)
		return rc;

	rc = store_get_by_name(txn, IDX_USER_NAME, op->name, &target);
	if (rc != STATUS_OK)
		goto out;
	op->target_id = target.id;
	if ((rc = op->apply(txn, op, &target)) != STATUS_OK)
		goto out;
	if ((rc = store_put(txn, REC_USER, &target)) != STATUS_OK)
		goto out;

	rc = audit_append(txn, &actor, perm_acting_role(&actor, op->act),
	    op->act, REC_USER, target.id, AUDIT_OK, op->detail);
out:
	rec_free(REC_USER, &target);
	rec_free(REC_USER, &actor);
	return rc;
}

static enum status
account_run(struct account_op *op)
{
	enum status rc;

	op->target_id = 0;
	rc = store_run(op->s->store, STORE_WRITE, account_op_txn, op);
	if (rc != STATUS_OK) {
		/* The detail of a change that did not happen would mislead. */
		snprintf(op->detail, sizeof op->detail, "account %s", op->name);
		return session_audit_failure(op->s, op->act, REC_USER,
		    op->target_id, rc, op->detail);
	}
	log_info("%s by %s: %s", action_name(op->act), op->s->name,
	    op->detail);
	return STATUS_OK;
}

/* -- Disable, enable ----------------------------------------------------- */

static enum status
account_disable_apply(struct store_txn *txn, struct account_op *op,
    struct rec_user *target)
{
	struct rec_user after = *target;

	snprintf(op->detail, sizeof op->detail, "account %s %s", target->name,
	    op->disabled ? "disabled" : "enabled");
	after.disabled = op->disabled ? 1 : 0;
	if (!target->disabled && after.disabled) {
		enum status rc = account_check_last_admin(txn, target, &after);

		if (rc != STATUS_OK)
			return rc;
	}
	target->disabled = after.disabled;
	return STATUS_OK;
}

enum status
account_set_disabled(struct session *s, const char *name, int disabled)
{
	struct account_op op;
	char when[32];
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_USER_DISABLE;
	op.name = name;
	op.apply = account_disable_apply;
	op.disabled = disabled;
	rc = account_run(&op);
	if (rc == STATUS_OK)
		log_authpriv("account %s user=%s by=%s terminal=%s time=%s",
		    disabled ? "disabled" : "enabled", name, s->name,
		    s->terminal, session_time_text(clock_now(), when,
		    sizeof when));
	return rc;
}

/* -- Roles and attributes ------------------------------------------------ */

/* "roles drafter->drafter,approver; clearance 0->1" into OP's detail. */
static void
account_attrs_detail(struct account_op *op, const struct rec_user *old,
    const struct rec_user *new)
{
	char a[160], b[160];
	size_t used = 0, size = sizeof op->detail;
	char *d = op->detail;

	used += (size_t) snprintf(d, size, "account %s:", old->name);
	if (old->roles != new->roles && used < size)
		used += (size_t) snprintf(d + used, size - used,
		    " roles %s->%s;",
		    perm_roles_format(old->roles, a, sizeof a),
		    perm_roles_format(new->roles, b, sizeof b));
	if (old->clearance != new->clearance && used < size)
		used += (size_t) snprintf(d + used, size - used,
		    " clearance %u->%u;", old->clearance, new->clearance);
	if (old->issuing_kinds != new->issuing_kinds && used < size)
		used += (size_t) snprintf(d + used, size - used,
		    " issuing %#x->%#x;", (unsigned) old->issuing_kinds,
		    (unsigned) new->issuing_kinds);
	if (old->leader_level != new->leader_level && used < size)
		used += (size_t) snprintf(d + used, size - used,
		    " leader level %u->%u;", old->leader_level,
		    new->leader_level);
	if (old->dept_id != new->dept_id && used < size)
		snprintf(d + used, size - used, " department %llu->%llu;",
		    (unsigned long long) old->dept_id,
		    (unsigned long long) new->dept_id);
}

/* Check the values A sets, apart from what needs the store. */
static enum status
account_attrs_valid(const struct account_attrs *a)
{
	if ((a->fields & ACCOUNT_ROLES) && !role_set_valid(a->roles))
		return STATUS_ROLE_CONFLICT;
	if ((a->fields & ACCOUNT_CLEARANCE) && a->clearance > CLASS_TOP_SECRET)
		return STATUS_INVALID;
	if ((a->fields & ACCOUNT_ISSUING) &&
	    (a->issuing_kinds & ~((1u << DOC__KIND_COUNT) - 1)) != 0)
		return STATUS_INVALID;
	if ((a->fields & ACCOUNT_LEADER) && a->leader_level > 3)
		return STATUS_INVALID;
	return STATUS_OK;
}

static enum status
account_attrs_apply(struct store_txn *txn, struct account_op *op,
    struct rec_user *target)
{
	const struct account_attrs *a = op->attrs;
	struct rec_user after = *target;
	struct rec_dept d;
	enum status rc;

	if ((rc = account_attrs_valid(a)) != STATUS_OK)
		return rc;
	if ((a->fields & ACCOUNT_DEPT) && a->dept_id != 0) {
		memset(&d, 0, sizeof d);
		rc = store_get(txn, REC_DEPT, a->dept_id, &d);
		rec_free(REC_DEPT, &d);
		if (rc != STATUS_OK)
			return rc;
	}

	if (a->fields & ACCOUNT_ROLES)
		after.roles = a->roles;
	if (a->fields & ACCOUNT_CLEARANCE)
		after.clearance = a->clearance;
	if (a->fields & ACCOUNT_ISSUING)
		after.issuing_kinds = a->issuing_kinds;
	if (a->fields & ACCOUNT_LEADER)
		after.leader_level = a->leader_level;
	if (a->fields & ACCOUNT_DEPT)
		after.dept_id = a->dept_id;
	if ((rc = account_check_last_admin(txn, target, &after)) != STATUS_OK)
		return rc;

	account_attrs_detail(op, target, &after);
	*target = after;	/* the same strings and blobs: no copy owned */
	return STATUS_OK;
}

enum status
account_set_attrs(struct session *s, const char *name,
    const struct account_attrs *a)
{
	struct account_op op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_USER_ROLES;
	op.name = name;
	op.apply = account_attrs_apply;
	op.attrs = a;
	return account_run(&op);
}

/* -- Unlock -------------------------------------------------------------- */

static enum status
account_unlock_apply(struct store_txn *txn, struct account_op *op,
    struct rec_user *target)
{
	snprintf(op->detail, sizeof op->detail,
	    "account %s unlocked after %u failed logins", target->name,
	    (unsigned) target->failed_logins);
	target->locked_until = 0;
	target->failed_logins = 0;
	return STATUS_OK;
}

enum status
account_unlock(struct session *s, const char *name)
{
	struct account_op op;
	char when[32];
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_USER_UNLOCK;
	op.name = name;
	op.apply = account_unlock_apply;
	rc = account_run(&op);
	if (rc == STATUS_OK)
		log_authpriv("account unlocked user=%s by=%s terminal=%s "
		    "time=%s", name, s->name, s->terminal,
		    session_time_text(clock_now(), when, sizeof when));
	return rc;
}

/* -- Password reset ------------------------------------------------------ */

static enum status
account_reset_apply(struct store_txn *txn, struct account_op *op,
    struct rec_user *target)
{
	snprintf(op->detail, sizeof op->detail,
	    "password of %s reset; must be changed at the next login",
	    target->name);
	session_history_push(target, &target->pw_hash, op->keep);
	session_blob_set(&target->pw_hash, op->hash, op->hash_len);
	target->pw_changed = clock_now();
	target->pw_must_change = 1;
	target->failed_logins = 0;
	target->locked_until = 0;
	return STATUS_OK;
}

/* The read step before a slow hash: is the actor allowed at all, and
 * what is the policy?  Refusals are audited by the caller. */
struct account_pre {
	struct session	*s;
	enum action	 act;
	struct policy	 pol;
};

static enum status
account_pre_txn(struct store_txn *txn, void *arg)
{
	struct account_pre *p = arg;
	struct rec_user actor;
	enum status rc;

	rc = session_authorize(txn, p->s, p->act, &actor);
	rec_free(REC_USER, &actor);
	if (rc == STATUS_OK)
		rc = policy_load(txn, &p->pol);
	return rc;
}

enum status
account_reset_password(struct session *s, const char *name, char **password)
{
	struct account_pre pre = { s, ACT_PW_RESET, { 0 } };
	unsigned char *hash = NULL;
	struct account_op op;
	char when[32];
	enum status rc;

	*password = NULL;
	memset(&op, 0, sizeof op);
	rc = store_run(s->store, STORE_READ, account_pre_txn, &pre);
	if (rc != STATUS_OK)
		return session_audit_failure(s, ACT_PW_RESET, REC_USER, 0, rc,
		    name);
	rc = account_make_password(&pre.pol, name, password, &hash,
	    &op.hash_len);
	if (rc != STATUS_OK)
		return session_audit_failure(s, ACT_PW_RESET, REC_USER, 0, rc,
		    name);

	op.s = s;
	op.act = ACT_PW_RESET;
	op.name = name;
	op.apply = account_reset_apply;
	op.hash = hash;
	op.keep = pre.pol.history > 0 ? pre.pol.history - 1 : 0;
	rc = account_run(&op);
	free(hash);
	if (rc != STATUS_OK) {
		account_password_free(*password);
		*password = NULL;
		return rc;
	}
	log_authpriv("password reset user=%s by=%s terminal=%s time=%s", name,
	    s->name, s->terminal, session_time_text(clock_now(), when,
	    sizeof when));
	return STATUS_OK;
}

/* -- Adding an account --------------------------------------------------- */

struct account_add_op {
	struct session		*s;
	const char		*name;
	char			*full_name;	/* sanitized */
	uint64_t		 dept_id;
	const unsigned char	*hash;
	size_t			 hash_len;
	uint64_t		 id;
};

static enum status
account_add_txn(struct store_txn *txn, void *arg)
{
	struct account_add_op *op = arg;
	struct rec_user actor, u;
	char detail[128];
	enum status rc;

	memset(&u, 0, sizeof u);
	rc = session_authorize(txn, op->s, ACT_USER_ADD, &actor);
	if (rc != STATUS_OK)
		return rc;

	rc = store_get_by_name(txn, IDX_USER_NAME, op->name, &u);
	if (rc == STATUS_OK)
		rc = STATUS_EXISTS;
	if (rc != STATUS_NOT_FOUND)
		goto out;
	rec_free(REC_USER, &u);
	memset(&u, 0, sizeof u);
	if (op->dept_id != 0) {
		struct rec_dept d;

		memset(&d, 0, sizeof d);
		rc = store_get(txn, REC_DEPT, op->dept_id, &d);
		rec_free(REC_DEPT, &d);
		if (rc != STATUS_OK)
			goto out;
	}

	u.name = xstrdup(op->name);
	u.full_name = xstrdup(op->full_name);
	u.dept_id = op->dept_id;
	u.pw_must_change = 1;
	session_blob_set(&u.pw_hash, op->hash, op->hash_len);
	u.pw_changed = u.created = clock_now();
	if ((rc = store_put(txn, REC_USER, &u)) != STATUS_OK)
		goto out;

	op->id = u.id;
	snprintf(detail, sizeof detail, "account %s created", op->name);
	rc = audit_append(txn, &actor, perm_acting_role(&actor, ACT_USER_ADD),
	    ACT_USER_ADD, REC_USER, u.id, AUDIT_OK, detail);
out:
	rec_free(REC_USER, &u);
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
account_add(struct session *s, const char *name, const char *full_name,
    uint64_t dept_id, char **password, uint64_t *id)
{
	struct account_pre pre = { s, ACT_USER_ADD, { 0 } };
	struct account_add_op op;
	unsigned char *hash = NULL;
	char when[32];
	enum status rc;

	*password = NULL;
	memset(&op, 0, sizeof op);
	rc = store_run(s->store, STORE_READ, account_pre_txn, &pre);
	if (rc == STATUS_OK && !account_name_valid(name))
		rc = STATUS_INVALID;
	if (rc == STATUS_OK)
		rc = account_make_password(&pre.pol, name, password, &hash,
		    &op.hash_len);
	if (rc != STATUS_OK)
		return session_audit_failure(s, ACT_USER_ADD, REC_USER, 0, rc,
		    "account not created");

	op.s = s;
	op.name = name;
	op.full_name = text_sanitize(full_name != NULL ? full_name : "",
	    full_name != NULL ? strlen(full_name) : 0, 0);
	op.dept_id = dept_id;
	op.hash = hash;
	rc = store_run(s->store, STORE_WRITE, account_add_txn, &op);
	free(op.full_name);
	free(hash);
	if (rc != STATUS_OK) {
		account_password_free(*password);
		*password = NULL;
		return session_audit_failure(s, ACT_USER_ADD, REC_USER, 0, rc,
		    "account not created");
	}

	if (id != NULL)
		*id = op.id;
	log_authpriv("account created user=%s by=%s terminal=%s time=%s",
	    name, s->name, s->terminal, session_time_text(clock_now(), when,
	    sizeof when));
	return STATUS_OK;
}

/* -- Listing ------------------------------------------------------------- */

struct account_list_op {
	struct session	*s;
	struct rec_user	*users;
	size_t		 n, cap;
};

/* Copy what a list shows; hashes and history never leave the core. */
static int
account_list_each(const void *rec, void *arg)
{
	const struct rec_user *u = rec;
	struct account_list_op *op = arg;
	struct rec_user *c;

	if (op->n == op->cap) {
		op->cap = op->cap * 2 + 16;
		op->users = xrealloc(op->users, op->cap * sizeof *op->users);
	}
	c = &op->users[op->n++];
	*c = *u;
	c->name = xstrdup(u->name != NULL ? u->name : "");
	c->full_name = xstrdup(u->full_name != NULL ? u->full_name : "");
	memset(&c->pw_hash, 0, sizeof c->pw_hash);
	memset(&c->pw_history, 0, sizeof c->pw_history);
	return 0;
}

static enum status
account_list_txn(struct store_txn *txn, void *arg)
{
	struct account_list_op *op = arg;
	struct rec_user actor;
	char detail[64];
	enum status rc;

	account_list_free(op->users, op->n);	/* a re-run starts empty */
	op->users = NULL;
	op->n = op->cap = 0;
	rc = session_authorize(txn, op->s, ACT_USER_LIST, &actor);
	if (rc != STATUS_OK)
		return rc;

	rc = store_scan_all(txn, REC_USER, account_list_each, op);
	if (rc == STATUS_OK) {
		snprintf(detail, sizeof detail, "listed %zu accounts", op->n);
		rc = audit_append(txn, &actor,
		    perm_acting_role(&actor, ACT_USER_LIST), ACT_USER_LIST,
		    REC_USER, 0, AUDIT_OK, detail);
	}
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
account_list(struct session *s, struct rec_user **users, size_t *n)
{
	struct account_list_op op = { s, NULL, 0, 0 };
	enum status rc;

	*users = NULL;
	*n = 0;
	rc = store_run(s->store, STORE_WRITE, account_list_txn, &op);
	if (rc != STATUS_OK) {
		account_list_free(op.users, op.n);
		return session_audit_failure(s, ACT_USER_LIST, REC_USER, 0, rc,
		    NULL);
	}
	*users = op.users;
	*n = op.n;
	return STATUS_OK;
}

void
account_list_free(struct rec_user *users, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_USER, &users[i]);
	free(users);
}
