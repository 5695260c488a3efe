/*
 * accounts_fixture.h -- a fresh workspace per test with the three
 * administrators logged in (their initial passwords already changed),
 * and helpers to add accounts and read the audit trail.
 *
 * The KDF floor is lowered so that each hash takes microseconds, and the
 * clock is fixed at FX_T0 so that expiry and lockouts can be stepped.
 */
#ifndef ESEAL_TESTS_CORE_ACCOUNTS_FIXTURE_H
#define ESEAL_TESTS_CORE_ACCOUNTS_FIXTURE_H

#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

#define FX_T0		1767254400	/* 2026-01-01 08:00 UTC */
#define FX_DAY		86400
#define FX_KDF_KIB	64
#define FX_KDF_PASSES	1

/* The password every fixture account ends up with, unless told. */
#define FX_PW		"Seal-2026-ok"

struct fx {
	char		*dir;
	struct store	*st;
	struct session	*sys, *sec, *aud;
	char		*initial[3];	/* the administrators' first ones */
};

extern struct fx fx;

/* Set up FX with a workspace of classification CLS (libcheck fixtures
 * call fx_setup_none). */
void fx_setup_class(unsigned cls);
void fx_setup_none(void);
void fx_teardown(void);

/* A new account NAME holding ROLES, its initial password changed to PW.
 * Returns its id. */
uint64_t fx_user(const char *name, uint32_t roles, const char *pw);

/* Log NAME in with PW, asserting the result is WANT; returns the session
 * (NULL when WANT gives none). */
struct session *fx_login(const char *name, const char *pw, enum status want);

/* The account NAME as stored (hashes included); rec_free after. */
void fx_get_user(const char *name, struct rec_user *u);

/* The number of audit entries, and the newest one (rec_free after). */
uint64_t fx_audit_count(void);
void fx_audit_last(struct rec_audit *e);

/* Non-zero when an entry after sequence number SINCE has action ACT,
 * outcome OUTCOME and user USER_ID. */
int fx_audit_has(uint64_t since, enum action act, enum audit_outcome outcome,
    uint64_t user_id);

#endif
