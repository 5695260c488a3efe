/*
 * app.h -- what every screen shares: the open workspace, the session of
 * whoever is logged in, and the rules around the screens: which commands
 * the user's roles offer, the idle lock, and logging out.
 *
 * The session's life:
 *
 *   login screen --session_login--> app_session_start()
 *        ^                                |  (home, or the forced
 *        |                                |   password change first)
 *        |                                v
 *   ui_main runs the loop again <-- app_logout(): the loop ends, every
 *        (login screen anew)         screen is closed, app_session_end()
 *                                    logs out (audited)
 *
 * While a session runs, every key first goes to app's key hook: the
 * core's session_touch() keeps the session alive, and when the session
 * has been idle too long (or the loop's idle timer fires) the lock
 * screen covers everything until session_resume() accepts the password.
 */
#ifndef ESEAL_UI_APP_H
#define ESEAL_UI_APP_H

#include <stdint.h>

#include "core/core.h"

/* Open the workspace in HOME (copied) for the program's run, forms from
 * DIR.  Returns the store's status (STATUS_NO_WORKSPACE, STATUS_CORRUPT
 * ...); nothing is open then. */
enum status app_open(const char *home, const char *forms_dir);

/* Log out if needed and close the workspace. */
void app_close(void);

struct store *app_store(void);
const char *app_home(void);
const char *app_forms_dir(void);

/* Where the user sits, for the audit trail: the terminal's device name,
 * or "eseal" when there is none.  (A copy of our own is passed to the
 * core: session_login() must not be given the core's current terminal
 * string, which it replaces while it still uses it.) */
const char *app_terminal(void);

/* The session, or NULL before login. */
struct session *app_session(void);

/* S was just logged in (possibly restricted to a password change): the
 * program now acts for it.  Installs the role check and the idle lock. */
void app_session_start(struct session *s);

/* Log the session out (audited) and forget it; nothing when none. */
void app_session_end(void);

/* End the session: the loop stops, every screen closes, and ui_main
 * starts again at the login screen, which shows NOTICE (may be NULL;
 * translated text) on its message line. */
void app_logout(const char *notice);

/* Non-zero once after app_logout() (ui_main asks whether to go on). */
int app_take_logout(void);

/* The notice app_logout() left for the login screen, or NULL; the
 * caller frees it. */
char *app_take_notice(void);

/* The lock screen is up (ON) or gone: keys then reach it untouched. */
void app_set_locked(int on);

/* Seconds without a key before the session locks: the policy's idle
 * minutes, or in a test build ESEAL_TEST_IDLE_SECONDS. */
unsigned app_idle_seconds(const struct session *s);

/* Whether ROLES may use a command gated by the core action PERM
 * (CMD_ANYONE: always): the permission table of core/action.h, and the
 * roles of CMD_PERM_ROLES() when the row names them. */
int app_permit_roles(uint32_t roles, int perm);

#endif
