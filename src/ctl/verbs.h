/*
 * verbs.h -- every esealctl verb: its handler and its line in --help.
 * A new verb is one declaration and one table row here, and one file.
 */
#ifndef ESEAL_CTL_VERBS_H
#define ESEAL_CTL_VERBS_H

#include "ctl/ctl.h"

int ctl_info_run(struct ctl *c);
int ctl_check_run(struct ctl *c);
int ctl_upgrade_run(struct ctl *c);
int ctl_backup_run(struct ctl *c);
int ctl_restore_run(struct ctl *c);
int ctl_dump_run(struct ctl *c);
int ctl_audit_run(struct ctl *c);
int ctl_init_run(struct ctl *c);
int ctl_user_run(struct ctl *c);
int ctl_passwd_run(struct ctl *c);
int ctl_dept_run(struct ctl *c);
int ctl_policy_run(struct ctl *c);
int ctl_doc_run(struct ctl *c);
int ctl_print_run(struct ctl *c);
int ctl_printer_run(struct ctl *c);
int ctl_seal_run(struct ctl *c);
int ctl_verify_run(struct ctl *c);
int ctl_report_run(struct ctl *c);
int ctl_media_run(struct ctl *c);
int ctl_standalone_run(struct ctl *c);
int ctl_compact_run(struct ctl *c);

#define CTL_VERB_LIST \
	{ "info", ctl_info_run, "", N_("show what eseal was built with") }, \
	{ "check", ctl_check_run, "", N_("verify the database files and records; exit 1 on any fault") }, \
	{ "upgrade", ctl_upgrade_run, "", N_("bring a workspace of an older eseal up to date") }, \
	{ "backup", ctl_backup_run, "DIR", N_("back up the live workspace into a new or empty DIR") }, \
	{ "restore", ctl_restore_run, "[--force] DIR", N_("restore the backup in DIR into the workspace") }, \
	{ "dump", ctl_dump_run, "[KIND]", N_("print every record (secrets masked)") }, \
	{ "init", ctl_init_run, "--bureau NAME [OPTION]...", N_("create a workspace and its three administrators") }, \
	{ "user", ctl_user_run, "add|list|roles|reset ...", N_("manage accounts (administrators)") }, \
	{ "passwd", ctl_passwd_run, "", N_("change the --user's own password") }, \
	{ "dept", ctl_dept_run, "add NAME | list", N_("add or list departments") }, \
	{ "policy", ctl_policy_run, "show | set NAME=VALUE...", N_("show or set the password policy") }, \
	{ "doc", ctl_doc_run, "new|show|approve|seal ...", N_("draft, approve, seal, reject, reprint documents (Flows 1-5)") }, \
	{ "print", ctl_print_run, "ID --printer NAME [--copies N]", N_("print the numbered copies of a sealed document (Flow 2, Art. 11)") }, \
	{ "printer", ctl_printer_run, "add|list|show|disable|enable|remove ...", N_("the printer register: colour and classified printers (system administrator)") }, \
	{ "seal", ctl_seal_run, "add|list|show|revoke ...", N_("the seal register, custody, grants and trusted roots (Art. 5, 6)") }, \
	{ "verify", ctl_verify_run, "FILE [SIGNATURE]", N_("check a sealed file's GB/T 38540 signature, each check in turn (Art. 4)") }, \
	{ "audit", ctl_audit_run, "verify|list|export ...", N_("verify, search and export the audit trail (security auditor)") }, \
	{ "report", ctl_report_run, "summary|registers|accounts|export|verify ...", N_("the summary of sealing and printing and the registers; export them to removable media (Art. 11)") }, \
	{ "media", ctl_media_run, "list|register|revoke ...", N_("the removable media reports may be exported to (security administrator)") }, \
	{ "standalone", ctl_standalone_run, "apply|approve|deny|issue|return|list ...", N_("standalone seals for the work stations: apply, approve, issue to a medium, take back (Art. 14)") }, \
	{ "compact", ctl_compact_run, "[--passes N]", N_("give the database files' half-empty pages back to the disk (system administrator; nightly)") },

#endif
