/*
 * schema.c -- the schema version of a workspace and the path that brings
 * an older workspace up to this program's version.
 *
 * The version is stored in control.db.  A workspace written by a newer
 * program is refused (STATUS_SCHEMA_NEWER), since an older program could
 * not keep its invariants.  An older one is upgraded when it is opened
 * for writing, step by step (N to N + 1, from the table below), all steps
 * and the new version in one transaction: a crash or a failing step leaves
 * the workspace exactly as it was.  Opened read-only, an older workspace
 * gives STATUS_SCHEMA_OLDER.
 *
 * Version 1 is the first.  A step may rewrite records through store_put (which keeps their index
 * entries right), and must call index_rebuild() for every index the new
 * version adds or changes: store_open_dbs has already created the files
 * the new version adds, empty.  So adding an index (a rec_KIND.c table
 * entry and an enum store_index name) means a new schema version whose
 * step rebuilds it, or workspaces made before would be refused for the
 * missing file.  Tests add steps through store_test_schema().
 */
#include <config.h>

#include <stdlib.h>

#include "store/store_int.h"
#include "store/store_test.h"
#include "util/testhook.h"

/* Version 2: the search index of titles and numbers (grams.c). */
static enum status
schema_1_to_2(struct store_txn *t)
{
	return index_rebuild(t, IDX_DOC_GRAM);
}

/* Version 3: a document's applications by document (docview.c read
 * every application to find one document's, which made generating and
 * viewing documents slower the more applications the workspace held). */
static enum status
schema_2_to_3(struct store_txn *t)
{
	return index_rebuild(t, IDX_APPLICATION_DOC);
}

/* Version 4: the counts of documents per state (counts.c), so that the
 * inbox's counts of documents to seal and to print are one read each
 * instead of a walk of every document waiting. */
static enum status
schema_3_to_4(struct store_txn *t)
{
	return counts_rebuild(t, IDX_DOC_STATE);
}

/* Version 5: the approver's indexes (steps.c): each document in
 * approval filed under its step and its approvers so far, with a count
 * per step, so that the approver's inbox count is a few reads instead of
 * a walk of every document waiting with its chain and approvals. */
static enum status
schema_4_to_5(struct store_txn *t)
{
	static const enum store_index added[] = { IDX_DOC_STEP,
	    IDX_DOC_OWN_STEP, IDX_DOC_ACTED1, IDX_DOC_ACTED2, IDX_DOC_ACTED3 };
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 0; i < sizeof added / sizeof added[0] && rc == STATUS_OK;
	    i++)
		rc = index_rebuild(t, added[i]);
	if (rc == STATUS_OK)
		rc = counts_rebuild(t, IDX_DOC_STEP);
	if (rc == STATUS_OK)
		rc = steps_refill(t);
	return rc;
}

/* Version 6: the daily totals of the summary (daysum.c), computed by
 * the core's rebuild, so that a period's summary reads its days' totals
 * instead of every document changed since the period began. */
static enum status
schema_5_to_6(struct store_txn *t)
{
	return daysum_upgrade(t);
}

static const struct store_upgrade schema_steps[] = {
	{ 1, schema_1_to_2, "the search index of titles and numbers" },
	{ 2, schema_2_to_3, "the index of applications by document" },
	{ 3, schema_3_to_4, "the counts of documents per state" },
	{ 4, schema_4_to_5, "the approver's indexes of documents in approval" },
	{ 5, schema_5_to_6, "the daily totals of the summary" },
	{ 0, NULL, NULL }
};

static unsigned schema_test_version;
static const struct store_upgrade *schema_test_steps;
static unsigned schema_test_nsteps;

void
store_test_schema(unsigned version, const struct store_upgrade *steps,
    unsigned nsteps)
{
	schema_test_version = version;
	schema_test_steps = steps;
	schema_test_nsteps = nsteps;
}

/* ESEAL_TEST_SCHEMA (test builds only) makes a program of an older
 * schema, so that a shell test can make a workspace an upgrade finds. */
unsigned
schema_current(void)
{
	const char *v = testhook_env("ESEAL_TEST_SCHEMA");
	unsigned long n;

	if (schema_test_version != 0)
		return schema_test_version;
	n = v != NULL ? strtoul(v, NULL, 10) : 0;
	return n >= 1 && n < STORE_SCHEMA_VERSION ? (unsigned) n :
	    STORE_SCHEMA_VERSION;
}

static const struct store_upgrade *
schema_step_from(unsigned from)
{
	const struct store_upgrade *s;
	unsigned i;

	for (i = 0; i < schema_test_nsteps; i++)
		if (schema_test_steps[i].from == from)
			return &schema_test_steps[i];
	for (s = schema_steps; s->run != NULL; s++)
		if (s->from == from)
			return s;
	return NULL;
}

static enum status
schema_run_steps(struct store_txn *t, unsigned from, unsigned to)
{
	const struct store_upgrade *step;
	enum status rc = STATUS_OK;
	unsigned v;

	for (v = from; v < to && rc == STATUS_OK; v++) {
		if ((step = schema_step_from(v)) == NULL) {
			log_error("store: no upgrade from schema %u", v);
			return STATUS_SCHEMA_OLDER;
		}
		log_info("store: upgrading schema %u to %u: %s", v, v + 1,
		    step->what);
		rc = step->run(t);
	}
	if (rc == STATUS_OK && t->dberr == 0)
		rc = control_put_schema(t, to);
	return rc;
}

/* Called by store_open with the workspace lock held, so nothing else is
 * in the environment. */
enum status
schema_upgrade(struct store *st)
{
	struct store_txn t = { st, NULL, STORE_WRITE, 0 };
	unsigned to = schema_current();
	enum status rc;
	int ret;

	ret = st->env->txn_begin(st->env, NULL, &t.txn, DB_TXN_NOWAIT);
	if (ret != 0)
		return env_fail(ret, "upgrading", st->home);
	rc = schema_run_steps(&t, st->schema, to);
	if (rc != STATUS_OK || t.dberr != 0) {
		t.txn->abort(t.txn);
		log_error("store: the upgrade of %s failed; it is unchanged",
		    st->home);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0)
		return env_fail(ret, "upgrading", st->home);
	log_info("store: %s upgraded from schema %u to %u", st->home,
	    st->schema, to);
	st->schema = to;
	env_checkpoint(st, 1);
	return STATUS_OK;
}

static enum status
schema_read(struct store_txn *t, void *arg)
{
	return control_get_schema(t, arg);
}

enum status
store_schema_version(struct store *st, unsigned *version)
{
	return store_run(st, STORE_READ, schema_read, version);
}
