/*
 * account_init.c -- filling a new workspace: the bureau's name, the
 * classification and its policy, the workstation's audit key, and the
 * three administrators of a classified system, each with an initial
 * password shown once.
 *
 * This is the only place that creates accounts without an acting
 * session: the system itself acts (ACT_INIT), and only on a workspace
 * that holds no bureau yet.  It must never run on an existing one.
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
#include "core/seal.h"
#include "core/session_private.h"
#include "crypto/crypto.h"
#include "util/util.h"

static const uint32_t account_init_roles[3] = {
	ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR
};

struct account_init_op {
	struct store		*st;
	struct account_init	*ai;
	char			*bureau;	/* sanitized */
	struct policy		 pol;
	unsigned char		*hash[3];
	size_t			 hash_len[3];
};

static enum status
account_init_user(struct store_txn *txn, struct account_init_op *op,
    unsigned i)
{
	char detail[128], roles[32];
	struct rec_user u;
	enum status rc;

	memset(&u, 0, sizeof u);
	u.name = xstrdup(op->ai->names[i]);
	u.full_name = xstrdup("");
	u.roles = account_init_roles[i];
	u.pw_must_change = 1;
	u.pw_changed = u.created = clock_now();
	session_blob_set(&u.pw_hash, op->hash[i], op->hash_len[i]);
	rc = store_put(txn, REC_USER, &u);
	if (rc == STATUS_OK) {
		snprintf(detail, sizeof detail, "account %s created as %s",
		    u.name, perm_roles_format(u.roles, roles, sizeof roles));
		rc = audit_append(txn, NULL, 0, ACT_INIT, REC_USER, u.id,
		    AUDIT_OK, detail);
	}
	rec_free(REC_USER, &u);
	return rc;
}

static enum status
account_init_txn(struct store_txn *txn, void *arg)
{
	struct account_init_op *op = arg;
	char detail[512], *v = NULL;
	uint64_t last = 0;
	enum status rc;
	unsigned i;

	/* Refuse a workspace that has a bureau or any account already. */
	rc = policy_meta_get(txn, "bureau", &v);
	free(v);
	if (rc == STATUS_OK)
		return STATUS_WORKSPACE_EXISTS;
	if (rc != STATUS_NOT_FOUND)
		return rc;
	if ((rc = store_last_id(txn, REC_USER, &last)) != STATUS_OK)
		return rc;
	if (last != 0)
		return STATUS_WORKSPACE_EXISTS;

	if ((rc = policy_meta_set(txn, "bureau", op->bureau)) != STATUS_OK ||
	    (rc = policy_save(txn, &op->pol)) != STATUS_OK)
		return rc;
	snprintf(detail, sizeof detail, "workspace created for %s, "
	    "classification %s", op->bureau,
	    policy_class_name(op->pol.classification));
	if ((rc = audit_append(txn, NULL, 0, ACT_INIT, REC_META, 0, AUDIT_OK,
	    detail)) != STATUS_OK)
		return rc;
	if ((rc = audit_init_workstation_key(txn, store_home(op->st))) !=
	    STATUS_OK)
		return rc;
	if ((rc = seal_ca_init(txn, store_home(op->st), op->bureau)) !=
	    STATUS_OK)
		return rc;

	for (i = 0; i < 3 && rc == STATUS_OK; i++)
		rc = account_init_user(txn, op, i);
	return rc;
}

/* The names must be valid, distinct logins; the bureau must be named. */
static enum status
account_init_check(const struct account_init *ai)
{
	unsigned i;

	if (ai->bureau == NULL || *ai->bureau == '\0')
		return STATUS_INVALID;
	for (i = 0; i < 3; i++) {
		if (ai->names[i] == NULL || !account_name_valid(ai->names[i]))
			return STATUS_INVALID;
		if (strcmp(ai->names[i], ai->names[(i + 1) % 3]) == 0)
			return STATUS_EXISTS;
	}
	return STATUS_OK;
}

static void
account_init_clear(struct account_init_op *op, int keep_passwords)
{
	unsigned i;

	for (i = 0; i < 3; i++) {
		free(op->hash[i]);
		if (!keep_passwords) {
			account_password_free(op->ai->passwords[i]);
			op->ai->passwords[i] = NULL;
		}
	}
	free(op->bureau);
}

enum status
account_init_workspace(struct store *st, struct account_init *ai)
{
	struct account_init_op op;
	enum status rc;
	unsigned i;

	memset(&op, 0, sizeof op);
	op.st = st;
	op.ai = ai;
	memset(ai->passwords, 0, sizeof ai->passwords);
	if ((rc = account_init_check(ai)) != STATUS_OK)
		return rc;
	if ((rc = policy_defaults(ai->classification, &op.pol)) != STATUS_OK)
		return rc;
	op.bureau = text_sanitize(ai->bureau, strlen(ai->bureau), 0);

	for (i = 0; i < 3 && rc == STATUS_OK; i++)
		rc = account_make_password(&op.pol, ai->names[i],
		    &ai->passwords[i], &op.hash[i], &op.hash_len[i]);
	if (rc == STATUS_OK)
		rc = store_run(st, STORE_WRITE, account_init_txn, &op);
	account_init_clear(&op, rc == STATUS_OK);
	if (rc == STATUS_OK)
		log_authpriv("workspace created with administrators %s, %s, %s",
		    ai->names[0], ai->names[1], ai->names[2]);
	return rc;
}
