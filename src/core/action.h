/*
 * action.h -- every action a user can perform, and which roles may.
 *
 * This is THE permission table (Art. 7): one row per action with the
 * roles allowed to perform it and its description.  The core checks every
 * action against it (perm_check in perm.c), the audit trail records the
 * action's number and name, and the UI and esealctl generate their help
 * from it.  Finer rules (a custodian's own seal, the issuer of this kind,
 * the approver at this level) are checked by the operation itself after
 * the role check.
 *
 * The numbers are stored in audit entries: add rows at the end only.
 */
#ifndef ESEAL_CORE_ACTION_H
#define ESEAL_CORE_ACTION_H

#include <stdint.h>

#include "store/records.h"

#define R_ANY_BUSINESS	ROLE_BUSINESS_MASK
#define R_ANYONE	(ROLE_BUSINESS_MASK | ROLE_ADMIN_MASK)

/* X(name, roles allowed, description) */
#define ACTION_LIST(X) \
	/* Sessions: anyone with an account. */ \
	X(ACT_LOGIN,		R_ANYONE,	N_("log in")) \
	X(ACT_LOGOUT,		R_ANYONE,	N_("log out")) \
	X(ACT_PW_CHANGE,	R_ANYONE,	N_("change one's own password")) \
	/* The system administrator. */ \
	X(ACT_USER_ADD,		ROLE_SYSADMIN,	N_("create an account")) \
	X(ACT_USER_DISABLE,	ROLE_SYSADMIN,	N_("disable or enable an account")) \
	X(ACT_USER_LIST,	ROLE_SYSADMIN | ROLE_SECADMIN, N_("list accounts")) \
	X(ACT_PRINTER_MANAGE,	ROLE_SYSADMIN,	N_("add, change or remove a printer")) \
	X(ACT_BACKUP,		ROLE_SYSADMIN,	N_("back up the workspace")) \
	X(ACT_RESTORE,		ROLE_SYSADMIN,	N_("restore the workspace")) \
	/* The security administrator. */ \
	X(ACT_USER_ROLES,	ROLE_SECADMIN,	N_("assign roles and clearances")) \
	X(ACT_PW_RESET,		ROLE_SECADMIN,	N_("reset a forgotten password")) \
	X(ACT_USER_UNLOCK,	ROLE_SECADMIN,	N_("unlock a locked account")) \
	X(ACT_POLICY_SET,	ROLE_SECADMIN,	N_("set the password and security policy")) \
	X(ACT_MEDIUM_REGISTER,	ROLE_SECADMIN,	N_("register or revoke removable media")) \
	X(ACT_WORKSTATION_CLASS, ROLE_SECADMIN,	N_("set the workstation's classification")) \
	/* The security auditor. */ \
	X(ACT_AUDIT_READ,	ROLE_AUDITOR,	N_("read and search the audit trail")) \
	X(ACT_AUDIT_VERIFY,	ROLE_AUDITOR,	N_("verify the audit trail")) \
	X(ACT_AUDIT_EXPORT,	ROLE_AUDITOR,	N_("export and archive the audit trail")) \
	/* Documents (Flows 1-5). */ \
	X(ACT_DOC_DRAFT,	ROLE_DRAFTER,	N_("draft or revise a document")) \
	X(ACT_DOC_SUBMIT,	ROLE_DRAFTER,	N_("submit a draft for approval")) \
	X(ACT_DOC_APPROVE,	ROLE_APPROVER,	N_("approve a document at one's level")) \
	X(ACT_DOC_RETURN,	ROLE_APPROVER,	N_("return a document to its drafter")) \
	X(ACT_DOC_ISSUE,	ROLE_APPROVER,	N_("issue (sign off) a document")) \
	X(ACT_DOC_SEND,		ROLE_DRAFTER,	N_("send an approved document for sealing")) \
	X(ACT_DOC_SEAL,		ROLE_CLERK,	N_("verify and apply the seal")) \
	X(ACT_DOC_REJECT,	ROLE_CLERK | ROLE_PRINTER, N_("reject a document with a reason")) \
	X(ACT_DOC_PRINT,	ROLE_PRINTER,	N_("print the approved copies")) \
	X(ACT_DOC_REPRINT,	ROLE_DRAFTER,	N_("apply for a reprint")) \
	X(ACT_DOC_EXTRA_PRINT,	ROLE_DRAFTER,	N_("apply for an extra print")) \
	X(ACT_APP_DECIDE,	ROLE_APPROVER | ROLE_OFFICE_DIRECTOR | ROLE_STATION_DIRECTOR, N_("approve or deny an application")) \
	X(ACT_DOC_RECALL,	ROLE_CLERK,	N_("record recalled copies")) \
	X(ACT_DOC_DESTROY,	ROLE_CLERK,	N_("record destroyed copies")) \
	X(ACT_DOC_BATCH,	ROLE_DRAFTER,	N_("apply for a batch of sealed blank forms")) \
	X(ACT_DOC_READ,		R_ANY_BUSINESS,	N_("read documents")) \
	/* Seals (Art. 5, 6, 14). */ \
	X(ACT_SEAL_ADD,		ROLE_OFFICE_DIRECTOR | ROLE_CLERK, N_("make and register a seal")) \
	X(ACT_SEAL_SUSPEND,	ROLE_OFFICE_DIRECTOR, N_("suspend or revoke a seal")) \
	X(ACT_CUSTODY_REQUEST,	ROLE_CLERK,	N_("ask for proxy custody of a seal")) \
	X(ACT_CUSTODY_APPROVE,	ROLE_OFFICE_DIRECTOR, N_("approve proxy custody")) \
	X(ACT_CUSTODY_CONFIRM,	ROLE_CLERK,	N_("confirm a handover or return")) \
	X(ACT_GRANT,		ROLE_OFFICE_DIRECTOR, N_("grant a seal to a user for a period")) \
	X(ACT_STANDALONE,	ROLE_CLERK,	N_("issue or take back a standalone seal")) \
	/* Reports (Art. 11). */ \
	X(ACT_REPORT,		ROLE_CLERK | ROLE_OFFICE_DIRECTOR, N_("produce the summary of sealing and printing")) \
	X(ACT_EXPORT,		ROLE_CLERK | ROLE_OFFICE_DIRECTOR, N_("export reports to removable media")) \
	/* Written by the system itself, never requested by a user. */ \
	X(ACT_AUDIT_CHECKPOINT,	0,		N_("sign the audit trail's head")) \
	X(ACT_LOGIN_FAILED,	0,		N_("failed login")) \
	X(ACT_LOCKOUT,		0,		N_("account locked after failed logins")) \
	X(ACT_INIT,		0,		N_("create the workspace")) \
	/* Later additions (numbers are stored: append only). */ \
	X(ACT_DEPT_MANAGE,	ROLE_SYSADMIN,	N_("add a department")) \
	X(ACT_SEAL_READ,	R_ANY_BUSINESS,	N_("list seals and show a seal's register entry")) \
	X(ACT_SEAL_TRUST,	ROLE_OFFICE_DIRECTOR, N_("import another body's root certificate")) \
	X(ACT_SEAL_CRL,		ROLE_OFFICE_DIRECTOR | ROLE_CLERK, N_("import or export a certificate revocation list")) \
	X(ACT_REPORT_ACCOUNTS,	ROLE_SECADMIN,	N_("produce and export the register of accounts")) \
	X(ACT_STANDALONE_USE,	0,		N_("a use of a standalone seal at a work station, imported on its return")) \
	X(ACT_COMPACT,		ROLE_SYSADMIN,	N_("compact the workspace's database files"))

#define ACTION_ENUM(name, roles, desc) name,
enum action {
	ACTION_LIST(ACTION_ENUM)
	ACT__COUNT
};
#undef ACTION_ENUM

/* The roles allowed to perform ACT (0 for system-only actions). */
uint32_t action_roles(enum action act);

/* "ACT_DOC_SEAL" style name, stable, for the audit trail and logs. */
const char *action_name(enum action act);

/* The translated description. */
const char *action_describe(enum action act);

#endif
