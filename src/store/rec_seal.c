/*
 * rec_seal.c -- how the store keeps a seal (struct rec_seal) and its index
 * by registration number. The wrapped private key is never shown.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_seal_status_names[] = {
	"active", "suspended", "revoked"
};

static const struct field rec_seal_fields[] = {
	FIELD(1, FT_STR, 0, rec_seal, regno),
	FIELD(2, FT_STR, 0, rec_seal, name),
	FIELD(3, FT_STR, 0, rec_seal, owner_body),
	FIELD(4, FT_STR, 0, rec_seal, purpose),
	FIELD_ENUM(5, FT_U8, rec_seal, status, rec_seal_status_names),
	FIELD(6, FT_U8, 0, rec_seal, key_alg),
	FIELD(7, FT_U64, 0, rec_seal, status_by),
	FIELD(8, FT_STR, 0, rec_seal, status_reason),
	FIELD(9, FT_I64, FF_TIME, rec_seal, status_time),
	FIELD(10, FT_U64, 0, rec_seal, custodian_id),
	FIELD(11, FT_BLOB, 0, rec_seal, impression),
	FIELD(12, FT_BLOB, 0, rec_seal, impression_sm3),
	FIELD(13, FT_BLOB, 0, rec_seal, public_key),
	FIELD(14, FT_BLOB, FF_SECRET, rec_seal, wrapped_key),
	FIELD(15, FT_BLOB, 0, rec_seal, seal_der),
	FIELD(16, FT_BLOB, 0, rec_seal, cert),
	FIELD(17, FT_I64, FF_TIME, rec_seal, valid_from),
	FIELD(18, FT_I64, FF_TIME, rec_seal, valid_to),
	FIELD(19, FT_I64, FF_TIME, rec_seal, created),
};

const struct rec_type rec_seal_type = {
	REC_SEAL, "seal", sizeof (struct rec_seal),
	rec_seal_fields, sizeof rec_seal_fields / sizeof rec_seal_fields[0],
	NULL, NULL
};

/* IDX_SEAL_REGNO: the regno, unique, to the id. */
const struct index_def rec_seal_idx_regno = {
	IDX_SEAL_REGNO, REC_SEAL, "seal-by-regno.db", 1, 1,
	{ { offsetof(struct rec_seal, regno), FT_STR, 0 } }, 0
};
