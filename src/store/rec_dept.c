/*
 * rec_dept.c -- how the store keeps a department or work station (struct
 * rec_dept).
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const struct field rec_dept_fields[] = {
	FIELD(1, FT_STR, 0, rec_dept, name),
	FIELD(2, FT_STR, 0, rec_dept, number_prefix),
	FIELD(3, FT_U8, 0, rec_dept, is_station),
};

const struct rec_type rec_dept_type = {
	REC_DEPT, "dept", sizeof (struct rec_dept),
	rec_dept_fields, sizeof rec_dept_fields / sizeof rec_dept_fields[0],
	NULL, NULL
};
