/*
 * rec_printjob.c -- how the store keeps one print job and the copy numbers
 * it produced (struct rec_printjob), indexed by time and by document.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_print_outcome_names[] = {
	"pending", "done", "failed", "cancelled"
};

static const struct field rec_printjob_fields[] = {
	FIELD(1, FT_U64, 0, rec_printjob, doc_id),
	FIELD(2, FT_U32, 0, rec_printjob, version),
	FIELD(3, FT_U64, 0, rec_printjob, printer_id),
	FIELD(4, FT_U64, 0, rec_printjob, user_id),
	FIELD(5, FT_U32, 0, rec_printjob, first_copy),
	FIELD(6, FT_U32, 0, rec_printjob, count),
	FIELD(7, FT_U32, 0, rec_printjob, pages),
	FIELD(8, FT_U32, 0, rec_printjob, queue_job),
	FIELD_ENUM(9, FT_U8, rec_printjob, outcome, rec_print_outcome_names),
	FIELD(10, FT_STR, 0, rec_printjob, message),
	FIELD(11, FT_I64, FF_TIME, rec_printjob, time),
	FIELD(12, FT_I64, FF_TIME, rec_printjob, started),
};

const struct rec_type rec_printjob_type = {
	REC_PRINTJOB, "printjob", sizeof (struct rec_printjob),
	rec_printjob_fields, sizeof rec_printjob_fields / sizeof rec_printjob_fields[0],
	NULL, NULL
};

/* IDX_PRINTJOB_TIME: time, then the id. */
const struct index_def rec_printjob_idx_time = {
	IDX_PRINTJOB_TIME, REC_PRINTJOB, "printjob-by-time.db", 0, 1,
	{ { offsetof(struct rec_printjob, time), FT_I64, 0 } }, 1
};

/* IDX_PRINTJOB_DOC: document, time, then the id. */
const struct index_def rec_printjob_idx_doc = {
	IDX_PRINTJOB_DOC, REC_PRINTJOB, "printjob-by-doc.db", 0, 2,
	{ { offsetof(struct rec_printjob, doc_id), FT_U64, 0 },
	    { offsetof(struct rec_printjob, time), FT_I64, 0 } }, 0
};
