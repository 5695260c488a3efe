/*
 * maint.c -- the system administrator's upkeep of the workspace's files
 * (maint.h): who may, and the audit entry.
 *
 * The compaction itself runs outside any transaction of ours (the store
 * works a part at a time under the workspace lock), so the right is
 * checked in one transaction before it and the entry written in another
 * after it, with the bytes before and after.  Must not compact anything
 * itself: that is the store's.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/maint.h"
#include "core/perm.h"
#include "util/util.h"

struct maint_run {
	struct session	*s;
	store_compact_fn report;	/* the caller's */
	void		*arg;
	uint64_t	 before;	/* bytes, all files */
	uint64_t	 after;
	unsigned	 files;
	enum status	 result;	/* of the compaction */
};

/* Before: may the session's user compact? */
static enum status
maint_allowed_txn(struct store_txn *txn, void *arg)
{
	struct maint_run *m = arg;
	struct rec_user actor;
	enum status rc;

	rc = session_authorize(txn, m->s, ACT_COMPACT, &actor);
	if (rc == STATUS_OK)
		rec_free(REC_USER, &actor);
	return rc;
}

/* After: the entry, with what was given back. */
static enum status
maint_audit_txn(struct store_txn *txn, void *arg)
{
	struct maint_run *m = arg;
	struct rec_user actor;
	enum status rc;
	char *detail;

	if ((rc = session_authorize(txn, m->s, ACT_COMPACT, &actor)) !=
	    STATUS_OK)
		return rc;
	detail = xasprintf("%u files compacted: %" PRIu64 " bytes before, %"
	    PRIu64 " after%s%s", m->files, m->before, m->after,
	    m->result != STATUS_OK ? "; stopped: " : "",
	    m->result != STATUS_OK ? status_name(m->result) : "");
	rc = audit_append(txn, &actor, perm_acting_role(&actor, ACT_COMPACT),
	    ACT_COMPACT, REC_META, 0, m->result == STATUS_OK ? AUDIT_OK :
	    AUDIT_FAILED, detail);
	free(detail);
	rec_free(REC_USER, &actor);
	return rc;
}

static void
maint_count(const struct store_compacted *c, void *arg)
{
	struct maint_run *m = arg;

	m->before += c->before;
	m->after += c->after;
	m->files++;
	if (m->report != NULL)
		m->report(c, m->arg);
}

enum status
maint_compact(struct session *s, unsigned passes, store_compact_fn report,
    void *arg)
{
	struct maint_run m;
	enum status rc;

	memset(&m, 0, sizeof m);
	m.s = s;
	m.report = report;
	m.arg = arg;
	if (s == NULL)
		return STATUS_DENIED;
	rc = store_run(s->store, STORE_READ, maint_allowed_txn, &m);
	if (rc != STATUS_OK)
		return session_audit_failure(s, ACT_COMPACT, REC_META, 0, rc,
		    "workspace not compacted");

	m.result = store_compact(s->store, passes, maint_count, &m);
	log_info("%s by %s: %" PRIu64 " bytes to %" PRIu64,
	    action_name(ACT_COMPACT), s->name, m.before, m.after);
	rc = store_run(s->store, STORE_WRITE, maint_audit_txn, &m);
	if (rc != STATUS_OK)
		return session_audit_failure(s, ACT_COMPACT, REC_META, 0, rc,
		    "workspace compacted, entry not written");
	return m.result;
}
