/*
 * printdlg.c -- the print room's dialog (Flow 2, Art. 11 and 13): a
 * printer of the register, the copies (all that remain approved, or
 * fewer), then the copies printed one by one with progress, and Esc or
 * c to stop between copies.  The print layer (print_run) reserves the
 * copy numbers, draws, sends and records each outcome in the print log;
 * this screen only asks and shows.
 *
 * Copies that printed before a failure or a cancel are kept in the log
 * with their numbers; the rest keep theirs for the next attempt, and
 * the screen says which is which.  A job left pending by a crash is
 * offered for settling first, from the copies the printer produced.
 * Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "print/print.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/flowask.h"

struct printdlg {
	const struct docview	*v;
	struct rec_printer	*printers;
	size_t			 nprinters;
	size_t			 printer, copies;	/* inputs */
	uint32_t		 n;
	struct dialog_progress	*progress;
	struct print_result	 res;
	enum status		 rc;
};

static const struct rec_printer *
printdlg_chosen(struct flowask *a)
{
	struct printdlg *d = a->ctx;

	return &d->printers[entry_choice(&a->entry, d->printer)];
}

/* "彩色打印机 (colour, classified)" for the choice. */
static char *
printdlg_label(const struct rec_printer *p)
{
	return xasprintf("%s (%s%s%s)", p->name, p->colour ? _("colour") :
	    _("black and white"), p->classified ? _(", classified") : "",
	    p->disabled ? _(", disabled") : "");
}

static void
printdlg_inputs(struct flowask *a)
{
	struct printdlg *d = a->ctx;
	const char **labels = xcalloc(d->nprinters, sizeof *labels);
	char **owned = xcalloc(d->nprinters, sizeof *owned), *s;
	uint32_t left = d->v->doc.copies - d->v->doc.copies_printed;
	size_t i;

	for (i = 0; i < d->nprinters; i++)
		labels[i] = owned[i] = printdlg_label(&d->printers[i]);
	d->printer = entry_add_choice(&a->entry, _("Printer"), labels,
	    d->nprinters, 0);
	entry_set_width(&a->entry, d->printer, 50);
	for (i = 0; i < d->nprinters; i++)
		free(owned[i]);
	free(owned);
	free(labels);

	s = xasprintf("%u", left);
	d->copies = entry_add_text(&a->entry, _("Copies"), 0, 5, s);
	free(s);
	s = xasprintf(_("%u remain approved"), left);
	entry_set_note(&a->entry, d->copies, s);
	entry_set_width(&a->entry, d->copies, 6);
	free(s);
	/* The keys line says "Save"; a newcomer must learn what F2 does. */
	entry_set_notes(&a->entry, _("F2 prints, after a last question: each "
	    "copy gets its number and is recorded in the print log."));
}

static char *
printdlg_summary(struct flowask *a)
{
	struct printdlg *d = a->ctx;
	const struct rec_printer *p = printdlg_chosen(a);
	uint32_t first = d->v->doc.next_copy_no > 0 ?
	    d->v->doc.next_copy_no : 1;
	char *name, *out;

	if (docfmt_number(entry_text(&a->entry, d->copies), DOC_COPIES_MAX,
	    &d->n) != STATUS_OK) {
		entry_fail(&a->entry, d->copies, _("Give the copies as a "
		    "whole number."));
		return NULL;
	}
	/* The core would refuse more than remain: say so before asking. */
	if (d->n > d->v->doc.copies - d->v->doc.copies_printed) {
		entry_fail(&a->entry, d->copies,
		    status_message(STATUS_COPIES_EXCEEDED));
		return NULL;
	}
	name = docfmt_name(d->v);
	out = xasprintf(ngettext("Print %u copy of %s on %s, with the copy "
	    "number %u and the seal.\nIt is recorded in the print log.",
	    "Print %u copies of %s on %s, with the copy numbers from %u on "
	    "and the seal.\nEach copy is recorded in the print log.  Esc or c "
	    "stops between copies; copies that did not print keep their "
	    "numbers for the next attempt.", d->n), d->n, name, p->name,
	    first);
	free(name);
	return out;
}

/* The print layer's progress, onto the progress dialog; non-zero
 * cancels the job between copies. */
static int
printdlg_progress(const struct print_progress *p, void *arg)
{
	struct printdlg *d = arg;
	char *what;
	enum status rc;

	if (p->phase == PRINT_PHASE_COPY)
		what = xasprintf(_("Printing copy %u (%u of %u)"), p->copy_no,
		    p->done + 1, p->total);
	else if (p->phase == PRINT_PHASE_WAIT)
		what = xasprintf(_("Every copy is sent; the printer says: %s"),
		    p->state != NULL ? p->state : "");
	else
		what = xasprintf(_("Copy numbers %u to %u are reserved."),
		    p->first_copy, p->first_copy + p->total - 1);
	rc = dialog_progress_update(d->progress, p->done, p->total, what);
	free(what);
	return rc == STATUS_CANCELLED;
}

/* What came out when not everything did, in a message box. */
static void
printdlg_partial(struct printdlg *d)
{
	char *text;

	text = xasprintf(_("Copies %u to %u printed and are in the print "
	    "log.\nThe other %u did not print and keep their numbers: %s"),
	    d->res.first_copy, d->res.first_copy + d->res.printed - 1,
	    d->res.count - d->res.printed, status_message(d->rc));
	dialog_message(_("Printing stopped"), text);
	free(text);
}

static enum status
printdlg_act(struct flowask *a)
{
	struct printdlg *d = a->ctx;
	struct print_request rq;

	memset(&rq, 0, sizeof rq);
	rq.doc_id = d->v->doc.id;
	rq.printer = printdlg_chosen(a)->name;
	rq.copies = d->n;
	rq.progress = printdlg_progress;
	rq.arg = d;
	print_result_free(&d->res);
	d->progress = dialog_progress_open(_("Printing"), 1);
	d->rc = print_run(app_store(), app_session(), &rq, &d->res);
	dialog_progress_close(d->progress);
	d->progress = NULL;
	if (d->rc == STATUS_OK || d->res.printed == 0)
		return d->rc;
	printdlg_partial(d);
	return STATUS_OK;	/* some copies are in the log: close */
}

static char *
printdlg_done(struct flowask *a)
{
	struct printdlg *d = a->ctx;

	if (d->rc != STATUS_OK)
		return xasprintf(_("%u of %u copies printed."), d->res.printed,
		    d->res.count);
	if (d->res.printed == 1)
		return xasprintf(_("Copy %u printed on %s."),
		    d->res.first_copy, printdlg_chosen(a)->name);
	return xasprintf(_("Copies %u to %u printed on %s."),
	    d->res.first_copy, d->res.first_copy + d->res.printed - 1,
	    printdlg_chosen(a)->name);
}

static size_t
printdlg_where(struct flowask *a, enum status rc, const char **msg)
{
	struct printdlg *d = a->ctx;

	(void) msg;	/* the core's says it */
	switch (rc) {
	case STATUS_COPIES_EXCEEDED:
		return d->copies;
	case STATUS_PRINTER_COLOUR:
	case STATUS_PRINTER_CLASSIFIED:
	case STATUS_PRINTER_DISABLED:
	case STATUS_PRINTER_QUEUE:
	case STATUS_PRINTER_STOPPED:
	case STATUS_NOT_FOUND:
		return d->printer;
	default:
		return FLOWASK_NOWHERE;
	}
}

/*
 * A job of this document left pending (the program was killed while it
 * printed) blocks every other: offer to settle it from what the printer
 * produced (print_settle).  0 when printing may go on.
 */
static int
printdlg_settle(const struct docview *v)
{
	struct printlog_job job;
	uint32_t printed = 0;
	enum status rc;
	char *text;
	int yes;

	rc = printlog_pending(app_store(), app_session(), v->doc.id, &job);
	if (rc != STATUS_OK || job.id == 0)
		return 0;
	text = xasprintf(_("Print job %llu (copies %u to %u) was cut short "
	    "and is still pending.  Count the copies the printer's folder "
	    "holds as printed, and free the other numbers?"),
	    (unsigned long long) job.id, job.first_copy,
	    job.first_copy + job.count - 1);
	yes = dialog_confirm(_("Unfinished print job"), text, _("Settle"), 0);
	free(text);
	if (yes != 1)
		return 1;
	rc = print_settle(app_store(), app_session(), job.id, &printed);
	if (rc == STATUS_UNSUPPORTED)
		loop_error(_("The job went to a CUPS printer: find it in the "
		    "queue by its title and settle it with 'esealctl print "
		    "--done' or '--failed'."));
	else if (rc != STATUS_OK)
		docfmt_refused(rc);
	else {
		text = xasprintf(_("%u of the job's %u copies were in the "
		    "folder and are in the print log."), printed, job.count);
		dialog_message(_("Unfinished print job"), text);
		free(text);
	}
	return 1;
}

static const struct flowask_ops printdlg_ops = {
	printdlg_summary, printdlg_act, printdlg_where, printdlg_done
};

int
printdlg_print(const struct docview *v)
{
	struct printdlg d;
	struct flowask *a;
	enum status rc;
	char *intro;
	int done = 0;

	memset(&d, 0, sizeof d);
	d.v = v;
	if (printdlg_settle(v))
		return 0;
	rc = printer_list(app_session(), &d.printers, &d.nprinters);
	if (rc != STATUS_OK)
		docfmt_refused(rc);
	else if (d.nprinters == 0)
		loop_error(_("No printer is registered; the system "
		    "administrator adds printers."));
	else {
		intro = docfmt_intro(v);
		a = flowask_new(_("Print"), intro, &printdlg_ops, _("Print"),
		    &d);
		free(intro);
		printdlg_inputs(a);
		done = flowask_run(a);
	}
	print_result_free(&d.res);
	if (d.printers != NULL)
		printer_list_free(d.printers, d.nprinters);
	return done;
}
