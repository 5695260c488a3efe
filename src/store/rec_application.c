/*
 * rec_application.c -- how the store keeps an application -- reprint, extra
 * print, blank-form batch, proxy custody, standalone seal (struct
 * rec_application) -- and its index by state, kind and time.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_app_kind_names[] = {
	"reprint", "extra-print", "batch", "proxy", "standalone",
	"seal"
};

static const char *const rec_app_state_names[] = {
	"pending", "approved", "denied", "done", "cancelled", "issued"
};

static const struct field rec_application_fields[] = {
	FIELD_ENUM(1, FT_U8, rec_application, kind, rec_app_kind_names),
	FIELD_ENUM(2, FT_U8, rec_application, state, rec_app_state_names),
	FIELD(3, FT_U64, 0, rec_application, doc_id),
	FIELD(4, FT_U64, 0, rec_application, seal_id),
	FIELD(5, FT_U64, 0, rec_application, applicant_id),
	FIELD(6, FT_U64, 0, rec_application, subject_id),
	FIELD(7, FT_U32, 0, rec_application, count),
	FIELD(8, FT_STR, 0, rec_application, reason),
	FIELD(9, FT_U64, 0, rec_application, decided_by),
	FIELD(10, FT_U64, 0, rec_application, decided_by2),
	FIELD(11, FT_I64, FF_TIME, rec_application, period_from),
	FIELD(12, FT_I64, FF_TIME, rec_application, period_to),
	FIELD(13, FT_I64, FF_TIME, rec_application, created),
	FIELD(14, FT_I64, FF_TIME, rec_application, decided),
	FIELD(15, FT_U64, 0, rec_application, station_id),
	FIELD(16, FT_I64, FF_TIME, rec_application, issued_at),
	FIELD(17, FT_U64, 0, rec_application, issued_by),
	FIELD(18, FT_U64, 0, rec_application, medium_id),
	FIELD(19, FT_U32, 0, rec_application, uses),
	FIELD(20, FT_I64, FF_TIME, rec_application, returned_at),
	FIELD(21, FT_U64, 0, rec_application, returned_by),
	FIELD(22, FT_U32, 0, rec_application, tampered),
};

const struct rec_type rec_application_type = {
	REC_APPLICATION, "application", sizeof (struct rec_application),
	rec_application_fields, sizeof rec_application_fields / sizeof rec_application_fields[0],
	NULL, NULL
};

/* IDX_APPLICATION_STATE: state, kind, created, then the id. */
const struct index_def rec_application_idx_state = {
	IDX_APPLICATION_STATE, REC_APPLICATION, "application-by-state.db", 0, 3,
	{ { offsetof(struct rec_application, state), FT_U8, 0 },
	    { offsetof(struct rec_application, kind), FT_U8, 0 },
	    { offsetof(struct rec_application, created), FT_I64, 0 } }, 0
};

/* IDX_APPLICATION_KIND: kind, created, then the id: the applications of
 * one kind made in a period, whatever became of them. */
const struct index_def rec_application_idx_kind = {
	IDX_APPLICATION_KIND, REC_APPLICATION, "application-by-kind.db", 0, 2,
	{ { offsetof(struct rec_application, kind), FT_U8, 0 },
	    { offsetof(struct rec_application, created), FT_I64, 0 } }, 0
};

/* IDX_APPLICATION_DOC: doc_id, created, then the id: a document's own
 * applications, for its detail view, without reading anyone else's. */
const struct index_def rec_application_idx_doc = {
	IDX_APPLICATION_DOC, REC_APPLICATION, "application-by-doc.db", 0, 2,
	{ { offsetof(struct rec_application, doc_id), FT_U64, 0 },
	    { offsetof(struct rec_application, created), FT_I64, 0 } }, 0
};
