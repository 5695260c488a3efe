/*
 * register.c -- the registers archived with the summary (Art. 6, 11, 14):
 * seals with their custody history, proxy custody and handovers,
 * standalone-seal use, recalled and destroyed copies, rejections with
 * their reasons; and, for the security administrator alone, the accounts
 * with their password age and lock state (Art. 8).
 *
 * A register lists the period's records, found through time indexes; the
 * seal register lists every seal (the register is the list of seals) and
 * reads each seal's custody records through the seal's own index.  The
 * ids are collected first and the records read after each scan, so no
 * lookup runs inside a scan.  Titles of documents above the reader's
 * clearance are not shown.  Nothing here writes: report_run() appends
 * the one audit entry.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/doc.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/report_private.h"
#include "core/standalone.h"

/* What a register's builder works with. */
struct register_ctx {
	struct store_txn		*txn;
	const struct rec_user		*actor;
	const struct report_period	*p;
	struct report_docs		 docs;
	int64_t				 now;
};

static const char *
register_seal_status(unsigned status)
{
	static const char *const labels[] = {
		N_("active"), N_("suspended"), N_("revoked")
	};

	return status < 3 ? _(labels[status]) : "?";
}

static const char *
register_custody_state(unsigned state)
{
	static const char *const labels[] = {
		N_("requested"), N_("approved"), N_("in custody"),
		N_("handed back"), N_("denied")
	};

	return state < 5 ? _(labels[state]) : "?";
}

/* A proxy custody whose period is over counts as returned then, as the
 * seal register shows it (custody.c ends it at the next use). */
static void
register_custody_ended(struct rec_custody *c, int64_t now)
{
	if (c->kind == CUSTODY_PROXY && c->state == CUSTODY_ACTIVE &&
	    c->period_to < now) {
		c->state = CUSTODY_RETURNED;
		if (c->returned_at == 0)
			c->returned_at = c->period_to;
	}
}

/* -- Ids found by a scan --------------------------------------------------- */

struct register_ids {
	uint64_t	*v;
	size_t		 n;
};

static int
register_id_each(const void *rec, void *arg)
{
	struct register_ids *ids = arg;
	uint64_t id = *(const uint64_t *) rec;	/* every record's id */
	size_t i;

	for (i = 0; i < ids->n; i++)	/* a recall found by both times */
		if (ids->v[i] == id)
			return 0;
	ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof *ids->v);
	ids->v[ids->n++] = id;
	return 0;
}

static int
register_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return x < y ? -1 : x > y;
}

static enum status
register_scan(const struct register_ctx *x, enum store_index idx,
    int prefix, uint64_t value, struct register_ids *ids)
{
	struct store_range r = { 0, { 0, 0, 0 }, 0, 0 };

	r.nprefix = prefix ? 1 : 0;
	r.prefix[0] = value;
	r.lo = (uint64_t) x->p->from;
	r.hi = (uint64_t) x->p->to;
	return store_scan(x->txn, idx, &r, 0, register_id_each, ids);
}

/* -- Seals and custody ----------------------------------------------------- */

static void
register_custody_line(struct register_ctx *x, const struct rec_custody *c,
    struct buf *b)
{
	char d1[20], d2[20], d3[20];
	char *line;

	if (b->len > 0)
		buf_add(b, "; ", 2);
	if (c->kind == CUSTODY_ASSIGN)
		line = xasprintf(_("%s custodian %s"), report_date_text(
		    c->created, d1, sizeof d1), report_docs_user(&x->docs,
		    c->to_user));
	else
		line = xasprintf(_("%s proxy %s for %s, %s to %s, %s"),
		    report_date_text(c->created, d1, sizeof d1),
		    report_docs_user(&x->docs, c->to_user),
		    report_docs_user(&x->docs, c->from_user),
		    report_date_text(c->period_from, d2, sizeof d2),
		    report_date_text(c->period_to, d3, sizeof d3),
		    register_custody_state(c->state));
	buf_add(b, line, strlen(line));
	free(line);
}

/* The custody records of seal SEAL_ID made up to the period's end. */
static enum status
register_custody_of(struct register_ctx *x, uint64_t seal_id,
    struct rec_custody **list, size_t *n)
{
	struct store_range r = { 1, { seal_id, 0, 0 }, 0, 0 };
	struct register_ids ids = { NULL, 0 };
	enum status rc;
	size_t i;

	*list = NULL;
	*n = 0;
	r.hi = (uint64_t) x->p->to;
	rc = store_scan(x->txn, IDX_CUSTODY_SEAL, &r, 0, register_id_each,
	    &ids);
	if (rc == STATUS_OK && ids.n > 0)
		*list = xcalloc(ids.n, sizeof **list);
	for (i = 0; rc == STATUS_OK && i < ids.n; i++) {
		rc = store_get(x->txn, REC_CUSTODY, ids.v[i], &(*list)[i]);
		if (rc == STATUS_OK) {
			register_custody_ended(&(*list)[i], x->now);
			(*n)++;
		}
	}
	free(ids.v);
	return rc;
}

static void
register_custody_free(struct rec_custody *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rec_free(REC_CUSTODY, &list[i]);
	free(list);
}

static enum status
register_seal_row(struct register_ctx *x, struct report_table *t,
    const struct rec_seal *seal)
{
	char from[20], to[20];
	const char *cells[8];
	struct rec_custody *list;
	enum status rc;
	struct buf b;
	size_t n, i;

	if ((rc = register_custody_of(x, seal->id, &list, &n)) != STATUS_OK)
		return rc;
	buf_init(&b);
	for (i = 0; i < n; i++)
		register_custody_line(x, &list[i], &b);
	buf_add_u8(&b, 0);
	cells[0] = seal->regno;
	cells[1] = seal->name;
	cells[2] = seal->owner_body;
	cells[3] = register_seal_status(seal->status);
	cells[4] = report_docs_user(&x->docs, seal->custodian_id);
	cells[5] = report_date_text(seal->valid_from, from, sizeof from);
	cells[6] = report_date_text(seal->valid_to, to, sizeof to);
	cells[7] = (const char *) b.data;
	report_row_add(t, cells);
	buf_free(&b);
	register_custody_free(list, n);
	return STATUS_OK;
}

static enum status
register_seals(struct register_ctx *x, struct report *r)
{
	const char *head[8] = { _("Seal"), _("Seal name"), _("Owning body"),
		_("Status"), _("Custodian"), _("Valid from"), _("Valid to"),
		_("Custody history") };
	struct report_table *t;
	struct rec_seal seal;
	enum status rc = STATUS_OK;
	size_t i;

	t = report_table_add(r, _("Register of seals"), 8, head, NULL);
	for (i = 0; rc == STATUS_OK && i < x->docs.nseals; i++) {
		if ((rc = store_get(x->txn, REC_SEAL, x->docs.seals[i].id,
		    &seal)) != STATUS_OK)
			break;
		rc = register_seal_row(x, t, &seal);
		rec_free(REC_SEAL, &seal);
	}
	return rc;
}

/* Whether proxy custody C had anything happen in the period, or held
 * the seal during it. */
static int
register_custody_in(const struct register_ctx *x, const struct rec_custody *c)
{
	const struct report_period *p = x->p;

#define IN(t)	((t) != 0 && (t) >= p->from && (t) <= p->to)
	if (c->kind != CUSTODY_PROXY)
		return 0;
	if (IN(c->created) || IN(c->handover_to_at) || IN(c->returned_at))
		return 1;
#undef IN
	return (c->state == CUSTODY_ACTIVE || c->state == CUSTODY_RETURNED) &&
	    c->period_from <= p->to && c->period_to >= p->from;
}

static void
register_proxy_row(struct register_ctx *x, struct report_table *t,
    const struct report_seal *seal, const struct rec_custody *c)
{
	char asked[20], from[20], to[20], over[20], back[20], period[48];
	const char *cells[9];

	snprintf(period, sizeof period, "%s – %s",
	    report_date_text(c->period_from, from, sizeof from),
	    report_date_text(c->period_to, to, sizeof to));
	cells[0] = seal->regno;
	cells[1] = report_docs_user(&x->docs, c->from_user);
	cells[2] = report_docs_user(&x->docs, c->to_user);
	cells[3] = report_time_text(c->created, asked, sizeof asked);
	cells[4] = report_docs_user(&x->docs, c->approved_by);
	cells[5] = period;
	cells[6] = report_time_text(c->handover_to_at, over, sizeof over);
	cells[7] = report_time_text(c->returned_at, back, sizeof back);
	cells[8] = register_custody_state(c->state);
	report_row_add(t, cells);
}

static enum status
register_custody(struct register_ctx *x, struct report *r)
{
	const char *head[9] = { _("Seal"), _("Custodian"), _("Proxy"),
		_("Requested"), _("Approved by"), _("Proxy period"),
		_("Handed over"), _("Returned"), _("State") };
	struct report_table *t;
	struct rec_custody *list;
	enum status rc = STATUS_OK;
	size_t i, j, n;

	t = report_table_add(r, _("Proxy custody and handovers"), 9, head,
	    NULL);
	for (i = 0; rc == STATUS_OK && i < x->docs.nseals; i++) {
		rc = register_custody_of(x, x->docs.seals[i].id, &list, &n);
		for (j = 0; rc == STATUS_OK && j < n; j++)
			if (register_custody_in(x, &list[j]))
				register_proxy_row(x, t, &x->docs.seals[i],
				    &list[j]);
		register_custody_free(list, n);
	}
	return rc;
}

/* -- Standalone seals ------------------------------------------------------ */

/* The state as the register words it: an issued seal past its period is
 * overdue, a returned one whose log was altered says so. */
static const char *
register_standalone_state(const struct rec_application *a, int64_t now)
{
	static const struct { const char *name, *label; } labels[] = {
		{ "pending", N_("pending") }, { "approved", N_("approved") },
		{ "denied", N_("denied") }, { "returned", N_("returned") },
		{ "cancelled", N_("cancelled") }, { "issued", N_("issued") },
		{ "overdue", N_("overdue: not returned") },
		{ "tampered", N_("returned, tampered with") }
	};
	const char *name = standalone_state_name(a, now);
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].name, name) == 0)
			return _(labels[i].label);
	return "?";
}

static void
register_standalone_row(struct register_ctx *x, struct report_table *t,
    const struct rec_application *a)
{
	const struct report_seal *seal = report_docs_seal(&x->docs, a->seal_id);
	char asked[20], from[20], to[20], period[48], uses[16], used[16];
	char issued[20], back[20];
	const char *cells[14];
	struct rec_user u;

	memset(&u, 0, sizeof u);
	(void) store_get(x->txn, REC_USER, a->subject_id, &u);
	snprintf(period, sizeof period, "%s – %s",
	    report_date_text(a->period_from, from, sizeof from),
	    report_date_text(a->period_to, to, sizeof to));
	snprintf(uses, sizeof uses, "%u", (unsigned) a->count);
	snprintf(used, sizeof used, "%u", (unsigned) a->uses);
	cells[0] = report_time_text(a->created, asked, sizeof asked);
	cells[1] = seal != NULL ? seal->regno : "-";
	cells[2] = report_docs_dept(&x->docs, a->station_id != 0 ?
	    a->station_id : u.dept_id);
	cells[3] = report_docs_user(&x->docs, a->subject_id);
	cells[4] = report_docs_user(&x->docs, a->applicant_id);
	cells[5] = report_docs_user(&x->docs, a->decided_by);
	cells[6] = report_docs_user(&x->docs, a->decided_by2);
	cells[7] = period;
	cells[8] = uses;
	cells[9] = a->issued_at != 0 ? report_time_text(a->issued_at, issued,
	    sizeof issued) : "";
	cells[10] = a->returned_at != 0 ? used : "";
	cells[11] = a->returned_at != 0 ? report_time_text(a->returned_at,
	    back, sizeof back) : "";
	cells[12] = register_standalone_state(a, x->now);
	cells[13] = a->reason;
	report_row_add(t, cells);
	rec_free(REC_USER, &u);
}

static enum status
register_standalone(struct register_ctx *x, struct report *r)
{
	const char *head[14] = { _("Applied"), _("Seal"), _("Work station"),
		_("Designated user"), _("Applicant"),
		_("Station director"), _("Office director"),
		_("Period of use"), _("Uses"), _("Issued"), _("Uses made"),
		_("Returned"), _("State"), _("Reason") };
	static const unsigned char numeric[14] = { [8] = 1, [10] = 1 };
	struct register_ids ids = { NULL, 0 };
	struct rec_application a;
	struct report_table *t;
	enum status rc;
	size_t i;

	t = report_table_add(r, _("Standalone-seal use"), 14, head, numeric);
	rc = register_scan(x, IDX_APPLICATION_KIND, 1, APP_STANDALONE, &ids);
	for (i = 0; rc == STATUS_OK && i < ids.n; i++) {
		if ((rc = store_get(x->txn, REC_APPLICATION, ids.v[i], &a)) !=
		    STATUS_OK)
			break;
		register_standalone_row(x, t, &a);
		rec_free(REC_APPLICATION, &a);
	}
	free(ids.v);
	return rc;
}

/* -- Recalls and rejections ------------------------------------------------ */

static enum status
register_recall_row(struct register_ctx *x, struct report_table *t,
    const struct rec_recall *c)
{
	char ver[16], copy[16], at1[20], at2[20];
	const struct report_doc *d;
	const char *cells[9];
	enum status rc;

	if ((rc = report_docs_get(&x->docs, c->doc_id, &d)) != STATUS_OK)
		return rc;
	snprintf(ver, sizeof ver, "%u", (unsigned) c->version);
	snprintf(copy, sizeof copy, "%06u", (unsigned) c->copy_no);
	cells[0] = d->number;
	cells[1] = report_doc_title(d, x->actor->clearance);
	cells[2] = ver;
	cells[3] = copy;
	cells[4] = report_docs_user(&x->docs, c->recalled_by);
	cells[5] = report_time_text(c->recalled_at, at1, sizeof at1);
	cells[6] = report_docs_user(&x->docs, c->destroyed_by);
	cells[7] = report_time_text(c->destroyed_at, at2, sizeof at2);
	cells[8] = c->witness;
	if (c->destroyed_by == 0)
		cells[6] = "";
	report_row_add(t, cells);
	return STATUS_OK;
}

static enum status
register_recalls(struct register_ctx *x, struct report *r)
{
	const char *head[9] = { _("Document number"), _("Title"),
		_("Version"), _("Copy number"), _("Recalled by"),
		_("Recalled at"), _("Destroyed by"), _("Destroyed at"),
		_("Witness") };
	static const unsigned char numeric[9] = { [2] = 1, [3] = 1 };
	struct register_ids ids = { NULL, 0 };
	struct report_table *t;
	struct rec_recall c;
	enum status rc;
	size_t i;

	t = report_table_add(r, _("Recalled and destroyed copies"), 9, head,
	    numeric);
	if ((rc = register_scan(x, IDX_RECALL_RECALLED, 0, 0, &ids)) ==
	    STATUS_OK)
		rc = register_scan(x, IDX_RECALL_DESTROYED, 0, 0, &ids);
	if (ids.n > 1)
		qsort(ids.v, ids.n, sizeof *ids.v, register_id_cmp);
	for (i = 0; rc == STATUS_OK && i < ids.n; i++) {
		if ((rc = store_get(x->txn, REC_RECALL, ids.v[i], &c)) !=
		    STATUS_OK)
			break;
		rc = register_recall_row(x, t, &c);
		rec_free(REC_RECALL, &c);
	}
	free(ids.v);
	return rc;
}

static enum status
register_reject_row(struct register_ctx *x, struct report_table *t,
    const struct rec_approval *a)
{
	char at[20], ver[16];
	const struct report_doc *d;
	const char *cells[7];
	enum status rc;

	if ((rc = report_docs_get(&x->docs, a->doc_id, &d)) != STATUS_OK)
		return rc;
	snprintf(ver, sizeof ver, "%u", (unsigned) a->version);
	cells[0] = report_time_text(a->time, at, sizeof at);
	cells[1] = d->number;
	cells[2] = report_doc_title(d, x->actor->clearance);
	cells[3] = ver;
	cells[4] = report_docs_user(&x->docs, a->approver_id);
	/* A sealed version can only have been rejected by the print room
	 * (Flow 3); an unsealed one by the clerk. */
	cells[5] = report_doc_seal_of(d, a->version) != 0 ?
	    _("print room") : _("clerk");
	cells[6] = a->comment;
	report_row_add(t, cells);
	return STATUS_OK;
}

static enum status
register_rejects(struct register_ctx *x, struct report *r)
{
	const char *head[7] = { _("Time"), _("Document number"), _("Title"),
		_("Version"), _("Rejected by"), _("Stage"), _("Reason") };
	static const unsigned char numeric[7] = { [3] = 1 };
	struct register_ids ids = { NULL, 0 };
	struct report_table *t;
	struct rec_approval a;
	enum status rc;
	size_t i;

	t = report_table_add(r, _("Rejections"), 7, head, numeric);
	rc = register_scan(x, IDX_APPROVAL_ACTION, 1, APPROVAL_REJECT, &ids);
	for (i = 0; rc == STATUS_OK && i < ids.n; i++) {
		if ((rc = store_get(x->txn, REC_APPROVAL, ids.v[i], &a)) !=
		    STATUS_OK)
			break;
		rc = register_reject_row(x, t, &a);
		rec_free(REC_APPROVAL, &a);
	}
	free(ids.v);
	return rc;
}

/* -- The registers --------------------------------------------------------- */

static enum status
register_build(struct store_txn *txn, const struct rec_user *actor,
    void *arg, struct report *r)
{
	static enum status (*const fns[])(struct register_ctx *,
	    struct report *) = { register_seals, register_custody,
		register_standalone, register_recalls, register_rejects };
	unsigned which = *(const unsigned *) arg;
	struct register_ctx x;
	enum status rc;
	size_t i;

	memset(&x, 0, sizeof x);
	x.txn = txn;
	x.actor = actor;
	x.p = &r->period;
	x.now = clock_now();
	rc = report_docs_init(&x.docs, txn);
	for (i = 0; rc == STATUS_OK && i < sizeof fns / sizeof fns[0]; i++)
		if (which & (1u << i))
			rc = fns[i](&x, r);
	report_docs_free(&x.docs);
	return rc;
}

enum status
report_registers(struct session *s, const struct report_period *p,
    unsigned which, struct report *out)
{
	which &= REGISTER_ALL;
	if (which == 0)
		which = REGISTER_ALL;
	return report_run(s, ACT_REPORT, REPORT_REGISTERS,
	    _("Registers of seals, custody and copies"), p, register_build,
	    &which, out);
}

/* -- Accounts -------------------------------------------------------------- */

static void
register_account_row(struct register_ctx *x, struct report_table *t,
    const struct policy *pol, const struct rec_user *u)
{
	char roles[256], age[24], expires[20], locked[20], failed[16],
	    created[20];
	const char *cells[11];

	snprintf(age, sizeof age, "%lld", u->pw_changed != 0 ?
	    (long long) ((x->now - u->pw_changed) / 86400) : 0LL);
	snprintf(failed, sizeof failed, "%u", (unsigned) u->failed_logins);
	cells[0] = u->name;
	cells[1] = u->full_name;
	cells[2] = report_docs_dept(&x->docs, u->dept_id);
	cells[3] = perm_roles_format(u->roles, roles, sizeof roles);
	cells[4] = age;
	cells[5] = report_date_text(u->pw_changed != 0 ?
	    policy_expires_at(pol, u->pw_changed) : 0, expires,
	    sizeof expires);
	cells[6] = u->pw_must_change ? _("yes") : "";
	cells[7] = account_is_locked(u, x->now) ? report_time_text(
	    u->locked_until, locked, sizeof locked) : "";
	cells[8] = u->disabled ? _("yes") : "";
	cells[9] = failed;
	cells[10] = report_date_text(u->created, created, sizeof created);
	report_row_add(t, cells);
}

static enum status
register_accounts(struct store_txn *txn, const struct rec_user *actor,
    void *arg, struct report *r)
{
	const char *head[11] = { _("Login"), _("Full name"),
		_("Department"), _("Roles"), _("Password age (days)"),
		_("Password expires"), _("Must change password"),
		_("Locked until"), _("Disabled"), _("Failed logins"),
		_("Created") };
	static const unsigned char numeric[11] = { [4] = 1, [9] = 1 };
	struct register_ids ids = { NULL, 0 };
	struct register_ctx x;
	struct report_table *t;
	struct policy pol;
	struct rec_user u;
	enum status rc;
	size_t i;

	(void) arg;
	memset(&x, 0, sizeof x);
	x.txn = txn;
	x.actor = actor;
	x.now = clock_now();
	x.docs.txn = txn;
	t = report_table_add(r, _("Register of accounts"), 11, head, numeric);
	if ((rc = policy_load(txn, &pol)) == STATUS_OK)
		rc = store_scan(txn, IDX_USER_NAME, NULL, 0,
		    register_id_each, &ids);
	for (i = 0; rc == STATUS_OK && i < ids.n; i++) {
		if ((rc = store_get(txn, REC_USER, ids.v[i], &u)) !=
		    STATUS_OK)
			break;
		register_account_row(&x, t, &pol, &u);
		rec_free(REC_USER, &u);
	}
	free(ids.v);
	report_docs_free(&x.docs);
	return rc;
}

enum status
report_accounts(struct session *s, struct report *out)
{
	struct report_period p;
	char today[20];
	enum status rc;

	report_date_text(clock_now(), today, sizeof today);
	if ((rc = report_period_days(today, today, &p)) != STATUS_OK)
		return rc;
	return report_run(s, ACT_REPORT_ACCOUNTS, REPORT_ACCOUNTS,
	    _("Register of accounts"), &p, register_accounts, NULL, out);
}
