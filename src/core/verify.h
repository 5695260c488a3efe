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

#include "crypto/crypto.h"
#include "store/store.h"
#include "util/util.h"

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
 * signature the workspace ST (may be NULL) keeps for that version.  Returns STATUS_OK when every check
 * passed and the file is the signed original; a reading error with
 * V->unreadable set when a file could not be read (no check ran); else
 * the first failed check's reason, with every check in V->report.
 */
enum status verify_file(struct store *st, const struct ses_trust *t,
    const char *pdf_path, const char *sig_path, struct verify_result *v);
void verify_result_free(struct verify_result *v);

#endif
