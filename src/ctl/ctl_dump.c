/*
 * ctl_dump.c -- "esealctl dump [KIND]": every record of the workspace (or
 * of one kind) as text, for inspection.
 *
 * Secrets never appear: password hashes and wrapped keys print as
 * "(set, N bytes)" (rec_format decides).  Records are read in batches of
 * short transactions and printed between them, so that a retried
 * transaction never prints twice and a large workspace is never held in
 * memory or locked for long.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"
#include "store/store.h"

#define CTL_DUMP_BATCH	256

struct ctl_dump {
	enum rec_kind	 kind;
	uint64_t	 next;		/* the first id of the next batch */
	unsigned	 n;
	struct buf	 out;
};

static int
ctl_dump_each(const void *rec, void *arg)
{
	struct ctl_dump *d = arg;
	uint64_t id;
	char *head, *text;

	memcpy(&id, rec, sizeof id);	/* every record starts with its id */
	head = xasprintf("[%s %llu]\n", rec_kind_name(d->kind),
	    (unsigned long long) id);
	text = rec_format(d->kind, rec);
	buf_add(&d->out, head, strlen(head));
	buf_add(&d->out, text, strlen(text));
	buf_add(&d->out, "\n", 1);
	free(head);
	free(text);
	d->next = id + 1;
	return ++d->n >= CTL_DUMP_BATCH;
}

static enum status
ctl_dump_batch(struct store_txn *txn, void *arg)
{
	struct ctl_dump *d = arg;

	buf_reset(&d->out);
	d->n = 0;
	return store_scan_ids(txn, d->kind, d->next, ctl_dump_each, d);
}

static enum status
ctl_dump_kind(struct store *st, enum rec_kind kind)
{
	struct ctl_dump d;
	enum status rc;
	uint64_t start;

	d.kind = kind;
	d.next = 1;
	buf_init(&d.out);
	do {
		start = d.next;
		rc = store_run(st, STORE_READ, ctl_dump_batch, &d);
		if (rc == STATUS_OK && d.out.len > 0)
			fwrite(d.out.data, 1, d.out.len, stdout);
	} while (rc == STATUS_OK && d.n >= CTL_DUMP_BATCH && d.next > start);
	buf_free(&d.out);
	return rc;
}

int
ctl_dump_run(struct ctl *c)
{
	enum rec_kind kind, only = REC__COUNT;
	struct store *st;
	enum status rc;
	unsigned schema = 0;
	int fails = 0;

	if (c->argc > 2 || (c->argc == 2 && !rec_kind_from_name(c->argv[1],
	    &only))) {
		fputs(_("Usage: esealctl [--home DIR] dump [KIND]\n"
		    "Kinds: meta dept user seal printer medium doc version approval\n"
		    "       application printjob recall custody grant audit\n"),
		    stderr);
		return CTL_EXIT_USAGE;
	}
	rc = store_open(c->home, STORE_RDONLY | STORE_SALVAGE, &st);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->home);

	store_schema_version(st, &schema);
	printf("workspace: %s\nschema: %u\n\n", c->home, schema);
	for (kind = 0; kind < REC__COUNT; kind++) {
		if (only != REC__COUNT && kind != only)
			continue;
		if ((rc = ctl_dump_kind(st, kind)) != STATUS_OK) {
			ctl_fail(rc, rec_kind_name(kind));
			fails++;
		}
	}
	store_close(st);
	return fails > 0 ? CTL_EXIT_FAIL : CTL_EXIT_OK;
}
