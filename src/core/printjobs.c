/*
 * printjobs.c -- the print log, newest first, for the print log screen.
 *
 * Read only: one read transaction scans IDX_PRINTJOB_TIME backwards,
 * then names each job's document, printer and printer's operator.  Must
 * never write a record.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/printjobs.h"
#include "core/wfop.h"

struct printjobs_scan {
	struct printjobs	*out;
	size_t			 offset, limit, seen;
};

/* Keep a copy of each job in the window (the scan frees its record). */
static int
printjobs_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	struct printjobs_scan *sc = arg;
	struct printjobs_entry *e;

	if (sc->seen++ < sc->offset)
		return 0;
	sc->out->e = xrealloc(sc->out->e, (sc->out->n + 1) *
	    sizeof *sc->out->e);
	e = &sc->out->e[sc->out->n++];
	memset(e, 0, sizeof *e);
	e->job = *j;
	e->job.message = j->message != NULL ? xstrdup(j->message) : NULL;
	return sc->limit != 0 && sc->out->n >= sc->limit;
}

/* The document's title and number into E; 0 when the reader may not
 * see it. */
static int
printjobs_doc(struct store_txn *txn, const struct rec_user *reader,
    struct printjobs_entry *e)
{
	struct rec_doc d;
	int shown = 0;

	if (store_get(txn, REC_DOC, e->job.doc_id, &d) == STATUS_OK &&
	    d.classification <= reader->clearance) {
		e->title = xstrdup(d.title != NULL ? d.title : "");
		e->number = docnum_format(d.number_prefix, d.number_year,
		    d.number_seq);
		shown = 1;
	}
	rec_free(REC_DOC, &d);
	return shown;
}

static void
printjobs_names(struct store_txn *txn, struct printjobs_entry *e)
{
	struct rec_printer p;
	struct rec_user u;

	e->printer = store_get(txn, REC_PRINTER, e->job.printer_id, &p) ==
	    STATUS_OK && p.name != NULL ? xstrdup(p.name) : xstrdup("");
	rec_free(REC_PRINTER, &p);
	e->user = store_get(txn, REC_USER, e->job.user_id, &u) == STATUS_OK &&
	    u.name != NULL ? xstrdup(u.name) : xstrdup("-");
	rec_free(REC_USER, &u);
}

static void
printjobs_entry_free(struct printjobs_entry *e)
{
	free(e->job.message);
	free(e->title);
	free(e->number);
	free(e->printer);
	free(e->user);
}

static enum status
printjobs_fn(struct store_txn *txn, struct wfop *op)
{
	struct printjobs_scan *sc = op->arg;
	struct store_range r = { 0, { 0, 0, 0 }, 0, UINT64_MAX };
	size_t i, kept = 0;
	enum status rc;

	printjobs_free(sc->out);	/* a retried run starts clean */
	sc->seen = 0;
	rc = store_scan(txn, IDX_PRINTJOB_TIME, &r, 1, printjobs_each, sc);
	for (i = 0; rc == STATUS_OK && i < sc->out->n; i++) {
		if (!printjobs_doc(txn, &op->actor, &sc->out->e[i])) {
			printjobs_entry_free(&sc->out->e[i]);
			continue;
		}
		printjobs_names(txn, &sc->out->e[i]);
		sc->out->e[kept++] = sc->out->e[i];
	}
	sc->out->n = kept;
	return rc;
}

enum status
printjobs_list(struct store *st, struct session *s, size_t offset,
    size_t limit, struct printjobs *out)
{
	struct printjobs_scan sc;
	struct wfop op;

	memset(out, 0, sizeof *out);
	sc.out = out;
	sc.offset = offset;
	sc.limit = limit;
	sc.seen = 0;
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = printjobs_fn;
	op.arg = &sc;
	return wfop_read(st, &op);
}

void
printjobs_free(struct printjobs *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		printjobs_entry_free(&p->e[i]);
	free(p->e);
	p->e = NULL;
	p->n = 0;
}
