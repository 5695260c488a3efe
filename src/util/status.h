/*
 * status.h -- the one status code every layer below the UI returns.
 *
 * Each entry carries its user-facing message, marked for translation.
 * Library codes (Berkeley DB, libgcrypt, CUPS, errno) are converted to one
 * of these at the edge of the layer that calls the library, so nothing
 * above the store knows what a DB_LOCK_DEADLOCK is.  Add entries at the end
 * of a group; the numeric values are not stored anywhere persistent.
 */
#ifndef ESEAL_UTIL_STATUS_H
#define ESEAL_UTIL_STATUS_H

#define STATUS_LIST(X) \
	X(STATUS_OK,		N_("Done.")) \
	X(STATUS_NOMEM,		N_("Out of memory; close other programs and try again.")) \
	X(STATUS_INVALID,	N_("Invalid input.")) \
	X(STATUS_NOT_FOUND,	N_("No such record.")) \
	X(STATUS_EXISTS,	N_("A record with that name already exists.")) \
	X(STATUS_IO,		N_("Could not read or write a file; check the disk and the permissions.")) \
	X(STATUS_NO_SPACE,	N_("The disk or medium is full; free some space and try again.")) \
	X(STATUS_READ_ONLY,	N_("The disk or medium is read-only.")) \
	X(STATUS_PERM_FS,	N_("Permission denied by the file system.")) \
	X(STATUS_NO_WORKSPACE,	N_("No workspace at that place; create one with 'esealctl init'.")) \
	X(STATUS_WORKSPACE_LIVE, N_("A workspace is already there; add --force to overwrite it.")) \
	X(STATUS_CORRUPT,	N_("A database file is damaged; run 'esealctl check' and restore from a backup.")) \
	X(STATUS_SCHEMA_NEWER,	N_("The workspace was written by a newer version of eseal; upgrade the program.")) \
	X(STATUS_SCHEMA_OLDER,	N_("The workspace needs an upgrade; run 'esealctl upgrade'.")) \
	X(STATUS_BUSY,		N_("The workspace is busy; try again in a moment.")) \
	X(STATUS_RECOVER,	N_("The workspace needed recovery after a crash; try the action again.")) \
	X(STATUS_DB,		N_("The database reported an error; see the log.")) \
	X(STATUS_CRYPTO,	N_("The cryptographic library reported an error.")) \
	X(STATUS_BAD_SIGNATURE,	N_("The signature does not verify.")) \
	X(STATUS_BAD_PASSWORD,	N_("Wrong user name or password.")) \
	X(STATUS_LOCKED,	N_("The account is locked after too many failed logins; wait or ask the security administrator.")) \
	X(STATUS_DISABLED,	N_("The account is disabled.")) \
	X(STATUS_PW_EXPIRED,	N_("The password has expired; choose a new one.")) \
	X(STATUS_PW_MUST_CHANGE, N_("This is an initial password; choose your own before going on.")) \
	X(STATUS_PW_WEAK,	N_("The password is too weak for this workstation's policy.")) \
	X(STATUS_PW_REUSED,	N_("The password was used recently; choose another.")) \
	X(STATUS_PW_HAS_NAME,	N_("The password must not contain the user name.")) \
	X(STATUS_DENIED,	N_("Your roles do not allow this action (Art. 7).")) \
	X(STATUS_ROLE_CONFLICT,	N_("That role combination is not allowed: the three administrators are separate, and hold no business role.")) \
	X(STATUS_STATE,		N_("The document is not in a state that allows this.")) \
	X(STATUS_REFUSED_KIND,	N_("Documents that did not flow through the system, and Party-group documents, are not e-sealed (Art. 2).")) \
	X(STATUS_ENCODING,	N_("The text is not valid UTF-8 or GB18030.")) \
	X(STATUS_CANCELLED,	N_("Cancelled.")) \
	X(STATUS_UNSUPPORTED,	N_("Not supported."))

#define STATUS_ENUM(name, msg) name,
enum status {
	STATUS_LIST(STATUS_ENUM)
	STATUS__COUNT
};
#undef STATUS_ENUM

/* The translated message for S (never NULL). */
const char *status_message(enum status s);

/* The symbolic name of S, e.g. "STATUS_DENIED", for logs and tests. */
const char *status_name(enum status s);

/* Map an errno value to the closest status. */
enum status status_from_errno(int err);

#endif
