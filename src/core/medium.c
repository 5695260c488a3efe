/*
 * medium.c -- the register of removable media (rec_medium) and which
 * registered media are mounted now (see medium.h).
 *
 * The operating system's side (mount table, UUIDs, free space) is
 * util/media.c; this file only decides which media are known and
 * offered.  It must never write to a medium.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/audit.h"
#include "core/medium.h"
#include "core/perm.h"

#define MEDIUM_ID_MAX	64

/* Directory media: test builds, and only when the test asks. */
static int
medium_dir_mode(void)
{
	return testhook_env("ESEAL_TEST_MEDIA_DIRS") != NULL;
}

int
medium_id_valid(const char *id)
{
	size_t n, i;

	if (id == NULL || (n = strlen(id)) == 0 || n > 4096)
		return 0;
	if (id[0] == '/')
		return medium_dir_mode() && text_utf8_valid(id, n);
	if (n > MEDIUM_ID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdefABCDEF-", id[i]))
			return 0;
	return 1;
}

enum status
medium_find(struct store_txn *txn, const char *uuid, struct rec_medium *rec)
{
	enum status rc;

	rc = store_get_by_name(txn, IDX_MEDIUM_UUID, uuid, rec);
	if (rc == STATUS_OK && rec->revoked) {
		rec_free(REC_MEDIUM, rec);
		rc = STATUS_NOT_FOUND;
	}
	return rc == STATUS_NOT_FOUND ? STATUS_MEDIUM_UNREGISTERED : rc;
}

/* -- Registering ----------------------------------------------------------- */

struct medium_op {
	struct session	*s;
	const char	*uuid;
	const char	*label;		/* NULL: revoke */
	uint64_t	 id;
};

static enum status
medium_apply(struct store_txn *txn, struct medium_op *op,
    const struct rec_user *actor, struct rec_medium *m)
{
	enum status rc;

	rc = store_get_by_name(txn, IDX_MEDIUM_UUID, op->uuid, m);
	if (rc != STATUS_OK && rc != STATUS_NOT_FOUND)
		return rc;
	if (op->label == NULL) {	/* revoke */
		if (rc == STATUS_NOT_FOUND || m->revoked)
			return STATUS_NOT_FOUND;
		m->revoked = 1;
		return store_put(txn, REC_MEDIUM, m);
	}
	if (rc == STATUS_OK && !m->revoked)
		return STATUS_EXISTS;
	if (rc == STATUS_NOT_FOUND)
		m->uuid = xstrdup(op->uuid);
	free(m->label);
	m->label = text_sanitize(op->label, strlen(op->label), 0);
	m->registered_by = actor->id;
	m->registered_at = clock_now();
	m->revoked = 0;
	return store_put(txn, REC_MEDIUM, m);
}

static enum status
medium_op_txn(struct store_txn *txn, void *arg)
{
	struct medium_op *op = arg;
	struct rec_medium m;
	struct rec_user actor;
	enum status rc;
	char *detail;

	memset(&m, 0, sizeof m);
	rc = session_authorize(txn, op->s, ACT_MEDIUM_REGISTER, &actor);
	if (rc != STATUS_OK)
		return rc;
	if ((rc = medium_apply(txn, op, &actor, &m)) == STATUS_OK) {
		op->id = m.id;
		detail = xasprintf("%s medium %s (%s)", op->label != NULL ?
		    "registered" : "revoked", m.uuid, m.label != NULL ?
		    m.label : "");
		rc = audit_append(txn, &actor, perm_acting_role(&actor,
		    ACT_MEDIUM_REGISTER), ACT_MEDIUM_REGISTER, REC_MEDIUM,
		    m.id, AUDIT_OK, detail);
		free(detail);
	}
	rec_free(REC_MEDIUM, &m);
	rec_free(REC_USER, &actor);
	return rc;
}

static enum status
medium_op_run(struct medium_op *op)
{
	enum status rc;
	char *what;

	if (op->s == NULL)
		return STATUS_DENIED;
	if (!medium_id_valid(op->uuid))
		rc = STATUS_INVALID;
	else
		rc = store_run(op->s->store, STORE_WRITE, medium_op_txn, op);
	if (rc != STATUS_OK) {
		what = xasprintf("%s medium %s", op->label != NULL ?
		    "register" : "revoke", op->uuid != NULL ? op->uuid : "");
		session_audit_failure(op->s, ACT_MEDIUM_REGISTER, REC_MEDIUM,
		    op->id, rc, what);
		free(what);
	}
	return rc;
}

enum status
medium_register(struct session *s, const char *uuid, const char *label)
{
	struct medium_op op = { s, uuid, label != NULL ? label : "", 0 };

	return medium_op_run(&op);
}

enum status
medium_revoke(struct session *s, const char *uuid)
{
	struct medium_op op = { s, uuid, NULL, 0 };

	return medium_op_run(&op);
}

/* -- Listing --------------------------------------------------------------- */

enum status
medium_locate(const char *uuid, struct media_info *info)
{
	struct media_list l;
	struct stat sb;
	enum status rc;
	size_t i;

	memset(info, 0, sizeof *info);
	if (uuid != NULL && uuid[0] == '/') {
		if (!medium_dir_mode() || stat(uuid, &sb) != 0 ||
		    !S_ISDIR(sb.st_mode) || media_stat(uuid, info) != STATUS_OK)
			return STATUS_MEDIUM_ABSENT;
		info->uuid = xstrdup(uuid);
		info->label = xstrdup("");
		info->device = xstrdup("");
		info->fstype = xstrdup("");
		info->mountpoint = xstrdup(uuid);
		return STATUS_OK;
	}
	if ((rc = media_scan(&l)) != STATUS_OK)
		return rc;
	rc = STATUS_MEDIUM_ABSENT;
	for (i = 0; i < l.n && rc != STATUS_OK; i++) {
		if (uuid == NULL || strcasecmp(l.v[i].uuid, uuid) != 0)
			continue;
		*info = l.v[i];
		memset(&l.v[i], 0, sizeof l.v[i]);
		rc = STATUS_OK;
	}
	media_list_free(&l);
	return rc;
}

struct medium_read {
	struct session	*s;
	int		 all;		/* the administrator's view */
	struct medium	*v;
	size_t		 n;
	uint64_t	*by;		/* who registered each of V */
};

static void
medium_free_one(struct medium *m)
{
	free(m->uuid);
	free(m->label);
	free(m->registered_by);
	media_info_free(&m->info);
}

static struct medium *
medium_add(struct medium_read *r)
{
	struct medium *m;

	r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	r->by = xrealloc(r->by, (r->n + 1) * sizeof *r->by);
	r->by[r->n] = 0;
	m = &r->v[r->n++];
	memset(m, 0, sizeof *m);
	return m;
}

static int
medium_each(const void *rec, void *arg)
{
	const struct rec_medium *rm = rec;
	struct medium_read *r = arg;
	struct medium *m;

	if (!r->all && rm->revoked)
		return 0;
	m = medium_add(r);
	m->id = rm->id;
	m->uuid = xstrdup(rm->uuid);
	m->label = xstrdup(rm->label != NULL ? rm->label : "");
	m->revoked = rm->revoked;
	m->registered_at = rm->registered_at;
	r->by[r->n - 1] = rm->registered_by;
	return 0;
}

/* The login names of who registered each medium, read after the scan. */
static void
medium_names(struct store_txn *txn, struct medium_read *r)
{
	struct rec_user u;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (store_get(txn, REC_USER, r->by[i], &u) == STATUS_OK) {
			r->v[i].registered_by = xstrdup(u.name);
			rec_free(REC_USER, &u);
		} else {
			r->v[i].registered_by = xstrdup("-");
		}
	}
}

static void
medium_read_clear(struct medium_read *r)
{
	medium_list_free(r->v, r->n);
	free(r->by);
	r->v = NULL;
	r->by = NULL;
	r->n = 0;
}

static enum status
medium_read_txn(struct store_txn *txn, void *arg)
{
	struct medium_read *r = arg;
	struct rec_user actor;
	enum status rc;

	medium_read_clear(r);
	if (r->all)
		rc = session_authorize(txn, r->s, ACT_MEDIUM_REGISTER, &actor);
	else if ((rc = session_authorize(txn, r->s, ACT_EXPORT, &actor)) ==
	    STATUS_DENIED &&
	    (rc = session_authorize(txn, r->s, ACT_REPORT_ACCOUNTS, &actor)) ==
	    STATUS_DENIED)
		rc = session_authorize(txn, r->s, ACT_AUDIT_EXPORT, &actor);
	if (rc != STATUS_OK)
		return rc;
	rec_free(REC_USER, &actor);
	rc = store_scan(txn, IDX_MEDIUM_UUID, NULL, 0, medium_each, r);
	if (rc == STATUS_OK)
		medium_names(txn, r);
	return rc;
}

/* Fill in where the registered media are mounted; with ALL, add the
 * mounted ones nobody registered. */
static void
medium_mounts(struct medium_read *r, struct media_list *l)
{
	struct medium *m;
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].uuid[0] == '/') {
			r->v[i].mounted = medium_locate(r->v[i].uuid,
			    &r->v[i].info) == STATUS_OK;
			continue;
		}
		for (j = 0; j < l->n && !r->v[i].mounted; j++) {
			if (l->v[j].uuid[0] == '\0' ||
			    strcasecmp(l->v[j].uuid, r->v[i].uuid) != 0)
				continue;
			r->v[i].mounted = 1;
			r->v[i].info = l->v[j];
			memset(&l->v[j], 0, sizeof l->v[j]);
		}
	}
	for (j = 0; r->all && j < l->n; j++) {
		if (l->v[j].mountpoint == NULL)
			continue;	/* taken by a registered one above */
		m = medium_add(r);
		m->uuid = xstrdup(l->v[j].uuid);
		m->label = xstrdup(l->v[j].label);
		m->registered_by = xstrdup("");
		m->mounted = 1;
		m->info = l->v[j];
		memset(&l->v[j], 0, sizeof l->v[j]);
	}
}

static enum status
medium_read(struct session *s, int all, struct medium **v, size_t *n)
{
	struct medium_read r = { s, all, NULL, 0, NULL };
	struct media_list l;
	enum status rc;
	size_t i, keep;

	*v = NULL;
	*n = 0;
	if (s == NULL)
		return STATUS_DENIED;
	if ((rc = store_run(s->store, STORE_READ, medium_read_txn, &r)) !=
	    STATUS_OK || (rc = media_scan(&l)) != STATUS_OK) {
		medium_read_clear(&r);
		return rc;
	}
	medium_mounts(&r, &l);
	media_list_free(&l);
	for (i = keep = 0; i < r.n; i++) {
		if (!all && !r.v[i].mounted)
			medium_free_one(&r.v[i]);
		else
			r.v[keep++] = r.v[i];
	}
	free(r.by);
	*v = r.v;
	*n = keep;
	return STATUS_OK;
}

enum status
medium_list(struct session *s, struct medium **v, size_t *n)
{
	return medium_read(s, 1, v, n);
}

enum status
medium_offered(struct session *s, struct medium **v, size_t *n)
{
	return medium_read(s, 0, v, n);
}

void
medium_list_free(struct medium *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		medium_free_one(&v[i]);
	free(v);
}
