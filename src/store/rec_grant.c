/*
 * rec_grant.c -- how the store keeps a seal granted to a user for a period
 * (struct rec_grant), indexed by user and seal.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const struct field rec_grant_fields[] = {
	FIELD(1, FT_U64, 0, rec_grant, seal_id),
	FIELD(2, FT_U64, 0, rec_grant, user_id),
	FIELD(3, FT_I64, FF_TIME, rec_grant, period_from),
	FIELD(4, FT_I64, FF_TIME, rec_grant, period_to),
	FIELD(5, FT_U32, 0, rec_grant, max_uses),
	FIELD(6, FT_U32, 0, rec_grant, uses),
};

const struct rec_type rec_grant_type = {
	REC_GRANT, "grant", sizeof (struct rec_grant),
	rec_grant_fields, sizeof rec_grant_fields / sizeof rec_grant_fields[0],
	NULL, NULL
};

/* IDX_GRANT_USER: user, seal, then the id. */
const struct index_def rec_grant_idx_user = {
	IDX_GRANT_USER, REC_GRANT, "grant-by-user.db", 0, 2,
	{ { offsetof(struct rec_grant, user_id), FT_U64, 0 },
	    { offsetof(struct rec_grant, seal_id), FT_U64, 0 } }, 0
};
