/*
 * layout_table.c -- the body of a table form (a form whose body is
 * label and value rows, render_doc.table_col > 0): each row is set as a
 * paragraph of its own, flush left, its wrapped lines aligned under the
 * value's column, and its leading spaces kept, since a continuation row
 * is padded to that column by the form itself.
 *
 * Only the rows: how a paragraph is broken is layout_paragraph.c's,
 * where its lines go on the page layout.c's, and what makes a body a
 * table form is decided before rendering (compose.c).  Nothing here
 * draws or writes a file.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "render/layout_table.h"

/* A table form's rows: as paragraphs, but each row's leading spaces
 * are its own (a continuation padded to the value's column). */
enum status
layout_table_rows(struct layout *l, const char *text, int col,
    const struct layout_para *p)
{
	struct layout_para row_para = *p;
	const char *end;
	enum status st = STATUS_OK;
	char *row;

	row_para.first = 0;
	row_para.rest = col * LAYOUT_CELL;
	while (text != NULL && *text != '\0' && st == STATUS_OK) {
		end = strchr(text, '\n');
		if (end == NULL)
			end = text + strlen(text);
		row = xstrndup(text, (size_t) (end - text));
		st = layout_paragraph(l, row, &row_para);
		free(row);
		text = *end == '\n' ? end + 1 : end;
	}
	return st;
}
