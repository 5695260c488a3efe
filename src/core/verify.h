/*
 * verify.h -- checking a sealed file against its GB/T 38540 signature,
 * as both programs do it (esealctl verify and the verify screen): the
 * workspace's trust, the two files read whole, every check of the
 * standard run and kept in one result.
 *
 * Nothing here prints or draws: the callers show the result their own
 * way.  Verifying needs no session and changes nothing.
 */
#ifndef ESEAL_CORE_VERIFY_H
#define ESEAL_CORE_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "crypto/crypto.h"
#include "store/store.h"
#include "util/util.h"

/* The largest file (or signature) verified: a document holds at most
 * 960 KiB of text, and even drawn with its fonts and seal and stamped
 * with a copy number its PDF stays far below this.  Anything larger is
 * refused before it is read, so that a huge or endless file named by
 * mistake never fills the memory. */
#define VERIFY_FILE_MAX		((off_t) 256 << 20)

/* What one verification read and found.  The report points into DATA
 * and SIG, so they live together (verify_result_free). */
struct verify_result {
	unsigned char		*data;		/* the file */
	size_t			 n;
	unsigned char		*sig;		/* the SES_Signature */
	size_t			 siglen;
	char			*sig_path;	/* where the signature came
						 * from, in words */
	const char		*unreadable;	/* the path that could not be
						 * read, or NULL */
	int			 ran;		/* REPORT holds the checks */
	uint64_t		 doc_id;	/* the name's document and */
	uint32_t		 version;	/* version, when the file is */
	uint32_t		 copy_no;	/* named as a sealed original
						 * (copy_no 0) or as printed
						 * copy COPY_NO */
	struct ses_report	 report;
};

/* Add the workspace ST's trust to T (ses_trust_init'ed by the caller).
 * A workspace without a seal authority adds nothing and is no error. */
enum status verify_trust_load(struct store *st, struct ses_trust *t);

/*
 * Verify the file PDF_PATH against the signature SIG_PATH using T; V is
 * filled (verify_result_free after, whatever the outcome).  SIG_PATH
 * NULL: the file's name with ".sig" added or, when there is none and
 * the file is named like a sealed original (doc-ID-vN.pdf), the
 * signature the workspace ST (may be NULL) keeps for that version; a
 * printed copy (doc-ID-vN-NNNNNN.pdf) is checked against that one too.
 * Returns STATUS_OK when every check passed and the file is the signed
 * original; a reading error with V->unreadable set when a file could not
 * be read (no check ran): STATUS_NO_FILE for a missing file,
 * STATUS_NOT_REGULAR for a folder, device or pipe,
 * STATUS_VERIFY_TOO_LARGE for one over VERIFY_FILE_MAX bytes,
 * STATUS_NO_SIGNATURE when no signature was found; STATUS_IS_COPY for a
 * file named as a printed copy whose signature and seal hold (a copy is
 * never the original, and its bytes are not the signed ones); else the
 * first failed check's reason, with every check in V->report.
 */
enum status verify_file(struct store *st, const struct ses_trust *t,
    const char *pdf_path, const char *sig_path, struct verify_result *v);
void verify_result_free(struct verify_result *v);

/* One file of verify_files(): SIG_PATH as for verify_file(). */
struct verify_job {
	const char	*pdf_path;
	const char	*sig_path;
};

/* Called by verify_files() for file I of the list, in the list's order,
 * with what verify_file() returned and filled; V is freed after. */
typedef void verify_each_fn(size_t i, enum status rc,
    const struct verify_result *v, void *arg);

/*
 * Verify the N files of JOBS against T on WORKERS threads at once (1: in
 * the caller's thread, one after the other), calling FN for each in the
 * order of JOBS.  No workspace is read (as verify_file with ST NULL):
 * give every signature path, or let it default to FILE.sig.  Returns
 * STATUS_OK once every file was handed to FN, whatever each one's
 * outcome; an error only when crypto could not start.
 */
enum status verify_files(const struct ses_trust *t,
    const struct verify_job *jobs, size_t n, unsigned workers,
    verify_each_fn *fn, void *arg);

/* The machine's online processors, at least 1: the default WORKERS. */
unsigned verify_workers_default(void);

#endif
