/*
 * standalone_return.c -- taking a standalone seal back: the package
 * checked against the office's own root certificate (not the copy the
 * package carries), the log against the seal's certificate in the
 * register, each use into the audit trail, the package wiped from the
 * medium and the application closed.
 *
 * The steps:
 *   1. one read transaction: the clerk may, the application is ISSUED,
 *      and the register's certificates of the office and the seal;
 *   2. the medium is read and checked; a medium without the package
 *      changes nothing (STATUS_SA_NO_PACKAGE);
 *   3. the package, log and head are wiped from the medium;
 *   4. one write transaction: one ACT_STANDALONE_USE entry per use in
 *      the designated person's name, the tampering if any, the return,
 *      and the application DONE.
 * A tampered package or log is taken back and revoked all the same:
 * leaving it out would leave a usable key at the station.
 *
 * It must not keep the wrapped key it reads.
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

struct ret_op {
	struct session		*s;
	uint64_t		 id;
	const char		*medium;
	unsigned char		*root;		/* the office's, DER */
	size_t			 root_len;
	struct blob		 cert;		/* the seal's, DER */
	struct standalone_use	*uses;
	size_t			 nuses;
	enum status		 tampered;
	uint32_t		 at;
	char			 detail[256];
};

/* -- Step 1 ---------------------------------------------------------------- */

static enum status
ret_load_txn(struct store_txn *txn, void *arg)
{
	struct ret_op *op = arg;
	struct rec_application a;
	struct rec_medium m;
	struct rec_seal seal;
	struct rec_user actor;
	enum status st;

	memset(&a, 0, sizeof a);
	memset(&seal, 0, sizeof seal);
	if ((st = session_authorize(txn, op->s, ACT_STANDALONE, &actor)) !=
	    STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_APPLICATION, op->id, &a)) != STATUS_OK)
		goto out;
	if (a.kind != APP_STANDALONE)
		st = STATUS_NOT_FOUND;
	else if (a.state != APP_ISSUED)
		st = STATUS_STATE;
	if (st == STATUS_OK && (st = medium_find(txn, op->medium, &m)) ==
	    STATUS_OK)
		rec_free(REC_MEDIUM, &m);
	if (st == STATUS_OK &&
	    (st = store_get(txn, REC_SEAL, a.seal_id, &seal)) == STATUS_OK) {
		free(op->cert.data);
		op->cert = seal.cert;
		seal.cert.data = NULL;
		seal.cert.len = 0;
		free(op->root);
		op->root = NULL;
		st = seal_meta_get_hex(txn, SEAL_META_ROOT, &op->root,
		    &op->root_len);
	}
out:
	rec_free(REC_SEAL, &seal);
	rec_free(REC_APPLICATION, &a);
	rec_free(REC_USER, &actor);
	return st;
}

/* -- Step 2 ---------------------------------------------------------------- */

/* The package against the office's root; its limits against the
 * application (a package of another seal is not this one's). */
static enum status
ret_package(struct ret_op *op, const struct buf *b, struct standalone_pkg *p)
{
	struct x509_cert root;
	enum status st;

	memset(&root, 0, sizeof root);
	if ((st = standalone_pkg_parse(b->data, b->len, p)) != STATUS_OK)
		return st;
	if ((st = x509_cert_parse(op->root, op->root_len, &root)) != STATUS_OK)
		return st;
	st = standalone_pkg_verify(p, b->data, root.key);
	x509_cert_free(&root);
	if (st == STATUS_OK && p->id != op->id)
		st = STATUS_INVALID;
	return st;
}

static enum status
ret_log(struct ret_op *op, const char *dir, const struct standalone_pkg *p)
{
	struct buf log, head;
	struct x509_cert cert;
	unsigned char last[32];
	enum status st, hst;

	buf_init(&log);
	buf_init(&head);
	memset(&cert, 0, sizeof cert);
	if ((st = x509_cert_parse(op->cert.data, op->cert.len, &cert)) !=
	    STATUS_OK)
		goto out;
	st = standalone_read(dir, STANDALONE_LOG, &log);
	hst = standalone_read(dir, STANDALONE_HEAD, &head);
	if (st == STATUS_NOT_FOUND)
		st = STATUS_SA_LOG_EDITED;
	if (st == STATUS_OK)
		st = standalone_log_check(p, cert.key, &log, hst == STATUS_OK ?
		    &head : NULL, &op->uses, &op->nuses, last, &op->at);
out:
	x509_cert_free(&cert);
	buf_free(&log);
	buf_free(&head);
	return st;
}

/* Read and check what DIR holds; *TAMPERED gets what was found. */
static enum status
ret_read(struct ret_op *op, const char *dir)
{
	struct standalone_pkg p;
	struct buf b;
	enum status st;

	buf_init(&b);
	memset(&p, 0, sizeof p);
	if ((st = standalone_read(dir, STANDALONE_PACKAGE, &b)) ==
	    STATUS_NOT_FOUND)
		st = STATUS_SA_NO_PACKAGE;
	if (st != STATUS_OK)
		goto out;
	st = ret_package(op, &b, &p);
	if (st == STATUS_INVALID)
		goto out;
	if (st != STATUS_OK)
		op->tampered = STATUS_SA_PACKAGE_TAMPERED;
	else if ((st = ret_log(op, dir, &p)) != STATUS_OK)
		op->tampered = st;
	st = STATUS_OK;
out:
	standalone_pkg_free(&p);
	buf_free(&b);
	return st;
}

/* -- Step 4 ---------------------------------------------------------------- */

static enum status
ret_use_audit(struct store_txn *txn, const struct ret_op *op,
    const struct rec_user *person, const struct standalone_use *u)
{
	char when[32], hex[65], *detail;
	enum status st;

	crypto_hex(u->pdf_sm3, 32, hex);
	detail = xasprintf("standalone %" PRIu64 " use %" PRIu32 " at %s "
	    "(station clock) by %s: %s; pdf sm3 %s", op->id, u->n,
	    ses_time_text(u->time, when, sizeof when), person->name,
	    u->title, hex);
	/* What the station's log says of its printing, in the same entry:
	 * one entry per use. */
	if (u->print_result != NULL) {
		char *more = xasprintf("%s; %s at the station: %s", detail,
		    strcmp(u->print_result, "STATUS_OK") == 0 ? "printed" :
		    "not printed", strcmp(u->print_result, "STATUS_OK") == 0 ?
		    u->print_where : u->print_result);

		free(detail);
		detail = more;
	}
	st = audit_append(txn, person, perm_acting_role(person,
	    ACT_STANDALONE_USE), ACT_STANDALONE_USE, REC_APPLICATION, op->id,
	    AUDIT_OK, detail);
	free(detail);
	return st;
}

static enum status
ret_record(struct store_txn *txn, struct ret_op *op,
    const struct rec_user *actor, struct rec_application *a)
{
	struct rec_user person;
	enum status st;
	size_t i;
	char *what;

	memset(&person, 0, sizeof person);
	if ((st = store_get(txn, REC_USER, a->subject_id, &person)) !=
	    STATUS_OK)
		return st;
	for (i = 0; i < op->nuses && st == STATUS_OK; i++)
		st = ret_use_audit(txn, op, &person, &op->uses[i]);
	if (st == STATUS_OK && op->tampered != STATUS_OK) {
		what = xasprintf("standalone %" PRIu64 " tampered with, found "
		    "at entry %" PRIu32 ": %s", op->id, op->at,
		    status_name(op->tampered));
		st = audit_append(txn, actor, perm_acting_role(actor,
		    ACT_STANDALONE), ACT_STANDALONE, REC_APPLICATION, op->id,
		    AUDIT_FAILED, what);
		free(what);
	}
	a->state = APP_DONE;
	a->uses = (uint32_t) op->nuses;
	a->returned_at = clock_now();
	a->returned_by = actor->id;
	a->tampered = (uint32_t) op->tampered;
	if (st == STATUS_OK)
		st = store_put(txn, REC_APPLICATION, a);
	rec_free(REC_USER, &person);
	return st;
}

static enum status
ret_mark_txn(struct store_txn *txn, void *arg)
{
	struct ret_op *op = arg;
	struct rec_application a;
	struct rec_user actor;
	enum status st;

	memset(&a, 0, sizeof a);
	if ((st = session_authorize(txn, op->s, ACT_STANDALONE, &actor)) !=
	    STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_APPLICATION, op->id, &a)) == STATUS_OK &&
	    a.state != APP_ISSUED)
		st = STATUS_STATE;
	if (st == STATUS_OK)
		st = ret_record(txn, op, &actor, &a);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor,
		    ACT_STANDALONE), ACT_STANDALONE, REC_APPLICATION, op->id,
		    AUDIT_OK, op->detail);
	rec_free(REC_APPLICATION, &a);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
ret_wipe(const char *dir)
{
	enum status a, b, c;

	a = standalone_wipe(dir, STANDALONE_PACKAGE);
	b = standalone_wipe(dir, STANDALONE_LOG);
	c = standalone_wipe(dir, STANDALONE_HEAD);
	return a != STATUS_OK ? a : b != STATUS_OK ? b : c;
}

static enum status
ret_medium(struct ret_op *op)
{
	struct media_info info;
	enum status st;
	char *dir;

	memset(&info, 0, sizeof info);
	if ((st = medium_locate(op->medium, &info)) != STATUS_OK)
		return st;
	dir = xasprintf("%s/%s", info.mountpoint, STANDALONE_DIR);
	if ((st = ret_read(op, dir)) == STATUS_OK)
		st = ret_wipe(dir);
	free(dir);
	media_info_free(&info);
	return st;
}

enum status
standalone_return(struct session *s, uint64_t id, const char *medium,
    struct standalone_return_info *info)
{
	struct ret_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	memset(info, 0, sizeof *info);
	op.s = s;
	op.id = id;
	op.medium = medium;
	snprintf(op.detail, sizeof op.detail, "standalone %" PRIu64 " from "
	    "medium %s", id, medium);
	if ((st = store_run(s->store, STORE_READ, ret_load_txn, &op)) ==
	    STATUS_OK)
		st = ret_medium(&op);
	if (st == STATUS_OK) {
		snprintf(op.detail, sizeof op.detail, "standalone %" PRIu64
		    " returned from medium %s: %zu uses, package wiped%s", id,
		    medium, op.nuses, op.tampered != STATUS_OK ?
		    ", tampered with" : "");
		st = store_run(s->store, STORE_WRITE, ret_mark_txn, &op);
	}
	if (st != STATUS_OK)
		st = session_audit_failure(s, ACT_STANDALONE, REC_APPLICATION,
		    id, st, op.detail);
	else
		st = op.tampered;
	info->uses = (uint32_t) op.nuses;
	info->tampered = op.tampered;
	info->at = op.at;
	standalone_uses_free(op.uses, op.nuses);
	free(op.root);
	free(op.cert.data);
	return st;
}
