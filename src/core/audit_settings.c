/*
 * audit_settings.c -- the trail's settings in REC_META (checkpoint
 * interval, retention, space threshold), the permission gate of the
 * auditor's functions, and the space warning for the login path.
 *
 * It must not let a setting loosen below the floor: entries are kept at
 * least AUDIT_RETENTION_DAYS, six months, as the bureau's default and as
 * the cybersecurity rules for government systems require of their logs.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_private.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/session.h"

#define AUDIT_EVERY_MAX		100000u
#define AUDIT_SPACE_MIN		(1ull << 20)

enum status
audit_meta_u64(struct store_txn *txn, const char *key, uint64_t dflt,
    uint64_t *value)
{
	char *s = NULL, *end;
	enum status st;

	*value = dflt;
	st = policy_meta_get(txn, key, &s);
	if (st == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (st != STATUS_OK)
		return st;

	*value = strtoull(s, &end, 10);
	if (*s == '\0' || *end != '\0') {
		log_warn("audit: setting %s is not a number; using %llu", key,
		    (unsigned long long) dflt);
		*value = dflt;
	}
	free(s);
	return STATUS_OK;
}

uint32_t
audit_role(const struct rec_user *actor, enum action act)
{
	uint32_t role = perm_acting_role(actor, act);

	if (role == 0 && actor != NULL)
		role = actor->roles;
	return role;
}

size_t
audit_encoded_len(const struct rec_audit *e)
{
	/* version, id, time, user, role, action, kind, object, outcome and
	 * the four 32-bit lengths: see the table in audit.c. */
	size_t fixed = 1 + 8 + 8 + 8 + 4 + 2 + 1 + 8 + 1 + 4 * 4;

	return fixed + (e->terminal != NULL ? strlen(e->terminal) : 0) +
	    (e->detail != NULL ? strlen(e->detail) : 0) + e->prev_hash.len +
	    e->signature.len;
}

/* -- Operations for a session ---------------------------------------------- */

struct audit_op {
	struct session	*s;
	enum action	 act;
	audit_op_fn	 fn;
	void		*arg;
};

static enum status
audit_op_txn(struct store_txn *txn, void *arg)
{
	struct audit_op *op = arg;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, op->act, &actor)) != STATUS_OK)
		return st;
	st = op->fn(txn, &actor, op->arg);
	rec_free(REC_USER, &actor);
	return st;
}

enum status
audit_op_allowed(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	(void) txn;
	(void) actor;
	(void) arg;
	return STATUS_OK;
}

enum status
audit_session_run(struct session *s, enum action act, enum store_mode mode,
    audit_op_fn fn, void *arg, enum rec_kind kind, uint64_t id,
    const char *what)
{
	struct audit_op op = { s, act, fn, arg };
	enum status st;

	if (s == NULL)
		return STATUS_DENIED;
	st = store_run(s->store, mode, audit_op_txn, &op);
	if (st != STATUS_OK)
		return session_audit_failure(s, act, kind, id, st, what);
	return STATUS_OK;
}

/* -- The security administrator's settings --------------------------------- */

struct audit_set_args {
	const char	*key;
	uint64_t	 value;
	uint64_t	 min;
	uint64_t	 max;
	enum status	 refused;	/* why refused, or OK */
};

static enum status
audit_set_txn(struct store_txn *txn, const struct rec_user *actor, void *arg)
{
	struct audit_set_args *a = arg;
	char *detail, num[24];
	enum status st;

	snprintf(num, sizeof num, "%" PRIu64, a->value);
	a->refused = a->value < a->min ? STATUS_POLICY_FLOOR :
	    a->value > a->max ? STATUS_INVALID : STATUS_OK;
	if (a->refused == STATUS_OK &&
	    (st = policy_meta_set(txn, a->key, num)) != STATUS_OK)
		return st;

	/* A value below the floor is refused, and the refusal kept. */
	detail = xasprintf("%s = %s%s", a->key, num, a->refused != STATUS_OK ?
	    ": below the floor or out of range" : "");
	st = audit_append(txn, actor, audit_role(actor, ACT_POLICY_SET),
	    ACT_POLICY_SET, REC_META, 0, a->refused != STATUS_OK ?
	    AUDIT_REFUSED : AUDIT_OK, detail);
	free(detail);
	return st;
}

static enum status
audit_set(struct session *s, const char *key, uint64_t value, uint64_t min,
    uint64_t max)
{
	struct audit_set_args a = { key, value, min, max, STATUS_OK };
	enum status st;

	st = audit_session_run(s, ACT_POLICY_SET, STORE_WRITE, audit_set_txn,
	    &a, REC_META, 0, key);
	return st != STATUS_OK ? st : a.refused;
}

enum status
audit_set_retention(struct session *s, uint32_t days)
{
	return audit_set(s, AUDIT_META_RETENTION, days, AUDIT_RETENTION_DAYS,
	    100u * 366u);
}

enum status
audit_set_space_threshold(struct session *s, uint64_t bytes)
{
	return audit_set(s, AUDIT_META_SPACE, bytes, AUDIT_SPACE_MIN,
	    UINT64_MAX);
}

enum status
audit_set_checkpoint_every(struct session *s, uint32_t entries)
{
	return audit_set(s, AUDIT_META_EVERY, entries, 1, AUDIT_EVERY_MAX);
}

/* -- Reading the settings -------------------------------------------------- */

struct audit_settings_args {
	uint64_t	 retention;
	uint64_t	 space;
	uint64_t	 every;
};

static enum status
audit_settings_txn(struct store_txn *txn, void *arg)
{
	struct audit_settings_args *a = arg;
	enum status st;

	st = audit_meta_u64(txn, AUDIT_META_RETENTION, AUDIT_RETENTION_DAYS,
	    &a->retention);
	if (st == STATUS_OK)
		st = audit_meta_u64(txn, AUDIT_META_SPACE,
		    AUDIT_SPACE_THRESHOLD, &a->space);
	if (st == STATUS_OK)
		st = audit_meta_u64(txn, AUDIT_META_EVERY,
		    AUDIT_CHECKPOINT_EVERY, &a->every);
	return st;
}

enum status
audit_settings(struct store *st, uint32_t *retention_days,
    uint64_t *space_threshold, uint32_t *checkpoint_every)
{
	struct audit_settings_args a;
	enum status s;

	s = store_run(st, STORE_READ, audit_settings_txn, &a);
	if (s != STATUS_OK)
		return s;
	if (retention_days != NULL)
		*retention_days = (uint32_t) a.retention;
	if (space_threshold != NULL)
		*space_threshold = a.space;
	if (checkpoint_every != NULL)
		*checkpoint_every = (uint32_t) a.every;
	return STATUS_OK;
}

/* -- Space ----------------------------------------------------------------- */

static int
audit_space_each(const void *rec, void *arg)
{
	*(uint64_t *) arg += audit_encoded_len(rec);
	return 0;
}

struct audit_space_args {
	uint64_t	 used;
	uint64_t	 threshold;
};

static enum status
audit_space_txn(struct store_txn *txn, void *arg)
{
	struct audit_space_args *a = arg;
	enum status st;

	a->used = 0;
	st = audit_meta_u64(txn, AUDIT_META_SPACE, AUDIT_SPACE_THRESHOLD,
	    &a->threshold);
	if (st != STATUS_OK)
		return st;
	return store_scan_all(txn, REC_AUDIT, audit_space_each, &a->used);
}

enum status
audit_space_warning(struct store *st, uint64_t *used, uint64_t *threshold)
{
	struct audit_space_args a = { 0, 0 };
	enum status s;

	if ((s = store_run(st, STORE_READ, audit_space_txn, &a)) != STATUS_OK)
		return s;
	if (used != NULL)
		*used = a.used;
	if (threshold != NULL)
		*threshold = a.threshold;
	return a.used >= a.threshold ? STATUS_AUDIT_SPACE : STATUS_OK;
}
