/*
 * rec_custody.c -- how the store keeps custody, proxy custody, handover and
 * return of a seal (struct rec_custody), indexed by seal and time. The
 * re-wrapped key is never shown.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_custody_kind_names[] = {
	"assign", "proxy"
};

static const char *const rec_custody_state_names[] = {
	"requested", "approved", "active", "returned",
	"denied"
};

static const struct field rec_custody_fields[] = {
	FIELD(1, FT_U64, 0, rec_custody, seal_id),
	FIELD_ENUM(2, FT_U8, rec_custody, kind, rec_custody_kind_names),
	FIELD_ENUM(3, FT_U8, rec_custody, state, rec_custody_state_names),
	FIELD(4, FT_U64, 0, rec_custody, from_user),
	FIELD(5, FT_U64, 0, rec_custody, to_user),
	FIELD(6, FT_U64, 0, rec_custody, approved_by),
	FIELD(7, FT_I64, FF_TIME, rec_custody, period_from),
	FIELD(8, FT_I64, FF_TIME, rec_custody, period_to),
	FIELD(9, FT_I64, FF_TIME, rec_custody, handover_from_at),
	FIELD(10, FT_I64, FF_TIME, rec_custody, handover_to_at),
	FIELD(11, FT_I64, FF_TIME, rec_custody, returned_at),
	FIELD(12, FT_BLOB, FF_SECRET, rec_custody, wrapped_key),
	FIELD(13, FT_I64, FF_TIME, rec_custody, created),
};

const struct rec_type rec_custody_type = {
	REC_CUSTODY, "custody", sizeof (struct rec_custody),
	rec_custody_fields, sizeof rec_custody_fields / sizeof rec_custody_fields[0],
	NULL, NULL
};

/* IDX_CUSTODY_SEAL: seal, created, then the id. */
const struct index_def rec_custody_idx_seal = {
	IDX_CUSTODY_SEAL, REC_CUSTODY, "custody-by-seal.db", 0, 2,
	{ { offsetof(struct rec_custody, seal_id), FT_U64, 0 },
	    { offsetof(struct rec_custody, created), FT_I64, 0 } }, 0
};
