/*
 * audit_archive.c -- archiving audit entries past the retention period
 * onto a registered removable medium, and deleting them from the trail;
 * and writing an audit export file onto such a medium.
 *
 * This is the ONE place an entry is ever deleted, and only after: the
 * security auditor asked (ACT_AUDIT_EXPORT); every entry to go is older
 * than the retention period; the trail verifies (an archive must not
 * carry tampering away); the medium is registered and mounted; and the
 * signed export of exactly those entries was written to it and read
 * back.  Then one transaction appends the signed archive checkpoint,
 * whose detail names the range, the file's SM3 and the SM3 of the last
 * archived entry (the anchor audit_verify() starts the remaining chain
 * from), deletes the entries (the store removes their index entries with
 * them, so the reports' index of entries by action stays consistent) and
 * moves the "archived up to" mark.  A failure anywhere before that
 * transaction leaves every entry in place.
 *
 * The checkpoint is appended before the deletions, in the same
 * transaction, so that it links to the head as every entry does, even
 * when the head itself is archived.
 *
 * It must not delete anything but the range it exported, nor write a
 * file anywhere but on a registered medium.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/audit_private.h"
#include "core/medium.h"
#include "core/policy.h"
#include "core/session.h"

/* -- Files on a medium ----------------------------------------------------- */

/* BASE SUFFIX, or BASE-2 SUFFIX ... : a name not yet in D. */
static char *
audit_archive_free_name(const struct safefile_dir *d, const char *base,
    const char *suffix)
{
	char *name = xasprintf("%s%s", base, suffix);
	unsigned i;

	for (i = 2; i < 1000 && faccessat(d->fd, name, F_OK,
	    AT_SYMLINK_NOFOLLOW) == 0; i++) {
		free(name);
		name = xasprintf("%s-%u%s", base, i, suffix);
	}
	return name;
}

/* Read D/NAME back and compare it with the N bytes at DATA. */
static enum status
audit_archive_read_back(const struct safefile_dir *d, const char *name,
    const void *data, size_t n)
{
	struct buf b;
	enum status st;

	buf_init(&b);
	st = safefile_read_back(d, name, &b);
	if (st == STATUS_OK && (b.len != n || memcmp(b.data, data, n) != 0))
		st = STATUS_MEDIUM_MISMATCH;
	buf_free(&b);
	return st;
}

/* Write NAME into D, with the test hook's limit while writing. */
static enum status
audit_archive_write_one(struct safefile_dir *d, const char *name,
    const void *data, size_t n)
{
	struct rlimit saved;
	enum status st;
	int limited;

	limited = testhook_fsize_begin(&saved);
	st = safefile_write(d, name, data, n);
	testhook_fsize_end(limited, &saved);
	if (st == STATUS_OK)
		st = safefile_dir_present(d);
	if (st == STATUS_OK)
		st = audit_archive_read_back(d, name, data, n);

	/* A file that is not exactly what was meant must not stay. */
	if (st != STATUS_OK && st != STATUS_MEDIUM_GONE &&
	    unlinkat(d->fd, name, 0) != 0 && errno != ENOENT)
		log_error("audit: could not remove the failed file %s/%s",
		    d->path, name);
	return st;
}

enum status
audit_medium_write(const char *medium, const char *base, const char *suffix,
    const void *data, size_t n, char **where)
{
	struct media_info info;
	struct safefile_dir d;
	char *name = NULL;
	enum status st;

	*where = NULL;
	memset(&info, 0, sizeof info);
	if ((st = medium_locate(medium, &info)) != STATUS_OK)
		goto out;
	if ((st = safefile_dir_open(info.mountpoint, &d)) != STATUS_OK) {
		if (st == STATUS_NOT_FOUND)
			st = STATUS_MEDIUM_GONE;
		goto out;
	}
	name = audit_archive_free_name(&d, base, suffix);
	st = audit_archive_write_one(&d, name, data, n);
	if (st == STATUS_OK)
		*where = xasprintf("%s/%s", info.mountpoint, name);
	safefile_dir_close(&d);
out:
	log_info("audit: file %s on medium %s: %s", name != NULL ? name : base,
	    medium, status_name(st));
	free(name);
	media_info_free(&info);
	return st;
}

/* -- Archive --------------------------------------------------------------- */

struct audit_archive_args {
	struct audit_sel	 sel;
	struct buf		 content;
	uint64_t		 upto;
	const char		*medium;
	char			*where;		/* the file on the medium */
	uint64_t		 from;		/* first not archived yet */
	uint64_t		 days;		/* the retention period */
	uint64_t		 young;		/* one too young, or 0 */
	unsigned char		 last[AUDIT_HASH_LEN];	/* entry UPTO's */
};

/* Select the entries not yet archived up to UPTO, and find any younger
 * than the retention period. */
static enum status
audit_archive_check(struct store_txn *txn, struct audit_archive_args *a)
{
	uint64_t last, done;
	int64_t cutoff;
	enum status st;
	size_t i;

	a->young = 0;
	if ((st = store_last_id(txn, REC_AUDIT, &last)) != STATUS_OK)
		return st;
	if (a->upto == 0 || a->upto > last)
		return STATUS_NOT_FOUND;
	st = audit_meta_u64(txn, AUDIT_META_RETENTION, AUDIT_RETENTION_DAYS,
	    &a->days);
	if (st == STATUS_OK)
		st = audit_meta_u64(txn, AUDIT_META_ARCHIVED, 0, &done);
	if (st != STATUS_OK)
		return st;

	a->from = done + 1;
	a->sel.seq_lo = a->from;
	a->sel.seq_hi = a->upto;
	if ((st = audit_select(txn, &a->sel)) != STATUS_OK)
		return st;
	cutoff = clock_now() - (int64_t) a->days * AUDIT_SECONDS_PER_DAY;
	for (i = 0; i < a->sel.list.n && a->young == 0; i++)
		if (a->sel.list.v[i].time > cutoff)
			a->young = a->sel.list.v[i].id;
	return STATUS_OK;
}

/* Every entry of the range must be there, or the trail was tampered
 * with (the verification before said so, unless it happened since). */
static enum status
audit_archive_complete(const struct audit_archive_args *a)
{
	const struct audit_list *l = &a->sel.list;

	if (l->n != a->upto - a->from + 1 || l->v[0].id != a->from ||
	    l->v[l->n - 1].id != a->upto)
		return STATUS_AUDIT_BROKEN;
	return STATUS_OK;
}

static enum status
audit_archive_read_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_archive_args *a = arg;
	struct crypto_key *key = NULL;
	struct rec_medium m;
	enum status st;

	(void) actor;
	if ((st = audit_archive_check(txn, a)) != STATUS_OK)
		return st;
	if (a->young != 0 || a->upto < a->from)
		return STATUS_OK;	/* refused, or nothing to do */
	memset(&m, 0, sizeof m);
	st = medium_find(txn, a->medium, &m);
	rec_free(REC_MEDIUM, &m);
	if (st != STATUS_OK)
		return st;
	if ((st = audit_archive_complete(a)) != STATUS_OK)
		return st;
	st = audit_hash(&a->sel.list.v[a->sel.list.n - 1], a->last);
	if (st == STATUS_OK)
		st = audit_key_private(txn, &key);
	if (st == STATUS_OK)
		st = audit_export_build(&a->sel, key, &a->content);
	crypto_key_free(key);
	return st;
}

/* The refusal of an archive of entries still under retention. */
static enum status
audit_archive_refused_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_archive_args *a = arg;
	enum status st;
	char *detail;

	detail = xasprintf("archive up to %" PRIu64 " refused: entry %" PRIu64
	    " is younger than %" PRIu64 " days", a->upto, a->young, a->days);
	st = audit_append(txn, actor, audit_role(actor, ACT_AUDIT_EXPORT),
	    ACT_AUDIT_EXPORT, REC_AUDIT, a->upto, AUDIT_REFUSED, detail);
	free(detail);
	return st;
}

/* The archive checkpoint's detail (audit_verify.c reads it back). */
static char *
audit_archive_detail(const struct audit_archive_args *a)
{
	char hex[2 * CRYPTO_SM3_LEN + 1], last[2 * AUDIT_HASH_LEN + 1];

	audit_content_hex(&a->content, hex);
	crypto_hex(a->last, sizeof a->last, last);
	return xasprintf("archive of entries %" PRIu64 "..%" PRIu64
	    " to medium %s at %s sm3:%s " AUDIT_ARCHIVE_LAST "%s", a->from,
	    a->upto, a->medium, a->where, hex, last);
}

/* Delete the archived range. */
static enum status
audit_archive_delete(struct store_txn *txn, const struct audit_archive_args *a)
{
	enum status st = STATUS_OK;
	uint64_t id;

	for (id = a->from; st == STATUS_OK && id <= a->upto; id++)
		st = store_del(txn, REC_AUDIT, id);
	return st;
}

/* The signed record of the archive, the deletions, the new mark, and
 * the auditor's own entry, together. */
static enum status
audit_archive_write_txn(struct store_txn *txn, const struct rec_user *actor,
    void *arg)
{
	struct audit_archive_args *a = arg;
	char num[24], *detail;
	uint64_t done;
	enum status st;

	/* Another archive in between would have moved the mark. */
	st = audit_meta_u64(txn, AUDIT_META_ARCHIVED, 0, &done);
	if (st == STATUS_OK && done + 1 != a->from)
		st = STATUS_BUSY;
	if (st != STATUS_OK)
		return st;

	detail = audit_archive_detail(a);
	st = audit_checkpoint(txn, detail, NULL);
	if (st == STATUS_OK)
		st = audit_archive_delete(txn, a);
	snprintf(num, sizeof num, "%" PRIu64, a->upto);
	if (st == STATUS_OK)
		st = policy_meta_set(txn, AUDIT_META_ARCHIVED, num);
	if (st == STATUS_OK)
		st = audit_append(txn, actor, audit_role(actor,
		    ACT_AUDIT_EXPORT), ACT_AUDIT_EXPORT, REC_AUDIT, a->upto,
		    AUDIT_OK, detail);
	free(detail);
	return st;
}

static void
audit_archive_quiet(const char *line, void *arg)
{
	(void) line;
	(void) arg;
}

/* Refusals found in the read transaction, in the order they are told:
 * retention (audited as a refusal), nothing left to archive. */
static enum status
audit_archive_refusal(struct session *s, struct audit_archive_args *a)
{
	enum status st;

	if (a->young != 0) {
		st = audit_session_run(s, ACT_AUDIT_EXPORT, STORE_WRITE,
		    audit_archive_refused_txn, a, REC_AUDIT, a->upto,
		    a->medium);
		return st == STATUS_OK ? STATUS_AUDIT_RETENTION : st;
	}
	if (a->upto < a->from)
		return session_audit_failure(s, ACT_AUDIT_EXPORT, REC_AUDIT,
		    a->upto, STATUS_INVALID, "already archived");
	return STATUS_OK;
}

/* The file on the medium, then the transaction that deletes. */
static enum status
audit_archive_commit(struct session *s, struct audit_archive_args *a)
{
	char *base;
	enum status st;

	base = xasprintf("eseal-audit-archive-%" PRIu64 "-%" PRIu64, a->from,
	    a->upto);
	st = audit_medium_write(a->medium, base, ".txt", a->content.data,
	    a->content.len, &a->where);
	free(base);
	if (st != STATUS_OK)
		return session_audit_failure(s, ACT_AUDIT_EXPORT, REC_AUDIT,
		    a->upto, st, a->medium);
	return audit_session_run(s, ACT_AUDIT_EXPORT, STORE_WRITE,
	    audit_archive_write_txn, a, REC_AUDIT, a->upto, a->medium);
}

enum status
audit_archive_as(struct session *s, uint64_t upto, const char *medium,
    char **where)
{
	struct audit_archive_args a;
	struct audit_filter all;
	uint64_t bad = 0;
	enum status st;

	if (where != NULL)
		*where = NULL;
	if (medium == NULL)
		return STATUS_INVALID;
	memset(&a, 0, sizeof a);
	audit_sel_init(&a.sel, NULL, &all);
	buf_init(&a.content);
	a.upto = upto;
	a.medium = medium;

	st = audit_session_run(s, ACT_AUDIT_EXPORT, STORE_READ,
	    audit_archive_read_txn, &a, REC_AUDIT, upto, medium);
	if (st == STATUS_OK)
		st = audit_archive_refusal(s, &a);
	if (st != STATUS_OK || a.young != 0)
		goto out;
	if (audit_verify(s->store, audit_archive_quiet, NULL, &bad) !=
	    STATUS_OK) {
		st = session_audit_failure(s, ACT_AUDIT_EXPORT, REC_AUDIT, bad,
		    STATUS_AUDIT_BROKEN, "archive: the trail does not verify");
		goto out;
	}
	st = audit_archive_commit(s, &a);
	if (st == STATUS_OK && where != NULL) {
		*where = a.where;
		a.where = NULL;
	}
out:
	log_info("audit: archive up to %" PRIu64 " to medium %s: %s", upto,
	    medium, status_name(st));
	free(a.where);
	audit_sel_clear(&a.sel);
	buf_free(&a.content);
	return st;
}

/* -- Reading an archive record back ---------------------------------------- */

int
audit_archive_anchor(const struct rec_audit *e, uint64_t *upto,
    unsigned char last[AUDIT_HASH_LEN])
{
	const size_t tail = strlen(AUDIT_ARCHIVE_LAST) + 2 * AUDIT_HASH_LEN;
	unsigned char *bin = NULL;
	uint64_t from = 0;
	size_t n, len = 0;
	int ok;

	if (e->action != ACT_AUDIT_CHECKPOINT || e->detail == NULL ||
	    sscanf(e->detail, "archive of entries %" SCNu64 "..%" SCNu64,
	    &from, upto) != 2 || *upto < from)
		return 0;
	n = strlen(e->detail);
	if (n < tail || strncmp(e->detail + n - tail, AUDIT_ARCHIVE_LAST,
	    strlen(AUDIT_ARCHIVE_LAST)) != 0)
		return 0;
	ok = crypto_unhex(e->detail + n - 2 * AUDIT_HASH_LEN, &bin, &len) ==
	    STATUS_OK && len == AUDIT_HASH_LEN;
	if (ok)
		memcpy(last, bin, AUDIT_HASH_LEN);
	free(bin);
	return ok;
}
