/*
 * rec_audit.c -- how the store keeps one audit-trail entry (struct
 * rec_audit; its id is the sequence number).  Its summary by time is
 * audtime.c's.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 *
 * The detail, 43 bytes on average and too short for zlib alone, is
 * packed against the dictionary of the phrases the program writes there
 * (DICT_AUDIT, dict.c) when that is shorter (schema 10).  The chain's
 * hash is over the entry's canonical encoding (the core's audit.c), not
 * the stored bytes, so how the detail is stored changes no hash.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_audit_outcome_names[] = {
	"ok", "refused", "failed"
};

static const struct field rec_audit_fields[] = {
	FIELD(1, FT_I64, FF_TIME, rec_audit, time),
	FIELD(2, FT_U64, 0, rec_audit, user_id),
	FIELD(3, FT_U32, FF_ROLES, rec_audit, role),
	FIELD(4, FT_STR, 0, rec_audit, terminal),
	FIELD(5, FT_U16, 0, rec_audit, action),
	FIELD_ENUM(6, FT_U8, rec_audit, object_kind, rec_kind_names),
	FIELD(7, FT_U64, 0, rec_audit, object_id),
	FIELD_ENUM(8, FT_U8, rec_audit, outcome, rec_audit_outcome_names),
	FIELD_DICT(9, FT_STR, 0, DICT_AUDIT, rec_audit, detail),
	FIELD(10, FT_BLOB, 0, rec_audit, prev_hash),
	FIELD(11, FT_BLOB, 0, rec_audit, signature),
};

const struct rec_type rec_audit_type = {
	REC_AUDIT, "audit", sizeof (struct rec_audit),
	rec_audit_fields, sizeof rec_audit_fields / sizeof rec_audit_fields[0],
	NULL, NULL
};

/* Until schema 8 the trail was also indexed by action and time
 * (audit-by-action.db), for the period reports to find a period's
 * sealings; they count them from the documents (IDX_DOC_UPDATED) since
 * the daily totals, nothing read it, and it took 0.4 KiB a document at
 * 10,000 generated documents (its pages half full, every action's run of
 * keys growing in the middle of the file).  The upgrade to schema 8
 * removes the file.  Until schema 9 it was also indexed by time
 * (audit-by-time.db, an entry for every entry: 0.26 KiB a document);
 * the summary of its blocks' times (audtime.c) took its place. */
