/*
 * printer.c -- the printer register: adding, disabling, enabling,
 * removing, listing and reading printers (see printer.h).
 *
 * Each change authorises the session, changes the record and appends
 * its audit entry in one write transaction; a refusal or failure is
 * audited on its own.  Names, queues and locations are sanitised where
 * they enter.  This file must not talk to CUPS or touch the folder a
 * printer names: the print layer does, when it prints.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/printer.h"
#include "util/util.h"

struct printer_op;
typedef enum status (*printer_apply_fn)(struct store_txn *txn,
    struct printer_op *op, struct rec_printer *p);

/* One change to one printer, through printer_run(). */
struct printer_op {
	struct session		*s;
	const char		*name;
	printer_apply_fn	 apply;
	int			 disabled;	/* set_disabled */
	struct rec_printer	*add;		/* add: the new record */
	uint64_t		 id;		/* out */
	char			 detail[320];
};

const char *
printer_kind_name(enum printer_kind kind)
{
	return kind == PRINTER_CUPS ? "cups" : "folder";
}

/* -- Checking what is registered ----------------------------------------- */

/* A CUPS queue name: printable, no space, '/', '#' (CUPS's own rule). */
static int
printer_queue_valid(const char *q)
{
	size_t n = strlen(q), i;

	if (n == 0 || n > PRINTER_QUEUE_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char) q[i];

		if (c <= ' ' || c == 0x7f || c == '/' || c == '#')
			return 0;
	}
	return 1;
}

static enum status
printer_spec_check(const struct printer_spec *spec)
{
	size_t n = strlen(spec->name);

	if (n == 0 || n > PRINTER_NAME_MAX)
		return STATUS_INVALID;
	if (spec->location != NULL &&
	    strlen(spec->location) > PRINTER_LOCATION_MAX)
		return STATUS_INVALID;
	if (spec->kind == PRINTER_CUPS)
		return printer_queue_valid(spec->queue) ? STATUS_OK :
		    STATUS_INVALID;
	if (spec->kind != PRINTER_FOLDER || spec->queue[0] != '/' ||
	    strlen(spec->queue) > PRINTER_FOLDER_MAX)
		return STATUS_INVALID;
	return STATUS_OK;
}

/* A name the sanitizer would change (a control character, an escape
 * sequence, an invisible character) is refused, never saved changed:
 * the administrator would look for a printer by the name typed. */
static enum status
printer_name_check(const char *name)
{
	char *clean = text_sanitize(name, strlen(name), 0);
	enum status rc = strcmp(clean, name) != 0 ? STATUS_NAME_CHARS :
	    STATUS_OK;

	free(clean);
	return rc;
}

/* The record SPEC describes, its strings sanitised; NULL when what is
 * left after sanitising is not a valid printer. */
static struct rec_printer *
printer_record(const struct printer_spec *spec)
{
	struct rec_printer *p = xcalloc(1, sizeof *p);
	struct printer_spec clean = *spec;
	const char *loc = spec->location != NULL ? spec->location : "";

	p->name = text_sanitize(spec->name, strlen(spec->name), 0);
	p->queue = text_sanitize(spec->queue, strlen(spec->queue), 0);
	p->location = text_sanitize(loc, strlen(loc), 0);
	p->kind = (uint8_t) spec->kind;
	p->colour = spec->colour ? 1 : 0;
	p->classified = spec->classified ? 1 : 0;
	clean.name = p->name;
	clean.queue = p->queue;
	clean.location = p->location;
	/* Sanitising changed a queue or folder: it would name another. */
	if (strcmp(p->queue, spec->queue) != 0 ||
	    printer_spec_check(&clean) != STATUS_OK) {
		rec_free(REC_PRINTER, p);
		free(p);
		return NULL;
	}
	return p;
}

/* -- The frame of a change ------------------------------------------------- */

static enum status
printer_op_txn(struct store_txn *txn, void *arg)
{
	struct printer_op *op = arg;
	struct rec_printer p;
	struct rec_user actor;
	enum status rc;

	memset(&p, 0, sizeof p);
	op->id = 0;
	op->detail[0] = '\0';
	rc = session_authorize(txn, op->s, ACT_PRINTER_MANAGE, &actor);
	if (rc != STATUS_OK)
		return rc;
	if (op->add == NULL &&
	    (rc = store_get_by_name(txn, IDX_PRINTER_NAME, op->name, &p)) !=
	    STATUS_OK)
		goto out;
	op->id = p.id;
	if ((rc = op->apply(txn, op, &p)) != STATUS_OK)
		goto out;
	rc = audit_append(txn, &actor, perm_acting_role(&actor,
	    ACT_PRINTER_MANAGE), ACT_PRINTER_MANAGE, REC_PRINTER, op->id,
	    AUDIT_OK, op->detail);
out:
	rec_free(REC_PRINTER, &p);
	rec_free(REC_USER, &actor);
	return rc;
}

static enum status
printer_run(struct printer_op *op, const char *what)
{
	char detail[sizeof op->detail];
	enum status rc;

	rc = store_run(op->s->store, STORE_WRITE, printer_op_txn, op);
	if (rc != STATUS_OK) {
		snprintf(detail, sizeof detail, "printer %s not %s", op->name,
		    what);
		return session_audit_failure(op->s, ACT_PRINTER_MANAGE,
		    REC_PRINTER, op->id, rc, detail);
	}
	log_info("%s by %s: %s", action_name(ACT_PRINTER_MANAGE),
	    op->s->name, op->detail);
	return STATUS_OK;
}

/* -- Add ----------------------------------------------------------------- */

static enum status
printer_add_apply(struct store_txn *txn, struct printer_op *op,
    struct rec_printer *p)
{
	struct rec_printer *a = op->add;
	enum status rc;

	(void) p;
	a->id = 0;	/* a re-run must not reuse the aborted id */
	if ((rc = store_put(txn, REC_PRINTER, a)) != STATUS_OK)
		return rc;
	op->id = a->id;
	snprintf(op->detail, sizeof op->detail,
	    "printer %s added: %s %s, %s, %s%s%s", a->name,
	    printer_kind_name((enum printer_kind) a->kind), a->queue,
	    a->colour ? "colour" : "black and white",
	    a->classified ? "classified" : "unclassified",
	    a->location[0] != '\0' ? ", at " : "", a->location);
	return STATUS_OK;
}

enum status
printer_add(struct session *s, const struct printer_spec *spec,
    uint64_t *id)
{
	struct printer_op op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.name = spec->name;
	op.apply = printer_add_apply;
	if ((rc = printer_name_check(spec->name)) != STATUS_OK)
		return session_audit_failure(s, ACT_PRINTER_MANAGE,
		    REC_PRINTER, 0, rc, "printer not added");
	op.add = printer_record(spec);
	if (op.add == NULL)
		return session_audit_failure(s, ACT_PRINTER_MANAGE,
		    REC_PRINTER, 0, STATUS_INVALID, "printer not added");
	op.name = op.add->name;
	rc = printer_run(&op, "added");
	if (rc == STATUS_OK && id != NULL)
		*id = op.id;
	rec_free(REC_PRINTER, op.add);
	free(op.add);
	return rc;
}

/* -- Disable, enable --------------------------------------------------- */

static enum status
printer_disable_apply(struct store_txn *txn, struct printer_op *op,
    struct rec_printer *p)
{
	p->disabled = op->disabled ? 1 : 0;
	snprintf(op->detail, sizeof op->detail, "printer %s %s", p->name,
	    op->disabled ? "disabled" : "enabled");
	return store_put(txn, REC_PRINTER, p);
}

enum status
printer_set_disabled(struct session *s, const char *name, int disabled)
{
	struct printer_op op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.name = name;
	op.apply = printer_disable_apply;
	op.disabled = disabled;
	return printer_run(&op, disabled ? "disabled" : "enabled");
}

/* -- Remove ---------------------------------------------------------------- */

static int
printer_used_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	uint64_t *id = arg;

	if (j->printer_id != *id)
		return 0;
	*id = 0;
	return 1;
}

static enum status
printer_remove_apply(struct store_txn *txn, struct printer_op *op,
    struct rec_printer *p)
{
	uint64_t id = p->id;
	enum status rc;

	/* The log is scanned whole: printers are removed rarely, and
	 * no index leads from a printer to its jobs. */
	if ((rc = store_scan_all(txn, REC_PRINTJOB, printer_used_each, &id)) !=
	    STATUS_OK)
		return rc;
	if (id == 0)
		return STATUS_PRINTER_USED;
	snprintf(op->detail, sizeof op->detail, "printer %s removed: %s %s",
	    p->name, printer_kind_name((enum printer_kind) p->kind), p->queue);
	return store_del(txn, REC_PRINTER, p->id);
}

enum status
printer_remove(struct session *s, const char *name)
{
	struct printer_op op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.name = name;
	op.apply = printer_remove_apply;
	return printer_run(&op, "removed");
}

/* -- Reading ------------------------------------------------------------- */

struct printer_read {
	struct session		*s;
	const char		*name;		/* get */
	struct rec_printer	*one;		/* get: out */
	struct rec_printer	*all;		/* list: out */
	size_t			 n, cap;
};

/* The register is read by its keeper and by the print room, who
 * chooses from it. */
static enum status
printer_read_authorize(struct store_txn *txn, struct session *s)
{
	struct rec_user actor;
	enum status rc;

	rc = session_authorize(txn, s, ACT_PRINTER_MANAGE, &actor);
	if (rc == STATUS_DENIED)
		rc = session_authorize(txn, s, ACT_DOC_PRINT, &actor);
	rec_free(REC_USER, &actor);
	return rc;
}

static int
printer_list_each(const void *rec, void *arg)
{
	const struct rec_printer *p = rec;
	struct printer_read *r = arg;
	struct rec_printer *c;

	if (r->n == r->cap) {
		r->cap = r->cap * 2 + 8;
		r->all = xrealloc(r->all, r->cap * sizeof *r->all);
	}
	c = &r->all[r->n++];
	*c = *p;
	c->name = xstrdup(p->name != NULL ? p->name : "");
	c->queue = xstrdup(p->queue != NULL ? p->queue : "");
	c->location = xstrdup(p->location != NULL ? p->location : "");
	return 0;
}

static int
printer_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rec_printer *) a)->name,
	    ((const struct rec_printer *) b)->name);
}

static enum status
printer_list_txn(struct store_txn *txn, void *arg)
{
	struct printer_read *r = arg;
	enum status rc;

	printer_list_free(r->all, r->n);	/* a re-run starts empty */
	r->all = NULL;
	r->n = r->cap = 0;
	if ((rc = printer_read_authorize(txn, r->s)) != STATUS_OK)
		return rc;
	return store_scan_all(txn, REC_PRINTER, printer_list_each, r);
}

enum status
printer_list(struct session *s, struct rec_printer **printers, size_t *n)
{
	struct printer_read r;
	enum status rc;

	memset(&r, 0, sizeof r);
	r.s = s;
	*printers = NULL;
	*n = 0;
	rc = store_run(s->store, STORE_READ, printer_list_txn, &r);
	if (rc != STATUS_OK) {
		printer_list_free(r.all, r.n);
		return session_audit_failure(s, ACT_PRINTER_MANAGE,
		    REC_PRINTER, 0, rc, "printers not listed");
	}
	if (r.n > 1)
		qsort(r.all, r.n, sizeof *r.all, printer_cmp);
	*printers = r.all;
	*n = r.n;
	return STATUS_OK;
}

void
printer_list_free(struct rec_printer *printers, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_PRINTER, &printers[i]);
	free(printers);
}

static enum status
printer_get_txn(struct store_txn *txn, void *arg)
{
	struct printer_read *r = arg;
	enum status rc;

	rec_free(REC_PRINTER, r->one);
	memset(r->one, 0, sizeof *r->one);
	if ((rc = printer_read_authorize(txn, r->s)) != STATUS_OK)
		return rc;
	return store_get_by_name(txn, IDX_PRINTER_NAME, r->name, r->one);
}

enum status
printer_get(struct session *s, const char *name, struct rec_printer *p)
{
	struct printer_read r;
	enum status rc;

	memset(&r, 0, sizeof r);
	memset(p, 0, sizeof *p);
	r.s = s;
	r.name = name;
	r.one = p;
	rc = store_run(s->store, STORE_READ, printer_get_txn, &r);
	if (rc != STATUS_OK && rc != STATUS_NOT_FOUND)
		return session_audit_failure(s, ACT_PRINTER_MANAGE,
		    REC_PRINTER, 0, rc, "printer not read");
	return rc;
}
