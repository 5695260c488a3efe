/*
 * steps.c -- the fields a document in approval is filed under, kept by
 * the store at every put of a document: the step it waits at
 * (rec_doc.waits_for, STORE_DOC_STEP) and the approvers of its current
 * version so far (acted1..3), all derived from the document's own
 * records, so that whatever path moves a document the approver's indexes
 * (IDX_DOC_STEP and its neighbours) and their counts stay exact, and an
 * upgrade computes them for documents stored before them.
 *
 * This file decides no rule: who may act at a step is the core's
 * (chain.c), read from the current settings when an inbox is counted.
 * It must not read anything but the document's versions and approvals.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* The line of a version's fields that adds the leader in charge's step
 * (the core's doc.c writes it, wfop_chain reads it). */
#define STEPS_LEADER_KEY	"leader-in-charge"

struct steps_scan {
	uint32_t	 version;
	int		 leader;
	uint64_t	 acted[3];
	unsigned	 nacted;
};

/* Does FIELDS hold the line "leader-in-charge: yes", read as the core
 * reads it (spaces after the colon skipped, the rest up to the end of
 * the line compared)? */
static int
steps_leader(const char *fields)
{
	size_t klen = strlen(STEPS_LEADER_KEY);
	const char *p = fields, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, '\n');
		if (strncmp(p, STEPS_LEADER_KEY, klen) == 0 && p[klen] == ':') {
			for (p += klen + 1; *p == ' '; p++)
				continue;
			if (end == NULL)
				return strcmp(p, "yes") == 0;
			return end - p == 3 && strncmp(p, "yes", 3) == 0;
		}
		p = end != NULL ? end + 1 : NULL;
	}
	return 0;
}

static int
steps_version_each(const void *rec, void *arg)
{
	const struct rec_version *v = rec;
	struct steps_scan *sc = arg;

	sc->leader = steps_leader(v->fields != NULL ? v->fields : "");
	return 1;
}

static int
steps_approval_each(const void *rec, void *arg)
{
	const struct rec_approval *a = rec;
	struct steps_scan *sc = arg;
	unsigned i;

	if (a->version != sc->version || (a->action != APPROVAL_APPROVE &&
	    a->action != APPROVAL_ISSUE))
		return 0;
	for (i = 0; i < sc->nacted; i++)
		if (sc->acted[i] == a->approver_id)
			return 0;
	/* A version in approval has one approval a step below its own,
	 * and a chain has at most 4 steps. */
	if (sc->nacted == 3) {
		log_warn("store: doc %llu version %u has more approvers than "
		    "steps", (unsigned long long) a->doc_id,
		    (unsigned) a->version);
		return 0;
	}
	sc->acted[sc->nacted++] = a->approver_id;
	return 0;
}

enum status
steps_derive(struct store_txn *t, struct rec_doc *d)
{
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct steps_scan sc;
	enum status rc = STATUS_OK;

	memset(&sc, 0, sizeof sc);
	sc.version = d->version;
	if (d->state == DOC_IN_APPROVAL && d->approval_level < 4 &&
	    d->id != 0) {
		r.prefix[0] = d->id;
		r.lo = r.hi = d->version;
		rc = store_scan(t, IDX_VERSION_DOC, &r, 0, steps_version_each,
		    &sc);
		r.lo = 0;
		r.hi = UINT64_MAX;
		if (rc == STATUS_OK)
			rc = store_scan(t, IDX_APPROVAL_DOC, &r, 0,
			    steps_approval_each, &sc);
	}
	if (rc != STATUS_OK)
		return rc;

	d->waits_for = 0;
	if (d->state == DOC_IN_APPROVAL && d->approval_level < 4)
		d->waits_for = STORE_DOC_STEP(d->kind, d->special_number,
		    sc.leader, d->approval_level);
	d->acted1 = sc.acted[0];
	d->acted2 = sc.acted[1];
	d->acted3 = sc.acted[2];
	return STATUS_OK;
}

static int
steps_collect(uint64_t id, void *arg)
{
	struct buf *ids = arg;
	unsigned char be[8];

	buf_put_be64(be, id);
	buf_add(ids, be, sizeof be);
	return 0;
}

/* Put each document in approval again, so steps_derive files it. */
enum status
steps_refill(struct store_txn *t)
{
	struct store_range r = { 1, { DOC_IN_APPROVAL, 0, 0 }, 0, UINT64_MAX };
	enum status rc;
	struct rec_doc d;
	struct buf ids;
	size_t i;

	buf_init(&ids);
	rc = store_scan_keys(t, IDX_DOC_STATE, &r, steps_collect, &ids);
	for (i = 0; rc == STATUS_OK && i + 8 <= ids.len; i += 8) {
		rc = store_get(t, REC_DOC, buf_read_be64(ids.data + i), &d);
		if (rc != STATUS_OK)
			break;
		rc = store_put(t, REC_DOC, &d);
		rec_free(REC_DOC, &d);
	}
	buf_free(&ids);
	return rc;
}
