/*
 * printjobs.h -- the print log as the print room and the office read it
 * (Flow 2, Art. 11): every print job, newest first, from the store's
 * time index, with the document, the printer and the person named.
 *
 * Read only (ACT_DOC_READ); a job of a document above the reader's
 * clearance is left out, as the document itself would be.  Recording
 * jobs is printlog.h's.
 */
#ifndef ESEAL_CORE_PRINTJOBS_H
#define ESEAL_CORE_PRINTJOBS_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"

struct printjobs_entry {
	struct rec_printjob	 job;
	char			*title;		/* the document's, now */
	char			*number;	/* 发文字号, "" when none */
	char			*printer;	/* its name, "" when removed */
	char			*user;		/* who printed: login name */
};

struct printjobs {
	struct printjobs_entry	*e;
	size_t			 n;
};

/* The jobs, newest first, skipping OFFSET and giving at most LIMIT (0:
 * all), into OUT (printjobs_free after, also on failure). */
enum status printjobs_list(struct store *st, struct session *s,
    size_t offset, size_t limit, struct printjobs *out);
void printjobs_free(struct printjobs *p);

#endif
