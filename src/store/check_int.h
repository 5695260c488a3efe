/*
 * check_int.h -- what check.c shares with check_postings.c and
 * check_audtime.c: the state of one run of store_check and how a fault
 * is reported.  Nothing else includes it.
 */
#ifndef ESEAL_STORE_CHECK_INT_H
#define ESEAL_STORE_CHECK_INT_H

#include "store/store_int.h"

struct check_grams;
struct check_audtime;

struct check {
	struct store		*st;
	store_report_fn		 report;
	void			*arg;
	unsigned		 faults;
	unsigned		 verify_lines;	/* the verifier's complaints */
	unsigned		 schema;	/* the workspace's */
	struct check_grams	*grams;		/* while documents are read */
	struct check_audtime	*audtime;	/* the entries' blocks */
	uint64_t		 expect[IDX__COUNT]; /* entries found */
	int			 unsure[IDX__COUNT]; /* one was not */
};

void check_fault(struct check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The search index against the documents (check_postings.c): begun
 * before the documents are read in id order (NULL when the index or the
 * documents cannot be read), given each document that decodes, ended
 * after the last.  Each part of documents is compared with the lists as
 * soon as it is read, so memory stays bounded.
 */
struct check_grams *check_grams_begin(struct check *c, struct store_txn *t);
void check_grams_doc(struct check_grams *g, const struct rec_doc *d,
    uint64_t id);
void check_grams_end(struct check_grams *g);

/*
 * The audit trail's summary by time against the entries
 * (check_audtime.c): given each entry that decodes, in sequence order,
 * then ended once, after every kind is read.
 */
void check_audtime_entry(struct check *c, uint64_t id, int64_t time);
void check_audtime_end(struct check *c, struct store_txn *t);

#endif
