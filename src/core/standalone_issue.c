/*
 * standalone_issue.c -- issuing an approved standalone seal: the seal
 * key re-wrapped under a one-time secret, the package signed by the
 * office's root key, written to a registered medium, and the
 * application marked ISSUED.
 *
 * The steps, as in an export (export.c), so that no transaction is open
 * while the medium is written:
 *   1. one write transaction makes the package: the clerk may issue and
 *      is the seal's custodian, whose key password opens the key; the
 *      key is wrapped again under the new secret; the office's root
 *      signs the package; the seal key signs the empty log's head;
 *   2. the medium is located, the files written and the package read
 *      back;
 *   3. one write transaction marks the application ISSUED and audits;
 *      when it fails, the files are wiped again.
 *
 * It must not keep, log or store the secret, the key password or the
 * unwrapped key: the secret leaves only through *SECRET.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/medium.h"
#include "core/perm.h"
#include "core/seal_private.h"
#include "core/standalone_private.h"
#include "util/safefile.h"

/* Characters that read aloud without confusion: no 0 O 1 I. */
static const char issue_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

struct issue_op {
	struct session	*s;
	uint64_t	 id;
	const char	*key_pw;
	const char	*medium;
	char		*secret;
	struct buf	 pkg;
	struct buf	 head;
	uint64_t	 medium_id;
	char		 detail[256];
};

static enum status
issue_secret(char **out)
{
	char *s = crypto_secure_alloc(STANDALONE_SECRET_LEN + 1);
	enum status rc = STATUS_OK;
	uint32_t v;
	size_t i;

	for (i = 0; i < STANDALONE_SECRET_LEN && rc == STATUS_OK; i++) {
		if (i % 5 == 4) {
			s[i] = '-';
			continue;
		}
		rc = crypto_random_below(sizeof issue_alphabet - 1, &v);
		s[i] = issue_alphabet[v];
	}
	s[STANDALONE_SECRET_LEN] = '\0';
	if (rc != STATUS_OK) {
		crypto_secure_free(s);
		s = NULL;
	}
	*out = s;
	return rc;
}

/* The application, its seal and the people it names, checked. */
static enum status
issue_load(struct store_txn *txn, struct issue_op *op,
    const struct rec_user *actor, struct rec_application *a,
    struct rec_seal *seal)
{
	struct rec_medium m;
	enum status st;

	if ((st = store_get(txn, REC_APPLICATION, op->id, a)) != STATUS_OK)
		return st;
	if (a->kind != APP_STANDALONE)
		return STATUS_NOT_FOUND;
	if (a->state == APP_PENDING)
		return STATUS_SA_APPROVALS;
	if (a->state != APP_APPROVED)
		return STATUS_STATE;
	if (clock_now() > a->period_to)
		return STATUS_SA_EXPIRED;
	if ((st = store_get(txn, REC_SEAL, a->seal_id, seal)) != STATUS_OK)
		return st;
	if (seal->status != SEAL_ACTIVE || seal->wrapped_key.len == 0)
		return STATUS_SEAL_INACTIVE;
	if (actor->id != seal->custodian_id)
		return STATUS_SEAL_CUSTODY;
	if ((st = medium_find(txn, op->medium, &m)) != STATUS_OK)
		return st;
	op->medium_id = m.id;
	rec_free(REC_MEDIUM, &m);
	return STATUS_OK;
}

static void
issue_fill(struct standalone_pkg *p, const struct rec_application *a,
    const struct rec_seal *seal, const struct rec_user *person,
    const struct rec_dept *station, const struct rec_user *actor)
{
	p->id = a->id;
	p->regno = seal->regno;
	p->seal_name = seal->name;
	p->person_id = person->id;
	p->person = person->name;
	p->person_name = person->full_name;
	p->station_id = station->id;
	p->station = station->name;
	p->purpose = a->reason;
	p->from = a->period_from;
	p->to = a->period_to;
	p->uses = a->count;
	p->issued = clock_now();
	p->issuer = actor->name;
	p->seal_der = seal->seal_der;
	p->cert = seal->cert;
}

/* Wrap KEY under the secret, sign the package and the empty head. */
static enum status
issue_sign(struct store_txn *txn, struct issue_op *op,
    struct standalone_pkg *p, const struct crypto_key *key)
{
	struct crypto_kdf_params kdf;
	struct seal_ca ca;
	enum status st;

	memset(&ca, 0, sizeof ca);
	/* A retried transaction makes a new secret. */
	crypto_secure_free(op->secret);
	op->secret = NULL;
	if ((st = seal_kdf_params(txn, &kdf)) != STATUS_OK ||
	    (st = issue_secret(&op->secret)) != STATUS_OK ||
	    (st = crypto_key_wrap(key, op->secret, &kdf, &p->wrapped.data,
	    &p->wrapped.len)) != STATUS_OK)
		return st;
	if ((st = seal_ca_open(txn, store_home(op->s->store), &ca)) !=
	    STATUS_OK)
		return st;
	p->root.data = ca.root_der;
	p->root.len = ca.root_len;
	buf_reset(&op->pkg);
	buf_reset(&op->head);
	if ((st = standalone_pkg_encode(p, ca.root_key, &op->pkg)) ==
	    STATUS_OK)
		st = standalone_head_make(p, key, 0, p->sm3, &op->head);
	seal_ca_close(&ca);
	return st;
}

static enum status
issue_make(struct store_txn *txn, struct issue_op *op,
    const struct rec_user *actor)
{
	struct rec_application a;
	struct standalone_pkg p;
	struct rec_seal seal;
	struct rec_user person;
	struct rec_dept station;
	struct crypto_key *key = NULL;
	enum status st;

	memset(&a, 0, sizeof a);
	memset(&seal, 0, sizeof seal);
	memset(&person, 0, sizeof person);
	memset(&station, 0, sizeof station);
	memset(&p, 0, sizeof p);
	if ((st = issue_load(txn, op, actor, &a, &seal)) != STATUS_OK ||
	    (st = store_get(txn, REC_USER, a.subject_id, &person)) !=
	    STATUS_OK ||
	    (st = store_get(txn, REC_DEPT, a.station_id, &station)) !=
	    STATUS_OK)
		goto out;
	/* A wrong one is the key password, not the login's. */
	st = crypto_key_unwrap(seal.wrapped_key.data, seal.wrapped_key.len,
	    op->key_pw, &key);
	if (st == STATUS_BAD_PASSWORD)
		st = STATUS_KEY_PASSWORD;
	if (st != STATUS_OK)
		goto out;
	issue_fill(&p, &a, &seal, &person, &station, actor);
	st = issue_sign(txn, op, &p, key);
	free(p.wrapped.data);
	snprintf(op->detail, sizeof op->detail, "standalone %" PRIu64 " of "
	    "seal %s for %s at %s", op->id, seal.regno, person.name,
	    station.name);
out:
	crypto_key_free(key);
	rec_free(REC_DEPT, &station);
	rec_free(REC_USER, &person);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_APPLICATION, &a);
	return st;
}

static enum status
issue_make_txn(struct store_txn *txn, void *arg)
{
	struct issue_op *op = arg;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, ACT_STANDALONE, &actor)) !=
	    STATUS_OK)
		return st;
	st = issue_make(txn, op, &actor);
	rec_free(REC_USER, &actor);
	return st;
}

/* -- Step 2: the medium ---------------------------------------------------- */

static enum status
issue_open_dir(const char *root, struct safefile_dir *d)
{
	struct safefile_dir top;
	struct buf b;
	enum status st;
	char *path;

	if ((st = safefile_dir_open(root, &top)) != STATUS_OK)
		return st;
	st = safefile_mkdir(&top, STANDALONE_DIR, d);
	safefile_dir_close(&top);
	if (st != STATUS_EXISTS)
		return st;
	path = xasprintf("%s/%s", root, STANDALONE_DIR);
	st = safefile_dir_open(path, d);
	free(path);
	buf_init(&b);
	if (st == STATUS_OK && standalone_read(d->path, STANDALONE_PACKAGE,
	    &b) != STATUS_NOT_FOUND) {
		safefile_dir_close(d);
		st = STATUS_EXISTS;	/* one package per medium */
	}
	buf_free(&b);
	return st;
}

static enum status
issue_write(struct issue_op *op, const char *root, char **where)
{
	struct safefile_dir d;
	struct buf back;
	enum status st;

	if ((st = issue_open_dir(root, &d)) != STATUS_OK)
		return st;
	*where = xstrdup(d.path);
	buf_init(&back);
	if ((st = safefile_write(&d, STANDALONE_PACKAGE, op->pkg.data,
	    op->pkg.len)) == STATUS_OK &&
	    (st = safefile_write(&d, STANDALONE_LOG, "", 0)) == STATUS_OK &&
	    (st = safefile_write(&d, STANDALONE_HEAD, op->head.data,
	    op->head.len)) == STATUS_OK &&
	    (st = safefile_read_back(&d, STANDALONE_PACKAGE, &back)) ==
	    STATUS_OK && (back.len != op->pkg.len ||
	    memcmp(back.data, op->pkg.data, back.len) != 0))
		st = STATUS_MEDIUM_MISMATCH;
	buf_free(&back);
	safefile_dir_close(&d);
	return st;
}

static void
issue_unwrite(const char *where)
{
	(void) standalone_wipe(where, STANDALONE_PACKAGE);
	(void) standalone_wipe(where, STANDALONE_LOG);
	(void) standalone_wipe(where, STANDALONE_HEAD);
}

/* -- Step 3: the record ---------------------------------------------------- */

static enum status
issue_mark_txn(struct store_txn *txn, void *arg)
{
	struct issue_op *op = arg;
	struct rec_application a;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, ACT_STANDALONE, &actor)) !=
	    STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_APPLICATION, op->id, &a)) != STATUS_OK)
		goto out;
	if (a.state != APP_APPROVED)
		st = STATUS_STATE;
	a.state = APP_ISSUED;
	a.issued_at = clock_now();
	a.issued_by = actor.id;
	a.medium_id = op->medium_id;
	if (st == STATUS_OK)
		st = store_put(txn, REC_APPLICATION, &a);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor,
		    ACT_STANDALONE), ACT_STANDALONE, REC_APPLICATION, op->id,
		    AUDIT_OK, op->detail);
	rec_free(REC_APPLICATION, &a);
out:
	rec_free(REC_USER, &actor);
	return st;
}

enum status
standalone_issue(struct session *s, uint64_t id, const char *key_pw,
    const char *medium, char **secret)
{
	struct media_info info;
	struct issue_op op;
	char *where = NULL;
	enum status st;

	*secret = NULL;
	memset(&op, 0, sizeof op);
	memset(&info, 0, sizeof info);
	op.s = s;
	op.id = id;
	op.key_pw = key_pw;
	op.medium = medium;
	buf_init(&op.pkg);
	buf_init(&op.head);
	snprintf(op.detail, sizeof op.detail, "standalone %" PRIu64, id);
	st = store_run(s->store, STORE_WRITE, issue_make_txn, &op);
	if (st == STATUS_OK)
		st = medium_locate(medium, &info);
	if (st == STATUS_OK)
		st = issue_write(&op, info.mountpoint, &where);
	if (st == STATUS_OK) {
		strncat(op.detail, " issued", sizeof op.detail -
		    strlen(op.detail) - 1);
		if ((st = store_run(s->store, STORE_WRITE, issue_mark_txn,
		    &op)) != STATUS_OK)
			issue_unwrite(where);
	} else if (where != NULL) {
		issue_unwrite(where);
	}
	if (st == STATUS_OK) {
		*secret = op.secret;
		op.secret = NULL;
	} else {
		st = session_audit_failure(s, ACT_STANDALONE, REC_APPLICATION,
		    id, st, op.detail);
	}
	crypto_secure_free(op.secret);
	media_info_free(&info);
	buf_free(&op.pkg);
	buf_free(&op.head);
	free(where);
	return st;
}
