/*
 * print.h -- facade of the print layer: the sealed original of a
 * document version, and printing its numbered copies (份号) on a printer
 * of the register (Art. 11-13, Flow 2).  Other layers include only this
 * header; no CUPS or cairo type appears in it.
 *
 * The sealed original.  When a clerk seals a version, the core asks for
 * the PDF the signature will cover (sealing.h); print_attach() installs
 * this layer's drawing for that.  The original is the version drawn as
 * GB/T 9704 lays it out, with the seal pressed on the issuer's name and
 * the date and no copy number.  Its SM3 goes into the signature and
 * rec_version.pdf_sm3, and its bytes into the workspace directory
 * (originals/doc-ID-vN.pdf), written whole before the sealing commits.
 *
 * Printing.  print_run() is the print room's one call: it reserves the
 * next copy numbers in the print log (printlog_reserve: every rule of
 * Flow 2 and Art. 11 and 13), reads the original the signature binds
 * (print_original's rule), makes each copy of the original's objects with
 * its copy number laid over the first page, sends it to the printer
 * and records the outcome (printlog_complete).  A copy number is consumed only by a copy that
 * printed; copies that did not print stay free for the retry.
 *
 *   folder printer  each copy is written at once to DIR/doc-ID-vN-
 *                   NNNNNN.pdf (whole or not at all), so a failure or a
 *                   cancel after K copies leaves K printed;
 *   CUPS printer    one CUPS job per print job, one document per copy;
 *                   CUPS holds the job until its last copy is in, so the
 *                   job prints whole or not at all, and the job is
 *                   followed until CUPS says completed, aborted or
 *                   cancelled.
 */
#ifndef ESEAL_PRINT_H
#define ESEAL_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"
#include "util/util.h"

/*
 * Install (ST not NULL) or remove (NULL) the drawing of sealed
 * originals for workspace ST.  Call after store_open(), like
 * audit_attach(); without it the core signs the content only.
 * Removing it at the end of the program also frees the fonts this
 * layer loaded (render_release), so that leak checkers see a clean
 * exit: draw nothing after that.
 */
void print_attach(struct store *st);

/* The path of the kept original of version VERSION of DOC_ID in the
 * workspace directory HOME (a new string). */
char *print_original_path(const char *home, uint64_t doc_id,
    uint32_t version);

/*
 * The sealed original of DOC_ID's sealed version, as read by S
 * (ACT_DOC_READ), appended to PDF: the kept file when its SM3 is the
 * one the signature binds, else drawn again and checked the same way
 * (and kept again).  STATUS_STATE before sealing; STATUS_PRINT_ORIGINAL
 * when neither matches.  *VERSION, if not NULL, gets the version.
 */
enum status print_original(struct store *st, struct session *s,
    uint64_t doc_id, struct buf *pdf, uint32_t *version);

/* -- Printing -------------------------------------------------------------- */

enum print_phase {
	PRINT_PHASE_START,	/* copies reserved; nothing sent yet */
	PRINT_PHASE_COPY,	/* copy COPY_NO is drawn and sent */
	PRINT_PHASE_WAIT	/* every copy sent; the printer is at work */
};

struct print_progress {
	enum print_phase	 phase;
	uint32_t		 done;		/* copies sent so far */
	uint32_t		 total;		/* copies in the job */
	uint32_t		 first_copy;	/* the job's first copy */
	uint32_t		 copy_no;	/* PRINT_PHASE_COPY: this one */
	uint32_t		 queue_job;	/* the CUPS job, once made */
	const char		*state;		/* PRINT_PHASE_WAIT: what CUPS
						 * says ("pending" ...) */
};

/* Called before each copy and while CUPS works; return non-zero to
 * cancel the job (the copies not yet printed stay free). */
typedef int (*print_progress_fn)(const struct print_progress *p,
    void *arg);

struct print_request {
	uint64_t		 doc_id;
	const char		*printer;	/* its name in the register */
	uint32_t		 copies;	/* 0: all that remain */
	print_progress_fn	 progress;	/* may be NULL */
	void			*arg;
};

struct print_result {
	uint64_t		 job_id;	/* the print-log entry; 0 when
						 * nothing was reserved */
	uint32_t		 version;
	uint32_t		 first_copy;
	uint32_t		 count;		/* copies reserved */
	uint32_t		 printed;	/* copies that printed, from
						 * first_copy on */
	uint32_t		 pages;		/* pages of one copy */
	uint32_t		 queue_job;	/* the CUPS job, or 0 */
	enum print_outcome	 outcome;
	enum printer_kind	 kind;
	char			*where;		/* the folder or the queue;
						 * NULL when the printer is not
						 * in the register */
	char		       **files;		/* folder: the file of each
						 * printed copy, PRINTED of
						 * them */
	char			*message;	/* what the printer said, or
						 * NULL */
	/* Where the seal is on every copy (millimetres, top left). */
	int			 seal_page;
	double			 seal_x_mm;
	double			 seal_y_mm;
	double			 seal_diameter_mm;
};

/*
 * Print RQ->copies copies of document RQ->doc_id on the printer RQ->
 * printer as S (the print room, ACT_DOC_PRINT), filling RES (free with
 * print_result_free, also on failure).  Returns STATUS_OK when every
 * copy printed; otherwise RES says which did and the status why the
 * rest did not: the core's refusals (printlog_reserve), STATUS_NOT_FOUND
 * for a printer not in the register, STATUS_PRINT_ORIGINAL, and from
 * the printer STATUS_PRINTER_QUEUE, STATUS_PRINTER_STOPPED,
 * STATUS_PRINT_SERVICE, STATUS_PRINT_ABORTED, STATUS_PRINT_CANCELLED,
 * STATUS_CANCELLED (the progress callback), or a file error for a
 * folder.  Each failure after the reservation is in the print log as
 * failed or cancelled, with what the printer said.
 */
enum status print_run(struct store *st, struct session *s,
    const struct print_request *rq, struct print_result *res);
void print_result_free(struct print_result *res);

/*
 * Settle the print job JOB_ID left pending (a crash, a kill) from what
 * the printer produced, as S (the print room, ACT_DOC_PRINT): for a
 * folder printer, the job's copies found in the folder, from its first
 * on, count as printed (*PRINTED) and the rest is free again.
 * STATUS_STATE when the job is not pending; STATUS_UNSUPPORTED for a
 * CUPS printer (settle it by hand: 'print --done' or '--failed').
 */
enum status print_settle(struct store *st, struct session *s,
    uint64_t job_id, uint32_t *printed);

/* -- One finished PDF, outside the register -------------------------------- */

/* A printer named on the command line (the standalone station). */
struct print_target {
	enum printer_kind	 kind;
	const char		*queue;		/* CUPS queue, or a folder */
};

struct print_pdf_result {
	char			*where;		/* the file, or "CUPS queue Q,
						 * job N"; NULL when it did not
						 * print */
	char			*message;	/* what the printer said, or
						 * NULL */
};

/*
 * Print the finished PDF once on T, under NAME (the job's title, or the
 * file name NAME-000001.pdf in a folder), the way print_run() sends a
 * copy: whole or not at all, a CUPS job followed to its end.  Fills RES
 * (print_pdf_result_free, also on failure).  STATUS_OK when it printed;
 * else print_run()'s printer statuses, or a file error for a folder.
 */
enum status print_pdf(const struct print_target *t, const char *name,
    const struct buf *pdf, struct print_pdf_result *res);
void print_pdf_result_free(struct print_pdf_result *res);

#endif
