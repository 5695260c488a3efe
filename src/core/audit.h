/*
 * audit.h -- the audit trail: a tamper-evident chain of entries that says
 * afterwards who did what, from which terminal, and with what outcome.
 *
 * Every state change, refusal, login event, administration change, seal
 * use, print, recall, destruction, export and backup calls audit_append()
 * in the SAME transaction as the change, so a change and its entry commit
 * or vanish together.  Each entry carries the SM3 hash of the previous
 * entry's canonical encoding (see audit.c), and every so often a
 * checkpoint entry signs the chain head with the workstation's SM2 key, so
 * editing, removing, inserting or reordering entries in the database is
 * found by audit_verify().
 *
 * Only the security auditor reads, searches, verifies and exports the
 * trail: the *_as functions act for a session (session.h), check
 * ACT_AUDIT_* through session_authorize() and audit a refusal.
 * Nothing here edits or deletes an entry, and nothing here may ever be
 * given a secret: callers pass no password, no key and, for a classified
 * document, a hash instead of its body.
 */
#ifndef ESEAL_CORE_AUDIT_H
#define ESEAL_CORE_AUDIT_H

#include <stdint.h>

#include "core/action.h"
#include "store/store.h"
#include "util/util.h"

struct session;

/* Defaults of the settings kept in REC_META (keys "audit.*"). */
#define AUDIT_CHECKPOINT_EVERY	100		/* entries between them */
#define AUDIT_RETENTION_DAYS	180		/* also the floor */
#define AUDIT_SPACE_THRESHOLD	(64ull << 20)	/* bytes of entries */

/* The length of an SM3 hash, the chain's link. */
#define AUDIT_HASH_LEN		32

/* -- Writing --------------------------------------------------------------- */

/*
 * Set the terminal recorded in every entry this process appends (copied).
 * Until set, it is ttyname(0), or "batch" when standard input is not a
 * terminal.  NULL returns to that default.
 */
void audit_set_terminal(const char *terminal);
const char *audit_terminal(void);

/*
 * Tell the audit module which workspace this process works in, so that
 * the checkpoints audit_append() writes can be signed with the
 * workstation key kept beside it (see audit_init_workstation_key).  Call
 * once after store_open(); NULL detaches.  Without it entries are still
 * chained, but checkpoints wait until a process that has the key appends.
 */
void audit_attach(struct store *st);

/*
 * Append one entry in the caller's transaction TXN.  ACTOR is the user
 * acting (NULL for the system itself), ROLE the role bits they acted in,
 * ACT what they did or tried, OBJECT_KIND and OBJECT_ID what it concerned
 * (REC_META and 0 for "nothing in particular"), OUTCOME how it ended, and
 * DETAIL a reason or what changed (UTF-8, sanitized here, may be NULL):
 * never a password, a key or a classified body.  When a checkpoint is due
 * it is appended right after, in the same transaction.
 */
enum status audit_append(struct store_txn *txn, const struct rec_user *actor,
    uint32_t role, enum action act, enum rec_kind object_kind,
    uint64_t object_id, enum audit_outcome outcome, const char *detail);

/*
 * Create the workstation's SM2 key pair at workspace creation: the private
 * key goes to a file of its own in the workspace directory HOME (never a
 * database record), the public key to REC_META, and a first checkpoint
 * entry records the key's fingerprint.  Called by 'esealctl init' in its
 * transaction; running it again reuses the key file already there.
 */
enum status audit_init_workstation_key(struct store_txn *txn,
    const char *home);

/* -- Reading (the security auditor) ---------------------------------------- */

/* Which entries to select; audit_filter_init() selects every entry. */
struct audit_filter {
	int64_t		 from;		/* time, inclusive; 0: no limit */
	int64_t		 to;		/* time, inclusive; 0: no limit */
	uint64_t	 user_id;	/* 0: anyone (the system is 0) */
	const char	*user_name;	/* or by login name; NULL: anyone */
	int		 action;	/* enum action, or -1 for any */
	int		 object_kind;	/* enum rec_kind, or -1 */
	uint64_t	 object_id;	/* 0 = any */
	int		 outcome;	/* enum audit_outcome, or -1 */
	const char	*object_text;	/* in "kind:id" or the detail,
					 * ASCII letters either case;
					 * NULL or "": any */
};

void audit_filter_init(struct audit_filter *f);

/* Called per selected entry in sequence order, with the login name of its
 * user ("-" for the system); return non-zero to stop. */
typedef int (*audit_each_fn)(const struct rec_audit *e, const char *user,
    void *arg);

/*
 * One entry as a line of text (no newline), the fields tab-separated:
 * sequence number, time (UTC, ISO 8601), user id, user name, roles,
 * terminal, action, object ("kind:id"), outcome (ok, refused, failed),
 * detail; and with WITH_CHAIN the link (hex) and the signature (hex, "-"
 * when none).  Tabs, newlines and backslashes in text are escaped as \t,
 * \n and \\, other control characters as \xNN.  Free the result.
 */
char *audit_format(const struct rec_audit *e, const char *user,
    int with_chain);

/*
 * Search the trail for session S: ACT_AUDIT_READ is checked (a refusal is
 * audited and returned, e.g. STATUS_DENIED), the search itself is
 * audited, then FN sees each matching entry.  F may be NULL (everything).
 */
enum status audit_search_as(struct session *s, const struct audit_filter *f,
    audit_each_fn fn, void *arg);

/* Receives one line of a verification report (translated, no newline). */
typedef void (*audit_report_fn)(const char *line, void *arg);

/*
 * Walk the whole chain and its checkpoints.  Returns STATUS_OK when the
 * trail is intact; STATUS_AUDIT_BROKEN when it is not, after reporting the
 * FIRST fault through REPORT and storing its sequence number in
 * *FIRST_BAD (0 when intact).  The report lines are:
 *   "entry N removed"              a gap: N is missing
 *   "entry N removed at the end"   the newest entries are missing
 *   "entry N removed and later entries renumbered"
 *   "entry N altered"              N's content no longer hashes to the
 *                                  link stored in the entry after it
 *   "entry N inserted"             the chain runs from N-1 to N+1
 *   "entry N reordered"            N was moved from elsewhere
 *   "entry N: checkpoint signature does not verify"
 * After an archive the walk starts at the first entry kept, whose link
 * must be the last archived entry's hash as the signed archive record
 * names it; entries missing before it without such a record are
 * reported removed, from the first one after the last signed archive.
 * This is the engine: it checks no permission.  Users go through
 * audit_verify_as().
 */
enum status audit_verify(struct store *st, audit_report_fn report,
    void *arg, uint64_t *first_bad);

/* audit_verify() for session S: ACT_AUDIT_VERIFY checked (a refusal
 * audited), and the result audited. */
enum status audit_verify_as(struct session *s, audit_report_fn report,
    void *arg, uint64_t *first_bad);

/*
 * Export the entries F selects (NULL: all) to the file PATH for session S
 * (ACT_AUDIT_EXPORT checked): first a checkpoint signs the head, then
 * the file is written as UTF-8, one entry per line (audit_format with the
 * chain fields), and a last line "sm3:HEX<TAB>sm2:HEX<TAB>key:HEX": the
 * SM3 of everything above it, its SM2 signature by the workstation key,
 * and that key's fingerprint.  The export is audited.  *COUNT gets the
 * number of entries written (may be NULL).
 */
enum status audit_export_as(struct session *s, const struct audit_filter *f,
    const char *path, uint64_t *count);

/*
 * Check an export file against the workstation key in ST: its last line's
 * hash and signature must match the lines above it (STATUS_BAD_SIGNATURE
 * if not, STATUS_MALFORMED for a file that is no export).
 */
enum status audit_export_verify(struct store *st, const char *path);

/* audit_export_verify() for session S (ACT_AUDIT_VERIFY), audited. */
enum status audit_export_verify_as(struct session *s, const char *path);

/* -- Retention, archive and space ------------------------------------------ */

/*
 * Export the entries F selects (NULL: all) for session S, as
 * audit_export_as() does, to a file of its own on the registered medium
 * MEDIUM (its UUID, or its directory in test mode: medium.h), mounted
 * now: STATUS_MEDIUM_UNREGISTERED for one not in the register (or
 * revoked), STATUS_MEDIUM_ABSENT when it is not mounted.  The file is
 * read back and compared before the export counts; its path goes to
 * *WHERE (free it; may be NULL) and the number of entries to *COUNT.
 */
enum status audit_export_medium_as(struct session *s,
    const struct audit_filter *f, const char *medium, char **where,
    uint64_t *count);

/*
 * Archive the entries not yet archived, up to sequence number UPTO, to the
 * registered medium MEDIUM for session S (ACT_AUDIT_EXPORT), then delete
 * them from the trail.  Refused, and the refusal audited, with
 * STATUS_AUDIT_RETENTION when any of them is younger than the retention
 * period, STATUS_MEDIUM_UNREGISTERED or STATUS_MEDIUM_ABSENT for the
 * medium, STATUS_AUDIT_BROKEN when the trail does not verify (an archive
 * must not carry tampering away), STATUS_INVALID when they are archived
 * already.  The export file is written and read back first (a full or
 * read-only medium leaves every entry in place); then one transaction
 * appends a signed checkpoint naming the archive, the file's hash and
 * the hash of the last archived entry (the anchor audit_verify() starts
 * from), and deletes the archived entries with their index entries.
 * *WHERE gets the file's path (may be NULL).
 */
enum status audit_archive_as(struct session *s, uint64_t upto,
    const char *medium, char **where);

/*
 * Settings the security administrator sets for session S (ACT_POLICY_SET),
 * audited.  Below the floor (retention under AUDIT_RETENTION_DAYS, a
 * threshold under 1 MiB, an interval of 0) the change is refused with
 * STATUS_POLICY_FLOOR and the refusal audited; above the most allowed
 * (100 years, 100000 entries) with STATUS_INVALID.
 */
enum status audit_set_retention(struct session *s, uint32_t days);
enum status audit_set_space_threshold(struct session *s, uint64_t bytes);
enum status audit_set_checkpoint_every(struct session *s, uint32_t entries);

/* The current settings (defaults when not set). */
enum status audit_settings(struct store *st, uint32_t *retention_days,
    uint64_t *space_threshold, uint32_t *checkpoint_every);

/*
 * For the login path: the bytes the trail takes (*USED, the sum of its
 * entries' encodings) and the threshold (*THRESHOLD).  Returns
 * STATUS_AUDIT_SPACE when USED has reached THRESHOLD, so the login can
 * warn the administrators, else STATUS_OK (or an error).
 */
enum status audit_space_warning(struct store *st, uint64_t *used,
    uint64_t *threshold);

#endif
