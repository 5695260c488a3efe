/*
 * audit_tamper.c -- for the shell tests only: change a workspace's audit
 * trail behind the program's back, straight through the store, as
 * someone holding the database files could.
 *
 *	audit_tamper HOME alter SEQ	rewrite entry SEQ's detail
 *	audit_tamper HOME delete SEQ	remove entry SEQ
 *
 * It must never be installed: it is built for "make check" only.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

struct tamper {
	uint64_t	 seq;
	int		 delete;
};

static enum status
tamper_txn(struct store_txn *txn, void *arg)
{
	struct tamper *t = arg;
	struct rec_audit e;
	enum status st;

	if (t->delete)
		return store_del(txn, REC_AUDIT, t->seq);
	memset(&e, 0, sizeof e);
	if ((st = store_get(txn, REC_AUDIT, t->seq, &e)) != STATUS_OK)
		return st;
	free(e.detail);
	e.detail = xstrdup("nothing happened here");
	st = store_put(txn, REC_AUDIT, &e);
	rec_free(REC_AUDIT, &e);
	return st;
}

int
main(int argc, char **argv)
{
	struct tamper t;
	struct store *st;
	enum status rc;

	if (argc != 4 || (strcmp(argv[2], "alter") != 0 &&
	    strcmp(argv[2], "delete") != 0)) {
		fprintf(stderr, "usage: audit_tamper HOME alter|delete SEQ\n");
		return 2;
	}
	t.delete = strcmp(argv[2], "delete") == 0;
	t.seq = strtoull(argv[3], NULL, 10);
	if ((rc = store_open(argv[1], 0, &st)) != STATUS_OK) {
		fprintf(stderr, "audit_tamper: %s\n", status_name(rc));
		return 1;
	}
	rc = store_run(st, STORE_WRITE, tamper_txn, &t);
	store_close(st);
	if (rc != STATUS_OK) {
		fprintf(stderr, "audit_tamper: %s\n", status_name(rc));
		return 1;
	}
	return 0;
}
