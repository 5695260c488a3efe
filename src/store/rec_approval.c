/*
 * rec_approval.c -- how the store keeps one step of an approval chain
 * (struct rec_approval) and its index by document and time.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_approval_action_names[] = {
	"approve", "return", "issue"
};

static const struct field rec_approval_fields[] = {
	FIELD(1, FT_U64, 0, rec_approval, doc_id),
	FIELD(2, FT_U32, 0, rec_approval, version),
	FIELD(3, FT_U8, 0, rec_approval, level),
	FIELD_ENUM(4, FT_U8, rec_approval, action, rec_approval_action_names),
	FIELD(5, FT_U64, 0, rec_approval, approver_id),
	FIELD(6, FT_STR, 0, rec_approval, comment),
	FIELD(7, FT_I64, FF_TIME, rec_approval, time),
};

const struct rec_type rec_approval_type = {
	REC_APPROVAL, "approval", sizeof (struct rec_approval),
	rec_approval_fields, sizeof rec_approval_fields / sizeof rec_approval_fields[0],
	NULL, NULL
};

/* IDX_APPROVAL_DOC: document, time, then the id. */
const struct index_def rec_approval_idx_doc = {
	IDX_APPROVAL_DOC, REC_APPROVAL, "approval-by-doc.db", 0, 2,
	{ { offsetof(struct rec_approval, doc_id), FT_U64, 0 },
	    { offsetof(struct rec_approval, time), FT_I64, 0 } }, 0
};

/* IDX_APPROVAL_ACTION: action, time, then the id: the rejections (退签)
 * of a period without reading any other approval. */
const struct index_def rec_approval_idx_action = {
	IDX_APPROVAL_ACTION, REC_APPROVAL, "approval-by-action.db", 0, 2,
	{ { offsetof(struct rec_approval, action), FT_U8, 0 },
	    { offsetof(struct rec_approval, time), FT_I64, 0 } }, 0
};
