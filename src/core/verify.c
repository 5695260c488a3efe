/*
 * verify.c -- the verification both programs share (verify.h): load the
 * trust, read the file and its signature, run every check.
 *
 * It must not print, draw or decide how a result is shown, and it keeps
 * nothing: the files are read for the one call and freed with the result.
 */
#include <config.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/seal.h"
#include "core/verify.h"
#include "core/wfop.h"

enum status
verify_trust_load(struct store *st, struct ses_trust *t)
{
	enum status rc = seal_trust_load(st, t);

	/* No seal authority yet: only the --root files (if any) count. */
	return rc == STATUS_SEAL_NO_CA ? STATUS_OK : rc;
}

/* Open PATH for reading if it is an ordinary file of at most
 * VERIFY_FILE_MAX bytes.  A FIFO or a device named on the command line
 * would block the read (or never end), and a huge file would be read
 * whole into memory, so the file is opened without waiting and looked
 * at before it is read. */
static enum status
verify_open(const char *path, FILE **f)
{
	struct stat sb;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno == ENOENT ? STATUS_NO_FILE :
		    status_from_errno(errno);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return STATUS_NOT_REGULAR;
	}
	if (sb.st_size > VERIFY_FILE_MAX) {
		close(fd);
		return STATUS_VERIFY_TOO_LARGE;
	}
	if (fcntl(fd, F_SETFL, 0) != 0 || (*f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return STATUS_IO;
	}
	return STATUS_OK;
}

/* Read PATH whole into *DATA (malloc'd, with a NUL after the *N bytes so
 * PEM can be read as text). */
static enum status
verify_read(const char *path, unsigned char **data, size_t *n)
{
	struct buf b;
	char chunk[8192];
	size_t got;
	FILE *f = NULL;
	enum status rc;

	*data = NULL;
	*n = 0;
	if ((rc = verify_open(path, &f)) != STATUS_OK)
		return rc;
	buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len <= (size_t) VERIFY_FILE_MAX)
		buf_add(&b, chunk, got);
	if (ferror(f))
		rc = STATUS_IO;
	else if (b.len > (size_t) VERIFY_FILE_MAX)
		rc = STATUS_VERIFY_TOO_LARGE;	/* it grew since fstat */
	fclose(f);
	if (rc != STATUS_OK) {
		buf_free(&b);
		return rc;
	}
	buf_add_u8(&b, 0);
	*data = b.data;
	*n = b.len - 1;
	return STATUS_OK;
}

/* Which version's signature verify_stored() reads. */
struct verify_stored_arg {
	uint64_t	 doc_id;
	uint32_t	 version;
	struct blob	 sig;
};

static enum status
verify_stored_txn(struct store_txn *txn, void *arg)
{
	struct verify_stored_arg *a = arg;
	struct rec_version v;
	enum status rc;

	if ((rc = wfop_version(txn, a->doc_id, a->version, &v)) != STATUS_OK)
		return rc;
	if (v.signature.len == 0)
		rc = STATUS_NOT_FOUND;	/* never sealed */
	else
		a->sig = v.signature;	/* taken over */
	if (rc == STATUS_OK)
		memset(&v.signature, 0, sizeof v.signature);
	rec_free(REC_VERSION, &v);
	return rc;
}

/*
 * The document, version and copy number a file's name gives: the
 * sealed original is doc-ID-vN.pdf, printed copy NNNNNN of it
 * doc-ID-vN-NNNNNN.pdf.  Non-zero when the name is one of those.
 */
static int
verify_name(const char *pdf_path, struct verify_result *v)
{
	const char *base = strrchr(pdf_path, '/');
	unsigned long long id;
	unsigned version;
	char copy[7];
	int end = 0;

	base = base != NULL ? base + 1 : pdf_path;
	if (sscanf(base, "doc-%llu-v%u.pdf%n", &id, &version, &end) == 2 &&
	    end > 0 && base[end] == '\0') {
		v->doc_id = id;
		v->version = version;
		return 1;
	}
	end = 0;
	if (sscanf(base, "doc-%llu-v%u-%6[0-9].pdf%n", &id, &version, copy,
	    &end) == 3 && end > 0 && base[end] == '\0' &&
	    strlen(copy) == 6 && strtoul(copy, NULL, 10) != 0) {
		v->doc_id = id;
		v->version = version;
		v->copy_no = (uint32_t) strtoul(copy, NULL, 10);
		return 1;
	}
	return 0;
}

/*
 * A sealed original (originals/doc-ID-vN.pdf) and its printed copies
 * have no .sig beside them: the signature is in the workspace, with the
 * version.  Any file so named is checked against that signature,
 * wherever it lies, so a changed file fails the data hash instead of
 * passing unchecked.
 */
static enum status
verify_stored(struct store *st, struct verify_result *v)
{
	struct verify_stored_arg a;
	enum status rc;

	memset(&a, 0, sizeof a);
	a.doc_id = v->doc_id;
	a.version = v->version;

	/* Named before it is read: a damaged record is reported as the
	 * version's, not as the FILE.sig nobody looked for. */
	free(v->sig_path);
	v->sig_path = xasprintf(_("the signature kept with document %" PRIu64
	    " version %u"), a.doc_id, (unsigned) a.version);
	if ((rc = store_run(st, STORE_READ, verify_stored_txn, &a)) !=
	    STATUS_OK)
		return rc;
	v->sig = a.sig.data;
	v->siglen = a.sig.len;
	return STATUS_OK;
}

/* The signature of V's file: SIG_PATH, or FILE.sig, or the one kept in
 * ST for the version the file's name gives.  V->unreadable on failure. */
static enum status
verify_signature(struct store *st, const char *pdf_path,
    const char *sig_path, struct verify_result *v)
{
	enum status rc = verify_read(v->sig_path, &v->sig, &v->siglen);

	if (rc == STATUS_OK || sig_path != NULL) {
		if (rc != STATUS_OK)
			v->unreadable = v->sig_path;
		return rc;
	}
	if (rc == STATUS_NO_FILE && st != NULL && verify_name(pdf_path, v))
		rc = verify_stored(st, v);
	if (rc == STATUS_NO_FILE || rc == STATUS_NOT_FOUND) {
		v->unreadable = pdf_path;	/* the file has no signature */
		return STATUS_NO_SIGNATURE;
	}
	if (rc != STATUS_OK)
		v->unreadable = v->sig_path;
	return rc;
}

/* A printed copy: everything but the bytes holds; the bytes cannot
 * (the copy number is drawn on it), and that is what a copy is. */
static enum status
verify_copy_verdict(const struct verify_result *v, enum status rc)
{
	int i;

	if (rc == STATUS_OK || v->copy_no == 0)
		return rc;
	for (i = 0; i < SES_CHECK__COUNT; i++)
		if (i != SES_CHECK_DATA_HASH && i != SES_CHECK_ORIGINAL &&
		    v->report.check[i].outcome != SES_PASS)
			return rc;
	return STATUS_IS_COPY;
}

enum status
verify_file(struct store *st, const struct ses_trust *t, const char *pdf_path,
    const char *sig_path, struct verify_result *v)
{
	enum status rc;

	memset(v, 0, sizeof *v);
	if ((rc = crypto_init()) != STATUS_OK)
		return rc;
	v->sig_path = sig_path != NULL ? xstrdup(sig_path) :
	    xasprintf("%s.sig", pdf_path);
	if ((rc = verify_read(pdf_path, &v->data, &v->n)) != STATUS_OK) {
		v->unreadable = pdf_path;
		return rc;
	}
	if ((rc = verify_signature(st, pdf_path, sig_path, v)) != STATUS_OK)
		return rc;
	verify_name(pdf_path, v);
	v->ran = 1;
	rc = ses_verify(v->sig, v->siglen, v->data, v->n, t, &v->report);
	return verify_copy_verdict(v, rc);
}

void
verify_result_free(struct verify_result *v)
{
	if (v->ran)
		ses_report_free(&v->report);
	free(v->data);
	free(v->sig);
	free(v->sig_path);
	memset(v, 0, sizeof *v);
}
