/*
 * folder.c -- the folder printer, the embedded default for the demo and
 * for a machine without CUPS: each copy becomes one PDF file in the
 * printer's folder, DIR/doc-ID-vN-NNNNNN.pdf (NNNNNN the copy number),
 * written whole or not at all, so that the copies in the folder are
 * exactly the copies the print log counts as printed.
 *
 * Files are readable by the owner and the group only: a classified
 * document's copies must not become world-readable by being printed.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "print/print_int.h"

#define FOLDER_MODE	0640
#define FOLDER_DIR_MODE	0750

/* Say what is wrong with the folder; the status for ERR, where a
 * missing path is a file error, not a missing record. */
static enum status
folder_fail(struct print_out *o, const char *what, int err)
{
	enum status rc = status_from_errno(err);

	free(o->message);
	o->message = xasprintf("folder %s: %s: %s", o->printer->queue, what,
	    strerror(err));
	return rc == STATUS_NOT_FOUND || rc == STATUS_EXISTS ||
	    rc == STATUS_INVALID ? STATUS_IO : rc;
}

enum status
folder_open(struct print_out *o)
{
	const char *dir = o->printer->queue;
	struct stat sb;

	/* The last step of the path is made for a new printer; a missing
	 * parent means the register names a place that is not there. */
	if (stat(dir, &sb) != 0 && errno == ENOENT &&
	    mkdir(dir, FOLDER_DIR_MODE) != 0 && errno != EEXIST)
		return folder_fail(o, "cannot create it", errno);
	if (stat(dir, &sb) != 0)
		return folder_fail(o, "cannot use it", errno);
	if (!S_ISDIR(sb.st_mode))
		return folder_fail(o, "not a folder", ENOTDIR);
	return STATUS_OK;
}

enum status
folder_copy(struct print_out *o, uint32_t copy_no, const struct buf *pdf)
{
	char *name = xasprintf("%s-%06u.pdf", o->name, (unsigned) copy_no);
	enum status rc;

	rc = pfile_save(o->printer->queue, name, pdf->data, pdf->len,
	    FOLDER_MODE);
	if (rc == STATUS_NOT_FOUND || rc == STATUS_EXISTS)
		rc = STATUS_IO;	/* the folder went away meanwhile */
	if (rc != STATUS_OK) {
		free(o->message);
		o->message = xasprintf("folder %s: cannot write %s (%s)",
		    o->printer->queue, name, status_name(rc));
		free(name);
		return rc;
	}
	o->files = xrealloc(o->files, (o->nfiles + 1) * sizeof *o->files);
	o->files[o->nfiles++] = xasprintf("%s/%s", o->printer->queue, name);
	free(name);
	return STATUS_OK;
}
