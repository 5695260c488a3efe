/*
 * rec_doc.c -- how the store keeps a document's current state (struct
 * rec_doc) and the three indexes the inbox and the lists read: by state, by
 * drafter, by time.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_doc_kind_names[] = {
	"official-admin", "official-office", "lit-table",
	"lit-fill-in", "lit-composed", "party-group", "outside-system"
};

static const char *const rec_doc_state_names[] = {
	"draft", "in-approval", "returned", "approved", "to-seal",
	"sealed", "printed", "rejected", "refused", "closed"
};

static const char *const rec_doc_mode_names[] = {
	"electronic", "traditional"
};

static const char *const rec_doc_urgency_names[] = {
	"none", "normal", "urgent", "very-urgent"
};

static const struct field rec_doc_fields[] = {
	FIELD_ENUM(1, FT_U8, rec_doc, kind, rec_doc_kind_names),
	FIELD_ENUM(2, FT_U8, rec_doc, state, rec_doc_state_names),
	FIELD_ENUM(3, FT_U8, rec_doc, seal_mode, rec_doc_mode_names),
	FIELD_ENUM(4, FT_U8, rec_doc, classification, rec_class_names),
	FIELD_ENUM(5, FT_U8, rec_doc, urgency, rec_doc_urgency_names),
	FIELD(6, FT_U8, 0, rec_doc, special_number),
	FIELD(7, FT_U8, 0, rec_doc, batch),
	FIELD(8, FT_U8, 0, rec_doc, approval_level),
	FIELD_DICT(9, FT_STR, 0, DICT_TEXT, rec_doc, title),
	FIELD(10, FT_STR, 0, rec_doc, form),
	FIELD(11, FT_U64, 0, rec_doc, dept_id),
	FIELD(12, FT_U64, 0, rec_doc, drafter_id),
	FIELD(13, FT_U64, 0, rec_doc, seal_id),
	FIELD(14, FT_U32, 0, rec_doc, version),
	FIELD(15, FT_U32, 0, rec_doc, sealed_version),
	FIELD(16, FT_U32, 0, rec_doc, copies),
	FIELD(17, FT_U32, 0, rec_doc, copies_printed),
	FIELD(18, FT_U32, 0, rec_doc, next_copy_no),
	FIELD_DICT(19, FT_STR, 0, DICT_TEXT, rec_doc, number_prefix),
	FIELD(20, FT_U32, 0, rec_doc, number_year),
	FIELD(21, FT_U32, 0, rec_doc, number_seq),
	FIELD(22, FT_I64, FF_TIME, rec_doc, created),
	FIELD(23, FT_I64, FF_TIME, rec_doc, updated),
	FIELD(24, FT_U8, 0, rec_doc, waits_for),
	FIELD(25, FT_U64, 0, rec_doc, acted1),
	FIELD(26, FT_U64, 0, rec_doc, acted2),
	FIELD(27, FT_U64, 0, rec_doc, acted3),
};

const struct rec_type rec_doc_type = {
	REC_DOC, "doc", sizeof (struct rec_doc),
	rec_doc_fields, sizeof rec_doc_fields / sizeof rec_doc_fields[0],
	NULL, NULL
};

/* IDX_DOC_STATE: state, urgency (highest first), updated, then the id. */
const struct index_def rec_doc_idx_state = {
	IDX_DOC_STATE, REC_DOC, "doc-by-state.db", 0, 3,
	{ { offsetof(struct rec_doc, state), FT_U8, 0 },
	    { offsetof(struct rec_doc, urgency), FT_U8, 1 },
	    { offsetof(struct rec_doc, updated), FT_I64, 0 } }, 0
};

/* IDX_DOC_DRAFTER: drafter, updated, then the id. */
const struct index_def rec_doc_idx_drafter = {
	IDX_DOC_DRAFTER, REC_DOC, "doc-by-drafter.db", 0, 2,
	{ { offsetof(struct rec_doc, drafter_id), FT_U64, 0 },
	    { offsetof(struct rec_doc, updated), FT_I64, 0 } }, 1
};

/* IDX_DOC_UPDATED: updated, then the id. */
const struct index_def rec_doc_idx_updated = {
	IDX_DOC_UPDATED, REC_DOC, "doc-by-updated.db", 0, 1,
	{ { offsetof(struct rec_doc, updated), FT_I64, 0 } }, 1
};

/* IDX_DOC_STEP: the step a document in approval waits at (0 for every
 * other document), urgency (highest first), updated, then the id; its
 * entries are counted per step (counts.c), so the approver's count is
 * one read for each step they may act at (schema 5). */
const struct index_def rec_doc_idx_step = {
	IDX_DOC_STEP, REC_DOC, "doc-by-step.db", 0, 3,
	{ { offsetof(struct rec_doc, waits_for), FT_U8, 0 },
	    { offsetof(struct rec_doc, urgency), FT_U8, 1 },
	    { offsetof(struct rec_doc, updated), FT_I64, 0 } }, 0
};

/* IDX_DOC_OWN_STEP and IDX_DOC_ACTED1..3: a person (the drafter, or an
 * approver of the current version), the step, then the id: the few
 * waiting documents a person may not act on, found without a walk. */
const struct index_def rec_doc_idx_own_step = {
	IDX_DOC_OWN_STEP, REC_DOC, "doc-by-own-step.db", 0, 2,
	{ { offsetof(struct rec_doc, drafter_id), FT_U64, 0 },
	    { offsetof(struct rec_doc, waits_for), FT_U8, 0 } }, 0
};

const struct index_def rec_doc_idx_acted1 = {
	IDX_DOC_ACTED1, REC_DOC, "doc-by-acted1.db", 0, 2,
	{ { offsetof(struct rec_doc, acted1), FT_U64, 0 },
	    { offsetof(struct rec_doc, waits_for), FT_U8, 0 } }, 0
};

const struct index_def rec_doc_idx_acted2 = {
	IDX_DOC_ACTED2, REC_DOC, "doc-by-acted2.db", 0, 2,
	{ { offsetof(struct rec_doc, acted2), FT_U64, 0 },
	    { offsetof(struct rec_doc, waits_for), FT_U8, 0 } }, 0
};

const struct index_def rec_doc_idx_acted3 = {
	IDX_DOC_ACTED3, REC_DOC, "doc-by-acted3.db", 0, 2,
	{ { offsetof(struct rec_doc, acted3), FT_U64, 0 },
	    { offsetof(struct rec_doc, waits_for), FT_U8, 0 } }, 0
};
