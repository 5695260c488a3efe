/*
 * docview.h -- reading documents: one document with its whole record
 * (versions, approval chain and sign-offs, applications, print log,
 * recalls), and lists of documents.  What the clerk sees before sealing
 * (Art. 9: the chain and the issuance) comes from here.
 *
 * Read only; ACT_DOC_READ, and a classified document only for a reader
 * whose clearance covers it (STATUS_CLEARANCE).
 */
#ifndef ESEAL_CORE_DOCVIEW_H
#define ESEAL_CORE_DOCVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/chain.h"
#include "core/doc.h"
#include "core/session.h"
#include "store/store.h"

struct docview_user {
	uint64_t	 id;
	char		*name;		/* login name */
	char		*full_name;
};

struct docview {
	struct rec_doc		 doc;
	struct rec_version	*versions;	/* 1 .. doc.version, in order */
	size_t			 nversions;
	struct doc_content	 content;	/* of the current version */
	struct chain		 chain;		/* of the current version */
	struct rec_approval	*approvals;	/* oldest first */
	size_t			 napprovals;
	struct rec_application	*apps;		/* reprint, extra, batch */
	size_t			 napps;
	struct rec_printjob	*jobs;		/* print log, oldest first */
	size_t			 njobs;
	struct rec_recall	*recalls;	/* by copy number */
	size_t			 nrecalls;
	char			*number;	/* 发文字号, "" when none */
	char			*seal_regno;	/* the seal applied, or NULL */
	struct docview_user	*users;		/* everyone named above */
	size_t			 nusers;
};

/* Read document DOC_ID into V (docview_free after, also on failure). */
enum status docview_get(struct store *st, struct session *s, uint64_t doc_id,
    struct docview *v);
void docview_free(struct docview *v);

/* The login name of user ID as read with V ("-" for 0 or unknown). */
const char *docview_user(const struct docview *v, uint64_t id);

/* The stable name of an approval action ("approve", "issue" ...), an
 * application kind and state, a print outcome. */
const char *docview_action_name(enum approval_action a);
const char *docview_app_kind_name(enum app_kind k);
const char *docview_app_state_name(enum app_state s);
const char *docview_outcome_name(enum print_outcome o);

/* Which documents docview_list() gives. */
struct docview_filter {
	int		 state;		/* enum doc_state, or -1 for any */
	int		 mine;		/* only the session user's drafts */
	size_t		 offset;
	size_t		 limit;		/* 0: all */
};

/* Called per document; return non-zero to stop.  DOC lives only during
 * the call. */
typedef int (*docview_fn)(const struct rec_doc *doc, void *arg);

/*
 * The documents F selects, most recently changed first (by state: most
 * urgent first, then longest waiting).  Documents above the reader's
 * clearance are left out.
 */
enum status docview_list(struct store *st, struct session *s,
    const struct docview_filter *f, docview_fn fn, void *arg);

/* A page of a list: OFFSET documents skipped, then at most LIMIT (0:
 * all the rest). */
struct docview_page {
	size_t		 offset;
	size_t		 limit;
};

/*
 * The documents whose title or number (as docnum_format writes it)
 * holds TEXT, byte for byte (Chinese included), newest document first
 * (id descending), the page PAGE of them (NULL: all), and in *TOTAL (or
 * NULL) how many there are in all: answered by the store's search index
 * (docsearch.c), reading only the page's documents.  Documents above the
 * reader's clearance are left out of both.
 */
enum status docview_search(struct store *st, struct session *s,
    const char *text, const struct docview_page *page, docview_fn fn,
    void *arg, size_t *total);

#endif
