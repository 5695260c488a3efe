/*
 * printlog.h -- the accounting of printing (Flow 2, Art. 11 and 13):
 * which copy numbers a print job may take, and what came out.
 *
 * Printing itself (rendering, CUPS, the folder printer) is done above
 * this, between the two calls:
 *
 *   printlog_reserve()   checks every rule and records a PENDING job
 *                        holding copy numbers first..first+count-1;
 *   ... the copies are rendered and printed ...
 *   printlog_complete()  records the outcome: a copy number is consumed
 *                        only by a copy that printed; a failed job stays
 *                        in the log as failed and the same numbers are
 *                        taken again by the retry.
 *
 * One job at a time per document, so copy numbers never collide, and
 * never more copies than approved (rec_doc.copies, extra prints
 * included).  Same contract as workflow.h for transactions and audit.
 */
#ifndef ESEAL_CORE_PRINTLOG_H
#define ESEAL_CORE_PRINTLOG_H

#include <stdint.h>

#include "core/session.h"
#include "store/store.h"

/* A reserved job, as the printing code needs it. */
struct printlog_job {
	uint64_t	 id;		/* the rec_printjob */
	uint64_t	 doc_id;
	uint32_t	 version;	/* the sealed version to render */
	uint32_t	 first_copy;	/* copy numbers first_copy .. */
	uint32_t	 count;		/* .. first_copy + count - 1 */
	uint64_t	 printer_id;
};

/*
 * Reserve COUNT copies of document DOC_ID on printer PRINTER_ID for the
 * print room (ACT_DOC_PRINT); the job in *JOB.  Refusals, each naming
 * its rule: STATUS_STATE (not sealed), STATUS_SUPERSEDED (Flow 4: a
 * reprint replaced the sealed version), STATUS_NOT_ISSUED (Art. 9),
 * STATUS_COPIES_EXCEEDED (Art. 11), STATUS_PRINT_BUSY (a job pending),
 * STATUS_PRINTER_DISABLED, STATUS_PRINTER_COLOUR (Flow 2),
 * STATUS_PRINTER_CLASSIFIED and STATUS_STATION_CLASSIFIED (Art. 13).
 */
enum status printlog_reserve(struct store *st, struct session *s,
    uint64_t doc_id, uint64_t printer_id, uint32_t count,
    struct printlog_job *job);

/*
 * Record how pending job JOB_ID ended (ACT_DOC_PRINT).  PRINT_DONE: all
 * its copies printed (PRINTED must be the job's count).  PRINT_FAILED or
 * PRINT_CANCELLED: only the first PRINTED copies (fewer than the count,
 * usually 0) came out; they are consumed and logged as printed, the
 * rest is logged as failed and may be reserved again.  PAGES, QUEUE_JOB
 * (the CUPS job, or 0) and MESSAGE (may be NULL) go into the log.  The
 * document becomes DOC_PRINTED with its last approved copy.
 */
enum status printlog_complete(struct store *st, struct session *s,
    uint64_t job_id, enum print_outcome outcome, uint32_t printed,
    uint32_t pages, uint32_t queue_job, const char *message);

/* The pending job of DOC_ID into *JOB (JOB->id 0 when none): to finish
 * a job left pending by a crash.  ACT_DOC_PRINT. */
enum status printlog_pending(struct store *st, struct session *s,
    uint64_t doc_id, struct printlog_job *job);

#endif
