/*
 * inbox.h -- "what is waiting for me": per queue, the documents and
 * applications the session's user can act on now, most urgent first,
 * then oldest first.  The screens' inbox is one call of each.
 *
 * Read only, from the indexes: a queue reads the documents in its
 * states (IDX_DOC_STATE), the approval queue the documents at the steps
 * its user may act at (IDX_DOC_STEP), or the pending applications
 * (IDX_APPLICATION_STATE), never every document.
 */
#ifndef ESEAL_CORE_INBOX_H
#define ESEAL_CORE_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"

enum inbox_queue {
	INBOX_APPROVE,		/* approver: waiting at a step I may act at */
	INBOX_SEND,		/* drafter: my issued documents to send */
	INBOX_RETURNED,		/* drafter: returned or rejected to me */
	INBOX_SEAL,		/* clerk: sent for e-sealing */
	INBOX_PRINT,		/* print room: sealed, copies left */
	INBOX_APPLICATIONS,	/* approver: extra prints to decide */
	INBOX_STANDALONE,	/* directors: standalone seals to decide;
				 * clerk, office director: overdue ones */
	INBOX__COUNT
};

struct inbox_counts {
	uint32_t	 n[INBOX__COUNT];
};

/* One waiting item; the strings live only during the callback. */
struct inbox_item {
	enum inbox_queue	 queue;
	uint64_t		 doc_id;
	uint64_t		 app_id;	/* INBOX_APPLICATIONS, else 0 */
	uint8_t			 kind;		/* enum doc_kind */
	uint8_t			 state;		/* enum doc_state */
	uint8_t			 urgency;	/* enum urgency */
	uint8_t			 classification;
	uint32_t		 copies;	/* approved, or asked for */
	int64_t			 since;		/* waiting since */
	const char		*title;
};

/* Return non-zero to stop. */
typedef int (*inbox_fn)(const struct inbox_item *item, void *arg);

/* Stable name of a queue ("approve", "seal" ...) and its label. */
const char *inbox_queue_name(enum inbox_queue q);
const char *inbox_queue_label(enum inbox_queue q);
int inbox_queue_parse(const char *name);

/* How many items wait in each queue for the session's user (0 for the
 * queues of roles the user does not hold).  ACT_DOC_READ. */
enum status inbox_counts(struct store *st, struct session *s,
    struct inbox_counts *out);

/* The items of queue Q, skipping OFFSET and giving at most LIMIT (0:
 * all) to FN, most urgent first, then longest waiting. */
enum status inbox_list(struct store *st, struct session *s,
    enum inbox_queue q, size_t offset, size_t limit, inbox_fn fn, void *arg);

/* Non-zero ON: count and list the approval queue the slow way, walking
 * every document in approval with its chain and approvals, instead of
 * from the step indexes (schema 5): the reference the tests compare the
 * indexes with.  Off by default. */
void inbox_test_walk(int on);

#endif
