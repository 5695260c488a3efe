/*
 * audit_fixture.h -- the trail the audit suites (test_audit.c,
 * test_audit_tamper.c) start from, made as the programs make it:
 * audit_append in the caller's transaction, a workstation key, and the
 * checkpoint interval set by the security administrator.  Also the
 * reads at the storage level and what verify says, which both suites
 * check.  It tampers with nothing: the tampering stays with its tests.
 *
 * Its own workspace, not the accounts fixture's: four users straight
 * in the store, the clock fixed at AFX_T0 and a cheap KDF.
 */
#ifndef ESEAL_TESTS_CORE_AUDIT_FIXTURE_H
#define ESEAL_TESTS_CORE_AUDIT_FIXTURE_H

#include <check.h>
#include <stdint.h>

#include "core/core.h"
#include "crypto/crypto.h"
#include "store/store.h"

#define AFX_T0		1767225600	/* 2026-01-01 00:00 UTC */
#define AFX_DAY		86400
#define AFX_PASSWORD	"Kq7#audit-Never-Here"
#define AFX_WRONG_PW	"Wrong#pass-word-9"
#define AFX_KEK_FILE	"audit-key.kek"

/* The trail every test starts from (see afx_setup): 28 entries, the
 * checkpoints at 2 (the key's), 5, 10, 15, 20 and 25. */
#define AFX_ENTRIES	28
#define AFX_CLERK_ACTS	20

enum afx_who { AFX_SYS, AFX_SEC, AFX_AUD, AFX_CLERK, AFX_NUSERS };

struct afx {
	char		*dir;
	char		*home;		/* the workspace under test */
	struct store	*st;
	uint64_t	 uid[AFX_NUSERS];
};

extern struct afx afx;

/* The argument of the suites' own store transactions: an entry by id,
 * or a meta KEY with its VALUE. */
struct afx_rec {
	uint64_t		 id;
	struct rec_audit	*e;
	const char		*key;
	const char		*value;
};

/* What audit_verify reported: its first four lines and how many. */
struct afx_report {
	char	 lines[4][160];
	int	 n;
};

/* The workspace "orig" under a fresh directory, with the trail above. */
void afx_setup(void);
void afx_teardown(void);

/* A test case NAME that runs each test on that workspace. */
TCase *afx_tcase(const char *name);

/* Open the workspace SUB of the test's directory, or close it. */
void afx_open(const char *sub);
void afx_close(void);

/* A session for user WHO, as a login would have made it. */
struct session *afx_session(enum afx_who who);

/* N clerk actions, a minute apart, each in its own transaction. */
void afx_clerk_acts(unsigned n);

/* Entry ID into E (which it frees first); it must exist. */
void afx_get(uint64_t id, struct rec_audit *e);

uint64_t afx_last_id(void);

/* All entries there are, in order, into a new array of *N (1 to the
 * last id while nothing was archived); afx_all_free releases it. */
struct rec_audit *afx_all(uint64_t *n);
void afx_all_free(struct rec_audit *v, uint64_t n);

/* Is entry ID in the store? */
int afx_present(uint64_t id);

/* A directory registered as a removable medium (test mode, medium.h). */
char *afx_medium(const char *name);

/* The files in DIR, hidden ones too. */
unsigned afx_files(const char *dir);

/* Entry E's hash by the canonical encoding, written out independently
 * of audit.c: the suites pin the format. */
void afx_hash(const struct rec_audit *e, unsigned char out[32]);

/* audit_verify's report callback; ARG is a struct afx_report. */
void afx_report(const char *line, void *arg);

/* audit_verify finds the trail intact. */
void afx_expect_intact(void);

#endif
