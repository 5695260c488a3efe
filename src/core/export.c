/*
 * export.c -- writing a report's files and its MANIFEST to a registered
 * removable medium, so that an export on the medium is either complete
 * and verified or visibly unfinished (export.h has the protocol); and
 * checking an export.
 *
 * The steps, and why in this order:
 *   1. one write transaction: the session may export, the medium is
 *      registered, and the MANIFEST is made and signed (it takes a
 *      certificate serial from the office's authority);
 *   2. the medium is located among the mounted ones;
 *   3. the files go into a hidden staging directory, one by one through
 *      safefile_write(), the MANIFEST last;
 *   4. the medium's path is checked to still lead to it, and only then
 *      is the staging directory renamed to the export's name;
 *   5. every file is read back through the path and its SM3 compared;
 *      a failure renames the export back to its hidden name, through the
 *      directory still held open, which works even on a medium
 *      unmounted under us;
 *   6. one write transaction audits the outcome.
 * No transaction is open while the medium is written.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/manifest.h"
#include "core/medium.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/seal.h"
#include "crypto/crypto.h"

#define EXPORT_STAGING_PREFIX	".eseal-"
#define EXPORT_STAGING_SUFFIX	".part"

/* -- Bundles --------------------------------------------------------------- */

/* "2026-01-31" as "20260131". */
static void
export_compact_date(const char *day, char *out)
{
	size_t i, o = 0;

	for (i = 0; day[i] != '\0' && o < 8; i++)
		if (day[i] != '-')
			out[o++] = day[i];
	out[o] = '\0';
}

void
export_bundle_init(struct export_bundle *b, const struct report *r)
{
	char first[9], last[9], when[20];
	struct tm tm;
	time_t t = (time_t) r->generated_at;

	memset(b, 0, sizeof *b);
	b->kind = r->kind;
	export_compact_date(r->period.first, first);
	export_compact_date(r->period.last, last);
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(when, sizeof when, "%Y%m%dT%H%M%S", &tm);
	b->what = xasprintf("%s %s..%s", report_kind_name(r->kind),
	    r->period.first, r->period.last);
	b->dirname = xasprintf("eseal-%s-%s-%s-%s", report_kind_name(r->kind),
	    first, last, when);
}

void
export_bundle_add(struct export_bundle *b, const char *name, const void *data,
    size_t n)
{
	struct export_file *f = NULL;
	size_t i;

	/* A report named twice must not list its files twice in the
	 * MANIFEST: the later copy of a name replaces the earlier. */
	for (i = 0; i < b->nfiles && f == NULL; i++)
		if (strcmp(b->files[i].name, name) == 0)
			f = &b->files[i];
	if (f != NULL) {
		free(f->data);
	} else {
		b->files = xrealloc(b->files,
		    (b->nfiles + 1) * sizeof *b->files);
		f = &b->files[b->nfiles++];
		f->name = xstrdup(name);
	}
	f->data = xmalloc(n > 0 ? n : 1);
	memcpy(f->data, data, n);
	f->len = n;
}

/* A second report in B: the summary and the registers may travel
 * together (the export is then named "report"); the accounts, the
 * security administrator's, only alone. */
static enum status
export_bundle_merge(struct export_bundle *b, const struct report *r)
{
	char *what, *dir;

	if (b->what == NULL)
		export_bundle_init(b, r);
	if (r->kind == b->kind || strstr(b->what, report_kind_name(r->kind)))
		return STATUS_OK;
	if (r->kind == REPORT_ACCOUNTS || b->kind == REPORT_ACCOUNTS)
		return STATUS_INVALID;
	what = xasprintf("%.*s+%s%s", (int) strcspn(b->what, " "), b->what,
	    report_kind_name(r->kind), b->what + strcspn(b->what, " "));
	dir = xasprintf("eseal-report%s", strchr(b->dirname + 6, '-'));
	free(b->what);
	free(b->dirname);
	b->what = what;
	b->dirname = dir;
	return STATUS_OK;
}

enum status
export_bundle_forms(struct export_bundle *b, const struct report *r, int bom)
{
	const char *stem = report_kind_name(r->kind);
	struct buf text, csv, gb;
	enum status rc;
	char *name;

	if ((rc = export_bundle_merge(b, r)) != STATUS_OK)
		return rc;
	buf_init(&text);
	buf_init(&csv);
	buf_init(&gb);
	report_text(r, &text);
	rc = report_csv(r, bom ? REPORT_CSV_UTF8_BOM : REPORT_CSV_UTF8, &csv);
	if (rc == STATUS_OK)
		rc = report_csv(r, REPORT_CSV_GB18030, &gb);
	if (rc == STATUS_OK) {
		name = xasprintf("%s.txt", stem);
		export_bundle_add(b, name, text.data, text.len);
		free(name);
		name = xasprintf("%s.csv", stem);
		export_bundle_add(b, name, csv.data, csv.len);
		free(name);
		name = xasprintf("%s-gb18030.csv", stem);
		export_bundle_add(b, name, gb.data, gb.len);
		free(name);
	}
	buf_free(&text);
	buf_free(&csv);
	buf_free(&gb);
	return rc;
}

void
export_bundle_free(struct export_bundle *b)
{
	size_t i;

	for (i = 0; i < b->nfiles; i++) {
		free(b->files[i].name);
		free(b->files[i].data);
	}
	free(b->files);
	free(b->what);
	free(b->dirname);
	memset(b, 0, sizeof *b);
}

void
export_result_free(struct export_result *res)
{
	free(res->dir);
	free(res->uuid);
	free(res->label);
	memset(res, 0, sizeof *res);
}

/* -- Step 1: permission, register and MANIFEST ----------------------------- */

struct export_op {
	struct session			*s;
	const char			*uuid;
	const struct export_bundle	*b;
	enum action			 act;	/* what the session must hold */
	struct buf			 manifest;
	uint64_t			 medium_id;
	char				*label;
	char				*where;	/* the export, for the audit */
};

static enum status
export_prepare_txn(struct store_txn *txn, void *arg)
{
	struct export_op *op = arg;
	struct manifest_head h;
	struct rec_medium m;
	struct rec_user actor;
	char *bureau = NULL, *by = NULL, *medium = NULL;
	enum status rc;

	buf_reset(&op->manifest);
	memset(&m, 0, sizeof m);
	if ((rc = session_authorize(txn, op->s, op->act, &actor)) != STATUS_OK)
		return rc;
	if ((rc = medium_find(txn, op->uuid, &m)) != STATUS_OK)
		goto out;
	op->medium_id = m.id;
	free(op->label);
	op->label = xstrdup(m.label != NULL ? m.label : "");
	if ((rc = policy_meta_get(txn, "bureau", &bureau)) == STATUS_NOT_FOUND)
		bureau = xstrdup("");
	else if (rc != STATUS_OK)
		goto out;
	by = actor.full_name != NULL && *actor.full_name != '\0' ?
	    xasprintf("%s (%s)", actor.name, actor.full_name) :
	    xstrdup(actor.name);
	medium = xasprintf("%s %s", m.uuid, op->label);
	h.what = op->b->what;
	h.bureau = bureau != NULL ? bureau : "";
	h.by = by;
	h.medium = medium;
	h.at = clock_now();
	rc = manifest_make(txn, store_home(op->s->store), &h, op->b,
	    &op->manifest);
out:
	free(bureau);
	free(by);
	free(medium);
	rec_free(REC_MEDIUM, &m);
	rec_free(REC_USER, &actor);
	return rc;
}

/* -- Steps 3 to 5: the medium ---------------------------------------------- */

/* Test builds: stop after the first file until the test says go, so a
 * test can pull the medium out in the middle of an export. */
static void
export_test_pause(void)
{
	const char *p = testhook_env("ESEAL_TEST_EXPORT_PAUSE");
	char *ready, *go;
	FILE *f;
	int i;

	if (p == NULL || *p == '\0')
		return;
	ready = xasprintf("%s.ready", p);
	go = xasprintf("%s.go", p);
	if ((f = fopen(ready, "w")) != NULL)
		fclose(f);
	for (i = 0; i < 600 && access(go, F_OK) != 0; i++)
		usleep(50000);
	free(ready);
	free(go);
}

/* Remove the staging directories failed exports left on the medium. */
static void
export_sweep(struct safefile_dir *m)
{
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i, len;
	DIR *d;

	if ((d = opendir(m->path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (strncmp(e->d_name, EXPORT_STAGING_PREFIX,
		    strlen(EXPORT_STAGING_PREFIX)) != 0 ||
		    len < strlen(EXPORT_STAGING_SUFFIX) ||
		    strcmp(e->d_name + len - strlen(EXPORT_STAGING_SUFFIX),
		    EXPORT_STAGING_SUFFIX) != 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	for (i = 0; i < n; i++) {
		safefile_remove_dir(m, names[i]);
		free(names[i]);
	}
	free(names);
}

/* Every file of the staging directory S, the MANIFEST last. */
static enum status
export_files(struct safefile_dir *s, const struct export_bundle *b,
    const struct buf *manifest)
{
	enum status rc = STATUS_OK;
	struct rlimit saved;
	int limited;
	size_t i;

	limited = testhook_fsize_begin(&saved);
	for (i = 0; rc == STATUS_OK && i < b->nfiles; i++) {
		rc = safefile_write(s, b->files[i].name, b->files[i].data,
		    b->files[i].len);
		if (i == 0)
			export_test_pause();
	}
	if (rc == STATUS_OK)
		rc = safefile_write(s, EXPORT_MANIFEST, manifest->data,
		    manifest->len);
	testhook_fsize_end(limited, &saved);
	return rc;
}

/* Read NAME back from D and compare its SM3 with that of DATA. */
static enum status
export_read_back(const struct safefile_dir *d, const char *name,
    const void *data, size_t n)
{
	unsigned char want[CRYPTO_SM3_LEN], got[CRYPTO_SM3_LEN];
	enum status rc;
	struct buf b;

	buf_init(&b);
	if ((rc = safefile_read_back(d, name, &b)) == STATUS_OK &&
	    (rc = crypto_sm3(data, n, want)) == STATUS_OK &&
	    (rc = crypto_sm3(b.data, b.len, got)) == STATUS_OK &&
	    (b.len != n || memcmp(want, got, sizeof want) != 0))
		rc = STATUS_MEDIUM_MISMATCH;
	buf_free(&b);
	return rc;
}

static enum status
export_verify_written(struct safefile_dir *m, const char *final,
    const struct export_bundle *b, const struct buf *manifest)
{
	struct safefile_dir d;
	char *path = xasprintf("%s/%s", m->path, final);
	enum status rc;
	size_t i;

	rc = safefile_dir_open(path, &d);
	free(path);
	if (rc == STATUS_OK && d.dev != m->dev)
		rc = STATUS_MEDIUM_GONE;
	else if (rc == STATUS_NOT_FOUND)
		rc = STATUS_MEDIUM_GONE;
	for (i = 0; rc == STATUS_OK && i < b->nfiles; i++)
		rc = export_read_back(&d, b->files[i].name, b->files[i].data,
		    b->files[i].len);
	if (rc == STATUS_OK)
		rc = export_read_back(&d, EXPORT_MANIFEST, manifest->data,
		    manifest->len);
	safefile_dir_close(&d);
	return rc;
}

/* A name for the export not yet on the medium: the bundle's, or with
 * "-2", "-3" ... after it. */
static char *
export_final_name(const struct safefile_dir *m, const char *base)
{
	char *name = xstrdup(base), *path;
	unsigned i;

	for (i = 2; i < 1000; i++) {
		path = xasprintf("%s/%s", m->path, name);
		if (access(path, F_OK) != 0) {
			free(path);
			break;
		}
		free(path);
		free(name);
		name = xasprintf("%s-%u", base, i);
	}
	return name;
}

static enum status
export_to(struct export_op *op, const char *mountpoint,
    struct export_result *res)
{
	struct safefile_dir m, s;
	char *final = NULL, *staging = NULL;
	enum status rc;
	int renamed = 0;

	if ((rc = safefile_dir_open(mountpoint, &m)) != STATUS_OK)
		return rc == STATUS_NOT_FOUND ? STATUS_MEDIUM_GONE : rc;
	export_sweep(&m);
	final = export_final_name(&m, op->b->dirname);
	staging = xasprintf(".%s%s", final, EXPORT_STAGING_SUFFIX);
	free(op->where);
	op->where = xasprintf("%s/%s", mountpoint, final);
	if ((rc = safefile_mkdir(&m, staging, &s)) != STATUS_OK)
		goto out;
	rc = export_files(&s, op->b, &op->manifest);
	safefile_dir_close(&s);
	if (rc == STATUS_OK)
		rc = safefile_dir_present(&m);
	if (rc == STATUS_OK && (rc = safefile_rename(&m, staging, final)) ==
	    STATUS_OK) {
		renamed = 1;
		rc = safefile_dir_present(&m);
	}
	if (rc == STATUS_OK)
		rc = export_verify_written(&m, final, op->b, &op->manifest);

	/* Nothing may look complete unless it is: back to hidden. */
	if (rc != STATUS_OK && renamed &&
	    safefile_rename(&m, final, staging) != STATUS_OK)
		log_error("export: could not hide the failed export %s",
		    op->where);
	if (rc != STATUS_OK && safefile_dir_present(&m) == STATUS_OK)
		safefile_remove_dir(&m, staging);
	if (rc == STATUS_OK && res != NULL) {
		res->dir = xstrdup(op->where);
		res->nfiles = op->b->nfiles + 1;
	}
out:
	safefile_dir_close(&m);
	free(final);
	free(staging);
	return rc;
}

/* -- Step 6: the audit ----------------------------------------------------- */

struct export_audit {
	struct export_op	*op;
	const char		*detail;
};

static enum status
export_audit_txn(struct store_txn *txn, void *arg)
{
	struct export_audit *a = arg;
	struct rec_user actor;
	enum status rc;

	if ((rc = session_authorize(txn, a->op->s, a->op->act, &actor)) !=
	    STATUS_OK)
		return rc;
	rc = audit_append(txn, &actor, perm_acting_role(&actor, a->op->act),
	    ACT_EXPORT, REC_MEDIUM, a->op->medium_id, AUDIT_OK, a->detail);
	rec_free(REC_USER, &actor);
	return rc;
}

static char *
export_detail(const struct export_op *op)
{
	unsigned char sm3[CRYPTO_SM3_LEN];
	char hex[2 * CRYPTO_SM3_LEN + 1] = "";

	if (op->manifest.len > 0 &&
	    crypto_sm3(op->manifest.data, op->manifest.len, sm3) == STATUS_OK)
		crypto_hex(sm3, sizeof sm3, hex);
	return xasprintf("%s to medium %s (%s) at %s: %zu files, MANIFEST "
	    "sm3 %s", op->b->what, op->uuid, op->label != NULL ? op->label :
	    "", op->where != NULL ? op->where : "-", op->b->nfiles + 1, hex);
}

static uint64_t
export_bytes(const struct export_op *op)
{
	uint64_t n = op->manifest.len;
	size_t i;

	for (i = 0; i < op->b->nfiles; i++)
		n += op->b->files[i].len;
	return n;
}

enum status
export_write(struct session *s, const char *uuid,
    const struct export_bundle *b, struct export_result *res)
{
	struct export_op op;
	struct export_audit a;
	struct media_info info;
	enum status rc;
	char *detail;

	if (res != NULL)
		memset(res, 0, sizeof *res);
	if (s == NULL || b == NULL || uuid == NULL)
		return STATUS_DENIED;
	memset(&op, 0, sizeof op);
	memset(&info, 0, sizeof info);
	op.s = s;
	op.uuid = uuid;
	op.b = b;
	op.act = b->kind == REPORT_ACCOUNTS ? ACT_REPORT_ACCOUNTS : ACT_EXPORT;
	buf_init(&op.manifest);

	rc = store_run(s->store, STORE_WRITE, export_prepare_txn, &op);
	if (rc == STATUS_OK)
		rc = medium_locate(uuid, &info);
	if (rc == STATUS_OK)
		rc = export_to(&op, info.mountpoint, res);

	detail = export_detail(&op);
	if (rc == STATUS_OK) {
		a.op = &op;
		a.detail = detail;
		rc = store_run(s->store, STORE_WRITE, export_audit_txn, &a);
	} else {
		session_audit_failure(s, ACT_EXPORT, REC_MEDIUM, op.medium_id,
		    rc, detail);
	}
	if (rc == STATUS_OK && res != NULL) {
		res->uuid = xstrdup(uuid);
		res->label = xstrdup(op.label != NULL ? op.label : "");
		res->bytes = export_bytes(&op);
	} else if (res != NULL) {
		export_result_free(res);
	}
	log_info("export of %s to medium %s: %s", b->what, uuid,
	    status_name(rc));
	free(detail);
	free(op.label);
	free(op.where);
	buf_free(&op.manifest);
	media_info_free(&info);
	return rc;
}

/* -- Checking -------------------------------------------------------------- */

enum status
export_verify(struct store *st, const char *path, const unsigned char *root,
    size_t root_len, export_report_fn fn, void *arg)
{
	unsigned char *der = NULL;
	size_t len = 0;
	enum status rc;

	if ((rc = crypto_init()) != STATUS_OK)
		return rc;
	if (root == NULL) {
		if (st == NULL)
			return STATUS_INVALID;
		rc = seal_ca_root(st, &der, &len);
	} else if (root_len > 10 && memcmp(root, "-----BEGIN", 10) == 0) {
		rc = crypto_pem_decode((const char *) root, root_len,
		    "CERTIFICATE", &der, &len);
	} else {
		der = xmalloc(root_len > 0 ? root_len : 1);
		memcpy(der, root, root_len);
		len = root_len;
	}
	if (rc == STATUS_OK)
		rc = manifest_check(path, der, len, fn, arg);
	free(der);
	return rc;
}
