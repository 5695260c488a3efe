/*
 * rec_printer.c -- how the store keeps a printer in the register (struct
 * rec_printer) and its index by name.
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>

#include "store/codec.h"

static const char *const rec_printer_kind_names[] = {
	"folder", "cups"
};

static const struct field rec_printer_fields[] = {
	FIELD(1, FT_STR, 0, rec_printer, name),
	FIELD(2, FT_STR, 0, rec_printer, queue),
	FIELD(3, FT_STR, 0, rec_printer, location),
	FIELD_ENUM(4, FT_U8, rec_printer, kind, rec_printer_kind_names),
	FIELD(5, FT_U8, 0, rec_printer, colour),
	FIELD(6, FT_U8, 0, rec_printer, classified),
	FIELD(7, FT_U8, 0, rec_printer, disabled),
};

const struct rec_type rec_printer_type = {
	REC_PRINTER, "printer", sizeof (struct rec_printer),
	rec_printer_fields, sizeof rec_printer_fields / sizeof rec_printer_fields[0],
	NULL, NULL
};

/* IDX_PRINTER_NAME: the name, unique, to the id. */
const struct index_def rec_printer_idx_name = {
	IDX_PRINTER_NAME, REC_PRINTER, "printer-by-name.db", 1, 1,
	{ { offsetof(struct rec_printer, name), FT_STR, 0 } }, 0
};
