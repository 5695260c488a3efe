/*
 * wf_fixture.h -- the office the workflow suites work in: a department
 * with a document-number prefix, a drafter, three levels of approvers,
 * two clerks, a print room, a seal in the first clerk's custody, and
 * three printers (colour, black-and-white, classified colour).
 *
 * Built on the accounts fixture (fresh workspace, fixed clock, cheap
 * KDF).  The seals are made by the seal register (seal_fixture.h); the
 * printers are written straight into the store, since this fixture only
 * needs their records.
 */
#ifndef ESEAL_TESTS_CORE_WF_FIXTURE_H
#define ESEAL_TESTS_CORE_WF_FIXTURE_H

#include <stdint.h>

#include "core/accounts_fixture.h"
#include "core/core.h"

enum wfx_who {
	WFX_DRAFTER, WFX_CHIEF, WFX_LEADER, WFX_BUREAU, WFX_CLERK,
	WFX_CLERK2, WFX_PRINTER, WFX_DRAFTER2, WFX__COUNT
};

/* The custodians' key password, which unwraps a seal's key. */
#define WFX_KEY_PW	"Key-Pass-2026!"

struct wfx {
	uint64_t	 dept;
	uint64_t	 id[WFX__COUNT];
	struct session	*s[WFX__COUNT];
	uint64_t	 seal;		/* active, custodian: WFX_CLERK */
	uint64_t	 seal2;		/* active, custodian: WFX_CLERK2 */
	uint64_t	 pr_colour;
	uint64_t	 pr_mono;
	uint64_t	 pr_classified;	/* colour and classified */
};

extern struct wfx wfx;
extern const char *const wfx_names[WFX__COUNT];

void wfx_setup(void);
void wfx_teardown(void);

/* A simple document of KIND asking for COPIES (doc_content_free after). */
void wfx_content(struct doc_content *c, enum doc_kind kind, uint32_t copies);

/* Record it as WFX_DRAFTER; returns the id. */
uint64_t wfx_create(enum doc_kind kind, uint32_t copies);

/* Walk DOC_ID along the happy path to TARGET (DRAFT, IN_APPROVAL,
 * APPROVED, TO_SEAL, SEALED or PRINTED), asserting every step. */
void wfx_walk(uint64_t doc_id, enum doc_state target);

/* Print COUNT copies of DOC_ID on the colour printer (accounting). */
void wfx_print(uint64_t doc_id, uint32_t count);

/* Read records (rec_free after). */
void wfx_doc(uint64_t doc_id, struct rec_doc *d);
void wfx_version(uint64_t doc_id, uint32_t number, struct rec_version *v);

/* Set a workspace setting as the store would (the security
 * administrator's classification, configured chains). */
void wfx_meta(const char *key, const char *value);

/* Write a record straight into the store (fixtures only). */
void wfx_put(enum rec_kind kind, void *rec);

/* Entries appended to the audit trail after SINCE, checkpoints not
 * counted; the newest such entry in *LAST if not NULL (rec_free). */
unsigned wfx_audit_since(uint64_t since, struct rec_audit *last);

/* The corpus folder: $ESEAL_CORPUS_DIR, else
 * $abs_top_srcdir/../shared/corpus.  Fails the test when missing. */
const char *wfx_corpus_dir(void);

/* Read corpus file NAME (free after); *LEN its length. */
char *wfx_corpus_file(const char *name, unsigned long *len);

#endif
