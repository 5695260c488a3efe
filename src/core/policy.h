/*
 * policy.h -- the password and session policy (Art. 8), kept in REC_META.
 *
 * Every number is set by the security administrator, who may tighten it
 * but never loosen it below the floor of the workstation's classification
 * (policy.c explains the floors).  The rules that hold whatever the
 * numbers are: a password never contains the user name, an initial or
 * reset password is changed at the first login before anything else.
 */
#ifndef ESEAL_CORE_POLICY_H
#define ESEAL_CORE_POLICY_H

#include <stdint.h>

#include "store/store.h"
#include "util/status.h"

struct session;

/*
 * The settings.  Each numeric field is one row of POLICY_LIST in policy.c,
 * stored under the meta key "policy.<name>" (e.g. "policy.min-length").
 */
struct policy {
	uint8_t		 classification; /* enum classification */
	uint32_t	 min_length;	/* characters, not bytes */
	uint32_t	 min_classes;	/* of upper, lower, digit, other */
	uint32_t	 letters_digits; /* 1: a letter and a digit needed */
	uint32_t	 max_age_days;	/* a password expires after this */
	uint32_t	 warn_days;	/* warn this many days before */
	uint32_t	 history;	/* differ from the last N passwords */
	uint32_t	 max_failures;	/* failed logins before the lock */
	uint32_t	 lock_minutes;	/* how long the lock lasts */
	uint32_t	 idle_minutes;	/* idle time before a session locks */
	uint32_t	 kdf_memory_kib; /* Argon2id memory cost */
	uint32_t	 kdf_passes;	/* Argon2id time cost */
};

/* The defaults for a workstation of classification CLS: its floor.
 * STATUS_INVALID for a classification no workstation may have. */
enum status policy_defaults(unsigned cls, struct policy *p);

/*
 * STATUS_OK when P is at least as strict as the floor of its
 * classification and every number is within its sane range;
 * STATUS_POLICY_FLOOR when a number is looser than the floor;
 * STATUS_INVALID when one is out of range.  *FIELD, if not NULL, gets the
 * name of the first offending setting.
 */
enum status policy_validate(const struct policy *p, const char **field);

/* Read the policy in TXN: the stored settings over the defaults of the
 * stored classification (a missing workspace setting reads as default). */
enum status policy_load(struct store_txn *txn, struct policy *p);

/* Write every setting of P (validated first) in TXN. */
enum status policy_save(struct store_txn *txn, const struct policy *p);

/* policy_load() in a read transaction of its own. */
enum status policy_get(struct store *st, struct policy *p);

/*
 * The rules on a new password PW for the account NAME, without history:
 * STATUS_ENCODING (not UTF-8), STATUS_PW_WEAK (too short, too few kinds
 * of character, no letter or digit where required), STATUS_PW_HAS_NAME
 * (contains NAME, ignoring case), else STATUS_OK.
 */
enum status policy_check_password(const struct policy *p, const char *name,
    const char *pw);

/* The rules policy_check_password() applies, in a sentence for a user
 * whose password was refused as too weak (malloc'd). */
char *policy_password_rules(const struct policy *p);

/* When a password set at CHANGED expires, and when to start warning. */
int64_t policy_expires_at(const struct policy *p, int64_t changed);
int64_t policy_warn_from(const struct policy *p, int64_t changed);

/* -- Settings by name, for esealctl and the policy screen ---------------- */

/* The name of numeric setting I ("min-length" ...), from 0, or NULL past
 * the last one. */
const char *policy_field_name(unsigned i);

/* The translated one-line description of setting I. */
const char *policy_field_describe(unsigned i);

/* Read or write the setting NAME of P.  STATUS_NOT_FOUND for an unknown
 * name; set does not validate (policy_validate does). */
enum status policy_field_get(const struct policy *p, const char *name,
    uint32_t *value);
enum status policy_field_set(struct policy *p, const char *name,
    uint32_t value);

/* The floor of setting NAME for the classification of P. */
enum status policy_field_floor(const struct policy *p, const char *name,
    uint32_t *value);

/*
 * Replace the policy (ACT_POLICY_SET, security administrator).  P's
 * classification must equal the stored one.  Audited with the settings
 * that changed; a refusal is audited too.
 */
enum status policy_set(struct session *s, const struct policy *p);

/*
 * Change the workstation's classification (ACT_WORKSTATION_CLASS).  Every
 * setting looser than the new floor is raised to it; settings already
 * stricter stay.  Audited.
 */
enum status policy_set_classification(struct session *s, unsigned cls);

/* "none", "secret", "confidential" (stable ids), and back.  Parsing
 * refuses a classification no workstation may have (STATUS_INVALID). */
const char *policy_class_name(unsigned cls);
enum status policy_class_parse(const char *text, unsigned *cls);

/* A workspace setting in REC_META: read KEY's value into a new string
 * *VALUE (STATUS_NOT_FOUND when unset), or set it. */
enum status policy_meta_get(struct store_txn *txn, const char *key,
    char **value);
enum status policy_meta_set(struct store_txn *txn, const char *key,
    const char *value);

/*
 * Tests only: lower the floor of the KDF cost so that suites hash in
 * microseconds.  Never called by the programs.
 */
void policy_test_kdf_floor(uint32_t memory_kib, uint32_t passes);

#endif
