/*
 * export.h -- carrying reports away (Art. 11): the files of a report
 * written to a registered removable medium together with a signed
 * MANIFEST, safely, read back and audited; and checking a MANIFEST
 * later, in the office or in the archive.
 *
 * An export is one directory on the medium, named after the report and
 * the moment ("eseal-summary-20260101-20260131-20260201T093000").  It is
 * written under a hidden name (".NAME.part"), each file by way of a
 * temporary name, fsync and rename, the MANIFEST last; only then is the
 * directory renamed to its name, and every file read back through its
 * path and its SM3 compared with the MANIFEST.  A medium that is full,
 * read-only or pulled out leaves at most a ".part" directory, which the
 * next export to that medium removes: the export can simply be retried.
 *
 * The MANIFEST (UTF-8 lines, doc/eseal.texi "Report exports"):
 *
 *   eseal-manifest 1
 *   what: summary 2026-01-01..2026-01-31
 *   bureau: 示例市司法局
 *   by: clerk (张三)
 *   at: 2026-02-01 09:30:00 +0800 @1769909400
 *   medium: UUID LABEL
 *   file: SM3-HEX SIZE NAME            (one per file)
 *   signer: CERTIFICATE-HEX
 *   signature: SIGNATURE-HEX
 *
 * The signature is SM2 (with the default signer identifier) over every
 * byte before the "signature:" line.  The signer is a one-time key made
 * for this export, certified for that day by the office's root
 * certificate (seal.h), and destroyed once it has signed: so the archive
 * verifies the export with the office's root alone, and no report key
 * waits on the workstation to be stolen.
 */
#ifndef ESEAL_CORE_EXPORT_H
#define ESEAL_CORE_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

#define EXPORT_MANIFEST		"MANIFEST"

struct export_file {
	char		*name;		/* no '/', no leading '.' */
	unsigned char	*data;
	size_t		 len;
};

/* What one export writes. */
struct export_bundle {
	enum report_kind	 kind;	/* decides who may export it */
	char			*what;	/* "summary 2026-01-01..2026-01-31" */
	char			*dirname;
	struct export_file	*files;
	size_t			 nfiles;
};

/* Start a bundle for report R (names it; no file yet). */
void export_bundle_init(struct export_bundle *b, const struct report *r);

/* Add a copy of N bytes at DATA as NAME. */
void export_bundle_add(struct export_bundle *b, const char *name,
    const void *data, size_t n);

/*
 * Add R's text and CSV forms: "KIND.txt", "KIND.csv" (UTF-8, with a
 * byte-order mark when BOM) and "KIND-gb18030.csv"; the caller adds the
 * PDF it drew ("KIND.pdf", render.h report_pdf).
 */
enum status export_bundle_forms(struct export_bundle *b,
    const struct report *r, int bom);

void export_bundle_free(struct export_bundle *b);

struct export_result {
	char		*dir;		/* the export's directory */
	char		*uuid;
	char		*label;
	size_t		 nfiles;	/* the MANIFEST included */
	uint64_t	 bytes;
};

/*
 * Write B to the registered medium UUID for session S: ACT_EXPORT (the
 * clerk or the office director), or ACT_REPORT_ACCOUNTS for the register
 * of accounts.  Refusals and failures: STATUS_MEDIUM_UNREGISTERED (not
 * registered, or revoked), STATUS_MEDIUM_ABSENT (not mounted),
 * STATUS_NO_SPACE, STATUS_READ_ONLY, STATUS_PERM_FS, STATUS_MEDIUM_GONE
 * (pulled out or unmounted during the write), STATUS_MEDIUM_MISMATCH
 * (read back differently).  Success and failure alike are audited as
 * ACT_EXPORT: what, to which medium, by whom, when.  RES may be NULL.
 */
enum status export_write(struct session *s, const char *uuid,
    const struct export_bundle *b, struct export_result *res);
void export_result_free(struct export_result *res);

/* Receives one line of a verification report (translated, no newline). */
typedef void (*export_report_fn)(const char *line, void *arg);

/*
 * Check the MANIFEST at PATH and the files beside it: its signer's
 * certificate must be issued by the root certificate ROOT (DER, or PEM;
 * NULL: the office root of the workspace ST), valid at the manifest's
 * time and allowed to sign; the signature must verify; every file listed
 * must be there with its size and SM3.  Returns the first fault:
 * STATUS_MALFORMED (no manifest), STATUS_CERT_UNTRUSTED,
 * STATUS_CERT_EXPIRED, STATUS_CERT_USAGE, STATUS_BAD_SIGNATURE,
 * STATUS_MANIFEST_MISMATCH; each check is reported through FN.  Needs no
 * session: anyone may verify.
 */
enum status export_verify(struct store *st, const char *path,
    const unsigned char *root, size_t root_len, export_report_fn fn,
    void *arg);

#endif
