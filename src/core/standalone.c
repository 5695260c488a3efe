/*
 * standalone.c -- the office's side of a standalone seal before it
 * leaves: the clerk's application, the two directors' decisions, and
 * the lists (standalone.h has the way from PENDING to DONE).
 *
 * The application is a REC_APPLICATION of kind APP_STANDALONE: the seal,
 * the designated person (subject_id), the station, the purpose
 * (reason), the period and the uses (count).  decided_by holds the
 * station director's approval and decided_by2 the office director's;
 * the application is APPROVED only when both are there.
 *
 * The period holds both its ends: a use at the very second of PERIOD_TO
 * is allowed, and an until-date typed without a time means the end of
 * that day, as the screens show it (standalone_time_parse).
 *
 * It must not touch a key: issuing is standalone_issue.c's.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/seal_private.h"
#include "core/standalone.h"

struct sa_op {
	struct session			*s;
	const struct standalone_spec	*spec;
	char				*purpose;
	uint64_t			 id;
	int				 approve;
	enum action			 act;
	char				 detail[512];
};

/* -- Applying -------------------------------------------------------------- */

static enum status
sa_apply_check(struct store_txn *txn, const struct standalone_spec *sp,
    const struct rec_seal *seal, struct rec_user *person,
    struct rec_dept *station)
{
	enum status st;

	if (seal->status != SEAL_ACTIVE)
		return STATUS_SEAL_INACTIVE;
	/* One reason per limit, so that the clerk knows what to change. */
	if (sp->from >= sp->to || sp->to < clock_now())
		return STATUS_SA_PERIOD;
	if (sp->from < seal->valid_from || sp->to > seal->valid_to)
		return STATUS_SA_PERIOD_SEAL;
	if (sp->uses == 0 || sp->uses > STANDALONE_USES_MAX)
		return STATUS_SA_USES;
	if ((st = store_get_by_name(txn, IDX_USER_NAME, sp->person, person)) !=
	    STATUS_OK)
		return st;
	if (person->disabled || (person->roles & ROLE_ADMIN_MASK))
		return STATUS_SA_PERSON_STATION;
	if ((st = store_get(txn, REC_DEPT, person->dept_id, station)) !=
	    STATUS_OK)
		return st == STATUS_NOT_FOUND ? STATUS_SA_PERSON_STATION : st;
	/* The person belongs to the station the seal goes to. */
	return station->is_station && strcmp(station->name, sp->station) == 0 ?
	    STATUS_OK : STATUS_SA_PERSON_STATION;
}

static enum status
sa_apply_apply(struct store_txn *txn, struct sa_op *op,
    const struct rec_user *actor)
{
	const struct standalone_spec *sp = op->spec;
	struct rec_application a;
	struct rec_user person;
	struct rec_dept station;
	struct rec_seal seal;
	enum status st;

	memset(&person, 0, sizeof person);
	memset(&station, 0, sizeof station);
	if ((st = seal_find(txn, sp->regno, &seal)) != STATUS_OK)
		return st;
	if ((st = sa_apply_check(txn, sp, &seal, &person, &station)) !=
	    STATUS_OK)
		goto out;
	memset(&a, 0, sizeof a);
	a.kind = APP_STANDALONE;
	a.state = APP_PENDING;
	a.seal_id = seal.id;
	a.applicant_id = actor->id;
	a.subject_id = person.id;
	a.station_id = station.id;
	a.count = sp->uses;
	a.reason = op->purpose;
	a.period_from = sp->from;
	a.period_to = sp->to;
	a.created = clock_now();
	st = store_put(txn, REC_APPLICATION, &a);
	op->id = a.id;
	snprintf(op->detail, sizeof op->detail, "standalone %" PRIu64 " of "
	    "seal %s applied for %s at %s, %" PRIu32 " uses: %s", a.id,
	    seal.regno, person.name, station.name, sp->uses, op->purpose);
out:
	rec_free(REC_DEPT, &station);
	rec_free(REC_USER, &person);
	rec_free(REC_SEAL, &seal);
	return st;
}

/* -- Deciding -------------------------------------------------------------- */

/* Which approval ACTOR gives: 1 the station director's, 2 the office
 * director's, 0 none left to give. */
static int
sa_decide_slot(const struct rec_application *a, const struct rec_user *actor)
{
	if ((actor->roles & ROLE_STATION_DIRECTOR) &&
	    actor->dept_id == a->station_id && a->decided_by == 0)
		return 1;
	if ((actor->roles & ROLE_OFFICE_DIRECTOR) && a->decided_by2 == 0)
		return 2;
	return 0;
}

static enum status
sa_decide_apply(struct store_txn *txn, struct sa_op *op,
    const struct rec_user *actor)
{
	struct rec_application a;
	enum status st;
	int slot;

	if ((st = store_get(txn, REC_APPLICATION, op->id, &a)) != STATUS_OK)
		return st;
	if (a.kind != APP_STANDALONE || a.state != APP_PENDING)
		st = STATUS_STATE;
	else if (actor->id == a.applicant_id || actor->id == a.subject_id)
		st = STATUS_SELF_APPROVAL;
	else if ((slot = sa_decide_slot(&a, actor)) == 0)
		st = (actor->roles & (ROLE_STATION_DIRECTOR |
		    ROLE_OFFICE_DIRECTOR)) ? STATUS_STATE : STATUS_DENIED;
	if (st != STATUS_OK)
		goto out;
	*(slot == 1 ? &a.decided_by : &a.decided_by2) = actor->id;
	a.decided = clock_now();
	if (!op->approve)
		a.state = APP_DENIED;
	else if (a.decided_by != 0 && a.decided_by2 != 0)
		a.state = APP_APPROVED;
	st = store_put(txn, REC_APPLICATION, &a);
	snprintf(op->detail, sizeof op->detail, "standalone %" PRIu64
	    " %s by the %s director%s%s", op->id, op->approve ? "approved" :
	    "denied", slot == 1 ? "station" : "office", op->purpose != NULL ?
	    ": " : "", op->purpose != NULL ? op->purpose : "");
out:
	rec_free(REC_APPLICATION, &a);
	return st;
}

static enum status
sa_one_txn(struct store_txn *txn, void *arg)
{
	struct sa_op *op = arg;
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, op->act, &actor)) != STATUS_OK)
		return st;
	st = op->act == ACT_STANDALONE ? sa_apply_apply(txn, op, &actor) :
	    sa_decide_apply(txn, op, &actor);
	if (st == STATUS_OK)
		st = audit_append(txn, &actor, perm_acting_role(&actor,
		    op->act), op->act, REC_APPLICATION, op->id, AUDIT_OK,
		    op->detail);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
sa_finish(struct sa_op *op, enum status st)
{
	if (st != STATUS_OK)
		st = session_audit_failure(op->s, op->act, REC_APPLICATION,
		    op->id, st, op->detail);
	free(op->purpose);
	return st;
}

static int
sa_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t")] == '\0';
}

enum status
standalone_apply(struct session *s, const struct standalone_spec *spec,
    uint64_t *id)
{
	struct sa_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.spec = spec;
	op.act = ACT_STANDALONE;
	snprintf(op.detail, sizeof op.detail, "standalone seal %s for %s",
	    spec->regno, spec->person);
	if (sa_blank(spec->purpose))
		return sa_finish(&op, STATUS_REASON_REQUIRED);
	op.purpose = text_sanitize(spec->purpose, strlen(spec->purpose), 0);
	st = store_run(s->store, STORE_WRITE, sa_one_txn, &op);
	if (st == STATUS_OK && id != NULL)
		*id = op.id;
	return sa_finish(&op, st);
}

enum status
standalone_decide(struct session *s, uint64_t id, int approve,
    const char *reason)
{
	struct sa_op op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.id = id;
	op.approve = approve;
	op.act = ACT_APP_DECIDE;
	snprintf(op.detail, sizeof op.detail, "standalone %" PRIu64, id);
	if (!sa_blank(reason))
		op.purpose = text_sanitize(reason, strlen(reason), 0);
	if (!approve && op.purpose == NULL)
		return sa_finish(&op, STATUS_REASON_REQUIRED);
	return sa_finish(&op, store_run(s->store, STORE_WRITE, sa_one_txn,
	    &op));
}

/* -- Lists ----------------------------------------------------------------- */

struct sa_list {
	const struct rec_user	*actor;		/* pending ones only */
	struct rec_application	*v;
	size_t			 n;
};

static int
sa_list_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct sa_list *l = arg;
	struct rec_application *c;

	if (l->actor != NULL && (a->state != APP_PENDING ||
	    l->actor->id == a->applicant_id || l->actor->id == a->subject_id ||
	    sa_decide_slot(a, l->actor) == 0))
		return 0;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	c = &l->v[l->n++];
	*c = *a;
	c->reason = xstrdup(a->reason != NULL ? a->reason : "");
	return 0;
}

struct sa_list_op {
	struct session		*s;
	int			 pending;
	struct sa_list		 l;
	int			 names;		/* standalone_items() */
	struct standalone_item	*items;
};

static char *
sa_name(struct store_txn *txn, enum rec_kind kind, uint64_t id, int full)
{
	union { struct rec_user u; struct rec_dept d; struct rec_seal s; } r;
	char *name = NULL;

	memset(&r, 0, sizeof r);
	if (store_get(txn, kind, id, &r) == STATUS_OK) {
		if (kind == REC_USER)
			name = xstrdup(full ? (r.u.full_name != NULL ?
			    r.u.full_name : "") : r.u.name);
		else if (kind == REC_DEPT)
			name = xstrdup(r.d.name);
		else
			name = xstrdup(r.s.regno);
		rec_free(kind, &r);
	}
	return name != NULL ? name : xstrdup("-");
}

/* The names of the listed applications, in the same transaction. */
static void
sa_list_names(struct store_txn *txn, struct sa_list_op *op)
{
	struct standalone_item *it;
	size_t i;

	op->items = xcalloc(op->l.n + 1, sizeof *op->items);
	for (i = 0; i < op->l.n; i++) {
		it = &op->items[i];
		it->regno = sa_name(txn, REC_SEAL, op->l.v[i].seal_id, 0);
		it->person = sa_name(txn, REC_USER, op->l.v[i].subject_id, 0);
		it->person_name = sa_name(txn, REC_USER,
		    op->l.v[i].subject_id, 1);
		it->station = sa_name(txn, REC_DEPT, op->l.v[i].station_id, 0);
	}
}

static enum status
sa_list_txn(struct store_txn *txn, void *arg)
{
	struct sa_list_op *op = arg;
	struct store_range r = { 1, { APP_STANDALONE, 0, 0 }, 0, UINT64_MAX };
	struct rec_user actor;
	enum status st;

	if ((st = session_authorize(txn, op->s, op->pending ? ACT_APP_DECIDE :
	    ACT_SEAL_READ, &actor)) != STATUS_OK)
		return st;
	op->l.actor = op->pending ? &actor : NULL;
	/* What a retried run had gathered. */
	standalone_items_free(op->items, op->l.n);
	standalone_list_free(op->l.v, op->l.n);
	op->items = NULL;
	op->l.v = NULL;
	op->l.n = 0;
	st = store_scan(txn, IDX_APPLICATION_KIND, &r, 0, sa_list_each,
	    &op->l);
	if (st == STATUS_OK && op->names)
		sa_list_names(txn, op);
	rec_free(REC_USER, &actor);
	return st;
}

static enum status
sa_list_run(struct session *s, int pending, struct rec_application **v,
    size_t *n)
{
	struct sa_list_op op;
	enum status st;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.pending = pending;
	st = store_run(s->store, STORE_READ, sa_list_txn, &op);
	if (st != STATUS_OK) {
		standalone_list_free(op.l.v, op.l.n);
		op.l.v = NULL;
		op.l.n = 0;
	}
	*v = op.l.v;
	*n = op.l.n;
	return st;
}

enum status
standalone_list(struct session *s, struct rec_application **v, size_t *n)
{
	return sa_list_run(s, 0, v, n);
}

enum status
standalone_pending(struct session *s, struct rec_application **v, size_t *n)
{
	return sa_list_run(s, 1, v, n);
}

enum status
standalone_items(struct session *s, int pending, struct standalone_item **v,
    size_t *n)
{
	struct sa_list_op op;
	enum status st;
	size_t i;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.pending = pending;
	op.names = 1;
	st = store_run(s->store, STORE_READ, sa_list_txn, &op);
	*v = NULL;
	*n = 0;
	if (st == STATUS_OK) {
		for (i = 0; i < op.l.n; i++)
			op.items[i].app = op.l.v[i];
		free(op.l.v);
		*v = op.items;
		*n = op.l.n;
		return STATUS_OK;
	}
	standalone_items_free(op.items, op.l.n);
	standalone_list_free(op.l.v, op.l.n);
	return st;
}

void
standalone_items_free(struct standalone_item *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		rec_free(REC_APPLICATION, &v[i].app);
		free(v[i].regno);
		free(v[i].person);
		free(v[i].person_name);
		free(v[i].station);
	}
	free(v);
}

void
standalone_list_free(struct rec_application *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_APPLICATION, &v[i]);
	free(v);
}

int
standalone_inbox_wants(const struct rec_application *a,
    const struct rec_user *user, int64_t now)
{
	if (a->kind != APP_STANDALONE)
		return 0;
	if (a->state == APP_PENDING)
		return user->id != a->applicant_id &&
		    user->id != a->subject_id && sa_decide_slot(a, user) != 0;
	return standalone_is_overdue(a, now) &&
	    (user->roles & (ROLE_CLERK | ROLE_OFFICE_DIRECTOR)) != 0;
}

int
standalone_is_overdue(const struct rec_application *a, int64_t now)
{
	return a->kind == APP_STANDALONE && a->state == APP_ISSUED &&
	    a->period_to < now;
}

static int
sa_overdue_each(const void *rec, void *arg)
{
	uint32_t *n = arg;

	if (standalone_is_overdue(rec, clock_now()))
		(*n)++;
	return 0;
}

static enum status
sa_overdue_txn(struct store_txn *txn, void *arg)
{
	struct store_range r = { 2, { APP_ISSUED, APP_STANDALONE, 0 }, 0,
		UINT64_MAX };

	return store_scan(txn, IDX_APPLICATION_STATE, &r, 0, sa_overdue_each,
	    arg);
}

enum status
standalone_overdue(struct store *st, uint32_t *n)
{
	*n = 0;
	return store_run(st, STORE_READ, sa_overdue_txn, n);
}

const char *
standalone_state_name(const struct rec_application *a, int64_t now)
{
	static const char *const names[] = {
		"pending", "approved", "denied", "returned", "cancelled",
		"issued"
	};

	if (standalone_is_overdue(a, now))
		return "overdue";
	if (a->state == APP_DONE && a->tampered != 0)
		return "tampered";
	return a->state < sizeof names / sizeof names[0] ? names[a->state] :
	    "?";
}

enum status
standalone_time_parse(const char *text, int until, int64_t *t)
{
	struct tm tm;
	const char *end;
	char *stop;
	int whole_day = 0;

	if (text == NULL)
		return STATUS_INVALID;
	if (text[0] == '@') {
		*t = strtoll(text + 1, &stop, 10);
		return *stop == '\0' && stop != text + 1 ? STATUS_OK :
		    STATUS_INVALID;
	}
	memset(&tm, 0, sizeof tm);
	if ((end = strptime(text, "%Y-%m-%d %H:%M", &tm)) == NULL) {
		memset(&tm, 0, sizeof tm);
		end = strptime(text, "%Y-%m-%d", &tm);
		whole_day = 1;
	}
	if (end == NULL || *end != '\0')
		return STATUS_INVALID;

	/* A date alone is the whole day: until its last second. */
	if (until && whole_day) {
		tm.tm_hour = 23;
		tm.tm_min = 59;
		tm.tm_sec = 59;
	}
	tm.tm_isdst = -1;
	*t = (int64_t) mktime(&tm);
	return STATUS_OK;
}
