/*
 * account.h -- accounts and departments, for the three administrators.
 *
 * The system administrator creates, disables and enables accounts and
 * departments; the security administrator assigns roles, clearance,
 * issuing authority, leader level and department, resets passwords and
 * unlocks accounts (action.h holds the table).  Every call takes the
 * acting session, checks it in the core, and appends its audit entry in
 * the same transaction; a refusal is audited too.  Initial passwords are
 * generated here, returned once, and never stored in clear.
 */
#ifndef ESEAL_CORE_ACCOUNT_H
#define ESEAL_CORE_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"
#include "util/status.h"

/*
 * Create the account NAME (letters, digits, '.', '-', '_'; at most 32
 * bytes) with FULL_NAME (may be NULL) in department DEPT_ID (0 = none),
 * with no role yet and a generated initial password that must be changed
 * at the first login.  *PASSWORD gets that password (free with
 * account_password_free); *ID, if not NULL, the account's id.
 * ACT_USER_ADD; STATUS_EXISTS if the name is taken.
 */
enum status account_add(struct session *s, const char *name,
    const char *full_name, uint64_t dept_id, char **password, uint64_t *id);

/* Wipe and free a password this module returned (it lives in secure
 * memory). */
void account_password_free(char *password);

/* Disable (DISABLED non-zero) or enable the account NAME.  ACT_USER_DISABLE.
 * STATUS_LAST_ADMIN when that would leave an administrator role with no
 * enabled holder. */
enum status account_set_disabled(struct session *s, const char *name,
    int disabled);

/* Which attributes account_set_attrs() changes. */
enum account_field {
	ACCOUNT_ROLES		= 1u << 0,
	ACCOUNT_CLEARANCE	= 1u << 1,
	ACCOUNT_ISSUING		= 1u << 2,
	ACCOUNT_LEADER		= 1u << 3,
	ACCOUNT_DEPT		= 1u << 4
};

struct account_attrs {
	unsigned	 fields;	/* enum account_field bits */
	uint32_t	 roles;		/* enum role bits */
	uint8_t		 clearance;	/* enum classification */
	uint32_t	 issuing_kinds;	/* bit per enum doc_kind */
	uint8_t		 leader_level;	/* 0-3, see struct rec_user */
	uint64_t	 dept_id;	/* 0 = none */
};

/*
 * Set the attributes A->fields selects on the account NAME, in one
 * transaction with one audit entry (ACT_USER_ROLES, security
 * administrator).  STATUS_ROLE_CONFLICT for a combination the rules
 * forbid (two administrator roles, an administrator with a business
 * role), STATUS_LAST_ADMIN when an administrator role would be left with
 * no enabled holder, STATUS_NOT_FOUND for an unknown department,
 * STATUS_INVALID for a value out of range.
 */
enum status account_set_attrs(struct session *s, const char *name,
    const struct account_attrs *a);

/*
 * Reset the forgotten password of NAME (ACT_PW_RESET): a new initial
 * password in *PASSWORD (shown once; free with account_password_free), to be
 * changed at the next login.  Also lifts a lockout.
 */
enum status account_reset_password(struct session *s, const char *name,
    char **password);

/* Lift the lock after failed logins on NAME (ACT_USER_UNLOCK). */
enum status account_unlock(struct session *s, const char *name);

/*
 * Every account, ordered by id, into a new array *USERS of *N records
 * with their password hashes and history removed (ACT_USER_LIST).  Free
 * with account_list_free().
 */
enum status account_list(struct session *s, struct rec_user **users,
    size_t *n);
void account_list_free(struct rec_user *users, size_t n);

/* Non-zero when USER is locked after failed logins at time NOW. */
int account_is_locked(const struct rec_user *user, int64_t now);

/* -- Departments --------------------------------------------------------- */

/* Add a department or work station (ACT_DEPT_MANAGE, system
 * administrator); STATUS_EXISTS when the name is taken. */
enum status account_dept_add(struct session *s, const char *name,
    const char *number_prefix, int is_station, uint64_t *id);

/* Every department, by id (ACT_USER_LIST); free with account_dept_free. */
enum status account_dept_list(struct session *s, struct rec_dept **depts,
    size_t *n);
void account_dept_free(struct rec_dept *depts, size_t n);

/* Find a department's id by its exact name (ACT_USER_LIST). */
enum status account_dept_find(struct session *s, const char *name,
    uint64_t *id);

/* -- Creating the workspace ---------------------------------------------- */

/* What 'esealctl init' asks for, and the initial passwords it gets back. */
struct account_init {
	const char	*bureau;	/* the bureau's full name */
	unsigned	 classification; /* enum classification */
	const char	*names[3];	/* sysadmin, secadmin, auditor logins */
	char		*passwords[3];	/* out: account_password_free each */
};

/*
 * Fill a newly created workspace ST: the bureau's name, the
 * classification and its policy defaults, the workstation's audit key,
 * and the three administrators, each with an initial password that must
 * be changed at the first login.  STATUS_WORKSPACE_EXISTS when ST already
 * holds a bureau.  Audited as ACT_INIT by the system.
 */
enum status account_init_workspace(struct store *st, struct account_init *ai);

#endif
