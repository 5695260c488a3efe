/*
 * original.c -- the sealed original of a document version: drawn when
 * the clerk seals (the core calls original_render through
 * sealing_set_renderer), its SM3 signed and stored in
 * rec_version.pdf_sm3, its bytes kept in the workspace directory as
 * originals/doc-ID-vN.pdf; read back, or drawn again, and checked
 * against that hash whenever it is needed.  A kept file that is there
 * but not the signed bytes is drawn again too, and recorded in the audit
 * trail and the log: it did not change by itself.
 *
 * The file is written while the signature is made, between the
 * sealing's two transactions (core/sealing.h), with no transaction open:
 * the drawing is pure, so a sealing tried again draws and writes the
 * very same bytes.  It is written whole (pfile_save) under a temporary
 * dot name (.doc-ID-vN.pdf.PID.sealing, which backups leave out) and
 * renamed into place only once the sealing has committed (original_end,
 * through sealing_end); a sealing that fails removes it, so originals/
 * never holds the drawing of an unsealed version.  While pending it is
 * held with flock(2) by its process; one left by a kill before the
 * rename (its lock gone with the process) is removed by the next
 * sealing, and one still held is left alone; a sealed version whose
 * file never came into place is drawn again when it is needed, and
 * nothing trusts a kept file without checking it against the signed
 * hash.
 *
 * It must not draw anything the signature does not fix: the same
 * records give the same bytes (compose.c), the copy number aside.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "print/print_int.h"

#define ORIGINAL_DIR		STORE_KEPT_DIR	/* backups carry it */
#define ORIGINAL_DIR_MODE	0700
#define ORIGINAL_MODE		0600
#define ORIGINAL_PENDING	".sealing"	/* suffix until committed */

char *
print_original_path(const char *home, uint64_t doc_id, uint32_t version)
{
	return xasprintf("%s/%s/doc-%llu-v%u.pdf", home, ORIGINAL_DIR,
	    (unsigned long long) doc_id, (unsigned) version);
}

/* The temporary name of a sealing's original in this process: the
 * process id keeps two sealings of one version apart. */
static char *
original_pending_name(uint64_t doc_id, uint32_t version)
{
	return xasprintf(".doc-%llu-v%u.pdf.%ld%s",
	    (unsigned long long) doc_id, (unsigned) version, (long) getpid(),
	    ORIGINAL_PENDING);
}

/* Keep PDF as the original of version VERSION of DOC_ID in HOME (under
 * its temporary name when PENDING, for a sealing not yet committed: the
 * file is then held locked through *PENDING, see original_sweep). */
static enum status
original_keep(const char *home, uint64_t doc_id, uint32_t version,
    const struct buf *pdf, int *pending)
{
	char *dir = xasprintf("%s/%s", home, ORIGINAL_DIR);
	char *name = pending != NULL ? original_pending_name(doc_id, version) :
	    xasprintf("doc-%llu-v%u.pdf", (unsigned long long) doc_id,
	    (unsigned) version);
	enum status rc = STATUS_OK;

	if (mkdir(dir, ORIGINAL_DIR_MODE) != 0 && errno != EEXIST) {
		log_error("print: cannot create %s: %s", dir, strerror(errno));
		rc = status_from_errno(errno);
	}
	if (rc == STATUS_OK && pending != NULL)
		rc = pfile_save_held(dir, name, pdf->data, pdf->len,
		    ORIGINAL_MODE, pending);
	else if (rc == STATUS_OK)
		rc = pfile_save(dir, name, pdf->data, pdf->len, ORIGINAL_MODE);
	free(dir);
	free(name);
	return rc;
}

/* Whether this process drew a document: its fonts are released when
 * the layer is detached at the end (print_attach(NULL)). */
static int original_drew;

/* The original this process's sealing wrote under its temporary name,
 * waiting for the end of the transaction (original_end); NULL if none. */
static char *original_pending;
static char *original_final;
static int original_pending_fd = -1;	/* holds its flock while pending */

/* Whether the file name NAME is that of a temporary original. */
static int
original_is_pending(const char *name)
{
	size_t n = strlen(name), k = strlen(ORIGINAL_PENDING);

	return strncmp(name, ".doc-", 5) == 0 && n > k &&
	    strcmp(name + n - k, ORIGINAL_PENDING) == 0;
}

/* Remove PATH, a temporary original, if no living sealing holds it: its
 * sealing keeps it locked from before it has this name until it is
 * renamed or removed, and the kernel drops the lock when the process
 * dies.  The lock taken, the name must still be that file. */
static void
original_sweep_one(const char *path)
{
	struct stat a, b;
	int fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
	    lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino && unlink(path) == 0)
		log_warn("print: removed %s, left by a sealing that did not "
		    "end", path);
	close(fd);
}

/* Remove the temporary originals that sealings cut short (killed
 * between their write and their end) left in HOME's kept folder; those
 * of sealings running now, in this process or another, stay. */
static void
original_sweep(const char *home)
{
	char *dir = xasprintf("%s/%s", home, ORIGINAL_DIR), *path;
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		goto out;
	while ((e = readdir(d)) != NULL) {
		if (!original_is_pending(e->d_name))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		original_sweep_one(path);
		free(path);
	}
	closedir(d);
out:
	free(dir);
}

/* The end of a sealing transaction (sealing_end): the original comes
 * into place with the commit, and is removed without it. */
static void
original_end(int committed, void *arg)
{
	(void) arg;
	if (original_pending == NULL)
		return;
	if (!committed)
		unlink(original_pending);
	else if (rename(original_pending, original_final) != 0)
		log_error("print: the sealed original %s was not kept: "
		    "cannot rename %s: %s (it is drawn again when needed)",
		    original_final, original_pending, strerror(errno));
	if (original_pending_fd >= 0)
		close(original_pending_fd);	/* the lock goes last */
	original_pending_fd = -1;
	free(original_pending);
	free(original_final);
	original_pending = original_final = NULL;
}

/* Note the original of version VERSION of DOC_ID in HOME as written
 * under its temporary name, for original_end to settle. */
static void
original_note_pending(const char *home, uint64_t doc_id, uint32_t version)
{
	char *dir = xasprintf("%s/%s", home, ORIGINAL_DIR), *name;

	if (original_pending_fd >= 0)
		close(original_pending_fd);
	original_pending_fd = -1;
	free(original_pending);
	free(original_final);
	original_final = print_original_path(home, doc_id, version);
	name = original_pending_name(doc_id, version);
	original_pending = xasprintf("%s/%s", dir, name);
	free(name);
	free(dir);
}

enum status
original_draw_records(const struct rec_doc *doc, const struct rec_version *v,
    const struct rec_seal *seal, int64_t issued_at, unsigned long copy,
    struct buf *pdf, struct render_result *res)
{
	struct compose c;
	enum status rc;

	original_drew = 1;
	if ((rc = compose_make(doc, v, seal, issued_at, &c)) == STATUS_OK)
		rc = render_document(&c.doc, &c.seal, copy, pdf, res);
	compose_free(&c);
	return rc;
}

/* The renderer the core calls while sealing (sealing.h). */
static enum status
original_render(struct sealing_render *r, void *arg)
{
	struct store *st = arg;
	struct render_result res;
	struct buf pdf;
	enum status rc;
	int held = -1;

	buf_init(&pdf);
	rc = original_draw_records(r->doc, r->version, r->seal, r->issued_at,
	    0, &pdf, &res);
	if (rc == STATUS_OK)
		rc = crypto_sm3(pdf.data, pdf.len, r->pdf_sm3);
	if (rc == STATUS_OK) {
		original_sweep(store_home(st));
		rc = original_keep(store_home(st), r->version->doc_id,
		    r->version->number, &pdf, &held);
	}
	if (rc == STATUS_OK) {
		original_note_pending(store_home(st), r->version->doc_id,
		    r->version->number);
		original_pending_fd = held;
	}
	if (rc == STATUS_OK) {
		r->page = (uint32_t) res.seal_page;
		r->x_mm = res.seal_x_mm;
		r->y_mm = res.seal_y_mm;
		r->diameter_mm = res.seal_diameter_mm;
	}
	buf_free(&pdf);
	return rc;
}

/*
 * For sanitizer builds only (nothing else calls these): cairo 1.16 loses
 * 768 bytes for every CFF font subset it writes into a PDF, and every
 * document embeds CJK CFF subsets, so LeakSanitizer is told to excuse
 * cairo's own allocations -- ours are still checked.  Every program that
 * prints links this file.  Weak, so that a test runner's own lists win.
 */
const char *__lsan_default_suppressions(void) __attribute__((weak));
const char *__lsan_default_options(void) __attribute__((weak));

const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\n";
}

const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

void
print_attach(struct store *st)
{
	sealing_set_renderer(st != NULL ? original_render : NULL, st);
	original_end(0, NULL);	/* none is left when no sealing runs */
	sealing_set_end(st != NULL ? original_end : NULL, NULL);
	if (st == NULL && original_drew) {
		render_release();	/* the program is done drawing */
		original_drew = 0;
	}
}

/* -- Reading the original back ----------------------------------------- */

enum status
original_src_get(struct store *st, struct session *s, uint64_t doc_id,
    struct original_src *src)
{
	const struct docview *dv = &src->view;
	enum status rc;

	memset(src, 0, sizeof *src);
	src->s = s;
	if ((rc = docview_get(st, s, doc_id, &src->view)) != STATUS_OK)
		return rc;
	if (dv->doc.sealed_version == 0 ||
	    dv->doc.sealed_version > dv->nversions || dv->seal_regno == NULL)
		return STATUS_STATE;
	src->v = &dv->versions[dv->doc.sealed_version - 1];
	src->issued_at = compose_issued_at(dv->approvals, dv->napprovals,
	    src->v->number);
	return seal_get(s, dv->seal_regno, &src->seal);
}

void
original_src_free(struct original_src *src)
{
	docview_free(&src->view);
	rec_free(REC_SEAL, &src->seal);
	memset(src, 0, sizeof *src);
}

enum status
original_draw(const struct original_src *src, unsigned long copy,
    struct buf *pdf, struct render_result *res)
{
	return original_draw_records(&src->view.doc, src->v, &src->seal,
	    src->issued_at, copy, pdf, res);
}

enum status
original_check(const struct original_src *src, const struct buf *pdf)
{
	unsigned char h[32];
	enum status rc;

	if (src->v->pdf_sm3.len != sizeof h)
		return STATUS_STATE;	/* the signature binds no PDF */
	if ((rc = crypto_sm3(pdf->data, pdf->len, h)) != STATUS_OK)
		return rc;
	return memcmp(h, src->v->pdf_sm3.data, sizeof h) == 0 ? STATUS_OK :
	    STATUS_PRINT_ORIGINAL;
}

/* The kept file at PATH is not the signed original: someone or
 * something changed it.  It is drawn again all the same, but the
 * security auditor must find that it happened. */
static void
original_alert(const struct original_src *src, const char *path)
{
	char *detail = xasprintf("the kept original doc-%llu-v%u.pdf is not "
	    "the signed bytes (its SM3 differs); it is drawn again",
	    (unsigned long long) src->view.doc.id, (unsigned) src->v->number);

	log_error("print: the kept original %s does not match its signed "
	    "SM3; it is drawn again", path);
	session_audit_failure(src->s, ACT_DOC_READ, REC_DOC, src->view.doc.id,
	    STATUS_PRINT_ORIGINAL, detail);
	free(detail);
}

enum status
original_load(struct store *st, const struct original_src *src,
    struct buf *pdf)
{
	size_t start = pdf->len;
	struct buf b;
	char *path;
	enum status rc;

	buf_init(&b);
	path = print_original_path(store_home(st), src->view.doc.id,
	    src->v->number);
	if ((rc = pfile_load(path, &b)) == STATUS_OK &&
	    (rc = original_check(src, &b)) == STATUS_PRINT_ORIGINAL)
		original_alert(src, path);
	if (rc != STATUS_OK && rc != STATUS_STATE) {
		/* Missing or not the signed bytes: draw it again. */
		buf_reset(&b);
		if ((rc = original_draw(src, 0, &b, NULL)) == STATUS_OK &&
		    (rc = original_check(src, &b)) == STATUS_OK)
			rc = original_keep(store_home(st), src->view.doc.id,
			    src->v->number, &b, NULL);
	}
	free(path);
	if (rc == STATUS_OK)
		buf_add(pdf, b.data, b.len);
	else
		pdf->len = start;
	buf_free(&b);
	return rc;
}

enum status
original_marks(const struct original_src *src, uint32_t first,
    uint32_t count, struct buf *pdf, struct render_result *res)
{
	struct compose c;
	enum status rc;

	original_drew = 1;
	rc = compose_make(&src->view.doc, src->v, &src->seal, src->issued_at,
	    &c);
	if (rc == STATUS_OK)
		rc = render_copy_numbers(&c.doc, &c.seal, first, count, pdf,
		    res);
	compose_free(&c);
	return rc;
}

enum status
print_original(struct store *st, struct session *s, uint64_t doc_id,
    struct buf *pdf, uint32_t *version)
{
	struct original_src src;
	enum status rc;

	if ((rc = original_src_get(st, s, doc_id, &src)) == STATUS_OK &&
	    (rc = original_load(st, &src, pdf)) == STATUS_OK &&
	    version != NULL)
		*version = src.v->number;
	original_src_free(&src);
	return rc;
}
