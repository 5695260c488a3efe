/*
 * account_dept.c -- departments and work stations, which accounts and
 * documents belong to.  The system administrator adds them; both
 * account administrators list them to place accounts.
 *
 * Departments are few, so names are checked for uniqueness by a scan;
 * nothing here deletes a department (documents keep pointing at it).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/perm.h"
#include "util/util.h"

struct account_dept_op {
	struct session	*s;
	const char	*name;		/* add, find */
	char		*clean;		/* add: the sanitized name */
	char		*prefix;
	int		 is_station;
	uint64_t	 id;		/* add, find: out */
	struct rec_dept	*depts;		/* list */
	size_t		 n, cap;
};

static int
account_dept_find_each(const void *rec, void *arg)
{
	const struct rec_dept *d = rec;
	struct account_dept_op *op = arg;

	if (d->name != NULL && strcmp(d->name, op->name) == 0) {
		op->id = d->id;
		return 1;
	}
	return 0;
}

static enum status
account_dept_add_txn(struct store_txn *txn, void *arg)
{
	struct account_dept_op *op = arg;
	struct rec_user actor;
	struct rec_dept d;
	char detail[256];
	enum status rc;

	op->id = 0;
	rc = session_authorize(txn, op->s, ACT_DEPT_MANAGE, &actor);
	if (rc != STATUS_OK)
		return rc;
	op->name = op->clean;
	rc = store_scan_all(txn, REC_DEPT, account_dept_find_each, op);
	if (rc == STATUS_OK && op->id != 0)
		rc = STATUS_EXISTS;
	if (rc != STATUS_OK)
		goto out;

	memset(&d, 0, sizeof d);
	d.name = op->clean;
	d.number_prefix = op->prefix;
	d.is_station = op->is_station ? 1 : 0;
	if ((rc = store_put(txn, REC_DEPT, &d)) != STATUS_OK)
		goto out;
	op->id = d.id;
	snprintf(detail, sizeof detail, "%s %s added",
	    d.is_station ? "work station" : "department", op->clean);
	rc = audit_append(txn, &actor,
	    perm_acting_role(&actor, ACT_DEPT_MANAGE), ACT_DEPT_MANAGE,
	    REC_DEPT, d.id, AUDIT_OK, detail);
out:
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
account_dept_add(struct session *s, const char *name,
    const char *number_prefix, int is_station, uint64_t *id)
{
	struct account_dept_op op;
	enum status rc = STATUS_OK;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.clean = text_sanitize(name, strlen(name), 0);
	op.prefix = text_sanitize(number_prefix != NULL ? number_prefix : "",
	    number_prefix != NULL ? strlen(number_prefix) : 0, 0);
	op.is_station = is_station;
	if (*op.clean == '\0')
		rc = STATUS_INVALID;
	else if (strcmp(op.clean, name) != 0)
		rc = STATUS_NAME_CHARS;	/* never saved other than typed */
	if (rc == STATUS_OK)
		rc = store_run(s->store, STORE_WRITE, account_dept_add_txn,
		    &op);
	if (rc != STATUS_OK)
		session_audit_failure(s, ACT_DEPT_MANAGE, REC_DEPT, 0, rc,
		    "department not added");
	else if (id != NULL)
		*id = op.id;
	free(op.clean);
	free(op.prefix);
	return rc;
}

static int
account_dept_list_each(const void *rec, void *arg)
{
	const struct rec_dept *d = rec;
	struct account_dept_op *op = arg;
	struct rec_dept *c;

	if (op->n == op->cap) {
		op->cap = op->cap * 2 + 8;
		op->depts = xrealloc(op->depts, op->cap * sizeof *op->depts);
	}
	c = &op->depts[op->n++];
	*c = *d;
	c->name = xstrdup(d->name != NULL ? d->name : "");
	c->number_prefix = xstrdup(d->number_prefix != NULL ?
	    d->number_prefix : "");
	return 0;
}

static enum status
account_dept_list_txn(struct store_txn *txn, void *arg)
{
	struct account_dept_op *op = arg;
	struct rec_user actor;
	enum status rc;

	account_dept_free(op->depts, op->n);	/* a re-run starts empty */
	op->depts = NULL;
	op->n = op->cap = 0;
	rc = session_authorize(txn, op->s, ACT_USER_LIST, &actor);
	rec_free(REC_USER, &actor);
	if (rc != STATUS_OK)
		return rc;
	return store_scan_all(txn, REC_DEPT, account_dept_list_each, op);
}

enum status
account_dept_list(struct session *s, struct rec_dept **depts, size_t *n)
{
	struct account_dept_op op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	*depts = NULL;
	*n = 0;
	rc = store_run(s->store, STORE_READ, account_dept_list_txn, &op);
	if (rc != STATUS_OK) {
		account_dept_free(op.depts, op.n);
		return session_audit_failure(s, ACT_USER_LIST, REC_DEPT, 0, rc,
		    "departments not listed");
	}
	*depts = op.depts;
	*n = op.n;
	return STATUS_OK;
}

void
account_dept_free(struct rec_dept *depts, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_DEPT, &depts[i]);
	free(depts);
}

static enum status
account_dept_find_txn(struct store_txn *txn, void *arg)
{
	struct account_dept_op *op = arg;
	struct rec_user actor;
	enum status rc;

	op->id = 0;
	rc = session_authorize(txn, op->s, ACT_USER_LIST, &actor);
	rec_free(REC_USER, &actor);
	if (rc != STATUS_OK)
		return rc;
	rc = store_scan_all(txn, REC_DEPT, account_dept_find_each, op);
	if (rc == STATUS_OK && op->id == 0)
		rc = STATUS_NOT_FOUND;
	return rc;
}

enum status
account_dept_find(struct session *s, const char *name, uint64_t *id)
{
	struct account_dept_op op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.name = name;
	rc = store_run(s->store, STORE_READ, account_dept_find_txn, &op);
	if (rc == STATUS_DENIED || rc == STATUS_SESSION_IDLE ||
	    rc == STATUS_PW_MUST_CHANGE || rc == STATUS_PW_EXPIRED)
		return session_audit_failure(s, ACT_USER_LIST, REC_DEPT, 0, rc,
		    "department lookup");
	*id = op.id;
	return rc;
}
