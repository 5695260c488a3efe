/*
 * records.h -- the domain records kept in the workspace, as C structs.
 *
 * These are plain data: no Berkeley DB types, no behaviour.  The store
 * encodes each kind in a versioned binary format (see codec.c and the
 * manual's "Record format" section) and keeps the secondary indexes that
 * screens and reports list by.  Rules about what may change a record live
 * in src/core, never here.
 *
 * Conventions: every record starts with `uint64_t id` (0 = not yet stored;
 * store_put assigns the next id of that kind).  Times are seconds since
 * the epoch, UTC.  Strings are NUL-terminated UTF-8 owned by the record
 * (NULL reads as ""); blobs are owned byte strings.  rec_free() releases
 * what a record owns, not the struct itself.
 */
#ifndef ESEAL_STORE_RECORDS_H
#define ESEAL_STORE_RECORDS_H

#include <stddef.h>
#include <stdint.h>

struct blob {
	unsigned char	*data;
	size_t		 len;
};

/* Every kind of record; the order is part of the on-disk format (the
 * kind number prefixes ids in the audit trail): add at the end only. */
enum rec_kind {
	REC_META,		/* workspace settings: one record per key */
	REC_DEPT,		/* a department (科室) or a work station */
	REC_USER,		/* an account with its roles */
	REC_SEAL,		/* a seal: impression, keys, custodian, status */
	REC_PRINTER,		/* a printer in the register */
	REC_MEDIUM,		/* a registered removable medium */
	REC_DOC,		/* a document: its current state */
	REC_VERSION,		/* one immutable version of a document */
	REC_APPROVAL,		/* one step of an approval chain */
	REC_APPLICATION,	/* reprint, extra print, blank-form batch, proxy... */
	REC_PRINTJOB,		/* one print job and the copy numbers it produced */
	REC_RECALL,		/* one recalled copy and its destruction */
	REC_CUSTODY,		/* custody, proxy custody, handover and return */
	REC_GRANT,		/* a seal granted to a user for a period */
	REC_AUDIT,		/* one audit-trail entry (id = sequence number) */
	REC__COUNT
};

/* -- Roles ------------------------------------------------------------- */

/* Role bits of an account.  The three administrators of a classified
 * system are mutually exclusive and hold no business role (Art. 7); the
 * store refuses any other combination (store_put returns
 * STATUS_ROLE_CONFLICT). */
enum role {
	ROLE_DRAFTER		= 1u << 0,
	ROLE_APPROVER		= 1u << 1,
	ROLE_CLERK		= 1u << 2,
	ROLE_PRINTER		= 1u << 3,
	ROLE_OFFICE_DIRECTOR	= 1u << 4,
	ROLE_STATION_DIRECTOR	= 1u << 5,
	ROLE_IT_STAFF		= 1u << 6,
	ROLE_SYSADMIN		= 1u << 16,
	ROLE_SECADMIN		= 1u << 17,
	ROLE_AUDITOR		= 1u << 18
};
#define ROLE_BUSINESS_MASK	0x0000ffffu
#define ROLE_ADMIN_MASK		(ROLE_SYSADMIN | ROLE_SECADMIN | ROLE_AUDITOR)

/* Non-zero when ROLES is a combination the rules allow. */
int role_set_valid(uint32_t roles);

/* -- Documents ---------------------------------------------------------- */

enum doc_kind {			/* Art. 1-3; order is on disk */
	DOC_OFFICIAL_ADMIN,	/* 行政文件 */
	DOC_OFFICIAL_OFFICE,	/* 办公室文件 */
	DOC_LIT_TABLE,		/* 表格类文书 */
	DOC_LIT_FILL_IN,	/* 填充类文书 */
	DOC_LIT_COMPOSED,	/* 制作类文书 (请示, 决定, 委托函 ...) */
	DOC_PARTY_GROUP,	/* 党组文件: recorded, never e-sealed */
	DOC_OUTSIDE_SYSTEM,	/* did not flow through the system: same */
	DOC__KIND_COUNT
};

enum classification { CLASS_NONE, CLASS_SECRET, CLASS_CONFIDENTIAL, CLASS_TOP_SECRET };
enum urgency { URGENCY_NONE, URGENCY_NORMAL, URGENCY_URGENT, URGENCY_VERY_URGENT };
enum seal_mode { SEAL_MODE_ELECTRONIC, SEAL_MODE_TRADITIONAL };

/* The workflow's states; src/core/workflow.c opens with the diagram. */
enum doc_state {
	DOC_DRAFT,		/* being written or revised by the drafter */
	DOC_IN_APPROVAL,	/* waiting for the approver at approval_level */
	DOC_RETURNED,		/* returned by an approver, back with the drafter */
	DOC_APPROVED,		/* issued (签发); the drafter checks and sends */
	DOC_TO_SEAL,		/* sent to the clerk; the version is frozen */
	DOC_SEALED,		/* sealed; waiting for the print room */
	DOC_PRINTED,		/* all approved copies printed */
	DOC_REJECTED,		/* rejected (退签) by the clerk or print room */
	DOC_REFUSED,		/* kind or mode that is never e-sealed */
	DOC_CLOSED,		/* superseded or withdrawn; kept for the record */
	DOC__STATE_COUNT
};

struct rec_meta {
	uint64_t	 id;
	char		*key;		/* "schema", "bureau", "classification" ... */
	char		*value;
};

struct rec_dept {
	uint64_t	 id;
	char		*name;		/* full name, e.g. 行政复议科 */
	char		*number_prefix;	/* 发文字号 prefix, e.g. 示司发 */
	uint8_t		 is_station;	/* a town or street work station */
};

struct rec_user {
	uint64_t	 id;
	char		*name;		/* login name, unique */
	char		*full_name;
	uint64_t	 dept_id;
	uint32_t	 roles;		/* enum role bits */
	uint32_t	 issuing_kinds;	/* bit per enum doc_kind: may issue (签发) */
	uint8_t		 leader_level;	/* 0 none, 1 section chief, 2 leader in charge, 3 bureau leader */
	uint8_t		 clearance;	/* enum classification */
	uint8_t		 disabled;
	uint8_t		 pw_must_change;
	struct blob	 pw_hash;	/* self-describing KDF output */
	struct blob	 pw_history;	/* the previous hashes, newest first */
	int64_t		 pw_changed;
	uint32_t	 failed_logins;
	int64_t		 locked_until;
	int64_t		 created;
};

enum seal_status { SEAL_ACTIVE, SEAL_SUSPENDED, SEAL_REVOKED };

struct rec_seal {
	uint64_t	 id;
	char		*regno;		/* registration number, unique */
	char		*name;
	char		*owner_body;	/* the body's full name on the ring */
	char		*purpose;	/* optional lower line, e.g. 公文专用 */
	uint8_t		 status;	/* enum seal_status */
	uint8_t		 key_alg;	/* crypto algorithm id */
	uint64_t	 status_by;
	char		*status_reason;
	int64_t		 status_time;
	uint64_t	 custodian_id;
	struct blob	 impression;	/* PNG */
	struct blob	 impression_sm3;
	struct blob	 public_key;
	struct blob	 wrapped_key;	/* under the custodian's password */
	struct blob	 seal_der;	/* SESeal, DER */
	struct blob	 cert;		/* the seal key's certificate, DER */
	int64_t		 valid_from;
	int64_t		 valid_to;
	int64_t		 created;
};

enum printer_kind { PRINTER_FOLDER, PRINTER_CUPS };

struct rec_printer {
	uint64_t	 id;
	char		*name;
	char		*queue;		/* CUPS queue, or the folder's path */
	char		*location;
	uint8_t		 kind;		/* enum printer_kind */
	uint8_t		 colour;
	uint8_t		 classified;
	uint8_t		 disabled;
};

struct rec_medium {
	uint64_t	 id;
	char		*uuid;		/* filesystem UUID, or a test directory */
	char		*label;
	uint64_t	 registered_by;
	int64_t		 registered_at;
	uint8_t		 revoked;
};

struct rec_doc {
	uint64_t	 id;
	uint8_t		 kind;		/* enum doc_kind */
	uint8_t		 state;		/* enum doc_state */
	uint8_t		 seal_mode;
	uint8_t		 classification;
	uint8_t		 urgency;
	uint8_t		 special_number;
	uint8_t		 batch;		/* a batch of sealed blank forms */
	uint8_t		 approval_level; /* index into the chain while in approval */
	char		*title;		/* of the current version, for lists */
	char		*form;		/* form definition name */
	uint64_t	 dept_id;
	uint64_t	 drafter_id;
	uint64_t	 seal_id;	/* the seal applied, once sealed */
	uint32_t	 version;	/* current version number, from 1 */
	uint32_t	 sealed_version; /* the version that was sealed, or 0 */
	uint32_t	 copies;	/* approved copies, extra prints included */
	uint32_t	 copies_printed;
	uint32_t	 next_copy_no;	/* copy numbers are never reused */
	char		*number_prefix;	/* 发文字号, allocated at issuance */
	uint32_t	 number_year;
	uint32_t	 number_seq;
	int64_t		 created;
	int64_t		 updated;
	/* Kept by the store at every put from the document's own records
	 * (steps.c), whatever the caller set: while the document is in
	 * approval, the step it waits at (STORE_DOC_STEP) and who approved
	 * its current version so far; all 0 otherwise (schema 5). */
	uint8_t		 waits_for;
	uint64_t	 acted1;
	uint64_t	 acted2;
	uint64_t	 acted3;
};

struct rec_version {
	uint64_t	 id;
	uint64_t	 doc_id;
	uint32_t	 number;	/* 1, 2, ... per document */
	uint8_t		 frozen;	/* sent for e-sealing: immutable (Art. 10) */
	uint64_t	 author_id;
	char		*title;
	char		*recipients;
	char		*body;
	char		*attachments;
	char		*issuing_body;
	char		*classification_period;
	char		*fields;	/* other form fields, "key: value" lines */
	struct blob	 content_sm3;	/* hash of the canonical content */
	struct blob	 pdf_sm3;	/* hash of the rendered, sealed PDF */
	struct blob	 signature;	/* SES_Signature, DER */
	int64_t		 created;
};

enum approval_action { APPROVAL_APPROVE, APPROVAL_RETURN, APPROVAL_ISSUE,
	APPROVAL_REJECT };	/* 退签 by the clerk or print room: level 0 */

struct rec_approval {
	uint64_t	 id;
	uint64_t	 doc_id;
	uint32_t	 version;
	uint8_t		 level;
	uint8_t		 action;	/* enum approval_action */
	uint64_t	 approver_id;
	char		*comment;
	int64_t		 time;
};

enum app_kind { APP_REPRINT, APP_EXTRA_PRINT, APP_BATCH, APP_PROXY, APP_STANDALONE, APP_SEAL };
enum app_state { APP_PENDING, APP_APPROVED, APP_DENIED, APP_DONE, APP_CANCELLED,
	APP_ISSUED };	/* a standalone seal out at its station */

struct rec_application {
	uint64_t	 id;
	uint8_t		 kind;		/* enum app_kind */
	uint8_t		 state;		/* enum app_state */
	uint64_t	 doc_id;	/* or 0 */
	uint64_t	 seal_id;	/* or 0 */
	uint64_t	 applicant_id;
	uint64_t	 subject_id;	/* the proxy, the designated person ... */
	uint32_t	 count;		/* copies, forms or uses asked for */
	char		*reason;
	uint64_t	 decided_by;
	uint64_t	 decided_by2;	/* the second approval, where two are needed */
	int64_t		 period_from;
	int64_t		 period_to;
	int64_t		 created;
	int64_t		 decided;
	/* A standalone seal's station, issue and return (Art. 14). */
	uint64_t	 station_id;
	int64_t		 issued_at;
	uint64_t	 issued_by;
	uint64_t	 medium_id;
	uint32_t	 uses;		/* uses imported at the return */
	int64_t		 returned_at;
	uint64_t	 returned_by;
	uint32_t	 tampered;	/* enum status found at the return */
};

enum print_outcome { PRINT_PENDING, PRINT_DONE, PRINT_FAILED, PRINT_CANCELLED };

struct rec_printjob {
	uint64_t	 id;
	uint64_t	 doc_id;
	uint32_t	 version;
	uint64_t	 printer_id;
	uint64_t	 user_id;
	uint32_t	 first_copy;	/* copies first_copy .. first_copy+count-1 */
	uint32_t	 count;
	uint32_t	 pages;
	uint32_t	 queue_job;	/* the CUPS job id, or 0 */
	uint8_t		 outcome;	/* enum print_outcome */
	char		*message;
	int64_t		 time;
	int64_t		 started;	/* the real clock at reservation, even
					 * under a fake one: settling counts
					 * only copies written since; 0 in
					 * jobs written before it was kept */
};

struct rec_recall {
	uint64_t	 id;
	uint64_t	 doc_id;
	uint32_t	 version;
	uint32_t	 copy_no;
	uint64_t	 recalled_by;
	int64_t		 recalled_at;
	uint64_t	 destroyed_by;	/* 0 until destroyed */
	char		*witness;
	int64_t		 destroyed_at;
};

enum custody_kind { CUSTODY_ASSIGN, CUSTODY_PROXY };
enum custody_state { CUSTODY_REQUESTED, CUSTODY_APPROVED, CUSTODY_ACTIVE, CUSTODY_RETURNED, CUSTODY_DENIED };

struct rec_custody {
	uint64_t	 id;
	uint64_t	 seal_id;
	uint8_t		 kind;		/* enum custody_kind */
	uint8_t		 state;		/* enum custody_state */
	uint64_t	 from_user;	/* the custodian */
	uint64_t	 to_user;	/* the proxy */
	uint64_t	 approved_by;
	int64_t		 period_from;
	int64_t		 period_to;
	int64_t		 handover_from_at;	/* custodian confirmed */
	int64_t		 handover_to_at;	/* proxy confirmed */
	int64_t		 returned_at;
	struct blob	 wrapped_key;	/* re-wrapped for the proxy */
	int64_t		 created;
};

struct rec_grant {
	uint64_t	 id;
	uint64_t	 seal_id;
	uint64_t	 user_id;
	int64_t		 period_from;
	int64_t		 period_to;
	uint32_t	 max_uses;	/* 0 = no limit */
	uint32_t	 uses;
};

enum audit_outcome { AUDIT_OK, AUDIT_REFUSED, AUDIT_FAILED };

struct rec_audit {
	uint64_t	 id;		/* the sequence number, from 1 */
	int64_t		 time;
	uint64_t	 user_id;
	uint32_t	 role;		/* the role the user acted in */
	char		*terminal;
	uint16_t	 action;	/* enum action in src/core */
	uint8_t		 object_kind;	/* enum rec_kind */
	uint64_t	 object_id;
	uint8_t		 outcome;	/* enum audit_outcome */
	char		*detail;	/* reason, or what changed; never a secret */
	struct blob	 prev_hash;	/* SM3 of the previous entry's encoding */
	struct blob	 signature;	/* on checkpoint entries: over the chain head */
};

/* Release what a record of KIND owns (strings, blobs); REC may be zeroed. */
void rec_free(enum rec_kind kind, void *rec);

/* The size of the struct for KIND. */
size_t rec_size(enum rec_kind kind);

#endif
