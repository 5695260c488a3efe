/*
 * standalone_use.c -- one use of a standalone seal at its station: the
 * checks, the GB/T 38540 signature of the sealed PDF, the log entry and
 * its head, and the sealed files on the medium.
 *
 * The order is what keeps the log honest: the use is appended to the
 * log and the head before the sealed PDF is written, so a document
 * sealed here always has its entry; a station that stops in between
 * leaves an entry without a file, which the return shows as a use.  A
 * write that fails (a full medium) puts the log and head back as they
 * were, and removes a PDF whose signature could not follow it.
 *
 * It must not write the unwrapped key or the secret anywhere.
 */
#include <config.h>

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/standalone_private.h"
#include "util/safefile.h"

/* What the signature binds: the package and use stand in for the
 * document and version, the station for the issuer. */
static void
use_protected(const struct standalone_station *st,
    const struct standalone_doc *doc, uint32_t n,
    const unsigned char pdf_sm3[32], struct ses_protected *p)
{
	const struct standalone_pkg *pkg = st->pkg;
	const unsigned char *png;
	double dia;
	size_t len;

	memset(p, 0, sizeof *p);
	p->data_kind = SES_DATA_PDF;
	p->doc_id = pkg->id;
	p->doc_version = n;
	p->doc_number = (char *) "";
	memcpy(p->content_sm3, pdf_sm3, 32);
	p->has_pdf = 1;
	memcpy(p->pdf_sm3, pdf_sm3, 32);
	p->seal_regno = pkg->regno;
	if (standalone_station_impression(st, &png, &len, &dia) == STATUS_OK)
		(void) crypto_sm3(png, len, p->impression_sm3);
	p->page = doc->page;
	p->x_um = (uint32_t) (doc->x_mm * 1000.0 + 0.5);
	p->y_um = (uint32_t) (doc->y_mm * 1000.0 + 0.5);
	p->diameter_um = (uint32_t) (doc->diameter_mm * 1000.0 + 0.5);
	p->signer.id = pkg->person_id;
	p->signer.login = pkg->person;
	p->signer.name = pkg->person_name;
	p->issuer.id = pkg->station_id;
	p->issuer.login = (char *) "";
	p->issuer.name = pkg->station;
	p->issued_at = clock_now();
	p->copies = 1;
}

static enum status
use_sign(const struct standalone_station *st, const struct standalone_doc *doc,
    uint32_t n, const unsigned char pdf_sm3[32], struct buf *sig)
{
	struct ses_protected p;
	struct ses_sign_in in;
	unsigned char *der = NULL;
	size_t len = 0;
	enum status rc;
	char *property;

	use_protected(st, doc, n, pdf_sm3, &p);
	property = xasprintf("eseal/standalone-%" PRIu64 "/use-%" PRIu32
	    "/original.pdf", st->pkg->id, n);
	memset(&in, 0, sizeof in);
	in.seal = st->pkg->seal_der.data;
	in.seal_len = st->pkg->seal_der.len;
	in.time = clock_now();
	in.data_hash = pdf_sm3;
	in.property = property;
	in.protected = &p;
	in.cert = st->pkg->cert.data;
	in.cert_len = st->pkg->cert.len;
	rc = ses_sign(&in, st->key, &der, &len);
	if (rc == STATUS_OK)
		buf_add(sig, der, len);
	free(der);
	free(property);
	return rc;
}

/* The log and head as they were before a use, to put back when the use
 * cannot be completed. */
struct use_undo {
	struct buf	 log;
	struct buf	 head;
};

/* Put the log and head of UNDO back in DIR.  They are shorter than what
 * replaced them, so a medium that has just refused a longer file still
 * takes them. */
static void
use_undo_apply(struct safefile_dir *dir, const struct use_undo *undo)
{
	(void) safefile_write(dir, STANDALONE_LOG, undo->log.data,
	    undo->log.len);
	(void) safefile_write(dir, STANDALONE_HEAD, undo->head.data,
	    undo->head.len);
}

/* Append use U (or, with PRINT, the printing of use U->n to
 * U->print_where with outcome PRC) to the log and rewrite the head, in
 * DIR, keeping what they held in UNDO: both are written or, as far as
 * the medium allows, neither, so the log is never a line ahead of its
 * head. */
static enum status
use_record(struct standalone_station *st, struct safefile_dir *dir,
    const struct standalone_use *u, int print, enum status prc,
    struct use_undo *undo)
{
	unsigned char next[32];
	struct buf log, head;
	enum status rc;

	buf_init(&log);
	buf_init(&head);
	if ((rc = standalone_read(st->dir, STANDALONE_LOG, &undo->log)) !=
	    STATUS_OK ||
	    (rc = standalone_read(st->dir, STANDALONE_HEAD, &undo->head)) !=
	    STATUS_OK)
		goto out;
	buf_add(&log, undo->log.data, undo->log.len);
	rc = print ? standalone_log_append_print(st->pkg, st->key, u->n,
	    u->time, u->print_where, prc, st->last, &log, next) :
	    standalone_log_append(st->pkg, st->key, u, st->last, &log, next);
	if (rc != STATUS_OK || (rc = standalone_head_make(st->pkg, st->key,
	    (uint32_t) st->nlines + 1, next, &head)) != STATUS_OK)
		goto out;
	if ((rc = safefile_write(dir, STANDALONE_LOG, log.data, log.len)) !=
	    STATUS_OK)
		goto out;
	if ((rc = safefile_write(dir, STANDALONE_HEAD, head.data, head.len)) !=
	    STATUS_OK) {
		use_undo_apply(dir, undo);
		goto out;
	}
	memcpy(st->last, next, 32);
	st->nlines++;
out:
	buf_free(&log);
	buf_free(&head);
	return rc;
}

/* The sealed PDF and its signature, in the sealed directory. */
static enum status
use_files(struct safefile_dir *dir, uint32_t n,
    const struct standalone_doc *doc, const struct buf *sig, char **path)
{
	struct safefile_dir out;
	char name[48], signame[56];
	enum status rc;

	rc = safefile_mkdir(dir, STANDALONE_SEALED, &out);
	if (rc == STATUS_EXISTS) {
		char *p = xasprintf("%s/%s", dir->path, STANDALONE_SEALED);

		rc = safefile_dir_open(p, &out);
		free(p);
	}
	if (rc != STATUS_OK)
		return rc;
	snprintf(name, sizeof name, "use-%" PRIu32 ".pdf", n);
	snprintf(signame, sizeof signame, "%s.sig", name);
	if ((rc = safefile_write(&out, name, doc->pdf, doc->pdf_len)) ==
	    STATUS_OK &&
	    (rc = safefile_write(&out, signame, sig->data, sig->len)) !=
	    STATUS_OK)
		(void) unlinkat(out.fd, name, 0);
	if (rc == STATUS_OK && path != NULL)
		*path = xasprintf("%s/%s", out.path, name);
	safefile_dir_close(&out);
	return rc;
}

enum status
standalone_station_seal(struct standalone_station *st,
    const struct standalone_doc *doc, char **path)
{
	struct standalone_use u;
	struct safefile_dir dir;
	struct use_undo undo;
	unsigned char last[32];
	struct buf sig;
	enum status rc;

	if (path != NULL)
		*path = NULL;
	if (st->key == NULL)
		return STATUS_SA_SECRET;
	if (doc->issuer == NULL || strcmp(doc->issuer, st->pkg->station) != 0)
		return STATUS_SA_STATION;
	if ((rc = standalone_station_check(st)) != STATUS_OK)
		return rc;

	memcpy(last, st->last, 32);
	memset(&u, 0, sizeof u);
	u.n = (uint32_t) st->nuses + 1;
	u.time = clock_now();
	u.title = (char *) (doc->title != NULL ? doc->title : "");
	buf_init(&sig);
	if ((rc = crypto_sm3(doc->pdf, doc->pdf_len, u.pdf_sm3)) != STATUS_OK ||
	    (rc = use_sign(st, doc, u.n, u.pdf_sm3, &sig)) != STATUS_OK)
		goto out;
	if ((rc = safefile_dir_open(st->dir, &dir)) != STATUS_OK)
		goto out;

	/* A medium that fills up after the log entry is written takes the
	 * entry back, so no use is counted without its document and the
	 * next attempt takes the same number. */
	buf_init(&undo.log);
	buf_init(&undo.head);
	if ((rc = use_record(st, &dir, &u, 0, STATUS_OK, &undo)) ==
	    STATUS_OK &&
	    (rc = use_files(&dir, u.n, doc, &sig, path)) != STATUS_OK) {
		use_undo_apply(&dir, &undo);
		memcpy(st->last, last, 32);
		st->nlines--;
	}
	buf_free(&undo.log);
	buf_free(&undo.head);
	safefile_dir_close(&dir);
	if (rc != STATUS_OK)
		goto out;

	st->uses = xrealloc(st->uses, (st->nuses + 1) * sizeof *st->uses);
	st->uses[st->nuses] = u;
	st->uses[st->nuses++].title = xstrdup(u.title);
	log_info("standalone: package %" PRIu64 " use %" PRIu32 " made",
	    st->pkg->id, u.n);
out:
	buf_free(&sig);
	return rc;
}

enum status
standalone_station_printed(struct standalone_station *st, uint32_t n,
    const char *where, enum status result)
{
	struct safefile_dir dir;
	struct standalone_use u;
	struct use_undo undo;
	enum status rc;

	if (st->key == NULL)
		return STATUS_SA_SECRET;
	if (n == 0 || n > st->nuses)
		return STATUS_INVALID;
	memset(&u, 0, sizeof u);
	u.n = n;
	u.time = clock_now();
	u.print_where = (char *) (where != NULL ? where : "");
	if ((rc = safefile_dir_open(st->dir, &dir)) != STATUS_OK)
		return rc;
	buf_init(&undo.log);
	buf_init(&undo.head);
	rc = use_record(st, &dir, &u, 1, result, &undo);
	buf_free(&undo.log);
	buf_free(&undo.head);
	safefile_dir_close(&dir);
	if (rc != STATUS_OK)
		return rc;

	free(st->uses[n - 1].print_where);
	free(st->uses[n - 1].print_result);
	st->uses[n - 1].print_where = xstrdup(u.print_where);
	st->uses[n - 1].print_result = xstrdup(status_name(result));
	log_info("standalone: package %" PRIu64 " use %" PRIu32 " print "
	    "recorded: %s", st->pkg->id, n, status_name(result));
	return STATUS_OK;
}
