/*
 * direct.c -- one finished PDF sent to a printer that is not in a
 * workspace's register: the standalone station's own CUPS queue or
 * folder (Art. 14).  It goes out through the same folder and CUPS code
 * as the print room's copies (folder.c, cups.c): a folder gets the file
 * whole or not at all, and a CUPS job is held until the file is in and
 * followed until CUPS says how it ended.
 *
 * It must not number copies, read a store or keep the PDF: the caller
 * records what was printed.
 */
#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "print/print_int.h"

/* A folder: NAME-000001.pdf in it. */
static enum status
direct_folder(struct print_out *o, const struct buf *pdf, char **where)
{
	enum status rc;

	if ((rc = folder_open(o)) == STATUS_OK &&
	    (rc = folder_copy(o, 1, pdf)) == STATUS_OK)
		*where = xstrdup(o->files[0]);
	return rc;
}

/* A CUPS queue: one job of one document, released once it is in. */
static enum status
direct_cups(struct print_out *o, const struct buf *pdf, char **where)
{
	enum status rc;

	if ((rc = cups_open(o)) == STATUS_OK &&
	    (rc = cups_copy(o, 1, pdf, 1)) == STATUS_OK)
		rc = cups_wait(o, NULL, NULL);
	if (rc != STATUS_OK && !o->sent_last)
		cups_cancel(o);
	if (rc == STATUS_OK)
		*where = xasprintf("CUPS queue %s, job %" PRIu32,
		    o->printer->queue, o->queue_job);
	cups_close(o);
	return rc;
}

enum status
print_pdf(const struct print_target *t, const char *name,
    const struct buf *pdf, struct print_pdf_result *res)
{
	struct rec_printer printer;
	struct print_out o;
	enum status rc;
	uint32_t i;

	memset(res, 0, sizeof *res);
	if (t == NULL || t->queue == NULL || *t->queue == '\0' ||
	    name == NULL)
		return STATUS_INVALID;
	memset(&printer, 0, sizeof printer);
	printer.kind = (uint8_t) t->kind;
	printer.queue = (char *) t->queue;
	printer.colour = 1;		/* the seal is red */
	memset(&o, 0, sizeof o);
	o.printer = &printer;
	o.name = name;
	o.total = 1;

	rc = t->kind == PRINTER_CUPS ? direct_cups(&o, pdf, &res->where) :
	    direct_folder(&o, pdf, &res->where);
	res->message = o.message;
	for (i = 0; i < o.nfiles; i++)
		free(o.files[i]);
	free(o.files);
	return rc;
}

void
print_pdf_result_free(struct print_pdf_result *res)
{
	free(res->where);
	free(res->message);
	memset(res, 0, sizeof *res);
}
