/*
 * rec_medium.c -- how the store keeps a registered removable medium (struct
 * rec_medium) and its index by filesystem UUID.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const struct field rec_medium_fields[] = {
	FIELD(1, FT_STR, 0, rec_medium, uuid),
	FIELD(2, FT_STR, 0, rec_medium, label),
	FIELD(3, FT_U64, 0, rec_medium, registered_by),
	FIELD(4, FT_I64, FF_TIME, rec_medium, registered_at),
	FIELD(5, FT_U8, 0, rec_medium, revoked),
};

const struct rec_type rec_medium_type = {
	REC_MEDIUM, "medium", sizeof (struct rec_medium),
	rec_medium_fields, sizeof rec_medium_fields / sizeof rec_medium_fields[0],
	NULL, NULL
};

/* IDX_MEDIUM_UUID: the uuid, unique, to the id. */
const struct index_def rec_medium_idx_uuid = {
	IDX_MEDIUM_UUID, REC_MEDIUM, "medium-by-uuid.db", 1, 1,
	{ { offsetof(struct rec_medium, uuid), FT_STR, 0 } }, 0
};
