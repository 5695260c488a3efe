/*
 * check.c -- store_check(): verify every database file of a workspace
 * with Berkeley DB's own verifier, then the invariants the store keeps:
 * every record decodes, every record is in each of its indexes and every
 * index entry points to a record whose key it is, no id is above its
 * kind's sequence, every role set is allowed.  The search index is
 * compared with the documents a part at a time as they are read in id
 * order, each once (check_postings.c).
 *
 * It reports each fault and goes on; it never repairs anything (restoring
 * a backup does).  It holds the workspace lock throughout, since the
 * verifier reads the files directly and must not race a writer.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/check_int.h"

void
check_fault(struct check *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	c->faults++;
	log_warn("check: %s", s != NULL ? s : fmt);
	if (c->report != NULL)
		c->report(s != NULL ? s : fmt, c->arg);
	free(s);
}

/* The verifier reports every bad page: count them into the log. */
static struct check *check_current;

static void
check_verify_err(const DB_ENV *env, const char *prefix, const char *msg)
{
	if (check_current != NULL && check_current->verify_lines++ < 20)
		log_info("check: verify: %s", msg);
}

static void
check_verify_msg(const DB_ENV *env, const char *msg)
{
	check_verify_err(env, NULL, msg);
}

/*
 * Read every record of PATH through a private cache: 0 when a page is
 * unreadable.  A cheap first pass, because the verifier, given a page
 * whose checksum fails, spent 8 s of CPU on a 56 KiB file (measured, in
 * __db_vrfy_dbinfo_destroy) before it gave up, while a plain read fails
 * at once.
 */
static int
check_read_file(const char *path)
{
	DB_ENV *env;
	DBT key, data;
	DBC *cur = NULL;
	DB *db = NULL;
	int ret;

	if (db_env_create(&env, 0) != 0)
		return 0;
	env->set_errcall(env, check_verify_err);
	env->set_msgcall(env, check_verify_msg);
	if ((ret = env->set_cachesize(env, 0, 4u << 20, 1)) != 0 ||
	    (ret = env->open(env, NULL, DB_CREATE | DB_PRIVATE |
	    DB_INIT_MPOOL, 0)) != 0 ||
	    (ret = db_create(&db, env, 0)) != 0 ||
	    (ret = db->open(db, NULL, path, NULL, DB_UNKNOWN, DB_RDONLY,
	    0)) != 0 ||
	    (ret = db->cursor(db, NULL, &cur, 0)) != 0)
		goto out;
	store_dbt_init(&key);
	store_dbt_init(&data);
	while ((ret = cur->get(cur, &key, &data, DB_NEXT)) == 0)
		;
out:
	if (cur != NULL)
		cur->close(cur);
	if (db != NULL)
		db->close(db, 0);
	env->close(env, 0);
	return ret == DB_NOTFOUND;
}

/* 1 when FILE is sound. */
static int
check_verify_file(struct check *c, const char *file)
{
	char *path = xasprintf("%s/%s", c->st->home, file);
	struct stat sb;
	DB *db;
	int ret = -1;

	if (stat(path, &sb) != 0) {
		check_fault(c, _("%s: missing"), file);
		goto out;
	}
	if ((ret = db_create(&db, NULL, 0)) != 0) {
		check_fault(c, "%s: %s", file, db_strerror(ret));
		goto out;
	}
	db->set_errcall(db, check_verify_err);
	db->set_msgcall(db, check_verify_msg);
	c->verify_lines = 0;
	check_current = c;
	if (check_read_file(path)) {
		ret = db->verify(db, path, NULL, NULL, 0);	/* frees DB */
	} else {
		db->close(db, 0);
		ret = DB_VERIFY_BAD;
	}
	check_current = NULL;
	if (ret != 0)
		check_fault(c, _("%s: damaged (the verifier found %u problems)"),
		    file, c->verify_lines > 0 ? c->verify_lines : 1);
out:
	free(path);
	return ret == 0;
}

/* Verify every file; the damaged ones are left out of what follows (a
 * damaged page would only panic the environment again).  0 when
 * control.db itself is damaged. */
static int
check_verify_files(struct check *c)
{
	struct store *st = c->st;
	const char *file;
	char *name;
	unsigned i;
	int control = check_verify_file(c, STORE_CONTROL_FILE);

	for (i = 0; i < REC__COUNT; i++) {
		name = xasprintf("%s.db", rec_kind_name((enum rec_kind) i));
		st->kind_damaged[i] = !check_verify_file(c, name);
		free(name);
	}
	for (i = 0; i < IDX__COUNT; i++) {
		file = index_def_of((enum store_index) i)->file;
		st->index_damaged[i] = !check_verify_file(c, file);
	}
	return control;
}

/* -- Records and their indexes ------------------------------------------- */

/* Is REC (id ID) in index D under the key it should have? */
static void
check_entry_of(struct check *c, struct store_txn *t,
    const struct index_def *d, const void *rec, uint64_t id)
{
	DB *db = t->st->index_db[d->idx];
	const unsigned char *p;
	struct buf key;
	DBT k, data;
	size_t len;
	int ret = 0;

	if (db == NULL)
		return;
	if (d->unique_str == INDEX_GRAMS)
		return;		/* a part at a time: check_postings.c */
	buf_init(&key);
	index_key(d, rec, id, &key);
	c->expect[d->idx]++;
	if (d->unique_str == INDEX_UNIQUE && key.len == 0) {
		check_fault(c, _("%s %llu: empty name"),
		    rec_kind_name(d->kind), (unsigned long long) id);
		c->unsure[d->idx] = 1;
		goto out;
	}
	store_dbt_init(&k);
	store_dbt_init(&data);
	index_key_nth(d, &key, 0, &p, &len);
	k.data = (void *) p;
	k.size = (u_int32_t) len;
	ret = db->get(db, t->txn, &k, &data, 0);
	if (ret == 0 && d->unique_str == INDEX_UNIQUE &&
	    (data.size != 8 || buf_read_be64(data.data) != id))
		ret = DB_KEYEXIST;
	if (ret != 0) {
		check_fault(c, _("%s %llu: missing from %s"),
		    rec_kind_name(d->kind), (unsigned long long) id, d->file);
		c->unsure[d->idx] = 1;
	}
out:
	buf_free(&key);
}

/* Is KEY one of the keys index_key() made into WANT? */
static int
check_key_among(const struct index_def *d, const struct buf *want,
    const DBT *key)
{
	const unsigned char *p;
	size_t i, len;

	for (i = 0; i < index_nkeys(d, want); i++) {
		index_key_nth(d, want, i, &p, &len);
		if (len == key->size && memcmp(p, key->data, len) == 0)
			return 1;
	}
	return 0;
}

/* Is document D filed for approval (schema 5: its step and approvers)
 * as its versions and approvals say? */
static void
check_steps(struct check *c, struct store_txn *t, const struct rec_doc *d)
{
	struct rec_doc want = *d;

	if (c->schema < 5 || steps_derive(t, &want) != STATUS_OK)
		return;
	if (want.waits_for != d->waits_for || want.acted1 != d->acted1 ||
	    want.acted2 != d->acted2 || want.acted3 != d->acted3)
		check_fault(c, _("doc %llu: filed for approval at step %u, "
		    "its state, versions and approvals say step %u (or other "
		    "approvers)"), (unsigned long long) d->id,
		    (unsigned) d->waits_for, (unsigned) want.waits_for);
}

static void
check_record(struct check *c, struct store_txn *t,
    const struct rec_type *type, uint64_t id, const DBT *data, uint64_t seq)
{
	union rec_any rec;
	unsigned i;

	if (codec_decode(type, data->data, data->size, &rec) != STATUS_OK) {
		check_fault(c, _("%s %llu: does not decode"), type->name,
		    (unsigned long long) id);
		return;
	}
	memcpy(&rec, &id, sizeof id);
	if (id > seq)
		check_fault(c, _("%s %llu: above its sequence (%llu)"),
		    type->name, (unsigned long long) id,
		    (unsigned long long) seq);
	if (type->validate != NULL && type->validate(&rec) != STATUS_OK)
		check_fault(c, _("%s %llu: breaks a rule of the store (a role "
		    "set that is not allowed)"), type->name,
		    (unsigned long long) id);
	for (i = 0; i < IDX__COUNT; i++)
		if (index_def_of((enum store_index) i)->kind == type->kind)
			check_entry_of(c, t, index_def_of((enum store_index) i),
			    &rec, id);
	if (type->kind == REC_AUDIT)
		check_audtime_entry(c, id, rec.audit.time);
	if (type->kind == REC_DOC) {
		check_steps(c, t, &rec.doc);
		check_grams_doc(c->grams, &rec.doc, id);
	}
	if (type->kind == REC_VERSION && splice_in(t, type, &rec) ==
	    STATUS_CORRUPT)
		check_fault(c, _("version %llu: its seal signature refers to "
		    "bytes of its seal that are not there"),
		    (unsigned long long) id);
	codec_free(type, &rec);
}

static void
check_kind(struct check *c, struct store_txn *t, enum rec_kind kind)
{
	const struct rec_type *type = rec_type_of(kind);
	DB *db = t->st->kind_db[kind];
	DBT key, data;
	uint64_t seq;
	DBC *cur;
	int ret;

	if (db == NULL || control_get_seq(t, kind, &seq, 0) != STATUS_OK)
		return;
	if ((ret = db->cursor(db, t->txn, &cur, 0)) != 0) {
		check_fault(c, "%s.db: %s", type->name, db_strerror(ret));
		return;
	}
	store_dbt_init(&key);
	store_dbt_init(&data);
	if (kind == REC_DOC)
		c->grams = check_grams_begin(c, t);
	while ((ret = cur->get(cur, &key, &data, DB_NEXT)) == 0) {
		if (key.size != 8) {
			check_fault(c, _("%s.db: a key of %u bytes"),
			    type->name, (unsigned) key.size);
			continue;
		}
		check_record(c, t, type, buf_read_be64(key.data), &data, seq);
	}
	if (ret != DB_NOTFOUND)
		check_fault(c, "%s.db: %s", type->name, db_strerror(ret));
	cur->close(cur);
	check_grams_end(c->grams);
	c->grams = NULL;
}

/* Does the entry (KEY, DATA) of index D belong to an existing record
 * whose key it is? */
static void
check_index_entry(struct check *c, struct store_txn *t,
    const struct index_def *d, const DBT *key, const DBT *data)
{
	const struct rec_type *type = rec_type_of(d->kind);
	const int unique = d->unique_str == INDEX_UNIQUE;
	const unsigned char *idp = unique ? data->data :
	    (const unsigned char *) key->data + key->size - 8;
	union rec_any rec;
	struct buf want;
	uint64_t id;

	if ((unique ? data->size : key->size) < 8) {
		check_fault(c, _("%s: a malformed entry"), d->file);
		return;
	}
	id = buf_read_be64(idp);
	if (record_read(t, type, id, &rec, 0) != STATUS_OK) {
		check_fault(c, _("%s: an entry for %s %llu, which is missing or "
		    "damaged"), d->file, type->name, (unsigned long long) id);
		return;
	}
	buf_init(&want);
	index_key(d, &rec, id, &want);
	if (!check_key_among(d, &want, key))
		check_fault(c, _("%s: a stale entry for %s %llu"), d->file,
		    type->name, (unsigned long long) id);
	buf_free(&want);
	codec_free(type, &rec);
}

/*
 * Does index D hold only the entries of its records?  Each record's own
 * entry was found (c->unsure not set), each a key of its own (its id or
 * its unique name in it), so when D holds as many entries as were found
 * it holds nothing else: the count, a walk of the keys alone, answers
 * without reading a record for each entry.  Otherwise each entry is
 * read to name the ones that do not belong.
 */
static int
check_index_exact(struct check *c, struct store_txn *t,
    const struct index_def *d, DB *db)
{
	uint64_t n = 0;
	DBT key, data;
	DBC *cur;
	int ret = 0;

	if (c->unsure[d->idx] || db->cursor(db, t->txn, &cur, 0) != 0)
		return 0;
	store_dbt_init(&key);
	store_dbt_init(&data);
	data.flags = DB_DBT_PARTIAL;	/* keys alone */
	while (n <= c->expect[d->idx] &&
	    (ret = cur->get(cur, &key, &data, DB_NEXT)) == 0)
		n++;
	cur->close(cur);
	return ret == DB_NOTFOUND && n == c->expect[d->idx];
}

/* One entry of the posting lists: well formed and in order (what it
 * says of its document is compared a part at a time, check_postings.c). */
struct check_posting {
	struct check		*c;
	const struct index_def	*d;
};

static void
check_posting_item(const struct postings_item *it, void *arg)
{
	struct check_posting *cp = arg;

	if (it->p == NULL || it->misplaced)
		check_fault(cp->c, it->p == NULL ? _("%s: a malformed entry") :
		    _("%s: an entry out of order"), cp->d->file);
}

static void
check_index(struct check *c, struct store_txn *t, enum store_index idx)
{
	const struct index_def *d = index_def_of(idx);
	struct check_posting cp = { c, d };
	DB *db = t->st->index_db[idx];
	DBT key, data;
	DBC *cur;
	int ret;

	if (db == NULL || t->st->kind_db[d->kind] == NULL)
		return;
	if (d->unique_str == INDEX_GRAMS) {
		if (postings_walk(t, db, check_posting_item, &cp) != STATUS_OK)
			check_fault(c, _("%s: unreadable"), d->file);
		return;
	}
	if (check_index_exact(c, t, d, db))
		return;
	if ((ret = db->cursor(db, t->txn, &cur, 0)) != 0) {
		check_fault(c, "%s: %s", d->file, db_strerror(ret));
		return;
	}
	store_dbt_init(&key);
	store_dbt_init(&data);
	while ((ret = cur->get(cur, &key, &data, DB_NEXT)) == 0)
		check_index_entry(c, t, d, &key, &data);
	if (ret != DB_NOTFOUND)
		check_fault(c, "%s: %s", d->file, db_strerror(ret));
	cur->close(cur);
}

/* Does each count of a counted index agree with the index's entries? */
static void
check_counts(struct check *c, struct store_txn *t, enum store_index idx)
{
	const struct index_def *d = index_def_of(idx);
	uint64_t tally[COUNTS_VALUES], n;
	unsigned v;

	if (!counts_counted(d) || t->st->index_db[idx] == NULL ||
	    counts_tally(t, d, tally) != STATUS_OK)
		return;
	for (v = 0; v < COUNTS_VALUES; v++) {
		if (counts_read(t, d, v, &n) != STATUS_OK)
			check_fault(c, _("%s: the count of %u is unreadable"),
			    d->file, v);
		else if (n != tally[v])
			check_fault(c, _("%s: the count of %u says %llu, the "
			    "index holds %llu"), d->file, v,
			    (unsigned long long) n,
			    (unsigned long long) tally[v]);
	}
}

static enum status
check_invariants_txn(struct store_txn *t, void *arg)
{
	struct check *c = arg;
	unsigned i, schema = 0;

	if (control_get_schema(t, &schema) != STATUS_OK)
		check_fault(c, _("control.db: no readable schema version"));
	else if (schema > schema_current())
		check_fault(c, _("control.db: schema %u is newer than this "
		    "program's %u"), schema, schema_current());
	c->schema = schema;
	for (i = 0; i < REC__COUNT; i++)
		check_kind(c, t, (enum rec_kind) i);
	check_audtime_end(c, t);
	for (i = 0; i < IDX__COUNT; i++)
		check_index(c, t, (enum store_index) i);
	/* An older workspace gets its counts when it is upgraded. */
	for (i = 0; schema >= COUNTS_SCHEMA && i < IDX__COUNT; i++)
		check_counts(c, t, (enum store_index) i);
	return t->dberr != 0 ? env_status(t->dberr) : STATUS_OK;
}

/* Open what can be opened, then one read transaction over everything. */
static enum status
check_invariants(struct check *c)
{
	struct store *st = c->st;
	struct store_txn t = { NULL, NULL, STORE_READ, 0 };
	enum status rc;
	unsigned i;
	int ret;

	rc = store_open_dbs(st, 0);
	for (i = 0; rc == STATUS_RECOVER && i <= REC__COUNT + IDX__COUNT; i++)
		rc = store_reopen(st);
	if (rc == STATUS_SCHEMA_NEWER) {
		check_fault(c, "%s", status_message(rc));
		return STATUS_OK;
	}
	if (rc != STATUS_OK)
		return rc;

	/* Damaged files were reported by the verifier already; the lock is
	 * held, so the transaction is begun here, not by store_run. */
	t.st = st;
	t.mode = STORE_READ;
	ret = st->env->txn_begin(st->env, NULL, &t.txn,
	    DB_READ_COMMITTED | DB_TXN_NOWAIT);
	if (ret != 0)
		return env_fail(ret, "checking", st->home);
	rc = check_invariants_txn(&t, c);
	t.txn->abort(t.txn);
	return rc;
}

static enum status
check_run(struct check *c)
{
	struct store *st = c->st;
	enum status rc;

	if (st->lock.crashed)
		env_remove_regions(st);
	store_prepare(st);
	rc = env_open(st);
	/* A full or read-only disk is no damage: say so, and restore
	 * nothing. */
	if (rc == STATUS_NO_SPACE || rc == STATUS_READ_ONLY ||
	    rc == STATUS_PERM_FS || rc == STATUS_NOMEM)
		return rc;
	if (rc != STATUS_OK) {
		check_fault(c, _("the environment does not open: %s"),
		    status_message(rc));
		(void) check_verify_files(c);
		return STATUS_OK;
	}
	if (env_failchk(st) == STATUS_RECOVER &&
	    (rc = store_reopen(st)) != STATUS_OK)
		return rc;
	env_checkpoint(st, 1);	/* the files must hold every page */
	if (!check_verify_files(c))
		return STATUS_OK;
	return check_invariants(c);
}

enum status
store_check(const char *home, store_report_fn report, void *arg,
    unsigned *faults)
{
	struct check c;
	struct store *st;
	enum status rc;
	int creating;

	*faults = 0;
	if (home == NULL)
		return STATUS_INVALID;
	memset(&c, 0, sizeof c);
	c.report = report;
	c.arg = arg;
	if ((rc = store_check_home(home, 0, &creating)) != STATUS_OK)
		return rc;
	if (store_open_here(home)) {
		log_error("store: close %s before checking it", home);
		return STATUS_INVALID;
	}

	st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	st->flags = STORE_RDONLY | STORE_SALVAGE;
	st->pid = getpid();
	st->lock.fd = -1;
	c.st = st;
	if ((rc = wslock_take(home, &st->lock)) == STATUS_OK)
		rc = check_run(&c);
	store_close_dbs(st);
	env_close(st);
	wslock_release(&st->lock);
	free(st->home);
	free(st);
	*faults = c.faults;
	return rc;
}
