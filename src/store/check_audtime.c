/*
 * check_audtime.c -- store_check's comparison of the audit trail's
 * summary by time (audtime.c) with the entries: as the entries are read
 * in sequence order, the blocks they make and their times are noted
 * (a few bytes a block of entries), and the groups from the blocks; then
 * each row of the summary is compared with them.  A block or group with
 * entries and no row, a row with no entries, and a row whose range
 * leaves out a time of its entries are faults (a search of that time
 * would miss them); a row wider than its entries is not, since deleting
 * archived entries leaves it so.
 *
 * It reports and never repairs, as the rest of check.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/check_int.h"

/* The rows one level of the entries makes, in order. */
struct check_audtime_level {
	struct audtime_block	*v;
	size_t			 n;
	size_t			 cap;
	size_t			 next;	/* the next to compare */
};

struct check_audtime {
	struct check_audtime_level	 level[2];	/* blocks, groups */
	struct check			*c;
};

/* Widen the last row of L to LO..HI when it is row N, or add row N of
 * LEVEL with them (the entries come in sequence order). */
static void
check_audtime_add(struct check_audtime_level *l, unsigned level, uint64_t n,
    int64_t lo, int64_t hi)
{
	struct audtime_block *b = l->n > 0 ? &l->v[l->n - 1] : NULL;

	if (b != NULL && b->block == n) {
		b->lo = lo < b->lo ? lo : b->lo;
		b->hi = hi > b->hi ? hi : b->hi;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	b = &l->v[l->n++];
	b->level = level;
	b->block = n;
	b->lo = lo;
	b->hi = hi;
}

void
check_audtime_entry(struct check *c, uint64_t id, int64_t time)
{
	unsigned i;

	if (c->audtime == NULL) {
		c->audtime = xcalloc(1, sizeof *c->audtime);
		c->audtime->c = c;
	}
	for (i = AUDTIME_BLOCKS; i <= AUDTIME_GROUPS; i++)
		check_audtime_add(&c->audtime->level[i], i,
		    audtime_row_of(i, id), time, time);
}

static void
check_audtime_missing(struct check *c, const struct audtime_block *b)
{
	unsigned long long first = audtime_first_id(b->level, b->block);
	unsigned long long last = audtime_first_id(b->level, b->block + 1) - 1;

	if (b->level == AUDTIME_GROUPS)
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time has no row for group %llu (entries %llu to %llu)"),
		    (unsigned long long) b->block, first, last);
	else
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time has no row for block %llu (entries %llu to %llu)"),
		    (unsigned long long) b->block, first, last);
}

static void
check_audtime_extra(struct check *c, const struct audtime_block *row)
{
	if (row->level == AUDTIME_GROUPS)
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time has a row for group %llu, which holds no entry"),
		    (unsigned long long) row->block);
	else
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time has a row for block %llu, which holds no entry"),
		    (unsigned long long) row->block);
}

static void
check_audtime_narrow(struct check *c, const struct audtime_block *row,
    const struct audtime_block *b)
{
	if (row->level == AUDTIME_GROUPS)
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time gives group %llu the times %lld to %lld, its entries "
		    "have %lld to %lld"), (unsigned long long) row->block,
		    (long long) row->lo, (long long) row->hi,
		    (long long) b->lo, (long long) b->hi);
	else
		check_fault(c, _("control.db: the audit trail's summary by "
		    "time gives block %llu the times %lld to %lld, its entries "
		    "have %lld to %lld"), (unsigned long long) row->block,
		    (long long) row->lo, (long long) row->hi,
		    (long long) b->lo, (long long) b->hi);
}

/* One row of the summary against the rows the entries made. */
static int
check_audtime_row(struct store_txn *t, const struct audtime_block *row,
    void *arg)
{
	struct check_audtime *a = arg;
	struct check_audtime_level *l = &a->level[row->level];
	const struct audtime_block *b;

	(void) t;
	while (l->next < l->n && l->v[l->next].block < row->block)
		check_audtime_missing(a->c, &l->v[l->next++]);
	if (l->next == l->n || l->v[l->next].block != row->block) {
		check_audtime_extra(a->c, row);
		return 0;
	}
	b = &l->v[l->next++];
	if (row->lo > b->lo || row->hi < b->hi)
		check_audtime_narrow(a->c, row, b);
	return 0;
}

void
check_audtime_end(struct check *c, struct store_txn *t)
{
	struct check_audtime none;
	struct check_audtime *a = c->audtime != NULL ? c->audtime : &none;
	struct check_audtime_level *l;
	unsigned i;

	if (a == &none) {
		memset(&none, 0, sizeof none);
		none.c = c;
	}
	for (i = AUDTIME_BLOCKS; i <= AUDTIME_GROUPS; i++) {
		l = &a->level[i];
		/* An older workspace gets its summary when it is upgraded;
		 * a damaged audit.db was reported already. */
		if (c->schema >= AUDTIME_SCHEMA &&
		    t->st->kind_db[REC_AUDIT] != NULL) {
			if (audtime_walk(t, i, 0, UINT64_MAX, check_audtime_row,
			    a) != STATUS_OK)
				check_fault(c, _("control.db: the audit trail's "
				    "summary by time is unreadable"));
			while (l->next < l->n)
				check_audtime_missing(c, &l->v[l->next++]);
		}
		free(l->v);
	}
	if (a != &none)
		free(a);
	c->audtime = NULL;
}
