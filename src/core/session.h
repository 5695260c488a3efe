/*
 * session.h -- logging in, the acting user's session, password changes.
 *
 * A session is what every core operation takes as "who is acting".  The
 * core re-reads the account in each operation's own transaction, so a
 * role removed or an account disabled takes effect at the next action,
 * not the next login.
 *
 * A session opened with an initial, reset or expired password is
 * restricted: it can only change the password (and log out); every other
 * action returns the restriction (STATUS_PW_MUST_CHANGE or
 * STATUS_PW_EXPIRED).  A session idle longer than the policy allows is
 * locked: every action returns STATUS_SESSION_IDLE until
 * session_resume() is given the password again.
 *
 * Logins, failures, lockouts and password changes go to the audit trail
 * and to syslog's authpriv facility; never the password or its hash.
 */
#ifndef ESEAL_CORE_SESSION_H
#define ESEAL_CORE_SESSION_H

#include <stdint.h>

#include "core/action.h"
#include "store/store.h"
#include "util/status.h"

/* Read-only for callers: change it only through the functions below. */
struct session {
	struct store	*store;
	uint64_t	 user_id;
	char		*name;		/* login name */
	char		*full_name;
	uint32_t	 roles;		/* at login; the core re-reads them */
	char		*terminal;	/* where the user sits, for the trail */
	enum status	 restriction;	/* STATUS_OK, or why only a password
					 * change is allowed */
	int		 idle_locked;	/* needs session_resume() */
	int64_t		 login_at;
	int64_t		 last_active;
	uint32_t	 idle_seconds;	/* from the policy at login */
	int64_t		 pw_expires_at;	/* when the password expires */
	int		 warn_days;	/* days left when within the warning
					 * period, else -1 */
};

/*
 * Log NAME in with PASSWORD from TERMINAL (a tty name, "esealctl", ...).
 * Returns:
 *   STATUS_OK                a full session in *OUT
 *   STATUS_PW_MUST_CHANGE    a restricted session in *OUT: initial or
 *                            reset password
 *   STATUS_PW_EXPIRED        a restricted session in *OUT: expired
 *   STATUS_BAD_PASSWORD      unknown user or wrong password (the same
 *                            answer for both); counts a failure, and the
 *                            failure that reaches the policy's limit
 *                            locks the account and returns STATUS_LOCKED
 *   STATUS_LOCKED            locked after failed logins (until it expires
 *                            or the security administrator unlocks)
 *   STATUS_DISABLED          the account is disabled
 *   STATUS_DENIED            the account holds no role yet
 * *OUT is NULL for every other result.  When the stored hash was made
 * with weaker KDF parameters than the policy's, it is re-hashed now.
 */
enum status session_login(struct store *st, const char *name,
    const char *password, const char *terminal, struct session **out);

/* Audit the logout and free S (NULL is fine). */
void session_logout(struct session *s);

/* Free S without auditing (after a failed open, or at exit). */
void session_free(struct session *s);

/*
 * Change the session user's own password (ACT_PW_CHANGE).  OLD_PW must be
 * the current password (a wrong one counts as a failed login).  NEW_PW
 * must pass policy_check_password() and differ from the last N passwords
 * (STATUS_PW_REUSED).  Lifts the session's restriction on success.
 */
enum status session_change_password(struct session *s, const char *old_pw,
    const char *new_pw);

/* Days left before the password expires, when inside the warning period
 * of the policy; -1 otherwise (and for restricted sessions). */
int session_expiry_warning(const struct session *s);

/* Record activity now (a key press): postpones the idle lock, unless the
 * session has been idle too long already, in which case it locks and
 * returns STATUS_SESSION_IDLE (the key press must not count). */
enum status session_touch(struct session *s);

/* Lock S if it has been idle too long; returns STATUS_SESSION_IDLE when
 * S is (now) locked, else STATUS_OK.  The UI polls this. */
enum status session_check_idle(struct session *s);

/* Unlock an idle-locked session with the user's PASSWORD: a wrong one
 * counts as a failed login, and a lock ends the session's use. */
enum status session_resume(struct session *s, const char *password);

/* -- For core operations ------------------------------------------------- */

/*
 * The check every core operation makes first, in its own transaction:
 * S is usable (not idle-locked, not restricted unless ACT is ACT_PW_CHANGE
 * or ACT_LOGOUT), the account still exists and is enabled, and its current
 * roles allow ACT (perm_check).  On STATUS_OK *ACTOR holds the fresh
 * account (rec_free it); on any other status *ACTOR is left empty.
 */
enum status session_authorize(struct store_txn *txn, struct session *s,
    enum action act, struct rec_user *actor);

/*
 * Record that S's attempt at ACT on (KIND, ID) ended with WHY, in a write
 * transaction of its own (the failed one was aborted).  Refusals
 * (STATUS_DENIED, a restriction, an idle lock, a disabled account) are
 * audited as refused, anything else as failed.  Returns WHY, so that
 * callers can write `return session_audit_failure(...)`.
 */
enum status session_audit_failure(struct session *s, enum action act,
    enum rec_kind kind, uint64_t id, enum status why, const char *detail);

#endif
