/*
 * print_int.h -- what the print layer's files share; never included
 * outside src/print (other layers see print.h only).
 *
 *   compose.c   a version and its seal as the render layer draws them
 *   original.c  the sealed original: drawn at sealing, kept, re-checked
 *   stamp.c     a copy: the original rewritten, its number laid over
 *   pfile.c     writing a file so that it is whole or absent
 *   folder.c    the folder printer: one PDF file per copy
 *   cups.c      the CUPS printer, through libcups (the only CUPS code)
 *   job.c       print_run(): reserve, draw each copy, send, record
 */
#ifndef ESEAL_PRINT_INT_H
#define ESEAL_PRINT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "print/print.h"
#include "render/render.h"

/* The most attachments one document draws (the import's own limit). */
#define COMPOSE_ATTACH_MAX	8

/* A version and its seal, ready for render_document(): owns its text. */
struct compose {
	struct render_doc	 doc;
	struct render_attachment att[COMPOSE_ATTACH_MAX];
	struct impression_spec	 seal;
	char			*owned[8 + 2 * COMPOSE_ATTACH_MAX];
	size_t			 nowned;
};

/*
 * Lay out version V of DOC, sealed with SEAL and signed off at ISSUED_AT
 * (the date under the issuer's name), as the render layer needs it:
 * the masthead of an official document, its number, classification and
 * urgency marks, the body without the recipients line and attachment
 * note the layout writes itself, and each attachment's text.  The same
 * records always give the same result.  STATUS_NOT_ISSUED when
 * ISSUED_AT is 0; compose_free() after, also on failure.
 */
enum status compose_make(const struct rec_doc *doc,
    const struct rec_version *v, const struct rec_seal *seal,
    int64_t issued_at, struct compose *c);
void compose_free(struct compose *c);

/* The sign-off time of version VERSION in APPROVALS (oldest first), as
 * the signature binds it: the last issuance not undone by a return. */
int64_t compose_issued_at(const struct rec_approval *approvals, size_t n,
    uint32_t version);

/* -- The sealed original (original.c) ----------------------------------- */

/* Version V of DOC, sealed with SEAL and signed off at ISSUED_AT, drawn
 * with copy number COPY (0: the original), appended to PDF. */
enum status original_draw_records(const struct rec_doc *doc,
    const struct rec_version *v, const struct rec_seal *seal,
    int64_t issued_at, unsigned long copy, struct buf *pdf,
    struct render_result *res);

/* What drawing a document's sealed version takes, read as a session. */
struct original_src {
	struct docview		  view;
	struct rec_seal		  seal;
	const struct rec_version *v;		/* the sealed one, in view */
	int64_t			  issued_at;
	struct session		 *s;	/* who reads it: a damaged kept
					 * file is audited as theirs */
};

/* Read it for DOC_ID as S (ACT_DOC_READ, ACT_SEAL_READ); STATUS_STATE
 * before sealing.  original_src_free() after, also on failure. */
enum status original_src_get(struct store *st, struct session *s,
    uint64_t doc_id, struct original_src *src);
void original_src_free(struct original_src *src);

/* The sealed version drawn with copy number COPY (0: the original). */
enum status original_draw(const struct original_src *src,
    unsigned long copy, struct buf *pdf, struct render_result *res);

/* STATUS_OK when PDF is the original the signature binds;
 * STATUS_PRINT_ORIGINAL when not; STATUS_STATE when the signature binds
 * the content only (sealed without a renderer). */
enum status original_check(const struct original_src *src,
    const struct buf *pdf);

/*
 * The original the signature binds, appended to PDF: the kept file in
 * the workspace ST when its SM3 is the signed one, else drawn again,
 * checked and kept again.  STATUS_PRINT_ORIGINAL when neither matches;
 * STATUS_STATE when the signature binds the content only.
 */
enum status original_load(struct store *st, const struct original_src *src,
    struct buf *pdf);

/* The copy numbers FIRST to FIRST + COUNT - 1 of the sealed version, one
 * page each, as render_copy_numbers() draws them; RES as for a copy. */
enum status original_marks(const struct original_src *src, uint32_t first,
    uint32_t count, struct buf *pdf, struct render_result *res);

/* -- Copies stamped on the original (stamp.c) ------------------------------ */

/*
 * Copy INDEX of a job appended to OUT: ORIGINAL written afresh, every
 * object as it was but its first page, over which page INDEX of MARKS
 * (original_marks) is laid; no prefix of it is ORIGINAL (Art. 4).
 * STATUS_UNSUPPORTED when either PDF is not as cairo writes it (the
 * copy must then be drawn whole); OUT is unchanged then.
 */
enum status stamp_copy(const struct buf *original, const struct buf *marks,
    uint32_t index, struct buf *out);

/* -- Files (pfile.c) ------------------------------------------------------ */

/*
 * Write N bytes at DATA to DIR/NAME so that the file is either whole or
 * absent, even across a crash: a temporary file in DIR, written,
 * flushed to disk, renamed over NAME, and DIR flushed.  MODE is the new
 * file's permission bits.
 */
enum status pfile_save(const char *dir, const char *name, const void *data,
    size_t n, unsigned mode);

/* pfile_save, the file locked with flock(2) before it takes its name and
 * *HELD left open holding the lock (-1 on failure): closing it, or the
 * process's death, releases the lock. */
enum status pfile_save_held(const char *dir, const char *name,
    const void *data, size_t n, unsigned mode, int *held);

/* Read the whole file PATH into OUT (appended). */
enum status pfile_load(const char *path, struct buf *out);

/* -- Printers -------------------------------------------------------------- */

/* One print job on its way to a printer (folder.c, cups.c). */
struct print_out {
	const struct rec_printer *printer;
	const char		*name;	/* "doc12-v1": file names, job title */
	uint32_t		 total;	/* copies in the job */
	int			 cancelled; /* the job was cancelled at the
					     * printer (set by the backend) */
	char			*message;	/* what the printer said */
	/* folder */
	char			**files;	/* written copies, in order */
	uint32_t		 nfiles;
	/* CUPS */
	void			*http;
	uint32_t		 queue_job;
	int			 sent_last;	/* the last copy is in */
	int			 finished;	/* CUPS ended the job */
};

/* The folder printer: each copy becomes DIR/NAME-NNNNNN.pdf at once. */
enum status folder_open(struct print_out *o);
enum status folder_copy(struct print_out *o, uint32_t copy_no,
    const struct buf *pdf);

/*
 * The CUPS printer.  cups_open() checks the queue and creates the job
 * (held by CUPS until its last document arrives, so nothing prints
 * before every copy is in); cups_copy() adds one copy as a document;
 * cups_wait() follows the job to its end, calling PROGRESS while it
 * waits (a non-zero answer cancels the job); cups_cancel() cancels a
 * job not yet whole; cups_close() ends the connection.  Each copy is
 * printed when cups_wait() returns STATUS_OK, none otherwise.
 */
enum status cups_open(struct print_out *o);
enum status cups_copy(struct print_out *o, uint32_t copy_no,
    const struct buf *pdf, int last);
enum status cups_wait(struct print_out *o,
    int (*progress)(struct print_out *o, const char *state, void *arg),
    void *arg);
void cups_cancel(struct print_out *o);
void cups_close(struct print_out *o);

#endif
