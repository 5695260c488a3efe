/*
 * rec_recall.c -- how the store keeps one recalled copy and its destruction
 * (struct rec_recall), indexed by document and copy number, and by the
 * times of recall and destruction.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const struct field rec_recall_fields[] = {
	FIELD(1, FT_U64, 0, rec_recall, doc_id),
	FIELD(2, FT_U32, 0, rec_recall, version),
	FIELD(3, FT_U32, 0, rec_recall, copy_no),
	FIELD(4, FT_U64, 0, rec_recall, recalled_by),
	FIELD(5, FT_I64, FF_TIME, rec_recall, recalled_at),
	FIELD(6, FT_U64, 0, rec_recall, destroyed_by),
	FIELD(7, FT_STR, 0, rec_recall, witness),
	FIELD(8, FT_I64, FF_TIME, rec_recall, destroyed_at),
};

const struct rec_type rec_recall_type = {
	REC_RECALL, "recall", sizeof (struct rec_recall),
	rec_recall_fields, sizeof rec_recall_fields / sizeof rec_recall_fields[0],
	NULL, NULL
};

/* IDX_RECALL_DOC: document, copy number, then the id. */
const struct index_def rec_recall_idx_doc = {
	IDX_RECALL_DOC, REC_RECALL, "recall-by-doc.db", 0, 2,
	{ { offsetof(struct rec_recall, doc_id), FT_U64, 0 },
	    { offsetof(struct rec_recall, copy_no), FT_U32, 0 } }, 0
};

/* IDX_RECALL_RECALLED: when the copy was recalled, then the id. */
const struct index_def rec_recall_idx_recalled = {
	IDX_RECALL_RECALLED, REC_RECALL, "recall-by-recalled.db", 0, 1,
	{ { offsetof(struct rec_recall, recalled_at), FT_I64, 0 } }, 0
};

/* IDX_RECALL_DESTROYED: when it was destroyed (0, first in the index,
 * until then), then the id. */
const struct index_def rec_recall_idx_destroyed = {
	IDX_RECALL_DESTROYED, REC_RECALL, "recall-by-destroyed.db", 0, 1,
	{ { offsetof(struct rec_recall, destroyed_at), FT_I64, 0 } }, 0
};
